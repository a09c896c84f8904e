package query

import "testing"

func TestNormalize(t *testing.T) {
	tests := []struct{ name, a, b string }{
		{"indentation", "g.V()\n  .out()\n  .all()", "g.V()\n\t.out()\n\n.all()"},
		{"trailing space", "  g.V().all()  \n", "g.V().all()"},
		{"spaces fold", "var  x =\t1", "var x = 1"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if Normalize(tc.a) != Normalize(tc.b) {
				t.Errorf("%q and %q normalise differently: %q vs %q", tc.a, tc.b, Normalize(tc.a), Normalize(tc.b))
			}
		})
	}
	differ := []struct{ name, a, b string }{
		{"string contents", `g.V("a  b")`, `g.V("a b")`},
		{"single quotes", `g.V('a  b')`, `g.V('a b')`},
		{"newline ends a statement", "return\nx", "return x"},
		{"escaped quote", `g.V("a\"  b")`, `g.V("a\" b")`},
	}
	for _, tc := range differ {
		t.Run(tc.name, func(t *testing.T) {
			if Normalize(tc.a) == Normalize(tc.b) {
				t.Errorf("%q and %q must stay different", tc.a, tc.b)
			}
		})
	}
}
