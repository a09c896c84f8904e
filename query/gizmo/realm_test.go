package gizmo

import (
	"context"
	"errors"
	"fmt"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/nhsgraph/nhsgraph/internal/testgraph"
)

// fingerprint describes everything a script could have changed in a
// runtime: every object reachable from the global object (through
// properties, accessors and prototypes), numbered in the order they are
// reached, with each property's attributes and value (primitives as text,
// functions with their source, so a replaced method shows) and whether the
// object is extensible.
const fingerprint = `(function(global) {
	var seen = [], queue = [], out = [];
	function id(o) {
		var i = seen.indexOf(o);
		if (i < 0) { seen.push(o); queue.push(o); i = seen.length - 1; }
		return i;
	}
	id(global);
	while (queue.length) {
		var o = queue.shift(), names = Object.getOwnPropertyNames(o).sort(), p = Object.getPrototypeOf(o);
		var line = [seen.indexOf(o), Object.isExtensible(o), p === null ? -1 : id(p)];
		for (var i = 0; i < names.length; i++) {
			var d = Object.getOwnPropertyDescriptor(o, names[i]);
			var e = names[i] + ":" + (d.writable ? "w" : "") + (d.enumerable ? "e" : "") + (d.configurable ? "c" : "");
			if (d.get || d.set) {
				e += " get " + (d.get ? id(d.get) : "") + " set " + (d.set ? id(d.set) : "");
			} else if (d.value !== null && (typeof d.value === "object" || typeof d.value === "function")) {
				e += " -> " + id(d.value) + (typeof d.value === "function" ? " " + String(d.value) : "");
			} else {
				e += " = " + typeof d.value + " " + String(d.value);
			}
			line.push(e);
		}
		out.push(line.join(" | "));
	}
	return out.join("\n");
})(this)`

func realmFingerprint(t *testing.T, r *realm) string {
	t.Helper()
	v, err := r.vm.RunString(fingerprint)
	if err != nil {
		t.Fatalf("fingerprint: %v", err)
	}
	return v.String()
}

// idleRealms takes every idle realm out of the pool (put them back with
// putBack).
func idleRealms(rs *realms) []*realm {
	var out []*realm
	for {
		select {
		case r := <-rs.idle:
			out = append(out, r)
		default:
			return out
		}
	}
}

func putBack(rs *realms, list []*realm) {
	for _, r := range list {
		rs.idle <- r
	}
}

// TestFingerprintSeesChanges checks the detector the isolation test relies on.
func TestFingerprintSeesChanges(t *testing.T) {
	fresh, err := newRealm(nil)
	if err != nil {
		t.Fatal(err)
	}
	want := realmFingerprint(t, fresh)
	if again := realmFingerprint(t, fresh); again != want {
		t.Fatal("the fingerprint of an unchanged runtime changed")
	}
	for _, change := range []string{
		"Array.prototype.polluted = 1",
		"[].push.polluted = 1",
		"Math.max = function() { return 0 }",
		"Object.defineProperty(Object.prototype, 'polluted', {value: 1})",
		"Object.preventExtensions(JSON)",
		"var polluted = 1",
		"g = null",
	} {
		r, err := newRealm(nil)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := r.vm.RunString(change); err != nil {
			t.Fatalf("%s: %v", change, err)
		}
		if realmFingerprint(t, r) == want {
			t.Errorf("the fingerprint does not see %s", change)
		}
	}
}

