package graph

import (
	"context"
	"database/sql"
	"fmt"
	"net/url"
	"reflect"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/quad"

	"github.com/nhsgraph/nhsgraph/graph/pgtest"
)

func TestOpenSQLErrors(t *testing.T) {
	ctx := context.Background()
	pgtest.Require(t)
	missing, _ := url.Parse(pgtest.ServerURL())
	missing.Path = "/nhsgraph_no_such_database"
	missing.User = url.UserPassword("postgres", "s3cret-word")
	for _, tc := range []struct {
		name, backend, path string
		want                string
	}{
		{"no URL", BackendPostgres, "", "needs --dbpath postgres://"},
		{"not a URL", BackendPostgres, "postgres://%zz", "not a URL"},
		{"another scheme", BackendCockroach, "mysql://root@127.0.0.1/x", `must be a postgres:// URL, not "mysql://"`},
		{"no database", BackendPostgres, "postgres://postgres@127.0.0.1:5432", "must name a host and a database"},
		{"bad option", BackendPostgres, "postgres://postgres@127.0.0.1/x?maxopenconnections=lots", `maxopenconnections="lots" is not a number`},
		{"missing database", BackendPostgres, missing.String(), `127.0.0.1:5432/nhsgraph_no_such_database: database "nhsgraph_no_such_database" does not exist`},
		{"connection refused", BackendPostgres, "postgres://postgres@127.0.0.1:1/test?sslmode=disable", "127.0.0.1:1/test: connection refused"},
		{"unknown host", BackendPostgres, "postgres://postgres@no-such-host.invalid:5432/test?sslmode=disable", "unknown host"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s, err := Open(ctx, Config{Backend: tc.backend, Path: tc.path})
			if err == nil {
				s.Close()
				t.Fatalf("opened; want an error saying %q", tc.want)
			}
			msg := err.Error()
			if !strings.Contains(msg, tc.want) {
				t.Errorf("error %q\nwant it to say %q", msg, tc.want)
			}
			if strings.Contains(msg, "\n") || strings.Contains(msg, "s3cret") {
				t.Errorf("error is not one line without the password: %q", msg)
			}
		})
	}
}

func TestSQLStoreIsReusedAndShared(t *testing.T) {
	ctx := context.Background()
	u := pgtest.NewDatabase(t)
	a, err := Open(ctx, Config{Backend: BackendPostgres, Path: u})
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	if _, err := a.Add(ctx, []quad.Quad{quad.MakeIRI("nhs:a", "nhs:b", "nhs:c", "")}); err != nil {
		t.Fatal(err)
	}
	// a second process on the same database reuses the schema, sees the
	// data and starts at the same generation
	b, err := Open(ctx, Config{Backend: BackendPostgres, Path: u + "&maxopenconnections=4&local_optimize=true"})
	if err != nil {
		t.Fatalf("reopening an initialised store: %v", err)
	}
	defer b.Close()
	if n, _ := b.Count(ctx); n != 1 {
		t.Errorf("the second store counts %d quads, want 1", n)
	}
	if a.Generation() != b.Generation() {
		t.Errorf("generations differ: %d and %d", a.Generation(), b.Generation())
	}
	// a write through one is announced to the other within moments
	before := b.Generation()
	if _, err := a.Add(ctx, []quad.Quad{quad.MakeIRI("nhs:a", "nhs:b", "nhs:d", "")}); err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	for b.Generation() == before && time.Since(start) < 5*time.Second {
		time.Sleep(time.Millisecond)
	}
	if b.Generation() != a.Generation() {
		t.Fatalf("the other store's generation is %d, the writer's %d", b.Generation(), a.Generation())
	}
	if took := time.Since(start); took > GenerationPoll {
		t.Errorf("the other store learnt of the write after %s: the notification was lost", took)
	}
	if !b.Has(quad.IRI("nhs:a"), quad.IRI("nhs:b"), quad.IRI("nhs:d")) {
		t.Error("the other store does not see the new quad")
	}
	if err := b.Ping(ctx); err != nil {
		t.Errorf("ping: %v", err)
	}
}

// variedQuads use every kind of value Cayley's SQL schema has a column for.
func variedQuads() []quad.Quad {
	at := time.Date(2020, 5, 5, 9, 30, 0, 123456000, time.UTC)
	objs := []quad.Value{
		quad.IRI("nhs:org/nhsx"), quad.BNode("b1"), quad.String("NHSX"),
		quad.String(`quotes " and \ backslash, {braces}, commas, NULL, 'single' and £ ’`),
		quad.String("a NUL \x00 byte"), quad.String(""),
		quad.TypedString{Value: "1097000000", Type: "xsd:decimal"},
		quad.LangString{Value: "Gwasanaeth Iechyd", Lang: "cy"},
		quad.Int(-42), quad.Bool(true), quad.Bool(false), quad.Float(-0.5), quad.Float(1e300),
		quad.Time(at),
	}
	var out []quad.Quad
	for i, o := range objs {
		label := quad.Value(nil)
		if i%2 == 0 {
			label = quad.IRI(fmt.Sprintf("nhs:doc/d/s/%d", i))
		}
		out = append(out, quad.Quad{Subject: quad.IRI("nhs:org/nhsx"), Predicate: quad.IRI(fmt.Sprintf("nhs:p%d", i)), Object: o, Label: label})
	}
	return out
}

