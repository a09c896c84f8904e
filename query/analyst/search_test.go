package analyst

import (
	"fmt"
	"slices"
	"testing"
)

// TestSearchLimitKeepsTheBest asks for fewer hits than match, so the top-k
// selection must drop some: the hits kept are the first of the full
// ranking, in its order.
func TestSearchLimitKeepsTheBest(t *testing.T) {
	e := seedsEngine(t)
	for _, q := range []string{"nhs", "digital", "fund", "a"} {
		all, err := e.Entities(t.Context(), SearchRequest{Query: q, Limit: MaxSearchLimit})
		if err != nil {
			t.Fatal(err)
		}
		for _, limit := range []int{1, 2, 5, 17} {
			t.Run(fmt.Sprintf("%s/%d", q, limit), func(t *testing.T) {
				if len(all.Results) <= limit {
					t.Skipf("only %d hits", len(all.Results))
				}
				r, err := e.Entities(t.Context(), SearchRequest{Query: q, Limit: limit})
				if err != nil {
					t.Fatal(err)
				}
				got, want := ids(hitRefs(r.Results)), ids(hitRefs(all.Results[:limit]))
				if !slices.Equal(got, want) {
					t.Errorf("got %v, want %v", got, want)
				}
			})
		}
	}
}

func hitRefs(hs []Hit) []NodeRef {
	out := make([]NodeRef, len(hs))
	for i, h := range hs {
		out[i] = h.NodeRef
	}
	return out
}
