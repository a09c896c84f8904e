package query

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/dlclark/regexp2"

	"github.com/nhsgraph/nhsgraph/internal/testgraph"
)

// TestNesting checks the scan that refuses scripts nested too deeply for
// goja's parser before the parser sees them: text that only looks nested
// (strings, comments, regular expressions, templates) passes, as do long
// scripts of many statements; real nesting, and operator chains that goja
// compiles recursively, do not.
func TestNesting(t *testing.T) {
	many := func(s string, n int) string { return strings.Repeat(s, n) }
	pass := []struct{ name, src string }{
		{"a Gizmo query", `g.V("<nhs:org/nhsx>").out("<nhs:ledBy>").out("<schema:name>").all()`},
		{"brackets in a string", `g.emit("` + many("(", 5000) + `")`},
		{"brackets in a comment", "// " + many("[", 5000) + "\ng.emit(1)"},
		{"brackets in a block comment", "/* " + many("{", 5000) + " */ g.emit(1)"},
		{"brackets in a regular expression", `g.emit(/` + many(`\(`, 3000) + `/.test("x"))`},
		{"a class in a regular expression", `g.emit(/[/(]+/.test("x"))`},
		{"brackets in a template", "g.emit(`" + many("(", 5000) + "`)"},
		{"division, not a regular expression", `var a = 4, b = 2; g.emit(a / b / (1))`},
		{"a long array", "g.emit([" + many("1,", 20000) + "1].length)"},
		{"many statements", many("var x = 1 + 2 * 3;\n", 5000) + "g.emit(x)"},
		{"many statements, no semicolons", many("var x = 1 + 2 * 3\n", 5000) + "g.emit(x)"},
		{"a path of 300 steps", "g.V()" + many(`.out("<p>")`, 300) + ".all()"},
		{"nesting at the limit", many("(", MaxNesting-1) + "1" + many(")", MaxNesting-1)},
	}
	for _, tc := range pass {
		if err := nestingError(tc.src, MaxNesting); err != nil {
			t.Errorf("%s: refused: %v", tc.name, err)
		}
	}
	refuse := []struct{ name, src, where string }{
		{"parentheses", "g.emit(" + many("(", 300000) + "1" + many(")", 300000) + ")", "line 1, column 1007"},
		{"brackets", "g.emit(" + many("[", 400000) + many("]", 400000) + ")", "line 1"},
		{"unary minus", "g.emit(" + many("-", 900000) + "1)", "line 1"},
		{"unary minus, spaced", "g.emit(" + many("- ", 900000) + "1)", "line 1"},
		{"typeof", "g.emit(" + many("typeof ", 2000) + "1)", "line 1"},
		{"a chain of +", "g.emit(" + strings.Repeat("1+", 300000) + "1)", "line 1"},
		{"a chain of members", "var a = {}; a.a = a; g.emit(a" + many(".a", 300000) + ")", "line 1"},
		{"a chain of else if", "var x = 1;\nif (x) {}" + many(" else if (x) {}", 2000), "line 2"},
		{"objects", "g.emit(" + many("{a:", 2000) + "1" + many("}", 2000) + ")", "line 1"},
		{"nesting past the limit", many("(", MaxNesting+1) + "1" + many(")", MaxNesting+1), "line 1"},
	}
	for _, tc := range refuse {
		err := nestingError(tc.src, MaxNesting)
		if !errors.Is(err, errNesting) || !strings.Contains(err.Error(), tc.where) {
			t.Errorf("%s: %v, want a refusal at %s", tc.name, err, tc.where)
		}
	}
}

