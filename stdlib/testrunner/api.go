package testrunner

import (
	"fmt"
	"math"
	"time"

	"github.com/dop251/goja"

	"github.com/wsrfc/wsrfc/runtime/engine"
	"github.com/wsrfc/wsrfc/runtime/eventloop"
	"github.com/wsrfc/wsrfc/runtime/inspect"
	"github.com/wsrfc/wsrfc/stdlib/expect"
)

type mode int

const (
	modeNormal mode = iota
	modeSkip
	modeOnly
	modeTodo
)

type hookKind int

const (
	beforeAll hookKind = iota
	afterAll
	beforeEach
	afterEach
)

// suite is a describe block; each file has a root suite without a title.
type suite struct {
	title    string
	parent   *suite
	mode     mode
	children []any // *suite and *testCase in declaration order
	hooks    map[hookKind][]*hook
}

type testCase struct {
	title     string
	fn        goja.Value
	timeout   time.Duration // 0: the run's default
	mode      mode
	parent    *suite
	defined   string // file:line:column of the it() call
	takesDone bool
}

type hook struct {
	fn        goja.Value
	timeout   time.Duration
	defined   string
	takesDone bool
}

// titles are the describe titles from the outermost down to s.
func (s *suite) titles() []string {
	var out []string
	for p := s; p != nil && p.parent != nil; p = p.parent {
		out = append([]string{p.title}, out...)
	}
	return out
}

// chain lists s and its ancestors, outermost (the file's root) first.
func (s *suite) chain() []*suite {
	var out []*suite
	for p := s; p != nil; p = p.parent {
		out = append([]*suite{p}, out...)
	}
	return out
}

func (s *suite) containsOnly() bool {
	if s.mode == modeOnly {
		return true
	}
	for _, child := range s.children {
		switch c := child.(type) {
		case *testCase:
			if c.mode == modeOnly {
				return true
			}
		case *suite:
			if c.containsOnly() {
				return true
			}
		}
	}
	return false
}

// onlyInPath reports whether the test or an enclosing describe has .only.
func (t *testCase) onlyInPath() bool {
	if t.mode == modeOnly {
		return true
	}
	for s := t.parent; s != nil; s = s.parent {
		if s.mode == modeOnly {
			return true
		}
	}
	return false
}

// installGlobals defines describe, it, test, their .skip/.only/.todo
// variants (and jest's x/f aliases), and the four hooks.
func (r *Runner) installGlobals() error {
	vm := r.rt.VM
	describe, err := withProps(vm, r.describeFunc(modeNormal), map[string]any{
		"skip": r.describeFunc(modeSkip), "only": r.describeFunc(modeOnly),
	})
	if err != nil {
		return err
	}
	it, err := withProps(vm, r.testFunc(modeNormal), map[string]any{
		"skip": r.testFunc(modeSkip), "only": r.testFunc(modeOnly), "todo": r.todoFunc(),
	})
	if err != nil {
		return err
	}
	globals := map[string]any{
		"describe": describe, "it": it, "test": it,
		"xdescribe": r.describeFunc(modeSkip), "fdescribe": r.describeFunc(modeOnly),
		"xit": r.testFunc(modeSkip), "xtest": r.testFunc(modeSkip), "fit": r.testFunc(modeOnly),
		"beforeAll": r.hookFunc(beforeAll, "beforeAll"), "afterAll": r.hookFunc(afterAll, "afterAll"),
		"beforeEach": r.hookFunc(beforeEach, "beforeEach"), "afterEach": r.hookFunc(afterEach, "afterEach"),
	}
	for name, v := range globals {
		if err := vm.Set(name, v); err != nil {
			return err
		}
	}
	return nil
}

// withProps makes a function object carrying props (it.skip, it.only...).
func withProps(vm *goja.Runtime, fn func(goja.FunctionCall) goja.Value, props map[string]any) (*goja.Object, error) {
	obj := vm.ToValue(fn).(*goja.Object)
	for k, v := range props {
		if err := obj.Set(k, v); err != nil {
			return nil, err
		}
	}
	return obj, nil
}

// target returns the suite that definitions go to, or throws when tests are
// being defined at the wrong time.
func (r *Runner) target(vm *goja.Runtime, what string) *suite {
	if r.current == nil {
		panic(vm.NewTypeError(what + " must be called while the test file loads (at its top level or inside describe), not inside a running test or hook"))
	}
	return r.current
}

func (r *Runner) describeFunc(m mode) func(goja.FunctionCall) goja.Value {
	vm := r.rt.VM
	return func(call goja.FunctionCall) goja.Value {
		defer eventloop.ThrowOnPanic(vm)
		parent := r.target(vm, "describe()")
		title := titleOf(vm, call.Argument(0))
		fn, ok := goja.AssertFunction(call.Argument(1))
		if !ok {
			panic(vm.NewTypeError(fmt.Sprintf("describe(%q, fn): fn must be a function declaring the tests", title)))
		}
		s := &suite{title: title, parent: parent, mode: m}
		parent.children = append(parent.children, s)
		r.current = s
		defer func() { r.current = parent }()
		ret, err := fn(goja.Undefined())
		if err != nil {
			panic(err)
		}
		if thenOf(ret) != nil {
			panic(vm.NewTypeError(fmt.Sprintf("describe(%q): the callback returned a promise; describe callbacks declare tests synchronously, so do async work in beforeAll or in the tests", title)))
		}
		return goja.Undefined()
	}
}

