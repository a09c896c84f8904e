package gizmo

import (
	"fmt"

	"github.com/dop251/goja/ast"
	"github.com/dop251/goja/token"
)

// Which scripts may run in a reused runtime.
//
// A script runs in a goja runtime holding JavaScript's built-in objects
// and Gizmo's environment. A script that changed one of them (a method of
// Array.prototype, Math.max, g itself) would change what the next script
// in that runtime sees, so a runtime is only handed on after scripts that
// provably cannot reach them. The check below is a whitelist over the
// script's syntax tree: anything it does not recognise as harmless makes
// the script run in a runtime of its own, as every script did before, so a
// mistake here costs speed, not isolation, as long as what it accepts is
// harmless. What it accepts:
//
//   - Names the script declares (var, function, parameters, catch) and
//     assignments to undeclared names (they become properties of the global
//     object, which are deleted after the run; see realm.reset). A declared
//     name must not be one the runtime defines: resolving names by scope is
//     then unnecessary, as a name the script declares can never refer to a
//     built-in.
//   - The runtime's own names only in these forms: g.x(...) and graph.x(...);
//     Gizmo's helpers (iri, lt, regex, ...) and a few pure built-in functions
//     as callees; Math.x and JSON.x, where a method is called, not taken;
//     Object.keys(...)-style static calls; new Date(...) and the like;
//     undefined, NaN, Infinity; typeof anything.
//   - Member access by a literal name, where a name that is a method of some
//     built-in object is called, not taken as a value (so [].push.x = 1 is
//     refused), and never constructor, prototype, __proto__, caller or callee.
//
// Refused: this (the global object in sloppy code), with, computed member
// access with a key that is not a literal (x[k] could be x["constructor"]),
// any other use of a built-in's name, assignments to the runtime's names.
// Together these leave the script no way to hold a built-in object or the
// global object, so it can only change objects it made itself.

// realmNames is what the runtime defines, for the check.
type realmNames struct {
	globals map[string]bool // the global object's own names and those it inherits
	methods map[string]bool // names under which a built-in object holds an object (methods, prototypes)
}

// Names under which any object holds something that leads back to the
// built-ins, whatever the object.
var bannedMembers = map[string]bool{
	"constructor": true, "prototype": true, "__proto__": true, "caller": true, "callee": true, "arguments": true,
	"__defineGetter__": true, "__defineSetter__": true, "__lookupGetter__": true, "__lookupSetter__": true,
}

// Built-in names a reusable script may use, and how.
var (
	// freeValues may be read as values: they are primitives.
	freeValues = map[string]bool{"undefined": true, "NaN": true, "Infinity": true}
	// freeCallees may be called (Gizmo's helpers and pure functions of
	// their arguments); they return fresh values.
	freeCallees = map[string]bool{
		"iri": true, "bnode": true, "raw": true, "str": true, "lang": true, "typed": true,
		"lt": true, "lte": true, "gt": true, "gte": true, "regex": true, "like": true,
		"parseInt": true, "parseFloat": true, "isNaN": true, "isFinite": true,
		"encodeURIComponent": true, "decodeURIComponent": true, "encodeURI": true, "decodeURI": true,
		"String": true, "Number": true, "Boolean": true, "Array": true, "Object": true, "Date": true,
		"RegExp": true, "Error": true, "TypeError": true, "RangeError": true,
	}
	// freeStatics are the static methods that may be called on built-in
	// constructors.
	freeStatics = map[string]map[string]bool{
		"Object": {"keys": true, "getOwnPropertyNames": true},
		"Array":  {"isArray": true},
		"String": {"fromCharCode": true},
		"Date":   {"now": true, "parse": true, "UTC": true},
	}
	// freeNamespaces are objects whose members may be used under the member
	// rules; gizmo's are Go objects whose members are all methods.
	freeNamespaces = map[string]bool{"Math": true, "JSON": true}
	gizmoRoots     = map[string]bool{"g": true, "graph": true}
)

// use is how a member expression's value is used.
type use int

const (
	useRead  use = iota // as a value
	useCall             // as the callee of a call or new expression
	useWrite            // as the target of an assignment, ++, -- or delete
)

// reuseCheck walks a script's syntax tree twice: first collecting the names
// it declares, then checking every use against the rules above.
type reuseCheck struct {
	realm    *realmNames
	declared map[string]bool
	collect  bool   // first pass
	depth    int    // function nesting; arguments exists inside functions
	reason   string // the first rule broken; "" when reusable
}

