package query

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"sync"
	"sync/atomic"
	"unsafe"

	"github.com/cayleygraph/cayley/graph"
	cquery "github.com/cayleygraph/cayley/query"
	"github.com/cayleygraph/cayley/query/gizmo"
	"github.com/cayleygraph/quad/voc"
	"github.com/dop251/goja"
	"github.com/dop251/goja/parser"
	lru "github.com/hashicorp/golang-lru/v2"
)

// Runtimes kept between queries.
//
// Cayley builds a Gizmo session for every query: a goja runtime with
// JavaScript's built-ins and Gizmo's environment. That is about 95% of a
// small query's time (about 250 µs against 5 µs to run
// g.V("x").in("<name>").all() on the movie data) and most of its garbage,
// which on a large in-memory graph costs a collection that rescans the
// graph. A realm is such a session kept for the next query, and programs
// are compiled once per distinct script. Scripts that reuse.go cannot
// prove harmless get a session of their own, as before; a session is only
// kept after a clean, complete run of a script they accept.

// realm is a Gizmo session kept between queries, with direct access to the
// parts of it a query changes.
type realm struct {
	ses *gizmo.Session
	vm  *goja.Runtime

	// The session's scripts run one at a time in a goroutine of its own,
	// whose stack, grown by the first script, serves the next ones.
	jobs chan func()

	// One run: the reader (runScript) and the session's goroutine each
	// hold the session until they are done with it; the last to let go
	// settles what becomes of it, from how the run ended and why it was
	// stopped, if it was.
	rs      *realms
	running *program
	holds   atomic.Int32
	stopped atomic.Int32 // why it was stopped: notStopped, stoppedAtCap or stoppedByContext
	end     scriptEnd    // written by the session's goroutine before it lets go

	// The runtime's pending interrupt (goja internals; later versions of
	// goja have Runtime.ClearInterrupt).
	intrFlag *uint32
	intrVal  *interface{}
	intrLock *sync.Mutex

	// Fields of the session, unexported in Cayley and reached with reflect
	// (newRealm checks their types; Cayley's version is pinned in go.mod).
	qs    *graph.QuadStore
	ns    *voc.Namespaces
	out   *chan *gizmo.Result
	err   *error
	shape *map[string]interface{}
	last  *string
	prog  **goja.Program

	// Guards on built-ins and Gizmo functions that recurse in Go
	// (guard.go, gizmoguard.go), with state for the run in progress.
	builtins *builtinGuard
	gizmo    *gizmoGuard

	// The global object's own properties (goja internals): what a script
	// adds there is removed after it ran.
	globals   *map[string]goja.Value
	propNames *[]string
	gojaErr   error // set when goja's internals are not as expected: no reuse
}

// realms hands out sessions, reusing those a harmless script left.
type realms struct {
	idle     chan *realm
	programs *lru.Cache[string, *program]
	names    *realmNames
	base     map[string]bool // the global object's own names in a new session
	reuse    bool            // false when goja's internals are not as expected

	reused, fresh atomic.Uint64
	settled       atomic.Uint64 // runs whose session has been kept or retired

	// What Gizmo's objects look like, read from the first session.
	shapeOnce sync.Once
	shape     *gizmoShape
	shapeErr  error
}

// program is a compiled script and whether it may run in a reused realm,
// or why it may not run at all.
type program struct {
	p        *goja.Program
	reusable bool
	why      string // why not, for tests and debugging
	refused  error  // the script nests too deeply to be parsed (nesting.go)
}

// newRealms keeps up to idle sessions; idle <= 0 turns reuse off.
func newRealms(idle int) *realms {
	programs, _ := lru.New[string, *program](1024) // errors only for a size <= 0
	rs := &realms{programs: programs}
	if idle <= 0 {
		return rs
	}
	// The probe runs in a session of its own, which is then dropped.
	r, err := newRealm(rs)
	if err == nil {
		if err = r.gojaErr; err == nil {
			rs.names, rs.base, err = probeRealm(r)
		}
		r.retire()
	}
	if err != nil {
		// A goja or Cayley upgrade changed what this file relies on:
		// every query then gets a session of its own, as Cayley does.
		// TestRealmsAreReused fails in that case.
		return rs
	}
	rs.idle = make(chan *realm, idle)
	rs.reuse = true
	return rs
}