func (r *Runner) testFunc(m mode) func(goja.FunctionCall) goja.Value {
	vm := r.rt.VM
	return func(call goja.FunctionCall) goja.Value {
		defer eventloop.ThrowOnPanic(vm)
		parent := r.target(vm, "it()")
		title := titleOf(vm, call.Argument(0))
		fn, ok := call.Argument(1).(*goja.Object)
		if _, callable := goja.AssertFunction(call.Argument(1)); !ok || !callable {
			if m != modeSkip || !goja.IsUndefined(call.Argument(1)) {
				panic(vm.NewTypeError(fmt.Sprintf("it(%q, fn): fn must be a function (use it.todo(%q) for a test still to write)", title, title)))
			}
			fn = vm.ToValue(func(goja.FunctionCall) goja.Value { return goja.Undefined() }).(*goja.Object) // it.skip(title) alone
		}
		t := &testCase{title: title, fn: fn, mode: m, parent: parent, defined: r.callerLocation(),
			timeout: timeoutArg(vm, call.Argument(2)), takesDone: takesDone(fn)}
		parent.children = append(parent.children, t)
		return goja.Undefined()
	}
}

func (r *Runner) todoFunc() func(goja.FunctionCall) goja.Value {
	vm := r.rt.VM
	return func(call goja.FunctionCall) goja.Value {
		defer eventloop.ThrowOnPanic(vm)
		parent := r.target(vm, "it.todo()")
		if len(call.Arguments) > 1 {
			panic(vm.NewTypeError("it.todo(title) takes only a title: a test with a body is it(title, fn)"))
		}
		t := &testCase{title: titleOf(vm, call.Argument(0)), mode: modeTodo, parent: parent, defined: r.callerLocation()}
		parent.children = append(parent.children, t)
		return goja.Undefined()
	}
}

func (r *Runner) hookFunc(kind hookKind, name string) func(goja.FunctionCall) goja.Value {
	vm := r.rt.VM
	return func(call goja.FunctionCall) goja.Value {
		defer eventloop.ThrowOnPanic(vm)
		s := r.target(vm, name+"()")
		fn, ok := call.Argument(0).(*goja.Object)
		if _, callable := goja.AssertFunction(call.Argument(0)); !ok || !callable {
			panic(vm.NewTypeError(name + "(fn): fn must be a function"))
		}
		if s.hooks == nil {
			s.hooks = map[hookKind][]*hook{}
		}
		s.hooks[kind] = append(s.hooks[kind], &hook{fn: fn, timeout: timeoutArg(vm, call.Argument(1)),
			defined: r.callerLocation(), takesDone: takesDone(fn)})
		return goja.Undefined()
	}
}

// takesDone reports whether a test or hook function declares a parameter:
// jest then passes it a done callback and waits for it to be called.
func takesDone(fn *goja.Object) bool { return fn.Get("length").ToInteger() > 0 }

// titleOf reads a describe/it title: a string, or a function or class whose name is used, as jest does.
func titleOf(vm *goja.Runtime, v goja.Value) string {
	if o, ok := v.(*goja.Object); ok {
		if _, fn := goja.AssertFunction(v); fn {
			if n := o.Get("name"); n != nil && n.String() != "" {
				return n.String()
			}
		}
	}
	if goja.IsString(v) {
		return v.String()
	}
	if goja.IsUndefined(v) {
		panic(vm.NewTypeError("a test or describe needs a title as its first argument"))
	}
	return inspect.Format(vm, v, inspect.Options{})
}

// timeoutArg reads a timeout in milliseconds (jest's third argument of it);
// an object { timeout } is accepted too. Anything else means the default.
func timeoutArg(vm *goja.Runtime, v goja.Value) time.Duration {
	if o, ok := v.(*goja.Object); ok {
		v = o.Get("timeout")
	}
	if v == nil || !goja.IsNumber(v) {
		return 0
	}
	ms := v.ToFloat()
	if ms <= 0 || math.IsNaN(ms) {
		return 0
	}
	if ms > float64(math.MaxInt32) {
		ms = math.MaxInt32
	}
	return time.Duration(ms * float64(time.Millisecond))
}

// callerLocation is where the user's code called the native function running
// now: the first frame of a real file that is not the matcher library.
func (r *Runner) callerLocation() string {
	for _, f := range r.rt.VM.CaptureCallStack(20, nil) {
		pos := f.Position()
		if pos.Filename == "" || pos.Filename == expect.SourceName || pos.Line == 0 {
			continue
		}
		return fmt.Sprintf("%s:%d:%d", r.display(pos.Filename), pos.Line, engine.ModuleColumn(pos.Line, pos.Column))
	}
	return ""
}