// reusable reports whether prog may run in a reused runtime, and if not, why.
func reusable(prog *ast.Program, realm *realmNames) (bool, string) {
	c := &reuseCheck{realm: realm, declared: map[string]bool{}, collect: true}
	c.program(prog)
	c.collect = false
	for name := range c.declared {
		if realm.globals[name] {
			c.fail("declares %s, a name the runtime defines", name)
		}
	}
	c.program(prog)
	return c.reason == "", c.reason
}

func (c *reuseCheck) fail(format string, args ...any) {
	if !c.collect && c.reason == "" {
		c.reason = fmt.Sprintf(format, args...)
	}
}

func (c *reuseCheck) declare(name string) {
	if c.collect {
		c.declared[name] = true
	}
}

func (c *reuseCheck) program(p *ast.Program) {
	c.declarations(p.DeclarationList)
	c.statements(p.Body)
}

func (c *reuseCheck) declarations(list []ast.Declaration) {
	for _, d := range list {
		switch d := d.(type) {
		case *ast.FunctionDeclaration:
			c.function(d.Function)
		case *ast.VariableDeclaration:
			for _, v := range d.List {
				c.declare(v.Name)
			}
		default:
			c.fail("a declaration of an unknown kind (%T)", d)
		}
	}
}

func (c *reuseCheck) function(f *ast.FunctionLiteral) {
	if f.Name != nil {
		c.declare(f.Name.Name)
	}
	if f.ParameterList != nil {
		for _, p := range f.ParameterList.List {
			c.declare(p.Name)
		}
	}
	c.depth++
	c.declarations(f.DeclarationList)
	c.statement(f.Body)
	c.depth--
}

func (c *reuseCheck) statements(list []ast.Statement) {
	for _, s := range list {
		c.statement(s)
	}
}

func (c *reuseCheck) statement(s ast.Statement) {
	switch s := s.(type) {
	case nil, *ast.EmptyStatement, *ast.BranchStatement, *ast.DebuggerStatement:
	case *ast.BlockStatement:
		c.statements(s.List)
	case *ast.ExpressionStatement:
		c.expr(s.Expression)
	case *ast.VariableStatement:
		c.exprs(s.List)
	case *ast.IfStatement:
		c.expr(s.Test)
		c.statement(s.Consequent)
		c.statement(s.Alternate)
	case *ast.ForStatement:
		c.expr(s.Initializer)
		c.expr(s.Test)
		c.expr(s.Update)
		c.statement(s.Body)
	case *ast.ForInStatement:
		if v, ok := s.Into.(*ast.VariableExpression); ok {
			c.expr(v)
		} else {
			c.target(s.Into)
		}
		c.expr(s.Source)
		c.statement(s.Body)
	case *ast.WhileStatement:
		c.expr(s.Test)
		c.statement(s.Body)
	case *ast.DoWhileStatement:
		c.statement(s.Body)
		c.expr(s.Test)
	case *ast.LabelledStatement:
		c.statement(s.Statement)
	case *ast.ReturnStatement:
		c.expr(s.Argument)
	case *ast.ThrowStatement:
		c.expr(s.Argument)
	case *ast.SwitchStatement:
		c.expr(s.Discriminant)
		for _, cs := range s.Body {
			c.expr(cs.Test)
			c.statements(cs.Consequent)
		}
	case *ast.TryStatement:
		c.statement(s.Body)
		if s.Catch != nil {
			c.declare(s.Catch.Parameter.Name)
			c.statement(s.Catch.Body)
		}
		c.statement(s.Finally)
	case *ast.WithStatement:
		c.fail("uses with")
	default:
		c.fail("a statement of an unknown kind (%T)", s)
	}
}

func (c *reuseCheck) exprs(list []ast.Expression) {
	for _, e := range list {
		c.expr(e)
	}
}

