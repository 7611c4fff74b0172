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
// read. This file runs it once per runtime, when a script first needs it
// (kit), and gives it what JS lacks: the error classes, script stacks without
// the module's frames and a monotonic clock; the calls count for sap.stats()
// in Go (client.call).

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

// kit is the module's toolkit, made when a script first needs it: a script
// that only calls function modules never compiles toolkit.js.
func (m *Module) kit() *toolkit {
	if m.tk == nil {
		tk, err := newToolkit(m)
		if err != nil {
			panic(m.host.VM.NewGoError(err)) // a bug of the module's own JS
		}
		m.tk = tk
	}
	return m.tk
}

// defineLazy makes o[name] a property that is made by make on first access,
// and is from then on (or once assigned) the plain data property it would
// have been from the start. Object.keys, the order of keys and assignment are
// as for a data property; only a property descriptor read before first use
// shows the accessor.
func defineLazy(vm *goja.Runtime, o *goja.Object, name string, make func() goja.Value) {
	settle := func(v goja.Value) {
		_ = o.DefineDataProperty(name, v, goja.FLAG_TRUE, goja.FLAG_TRUE, goja.FLAG_TRUE)
	}
	get := vm.ToValue(func(goja.FunctionCall) goja.Value {
		v := make()
		settle(v)
		return v
	})
	set := vm.ToValue(func(call goja.FunctionCall) goja.Value {
		settle(call.Argument(0))
		return goja.Undefined()
	})
	_ = o.DefineAccessorProperty(name, get, set, goja.FLAG_TRUE, goja.FLAG_TRUE)
}

// defineModuleToolkit puts the helpers that belong to the sap object alone on it.
func (m *Module) defineModuleToolkit() {
	o, vm := m.obj, m.host.VM
	defineLazy(vm, o, "BapiError", func() goja.Value { return m.kit().bapiErr })
	defineLazy(vm, o, "messages", func() goja.Value { return m.kit().messages })
	defineLazy(vm, o, "convert", func() goja.Value { return m.kit().convert })
	defineLazy(vm, o, "each", func() goja.Value {
		each, err := m.kit().each(goja.Undefined(), o)
		if err != nil {
			panic(err)
		}
		return each
	})
	_ = o.Set("stats", func() goja.Value { return m.stats.object(vm) })
}

// defineClientToolkit puts the per-session helpers (transaction, table) on a
// session object; they install the toolkit for the session on first use.
func (c *client) defineClientToolkit(o *goja.Object) {
	vm := c.m.host.VM
	for _, name := range []string{"transaction", "table"} {
		defineLazy(vm, o, name, func() goja.Value {
			c.installToolkit()
			return o.Get(name)
		})
	}
}

// installToolkit runs toolkit.js's install for the session's object: it
// defines its transaction and table and returns what rfc.call hands a result
// to when the toolkit has a say in it (clientToolkit).
func (c *client) installToolkit() *clientToolkit {
	if c.kit != nil {
		return c.kit
	}
	vm := c.m.host.VM
	hooks := vm.NewObject()
	_ = hooks.Set("rawCall", func(call goja.FunctionCall) goja.Value { return c.call(call, false) })
	_ = hooks.Set("tx", func(active bool) { c.inTx = active })
	v, err := c.m.kit().install(goja.Undefined(), c.obj, hooks)
	if err != nil {
		panic(err)
	}
	r := v.ToObject(vm)
	after, _ := goja.AssertFunction(r.Get("after"))
	afterAsync, _ := goja.AssertFunction(r.Get("afterAsync"))
	if after == nil || afterAsync == nil {
		panic(vm.NewGoError(fmt.Errorf("toolkit.js's install returns no after or afterAsync")))
	}
	c.kit = &clientToolkit{after: after, afterAsync: afterAsync}
	return c.kit
}

// clientToolkit is the toolkit's part in one session's calls: its BAPI
// messages in a transaction, and throwOnError.
type clientToolkit struct {
	after, afterAsync goja.Callable
}

// publicCall is rfc.call and rfc.callAsync as scripts see them. In the
// common case (no transaction running, no throwOnError) the call's result or
// promise is handed back as it is; otherwise the toolkit sees it first.
func (c *client) publicCall(call goja.FunctionCall, async bool) goja.Value {
	throw := c.wantsThrow(call.Argument(2))
	v := c.call(call, async)
	if !throw && !c.inTx {
		return v
	}
	kit := c.installToolkit()
	fm, flag := call.Argument(0), c.m.host.VM.ToValue(throw)
	var out goja.Value
	var err error
	if async {
		out, err = kit.afterAsync(goja.Undefined(), fm, v, flag)
	} else {
		out, err = kit.after(goja.Undefined(), fm, v, flag)
	}
	if err != nil {
		panic(err)
	}
	return out
}

// wantsThrow is the call's throwOnError option if it has one, else the
// session's default (rfc.throwOnError); only true counts.
func (c *client) wantsThrow(options goja.Value) bool {
	isTrue := func(v goja.Value) bool { return v != nil && v.StrictEquals(c.m.host.VM.ToValue(true)) }
	if o, ok := options.(*goja.Object); ok && o.ClassName() != "Function" {
		if v := o.Get("throwOnError"); v != nil {
			return isTrue(v)
		}
	}
	return c.rfcObj != nil && isTrue(c.rfcObj.Get("throwOnError"))
}
