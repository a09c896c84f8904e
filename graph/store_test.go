package graph

import (
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cayleygraph/quad"

	"github.com/nhsgraph/nhsgraph/graph/pgtest"
)

// backends opens each backend fresh for a test: memory, bolt, and
// PostgreSQL in a database of its own (nil when the server is unreachable;
// forEach then skips it, or fails under CI=true).
func backends(t *testing.T) map[string]*Store {
	ctx := context.Background()
	mem, err := Open(ctx, Config{Backend: BackendMemory})
	if err != nil {
		t.Fatal(err)
	}
	bolt, err := Open(ctx, Config{Backend: BackendBolt, Path: filepath.Join(t.TempDir(), "g.bolt")})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { mem.Close(); bolt.Close() })
	out := map[string]*Store{"memory": mem, "bolt": bolt, "postgres": nil}
	if ok, _ := pgtest.Available(); ok || os.Getenv("CI") == "true" {
		out["postgres"] = openPostgres(t)
	}
	return out
}

// openPostgres opens a store on a fresh PostgreSQL database.
func openPostgres(t testing.TB) *Store {
	t.Helper()
	u := pgtest.NewDatabase(t)
	s, err := Open(context.Background(), Config{Backend: BackendPostgres, Path: u})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// forEach runs f as a subtest on every backend, in a stable order.
func forEach(t *testing.T, stores map[string]*Store, f func(t *testing.T, s *Store)) {
	for _, name := range []string{"memory", "bolt", "postgres"} {
		s, ok := stores[name]
		if !ok {
			continue
		}
		t.Run(name, func(t *testing.T) {
			if s == nil {
				pgtest.Require(t)
			}
			f(t, s)
		})
	}
}

func TestAddIsIdempotentAndAtomic(t *testing.T) {
	ctx := context.Background()
	qs := []quad.Quad{
		quad.MakeIRI("nhs:org/nhsx", "nhs:ledBy", "nhs:person/matthew-gould", "nhs:doc/d/s/1"),
		quad.Make(quad.IRI("nhs:org/nhsx"), quad.IRI("schema:name"), "NHSX", nil),
		quad.Make(quad.IRI("nhs:org/nhsx"), quad.IRI("schema:name"), "NHSX", nil), // repeated in the batch
	}
	forEach(t, backends(t), func(t *testing.T, s *Store) {
		g0 := s.Generation()
		n, err := s.Add(ctx, qs)
		if err != nil || n != 2 {
			t.Fatalf("first add: %d, %v; want 2 new", n, err)
		}
		if s.Generation() == g0 {
			t.Error("a write did not change the generation")
		}
		g1 := s.Generation()
		n, err = s.Add(ctx, qs)
		if err != nil || n != 0 {
			t.Fatalf("second add: %d, %v; want 0", n, err)
		}
		if s.Generation() != g1 {
			t.Error("a write that changed nothing changed the generation")
		}
		if !s.Has(quad.IRI("nhs:org/nhsx"), quad.IRI("schema:name"), quad.String("NHSX")) {
			t.Error("Has misses a stored quad")
		}
		if s.Has(quad.IRI("nhs:org/nhsx"), quad.IRI("schema:name"), quad.String("NHSx")) {
			t.Error("Has finds a quad never stored")
		}
		// an invalid quad fails the whole batch, leaving the store as it was
		bad := []quad.Quad{quad.MakeIRI("nhs:a", "nhs:b", "nhs:c", ""), {Subject: quad.IRI("nhs:x")}}
		if _, err := s.Add(ctx, bad); err == nil {
			t.Error("an invalid quad was accepted")
		}
		if c, _ := s.Count(ctx); c != 2 {
			t.Errorf("count %d after a failed batch, want 2", c)
		}
		n, err = s.Delete(ctx, qs[:1])
		if err != nil || n != 1 {
			t.Errorf("delete: %d, %v", n, err)
		}
		if s.Generation() == g1 {
			t.Error("a delete did not change the generation")
		}
		if s.Has(quad.IRI("nhs:org/nhsx"), quad.IRI("nhs:ledBy"), quad.IRI("nhs:person/matthew-gould")) {
			t.Error("Has finds a deleted quad")
		}
		if n, err := s.Delete(ctx, qs[:1]); err != nil || n != 0 {
			t.Errorf("deleting it again: %d, %v; want 0", n, err)
		}
	})
}

func TestImportGzip(t *testing.T) {
	ctx := context.Background()
	p := filepath.Join(t.TempDir(), "x.nq.gz")
	f, _ := os.Create(p)
	zw := gzip.NewWriter(f)
	zw.Write([]byte("<a> <b> <c> .\n<a> <b> \"d\" <l> .\n<a> <b> <c> .\n"))
	zw.Close()
	f.Close()
	forEach(t, backends(t), func(t *testing.T, s *Store) {
		read, added, err := s.ImportFile(ctx, p, nil)
		if err != nil || read != 3 || added != 2 {
			t.Fatalf("read %d added %d err %v; want 3, 2", read, added, err)
		}
		if n, _ := s.Count(ctx); n != 2 {
			t.Errorf("the store holds %d quads, want 2", n)
		}
	})
	broken := filepath.Join(t.TempDir(), "bad.nq")
	os.WriteFile(broken, []byte("<a> <b> <c> .\nthis is not a quad\n"), 0o644)
	s := backends(t)["memory"]
	if _, _, err := s.ImportFile(ctx, broken, nil); err == nil || !strings.Contains(err.Error(), "bad.nq: bad input: line 2:") {
		t.Errorf("a broken file should fail with its name and where: %v", err)
	}
	// A file that breaks after a whole batch keeps the batch and no more.
	var long strings.Builder
	for i := range ImportBatch + 5 {
		fmt.Fprintf(&long, "<s%d> <p> <o> .\n", i)
	}
	long.WriteString("not a quad\n")
	read, added, err := s.Import(ctx, strings.NewReader(long.String()), nil)
	if err == nil || !strings.Contains(err.Error(), fmt.Sprintf("line %d:", ImportBatch+6)) || read != ImportBatch || added != ImportBatch {
		t.Errorf("read %d added %d, %v; want %d whole, then where it broke", read, added, err, ImportBatch)
	}
	// A cancelled import stops with the context's error.
	cctx, cancel := context.WithCancel(ctx)
	cancel()
	if _, _, err := s.Import(cctx, strings.NewReader(long.String()), nil); !errors.Is(err, context.Canceled) {
		t.Errorf("a cancelled import answers %v", err)
	}
}

func TestOpenErrors(t *testing.T) {
	ctx := context.Background()
	for _, tc := range []struct {
		name string
		cfg  Config
		want string
	}{
		{"unknown backend", Config{Backend: "oracle"}, "unknown backend"},
		{"bolt without a path", Config{Backend: BackendBolt}, "needs --dbpath"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Open(ctx, tc.cfg)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("err %v, want it to say %q", err, tc.want)
			}
		})
	}
	// a directory gets nhsgraph.bolt inside it; a second process is refused clearly
	dir := t.TempDir()
	s, err := Open(ctx, Config{Backend: BackendBolt, Path: dir})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if filepath.Base(s.Path()) != DefaultBoltFile {
		t.Errorf("path %s", s.Path())
	}
	if _, err := Open(ctx, Config{Backend: BackendBolt, Path: dir}); err == nil || !strings.Contains(err.Error(), "locked") {
		t.Errorf("second open: %v, want a clear 'locked' error", err)
	}
}

func TestNames(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"NHS Digital", "nhs-digital"},
		{"A Buyer's Guide to AI in Health and Care", "a-buyers-guide-to-ai-in-health-and-care"},
		{"NHSX’s", "nhsxs"},
		{"Yorkshire & Humber", "yorkshire-and-humber"},
		{"  £1,097 million  ", "1-097-million"},
	} {
		if got := Slug(tc.in); got != tc.want {
			t.Errorf("Slug(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
	if got := Expand("nhs:org/nhsx"); got != "https://w3id.org/nhsgraph/org/nhsx" {
		t.Errorf("Expand: %s", got)
	}
	if got := Shorten(Expand("schema:name")); got != "schema:name" {
		t.Errorf("Shorten(Expand) = %s", got)
	}
	if got := EntityIRI(TypePerson, "Matthew Gould"); got != "nhs:person/matthew-gould" {
		t.Errorf("EntityIRI: %s", got)
	}
}
