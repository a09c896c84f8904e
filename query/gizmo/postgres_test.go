package gizmo

import (
	"encoding/json"
	"os"
	"sort"
	"strings"
	"testing"

	"github.com/nhsgraph/nhsgraph/graph"
	"github.com/nhsgraph/nhsgraph/graph/pgtest"
	"github.com/nhsgraph/nhsgraph/internal/testgraph"
)

// TestPostgresAnswersAsMemory runs Gizmo queries that take every path of
// nhsgraph's additions to Cayley's SQL optimiser (sets of nodes as IN
// lists, intersections of multi-hop sides run side by side, tags saved on
// either side, pages, unions, exceptions) on Cayley's example graph, in
// memory and in PostgreSQL, and wants the same rows, repeats included.
// (One difference is Cayley's own and older than these additions: a hop
// from a start node named twice, g.V(a, b, a).out(p), gives its rows once
// on SQL and twice in memory. "sides with saves" differed too without them.)
func TestPostgresAnswersAsMemory(t *testing.T) {
	mem := New(testgraph.Cayley(t), Config{})
	pgStore, err := graph.Open(t.Context(), graph.Config{Backend: graph.BackendPostgres, Path: pgtest.NewDatabase(t)})
	if err != nil {
		t.Fatal(err)
	}
	defer pgStore.Close()
	if _, _, err := pgStore.ImportFile(t.Context(), testgraph.CayleyData(t, "testdata.nq"), nil); err != nil {
		t.Fatal(err)
	}
	pg := New(pgStore, Config{})
	queries := []struct{ name, q string }{
		{"several start nodes", `g.V("<alice>", "<charlie>", "<emily>").out("<follows>").all()`},
		{"a start node twice", `g.V("<alice>", "<bob>", "<alice>").all()`},
		{"a start node absent", `g.V("<alice>", "<nobody>").out("<follows>").all()`},
		{"several start nodes, tagged", `g.V("<alice>", "<charlie>").tag("who").out("<follows>").all()`},
		{"several predicates", `g.V("<dani>").out(["<follows>", "<status>"]).all()`},
		{"several predicates, tagged", `g.V("<dani>", "<bob>").out(["<follows>", "<status>"], "how").all()`},
		{"in with several predicates", `g.V("<bob>").in(["<follows>", "<are>"], "how").all()`},
		{"is several", `g.V().has("<status>", "cool_person").is("<bob>", "<greg>", "<alice>").all()`},
		{"has several objects", `g.V().has("<follows>", "<bob>", "<fred>").all()`},
		{"two multi-hop sides", `g.V("<charlie>").out("<follows>").out("<follows>").intersect(g.V("<dani>").out("<follows>").in("<follows>").out("<follows>")).all()`},
		{"sides with tags", `g.V("<charlie>").tag("a").out("<follows>").out("<follows>").intersect(g.V("<alice>").tag("b").out("<follows>").out("<follows>")).all()`},
		{"sides with saves", `g.V("<charlie>", "<alice>").save("<follows>", "f").out("<follows>").out("<follows>").intersect(g.V("<emily>").out("<follows>").in("<follows>").out("<follows>")).all()`},
		{"three sides and a has", `g.V("<charlie>").out("<follows>").out("<follows>").intersect(g.V("<alice>").out("<follows>").out("<follows>")).intersect(g.V("<emily>").out("<follows>").out("<follows>")).has("<status>", "cool_person").all()`},
		{"side with a limit", `g.V("<charlie>").out("<follows>").out("<follows>").intersect(g.V("<dani>").out("<follows>").in("<follows>").out("<follows>").limit(10)).all()`},
		{"union of sides", `g.V("<charlie>").out("<follows>").out("<follows>").union(g.V("<alice>", "<emily>").out("<follows>")).all()`},
		{"except", `g.V("<charlie>", "<dani>").out("<follows>").except(g.V("<alice>", "<emily>").out("<follows>")).all()`},
		{"count", `g.emit(g.V("<alice>", "<bob>", "<charlie>").out("<follows>").count())`},
		{"follow a morphism from several", `var m = g.M().out("<follows>").out("<follows>"); g.V("<alice>", "<charlie>").follow(m).intersect(g.V("<dani>").follow(m)).all()`},
		{"back after a set", `g.V().has("<status>", "cool_person").tag("p").out("<follows>").is("<fred>", "<greg>").back("p").all()`},
	}
	for _, tc := range queries {
		t.Run(tc.name, func(t *testing.T) {
			req := Request{Lang: "gizmo", Query: tc.q, Limit: -1}
			want := sortedRows(t, mem, req)
			if got := sortedRows(t, pg, req); got != want {
				t.Errorf("PostgreSQL answers\n%s\nmemory answers\n%s", got, want)
			}
		})
	}
}

// TestQueriesDocOnPostgres checks every question in docs/QUERIES.md on the
// seeds in PostgreSQL against the answer printed for it.
func TestQueriesDocOnPostgres(t *testing.T) {
	doc, err := os.ReadFile(queriesDoc)
	if err != nil {
		t.Fatal(err)
	}
	e := New(testgraph.SeedsIn(t, graph.Config{Backend: graph.BackendPostgres, Path: pgtest.NewDatabase(t)}), Config{})
	for _, m := range docQuery.FindAllSubmatch(doc, -1) {
		q, answer := string(m[1]), string(m[3])
		if got := answerRows(t, e, Request{Lang: "gizmo", Query: q, Limit: -1}); got != answer {
			t.Errorf("on PostgreSQL\n%s\nanswers\n%s\nbut docs/QUERIES.md prints\n%s", q, got, answer)
		}
	}
}

// sortedRows is an answer's rows, sorted, repeats kept: a store lists
// rows in its own order, but a row given twice must come twice.
func sortedRows(t testing.TB, e *Engine, req Request) string {
	t.Helper()
	a, err := e.Run(t.Context(), req)
	if err != nil {
		t.Fatalf("%v\n%s", err, req.Query)
	}
	var res struct{ Result []json.RawMessage }
	if err := json.Unmarshal(a.Body, &res); err != nil {
		t.Fatal(err)
	}
	rows := make([]string, len(res.Result))
	for i, r := range res.Result {
		rows[i] = string(r)
	}
	sort.Strings(rows)
	return strings.Join(rows, "\n")
}

func answerRows(t testing.TB, e *Engine, req Request) string {
	t.Helper()
	a, err := e.Run(t.Context(), req)
	if err != nil {
		t.Fatalf("%v\n%s", err, req.Query)
	}
	return distinctRows(t, a.Body)
}
