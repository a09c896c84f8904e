package graph

import (
	"strconv"
	"strings"
	"sync/atomic"

	cgraph "github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/cayley/graph/shape"
	csql "github.com/cayleygraph/cayley/graph/sql"
)

// sqlQuadStore is Cayley's SQL quad store with two additions to its shape
// optimiser, which otherwise leaves the most common multi-hop Gizmo on
// PostgreSQL to one SQL round trip per candidate node (docs/PERFORMANCE.md,
// "Multi-hop Gizmo queries"):
//
//   - A set of two or more fixed nodes (g.V(a, b), out([p, q]), is(x, y))
//     becomes one SQL selection with IN instead of an in-memory list that
//     every SQL iterator around it checks a row at a time. Cayley's own
//     optimiser stops there ("TODO: support for IN").
//   - An intersection of two or more multi-hop selections that each start
//     from a given node is evaluated side by side: each side is its own
//     subquery that PostgreSQL plans and runs once, and the sides are joined.
//     Cayley flattens them into one join, and PostgreSQL, which cannot know
//     how many films an actor has, re-runs one side for every row of the
//     other (Oliver Hardy and Mel Blanc: 53,466 inner loops, 305 ms).
//
// Cayley's SQL selections insist on being built on *csql.QuadStore, so
// every selection this optimiser hands back is wrapped (sqlSelect) to
// unwrap the store again, and unwrapped before Cayley's optimiser sees it.
type sqlQuadStore struct {
	*csql.QuadStore
}

var _ shape.Optimizer = sqlQuadStore{}

// OptimizeShape is called bottom-up on every shape of a query.
func (qs sqlQuadStore) OptimizeShape(s shape.Shape) (shape.Shape, bool) {
	s = mapSQLChildren(s, unwrapSelect)
	var ours bool
	switch v := s.(type) {
	case shape.Fixed:
		if sel, ok := fixedSelect(v); ok {
			return sqlSelect{sel}, true
		}
	case shape.Intersect:
		s, ours = fenceIntersect(v)
	}
	out, opt := qs.QuadStore.OptimizeShape(s)
	if out == nil {
		return nil, true
	}
	if sel, ok := out.(csql.Select); ok {
		return sqlSelect{sel}, true
	}
	return mapSQLChildren(out, wrapSelect), opt || ours
}

// sqlSelect is a Cayley SQL selection that builds its iterator on the
// store inside an sqlQuadStore.
type sqlSelect struct {
	csql.Select
}

func (s sqlSelect) BuildIterator(qs cgraph.QuadStore) cgraph.Iterator {
	if w, ok := qs.(sqlQuadStore); ok {
		qs = w.QuadStore
	}
	return s.Select.BuildIterator(qs)
}

func (s sqlSelect) Optimize(shape.Optimizer) (shape.Shape, bool) { return s, false }

func unwrapSelect(s shape.Shape) shape.Shape {
	if w, ok := s.(sqlSelect); ok {
		return w.Select
	}
	return s
}

func wrapSelect(s shape.Shape) shape.Shape {
	if sel, ok := s.(csql.Select); ok {
		return sqlSelect{sel}
	}
	return s
}

// mapSQLChildren applies f to the children of s that Cayley's SQL optimiser
// looks into, copying whatever it changes.
func mapSQLChildren(s shape.Shape, f func(shape.Shape) shape.Shape) shape.Shape {
	switch v := s.(type) {
	case shape.Filter:
		v.From = f(v.From)
		return v
	case shape.Save:
		v.From = f(v.From)
		return v
	case shape.Page:
		v.From = f(v.From)
		return v
	case shape.NodesFrom:
		v.Quads = f(v.Quads)
		return v
	case shape.Intersect:
		out := make(shape.Intersect, len(v))
		for i, c := range v {
			out[i] = f(c)
		}
		return out
	case shape.Quads:
		out := make(shape.Quads, len(v))
		for i, q := range v {
			q.Values = f(q.Values)
			out[i] = q
		}
		return out
	}
	return s
}

// maxInList bounds the nodes one IN list carries (PostgreSQL takes at most
// 65,535 parameters per statement); longer sets stay in memory.
const maxInList = 1000