// polluters are scripts that try to leave something behind for the next
// script, whether they may run in a reused runtime and, for those, whether
// their run ends so that the runtime must be dropped (an interrupt or a
// panic).
var polluters = []struct {
	script   string
	reusable bool
	dropped  bool
}{
	// Harmless, and reused: what they leave is removed or their own.
	{`var x = 1; g.V("<alice>").all()`, true, false},
	{`y = 2`, true, false},
	{`function helper(a) { return a } g.emit(helper(1))`, true, false},
	{`var f = g.M().out("<follows>"); g.V("<alice>").follow(f).all()`, true, false},
	{`g.addNamespace("ex", "http://example.org/"); g.emit(g.IRI("ex:a"))`, true, false},
	{`try { null.x } catch (e) { e.polluted = 1 }`, true, false},
	{`var a = [1, 2]; a.polluted = 1; a.push(3); g.emit(a)`, true, false},
	{`var d = new Date(0); d.setFullYear(2000); g.emit(Object.keys({a: 1}), Array.isArray([]), Math.max(1, 2))`, true, false},
	{`g.V("<alice>").forEach(function(d) { d.polluted = 1; var local = d.id; g.emit(local) })`, true, false},
	{`var polluted = "left"; for (var i = 0; i < 3; i++) { polluted += i }`, true, false},
	{`var s = 0; while (true) { s++ }`, true, true}, // interrupted at the deadline
	{`g.V().out(function() {})`, true, true},        // panics inside Cayley
	// Stopped at the row cap (5 here), and kept: the interrupt is cleared.
	{`for (var i = 0; i < 100; i++) { g.emit(i) } var after = 1`, true, false},
	{`function spin() { while (true) { g.emit(1) } } spin()`, true, false},
	{`var o = {a: 1, b: 2}; for (var k in o) { while (true) { g.emit(k) } }`, true, false},
	{`try { while (true) { g.emit(1) } } finally { leftover = 1 }`, true, false},
	{`g.V().getLimit(-1); var after = 1`, true, false},
	{`throw new Error("no")`, true, false},
	// Refused: each could reach a built-in or the global object.
	{`Array.prototype.polluted = 1`, false, false},
	{`[].push.polluted = 1`, false, false},
	{`var p = [].push; p.polluted = 1`, false, false},
	{`Object.prototype.polluted = 1`, false, false},
	{`({}).constructor.prototype.polluted = 1`, false, false},
	{`this.polluted = 1`, false, false},
	{`(function() { this.polluted = 1 })()`, false, false},
	{`Math.max = function() { return 0 }`, false, false},
	{`Math.polluted = 1`, false, false},
	{`var m = Math; m.polluted = 1`, false, false},
	{`JSON.stringify = null`, false, false},
	{`g = null`, false, false},
	{`graph.polluted = 1`, false, false},
	{`var v = g.V; v.polluted = 1`, false, false},
	{`iri = null`, false, false},
	{`var k = "constructor"; var o = {}; o[k].prototype.polluted = 1`, false, false},
	{`eval("var polluted = 1")`, false, false},
	{`Object.defineProperty(Object.prototype, "polluted", {value: 1})`, false, false},
	{`String.prototype.trim = null`, false, false},
	{`var s = ""; s.__proto__.polluted = 1`, false, false},
	{`delete Array.prototype.push`, false, false},
	{`undefined = 1`, false, false},
	{`function f() { return arguments.callee } f().polluted = 1`, false, false},
	{`var o = {__proto__: null}`, false, false},
	{`with (Math) { max = 1 }`, false, false},
	{`var o = {}; o.toString = function() { return "x" }`, false, false},
	{`function Math() {}`, false, false},
	{`function f(Math) { } Math.polluted = 1`, false, false},
	{`Object.freeze(Math)`, false, false},
	{`var n = 1; n.constructor.prototype.polluted = 1`, false, false},
	{`[].concat.call(null)`, false, false},
}

// observers are reusable scripts that would show what a polluter left.
var observers = []string{
	`g.emit(typeof x, typeof y, typeof helper, typeof polluted, typeof f)`,
	`g.emit([].polluted, ({}).polluted, "".polluted, (function() {}).polluted, new Date(0).polluted)`,
	`g.emit(Math.max(1, 2), JSON.stringify({a: [1]}), " a ".trim())`,
	`g.emit(g.IRI("ex:a"))`,
	`g.V("<alice>").out("<follows>").all()`,
}

