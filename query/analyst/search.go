package analyst

import (
	"bytes"
	"cmp"
	"container/heap"
	"context"
	"fmt"
	"index/suffixarray"
	"slices"
	"strings"
	"sync"
	"unicode"

	"github.com/cayleygraph/quad"
)

// Search limits.
const (
	DefaultSearchLimit = 10
	MaxSearchLimit     = 100
)

// Match kinds, best first.
const (
	MatchExact     = "exact"
	MatchPrefix    = "prefix"
	MatchSubstring = "substring"
)

var matchNames = [...]string{MatchExact, MatchPrefix, MatchSubstring}

// SearchRequest asks for entities whose name or alias matches Query.
type SearchRequest struct {
	Query string
	Type  string // optional: a short type name (Fund, Organisation) or a type IRI
	Limit int    // 0 means DefaultSearchLimit
}

// SearchResult is the best matches, best first.
type SearchResult struct {
	Query   string `json:"query"`
	Type    string `json:"type,omitempty"`
	Results []Hit  `json:"results"`
}

// Hit is one entity found by name.
type Hit struct {
	NodeRef
	Matched string `json:"matched"` // the name or alias that matched
	Match   string `json:"match"`   // exact, prefix or substring
	Degree  int    `json:"degree"`  // distinct neighbours over relation edges
}

// NodeRef names a node: its IRI as Gizmo writes it, its name and type.
type NodeRef struct {
	ID   string `json:"id"`
	Name string `json:"name,omitempty"`
	Type string `json:"type,omitempty"`
}

// Entities finds entities by name or alias, ignoring case and punctuation:
// exact matches first, then names that start with the query, then names
// that contain it; within each, the better connected first.
func (e *Engine) Entities(ctx context.Context, req SearchRequest) (*SearchResult, error) {
	if req.Limit == 0 {
		req.Limit = DefaultSearchLimit
	}
	if req.Limit < 1 || req.Limit > MaxSearchLimit {
		return nil, fmt.Errorf("%w: limit must be 1 to %d", ErrBadParam, MaxSearchLimit)
	}
	if fold(req.Query) == "" {
		return nil, fmt.Errorf("%w: q must hold a letter or digit", ErrBadParam)
	}
	x, err := e.graphIndex(ctx)
	if err != nil {
		return nil, err
	}
	typ := int32(-1)
	if req.Type != "" {
		t, err := parseType(req.Type)
		if err != nil {
			return nil, err
		}
		if typ = x.lookup(t); typ < 0 {
			return &SearchResult{Query: req.Query, Type: quad.StringOf(t), Results: []Hit{}}, nil
		}
		req.Type = quad.StringOf(t)
	}
	return &SearchResult{Query: req.Query, Type: req.Type, Results: x.hits(x.find(req.Query, typ, req.Limit))}, nil
}

// searchIndex finds names by exact match and prefix through a sorted list
// of folded keys, and by substring through a suffix array over them all.
type searchIndex struct {
	keys  []searchKey // sorted by text
	data  []byte      // every key's text, each followed by 0
	sa    *suffixarray.Index
	marks sync.Pool // *[]uint8 of len(nodes): per-search scratch
}

type searchKey struct {
	text  string // folded
	start int32  // offset in data
	node  int32
	name  string // as written
}

func buildSearch(x *index) *searchIndex {
	var keys []searchKey
	for i, n := range x.nodes {
		if !n.entity {
			continue
		}
		names := n.alts()
		if n.name != "" {
			names = append([]string{n.name}, names...)
		}
		if len(names) == 0 {
			// A node without names (Cayley's example graph) is found by
			// its IRI.
			names = []string{iriText(n.val)}
		}
		for _, name := range names {
			if f := fold(name); f != "" {
				keys = append(keys, searchKey{text: f, node: int32(i), name: name})
			}
		}
	}
	// By name too: a node's names that fold alike ("Digital Health",
	// "digital health") must report the same one whatever order the store
	// listed them in.
	slices.SortFunc(keys, func(a, b searchKey) int {
		return cmp.Or(strings.Compare(a.text, b.text), cmp.Compare(a.node, b.node), strings.Compare(a.name, b.name))
	})
	var data bytes.Buffer
	for i := range keys {
		keys[i].start = int32(data.Len())
		data.WriteString(keys[i].text)
		data.WriteByte(0)
	}
	s := &searchIndex{keys: keys, data: data.Bytes()}
	s.sa = suffixarray.New(s.data)
	n := len(x.nodes)
	s.marks.New = func() any { m := make([]uint8, n); return &m }
	return s
}

// candidate is a node found, with how it matched.
type candidate struct {
	node int32
	tier uint8
	key  int32
}

