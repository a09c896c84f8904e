package analyst

import (
	"context"
	"hash/maphash"
	"slices"
	"sync"

	"github.com/cayleygraph/quad"

	ngraph "github.com/nhsgraph/nhsgraph/graph"
)

// index is an in-memory picture of the whole graph for the analyst
// answers (search, entity detail, paths, chains): every IRI or blank node
// with its types, names and literal properties, and every edge between two
// nodes with the labels (evidence sentences) it was stated under. Walking
// Cayley iterators for a 4-hop path search costs tens of milliseconds a
// hop on a large graph; walking these arrays costs microseconds. It is
// built from one scan of the store and never changed afterwards, so any
// number of goroutines may read it.
type index struct {
	gen   uint64
	nodes []node
	ids   nodeTable // node ids by value
	preds []quad.Value
	// bookkeeping marks predicates that record how the graph was made
	// (types, evidence, mentions, the date hierarchy), not what the text
	// says about the world. Paths and chains skip them unless asked.
	bookkeeping []bool
	edges       []edge
	// Each edge's evidence labels: labels1[id] when it has one (the usual
	// case, kept without a slice per edge), moreLabels[id] when it has
	// several.
	labels1    []int32
	moreLabels map[int32][]int32

	// Edges touching each node, in both directions: edgeAt[edgeOff[n]:edgeOff[n+1]].
	edgeOff, edgeAt []int32
	// Distinct neighbours of each node, over relation edges only (rel) and
	// over every edge (all), in ascending order of relation degree so that
	// searches try specific connections before hubs.
	relOff, rel []int32
	allOff, all []int32

	// Predicate ids of the vocabulary the answers read (-1: absent).
	pText, pStart, pEnd, pFrom, pFile, pName, pAlt, pType int32
	// Node ids of the bookkeeping types (-1: absent).
	tSentence, tDocument int32

	search *searchIndex
}

type node struct {
	val    quad.Value
	name   string
	more   *nodeMore // types and other names, which most nodes of a large graph lack
	props  []prop
	relDeg int32 // distinct neighbours over relation edges
	entity bool  // a subject of some quad, and not a sentence or document
}

// nodeMore is what a node has of types and names beyond its name.
type nodeMore struct {
	types []int32 // node ids of its rdf:type objects
	alts  []string
}

// types is the node ids of n's rdf:type objects.
func (n *node) types() []int32 {
	if n.more == nil {
		return nil
	}
	return n.more.types
}

// alts is n's names beyond its name.
func (n *node) alts() []string {
	if n.more == nil {
		return nil
	}
	return n.more.alts
}

func (n *node) addType(t int32) {
	if n.more == nil {
		n.more = &nodeMore{}
	}
	n.more.types = appendNew(n.more.types, t)
}

func (n *node) addAlt(name string) {
	if n.more == nil {
		n.more = &nodeMore{}
	}
	n.more.alts = appendNew(n.more.alts, name)
}

// prop is a quad whose object is a literal.
type prop struct {
	pred  int32
	val   quad.Value
	label int32 // node id of the label, or -1
}

// edge is every quad subject-predicate-object between two nodes, whatever
// its label; labels holds the label node ids (-1 for an unlabelled quad).
type edge struct {
	s, o, p int32
}

// labelsOf is the evidence labels of edge id.
func (x *index) labelsOf(id int32) []int32 {
	if more, ok := x.moreLabels[id]; ok {
		return more
	}
	return x.labels1[id : id+1 : id+1]
}

// addLabel records one more label for edge id.
func (x *index) addLabel(id, label int32) {
	if more, ok := x.moreLabels[id]; ok {
		x.moreLabels[id] = appendNew(more, label)
	} else if x.labels1[id] != label {
		x.moreLabels[id] = []int32{x.labels1[id], label}
	}
}

// indexCache holds the index for the store's current generation.
type indexCache struct {
	mu  sync.Mutex
	idx *index
}

// graphIndex returns the index for the store's current generation,
// building it if the store has changed since the last build. Callers wait
// for a build in progress rather than read a stale index.
func (e *Engine) graphIndex(ctx context.Context) (*index, error) {
	gen := e.store.Generation()
	e.index.mu.Lock()
	defer e.index.mu.Unlock()
	if e.index.idx != nil && e.index.idx.gen == gen {
		return e.index.idx, nil
	}
	// The build is shared by every waiting caller: the first caller
	// leaving must not cancel it.
	idx, err := buildIndex(context.WithoutCancel(ctx), e.store, gen)
	if err != nil {
		return nil, err
	}
	e.index.idx = idx
	return idx, nil
}

// Prepare builds the analyst index for the store as it is now, so the first
// search or path question does not wait for it.
func (e *Engine) Prepare(ctx context.Context) error {
	_, err := e.graphIndex(ctx)
	return err
}

// bookkeepingPreds are the predicates paths and chains skip by default.
var bookkeepingPreds = []quad.IRI{
	ngraph.RDFType, ngraph.Mentions, ngraph.DerivedFrom, ngraph.Within, ngraph.AuthoredBy,
}

