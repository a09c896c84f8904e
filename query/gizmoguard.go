package query

import (
	"fmt"
	"reflect"

	"github.com/dop251/goja"
)

// Guards between scripts and Gizmo's Go objects.
//
// Every Gizmo function turns its JavaScript arguments into Go values with
// goja's Export, which recurses on the Go stack once per level of an
// object and for ever on an object that holds itself: var o = {}; o.a = o;
// g.emit(o) ended the process, as did g.V(o) or p.follow(o). And Cayley
// builds a path's shape and iterators recursively, once per step: a loop
// of p = p.out() a million times ended it too, and p = p.and(p) doubles
// the shape at every turn. So g (graph), Gizmo's helpers (iri, lt,
// regex, ...) and every path a script holds are stand-ins: before the real
// Gizmo function is called, each argument is walked as Export would walk
// it, within MaxNesting levels and maxArgValues values in all, refusing
// getters (which Export would call); and a path counts its steps, those of
// the paths it was built from included, up to MaxPathSteps. What the real
// functions do and answer is unchanged: the stand-ins call them with the
// same arguments, and a path's methods are Cayley's own.

const (
	// MaxPathSteps is the most steps (morphisms) a Gizmo path may have,
	// counting those of the paths it follows, intersects or joins.
	MaxPathSteps = 1000
	// maxArgValues bounds the values one argument to a Gizmo function
	// may hold, at every level together.
	maxArgValues = 100_000
)

// gizmoGuard holds a runtime's stand-ins and the paths of the run in
// progress.
type gizmoGuard struct {
	b        *builtinGuard
	vm       *goja.Runtime
	pathType reflect.Type
	proto    *goja.Object // the stand-in paths' prototype: their methods
	paths    map[*goja.Object]guardedPath
	describe goja.Callable // Object.getOwnPropertyDescriptor, as the runtime was made
	object   goja.Value    // Object
}

// guardedPath is the Cayley path behind a stand-in, and its steps.
type guardedPath struct {
	obj   *goja.Object
	steps int
}

// gizmoShape is what every runtime's Gizmo objects look like: the Go type
// of a path, the names goja shows for a path's methods and for g's.
type gizmoShape struct {
	pathType   reflect.Type
	pathNames  []string
	graphNames []string
}

// shapeOf reads the shape of Gizmo's objects in vm, whose g is Cayley's.
func shapeOf(vm *goja.Runtime) (*gizmoShape, error) {
	orig, ok := vm.Get("g").(*goja.Object)
	if !ok {
		return nil, fmt.Errorf("%w: no g", errGuard)
	}
	// A morphism is a path made without the store.
	mf, err := goFunc(orig.Get("M"))
	if err != nil {
		return nil, err
	}
	sample, ok := mf(goja.FunctionCall{This: orig}).(*goja.Object)
	if !ok {
		return nil, fmt.Errorf("%w: g.M() is not an object", errGuard)
	}
	sh := &gizmoShape{pathType: reflect.TypeOf(sample.Export()), pathNames: sample.Keys()}
	for _, name := range orig.Keys() {
		if _, err := goFunc(orig.Get(name)); err == nil {
			sh.graphNames = append(sh.graphNames, name)
		}
	}
	return sh, nil
}

// installGizmoGuard replaces g, graph and Gizmo's helpers with stand-ins.
func installGizmoGuard(vm *goja.Runtime, b *builtinGuard, sh *gizmoShape, helpers []string) (*gizmoGuard, error) {
	g := &gizmoGuard{b: b, vm: vm, pathType: sh.pathType, paths: map[*goja.Object]guardedPath{}, object: vm.Get("Object")}
	orig, ok := vm.Get("g").(*goja.Object)
	if !ok {
		return nil, fmt.Errorf("%w: no g", errGuard)
	}
	if o, ok := g.object.(*goja.Object); ok {
		g.describe, ok = goja.AssertFunction(o.Get("getOwnPropertyDescriptor"))
		if !ok {
			return nil, fmt.Errorf("%w: no Object.getOwnPropertyDescriptor", errGuard)
		}
	}
	// Go maps of Go functions: goja makes a function of one when it is
	// looked up, so a new runtime does not pay for a hundred of them.
	pathMethods := make(map[string]interface{}, len(sh.pathNames))
	for _, name := range sh.pathNames {
		pathMethods[name] = g.pathMethod(name)
	}
	graphMethods := make(map[string]interface{}, len(sh.graphNames))
	for _, name := range sh.graphNames {
		graphMethods[name] = g.graphMethod(orig, name)
	}
	g.proto = vm.ToValue(pathMethods).(*goja.Object)
	stand := vm.ToValue(graphMethods)
	for _, name := range []string{"g", "graph"} {
		if err := vm.GlobalObject().DefineDataProperty(name, stand, goja.FLAG_TRUE, goja.FLAG_TRUE, goja.FLAG_TRUE); err != nil {
			return nil, err
		}
	}
	for _, name := range helpers {
		f, err := goFunc(vm.Get(name))
		if err != nil {
			return nil, err
		}
		vm.Set(name, g.call(nil, f))
	}
	return g, nil
}