// compile returns q compiled, with the verdict on reuse; nil when q does
// not compile (the session then compiles it itself and reports the error
// exactly as Cayley does); a program with refused set when q nests too
// deeply to be given to the parser at all.
func (rs *realms) compile(q string) *program {
	if p, ok := rs.programs.Get(q); ok {
		return p
	}
	if err := nestingError(q, MaxNesting); err != nil {
		prog := &program{refused: err, why: err.Error()}
		rs.programs.Add(q, prog)
		return prog
	}
	ast, err := parser.ParseFile(nil, "", q, 0)
	if err != nil {
		return nil
	}
	p, err := goja.CompileAST(ast, false)
	if err != nil {
		return nil
	}
	prog := &program{p: p}
	if rs.reuse {
		prog.reusable, prog.why = reusable(ast, rs.names)
	} else {
		prog.why = "runtimes are not reused"
	}
	rs.programs.Add(q, prog)
	return prog
}

// get returns a session for one run of q, compiled as prog (nil: a script
// that did not compile), over qs.
func (rs *realms) get(q string, prog *program, qs graph.QuadStore) (*realm, error) {
	var r *realm
	if prog != nil && prog.reusable {
		select {
		case r = <-rs.idle:
			rs.reused.Add(1)
		default:
		}
	}
	if r == nil {
		var err error
		if r, err = newRealm(rs); err != nil {
			return nil, err
		}
		rs.fresh.Add(1)
	}
	*r.qs = qs
	*r.ns = voc.Namespaces{}
	*r.err = nil
	*r.shape = nil
	r.builtins.reset()
	r.gizmo.reset()
	if prog != nil {
		// The session compiles a script only when it differs from the last.
		*r.last, *r.prog = q, prog.p
	}
	return r, nil
}

// loop runs the session's scripts until the session is retired.
func (r *realm) loop() {
	for job := range r.jobs {
		job()
	}
}

// Why a run was stopped.
const (
	notStopped       int32 = iota
	stoppedAtCap           // the reader has all the rows it may return
	stoppedByContext       // time limit, quota, memory watch or client gone
)

// start begins a run of prog: two holds, the reader's and the goroutine's.
func (r *realm) start(prog *program) {
	r.running = prog
	r.stopped.Store(notStopped)
	r.holds.Store(2)
}

// halt stops the running script: its iterators are cancelled and the
// runtime interrupted.
func (r *realm) halt(it cquery.Iterator, why int32) {
	r.stopped.Store(why)
	it.Close()
	r.vm.Interrupt(context.Canceled)
}

// release lets go of the session; the last to do so settles it. A session
// goes back to the pool after a reusable program that ended by itself or
// was stopped at the row cap (its interrupt, which may not have been seen,
// is cleared); after a panic or a stop for any other reason it is retired.
func (r *realm) release() {
	if r.holds.Add(-1) != 0 {
		return
	}
	defer r.rs.settled.Add(1)
	var intr *goja.InterruptedError
	switch why := r.stopped.Load(); {
	case r.running == nil || !r.running.reusable, errors.Is(r.end.err, errScriptPanic), why == stoppedByContext:
		r.retire()
	case why == stoppedAtCap:
		r.clearInterrupt()
		r.rs.put(r)
	case errors.As(r.end.err, &intr):
		r.retire()
	default:
		r.rs.put(r)
	}
}

// clearInterrupt drops an interrupt the runtime has not acted on.
func (r *realm) clearInterrupt() {
	r.intrLock.Lock()
	atomic.StoreUint32(r.intrFlag, 0)
	*r.intrVal = nil
	r.intrLock.Unlock()
}

// retire ends the session's goroutine once the script it runs, if any,
// has ended.
func (r *realm) retire() {
	close(r.jobs)
}

// results gives the session a new channel to send its results on.
func (r *realm) results() chan *gizmo.Result {
	c := make(chan *gizmo.Result, resultBuffer)
	*r.out = c
	return c
}

