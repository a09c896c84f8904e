package query

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	cgraph "github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/quad"
	"github.com/cayleygraph/quad/jsonld"
	"github.com/cayleygraph/quad/nquads"

	ngraph "github.com/nhsgraph/nhsgraph/graph"
	"github.com/nhsgraph/nhsgraph/internal/testgraph"
)

func TestExport(t *testing.T) {
	store := testgraph.Seeds(t)
	e := New(store, Config{})
	total, _ := store.Count(t.Context())
	tests := []struct {
		name      string
		req       ExportRequest
		wantLines int64 // -1: do not count
		want      []string
		wantNot   []string
	}{
		{"whole graph, full IRIs", ExportRequest{}, total,
			[]string{"<https://w3id.org/nhsgraph/org/nhsx> <https://schema.org/name> \"NHSX\" ."},
			[]string{"<nhs:", "<schema:"}},
		{"short IRIs as stored", ExportRequest{Short: true, Subjects: []string{"<nhs:org/nhsx>"}, Predicates: []string{"<nhs:ledBy>"}}, 1,
			[]string{"<nhs:org/nhsx> <nhs:ledBy> <nhs:person/matthew-gould> <nhs:doc/"}, nil},
		{"filter by full IRI and bare term", ExportRequest{Subjects: []string{"<https://w3id.org/nhsgraph/org/nhsx>"}, Predicates: []string{"nhs:ledBy,rdf:type"}}, 2,
			[]string{"<https://w3id.org/nhsgraph/ledBy>", "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"}, nil},
		{"by label: one sentence's facts", ExportRequest{Labels: []string{"<nhs:doc/002_b0f8b74bcd0c97da/s/3>"}}, -1,
			[]string{"<https://w3id.org/nhsgraph/ledBy>"}, nil},
		{"object literal", ExportRequest{Objects: []string{`"NHSX"`}, Short: true}, -1,
			[]string{`<nhs:org/nhsx> <schema:name> "NHSX" .`}, nil},
		{"nothing matches", ExportRequest{Subjects: []string{"<nhs:org/nobody>"}}, 0, nil, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var buf bytes.Buffer
			if err := e.Export(t.Context(), &buf, tc.req); err != nil {
				t.Fatal(err)
			}
			out := buf.String()
			if n := int64(strings.Count(out, "\n")); tc.wantLines >= 0 && n != tc.wantLines {
				t.Errorf("%d lines, want %d:\n%.500s", n, tc.wantLines, out)
			}
			for _, w := range tc.want {
				if !strings.Contains(out, w) {
					t.Errorf("lacks %q:\n%.500s", w, out)
				}
			}
			for _, w := range tc.wantNot {
				if strings.Contains(out, w) {
					t.Errorf("holds %q", w)
				}
			}
			// Whatever is written reads back as N-Quads.
			r := nquads.NewReader(strings.NewReader(out), false)
			for {
				if _, err := r.ReadQuad(); err != nil {
					if err.Error() != "EOF" {
						t.Errorf("output does not parse: %v", err)
					}
					break
				}
			}
		})
	}
}

func TestExportJSONLD(t *testing.T) {
	e := New(testgraph.Seeds(t), Config{})
	var buf bytes.Buffer
	if err := e.Export(t.Context(), &buf, ExportRequest{Format: "jsonld", Subjects: []string{"<nhs:org/nhsx>"}}); err != nil {
		t.Fatal(err)
	}
	var doc any
	if err := json.Unmarshal(buf.Bytes(), &doc); err != nil {
		t.Fatalf("not JSON: %v", err)
	}
	if !strings.Contains(buf.String(), "https://w3id.org/nhsgraph/org/nhsx") {
		t.Errorf("JSON-LD lacks NHSX's full IRI: %.300s", buf.String())
	}
	for _, f := range []string{"xml", "csv", "pquads"} {
		if err := e.Export(t.Context(), &buf, ExportRequest{Format: f}); !errors.Is(err, ErrBadParam) {
			t.Errorf("format %s: %v, want ErrBadParam", f, err)
		}
	}
	if m, err := ExportFormat(""); err != nil || m != "application/n-quads" {
		t.Errorf("default format: %q %v", m, err)
	}
	if ExportMIME("application/ld+json") != "jsonld" || ExportMIME("text/html") != "" {
		t.Error("ExportMIME")
	}
}