// TestHostileScriptsAreRefused runs scripts that ended the process (a Go
// stack overflow, which nothing recovers) or ran for minutes beyond their
// deadline before the guards: each must now end quickly with a 400 that
// says why, and the engine must answer the next query.
func TestHostileScriptsAreRefused(t *testing.T) {
	e := New(testgraph.Cayley(t), Config{Timeout: 5 * time.Second, MaxConcurrent: 2})
	many := func(s string, n int) string { return strings.Repeat(s, n) }
	tests := []struct{ name, q, why string }{
		{"nested parentheses", "g.emit(" + many("(", 300000) + "1" + many(")", 300000) + ")", "nests too deeply"},
		{"nested brackets", "g.emit(" + many("[", 400000) + many("]", 400000) + ")", "nests too deeply"},
		{"unary minus", "g.emit(" + many("-", 900000) + "1)", "nests too deeply"},
		{"eval", "g.emit(eval(Array(300001).join('(') + '1' + Array(300001).join(')')))", "nests too deeply"},
		{"Function", "g.emit(Function('return ' + Array(300001).join('(') + '1' + Array(300001).join(')'))())", "nests too deeply"},
		{"a function's constructor", "g.emit((function(){}).constructor('return ' + Array(300001).join('[') + Array(300001).join(']'))())", "nests too deeply"},
		{"JSON.parse", "g.emit(JSON.parse(Array(3000001).join('[')).length)", "nests too deeply"},
		{"JSON.stringify", "var o = {}; for (var i = 0; i < 1000000; i++) o = {a: o}; g.emit(JSON.stringify(o).length)", "JSON.stringify"},
		{"nested arrays to a string", "var a = []; for (var i = 0; i < 500000; i++) a = [a]; g.emit(String(a).length)", "arrays nested"},
		{"a path of a million steps", "var p = g.V(); for (var i = 0; i < 1000000; i++) p = p.out(); g.emit(p.count())", "steps"},
		{"a path that doubles", "var p = g.V(); for (var i = 0; i < 60; i++) p = p.and(p); g.emit(p.count())", "steps"},
		{"emit of an object that holds itself", "var o = {}; o.a = o; g.emit(o)", "holds itself"},
		{"emit of an array that holds itself", "var a = []; a.push(a); g.emit(a)", "holds itself"},
		{"a path step given an object that holds itself", "var o = {}; o.a = o; g.V(o).all()", "holds itself"},
		{"follow given an object that holds itself", "var o = {}; o.a = o; g.V().follow(o).all()", "holds itself"},
		{"a helper given an object that holds itself", "var o = {}; o.a = o; g.V().filter(lt(o)).all()", "holds itself"},
		{"emit of a deep object", "var o = {}; for (var i = 0; i < 300000; i++) o = {a: o}; g.emit(o)", "nests more than"},
		{"a getter that gives another object to Export", "var n = 0, c = {}; c.a = c; g.emit({get a() { return n++ ? c : 1 }})", "getters"},
		{"a join of four billion elements", "var a = []; a.length = 4294967295; g.emit(a.join('abcdefghij').length)", "join"},
		{"emit of an array four billion long", "var a = []; a.length = 4294967295; g.emit(a)", "longer than"},
		{"recursion through call", "function f() { return f.call(null) }; f()", "recursed more deeply"},
		{"recursion through a getter", "var o = {get a() { return this.a }}; g.emit(o.a)", "recursed more deeply"},
		{"recursion through toString", "var o = {toString: function() { return '' + o }}; g.emit('' + o)", "recursed more deeply"},
		{"recursion through valueOf", "var o = {valueOf: function() { return o + 1 }}; g.emit(o + 1)", "recursed more deeply"},
		{"recursion through replace", "function f() { return 'a'.replace('a', f) }; f()", "recursed more deeply"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			// each script starts with nothing left running from the last
			for e.Stats().Running > 0 {
				time.Sleep(10 * time.Millisecond)
			}
			start := time.Now()
			_, err := e.Run(t.Context(), Request{Lang: "gizmo", Query: tc.q, Limit: 10})
			t.Logf("%s: %.120s", time.Since(start).Round(time.Millisecond), err)
			switch {
			case raceEnabled && (errors.Is(err, ErrTimeout) || errors.Is(err, ErrTooLarge)):
				// the race detector slows these scripts and multiplies their
				// memory: the clock or the memory watch may stop them first
			case !errors.Is(err, ErrSyntax) && !errors.Is(err, ErrTooLarge):
				t.Fatalf("%v, want a 400 error", err)
			case !strings.Contains(err.Error(), tc.why):
				t.Errorf("error %q does not say %q", err, tc.why)
			}
			a, err := e.Run(t.Context(), Request{Lang: "gizmo", Query: `g.V("<alice>").out("<follows>").all()`, Limit: 10})
			if err != nil || !strings.Contains(string(a.Body), "bob") {
				t.Fatalf("the next query: %v", err)
			}
		})
	}
}

