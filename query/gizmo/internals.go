package gizmo

import (
	"fmt"
	"reflect"
	"sort"
	"sync"
	"sync/atomic"
	"unsafe"

	"github.com/cayleygraph/cayley/graph"
	cgizmo "github.com/cayleygraph/cayley/query/gizmo"
	"github.com/cayleygraph/quad"
	"github.com/cayleygraph/quad/voc"
	"github.com/dop251/goja"
)

// Every reach into Cayley's and goja's unexported internals is in this
// file, and only here: a function linked by name, a Gizmo session's
// unexported fields, goja's global object and pending interrupt, and a copy
// of Cayley's JSON collation. Each relies on the exact versions go.mod pins
// below; TestPinnedInternals fails, naming them, when a shape changes. Where
// a reach fails at run time, scripts still run, each in a new runtime
// (realm.go), as Cayley runs them.

// The versions whose internals this file knows.
const (
	pinnedCayley = "v0.7.7"
	pinnedGoja   = "v0.0.0-20190105122144-6d5bf35058fa"
)

// sessionRun is Cayley's unexported (*Session).run: it runs the session's
// compiled script and sends its results on the session's out channel.
// Called directly so the script runs in a goroutine of ours under a
// recover (gizmorun.go), not in the one results.Next starts without one.
//
//go:linkname sessionRun github.com/cayleygraph/cayley/query/gizmo.(*Session).run
func sessionRun(s *cgizmo.Session) (goja.Value, error)

// sessionFields are a Gizmo session's unexported fields that a query
// changes when a runtime is kept for the next one.
type sessionFields struct {
	vm    *goja.Runtime
	qs    *graph.QuadStore
	ns    *voc.Namespaces
	out   *chan *cgizmo.Result
	err   *error
	shape *map[string]interface{}
	last  *string
	prog  **goja.Program
}

// reachSession finds ses's fields, checking each one's type.
func reachSession(ses *cgizmo.Session) (sessionFields, error) {
	var f sessionFields
	sv := reflect.ValueOf(ses).Elem()
	fields := []struct {
		name string
		ptr  any
	}{
		{"qs", &f.qs}, {"ns", &f.ns}, {"out", &f.out}, {"err", &f.err},
		{"shape", &f.shape}, {"last", &f.last}, {"p", &f.prog},
	}
	for _, fl := range fields {
		if err := fieldPointer(sv, "gizmo.Session", fl.name, fl.ptr); err != nil {
			return f, err
		}
	}
	vm := sv.FieldByName("vm")
	if !vm.IsValid() || vm.Type() != reflect.TypeOf((*goja.Runtime)(nil)) {
		return f, fmt.Errorf("%w: gizmo.Session.vm is not a *goja.Runtime", errInternals)
	}
	f.vm = reflect.NewAt(vm.Type(), unsafe.Pointer(vm.UnsafeAddr())).Elem().Interface().(*goja.Runtime)
	return f, nil
}

// runtimeFields are goja's internals that reuse needs: the global object's
// own properties (what a script adds there is removed after it ran, which
// goja's API cannot do for declared globals) and the pending interrupt
// (later versions of goja have Runtime.ClearInterrupt).
type runtimeFields struct {
	globals   *map[string]goja.Value
	propNames *[]string
	intrFlag  *uint32
	intrVal   *interface{}
	intrLock  *sync.Mutex
}

// errInternals says an internal shape is not the one this file knows.
var errInternals = fmt.Errorf("an internal of cayley %s or goja %s is not as internals.go expects", pinnedCayley, pinnedGoja)

// reachRuntime finds vm's global object's properties and pending interrupt.
func reachRuntime(vm *goja.Runtime) (runtimeFields, error) {
	var f runtimeFields
	self := reflect.ValueOf(vm.GlobalObject()).Elem().FieldByName("self")
	if !self.IsValid() || self.Kind() != reflect.Interface || self.Elem().Kind() != reflect.Ptr {
		return f, fmt.Errorf("%w: goja.Object.self", errInternals)
	}
	base := self.Elem().Elem()
	if base.Type().Name() != "baseObject" {
		return f, fmt.Errorf("%w: the global object is a %s, not a baseObject", errInternals, base.Type())
	}
	values, names := base.FieldByName("values"), base.FieldByName("propNames")
	if !values.IsValid() || values.Type() != reflect.TypeOf(map[string]goja.Value(nil)) ||
		!names.IsValid() || names.Type() != reflect.TypeOf([]string(nil)) {
		return f, fmt.Errorf("%w: baseObject.values or propNames", errInternals)
	}
	f.globals = (*map[string]goja.Value)(unsafe.Pointer(values.UnsafeAddr()))
	f.propNames = (*[]string)(unsafe.Pointer(names.UnsafeAddr()))

	inner := reflect.ValueOf(vm).Elem().FieldByName("vm")
	if !inner.IsValid() || inner.Kind() != reflect.Ptr {
		return f, fmt.Errorf("%w: goja.Runtime.vm", errInternals)
	}
	fields := []struct {
		name string
		ptr  any
	}{{"interrupted", &f.intrFlag}, {"interruptVal", &f.intrVal}, {"interruptLock", &f.intrLock}}
	for _, fl := range fields {
		if err := fieldPointer(inner.Elem(), "goja.vm", fl.name, fl.ptr); err != nil {
			return f, err
		}
	}
	return f, nil
}

// clearInterrupt drops an interrupt the runtime has not acted on.
func (f runtimeFields) clearInterrupt() {
	f.intrLock.Lock()
	atomic.StoreUint32(f.intrFlag, 0)
	*f.intrVal = nil
	f.intrLock.Unlock()
}

// fieldPointer sets *dst (a **T) to the address of struct field name of
// sv (a typ), which must be of type T.
func fieldPointer(sv reflect.Value, typ, name string, dst any) error {
	f := sv.FieldByName(name)
	want := reflect.TypeOf(dst).Elem().Elem()
	if !f.IsValid() || f.Type() != want {
		return fmt.Errorf("%w: %s.%s is not a %s", errInternals, typ, name, want)
	}
	reflect.ValueOf(dst).Elem().Set(reflect.NewAt(want, unsafe.Pointer(f.UnsafeAddr())))
	return nil
}

// jsonResult is what Cayley's JSON collation (unexported, in its session)
// makes of a result: nil for the script's final value, an emitted value as
// it is, tags as a map.
func jsonResult(qs graph.QuadStore, r *cgizmo.Result) interface{} {
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
