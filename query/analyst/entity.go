package analyst

import (
	"cmp"
	"context"
	"fmt"
	"slices"

	"github.com/cayleygraph/quad"
)

// Entity detail limits.
const (
	DefaultEdgeLimit = 100  // neighbours listed per predicate and direction
	MaxEdgeLimit     = 1000 // the most a caller may ask for
	MaxEvidence      = 10   // evidence sentences listed per edge or value
)

// Evidence is the sentence a quad was read from (its label) and where that
// sentence stands. Start and End are byte offsets (UTF-8) in the file.
type Evidence struct {
	Sentence string `json:"sentence"`
	Text     string `json:"text,omitempty"`
	Start    *int64 `json:"start,omitempty"`
	End      *int64 `json:"end,omitempty"`
	Document string `json:"document,omitempty"`
	Title    string `json:"title,omitempty"`
	File     string `json:"file,omitempty"`
}

// EntityRequest asks for one node.
type EntityRequest struct {
	ID    string // an IRI, bracketed or not, short or full
	Limit int    // neighbours per predicate and direction; 0 means DefaultEdgeLimit
}

// EntityResult is one node: its names, literal properties, and its edges in
// both directions grouped by predicate, each with its evidence.
type EntityResult struct {
	NodeRef
	AlternateNames []string    `json:"alternate_names"`
	Degree         int         `json:"degree"`
	Properties     []Property  `json:"properties"`
	Out            []EdgeGroup `json:"out"`
	In             []EdgeGroup `json:"in"`
}

// Property is one literal value of a predicate, with every sentence that
// states it.
type Property struct {
	Predicate     string     `json:"predicate"`
	Value         any        `json:"value"`
	EvidenceCount int        `json:"evidence_count"`
	Evidence      []Evidence `json:"evidence"`
}

// EdgeGroup is a node's edges with one predicate in one direction. Count
// is all of them; Edges lists at most the request's limit, best connected
// first.
type EdgeGroup struct {
	Predicate   string      `json:"predicate"`
	Bookkeeping bool        `json:"bookkeeping,omitempty"`
	Count       int         `json:"count"`
	Edges       []Neighbour `json:"edges"`
}

// Neighbour is the node at the other end of an edge, and the edge's
// evidence.
type Neighbour struct {
	NodeRef
	EvidenceCount int        `json:"evidence_count"`
	Evidence      []Evidence `json:"evidence"`
}

// Entity describes one node. An IRI the graph does not hold is ErrNotFound.
func (e *Engine) Entity(ctx context.Context, req EntityRequest) (*EntityResult, error) {
	if req.Limit == 0 {
		req.Limit = DefaultEdgeLimit
	}
	if req.Limit < 1 || req.Limit > MaxEdgeLimit {
		return nil, fmt.Errorf("%w: limit must be 1 to %d", ErrBadParam, MaxEdgeLimit)
	}
	x, err := e.graphIndex(ctx)
	if err != nil {
		return nil, err
	}
	n := x.lookupIRI(req.ID)
	if n < 0 {
		return nil, fmt.Errorf("%w: the graph holds no node %s", ErrNotFound, req.ID)
	}
	return x.entity(n, req.Limit), nil
}