// TestGuardsKeepAnswers: the guarded built-ins and Gizmo functions answer
// as the originals do.
func TestGuardsKeepAnswers(t *testing.T) {
	e := New(testgraph.Cayley(t), Config{})
	tests := []struct{ q, want string }{
		{`g.emit(JSON.stringify({a: [1, {b: "c"}], d: null}))`, `["{\"a\":[1,{\"b\":\"c\"}],\"d\":null}"]`},
		{`g.emit(JSON.stringify({a: 1, b: 2}, null, 2))`, `["{\n  \"a\": 1,\n  \"b\": 2\n}"]`},
		{`g.emit(JSON.stringify({a: 1, b: 2, c: {a: 3, d: 4}}, ["a", "c"]))`, `["{\"a\":1,\"c\":{\"a\":3}}"]`},
		{`g.emit(JSON.stringify({a: 1, b: 2}, function(k, v) { return k === "b" ? undefined : v }))`, `["{\"a\":1}"]`},
		{`g.emit(JSON.stringify({toJSON: function() { return [1] }}))`, `["[1]"]`},
		{`g.emit(JSON.parse('{"a": [1, 2, {"b": "x"}]}').a[2].b)`, `["x"]`},
		{`g.emit([1, [2, [3]]].join("-"))`, `["1-2,3"]`},
		{`var a = [1]; a.push(a); g.emit(String(a))`, `["1,"]`},
		{`g.emit(eval("1 + 2"))`, `[3]`},
		{`g.emit(new Function("a", "b", "return a + b")(1, 2))`, `[3]`},
		{`g.emit(Function("return 7")())`, `[7]`},
		{`g.emit(Function.prototype.constructor === Function && (function(){}).constructor === Function)`, `[true]`},
		{`g.emit(typeof Function.prototype.call)`, `["function"]`},
		{`g.emit({nested: {list: [1, "two", {three: 3}]}})`, `[{"nested":{"list":[1,"two",{"three":3}]}}]`},
		{`g.V("<alice>").out(["<follows>", "<status>"]).all()`, `[{"id":"<bob>"}]`},
		{`var m = g.M().out("<follows>"); g.V("<alice>").follow(m).follow(m).all()`, `[{"id":"<fred>"}]`},
		{`g.emit(g.V("<alice>").out("<follows>").toArray())`, `[["<bob>"]]`},
		{`g.emit(g.V().has("<status>", "cool_person").count())`, `[3]`},
		{`g.emit(g.V())`, `[{}]`},
	}
	for _, tc := range tests {
		a, err := e.Run(t.Context(), Request{Lang: "gizmo", Query: tc.q, Limit: 100})
		if err != nil {
			t.Errorf("%s: %v", tc.q, err)
			continue
		}
		if got := strings.TrimSpace(string(a.Body)); got != `{"result":`+tc.want+`}` {
			t.Errorf("%s:\n got %s\nwant {\"result\":%s}", tc.q, got, tc.want)
		}
	}
}

// TestBacktrackingRegexpIsStopped runs a regular expression that
// backtracks for ever (regexp2, which goja uses when Go's regexp cannot
// run a pattern). The query gets its 504 at the deadline, as before; what
// is new is that its concurrency slot stays taken while the match runs on
// (a second query gets 503), and that the match stops by regexp2's match
// timeout, after which the slot is free. Before, the slot was freed at the
// 504 and the match kept a core busy for ever.
func TestBacktrackingRegexpIsStopped(t *testing.T) {
	e := New(testgraph.Cayley(t), Config{Timeout: 300 * time.Millisecond, MaxConcurrent: 1, QueueWait: 10 * time.Millisecond})
	// The engine sets regexp2's match timeout once per process, to the
	// first engine's limit; here it is set to outlast the deadline
	// plainly, so that what happens in between can be seen.
	old := regexp2.DefaultMatchTimeout
	regexp2.DefaultMatchTimeout = 3 * time.Second
	defer func() { regexp2.DefaultMatchTimeout = old }()
	q := `g.emit(/^(a+)+(?!x)$/.test("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!"))`
	start := time.Now()
	if _, err := e.Run(t.Context(), Request{Lang: "gizmo", Query: q}); !errors.Is(err, ErrTimeout) {
		t.Fatalf("%v, want a timeout", err)
	}
	if n := e.Stats().Running; n != 1 {
		t.Errorf("right after the 504, %d queries hold a slot; want 1: the match still runs", n)
	}
	if _, err := e.Run(t.Context(), Request{Lang: "gizmo", Query: `g.emit(1)`}); !errors.Is(err, ErrBusy) {
		t.Errorf("a query while the match runs on: %v, want ErrBusy (503)", err)
	}
	for e.Stats().Running != 0 {
		if time.Since(start) > 10*time.Second {
			t.Fatal("the match was still running 10 s later")
		}
		time.Sleep(20 * time.Millisecond)
	}
	t.Logf("the match stopped %s after the query started", time.Since(start).Round(time.Millisecond))
	if _, err := e.Run(t.Context(), Request{Lang: "gizmo", Query: `g.emit(2)`}); err != nil {
		t.Errorf("once the match stopped: %v", err)
	}
}
