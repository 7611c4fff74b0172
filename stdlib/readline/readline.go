// Package readline provides node's readline.createInterface for reading the lines of process.stdin (or any async
// iterable of text): `for await (const line of rl)` and rl.on('line', fn).
package readline

import (
	_ "embed"
	"sync"

	"github.com/dop251/goja"
)

//go:embed readline.js
var source string

var program = sync.OnceValue(func() *goja.Program { return goja.MustCompile("wsrfc:readline", source, true) })

// New creates require('readline') for vm.
func New(vm *goja.Runtime) (goja.Value, error) {
	factory, err := vm.RunProgram(program())
	if err != nil {
		return nil, err
	}
	fn, _ := goja.AssertFunction(factory)
	return fn(goja.Undefined(), asyncIteratorKey(vm))
}

// asyncIteratorKey is Symbol.asyncIterator, which goja lacks; esbuild's lowered for await uses this stand-in.
func asyncIteratorKey(vm *goja.Runtime) goja.Value {
	symbol := vm.Get("Symbol").ToObject(vm)
	if key := symbol.Get("asyncIterator"); key != nil && !goja.IsUndefined(key) {
		return key
	}
	symbolFor, _ := goja.AssertFunction(symbol.Get("for"))
	key, _ := symbolFor(symbol, vm.ToValue("Symbol.asyncIterator"))
	return key
}