func (x *index) entity(n int32, limit int) *EntityResult {
	nd := &x.nodes[n]
	r := &EntityResult{
		NodeRef:        x.ref(n),
		AlternateNames: append([]string{}, nd.alts()...),
		Degree:         int(nd.relDeg),
		Properties:     x.properties(n),
		Out:            []EdgeGroup{},
		In:             []EdgeGroup{},
	}
	type key struct {
		p   int32
		out bool
	}
	groups := map[key][]int32{}
	for _, id := range x.edgesOf(n) {
		e := &x.edges[id]
		if e.s == n {
			groups[key{e.p, true}] = append(groups[key{e.p, true}], id)
		}
		if e.o == n {
			groups[key{e.p, false}] = append(groups[key{e.p, false}], id)
		}
	}
	keys := make([]key, 0, len(groups))
	for k := range groups {
		keys = append(keys, k)
	}
	// Relations first, then bookkeeping; by predicate within each.
	slices.SortFunc(keys, func(a, b key) int {
		if ba, bb := x.bookkeeping[a.p], x.bookkeeping[b.p]; ba != bb {
			if ba {
				return 1
			}
			return -1
		}
		return cmp.Compare(quad.StringOf(x.preds[a.p]), quad.StringOf(x.preds[b.p]))
	})
	for _, k := range keys {
		ids := groups[k]
		other := func(id int32) int32 {
			if k.out {
				return x.edges[id].o
			}
			return x.edges[id].s
		}
		slices.SortFunc(ids, func(a, b int32) int {
			na, nb := other(a), other(b)
			if c := cmp.Compare(x.nodes[nb].relDeg, x.nodes[na].relDeg); c != 0 {
				return c
			}
			return cmp.Compare(na, nb)
		})
		g := EdgeGroup{Predicate: quad.StringOf(x.preds[k.p]), Bookkeeping: x.bookkeeping[k.p], Count: len(ids), Edges: []Neighbour{}}
		for _, id := range ids[:min(len(ids), limit)] {
			ev, count := x.evidence(x.labelsOf(id))
			g.Edges = append(g.Edges, Neighbour{NodeRef: x.ref(other(id)), EvidenceCount: count, Evidence: ev})
		}
		if k.out {
			r.Out = append(r.Out, g)
		} else {
			r.In = append(r.In, g)
		}
	}
	return r
}

// properties lists a node's literal values, each once with all its
// evidence, by predicate.
func (x *index) properties(n int32) []Property {
	type key struct {
		p int32
		v quad.Value
	}
	var order []key
	labels := map[key][]int32{}
	for _, p := range x.nodes[n].props {
		k := key{p.pred, p.val}
		if _, ok := labels[k]; !ok {
			order = append(order, k)
		}
		labels[k] = appendNew(labels[k], p.label)
	}
	slices.SortStableFunc(order, func(a, b key) int {
		return cmp.Compare(quad.StringOf(x.preds[a.p]), quad.StringOf(x.preds[b.p]))
	})
	out := make([]Property, 0, len(order))
	for _, k := range order {
		ev, count := x.evidence(labels[k])
		out = append(out, Property{Predicate: quad.StringOf(x.preds[k.p]), Value: native(k.v), EvidenceCount: count, Evidence: ev})
	}
	return out
}

// evidence describes up to MaxEvidence of labels (label node ids; -1 is an
// unlabelled quad and has none), and counts them all.
func (x *index) evidence(labels []int32) ([]Evidence, int) {
	out := []Evidence{}
	count := 0
	for _, l := range labels {
		if l < 0 {
			continue
		}
		count++
		if len(out) < MaxEvidence {
			out = append(out, x.sentence(l))
		}
	}
	return out, count
}

// sentence describes a label node: its text and offsets, and the document
// it was derived from.
func (x *index) sentence(l int32) Evidence {
	ev := Evidence{Sentence: quad.StringOf(x.nodes[l].val)}
	for _, p := range x.nodes[l].props {
		switch p.pred {
		case x.pText:
			ev.Text = literalText(p.val)
		case x.pStart:
			ev.Start = intOf(p.val)
		case x.pEnd:
			ev.End = intOf(p.val)
		}
	}
	if x.pFrom < 0 {
		return ev
	}
	for _, id := range x.edgesOf(l) {
		e := &x.edges[id]
		if e.s != l || e.p != x.pFrom {
			continue
		}
		doc := &x.nodes[e.o]
		ev.Document, ev.Title = quad.StringOf(doc.val), doc.name
		for _, p := range doc.props {
			if p.pred == x.pFile {
				ev.File = literalText(p.val)
			}
		}
		break
	}
	return ev
}

// native is a literal as Gizmo's JSON answers give it: numbers as numbers,
// strings bare, anything else in its N-Quads form.
func native(v quad.Value) any {
	out := v.Native()
	if nv, ok := out.(quad.Value); ok && nv == v {
		return quad.StringOf(v)
	}
	return out
}

// intOf reads an integer literal.
func intOf(v quad.Value) *int64 {
	switch n := native(v).(type) {
	case int64:
		return &n
	case int:
		i := int64(n)
		return &i
	case float64:
		i := int64(n)
		return &i
	}
	return nil
}
