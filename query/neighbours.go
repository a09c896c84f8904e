package query

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/cayleygraph/quad"

	ngraph "github.com/nhsgraph/nhsgraph/graph"
)

// Neighbour page limits.
const (
	DefaultNeighbourLimit = 20
	MaxNeighbourLimit     = 1000
)

// NeighboursRequest asks for one page of a node's distinct neighbours over
// relation edges, optionally only over one predicate, in one direction, or
// of one type. The explorer expands a node a page at a time this way, and
// offers the counts by predicate and by type so that an analyst can expand
// a hub of tens of thousands of neighbours along the one relation that
// matters.
type NeighboursRequest struct {
	ID        string // the node: an IRI, bracketed or not, short or full
	Predicate string // only over this predicate; "" for any
	Direction string // "out" (node -> neighbour), "in", or "" for both
	Type      string // only neighbours of this type (an IRI); "" for any
	Offset    int
	Limit     int // 0 means DefaultNeighbourLimit
}

// NeighboursResult is one page of neighbours, best connected first, and the
// counts an analyst chooses a filter by.
type NeighboursResult struct {
	NodeRef
	Total      int              `json:"total"`    // distinct neighbours over relation edges
	Matching   int              `json:"matching"` // those the filters keep
	Offset     int              `json:"offset"`
	Predicates []PredicateCount `json:"predicates"` // every predicate and direction, most neighbours first
	Types      []TypeCount      `json:"types"`      // every neighbour type ("" for none), most first
	Neighbours []NodeRef        `json:"neighbours"`
}

// PredicateCount is how many distinct neighbours a predicate joins in one
// direction.
type PredicateCount struct {
	Predicate string `json:"predicate"`
	Direction string `json:"direction"` // out or in
	Count     int    `json:"count"`
}

// TypeCount is how many distinct neighbours have a type.
type TypeCount struct {
	Type  string `json:"type"`
	Count int    `json:"count"`
}

// Neighbours answers one page of a node's neighbours. An IRI the graph does
// not hold is ErrNotFound.
func (e *Engine) Neighbours(ctx context.Context, req NeighboursRequest) (*NeighboursResult, error) {
	if req.Limit == 0 {
		req.Limit = DefaultNeighbourLimit
	}
	switch {
	case req.Limit < 1 || req.Limit > MaxNeighbourLimit:
		return nil, fmt.Errorf("%w: limit must be 1 to %d", ErrBadParam, MaxNeighbourLimit)
	case req.Offset < 0:
		return nil, fmt.Errorf("%w: offset must not be negative", ErrBadParam)
	case req.Direction != "" && req.Direction != "out" && req.Direction != "in":
		return nil, fmt.Errorf("%w: direction must be out or in", ErrBadParam)
	}
	x, err := e.graphIndex(ctx)
	if err != nil {
		return nil, err
	}
	n := x.lookupIRI(req.ID)
	if n < 0 {
		return nil, fmt.Errorf("%w: the graph holds no node %s", ErrNotFound, req.ID)
	}
	pred, typ := int32(-1), int32(-1)
	if req.Predicate != "" {
		if pred = x.predicateID(req.Predicate); pred < 0 {
			return nil, fmt.Errorf("%w: the graph has no predicate %s", ErrNotFound, req.Predicate)
		}
	}
	if req.Type != "" {
		if typ = x.lookupIRI(req.Type); typ < 0 {
			return nil, fmt.Errorf("%w: the graph has no type %s", ErrNotFound, req.Type)
		}
	}
	return x.neighbourPage(n, pred, req.Direction, typ, req.Offset, req.Limit), nil
}

// predicateID is the id of a predicate IRI, bracketed or not, short or
// full, or -1.
func (x *index) predicateID(s string) int32 {
	raw := quad.IRI(strings.TrimSuffix(strings.TrimPrefix(s, "<"), ">"))
	short := ngraph.Shorten(raw)
	for id, p := range x.preds {
		if p == raw || p == short {
			return int32(id)
		}
	}
	return -1
}

func (x *index) neighbourPage(n, pred int32, dir string, typ int32, offset, limit int) *NeighboursResult {
	type pkey struct {
		p   int32
		out bool
	}
	byPred := map[pkey]int{}
	byType := map[int32]int{}
	seen := map[int32]bool{} // every neighbour; true once one edge passes the filters
	for _, id := range x.edgesOf(n) {
		e := &x.edges[id]
		if !x.isRelation(e) || e.s == e.o {
			continue
		}
		out := e.s == n
		m := e.o
		if !out {
			m = e.s
		}
		byPred[pkey{e.p, out}]++
		pass := (pred < 0 || e.p == pred) && (dir == "" || (dir == "out") == out) && (typ < 0 || x.hasType(m, typ))
		was, ok := seen[m]
		if !ok {
			types := x.nodes[m].types()
			if len(types) == 0 {
				byType[-1]++
			}
			for _, t := range types {
				byType[t]++
			}
		}
		seen[m] = was || pass
	}
	r := &NeighboursResult{NodeRef: x.ref(n), Total: len(seen), Offset: offset, Predicates: []PredicateCount{}, Types: []TypeCount{}, Neighbours: []NodeRef{}}
	for k, c := range byPred {
		d := "in"
		if k.out {
			d = "out"
		}
		r.Predicates = append(r.Predicates, PredicateCount{Predicate: quad.StringOf(x.preds[k.p]), Direction: d, Count: c})
	}
	slices.SortFunc(r.Predicates, func(a, b PredicateCount) int {
		return cmp.Or(cmp.Compare(b.Count, a.Count), cmp.Compare(a.Predicate, b.Predicate), cmp.Compare(a.Direction, b.Direction))
	})
	for t, c := range byType {
		name := ""
		if t >= 0 {
			name = quad.StringOf(x.nodes[t].val)
		}
		r.Types = append(r.Types, TypeCount{Type: name, Count: c})
	}
	slices.SortFunc(r.Types, func(a, b TypeCount) int {
		return cmp.Or(cmp.Compare(b.Count, a.Count), cmp.Compare(a.Type, b.Type))
	})
	var match []int32
	for m, pass := range seen {
		if pass {
			match = append(match, m)
		}
	}
	// Best connected first, as the entity endpoint lists them.
	slices.SortFunc(match, func(a, b int32) int {
		return cmp.Or(cmp.Compare(x.nodes[b].relDeg, x.nodes[a].relDeg), cmp.Compare(a, b))
	})
	r.Matching = len(match)
	for _, m := range match[min(offset, len(match)):min(offset+limit, len(match))] {
		r.Neighbours = append(r.Neighbours, x.ref(m))
	}
	return r
}