// find returns up to limit entities matching q, best first, of type typ
// (a node id) unless typ is -1.
func (x *index) find(q string, typ int32, limit int) []candidate {
	s := x.search
	f := fold(q)
	mp := s.marks.Get().(*[]uint8)
	marks := *mp
	var touched []int32
	defer func() {
		for _, n := range touched {
			marks[n] = 0
		}
		s.marks.Put(mp)
	}()
	best := newTopK(limit, func(a, b candidate) bool { return x.better(a, b) })
	consider := func(k int32, tier uint8) {
		n := s.keys[k].node
		if marks[n] != 0 {
			return
		}
		marks[n] = 1
		touched = append(touched, n)
		if typ >= 0 && !x.hasType(n, typ) {
			return
		}
		best.push(candidate{node: n, tier: tier, key: k})
	}
	// Exact and prefix matches are a run of the sorted keys; exact ones
	// come first in it, so each node is first seen at its best tier.
	lo, _ := slices.BinarySearchFunc(s.keys, f, func(k searchKey, t string) int { return strings.Compare(k.text, t) })
	for k := lo; k < len(s.keys) && strings.HasPrefix(s.keys[k].text, f); k++ {
		tier := uint8(1)
		if s.keys[k].text == f {
			tier = 0
		}
		consider(int32(k), tier)
	}
	// Substrings only when the better tiers leave room.
	if best.len() < limit {
		for _, off := range s.sa.Lookup([]byte(f), -1) {
			k := s.keyAt(off)
			if int(s.keys[k].start) != off {
				consider(k, 2)
			}
		}
	}
	return best.sorted()
}

// keyAt is the key whose text holds byte off of data: keys are laid out
// in data in their order, so the last one starting at or before off.
func (s *searchIndex) keyAt(off int) int32 {
	k, found := slices.BinarySearchFunc(s.keys, int32(off), func(k searchKey, off int32) int { return cmp.Compare(k.start, off) })
	if !found {
		k--
	}
	return int32(k)
}

// hits describes candidates.
func (x *index) hits(cs []candidate) []Hit {
	hits := make([]Hit, len(cs))
	for i, c := range cs {
		hits[i] = Hit{NodeRef: x.ref(c.node), Matched: x.search.keys[c.key].name, Match: matchNames[c.tier], Degree: int(x.nodes[c.node].relDeg)}
	}
	return hits
}

// better orders candidates: tier, then degree, then the shorter name, then
// the name, then the IRI.
func (x *index) better(a, b candidate) bool {
	if a.tier != b.tier {
		return a.tier < b.tier
	}
	na, nb := &x.nodes[a.node], &x.nodes[b.node]
	if na.relDeg != nb.relDeg {
		return na.relDeg > nb.relDeg
	}
	ka, kb := x.search.keys[a.key].name, x.search.keys[b.key].name
	if len(ka) != len(kb) {
		return len(ka) < len(kb)
	}
	if ka != kb {
		return ka < kb
	}
	return a.node < b.node
}

// fold keeps the letters and digits of s, lower-cased, so that "NHSX’s",
// "nhsxs" and "NHSX's" are the same key and "COVID-19" matches "covid19".
// "&" reads "and", as in IRIs (graph.Slug).
func fold(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			b.WriteRune(unicode.ToLower(r))
		case r == '&':
			b.WriteString("and")
		}
	}
	return b.String()
}

// iriText is an IRI or blank node without its brackets.
func iriText(v quad.Value) string {
	switch v := v.(type) {
	case quad.IRI:
		return string(v)
	case quad.BNode:
		return string(v)
	}
	return quad.StringOf(v)
}

// ref names node n. A sentence is named by its text.
func (x *index) ref(n int32) NodeRef {
	nd := &x.nodes[n]
	r := NodeRef{ID: quad.StringOf(nd.val), Name: nd.name}
	if r.Name == "" && x.pText >= 0 {
		for _, p := range nd.props {
			if p.pred == x.pText {
				r.Name = literalText(p.val)
				break
			}
		}
	}
	if types := nd.types(); len(types) > 0 {
		r.Type = quad.StringOf(x.nodes[types[0]].val)
	}
	return r
}

// topK keeps the k best values pushed, in a container/heap whose root is
// the worst of them.
type topK[T any] struct {
	k      int
	better func(a, b T) bool
	h      []T
}

func newTopK[T any](k int, better func(a, b T) bool) *topK[T] {
	return &topK[T]{k: k, better: better}
}

func (t *topK[T]) len() int { return len(t.h) }

func (t *topK[T]) push(v T) {
	if len(t.h) < t.k {
		// heap.Push without boxing v in an interface: append, then sift
		// the last element up.
		t.h = append(t.h, v)
		heap.Fix(t, len(t.h)-1)
		return
	}
	if !t.better(v, t.h[0]) {
		return
	}
	t.h[0] = v
	heap.Fix(t, 0)
}

// The heap.Interface: the worst at the root.
func (t *topK[T]) Len() int           { return len(t.h) }
func (t *topK[T]) Less(i, j int) bool { return t.better(t.h[j], t.h[i]) }
func (t *topK[T]) Swap(i, j int)      { t.h[i], t.h[j] = t.h[j], t.h[i] }
func (t *topK[T]) Push(v any)         { t.h = append(t.h, v.(T)) }
func (t *topK[T]) Pop() any {
	v := t.h[len(t.h)-1]
	t.h = t.h[:len(t.h)-1]
	return v
}

// sorted empties the heap, best first.
func (t *topK[T]) sorted() []T {
	out := slices.Clone(t.h)
	slices.SortFunc(out, func(a, b T) int {
		switch {
		case t.better(a, b):
			return -1
		case t.better(b, a):
			return 1
		}
		return 0
	})
	return out
}
