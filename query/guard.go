package query

import (
	"errors"
	"fmt"
	"reflect"
	"strconv"
	"strings"
	"sync"

	"github.com/dop251/goja"
)

// Guards on the built-ins that recurse in Go.
//
// A Go stack overflow ends the process and cannot be recovered, and the
// goja these scripts run on recurses on the Go stack wherever a built-in
// walks a value or a source text: JSON.stringify and JSON.parse once per
// level of nesting, Array.prototype.join once per nested array (and for
// ever on an array that holds itself: var a = []; a[0] = a; String(a)),
// eval and the Function constructor in the parser. None of these look at
// the query's deadline either, so they ran on after the answer was sent.
// Each runtime gets wrappers that bound them (the originals stay reachable
// only through the wrappers): nesting past MaxNesting is a RangeError or
// SyntaxError the script sees, and a cycle in join gives "", as in every
// browser. Arguments to Gizmo's Go functions are checked the same way
// (gizmoguard.go), and recursion through script functions is stopped by
// the stack watch (memwatch.go).

// builtinGuard holds a runtime's wrapped built-ins and their state for the
// run in progress.
type builtinGuard struct {
	vm         *goja.Runtime
	rangeError goja.Value            // RangeError, as the runtime was made
	joining    map[*goja.Object]bool // arrays whose join is in progress
}

// errGuard is why a wrapped built-in refused.
var errGuard = errors.New("guard")

// goFunc is a native function's Go implementation, to call it directly.
func goFunc(v goja.Value) (func(goja.FunctionCall) goja.Value, error) {
	if o, ok := v.(*goja.Object); ok {
		if f, ok := o.Export().(func(goja.FunctionCall) goja.Value); ok {
			return f, nil
		}
	}
	return nil, fmt.Errorf("%w: %v is not a native function", errGuard, v)
}

// installBuiltinGuards wraps the runtime's recursive built-ins.
func installBuiltinGuards(vm *goja.Runtime) (*builtinGuard, error) {
	g := &builtinGuard{vm: vm, rangeError: vm.Get("RangeError"), joining: map[*goja.Object]bool{}}
	obj := func(v goja.Value) (*goja.Object, error) {
		if o, ok := v.(*goja.Object); ok {
			return o, nil
		}
		return nil, fmt.Errorf("%w: %v is not an object", errGuard, v)
	}
	json, err := obj(vm.Get("JSON"))
	if err != nil {
		return nil, err
	}
	array, err := obj(vm.Get("Array"))
	if err != nil {
		return nil, err
	}
	arrayProto, err := obj(array.Get("prototype"))
	if err != nil {
		return nil, err
	}
	wrap := func(o *goja.Object, name string, make func(orig func(goja.FunctionCall) goja.Value) func(goja.FunctionCall) goja.Value) error {
		orig, err := goFunc(o.Get(name))
		if err != nil {
			return err
		}
		// as the originals are: writable, configurable, not enumerable
		return o.DefineDataProperty(name, vm.ToValue(make(orig)), goja.FLAG_TRUE, goja.FLAG_TRUE, goja.FLAG_FALSE)
	}
	steps := []struct {
		o    *goja.Object
		name string
		make func(func(goja.FunctionCall) goja.Value) func(goja.FunctionCall) goja.Value
	}{
		{json, "parse", g.parse},
		{json, "stringify", g.stringify},
		{arrayProto, "join", g.join},
		{arrayProto, "toLocaleString", g.join},
		{vm.GlobalObject(), "eval", g.eval},
	}
	for _, s := range steps {
		if err := wrap(s.o, s.name, s.make); err != nil {
			return nil, err
		}
	}
	if err := g.guardFunction(); err != nil {
		return nil, err
	}
	return g, nil
}

// isArray reports whether o is a script's array, without exporting it.
func isArray(o *goja.Object) bool { return o.ExportType() == typeOfArray }