// TestBulkWritesWhatCayleyWrites compares, row for row, the tables our
// write path leaves with those Cayley's own writer leaves for the same
// quads, after adding and after deleting some.
func TestBulkWritesWhatCayleyWrites(t *testing.T) {
	ctx := context.Background()
	qs := variedQuads()
	ours := openPostgres(t)
	theirsURL := pgtest.NewDatabase(t)
	if err := graph.InitQuadStore(BackendPostgres, theirsURL, nil); err != nil {
		t.Fatal(err)
	}
	theirs, err := graph.NewQuadStore(BackendPostgres, theirsURL, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer theirs.Close()
	db, err := sql.Open("postgres", theirsURL)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	apply := func(qs []quad.Quad, act graph.Procedure) {
		var ds []graph.Delta
		for _, q := range qs {
			ds = append(ds, graph.Delta{Quad: q, Action: act})
		}
		if err := theirs.ApplyDeltas(ds, graph.IgnoreOpts{IgnoreDup: true, IgnoreMissing: true}); err != nil {
			t.Fatal(err)
		}
	}
	for _, step := range []struct {
		name string
		do   func() (int, error)
		them func()
		want int
	}{
		{"add", func() (int, error) { return ours.Add(ctx, qs) }, func() { apply(qs, graph.Add) }, len(qs)},
		{"delete", func() (int, error) { return ours.Delete(ctx, qs[3:9]) }, func() { apply(qs[3:9], graph.Delete) }, 6},
	} {
		t.Run(step.name, func(t *testing.T) {
			n, err := step.do()
			if err != nil || n != step.want {
				t.Fatalf("%s: %d, %v; want %d", step.name, n, err, step.want)
			}
			step.them()
			for _, table := range []string{"nodes", "quads"} {
				got, want := dumpTable(t, ours.sql.db, table), dumpTable(t, db, table)
				if len(want) == 0 {
					t.Fatalf("Cayley wrote no %s", table)
				}
				if !reflect.DeepEqual(got, want) {
					t.Errorf("%s differ from Cayley's:\nours   %q\ntheirs %q", table, got, want)
				}
			}
		})
	}
	// and Cayley's reader gives back what went in
	var got []string
	it := ours.QuadStore().QuadsAllIterator()
	defer it.Close()
	for it.Next(ctx) {
		got = append(got, ours.QuadStore().Quad(it.Result()).String())
	}
	var want []string
	for _, q := range append(qs[:3:3], qs[9:]...) {
		want = append(want, q.String())
	}
	sort.Strings(got)
	sort.Strings(want)
	if !reflect.DeepEqual(got, want) {
		t.Errorf("read back:\n%q\nwant\n%q", got, want)
	}
}

// dumpTable is a table's rows as text, in a stable order, without the
// columns that record when or in which order a row was written.
func dumpTable(t *testing.T, db *sql.DB, table string) []string {
	t.Helper()
	q := `SELECT encode(hash, 'hex'), refs, encode(value, 'hex'), value_string, datatype, language, iri, bnode,
		value_int, value_bool, value_float, value_time FROM nodes ORDER BY hash`
	if table == "quads" {
		q = `SELECT encode(subject_hash, 'hex'), encode(predicate_hash, 'hex'), encode(object_hash, 'hex'), encode(label_hash, 'hex')
		FROM quads ORDER BY 1, 2, 3, 4`
	}
	rows, err := db.Query(q)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	cols, _ := rows.Columns()
	var out []string
	for rows.Next() {
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			t.Fatal(err)
		}
		for i, v := range vals {
			if b, ok := v.([]byte); ok {
				vals[i] = string(b)
			}
			if tm, ok := v.(time.Time); ok {
				vals[i] = tm.UTC().Format(time.RFC3339Nano)
			}
		}
		out = append(out, fmt.Sprint(vals...))
	}
	return out
}

// TestBulkLoadKeepsCayleysIndexes: a load into an empty store drops the
// secondary indexes for speed; afterwards, and after a load killed half
// way (the next open repairs it), the schema is Cayley's again.
func TestBulkLoadKeepsCayleysIndexes(t *testing.T) {
	ctx := context.Background()
	u := pgtest.NewDatabase(t)
	s, err := Open(ctx, Config{Backend: BackendPostgres, Path: u})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	schema := func() []string {
		t.Helper()
		rows, err := s.sql.db.Query(`SELECT indexname FROM pg_indexes WHERE tablename = 'quads'
			UNION ALL SELECT conname FROM pg_constraint WHERE conrelid = 'quads'::regclass ORDER BY 1`)
		if err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
		var out []string
		for rows.Next() {
			var n string
			rows.Scan(&n)
			out = append(out, n)
		}
		return out
	}
	want := schema()
	if len(want) != 12 {
		t.Fatalf("a fresh store has only %v", want)
	}
	read, added, err := s.Import(ctx, strings.NewReader("<a> <b> <c> .\n<a> <b> <c> .\n<a> <b> \"d\" <l> .\n"), nil)
	if err != nil || read != 3 || added != 2 {
		t.Fatalf("import: read %d added %d, %v", read, added, err)
	}
	if got := schema(); !reflect.DeepEqual(got, want) {
		t.Errorf("after a bulk load the indexes are %v, want %v", got, want)
	}
	// a load killed after dropping them
	if _, err := s.sql.db.Exec(`DROP INDEX pos_index; ALTER TABLE quads DROP CONSTRAINT object_hash_fk`); err != nil {
		t.Fatal(err)
	}
	s2, err := Open(ctx, Config{Backend: BackendPostgres, Path: u})
	if err != nil {
		t.Fatal(err)
	}
	s2.Close()
	if got := schema(); !reflect.DeepEqual(got, want) {
		t.Errorf("reopening did not repair the indexes: %v, want %v", got, want)
	}
}
