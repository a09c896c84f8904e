package query

import (
	"context"
	"errors"
	"fmt"
	"sort"
	_ "unsafe" // go:linkname

	"github.com/cayleygraph/cayley/graph"
	cquery "github.com/cayleygraph/cayley/query"
	"github.com/cayleygraph/cayley/query/gizmo"
	"github.com/cayleygraph/quad"
	"github.com/dop251/goja"
)

// Why this file exists: Cayley v0.7.7 runs each Gizmo script in a goroutine
// it starts inside results.Next, with no recover, and its argument
// conversions panic on values they do not expect (g.V().out(function(){})
// panics with "unsupported type"). A panic in that goroutine kills the whole
// process, so any client could stop the service with one request. Here the
// script runs in a goroutine of ours (its session's, see realm.go), under a
// recover, doing what results.Next does: the session's run, its results
// sent on its out channel, the script's final value last. The caller reads
// the results and stops the script at the row cap (a script can lift the
// session's own limit with getLimit(-1), and each all() starts its count
// again) or when its context ends, answering at once even if the script is
// stuck in a long native call. The session is Cayley's own, so the answers
// are the same. The version of Cayley is pinned in go.mod, and the
// byte-for-byte comparison tests against Cayley's own handler guard this.

//go:linkname gizmoRun github.com/cayleygraph/cayley/query/gizmo.(*Session).run
func gizmoRun(s *gizmo.Session) (goja.Value, error)

// errScriptPanic wraps a panic raised inside Cayley while running a script.
var errScriptPanic = errors.New("the script made the query engine fail")

// runScript runs q over qs in a session from rs and returns its first
// limit results as Cayley's JSON collation makes them. When ctx ends, or
// the results reach limit, the script is interrupted and its iterators
// cancelled. finished is called once the script's goroutine is done with
// it, which may be after runScript returned: a script stopped at its
// deadline may still be inside a call into Go (a regular expression, a
// built-in walking a value) that sees no interrupt, and whatever it holds
// (a concurrency slot, the memory watch) must stay held until it ends.
func runScript(ctx context.Context, rs *realms, qs graph.QuadStore, q string, limit int, finished func()) ([]interface{}, error) {
	started := false
	defer func() {
		if !started {
			finished()
		}
	}()
	prog := rs.compile(q)
	if prog != nil && prog.refused != nil {
		return nil, prog.refused
	}
	if prog == nil {
		// The error exactly as the session's own compile reports it.
		if _, err := goja.Compile("", q, false); err != nil {
			return nil, err
		}
	}
	r, err := rs.get(q, prog, qs)
	if err != nil {
		return nil, err
	}
	// Execute compiles the script unless the session holds it already,
	// and sets the session's limit and the context its iterators run
	// under; closing the iterator cancels that context.
	it, err := r.ses.Execute(ctx, q, cquery.Options{Collation: cquery.JSON, Limit: limit})
	if err != nil {
		r.retire()
		return nil, err
	}
	out := r.results()
	done := make(chan scriptEnd, 1)
	r.start(prog)
	defer r.release()
	started = true
	r.jobs <- func() {
		defer finished()
		v, err := guardedRun(r.ses)
		end := scriptEnd{v, err}
		r.end = end
		// Let go first, so that after a run that ends by itself the reader
		// settles the session before it answers, and the next query finds
		// it in the pool.
		r.release()
		done <- end
	}

	var rows []interface{}
	for {
		select {
		case res := <-out:
			rows = append(rows, jsonResult(qs, res))
			if len(rows) < limit {
				continue
			}
			// At the cap: the rows are the answer.
			r.halt(it, stoppedAtCap)
			return rows, nil
		case end := <-done:
			it.Close()
			for len(out) > 0 && len(rows) < limit {
				rows = append(rows, jsonResult(qs, <-out))
			}
			if end.err != nil {
				return nil, end.err
			}
			if !goja.IsNull(end.v) && !goja.IsUndefined(end.v) && len(rows) < limit {
				rows = append(rows, nil) // the script's final value, as Cayley's JSON collation shows it
			}
			return rows, nil
		case <-ctx.Done():
			r.halt(it, stoppedByContext)
			return nil, ctx.Err()
		}
	}
}

// scriptEnd is how a script's run ended: its final value or its error.
type scriptEnd struct {
	v   goja.Value
	err error
}

// guardedRun runs the session's script, turning a panic into an error.
func guardedRun(ses *gizmo.Session) (v goja.Value, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("%w: %v", errScriptPanic, r)
		}
	}()
	return gizmoRun(ses)
}

// jsonResult is what Cayley's JSON collation makes of a result: nil for the
// script's final value, an emitted value as it is, tags as a map.
func jsonResult(qs graph.QuadStore, r *gizmo.Result) interface{} {
	if r.Meta {
		return nil
	}
	if r.Val != nil {
		return r.Val
	}
	keys := make([]string, 0, len(r.Tags))
	for k := range r.Tags {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	obj := make(map[string]interface{}, len(keys))
	for _, k := range keys {
		if v := qs.NameOf(r.Tags[k]); v != nil {
			obj[k] = nativeJSON(v)
		}
	}
	return obj
}

// nativeJSON converts a value as Cayley's session does for JSON.
func nativeJSON(v quad.Value) interface{} {
	out := v.Native()
	if nv, ok := out.(quad.Value); ok && v == nv {
		return quad.StringOf(v)
	}
	return out
}