// buildIndex scans every quad of the store once. gen is the generation
// read before the scan, so a write during the scan makes the next caller
// rebuild.
func buildIndex(ctx context.Context, store Store, gen uint64) (*index, error) {
	x := &index{gen: gen, moreLabels: map[int32][]int32{}}
	ids := map[quad.Value]int32{} // while scanning; then x.ids, a tenth of its size
	predID := map[quad.Value]int32{}
	edgeID := map[[3]int32]int32{}
	subject := []bool{}
	nodeOf := func(v quad.Value) int32 {
		if id, ok := ids[v]; ok {
			return id
		}
		id := int32(len(x.nodes))
		ids[v] = id
		x.nodes = append(x.nodes, node{val: v})
		subject = append(subject, false)
		return id
	}
	predOf := func(v quad.Value) int32 {
		if id, ok := predID[v]; ok {
			return id
		}
		id := int32(len(x.preds))
		predID[v] = id
		x.preds = append(x.preds, v)
		return id
	}
	add := func(q quad.Quad) error {
		if q.Subject == nil || q.Predicate == nil || q.Object == nil {
			return nil
		}
		s := nodeOf(q.Subject)
		subject[s] = true
		p := predOf(q.Predicate)
		label := int32(-1)
		if q.Label != nil {
			label = nodeOf(q.Label)
		}
		if !isNode(q.Object) {
			n := &x.nodes[s]
			switch q.Predicate {
			case ngraph.Name:
				if str, ok := q.Object.(quad.String); ok && n.name == "" {
					n.name = string(str)
					return nil
				}
				n.addAlt(literalText(q.Object))
				return nil
			case ngraph.AlternateName:
				n.addAlt(literalText(q.Object))
				return nil
			}
			n.props = append(n.props, prop{pred: p, val: q.Object, label: label})
			return nil
		}
		o := nodeOf(q.Object)
		if q.Predicate == ngraph.RDFType {
			x.nodes[s].addType(o)
		}
		key := [3]int32{s, p, o}
		if id, ok := edgeID[key]; ok {
			x.addLabel(id, label)
			return nil
		}
		edgeID[key] = int32(len(x.edges))
		x.edges = append(x.edges, edge{s: s, o: o, p: p})
		x.labels1 = append(x.labels1, label)
		return nil
	}
	if err := eachQuad(ctx, store, add); err != nil {
		return nil, err
	}
	// The scan grew these by appending; the index keeps them for as long
	// as the generation lasts, so without the spare capacity.
	x.nodes, x.edges, x.labels1 = slices.Clone(x.nodes), slices.Clone(x.edges), slices.Clone(x.labels1)
	x.ids = newNodeTable(x.nodes)
	x.finish(predID, subject)
	return x, nil
}

// quadScanner is a store with a faster way to read every quad than
// Cayley's iterator (graph.Store: one stream per table on SQL).
type quadScanner interface {
	EachQuad(ctx context.Context, f func(quad.Quad) error) error
}

func eachQuad(ctx context.Context, store Store, f func(quad.Quad) error) error {
	if sc, ok := store.(quadScanner); ok {
		return sc.EachQuad(ctx, f)
	}
	qs := store.QuadStore()
	it := qs.QuadsAllIterator()
	defer it.Close()
	for it.Next(ctx) {
		if err := f(qs.Quad(it.Result())); err != nil {
			return err
		}
	}
	return it.Err()
}

// finish classifies predicates and nodes and lays out the adjacency.
func (x *index) finish(predID map[quad.Value]int32, subject []bool) {
	look := func(iri quad.IRI) int32 {
		if id, ok := predID[iri]; ok {
			return id
		}
		return -1
	}
	x.pText, x.pStart, x.pEnd = look(ngraph.Text), look(ngraph.Start), look(ngraph.End)
	x.pFrom, x.pFile, x.pName = look(ngraph.DerivedFrom), look(ngraph.File), look(ngraph.Name)
	x.pAlt, x.pType = look(ngraph.AlternateName), look(ngraph.RDFType)
	x.tSentence, x.tDocument = x.lookup(ngraph.TypeSentence), x.lookup(ngraph.TypeDocument)

	x.bookkeeping = make([]bool, len(x.preds))
	for _, p := range bookkeepingPreds {
		if id := look(p); id >= 0 {
			x.bookkeeping[id] = true
		}
	}
	for i := range x.nodes {
		x.nodes[i].entity = subject[i] && !x.isEvidence(int32(i))
	}

	n := len(x.nodes)
	x.edgeOff = make([]int32, n+1)
	for _, e := range x.edges {
		x.edgeOff[e.s+1]++
		if e.o != e.s {
			x.edgeOff[e.o+1]++
		}
	}
	for i := 1; i <= n; i++ {
		x.edgeOff[i] += x.edgeOff[i-1]
	}
	x.edgeAt = make([]int32, x.edgeOff[n])
	fill := slices.Clone(x.edgeOff[:n])
	for id, e := range x.edges {
		x.edgeAt[fill[e.s]] = int32(id)
		fill[e.s]++
		if e.o != e.s {
			x.edgeAt[fill[e.o]] = int32(id)
			fill[e.o]++
		}
	}

	// Distinct neighbours, first over relation edges to learn degrees.
	x.relOff, x.rel = x.neighbours(true)
	for i := range x.nodes {
		x.nodes[i].relDeg = x.relOff[i+1] - x.relOff[i]
	}
	x.allOff, x.all = x.neighbours(false)
	byDegree := func(a, b int32) int {
		if d := x.nodes[a].relDeg - x.nodes[b].relDeg; d != 0 {
			return int(d)
		}
		return int(a - b)
	}
	shared := slices.Equal(x.relOff, x.allOff) && slices.Equal(x.rel, x.all)
	if shared {
		// No bookkeeping edges (a graph not made by the loader): one list.
		x.allOff, x.all = x.relOff, x.rel
	}
	for i := 0; i < n; i++ {
		slices.SortFunc(x.rel[x.relOff[i]:x.relOff[i+1]], byDegree)
		if !shared {
			slices.SortFunc(x.all[x.allOff[i]:x.allOff[i+1]], byDegree)
		}
	}
	x.search = buildSearch(x)
}

