package query

import (
	"testing"

	"github.com/nhsgraph/nhsgraph/internal/testgraph"
)

// TestCacheKeepsDifferentScriptsApart runs pairs of scripts that differ
// only in white space, where the white space changes the answer. Each pair
// must get two answers computed for itself: an earlier cache key folded
// white space outside what it took for string literals, and served the
// first script's answer to the second.
func TestCacheKeepsDifferentScriptsApart(t *testing.T) {
	e := New(testgraph.Cayley(t), Config{CacheSize: 64})
	tests := []struct {
		name         string
		a, b         string
		wantA, wantB string
	}{
		{"white space in a regular expression literal",
			`g.emit(/a  b/.test("a b"))`, `g.emit(/a b/.test("a b"))`, `{"result":[false]}`, `{"result":[true]}`},
		{"a string after a quote in a comment",
			"// a \" in a comment\ng.emit(\"a  b\".length)", "// a \" in a comment\ng.emit(\"a b\".length)", `{"result":[4]}`, `{"result":[3]}`},
		{"a carriage return ends a comment",
			"// note\rg.emit(1)", "// note g.emit(1)", `{"result":[1]}`, `{"result":null}`},
		{"a carriage return ends a statement",
			"function f() { return\r1 }; g.emit(f())", "function f() { return 1 }; g.emit(f())", `{"result":null}`, `{"result":[1]}`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			for _, run := range []struct{ q, want string }{{tc.a, tc.wantA}, {tc.b, tc.wantB}, {tc.a, tc.wantA}} {
				a, err := e.Run(t.Context(), Request{Lang: "gizmo", Query: run.q, Limit: 10})
				if err != nil {
					t.Fatalf("%q: %v", run.q, err)
				}
				if got := string(a.Body); got != run.want+"\n" {
					t.Errorf("%q answered %s (from the cache: %v), want %s", run.q, got, a.Cached, run.want)
				}
			}
		})
	}
}