// TestExportLoadsBack exports the seeds graph as /api/v2/read does by
// default (full IRIs) and loads the export into an empty store, by import
// (nhsgraph load) and by write (/api/v2/write): the new store must hold
// exactly the same quads, and the README's queries must answer the same.
// Before imports compacted the project's namespaces, every IRI came back
// long and those queries answered null.
func TestExportLoadsBack(t *testing.T) {
	ctx := t.Context()
	src := testgraph.Seeds(t)
	var full bytes.Buffer
	if err := New(src, Config{}).Export(ctx, &full, ExportRequest{}); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(full.String(), "<https://w3id.org/nhsgraph/") {
		t.Fatal("the default export should write full IRIs")
	}
	short := func(s *ngraph.Store) []string {
		var b bytes.Buffer
		if err := New(s, Config{}).Export(ctx, &b, ExportRequest{Short: true}); err != nil {
			t.Fatal(err)
		}
		lines := strings.Split(strings.TrimSpace(b.String()), "\n")
		slices.Sort(lines)
		return lines
	}
	want := short(src)
	for _, load := range []struct {
		name string
		f    func(s *ngraph.Store) error
	}{
		{"import", func(s *ngraph.Store) error {
			_, _, err := s.Import(ctx, strings.NewReader(full.String()), nil)
			return err
		}},
		{"write", func(s *ngraph.Store) error {
			_, err := s.WriteNQuads(ctx, strings.NewReader(full.String()))
			return err
		}},
	} {
		t.Run(load.name, func(t *testing.T) {
			dst, err := ngraph.Open(ctx, ngraph.Config{Backend: ngraph.BackendMemory})
			if err != nil {
				t.Fatal(err)
			}
			defer dst.Close()
			if err := load.f(dst); err != nil {
				t.Fatal(err)
			}
			got := short(dst)
			if !slices.Equal(got, want) {
				missing, extra := 0, 0
				for _, l := range want {
					if _, ok := slices.BinarySearch(got, l); !ok {
						if missing++; missing <= 3 {
							t.Errorf("missing after the round trip: %s", l)
						}
					}
				}
				for _, l := range got {
					if _, ok := slices.BinarySearch(want, l); !ok {
						if extra++; extra <= 3 {
							t.Errorf("new after the round trip: %s", l)
						}
					}
				}
				t.Fatalf("%d quads missing, %d new (of %d)", missing, extra, len(want))
			}
			for _, q := range []string{
				`g.V("<nhs:org/nhsx>").out("<nhs:ledBy>").out("<schema:name>").all()`,
				`g.V().has("<rdf:type>", "<nhs:Fund>").tag("fund").out("<nhs:funds>").tag("programme").out("<nhs:achieved>").tag("outcome").all()`,
				`g.emit(g.V().has("<nhs:start>", 0).count())`,
			} {
				a, err := New(src, Config{}).Run(ctx, Request{Lang: "gizmo", Query: q})
				b, err2 := New(dst, Config{}).Run(ctx, Request{Lang: "gizmo", Query: q})
				if err != nil || err2 != nil || string(a.Body) != string(b.Body) || string(a.Body) == `{"result":null}`+"\n" {
					t.Errorf("%s: before %s (%v), after %s (%v)", q, a.Body, err, b.Body, err2)
				}
			}
		})
	}
}

// countingStore counts the quads an export reads from the store.
type countingStore struct {
	*ngraph.Store
	read atomic.Int64
}

func (c *countingStore) QuadStore() cgraph.QuadStore {
	return countingQuads{c.Store.QuadStore(), &c.read}
}

type countingQuads struct {
	cgraph.QuadStore
	n *atomic.Int64
}

func (c countingQuads) Quad(r cgraph.Ref) quad.Quad {
	c.n.Add(1)
	return c.QuadStore.Quad(r)
}

// firstWrite records how many quads had been read when the first byte was
// written, and can hold the export there.
type firstWrite struct {
	store   *countingStore
	at      int64
	started chan struct{}
	hold    chan struct{}
	buf     bytes.Buffer
}

func (f *firstWrite) Write(p []byte) (int, error) {
	if f.at < 0 {
		f.at = f.store.read.Load()
		close(f.started)
		<-f.hold
	}
	return f.buf.Write(p)
}

// TestExportStreams exports the seeds graph in both formats. The first
// bytes must go out after a few hundred quads, not after the whole graph
// (Cayley's JSON-LD writer read every quad before writing one byte: 20 s
// and 1.6 GB on a million quads); the export holds a concurrency slot while
// it runs, as a query does; and the JSON-LD reads back, with Cayley's
// JSON-LD reader, as the same quads as the N-Quads export.
func TestExportStreams(t *testing.T) {
	store := &countingStore{Store: testgraph.Seeds(t)}
	e := New(store, Config{MaxConcurrent: 1, QueueWait: 10 * time.Millisecond})
	total, _ := store.Count(t.Context())
	exports := map[string]string{}
	for _, format := range []string{"nquads", "jsonld"} {
		store.read.Store(0)
		w := &firstWrite{store: store, at: -1, started: make(chan struct{}), hold: make(chan struct{})}
		done := make(chan error, 1)
		go func() { done <- e.Export(t.Context(), w, ExportRequest{Format: format}) }()
		<-w.started
		if w.at >= total/2 {
			t.Errorf("%s: the first byte was written after %d of %d quads", format, w.at, total)
		}
		if _, err := e.Run(t.Context(), Request{Lang: "gizmo", Query: "g.emit(1)"}); !errors.Is(err, ErrBusy) {
			t.Errorf("%s: a query while the export runs with one slot: %v, want ErrBusy", format, err)
		}
		close(w.hold)
		if err := <-done; err != nil {
			t.Fatalf("%s: %v", format, err)
		}
		exports[format] = w.buf.String()
	}
	nq := readAll(t, nquads.NewReader(strings.NewReader(exports["nquads"]), false))
	ld := readAll(t, jsonld.NewReader(strings.NewReader(exports["jsonld"])))
	if len(nq) != int(total) || !slices.Equal(nq, ld) {
		t.Errorf("N-Quads %d quads, JSON-LD %d (of %d); first differences:", len(nq), len(ld), total)
		for i := 0; i < len(nq) && i < len(ld); i++ {
			if nq[i] != ld[i] {
				t.Errorf("%s\n%s", nq[i], ld[i])
				break
			}
		}
	}
}

// readAll reads quads as sorted N-Quads lines.
func readAll(t *testing.T, r quad.Reader) []string {
	t.Helper()
	var out []string
	for {
		q, err := r.ReadQuad()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		// JSON-LD's toRdf gives a plain string the datatype xsd:string
		if ts, ok := q.Object.(quad.TypedString); ok && ts.Type == ngraph.NSXSD+"string" {
			q.Object = ts.Value
		}
		out = append(out, q.NQuad())
	}
	slices.Sort(out)
	return out
}
