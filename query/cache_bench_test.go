package query

import (
	"testing"

	"github.com/nhsgraph/nhsgraph/internal/testgraph"
)

// BenchmarkRunCached answers a query from the result cache: the cost of
// building its key, the LRU lookup and the answer's copy, which is what a
// repeated query costs in process. Run it with
//
//	go test ./query -run '^$' -bench RunCached -count 5
func BenchmarkRunCached(b *testing.B) {
	e := New(testgraph.Cayley(b), Config{CacheSize: 16})
	for _, q := range []struct{ name, text string }{
		{"short", `g.V("<alice>").out("<follows>").all()`},
		{"multiline", `var f = g.M().out("<follows>")
  .out("<follows>");
// who follows whom, two steps out
g.V("<alice>")
  .follow(f)
  .tag("far")
  .out("<status>")
  .all()`},
	} {
		req := Request{Lang: "gizmo", Query: q.text, Limit: 100}
		if _, err := e.Run(b.Context(), req); err != nil {
			b.Fatal(err)
		}
		b.Run(q.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				a, err := e.Run(b.Context(), req)
				if err != nil || !a.Cached {
					b.Fatalf("cached %v, err %v", a != nil && a.Cached, err)
				}
			}
		})
	}
}
