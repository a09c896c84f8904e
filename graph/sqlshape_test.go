package graph

import (
	"context"
	"strconv"
	"strings"
	"testing"

	"github.com/cayleygraph/cayley/graph/path"
	"github.com/cayleygraph/cayley/graph/shape"
	csql "github.com/cayleygraph/cayley/graph/sql"
	"github.com/cayleygraph/quad"
)

// TestSQLShapes checks what nhsgraph's additions to Cayley's SQL optimiser
// make of typical Gizmo paths: each of these becomes one SQL statement
// (where Cayley alone leaves iterators that query a row at a time), sets
// of nodes become IN lists, and only multi-hop sides of an intersection
// that start from given nodes run as subqueries of their own. That the
// answers stay right is TestPostgresAnswersAsMemory's job (package query/gizmo).
func TestSQLShapes(t *testing.T) {
	s := openPostgres(t)
	var quads []quad.Quad
	for _, q := range [][3]string{
		{"alice", "name", "Alice"}, {"bob", "name", "Bob"},
		{"p1", "actor", "alice"}, {"p2", "actor", "bob"},
		{"film", "starring", "p1"}, {"film", "starring", "p2"},
		{"film", "type", "Film"}, {"film", "name", "Film One"},
	} {
		quads = append(quads, quad.MakeIRI(q[0], q[1], q[2], ""))
	}
	if _, err := s.Add(context.Background(), quads); err != nil {
		t.Fatal(err)
	}
	qs := s.QuadStore()
	iri := func(v ...string) []quad.Value {
		out := make([]quad.Value, len(v))
		for i, x := range v {
			out[i] = quad.IRI(x)
		}
		return out
	}
	via := func(v ...string) []interface{} {
		out := make([]interface{}, len(v))
		for i, x := range v {
			out[i] = quad.IRI(x)
		}
		return out
	}
	films := path.StartMorphism().In(via("actor")...).In(via("starring")...)
	filmsOf := func(name string) *path.Path {
		return path.StartPath(qs, iri(name)...).In(via("name")...).Follow(films)
	}
	tests := []struct {
		name   string
		p      *path.Path
		sql    bool // the whole path is one SQL statement
		in     int  // IN lists
		fenced int  // sides run on their own
	}{
		{"one start node stays a fixed value", path.StartPath(qs, iri("alice")...), false, 0, 0},
		{"several start nodes", path.StartPath(qs, iri("alice", "bob")...).In(via("actor")...), true, 1, 0},
		{"several predicates", path.StartPath(qs, iri("film")...).Out(via("starring", "name")...), true, 1, 0},
		{"several predicates, tagged", path.StartPath(qs, iri("film")...).OutWithTags([]string{"how"}, via("starring", "name")...), true, 1, 0},
		{"is several", path.StartPath(qs).Has(quad.IRI("type"), quad.IRI("Film")).Is(iri("film", "alice")...), true, 1, 0},
		{"two multi-hop sides, then a hop", filmsOf("Alice").And(filmsOf("Bob")).Tag("film").Out(via("name")...), true, 0, 2},
		{"a multi-hop side and a has", filmsOf("Alice").Has(quad.IRI("type"), quad.IRI("Film")), true, 0, 0},
		// has(type, Film) and in(name) from one name are the same SQL; only
		// the data tells a kind of thousands from one node, so both run once.
		{"sides from a kind run on their own too", path.StartPath(qs).Has(quad.IRI("type"), quad.IRI("Film")).Out(via("starring")...).And(path.StartPath(qs).Has(quad.IRI("name"), quad.IRI("Alice")).In(via("actor")...)), true, 0, 2},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			o, _ := shape.Optimize(tc.p.Shape(), qs)
			sel, ok := o.(sqlSelect)
			if ok != tc.sql {
				t.Fatalf("one SQL statement: %v, want %v; the shape is %#v", ok, tc.sql, o)
			}
			if !ok {
				return
			}
			q := sel.SQL(csql.NewBuilder(csql.DefaultDialect))
			if n := strings.Count(q, " IN ("); n != tc.in {
				t.Errorf("%d IN lists, want %d:\n%s", n, tc.in, q)
			}
			if n := strings.Count(q, " AS MATERIALIZED ("); n != tc.fenced {
				t.Errorf("%d sides on their own, want %d:\n%s", n, tc.fenced, q)
			}
			it := o.BuildIterator(qs)
			defer it.Close()
			if !it.Next(context.Background()) {
				t.Errorf("no rows (%v):\n%s", it.Err(), q)
			}
		})
	}
}

// TestWritesRefreshPlannerStatistics fills an empty PostgreSQL store with
// ordinary writes and wants the planner to know the rows are there at once
// (reltuples), not after autovacuum's next round.
func TestWritesRefreshPlannerStatistics(t *testing.T) {
	s := openPostgres(t)
	var quads []quad.Quad
	for i := range 2 * analyzeAfter {
		quads = append(quads, quad.MakeIRI("s"+strconv.Itoa(i), "p", "o", ""))
	}
	if _, err := s.Add(context.Background(), quads); err != nil {
		t.Fatal(err)
	}
	var rows float64
	if err := s.sql.db.QueryRow(`SELECT reltuples FROM pg_class WHERE oid = 'quads'::regclass`).Scan(&rows); err != nil {
		t.Fatal(err)
	}
	if rows < float64(len(quads)) {
		t.Errorf("the planner believes quads holds %.0f rows after %d were written", rows, len(quads))
	}
}
