package analyst

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/cayleygraph/quad"

	ngraph "github.com/nhsgraph/nhsgraph/graph"
	"github.com/nhsgraph/nhsgraph/query/gizmo"
)

// Chain limits.
const (
	DefaultChainLimit = 1000
	MaxChainTypes     = 6
)

// ChainsRequest asks for every chain of nodes of the given types, in that
// order, each joined to the next by a relation edge that points from it to
// the next: a fund that funds a programme that achieved an outcome. Edges
// that only say one thing is part of another, or that a phrase names a
// thing, do not carry a chain: "£16.6m is part of the COVID-19 response's
// money" does not make the response's results what the £16.6m bought.
type ChainsRequest struct {
	Types []string // short names (Fund, Programme) or type IRIs; 2 to MaxChainTypes
	From  string   // optional: the first node, by IRI or name
	Limit int      // chains returned; 0 means DefaultChainLimit
}

// ChainsResult is the chains found and the Gizmo query that finds the same
// chains (as tag rows, one per chain, with duplicates where several edges
// join a pair).
type ChainsResult struct {
	Types     []string `json:"types"`
	From      *NodeRef `json:"from,omitempty"`
	Count     int      `json:"count"`
	Truncated bool     `json:"truncated,omitempty"` // there are more than Limit
	Chains    []Path   `json:"chains"`
	Gizmo     string   `json:"gizmo"`
	Tags      []string `json:"tags"` // the Gizmo query's tag for each position
	Cached    bool     `json:"-"`
}

// Chains finds chains of typed nodes, such as Fund - Programme - Outcome:
// what the money bought. Answers are cached with the Gizmo results.
func (e *Engine) Chains(ctx context.Context, req ChainsRequest) (*ChainsResult, error) {
	if req.Limit == 0 {
		req.Limit = DefaultChainLimit
	}
	if req.Limit < 1 || req.Limit > e.cfg.MaxResults {
		return nil, fmt.Errorf("%w: limit must be 1 to %d", ErrBadParam, e.cfg.MaxResults)
	}
	if len(req.Types) < 2 || len(req.Types) > MaxChainTypes {
		return nil, fmt.Errorf("%w: types must list 2 to %d types, such as Fund,Programme,Outcome", ErrBadParam, MaxChainTypes)
	}
	types := make([]quad.IRI, len(req.Types))
	names := make([]string, len(req.Types))
	for i, s := range req.Types {
		t, err := parseType(s)
		if err != nil {
			return nil, err
		}
		types[i], names[i] = t, quad.StringOf(t)
	}
	key := cacheKey("chains", e.store.Generation(), strings.Join(names, ","), req.From, strconv.Itoa(req.Limit))
	v, hit, err := e.cachedWalk(ctx, key, func(ctx context.Context, x *index) (any, error) {
		return x.chains(ctx, types, req.From, req.Limit)
	})
	if err != nil {
		return nil, err
	}
	r := *v.(*ChainsResult)
	r.Cached = hit
	return &r, nil
}

func (x *index) chains(ctx context.Context, types []quad.IRI, fromName string, limit int) (*ChainsResult, error) {
	r := &ChainsResult{Chains: []Path{}, Tags: chainTags(types)}
	tid := make([]int32, len(types))
	for i, t := range types {
		r.Types = append(r.Types, quad.StringOf(t))
		tid[i] = x.lookup(t)
	}
	var starts []int32
	if fromName != "" {
		from, err := x.resolve("from", fromName)
		if err != nil {
			return nil, err
		}
		ref := x.ref(from)
		r.From = &ref
		if tid[0] < 0 || !x.hasType(from, tid[0]) {
			return nil, fmt.Errorf("%w: from %s is not a %s, the first of types", ErrBadParam, ref.ID, r.Types[0])
		}
		starts = []int32{from}
	} else if tid[0] >= 0 {
		starts = x.members(tid[0])
	}
	preds := x.stepPredicates(tid)
	r.Gizmo = chainGizmo(r.Types, r.Tags, preds, r.From)
	if slices.Contains(tid, -1) {
		return r, nil
	}

	var found [][]int32
	chain := make([]int32, 0, len(tid))
	budget := pathBudget
	var walk func(i int) error
	walk = func(i int) error {
		if i == len(tid) {
			found = append(found, slices.Clone(chain))
			return nil
		}
		for _, w := range x.chainNext(chain[i-1], tid[i]) {
			if budget--; budget&0xffff == 0 {
				if err := ctx.Err(); err != nil {
					return err
				}
			}
			if budget <= 0 || len(found) > limit {
				return nil
			}
			if !x.hasType(w, tid[i]) {
				continue
			}
			chain = append(chain, w)
			err := walk(i + 1)
			chain = chain[:i]
			if err != nil {
				return err
			}
		}
		return nil
	}
	for _, s := range starts {
		chain = append(chain[:0], s)
		if err := walk(1); err != nil {
			return nil, gizmo.Stopped(ctx, err)
		}
		if budget <= 0 || len(found) > limit {
			break
		}
	}
	if len(found) > limit || budget <= 0 {
		r.Truncated = true
		found = found[:min(len(found), limit)]
	}
	r.Count = len(found)
	for _, c := range found {
		r.Chains = append(r.Chains, x.describe(c, false))
	}
	return r, nil
}

