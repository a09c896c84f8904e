package gizmo

import (
	"fmt"
	"os"
	"testing"

	"github.com/nhsgraph/nhsgraph/graph"
	"github.com/nhsgraph/nhsgraph/graph/pgtest"
	"github.com/nhsgraph/nhsgraph/internal/testgraph"
)

// BenchmarkQueriesDocStores runs every Gizmo query in docs/QUERIES.md on the
// seeds in memory and in PostgreSQL, cache off, after checking that both
// stores give the same answer. Run it with
//
//	go test ./query -run '^$' -bench QueriesDocStores -benchtime 20x
func BenchmarkQueriesDocStores(b *testing.B) {
	doc, err := os.ReadFile(queriesDoc)
	if err != nil {
		b.Fatal(err)
	}
	stores := []struct {
		name string
		e    *Engine
	}{
		{"memory", New(testgraph.Seeds(b), Config{})},
		{"postgres", New(testgraph.SeedsIn(b, graph.Config{Backend: graph.BackendPostgres, Path: pgtest.NewDatabase(b)}), Config{})},
	}
	for i, m := range docQuery.FindAllSubmatch(doc, -1) {
		req := Request{Lang: "gizmo", Query: string(m[1]), Limit: -1}
		var want string
		for _, st := range stores {
			a, err := st.e.Run(b.Context(), req)
			if err != nil {
				b.Fatalf("%s: %v\n%s", st.name, err, req.Query)
			}
			got := distinctRows(b, a.Body)
			if want == "" {
				want = got
			} else if got != want {
				b.Fatalf("%s answers differently from memory:\n%s\n%s\nwant\n%s", st.name, req.Query, got, want)
			}
		}
		for _, st := range stores {
			b.Run(fmt.Sprintf("q%02d/%s", i+1, st.name), func(b *testing.B) {
				for b.Loop() {
					if _, err := st.e.Run(b.Context(), req); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}
