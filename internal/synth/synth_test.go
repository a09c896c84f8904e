package synth

import (
	"testing"

	"github.com/cayleygraph/quad"

	"github.com/nhsgraph/nhsgraph/graph"
)

// TestShapeOfTheSeeds checks what a benchmark on the synthetic graph
// relies on: distinct quads, every entity typed and named, facts labelled
// with sentences that carry text and offsets, and the same graph for the
// same seed.
func TestShapeOfTheSeeds(t *testing.T) {
	var quads []quad.Quad
	n, err := Generate(Config{Quads: 20000, Seed: 7}, func(q quad.Quad) error { quads = append(quads, q); return nil })
	if err != nil || n < 20000 || n != len(quads) {
		t.Fatalf("generated %d (%d), err %v", n, len(quads), err)
	}
	seen := map[quad.Quad]bool{}
	preds := map[quad.Value]int{}
	types := map[quad.Value]quad.Value{}
	names := map[quad.Value]int{}
	for _, q := range quads {
		if seen[q] {
			t.Fatalf("duplicate quad %v", q)
		}
		seen[q] = true
		preds[q.Predicate]++
		switch q.Predicate {
		case graph.RDFType:
			types[q.Subject] = q.Object
		case graph.Name:
			names[q.Subject]++
		}
	}
	for s, typ := range types {
		if typ != graph.TypeSentence && names[s] != 1 {
			t.Errorf("%v (%v) has %d names", s, typ, names[s])
		}
	}
	for _, p := range []quad.IRI{graph.Mentions, graph.Text, graph.Start, graph.Achieved, graph.Funds, graph.Amount, graph.Within, graph.ConflictsWith, graph.AlternateName, graph.LedBy} {
		if preds[p] == 0 {
			t.Errorf("no %s quads", p)
		}
	}
	if r := float64(preds[graph.Mentions]) / float64(preds[graph.Text]); r < 0.8 || r > 3 {
		t.Errorf("%.2f mentions a sentence; the seeds have about 1.3", r)
	}
	var again []quad.Quad
	Generate(Config{Quads: 20000, Seed: 7}, func(q quad.Quad) error { again = append(again, q); return nil })
	for i := range quads {
		if quads[i] != again[i] {
			t.Fatalf("quad %d differs between runs with one seed", i)
		}
	}
}
