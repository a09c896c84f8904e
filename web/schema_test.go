package web

import (
	"encoding/json"
	"testing"

	"github.com/cayleygraph/quad"

	"github.com/nhsgraph/nhsgraph/internal/testgraph"
	"github.com/nhsgraph/nhsgraph/query/gizmo"
)

func TestSchemaHasLiveCounts(t *testing.T) {
	store := testgraph.Seeds(t)
	srv := New(wired(store, gizmo.Config{}, Config{}))
	w := do(srv, "GET", "/api/v1/schema", "")
	if w.Code != 200 {
		t.Fatalf("status %d: %s", w.Code, w.Body)
	}
	var body struct {
		Terms []struct {
			IRI, Kind, Domain, Range, Description string
			Count                                 int64
		}
	}
	if err := json.Unmarshal(w.Body.Bytes(), &body); err != nil {
		t.Fatal(err)
	}
	got := map[string]int64{}
	for _, term := range body.Terms {
		if term.Description == "" {
			t.Errorf("%s has no description", term.IRI)
		}
		got[term.IRI] = term.Count
	}
	for _, iri := range []string{"nhs:Fund", "nhs:Outcome", "schema:Organization", "nhs:funds", "nhs:achieved", "schema:name"} {
		if got[iri] == 0 {
			t.Errorf("%s: count %d, want > 0 on the seeds graph", iri, got[iri])
		}
	}
	// a write changes the counts
	before := got["nhs:Fund"]
	if _, err := store.Add(t.Context(), testQuads()); err != nil {
		t.Fatal(err)
	}
	w = do(srv, "GET", "/api/v1/schema", "")
	json.Unmarshal(w.Body.Bytes(), &body)
	for _, term := range body.Terms {
		if term.IRI == "nhs:Fund" && term.Count != before+1 {
			t.Errorf("after adding a fund the count is %d, want %d", term.Count, before+1)
		}
	}
}

func testQuads() []quad.Quad {
	return []quad.Quad{quad.MakeIRI("nhs:fund/test", "rdf:type", "nhs:Fund", "")}
}