// notChainPredicates join two things without one leading to the other.
var notChainPredicates = map[string]bool{
	quad.StringOf(ngraph.About): true, quad.StringOf(ngraph.PartOf): true,
	quad.StringOf(ngraph.ConflictsWith): true, quad.StringOf(ngraph.AuthoredBy): true,
}

// chainEdge reports whether edge e can carry a chain from node a.
func (x *index) chainEdge(e *edge, a int32) bool {
	return e.s == a && e.o != a && x.isRelation(e) && !notChainPredicates[quad.StringOf(x.preds[e.p])]
}

// chainNext lists, once each, the nodes of type t an edge from a carries a
// chain to.
func (x *index) chainNext(a, t int32) []int32 {
	var out []int32
	for _, id := range x.edgesOf(a) {
		if e := &x.edges[id]; x.chainEdge(e, a) && x.hasType(e.o, t) && !slices.Contains(out, e.o) {
			out = append(out, e.o)
		}
	}
	slices.Sort(out)
	return out
}

// members is every node of type t, by name.
func (x *index) members(t int32) []int32 {
	var out []int32
	for _, id := range x.edgesOf(t) {
		if e := &x.edges[id]; e.o == t && e.p == x.pType {
			out = append(out, e.s)
		}
	}
	slices.SortFunc(out, func(a, b int32) int {
		if c := cmp.Compare(x.nodes[a].name, x.nodes[b].name); c != 0 {
			return c
		}
		return cmp.Compare(a, b)
	})
	return slices.Compact(out)
}

// stepPredicates is, for each step of a chain, the predicates of the edges
// that carry a chain from a node of the step's first type to one of its
// second, sorted. Following exactly these, Gizmo finds the same chains.
// Where none join two types, the step lists every relation predicate: it
// finds nothing either, and says what was tried (an empty list would
// follow every predicate, bookkeeping too).
func (x *index) stepPredicates(tid []int32) [][]string {
	out := make([][]string, len(tid)-1)
	for i := range out {
		seen := map[int32]bool{}
		if tid[i] >= 0 && tid[i+1] >= 0 {
			for _, a := range x.members(tid[i]) {
				for _, id := range x.edgesOf(a) {
					e := &x.edges[id]
					if !seen[e.p] && x.chainEdge(e, a) && x.hasType(e.o, tid[i+1]) {
						seen[e.p] = true
						out[i] = append(out[i], quad.StringOf(x.preds[e.p]))
					}
				}
			}
		}
		if len(out[i]) == 0 {
			out[i] = x.relationPredicates()
		}
		slices.Sort(out[i])
	}
	return out
}

// relationPredicates is every predicate of some edge that can carry a
// chain.
func (x *index) relationPredicates() []string {
	seen := make([]bool, len(x.preds))
	var out []string
	for i := range x.edges {
		if e := &x.edges[i]; !seen[e.p] && x.chainEdge(e, e.s) {
			seen[e.p] = true
			out = append(out, quad.StringOf(x.preds[e.p]))
		}
	}
	return out
}

// chainTags names each position of a chain after its type: fund,
// programme, outcome; a repeated type gets a number.
func chainTags(types []quad.IRI) []string {
	tags := make([]string, len(types))
	used := map[string]int{}
	for i, t := range types {
		name := string(t)
		if j := strings.LastIndexAny(name, ":/#"); j >= 0 {
			name = name[j+1:]
		}
		name = strings.ToLower(name)
		used[name]++
		if used[name] > 1 {
			name += strconv.Itoa(used[name])
		}
		tags[i] = name
	}
	return tags
}

// chainGizmo writes the Gizmo query that returns the chains as tag rows.
func chainGizmo(types, tags []string, preds [][]string, from *NodeRef) string {
	var b strings.Builder
	b.WriteString("g.V(")
	if from != nil {
		b.WriteString(strconv.Quote(from.ID))
	}
	b.WriteString(")")
	rdfType := strconv.Quote(quad.StringOf(ngraph.RDFType))
	fmt.Fprintf(&b, ".has(%s, %s).tag(%s)", rdfType, strconv.Quote(types[0]), strconv.Quote(tags[0]))
	for i := 1; i < len(types); i++ {
		ps := make([]string, len(preds[i-1]))
		for j, p := range preds[i-1] {
			ps[j] = strconv.Quote(p)
		}
		fmt.Fprintf(&b, "\n  .out([%s]).has(%s, %s).tag(%s)", strings.Join(ps, ", "), rdfType, strconv.Quote(types[i]), strconv.Quote(tags[i]))
	}
	b.WriteString("\n  .all()")
	return b.String()
}