// resultBuffer lets a script run ahead of the reader by a few results.
const resultBuffer = 16

// put keeps a session for the next query, without what its script added
// to the global object; when the pool is full the session is retired.
func (rs *realms) put(r *realm) {
	if !rs.reuse || !r.reset(rs.base) {
		r.retire()
		return
	}
	*r.qs = nil
	select {
	case rs.idle <- r:
	default:
		r.retire()
	}
}

// reset removes what a run added to the global object: the script's global
// variables and functions, which goja makes non-configurable, so a script
// cannot delete them and the runtime's API cannot either.
func (r *realm) reset(base map[string]bool) bool {
	g := *r.globals
	if len(g) == len(base) {
		return true
	}
	for name := range g {
		if !base[name] {
			delete(g, name)
		}
	}
	names := (*r.propNames)[:0]
	for _, n := range *r.propNames {
		if base[n] {
			names = append(names, n)
		}
	}
	clear((*r.propNames)[len(names):])
	*r.propNames = names
	return len(g) == len(base) && len(names) == len(base)
}

// newRealm builds a Gizmo session exactly as Cayley does and finds the
// fields a query changes.
func newRealm(rs *realms) (*realm, error) {
	ses := gizmo.NewSession(nil)
	r := &realm{ses: ses, rs: rs, jobs: make(chan func())}
	sv := reflect.ValueOf(ses).Elem()
	fields := []struct {
		name string
		ptr  any
	}{
		{"qs", &r.qs}, {"ns", &r.ns}, {"out", &r.out}, {"err", &r.err},
		{"shape", &r.shape}, {"last", &r.last}, {"p", &r.prog},
	}
	for _, f := range fields {
		if err := fieldPointer(sv, f.name, f.ptr); err != nil {
			return nil, err
		}
	}
	vm := sv.FieldByName("vm")
	if !vm.IsValid() || vm.Type() != reflect.TypeOf((*goja.Runtime)(nil)) {
		return nil, fmt.Errorf("gizmo.Session.vm is not a *goja.Runtime")
	}
	r.vm = reflect.NewAt(vm.Type(), unsafe.Pointer(vm.UnsafeAddr())).Elem().Interface().(*goja.Runtime)
	var err error
	if r.builtins, err = installBuiltinGuards(r.vm); err != nil {
		return nil, err
	}
	shape, err := rs.gizmoShape(r.vm)
	if err != nil {
		return nil, err
	}
	if r.gizmo, err = installGizmoGuard(r.vm, r.builtins, shape, gizmoHelpers); err != nil {
		return nil, err
	}
	// Only reuse needs goja's internals: without them the session still runs.
	if r.gojaErr = r.findGlobals(); r.gojaErr == nil {
		r.gojaErr = r.findInterrupt()
	}
	go r.loop()
	return r, nil
}

// gizmoShape is what Gizmo's objects look like, read once from vm, the
// first session's runtime (each time without realms, in tests).
func (rs *realms) gizmoShape(vm *goja.Runtime) (*gizmoShape, error) {
	if rs == nil {
		return shapeOf(vm)
	}
	rs.shapeOnce.Do(func() { rs.shape, rs.shapeErr = shapeOf(vm) })
	return rs.shape, rs.shapeErr
}

// gizmoHelpers are the global functions Gizmo adds to a runtime (Cayley's
// gizmo.defaultEnv); their arguments are checked as g's are.
var gizmoHelpers = []string{"iri", "bnode", "raw", "str", "lang", "typed", "lt", "lte", "gt", "gte", "regex", "like"}

// fieldPointer sets *dst (a **T) to the address of struct field name,
// which must be of type T.
func fieldPointer(sv reflect.Value, name string, dst any) error {
	f := sv.FieldByName(name)
	want := reflect.TypeOf(dst).Elem().Elem()
	if !f.IsValid() || f.Type() != want {
		return fmt.Errorf("gizmo.Session.%s is not a %s", name, want)
	}
	reflect.ValueOf(dst).Elem().Set(reflect.NewAt(want, unsafe.Pointer(f.UnsafeAddr())))
	return nil
}

var errGojaInternals = errors.New("goja's global object is not laid out as expected")

