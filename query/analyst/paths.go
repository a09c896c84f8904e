package analyst

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strconv"

	"github.com/cayleygraph/quad"

	"github.com/nhsgraph/nhsgraph/query/gizmo"
)

// Path search limits.
const (
	DefaultMaxHops = 4
	MaxMaxHops     = 6
	DefaultK       = 5
	MaxK           = 50
	// pathBudget caps the neighbours one search may look at, so a search
	// among hubs ends in bounded time; past it the answer says truncated.
	pathBudget = 4_000_000
)

// Edge directions in a step.
const (
	Forward  = "forward"  // the quad is from -predicate-> to
	Backward = "backward" // the quad is to -predicate-> from
)

// PathsRequest asks for the K shortest simple paths between two entities.
type PathsRequest struct {
	From, To    string // an IRI, or a name or alias as the entity search finds it
	MaxHops     int    // 0 means DefaultMaxHops
	K           int    // 0 means DefaultK
	Bookkeeping bool   // follow types, evidence, mentions and the date hierarchy too
}

// PathsResult is the paths found, shortest first. Among paths of one
// length, those through less connected nodes come first.
type PathsResult struct {
	From        NodeRef `json:"from"`
	To          NodeRef `json:"to"`
	MaxHops     int     `json:"max_hops"`
	K           int     `json:"k"`
	Bookkeeping bool    `json:"bookkeeping"`
	Paths       []Path  `json:"paths"`
	// Truncated says the search stopped at its budget; longer or more
	// paths may exist.
	Truncated bool `json:"truncated,omitempty"`
	Cached    bool `json:"-"`
}

// Path is a walk through the graph: its nodes, and for each pair of
// consecutive nodes every edge that joins them.
type Path struct {
	Hops  int       `json:"hops"`
	Nodes []NodeRef `json:"nodes"`
	Steps []Step    `json:"steps"`
}

// Step is one hop: every edge joining two consecutive nodes of a path.
type Step struct {
	From  string     `json:"from"`
	To    string     `json:"to"`
	Edges []StepEdge `json:"edges"`
}

// StepEdge is one edge of a step, its direction as stored, and its
// evidence.
type StepEdge struct {
	Predicate     string     `json:"predicate"`
	Direction     string     `json:"direction"`
	Bookkeeping   bool       `json:"bookkeeping,omitempty"`
	EvidenceCount int        `json:"evidence_count"`
	Evidence      []Evidence `json:"evidence"`
}

// Paths finds the K shortest simple paths of at most MaxHops edges between
// two entities, following edges in either direction. Answers are cached
// with the Gizmo results.
func (e *Engine) Paths(ctx context.Context, req PathsRequest) (*PathsResult, error) {
	if req.MaxHops == 0 {
		req.MaxHops = DefaultMaxHops
	}
	if req.K == 0 {
		req.K = DefaultK
	}
	if req.MaxHops < 1 || req.MaxHops > MaxMaxHops {
		return nil, fmt.Errorf("%w: max_hops must be 1 to %d", ErrBadParam, MaxMaxHops)
	}
	if req.K < 1 || req.K > MaxK {
		return nil, fmt.Errorf("%w: k must be 1 to %d", ErrBadParam, MaxK)
	}
	key := cacheKey("paths", e.store.Generation(), req.From, req.To,
		strconv.Itoa(req.MaxHops), strconv.Itoa(req.K), strconv.FormatBool(req.Bookkeeping))
	v, hit, err := e.cachedWalk(ctx, key, func(ctx context.Context, x *index) (any, error) {
		return x.pathsBetween(ctx, req)
	})
	if err != nil {
		return nil, err
	}
	r := *v.(*PathsResult)
	r.Cached = hit
	return &r, nil
}

func (x *index) pathsBetween(ctx context.Context, req PathsRequest) (*PathsResult, error) {
	from, err := x.resolve("from", req.From)
	if err != nil {
		return nil, err
	}
	to, err := x.resolve("to", req.To)
	if err != nil {
		return nil, err
	}
	if from == to {
		return nil, fmt.Errorf("%w: from and to are the same node %s", ErrBadParam, quad.StringOf(x.nodes[from].val))
	}
	found, truncated, err := x.shortestPaths(ctx, from, to, req.MaxHops, req.K, req.Bookkeeping)
	if err != nil {
		return nil, err
	}
	r := &PathsResult{
		From: x.ref(from), To: x.ref(to), MaxHops: req.MaxHops, K: req.K,
		Bookkeeping: req.Bookkeeping, Truncated: truncated, Paths: make([]Path, 0, len(found)),
	}
	for _, p := range found {
		r.Paths = append(r.Paths, x.describe(p, req.Bookkeeping))
	}
	return r, nil
}