// neighbours lays out each node's distinct neighbours, over relation edges
// only or over all edges.
func (x *index) neighbours(relationOnly bool) (off, at []int32) {
	n := len(x.nodes)
	off = make([]int32, n+1)
	var seen []int32
	mark := make([]int32, n) // mark[m] == v+1: m already listed for v
	for v := 0; v < n; v++ {
		seen = seen[:0]
		for _, id := range x.edgeAt[x.edgeOff[v]:x.edgeOff[v+1]] {
			e := &x.edges[id]
			if relationOnly && !x.isRelation(e) {
				continue
			}
			m := e.o
			if m == int32(v) {
				m = e.s
			}
			if mark[m] == int32(v)+1 {
				continue
			}
			mark[m] = int32(v) + 1
			seen = append(seen, m)
		}
		at = append(at, seen...)
		off[v+1] = int32(len(at))
	}
	return off, at
}

// isRelation reports whether an edge states something about the world:
// not bookkeeping, and not touching a sentence or document node.
func (x *index) isRelation(e *edge) bool {
	return !x.bookkeeping[e.p] && !x.isEvidence(e.s) && !x.isEvidence(e.o)
}

// isEvidence reports whether n is a sentence or a document.
func (x *index) isEvidence(n int32) bool {
	for _, t := range x.nodes[n].types() {
		if t == x.tSentence || t == x.tDocument {
			return true
		}
	}
	return false
}

// lookup is the node id of v, or -1.
func (x *index) lookup(v quad.Value) int32 { return x.ids.lookup(x.nodes, v) }

// nodeTable finds a node's id from its value: open addressing over node
// ids (4 bytes a slot, half the slots empty), keyed by a hash of the
// value's N-Quads form, where a map from values would take about ten times
// the memory for as long as the index lives. Lookups are rare (an IRI
// named in a request), so hashing the text form costs nothing that shows.
type nodeTable struct {
	seed  maphash.Seed
	slots []int32 // node id + 1; 0 is an empty slot
}

func newNodeTable(nodes []node) nodeTable {
	size := 1
	for size < 2*len(nodes) {
		size <<= 1
	}
	t := nodeTable{seed: maphash.MakeSeed(), slots: make([]int32, size)}
	for id := range nodes {
		i := t.slot(nodes[id].val)
		for t.slots[i] != 0 {
			i = (i + 1) & (size - 1)
		}
		t.slots[i] = int32(id) + 1
	}
	return t
}

func (t nodeTable) slot(v quad.Value) int {
	return int(maphash.String(t.seed, quad.StringOf(v)) & uint64(len(t.slots)-1))
}

func (t nodeTable) lookup(nodes []node, v quad.Value) int32 {
	for i := t.slot(v); t.slots[i] != 0; i = (i + 1) & (len(t.slots) - 1) {
		if id := t.slots[i] - 1; nodes[id].val == v {
			return id
		}
	}
	return -1
}

// neighboursOf is n's distinct neighbours over relation edges, or over all
// edges.
func (x *index) neighboursOf(n int32, all bool) []int32 {
	if all {
		return x.all[x.allOff[n]:x.allOff[n+1]]
	}
	return x.rel[x.relOff[n]:x.relOff[n+1]]
}

// edgesOf is every edge touching n, in either direction.
func (x *index) edgesOf(n int32) []int32 { return x.edgeAt[x.edgeOff[n]:x.edgeOff[n+1]] }

// hasType reports whether n has type t (a node id).
func (x *index) hasType(n, t int32) bool { return slices.Contains(x.nodes[n].types(), t) }

// isNode reports whether a quad object is a node rather than a literal.
func isNode(v quad.Value) bool {
	switch v.(type) {
	case quad.IRI, quad.BNode:
		return true
	}
	return false
}

// literalText is a literal as text: a string's contents, anything else in
// its N-Quads form.
func literalText(v quad.Value) string {
	if s, ok := v.(quad.String); ok {
		return string(s)
	}
	return quad.StringOf(v)
}

func appendNew[T comparable](s []T, v T) []T {
	if slices.Contains(s, v) {
		return s
	}
	return append(s, v)
}