// graphMethod is the stand-in for g's method name, found when called
// (goja makes a function of a Go method each time it is looked up).
func (g *gizmoGuard) graphMethod(orig *goja.Object, name string) func(goja.FunctionCall) goja.Value {
	return func(c goja.FunctionCall) goja.Value {
		f, err := goFunc(orig.Get(name))
		if err != nil {
			panic(g.vm.NewTypeError(err.Error()))
		}
		return g.call(orig, f)(c)
	}
}

// reset forgets the paths of the run that ended.
func (g *gizmoGuard) reset() { clear(g.paths) }

// call is a stand-in for a Gizmo function f of this (nil: a helper).
func (g *gizmoGuard) call(this *goja.Object, f func(goja.FunctionCall) goja.Value) func(goja.FunctionCall) goja.Value {
	return func(c goja.FunctionCall) goja.Value {
		args, steps := g.args(c.Arguments)
		var t goja.Value = this
		if this == nil {
			t = c.This
		}
		return g.wrap(f(goja.FunctionCall{This: t, Arguments: args}), steps+1)
	}
}

// pathMethod is the stand-in for a path's method name.
func (g *gizmoGuard) pathMethod(name string) func(goja.FunctionCall) goja.Value {
	return func(c goja.FunctionCall) goja.Value {
		this, _ := c.This.(*goja.Object)
		p, ok := g.paths[this]
		if !ok {
			panic(g.vm.NewTypeError(name + " is a method of a Gizmo path: call it on g.V(...) or g.M()"))
		}
		f, err := goFunc(p.obj.Get(name))
		if err != nil {
			panic(g.vm.NewTypeError(err.Error()))
		}
		args, steps := g.args(c.Arguments)
		return g.wrap(f(goja.FunctionCall{This: p.obj, Arguments: args}), p.steps+steps+1)
	}
}

// wrap gives a Cayley path back as a stand-in of steps steps; other values
// as they are.
func (g *gizmoGuard) wrap(v goja.Value, steps int) goja.Value {
	o, ok := v.(*goja.Object)
	if !ok || o.ExportType() != g.pathType {
		return v
	}
	if steps > MaxPathSteps {
		g.b.throwRange(fmt.Sprintf("the path has more than %d steps (counting those of the paths it is built from); Gizmo builds a path's iterators recursively", MaxPathSteps))
	}
	s := g.vm.CreateObject(g.proto)
	g.paths[s] = guardedPath{obj: o, steps: steps}
	return s
}

// args checks a call's arguments and puts the Cayley path behind each
// stand-in in its place; steps is what the paths among them add.
func (g *gizmoGuard) args(in []goja.Value) ([]goja.Value, int) {
	if len(in) == 0 {
		return in, 0
	}
	out := make([]goja.Value, len(in))
	steps := 0
	for i, a := range in {
		if o, ok := a.(*goja.Object); ok {
			if p, ok := g.paths[o]; ok {
				out[i] = p.obj
				steps += p.steps
				continue
			}
			g.check(o)
		}
		out[i] = a
	}
	return out, steps
}

// check walks an argument as goja's Export will, without calling getters,
// and throws when it nests past MaxNesting, holds more than maxArgValues
// values (an object that holds itself never ends) or has a getter.
func (g *gizmoGuard) check(root *goja.Object) {
	type item struct {
		o     *goja.Object
		depth int
	}
	stack := []item{{root, 1}}
	seen := 0
	for len(stack) > 0 {
		it := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		// Export descends only into the script's objects and arrays;
		// functions and Go values are taken as they are.
		if t := it.o.ExportType(); t != typeOfArray && t != typeOfMap {
			continue
		}
		if it.depth > MaxNesting {
			g.b.throwRange(fmt.Sprintf("an argument to a Gizmo function nests more than %d levels deep (or holds itself)", MaxNesting))
		}
		// Export makes a Go slice of an array's length, holes and all
		if t := it.o.ExportType(); t == typeOfArray && it.o.Get("length").ToInteger() > maxArgValues {
			g.b.throwRange(fmt.Sprintf("an argument to a Gizmo function is an array longer than %d", maxArgValues))
		}
		for _, k := range it.o.Keys() {
			if seen++; seen > maxArgValues {
				g.b.throwRange(fmt.Sprintf("an argument to a Gizmo function holds more than %d values (or holds itself)", maxArgValues))
			}
			d, err := g.describe(g.object, it.o, g.vm.ToValue(k))
			if err != nil {
				panic(err)
			}
			desc, ok := d.(*goja.Object)
			if !ok {
				continue
			}
			if present(desc.Get("get")) || present(desc.Get("set")) {
				panic(g.vm.NewTypeError("an argument to a Gizmo function may not have getters or setters (" + k + ")"))
			}
			if v, ok := desc.Get("value").(*goja.Object); ok {
				stack = append(stack, item{v, it.depth + 1})
			}
		}
	}
}

var typeOfMap = reflect.TypeOf(map[string]interface{}(nil))

// present reports whether a property lookup found a value (goja gives nil
// for a property that is not there).
func present(v goja.Value) bool { return v != nil && !goja.IsUndefined(v) }
