package analyst

import (
	"bytes"
	"encoding/json"
	"sort"
	"testing"

	"github.com/nhsgraph/nhsgraph/graph"
	"github.com/nhsgraph/nhsgraph/graph/pgtest"
	"github.com/nhsgraph/nhsgraph/internal/testgraph"
	"github.com/nhsgraph/nhsgraph/query/gizmo"
)

// TestAnalystOnPostgres wants the analyst endpoints' answers on the seeds
// in PostgreSQL to be the memory store's: the index they run on is read
// from the store in two streams, not Cayley's iterator
// (graph.Store.EachQuad). The stores list quads in different orders, and
// so do the answers where order carries no meaning, so lists are compared
// as sets, and paths are asked for all at once (k as large as it goes).
func TestAnalystOnPostgres(t *testing.T) {
	mem := newEngine(testgraph.Seeds(t), gizmo.Config{})
	pg := newEngine(testgraph.SeedsIn(t, graph.Config{Backend: graph.BackendPostgres, Path: pgtest.NewDatabase(t)}), gizmo.Config{})
	calls := []struct {
		name string
		call func(e *Engine) (any, error)
	}{
		{"search", func(e *Engine) (any, error) { return e.Entities(t.Context(), SearchRequest{Query: "digital"}) }},
		{"entity", func(e *Engine) (any, error) { return e.Entity(t.Context(), EntityRequest{ID: "<nhs:org/nhsx>"}) }},
		{"paths", func(e *Engine) (any, error) {
			return e.Paths(t.Context(), PathsRequest{From: "Digital Aspirant programme", To: "Matthew Gould", MaxHops: 3, K: 50})
		}},
		{"chains", func(e *Engine) (any, error) {
			return e.Chains(t.Context(), ChainsRequest{Types: []string{"Fund", "Programme", "Outcome"}})
		}},
	}
	for _, c := range calls {
		t.Run(c.name, func(t *testing.T) {
			want, err := c.call(mem)
			if err != nil {
				t.Fatal(err)
			}
			got, err := c.call(pg)
			if err != nil {
				t.Fatal(err)
			}
			w, g := canonicalJSON(t, want), canonicalJSON(t, got)
			if !bytes.Equal(g, w) {
				t.Errorf("PostgreSQL answers\n%s\nmemory answers\n%s", g, w)
			}
			if len(w) < 100 {
				t.Errorf("a thin answer to compare: %s", w)
			}
		})
	}
}

// canonicalJSON encodes v with every list sorted.
func canonicalJSON(t *testing.T, v any) []byte {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	var tree any
	if err := json.Unmarshal(b, &tree); err != nil {
		t.Fatal(err)
	}
	var sortLists func(any) any
	sortLists = func(v any) any {
		switch v := v.(type) {
		case map[string]any:
			for k, x := range v {
				v[k] = sortLists(x)
			}
		case []any:
			keys := make([]string, len(v))
			for i, x := range v {
				v[i] = sortLists(x)
				k, _ := json.Marshal(v[i])
				keys[i] = string(k)
			}
			sort.Sort(byKeys{keys, v})
		}
		return v
	}
	out, _ := json.Marshal(sortLists(tree))
	return out
}

type byKeys struct {
	keys []string
	vals []any
}

func (b byKeys) Len() int           { return len(b.keys) }
func (b byKeys) Less(i, j int) bool { return b.keys[i] < b.keys[j] }
func (b byKeys) Swap(i, j int) {
	b.keys[i], b.keys[j] = b.keys[j], b.keys[i]
	b.vals[i], b.vals[j] = b.vals[j], b.vals[i]
}
