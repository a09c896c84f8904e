package query

import (
	"errors"
	"slices"
	"testing"

	"github.com/nhsgraph/nhsgraph/internal/testgraph"
)

func TestNeighbours(t *testing.T) {
	// In Cayley's example graph, alice, charlie and dani follow bob, and bob
	// follows fred.
	e := New(testgraph.Cayley(t), Config{})
	all := []string{"<alice>", "<charlie>", "<dani>", "<fred>"}
	tests := []struct {
		name            string
		req             NeighboursRequest
		want            []string // the page, as a set
		total, matching int
	}{
		{"all", NeighboursRequest{ID: "bob"}, all, 4, 4},
		{"followers", NeighboursRequest{ID: "<bob>", Predicate: "follows", Direction: "in"}, []string{"<alice>", "<charlie>", "<dani>"}, 4, 3},
		{"followed", NeighboursRequest{ID: "<bob>", Predicate: "<follows>", Direction: "out"}, []string{"<fred>"}, 4, 1},
		{"past the end", NeighboursRequest{ID: "<bob>", Offset: 4}, nil, 4, 4},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r, err := e.Neighbours(t.Context(), tc.req)
			if err != nil {
				t.Fatal(err)
			}
			if got := ids(r.Neighbours); !slices.Equal(sorted(got), tc.want) || r.Total != tc.total || r.Matching != tc.matching {
				t.Errorf("got %v, total %d, matching %d; want %v, %d, %d", got, r.Total, r.Matching, tc.want, tc.total, tc.matching)
			}
		})
	}

	r, err := e.Neighbours(t.Context(), NeighboursRequest{ID: "<bob>"})
	if err != nil {
		t.Fatal(err)
	}
	wantPreds := []PredicateCount{{"<follows>", "in", 3}, {"<follows>", "out", 1}}
	if !slices.Equal(r.Predicates, wantPreds) || !slices.Equal(r.Types, []TypeCount{{"", 4}}) {
		t.Errorf("counts by predicate %v and type %v, want %v and one untyped group of 4", r.Predicates, r.Types, wantPreds)
	}
	// Pages of one, one after another, give the whole list in its order.
	var paged []string
	for off := 0; off < 5; off++ {
		p, err := e.Neighbours(t.Context(), NeighboursRequest{ID: "<bob>", Offset: off, Limit: 1})
		if err != nil {
			t.Fatal(err)
		}
		paged = append(paged, ids(p.Neighbours)...)
	}
	if whole := ids(r.Neighbours); !slices.Equal(paged, whole) {
		t.Errorf("pages of one give %v, one page %v", paged, whole)
	}

	for _, tc := range []struct {
		name string
		req  NeighboursRequest
		want error
	}{
		{"unknown node", NeighboursRequest{ID: "<nobody>"}, ErrNotFound},
		{"unknown predicate", NeighboursRequest{ID: "<bob>", Predicate: "<likes>"}, ErrNotFound},
		{"unknown type", NeighboursRequest{ID: "<bob>", Type: "<Person>"}, ErrNotFound},
		{"direction", NeighboursRequest{ID: "<bob>", Direction: "up"}, ErrBadParam},
		{"limit", NeighboursRequest{ID: "<bob>", Limit: MaxNeighbourLimit + 1}, ErrBadParam},
		{"offset", NeighboursRequest{ID: "<bob>", Offset: -1}, ErrBadParam},
	} {
		if _, err := e.Neighbours(t.Context(), tc.req); !errors.Is(err, tc.want) {
			t.Errorf("%s: error %v, want %v", tc.name, err, tc.want)
		}
	}
}

// TestNeighboursAgreeWithEntity checks, on every node of the seeds with a
// neighbour, that the counts are the entity endpoint's, that the list is
// best connected first, and that filtering by a type keeps exactly the
// neighbours of that type.
func TestNeighboursAgreeWithEntity(t *testing.T) {
	e := seedsEngine(t)
	x, err := e.graphIndex(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	tried := 0
	for n := range x.nodes {
		if x.nodes[n].relDeg < 2 || !x.nodes[n].entity {
			continue
		}
		tried++
		id := x.ref(int32(n)).ID
		r, err := e.Neighbours(t.Context(), NeighboursRequest{ID: id, Limit: MaxNeighbourLimit})
		if err != nil {
			t.Fatal(err)
		}
		ent, err := e.Entity(t.Context(), EntityRequest{ID: id})
		if err != nil {
			t.Fatal(err)
		}
		if r.Total != ent.Degree || r.Matching != r.Total || len(r.Neighbours) != r.Total {
			t.Errorf("%s: total %d, matching %d, listed %d; the entity's degree is %d", id, r.Total, r.Matching, len(r.Neighbours), ent.Degree)
		}
		for i := 1; i < len(r.Neighbours); i++ {
			a, b := x.lookupIRI(r.Neighbours[i-1].ID), x.lookupIRI(r.Neighbours[i].ID)
			if x.nodes[a].relDeg < x.nodes[b].relDeg {
				t.Errorf("%s: %s is listed before the better connected %s", id, r.Neighbours[i-1].ID, r.Neighbours[i].ID)
			}
		}
		for _, tc := range r.Types {
			if tc.Type == "" {
				continue
			}
			f, err := e.Neighbours(t.Context(), NeighboursRequest{ID: id, Type: tc.Type, Limit: MaxNeighbourLimit})
			if err != nil {
				t.Fatal(err)
			}
			var want []string
			for _, nb := range r.Neighbours {
				if x.hasType(x.lookupIRI(nb.ID), x.lookupIRI(tc.Type)) {
					want = append(want, nb.ID)
				}
			}
			if got := ids(f.Neighbours); f.Matching != tc.Count || !slices.Equal(got, want) {
				t.Errorf("%s, type %s: %d matching (counted %d), got %v, want %v", id, tc.Type, f.Matching, tc.Count, got, want)
			}
		}
	}
	if tried < 10 {
		t.Fatalf("only %d nodes of the seeds have two neighbours", tried)
	}
}

func ids(refs []NodeRef) []string {
	out := make([]string, 0, len(refs))
	for _, r := range refs {
		out = append(out, r.ID)
	}
	return out
}

func sorted(s []string) []string {
	s = slices.Clone(s)
	slices.Sort(s)
	if len(s) == 0 {
		return nil
	}
	return s
}
