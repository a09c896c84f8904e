package loader

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/cayleygraph/quad"
)

// Helpers for the passes' table tests: each runs the whole pipeline on a
// document written for the test and looks at what one pass made of it.

// readDoc runs every pass over text as a document named test.md.
func readDoc(t *testing.T, text string) *docState {
	t.Helper()
	d, err := New().read("test.md", []byte(text))
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// factLines are a document's facts as "subject --predicate--> object",
// with predicates short ("funds", "rel/explore-for") and described nodes
// in brackets ("[Concept: proof of concept tool]").
func factLines(d *docState) []string {
	var out []string
	for _, f := range d.facts {
		out = append(out, fmt.Sprintf("%s --%s--> %s", nodeLabel(f.s), shortPredicate(f.p), nodeLabel(f.o)))
	}
	return out
}

func shortPredicate(p quad.IRI) string {
	return strings.TrimPrefix(string(p), "nhs:")
}

func nodeLabel(e *entity) string {
	e = e.resolve()
	if e.described {
		return "[" + strings.TrimPrefix(strings.TrimPrefix(string(e.typ), "nhs:"), "schema:") + ": " + e.name + "]"
	}
	return e.name
}

// checkFacts asserts that every line of want is among the document's
// facts and no line of not is.
func checkFacts(t *testing.T, text string, want, not []string) {
	t.Helper()
	got := factLines(readDoc(t, text))
	for _, w := range want {
		if !slices.Contains(got, w) {
			t.Errorf("missing fact %q\n got:\n  %s", w, strings.Join(got, "\n  "))
		}
	}
	for _, n := range not {
		for _, g := range got {
			if strings.Contains(g, n) {
				t.Errorf("unwanted fact %q (matches %q)\n got:\n  %s", g, n, strings.Join(got, "\n  "))
			}
		}
	}
}

// entityTypes are a document's entities as "name: type" (type short).
func entityTypes(d *docState) map[string]string {
	out := map[string]string{}
	for _, e := range d.ents.live() {
		if d.keep(e) {
			out[e.name] = strings.TrimPrefix(strings.TrimPrefix(string(e.finalType()), "nhs:"), "schema:")
		}
	}
	return out
}
