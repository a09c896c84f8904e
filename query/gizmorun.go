package query

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"sort"
	"unsafe"
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
// script runs in a goroutine of ours, with a recover, doing what
// results.Next does: the session's run, results sent on its out channel,
// the script's final value sent last. The session is Cayley's own, so the
// answers are the same. The version of Cayley is pinned in go.mod, and the
// byte-for-byte comparison tests against Cayley's own handler guard this.

//go:linkname gizmoRun github.com/cayleygraph/cayley/query/gizmo.(*Session).run
func gizmoRun(s *gizmo.Session) (goja.Value, error)

// errScriptPanic wraps a panic raised inside Cayley while running a script.
var errScriptPanic = errors.New("the script made the query engine fail")

// sessionField returns an unexported field of a Cayley session, settable.
func sessionField(s *gizmo.Session, name string) reflect.Value {
	f := reflect.ValueOf(s).Elem().FieldByName(name)
	return reflect.NewAt(f.Type(), unsafe.Pointer(f.UnsafeAddr())).Elem()
}

// script is one Gizmo script running in a goroutine we own.
type script struct {
	ses  *gizmo.Session
	it   cquery.Iterator
	vm   *goja.Runtime
	out  chan *gizmo.Result
	errc chan error
	qs   graph.QuadStore
}

// startScript compiles q in ses and starts running it.
func startScript(ctx context.Context, qs graph.QuadStore, q string, limit int) (*script, error) {
	ses := gizmo.NewSession(qs)
	// Execute compiles the script and sets the session's limit and the
	// context its iterators run under; closing it cancels that context.
	it, err := ses.Execute(ctx, q, cquery.Options{Collation: cquery.JSON, Limit: limit})
	if err != nil {
		return nil, err
	}
	sc := &script{ses: ses, it: it, qs: qs, out: make(chan *gizmo.Result), errc: make(chan error, 1)}
	sessionField(ses, "out").Set(reflect.ValueOf(sc.out))
	sc.vm = sessionField(ses, "vm").Interface().(*goja.Runtime)
	go sc.run(ctx)
	return sc, nil
}

func (sc *script) run(ctx context.Context) {
	defer close(sc.errc)
	defer func() {
		if r := recover(); r != nil {
			sc.errc <- fmt.Errorf("%w: %v", errScriptPanic, r)
		}
	}()
	v, err := gizmoRun(sc.ses)
	if err != nil {
		sc.errc <- err
		return
	}
	if !goja.IsNull(v) && !goja.IsUndefined(v) {
		select {
		case sc.out <- &gizmo.Result{Meta: true, Val: v.Export()}:
		case <-ctx.Done():
		}
	}
}

// next returns the next result, or false when the script has ended (err
// then says why, nil for a normal end).
func (sc *script) next(ctx context.Context) (*gizmo.Result, bool, error) {
	select {
	case r := <-sc.out:
		return r, true, nil
	case err := <-sc.errc:
		return nil, false, err
	case <-ctx.Done():
		return nil, false, ctx.Err()
	}
}

// stop interrupts the script and cancels its iterators.
func (sc *script) stop() {
	sc.vm.Interrupt(context.Canceled)
	sc.it.Close()
}

// jsonResult is what Cayley's JSON collation makes of a result: nil for the
// script's final value, an emitted value as it is, tags as a map.
func (sc *script) jsonResult(r *gizmo.Result) interface{} {
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
		if v := sc.qs.NameOf(r.Tags[k]); v != nil {
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
