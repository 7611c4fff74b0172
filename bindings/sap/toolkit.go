package sap

import (
	_ "embed"
	"fmt"
	"sync"
	"time"

	"github.com/dop251/goja"
)

// The toolkit (sap.transaction, sap.table, sap.messages, sap.BapiError,
// sap.convert, sap.each, rfc.call's throwOnError) is JavaScript: it is built
// from rfc.call and rfc.callAsync and would be as long in Go, only harder to
// read. This file runs it once per runtime and gives it what JS lacks: the
// error classes, script stacks without the module's frames and a monotonic
// clock; the calls count for sap.stats() in Go (client.call).

//go:embed toolkit.js
var toolkitJS string

// tables.js is sap.table, two thirds of the toolkit's source. It is compiled
// when a script first calls sap.table: compiling it at start-up cost every
// run a few milliseconds, for the few scripts that read tables.
//
//go:embed tables.js
var tablesJS string

// toolkitProgram and tablesProgram are compiled once per process; every
// runtime (each test file of wsrfc test, each destination of run --dest) runs
// them.
var (
	toolkitProgram = newJSProgram("toolkit.js", toolkitJS)
	tablesProgram  = newJSProgram("tables.js", tablesJS)
)

// jsProgram is one of the toolkit's JS files, which evaluates to a
// factory function, compiled on first use.
type jsProgram struct {
	name    string
	compile func() (*goja.Program, error)
}

func newJSProgram(name, source string) jsProgram {
	return jsProgram{name: name, compile: sync.OnceValues(func() (*goja.Program, error) {
		return goja.Compile(internalSource, source, false)
	})}
}

// call runs the program in vm and calls the factory it evaluates to with args.
func (p jsProgram) call(vm *goja.Runtime, args ...goja.Value) (goja.Value, error) {
	prog, err := p.compile()
	if err != nil {
		return nil, fmt.Errorf("%s: %w", p.name, err)
	}
	fn, err := vm.RunProgram(prog)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", p.name, err)
	}
	factory, ok := goja.AssertFunction(fn)
	if !ok {
		return nil, fmt.Errorf("%s does not evaluate to a function", p.name)
	}
	v, err := factory(goja.Undefined(), args...)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", p.name, err)
	}
	return v, nil
}

type toolkit struct {
	install  goja.Callable
	each     goja.Callable // called with the sap object, returns sap.each
	messages goja.Value
	convert  goja.Value
	bapiErr  goja.Value
}

// asyncIteratorKey is where async iterables keep their iterator: the engine
// has no Symbol.asyncIterator yet, so the module defines it as the registered
// symbol that compiled for-await loops (TypeScript, esbuild) look up.
const asyncIteratorKey = "Symbol.asyncIterator"

func newToolkit(m *Module) (*toolkit, error) {
	vm := m.host.VM
	start := time.Now()
	sym, err := vm.RunScript(internalSource, `(function () {
		if (typeof Symbol.asyncIterator !== 'symbol') {
			Object.defineProperty(Symbol, 'asyncIterator', { value: Symbol.for('`+asyncIteratorKey+`') });
		}
		return Symbol.asyncIterator;
	})()`)
	if err != nil {
		return nil, err
	}
	goSide := vm.NewObject()
	_ = goSide.Set("SapError", m.errs.sapError)
	_ = goSide.Set("ConnectionError", m.errs.connectionError)
	_ = goSide.Set("TimeoutError", m.errs.timeoutError)
	_ = goSide.Set("asyncIterator", sym)
	_ = goSide.Set("stack", func(head string) string { return scriptStack(vm, head) })
	// tables(shared) is tables.js's factory of sap.table for one session,
	// made once per runtime.
	var tablesOf goja.Value
	_ = goSide.Set("tables", func(shared goja.Value) goja.Value {
		if tablesOf == nil {
			v, err := tablesProgram.call(vm, goSide, shared)
			if err != nil {
				panic(vm.NewGoError(err)) // a bug of the module's own JS
			}
			tablesOf = v
		}
		return tablesOf
	})
	// now is microseconds since the runtime started (sap.each times its
	// items with it). It takes goja.FunctionCall: no reflection.
	micros := func() int64 { return time.Since(start).Microseconds() }
	_ = goSide.Set("now", func(goja.FunctionCall) goja.Value { return vm.ToValue(micros()) })
	v, err := toolkitProgram.call(vm, goSide)
	if err != nil {
		return nil, err
	}
	o := v.ToObject(vm)
	t := &toolkit{messages: o.Get("messages"), convert: o.Get("convert"), bapiErr: o.Get("BapiError")}
	t.install, _ = goja.AssertFunction(o.Get("install"))
	eachFactory, _ := goja.AssertFunction(o.Get("each"))
	if t.install == nil || eachFactory == nil {
		return nil, fmt.Errorf("toolkit.js misses install or each")
	}
	t.each = eachFactory
	return t, nil
}

// installClient adds the per-session helpers (transaction, table, the rfc.call wrapper).
func (t *toolkit) installClient(o *goja.Object) {
	if _, err := t.install(goja.Undefined(), o); err != nil {
		panic(err)
	}
}

// installModule adds the helpers that belong to the sap object alone.
func (t *toolkit) installModule(m *Module) {
	o, vm := m.obj, m.host.VM
	_ = o.Set("BapiError", t.bapiErr)
	_ = o.Set("messages", t.messages)
	_ = o.Set("convert", t.convert)
	each, err := t.each(goja.Undefined(), o)
	if err != nil {
		panic(err)
	}
	_ = o.Set("each", each)
	_ = o.Set("stats", func() goja.Value { return m.stats.object(vm) })
}