var typeOfArray = reflect.TypeOf([]interface{}(nil))

// reset forgets what a run left, before the next one.
func (g *builtinGuard) reset() { clear(g.joining) }

// throwRange throws a RangeError with msg into the script.
func (g *builtinGuard) throwRange(msg string) {
	if ctor, ok := goja.AssertFunction(g.rangeError); ok {
		if v, err := ctor(goja.Undefined(), g.vm.ToValue(msg)); err == nil {
			panic(v)
		}
	}
	panic(g.vm.NewTypeError(msg))
}

// throwSyntax throws err into the script as a SyntaxError-like error.
func (g *builtinGuard) throwSyntax(err error) {
	panic(g.vm.NewGoError(err))
}

// parse refuses JSON nested past MaxNesting before goja's decoder recurses.
func (g *builtinGuard) parse(orig func(goja.FunctionCall) goja.Value) func(goja.FunctionCall) goja.Value {
	return func(call goja.FunctionCall) goja.Value {
		if err := jsonNestingError(call.Argument(0).String(), MaxNesting); err != nil {
			g.throwSyntax(err)
		}
		return orig(call)
	}
}

// stringify bounds the nesting JSON.stringify descends into. It passes its
// own replacer, which sees every value the native walk is about to enter
// (after toJSON and the script's replacer, if any), with the object that
// holds it as this: a value is one level deeper than its holder.
func (g *builtinGuard) stringify(orig func(goja.FunctionCall) goja.Value) func(goja.FunctionCall) goja.Value {
	return func(call goja.FunctionCall) goja.Value {
		var user goja.Callable
		var allowed map[string]bool // a replacer array's property names
		if o, ok := call.Argument(1).(*goja.Object); ok {
			if f, ok := goja.AssertFunction(o); ok {
				user = f
			} else if isArray(o) {
				allowed = map[string]bool{}
				for i, n := int64(0), o.Get("length").ToInteger(); i < n && i < maxArgValues; i++ {
					allowed[o.Get(strconv.FormatInt(i, 10)).String()] = true
				}
			}
		}
		depth := map[*goja.Object]int{}
		root := true
		replacer := func(c goja.FunctionCall) goja.Value {
			holder, _ := c.This.(*goja.Object)
			key, v := c.Argument(0), c.Argument(1)
			if root {
				root = false
				depth[holder] = 0
			} else if allowed != nil && holder != nil {
				// A replacer array names the properties of objects to
				// keep (in the objects' own order, here).
				if !isArray(holder) && !allowed[key.String()] {
					return goja.Undefined()
				}
			}
			if user != nil {
				var err error
				if v, err = user(holder, key, v); err != nil {
					panic(err)
				}
			}
			if o, ok := v.(*goja.Object); ok {
				d := depth[holder] + 1
				if d > MaxNesting {
					g.throwRange(fmt.Sprintf("JSON.stringify: the value nests more than %d levels deep", MaxNesting))
				}
				depth[o] = d
			}
			return v
		}
		args := []goja.Value{call.Argument(0), g.vm.ToValue(replacer), call.Argument(2)}
		return orig(goja.FunctionCall{This: call.This, Arguments: args})
	}
}

// join guards Array.prototype.join and toLocaleString: an array already
// being joined (it holds itself) joins as "", and arrays nested past
// MaxNesting are a RangeError.
func (g *builtinGuard) join(orig func(goja.FunctionCall) goja.Value) func(goja.FunctionCall) goja.Value {
	return func(call goja.FunctionCall) goja.Value {
		this := call.This.ToObject(g.vm)
		if g.joining[this] {
			return g.vm.ToValue("")
		}
		// The join loop sees no interrupt: its separators alone must fit.
		sep := int64(1)
		if s := call.Argument(0); !goja.IsUndefined(s) {
			sep = int64(len(s.String()))
		}
		if n := this.Get("length").ToInteger(); n > maxJoin || (n-1)*sep > maxJoin {
			g.throwRange(fmt.Sprintf("Array.prototype.join: the result would be over %d bytes", maxJoin))
		}
		if len(g.joining) >= MaxNesting {
			g.throwRange(fmt.Sprintf("Array.prototype.join: arrays nested more than %d levels deep", MaxNesting))
		}
		g.joining[this] = true
		defer delete(g.joining, this)
		return orig(call)
	}
}