// TestReusedRuntimesAreIsolated runs each polluter on an engine with one
// pooled runtime, then checks that the pooled runtime is exactly as a new
// one (fingerprint) and that scripts run in it answer as in a new one.
func TestReusedRuntimesAreIsolated(t *testing.T) {
	store := testgraph.Cayley(t)
	fresh := New(store, Config{FreshRuntimes: true})
	want := map[string]string{}
	for _, q := range observers {
		a, err := fresh.Run(t.Context(), Request{Lang: "gizmo", Query: q})
		if err != nil {
			t.Fatalf("%s: %v", q, err)
		}
		want[q] = string(a.Body)
	}
	pristine, err := newRealm(nil)
	if err != nil {
		t.Fatal(err)
	}
	clean := realmFingerprint(t, pristine)

	for _, p := range polluters {
		t.Run(p.script, func(t *testing.T) {
			e := New(store, Config{MaxConcurrent: 1, MaxResults: 5, Timeout: 200 * time.Millisecond})
			for _, q := range observers {
				if prog := e.realms.compile(q); prog == nil || !prog.reusable {
					t.Fatalf("observer %s is not reusable, so it would not see a polluted runtime", q)
				}
			}
			// One run to put a realm in the pool, then the polluter.
			if _, err := e.Run(t.Context(), Request{Lang: "gizmo", Query: observers[0]}); err != nil {
				t.Fatal(err)
			}
			waitSettled(t, e.realms, 1)
			if prog := e.realms.compile(p.script); prog == nil || prog.reusable != p.reusable {
				t.Fatalf("reusable = %v (%v), want %v", prog != nil && prog.reusable, prog, p.reusable)
			}
			_, err := e.Run(t.Context(), Request{Lang: "gizmo", Query: p.script})
			t.Logf("polluter: %v", err)
			waitSettled(t, e.realms, 2)
			idle := idleRealms(e.realms)
			if want := map[bool]int{false: 1, true: 0}[p.dropped]; len(idle) != want {
				t.Errorf("%d runtimes in the pool after the polluter, want %d", len(idle), want)
			}
			for _, r := range idle {
				if got := realmFingerprint(t, r); got != clean {
					t.Errorf("the pooled runtime differs from a new one:\n%s", firstDifference(clean, got))
				}
			}
			putBack(e.realms, idle)
			for _, q := range observers {
				a, err := e.Run(t.Context(), Request{Lang: "gizmo", Query: q})
				if err != nil {
					t.Fatalf("%s: %v", q, err)
				}
				if string(a.Body) != want[q] {
					t.Errorf("%s answers\n%s\nafter the polluter, and in a new runtime\n%s", q, a.Body, want[q])
				}
			}
		})
	}
}

// waitSettled waits until n runs' sessions have been kept or retired (a
// stopped script lets go of its session when it ends, after the answer).
func waitSettled(t *testing.T, rs *realms, n uint64) {
	t.Helper()
	for deadline := time.Now().Add(5 * time.Second); rs.settled.Load() < n; time.Sleep(time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("%d runs settled after 5s, want %d", rs.settled.Load(), n)
		}
	}
}

func firstDifference(a, b string) string {
	al, bl := strings.Split(a, "\n"), strings.Split(b, "\n")
	for i := 0; i < len(al) && i < len(bl); i++ {
		if al[i] != bl[i] {
			return fmt.Sprintf("new:    %.300s\npooled: %.300s", al[i], bl[i])
		}
	}
	return fmt.Sprintf("%d lines against %d", len(al), len(bl))
}