// shortestPaths enumerates simple paths from -> to in order of length, at
// most k of them and none longer than maxHops. A breadth-first search from
// to gives every node's distance to it; a depth-first search from from
// then extends a path only through nodes close enough to still reach to
// in the hops left, so it never wanders.
func (x *index) shortestPaths(ctx context.Context, from, to int32, maxHops, k int, all bool) (paths [][]int32, truncated bool, err error) {
	dist := x.distancesTo(to, from, maxHops, all)
	if dist[from] < 0 {
		return nil, false, nil
	}
	onPath := make([]bool, len(x.nodes))
	path := []int32{from}
	onPath[from] = true
	budget := pathBudget
	var dfs func(v int32, left int) error
	dfs = func(v int32, left int) error {
		if left == 1 {
			budget -= min(len(x.neighboursOf(v, all)), len(x.neighboursOf(to, all)))
			if x.adjacent(v, to, all) {
				paths = append(paths, append(slices.Clone(path), to))
			}
			return nil
		}
		for _, w := range x.neighboursOf(v, all) {
			budget--
			if budget&0xffff == 0 {
				if err := ctx.Err(); err != nil {
					return err
				}
			}
			if budget <= 0 {
				truncated = true
				return nil
			}
			if d := int(dist[w]); d < 0 || d >= left || onPath[w] || w == to {
				continue
			}
			onPath[w] = true
			path = append(path, w)
			err := dfs(w, left-1)
			path = path[:len(path)-1]
			onPath[w] = false
			if err != nil || len(paths) >= k || truncated {
				return err
			}
		}
		return nil
	}
	for l := int(dist[from]); l <= maxHops && len(paths) < k && !truncated; l++ {
		if err := dfs(from, l); err != nil {
			return nil, false, gizmo.Stopped(ctx, err)
		}
	}
	return paths[:min(len(paths), k)], truncated, nil
}

// distancesTo is every node's distance in hops to target, -1 where it is
// more than maxHops (or, for nodes other than from, more than maxHops-1:
// no path through them could be short enough).
func (x *index) distancesTo(target, from int32, maxHops int, all bool) []int8 {
	dist := make([]int8, len(x.nodes))
	for i := range dist {
		dist[i] = -1
	}
	dist[target] = 0
	queue := []int32{target}
	for head := 0; head < len(queue); head++ {
		v := queue[head]
		d := dist[v]
		if int(d) >= maxHops-1 {
			break // the queue is in order of distance
		}
		for _, w := range x.neighboursOf(v, all) {
			if dist[w] < 0 {
				dist[w] = d + 1
				queue = append(queue, w)
			}
		}
	}
	// from alone may be maxHops away: it needs a neighbour one closer.
	if dist[from] < 0 {
		for _, w := range x.neighboursOf(from, all) {
			if int(dist[w]) == maxHops-1 {
				dist[from] = int8(maxHops)
				break
			}
		}
	}
	return dist
}

// adjacent reports whether a and b are neighbours, scanning the shorter
// list.
func (x *index) adjacent(a, b int32, all bool) bool {
	na, nb := x.neighboursOf(a, all), x.neighboursOf(b, all)
	if len(nb) < len(na) {
		na, b = nb, a
	}
	return slices.Contains(na, b)
}

// describe turns a node sequence into a Path with every joining edge and
// its evidence.
func (x *index) describe(p []int32, all bool) Path {
	out := Path{Hops: len(p) - 1, Nodes: make([]NodeRef, len(p)), Steps: make([]Step, 0, len(p)-1)}
	for i, n := range p {
		out.Nodes[i] = x.ref(n)
	}
	for i := 0; i+1 < len(p); i++ {
		out.Steps = append(out.Steps, Step{From: out.Nodes[i].ID, To: out.Nodes[i+1].ID, Edges: x.between(p[i], p[i+1], all)})
	}
	return out
}

// between lists the edges joining a and b (relation edges only, unless
// all), oriented from a, by predicate.
func (x *index) between(a, b int32, all bool) []StepEdge {
	scan, other := a, b
	if len(x.edgesOf(b)) < len(x.edgesOf(a)) {
		scan, other = b, a
	}
	var out []StepEdge
	for _, id := range x.edgesOf(scan) {
		e := &x.edges[id]
		if !(e.s == scan && e.o == other || e.o == scan && e.s == other) {
			continue
		}
		if !all && !x.isRelation(e) {
			continue
		}
		dir := Forward
		if e.s != a {
			dir = Backward
		}
		ev, count := x.evidence(x.labelsOf(id))
		out = append(out, StepEdge{Predicate: quad.StringOf(x.preds[e.p]), Direction: dir, Bookkeeping: x.bookkeeping[e.p], EvidenceCount: count, Evidence: ev})
	}
	slices.SortFunc(out, func(p, q StepEdge) int {
		if c := cmp.Compare(p.Predicate, q.Predicate); c != 0 {
			return c
		}
		return cmp.Compare(p.Direction, q.Direction)
	})
	return out
}