// expr checks an expression whose value is used as a value.
func (c *reuseCheck) expr(e ast.Expression) {
	switch e := e.(type) {
	case nil, *ast.NullLiteral, *ast.BooleanLiteral, *ast.NumberLiteral, *ast.StringLiteral, *ast.RegExpLiteral:
	case *ast.Identifier:
		c.read(e.Name)
	case *ast.VariableExpression:
		c.declare(e.Name)
		c.expr(e.Initializer)
	case *ast.FunctionLiteral:
		c.function(e)
	case *ast.CallExpression:
		c.callee(e.Callee, false)
		c.exprs(e.ArgumentList)
	case *ast.NewExpression:
		c.callee(e.Callee, true)
		c.exprs(e.ArgumentList)
	case *ast.DotExpression:
		c.member(e.Left, e.Identifier.Name, useRead)
	case *ast.BracketExpression:
		c.bracket(e, useRead)
	case *ast.AssignExpression:
		c.target(e.Left)
		c.expr(e.Right)
	case *ast.UnaryExpression:
		switch {
		case e.Operator == token.TYPEOF:
			if _, ok := e.Operand.(*ast.Identifier); !ok {
				c.expr(e.Operand)
			}
		case e.Operator == token.INCREMENT, e.Operator == token.DECREMENT, e.Operator == token.DELETE:
			c.target(e.Operand)
		default:
			c.expr(e.Operand)
		}
	case *ast.BinaryExpression:
		c.expr(e.Left)
		c.expr(e.Right)
	case *ast.ConditionalExpression:
		c.expr(e.Test)
		c.expr(e.Consequent)
		c.expr(e.Alternate)
	case *ast.SequenceExpression:
		c.exprs(e.Sequence)
	case *ast.ArrayLiteral:
		c.exprs(e.Value)
	case *ast.ObjectLiteral:
		for _, p := range e.Value {
			if bannedMembers[p.Key] {
				c.fail("an object literal sets %s", p.Key)
			}
			c.expr(p.Value)
		}
	case *ast.ThisExpression:
		c.fail("uses this")
	default:
		c.fail("an expression of an unknown kind (%T)", e)
	}
}

// read checks a name used as a value.
func (c *reuseCheck) read(name string) {
	switch {
	case c.declared[name], freeValues[name]:
	case name == "arguments" && c.depth > 0:
	default:
		c.fail("uses %s as a value", name)
	}
}

// callee checks what a call or new expression calls.
func (c *reuseCheck) callee(e ast.Expression, isNew bool) {
	switch e := e.(type) {
	case *ast.Identifier:
		if !c.declared[e.Name] && !freeCallees[e.Name] {
			c.fail("calls %s", e.Name)
		}
	case *ast.DotExpression:
		c.member(e.Left, e.Identifier.Name, useCall)
	case *ast.BracketExpression:
		c.bracket(e, useCall)
	default:
		c.expr(e)
	}
}

// member checks obj.name used as u.
func (c *reuseCheck) member(obj ast.Expression, name string, u use) {
	if bannedMembers[name] {
		c.fail("uses .%s", name)
		return
	}
	if id, ok := obj.(*ast.Identifier); ok && !c.declared[id.Name] {
		switch {
		case gizmoRoots[id.Name], freeStatics[id.Name] != nil, freeNamespaces[id.Name]:
			if u == useWrite {
				c.fail("changes %s.%s", id.Name, name)
				return
			}
		default:
			c.read(id.Name)
		}
		switch {
		case gizmoRoots[id.Name] && u != useCall:
			c.fail("takes %s.%s without calling it", id.Name, name)
			return
		case gizmoRoots[id.Name]:
			return
		case freeStatics[id.Name] != nil:
			if u != useCall || !freeStatics[id.Name][name] {
				c.fail("uses %s.%s", id.Name, name)
			}
			return
		}
	} else {
		c.expr(obj)
	}
	if c.realm.methods[name] && u != useCall {
		c.fail("takes .%s, a built-in method's name, without calling it", name)
	}
}

// bracket checks obj[key] used as u: only literal keys.
func (c *reuseCheck) bracket(e *ast.BracketExpression, u use) {
	switch k := e.Member.(type) {
	case *ast.StringLiteral:
		c.member(e.Left, k.Value, u)
	case *ast.NumberLiteral:
		c.expr(e.Left)
	default:
		c.fail("reads a property by a computed name")
	}
}

// target checks the left side of an assignment, ++, -- or delete.
func (c *reuseCheck) target(e ast.Expression) {
	switch e := e.(type) {
	case *ast.Identifier:
		if !c.declared[e.Name] && c.realm.globals[e.Name] {
			c.fail("assigns to %s, a name the runtime defines", e.Name)
		}
	case *ast.DotExpression:
		c.member(e.Left, e.Identifier.Name, useWrite)
	case *ast.BracketExpression:
		c.bracket(e, useWrite)
	default:
		c.expr(e)
	}
}