// fixedSelect turns a set of two or more distinct nodes into
// SELECT hash AS __node FROM nodes WHERE hash IN (...).
func fixedSelect(f shape.Fixed) (csql.Select, bool) {
	if len(f) < 2 || len(f) > maxInList {
		return csql.Select{}, false
	}
	params := make([]csql.Value, 0, len(f))
	seen := make(map[any]bool, len(f))
	for _, r := range f {
		v, ok := r.(csql.Value)
		key := cgraph.ToKey(r)
		// a node named twice is listed twice, which IN would not do
		if !ok || seen[key] {
			return csql.Select{}, false
		}
		seen[key] = true
		params = append(params, v)
	}
	return csql.Nodes([]csql.Where{{Field: "hash", Op: "IN", Value: inList{n: len(f)}}}, params), true
}

// inList renders n placeholders as ($1, $2, ...). It embeds Placeholder
// only to be a csql.Expr.
type inList struct {
	csql.Placeholder
	n int
}

func (l inList) SQL(b *csql.Builder) string {
	ph := make([]string, l.n)
	for i := range ph {
		ph[i] = b.Placeholder()
	}
	return "(" + strings.Join(ph, ", ") + ")"
}

// fenceIntersect puts each side of an intersection that is a multi-hop
// selection from given nodes into a subquery of its own, so Cayley's
// optimiser then joins the sides instead of their tables. Sides that read
// one table (has(p, o), a single lookup) stay as they are: PostgreSQL
// probes their index for each candidate, which is what they are good for.
func fenceIntersect(in shape.Intersect) (shape.Intersect, bool) {
	n := 0
	for _, c := range in {
		if sel, ok := c.(csql.Select); ok && fenceable(sel) {
			n++
		}
	}
	if n < 2 {
		return in, false
	}
	out := make(shape.Intersect, len(in))
	for i, c := range in {
		out[i] = c
		if sel, ok := c.(csql.Select); ok && fenceable(sel) {
			out[i] = fence(sel)
		}
	}
	return out, true
}

// fenceable reports whether a selection joins more than one source and
// starts from given nodes (a condition on a node other than the predicate),
// the shape of "films of this actor".
func fenceable(sel csql.Select) bool {
	if sel.Limit > 0 || sel.Offset > 0 || len(sel.From) < 2 {
		return false
	}
	return anchored(sel)
}

func anchored(sel csql.Select) bool {
	for _, w := range sel.Where {
		if w.Field == "predicate_hash" {
			continue
		}
		switch w.Value.(type) {
		case csql.Placeholder, inList:
			return true
		}
	}
	for _, src := range sel.From {
		switch v := src.(type) {
		case csql.Subquery:
			if anchored(v.Query) {
				return true
			}
		case fencedSource:
			return true
		}
	}
	return false
}

var fenceSeq atomic.Uint64

// fence returns a selection of the same columns from sel run as a
// subquery of its own. The copy keeps sel's unexported path mode. Inside,
// the columns are renamed c0, c1, ...: Cayley's optimiser will not merge a
// selection whose conditions name a column as its own output is named.
func fence(sel csql.Select) csql.Select {
	alias := "nf_" + strconv.FormatUint(fenceSeq.Add(1), 10)
	inner := sel.Clone()
	out := sel.Clone()
	out.From = []csql.Source{fencedSource{csql.Subquery{Query: inner, Alias: alias}}}
	out.Where, out.Params = nil, nil
	for i, f := range sel.Fields {
		col := "c" + strconv.Itoa(i)
		inner.Fields[i].Alias = col
		out.Fields[i] = csql.Field{Table: alias, Name: col, Alias: f.NameOrAlias()}
	}
	return out
}

// fencedSource is a subquery the planner runs once and does not merge into
// the query around it: a materialised common table expression.
type fencedSource struct {
	csql.Subquery
}

func (f fencedSource) SQL(b *csql.Builder) string {
	a := b.EscapeField(f.Alias)
	return "(WITH " + a + " AS MATERIALIZED (" + f.Query.SQL(b) + ") SELECT * FROM " + a + ") AS " + a
}