// findGlobals finds the map and name list of the runtime's global object.
func (r *realm) findGlobals() error {
	self := reflect.ValueOf(r.vm.GlobalObject()).Elem().FieldByName("self")
	if !self.IsValid() || self.Kind() != reflect.Interface || self.Elem().Kind() != reflect.Ptr {
		return errGojaInternals
	}
	base := self.Elem().Elem()
	if base.Type().Name() != "baseObject" {
		return errGojaInternals
	}
	values, names := base.FieldByName("values"), base.FieldByName("propNames")
	if values.Type() != reflect.TypeOf(map[string]goja.Value(nil)) || names.Type() != reflect.TypeOf([]string(nil)) {
		return errGojaInternals
	}
	r.globals = (*map[string]goja.Value)(unsafe.Pointer(values.UnsafeAddr()))
	r.propNames = (*[]string)(unsafe.Pointer(names.UnsafeAddr()))
	return nil
}

// findInterrupt finds the runtime's pending-interrupt fields.
func (r *realm) findInterrupt() error {
	vm := reflect.ValueOf(r.vm).Elem().FieldByName("vm")
	if !vm.IsValid() || vm.Kind() != reflect.Ptr {
		return errGojaInternals
	}
	v := vm.Elem()
	fields := []struct {
		name string
		ptr  any
	}{{"interrupted", &r.intrFlag}, {"interruptVal", &r.intrVal}, {"interruptLock", &r.intrLock}}
	for _, f := range fields {
		if err := fieldPointer(v, f.name, f.ptr); err != nil {
			return err
		}
	}
	return nil
}

// realmProbe lists, in a new session, the global object's own names, the
// names it inherits, and every name under which a built-in object reachable
// from it holds an object.
const realmProbe = `(function(global) {
	var own = Object.getOwnPropertyNames(global), inherited = [], methods = {}, seen = [], queue = [];
	for (var p = Object.getPrototypeOf(global); p; p = Object.getPrototypeOf(p)) {
		inherited = inherited.concat(Object.getOwnPropertyNames(p));
		queue.push(p);
	}
	function visit(o) {
		if ((typeof o === "object" || typeof o === "function") && o !== null && o !== global && seen.indexOf(o) < 0) {
			seen.push(o);
			queue.push(o);
		}
	}
	for (var i = 0; i < own.length; i++) {
		var d = Object.getOwnPropertyDescriptor(global, own[i]);
		if (d && !d.get && !d.set) visit(d.value);
	}
	while (queue.length) {
		var o = queue.shift();
		visit(Object.getPrototypeOf(o));
		var names = Object.getOwnPropertyNames(o);
		for (var j = 0; j < names.length; j++) {
			var d = Object.getOwnPropertyDescriptor(o, names[j]);
			if (!d) continue;
			if (d.get || d.set) { methods[names[j]] = true; continue; }
			if ((typeof d.value === "object" && d.value !== null) || typeof d.value === "function") {
				methods[names[j]] = true;
				visit(d.value);
			}
		}
	}
	return {own: own, inherited: inherited, methods: Object.keys(methods)};
})(this)`

// probeRealm runs realmProbe in r, which is then used for nothing else.
func probeRealm(r *realm) (*realmNames, map[string]bool, error) {
	base := make(map[string]bool, len(*r.globals))
	for name := range *r.globals {
		base[name] = true
	}
	v, err := r.vm.RunString(realmProbe)
	if err != nil {
		return nil, nil, err
	}
	got, _ := v.Export().(map[string]interface{})
	list := func(key string) []string {
		var out []string
		items, _ := got[key].([]interface{})
		for _, it := range items {
			if s, ok := it.(string); ok {
				out = append(out, s)
			}
		}
		return out
	}
	n := &realmNames{globals: map[string]bool{}, methods: map[string]bool{}}
	own := list("own")
	for _, name := range append(own, list("inherited")...) {
		n.globals[name] = true
	}
	for _, name := range list("methods") {
		n.methods[name] = true
	}
	if len(own) != len(base) || len(n.methods) == 0 {
		return nil, nil, errGojaInternals
	}
	return n, base, nil
}