// TestRealmsAreReused guards the speed: the questions in docs/QUERIES.md
// all run in reused runtimes, and a second run of a query reuses the first
// one's runtime. It fails if a goja or Cayley upgrade turns reuse off.
func TestRealmsAreReused(t *testing.T) {
	e := New(testgraph.Cayley(t), Config{})
	if !e.realms.reuse {
		t.Fatal("runtimes are not reused: goja's or Cayley's internals changed (see realm.go)")
	}
	doc, err := os.ReadFile(queriesDoc)
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range docQuery.FindAllStringSubmatch(string(doc), -1) {
		if prog := e.realms.compile(m[1]); prog == nil || !prog.reusable {
			t.Errorf("a question in %s would run in a runtime of its own (%v):\n%s", queriesDoc, prog, m[1])
		}
	}
	q := `var f = g.M().out("<follows>"); g.V("<alice>").follow(f).all()`
	for i := 0; i < 3; i++ {
		if _, err := e.Run(t.Context(), Request{Lang: "gizmo", Query: q + strings.Repeat(" ", i)}); err != nil {
			t.Fatal(err)
		}
	}
	if reused, fresh := e.realms.reused.Load(), e.realms.fresh.Load(); reused != 2 || fresh != 1 {
		t.Errorf("three runs: %d reused runtimes and %d new ones, want 2 and 1", reused, fresh)
	}
}

// TestReusedRuntimesUnderConcurrency runs scripts that declare the same
// global names with different values at once: each must see only its own.
func TestReusedRuntimesUnderConcurrency(t *testing.T) {
	e := New(testgraph.Cayley(t), Config{MaxConcurrent: 4, QueueWait: 10 * time.Second})
	var wg sync.WaitGroup
	errs := make(chan error, 64)
	for w := 0; w < 8; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			for i := 0; i < 40; i++ {
				q := fmt.Sprintf(`var mine = %d; function twice(n) { return n * 2 } g.V("<alice>").out("<follows>").forEach(function(d) { g.emit(twice(mine)) })`, w*1000+i)
				a, err := e.Run(context.Background(), Request{Lang: "gizmo", Query: q})
				if err != nil {
					errs <- err
					return
				}
				if want := fmt.Sprintf(`{"result":[%d]}`, 2*(w*1000+i)); strings.TrimSpace(string(a.Body)) != want {
					errs <- fmt.Errorf("worker %d run %d: %s, want %s", w, i, a.Body, want)
					return
				}
			}
		}(w)
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	if e.realms.reused.Load() == 0 {
		t.Error("no runtime was reused")
	}
}

// TestCompileErrorsAsCayley: a script that does not compile is reported
// with goja's own message, without a session.
func TestCompileErrorsAsCayley(t *testing.T) {
	e := New(testgraph.Cayley(t), Config{})
	_, err := e.Run(t.Context(), Request{Lang: "gizmo", Query: `g.V(`})
	if !errors.Is(err, ErrSyntax) || !strings.Contains(err.Error(), "Unexpected end of input") {
		t.Errorf("error %v, want a syntax error naming the unexpected end", err)
	}
	if n := e.realms.fresh.Load() + e.realms.reused.Load(); n != 0 {
		t.Errorf("%d sessions used for a script that does not compile", n)
	}
}

// TestCapStopClearsAPendingInterrupt: a script stopped at the row cap may
// have ended before the interrupt reached it; the session kept for the
// next query must not carry that interrupt into the next script.
func TestCapStopClearsAPendingInterrupt(t *testing.T) {
	rs := newRealms(1)
	q := `g.emit(1)`
	prog := rs.compile(q)
	r, err := rs.get(q, prog, testgraph.Cayley(t).QuadStore())
	if err != nil {
		t.Fatal(err)
	}
	r.start(prog)
	r.stopped.Store(stoppedAtCap)
	r.vm.Interrupt("stopped at the cap after the script ended") // as halt does
	r.release()                                                 // the script's goroutine
	r.release()                                                 // the reader
	kept := idleRealms(rs)
	if len(kept) != 1 || kept[0] != r {
		t.Fatalf("%d sessions kept, want this one", len(kept))
	}
	if v, err := r.vm.RunString("1 + 1"); err != nil || v.ToInteger() != 2 {
		t.Fatalf("the next script in the kept session: %v, %v", v, err)
	}
}