// maxJoin bounds the separators (and the elements) of one join, which
// goja makes in a loop that no interrupt stops: Array(4e9).join("x")
// would make a 4 GB string before anything could stop it.
const maxJoin = 64 << 20

// eval checks a source's nesting before goja parses it.
func (g *builtinGuard) eval(orig func(goja.FunctionCall) goja.Value) func(goja.FunctionCall) goja.Value {
	return func(call goja.FunctionCall) goja.Value {
		if _, isObject := call.Argument(0).(*goja.Object); isObject {
			return orig(call) // eval returns anything but a string as it is
		}
		if src, ok := call.Argument(0).Export().(string); ok {
			if err := nestingError(src, MaxNesting); err != nil {
				g.throwSyntax(err)
			}
		}
		return orig(call)
	}
}

// functionShim replaces the Function constructor with a function that
// checks the source before the real one parses it. It is plain JavaScript
// so that it can be called with new; it uses nothing a script could change.
var functionShim = sync.OnceValues(func() (*goja.Program, error) {
	return goja.Compile("function-guard", `(function (construct, real) {
	var Function = function Function() { return construct(arguments); };
	Function.prototype = real.prototype;
	return Function;
})`, true)
})

// guardFunction puts the checking constructor where the real one was: the
// global Function and the constructor of every function.
func (g *builtinGuard) guardFunction() error {
	real, ok := g.vm.Get("Function").(*goja.Object)
	if !ok {
		return fmt.Errorf("%w: no Function", errGuard)
	}
	build, err := goFunc(real)
	if err != nil {
		return err
	}
	construct := func(call goja.FunctionCall) goja.Value {
		argsObj, _ := call.Argument(0).(*goja.Object)
		var args []goja.Value
		var parts []string
		if argsObj != nil {
			n := int(argsObj.Get("length").ToInteger())
			for i := 0; i < n; i++ {
				v := argsObj.Get(strconv.Itoa(i))
				args = append(args, v)
				parts = append(parts, v.String())
			}
		}
		// the source goja builds from them
		src := "(function anonymous("
		if len(parts) > 1 {
			src += strings.Join(parts[:len(parts)-1], ",")
		}
		src += "){"
		if len(parts) > 0 {
			src += parts[len(parts)-1]
		}
		src += "})"
		if err := nestingError(src, MaxNesting); err != nil {
			g.throwSyntax(err)
		}
		return build(goja.FunctionCall{This: goja.Undefined(), Arguments: args})
	}
	prog, err := functionShim()
	if err != nil {
		return err
	}
	mk, err := g.vm.RunProgram(prog)
	if err != nil {
		return err
	}
	makeShim, ok := goja.AssertFunction(mk)
	if !ok {
		return fmt.Errorf("%w: the Function shim is not a function", errGuard)
	}
	shim, err := makeShim(goja.Undefined(), g.vm.ToValue(construct), real)
	if err != nil {
		return err
	}
	proto, ok := real.Get("prototype").(*goja.Object)
	if !ok {
		return fmt.Errorf("%w: no Function.prototype", errGuard)
	}
	if err := proto.DefineDataProperty("constructor", shim, goja.FLAG_TRUE, goja.FLAG_TRUE, goja.FLAG_FALSE); err != nil {
		return err
	}
	return g.vm.GlobalObject().DefineDataProperty("Function", shim, goja.FLAG_TRUE, goja.FLAG_TRUE, goja.FLAG_FALSE)
}
