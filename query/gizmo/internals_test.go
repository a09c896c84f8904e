package gizmo

import (
	"context"
	"encoding/json"
	"os/exec"
	"slices"
	"strings"
	"testing"

	cquery "github.com/cayleygraph/cayley/query"
	cgizmo "github.com/cayleygraph/cayley/query/gizmo"

	"github.com/nhsgraph/nhsgraph/internal/testgraph"
)

// TestPinnedInternals checks every shape internals.go relies on, against
// the versions go.mod pins. A failure here means an upgrade of Cayley or
// goja moved something internals.go reaches: fix internals.go for the new
// version (and the pinned constants), or queries break in ways no other
// test names.
func TestPinnedInternals(t *testing.T) {
	fail := func(t *testing.T, what string, err any) {
		t.Helper()
		t.Fatalf("%s: %v\ninternals.go knows cayley %s and goja %s; go.mod's versions changed what it reaches: update internals.go for them",
			what, err, pinnedCayley, pinnedGoja)
	}
	t.Run("go.mod pins the versions internals.go knows", func(t *testing.T) {
		out, err := exec.Command("go", "list", "-m", "-f", "{{.Path}} {{.Version}}", "github.com/cayleygraph/cayley", "github.com/dop251/goja").Output()
		if err != nil {
			t.Fatal(err)
		}
		got := strings.Fields(string(out))
		want := []string{"github.com/cayleygraph/cayley", pinnedCayley, "github.com/dop251/goja", pinnedGoja}
		if !slices.Equal(got, want) {
			fail(t, "go.mod", strings.Join(got, " "))
		}
	})
	t.Run("a session's fields, its run and the JSON collation answer as Cayley's session does", func(t *testing.T) {
		store := testgraph.Cayley(t)
		qs := store.QuadStore()
		ctx := context.Background()
		const q = `g.V().tag("who").out("<status>").all(); g.emit({n: 1})`

		// Cayley's own session, as its HTTP API runs it.
		it, err := cgizmo.NewSession(qs).Execute(ctx, q, cquery.Options{Collation: cquery.JSON, Limit: 100})
		if err != nil {
			t.Fatal(err)
		}
		var want []any
		for it.Next(ctx) {
			want = append(want, it.Result())
		}
		it.Close()

		// The same through internals.go's reach.
		ses := cgizmo.NewSession(nil)
		f, err := reachSession(ses)
		if err != nil {
			fail(t, "reachSession", err)
		}
		*f.qs = qs
		if _, err := ses.Execute(ctx, q, cquery.Options{Collation: cquery.JSON, Limit: 100}); err != nil {
			t.Fatal(err)
		}
		out := make(chan *cgizmo.Result, 100)
		*f.out = out
		if _, err := sessionRun(ses); err != nil {
			fail(t, "sessionRun", err)
		}
		close(out)
		var got []any
		for r := range out {
			got = append(got, jsonResult(qs, r))
		}
		w, _ := json.Marshal(want)
		g, _ := json.Marshal(got)
		if string(w) != string(g) || len(want) < 3 {
			fail(t, "the session's run or the JSON collation", "got "+string(g)+", Cayley answers "+string(w))
		}
		if *f.last != q || *f.prog == nil || *f.err != nil {
			fail(t, "gizmo.Session.last, p or err", "they do not hold the script the session compiled")
		}
	})
	t.Run("goja's global object and pending interrupt", func(t *testing.T) {
		f, err := reachSession(cgizmo.NewSession(nil))
		if err != nil {
			fail(t, "reachSession", err)
		}
		rf, err := reachRuntime(f.vm)
		if err != nil {
			fail(t, "reachRuntime", err)
		}
		if _, err := f.vm.RunString("var pinnedProbe = 1"); err != nil {
			t.Fatal(err)
		}
		if _, ok := (*rf.globals)["pinnedProbe"]; !ok || !slices.Contains(*rf.propNames, "pinnedProbe") {
			fail(t, "goja's global object", "a declared global is not among its values and names")
		}
		f.vm.Interrupt("probe")
		if *rf.intrFlag == 0 || *rf.intrVal != "probe" {
			fail(t, "goja's pending interrupt", "Interrupt did not set the fields reached")
		}
		rf.clearInterrupt()
		if v, err := f.vm.RunString("1 + 1"); err != nil || v.ToInteger() != 2 {
			fail(t, "clearing goja's pending interrupt", err)
		}
	})
}
