// Package timers installs setTimeout, setInterval, their clear functions and queueMicrotask as JavaScript globals
// backed by an event loop.
package timers

import (
	"fmt"
	"math"
	"time"

	"github.com/dop251/goja"

	"github.com/wsrfc/wsrfc/runtime/eventloop"
)

// maxDelay is node's TIMEOUT_MAX (2^31-1 ms); longer or invalid delays become 1 ms, as in node.
const maxDelay = math.MaxInt32

// microtaskProgram builds queueMicrotask on a promise job so that it runs in the same queue as promise reactions.
// An exception in the callback is reported instead of becoming a promise rejection.
var microtaskProgram = goja.MustCompile("queueMicrotask.js", `(function (report) {
	'use strict';
	const then = Promise.prototype.then;
	const resolved = Promise.resolve();
	return function queueMicrotask(callback) {
		if (typeof callback !== 'function') {
			throw new TypeError('The "callback" argument must be of type function. Received ' + typeof callback);
		}
		then.call(resolved, function () {
			try {
				callback();
			} catch (e) {
				report(e);
			}
		});
	};
})`, true)

// Install defines setTimeout, setInterval, clearTimeout, clearInterval and queueMicrotask on the loop's runtime.
// Timer ids are numbers, as in browsers; clearTimeout and clearInterval accept them interchangeably.
// It must be called on the loop goroutine.
func Install(l *eventloop.Loop) {
	vm := l.VM()
	global := vm.GlobalObject()
	must(global.Set("setTimeout", schedule(l, false)))
	must(global.Set("setInterval", schedule(l, true)))
	must(global.Set("clearTimeout", clear(l)))
	must(global.Set("clearInterval", clear(l)))

	factory, err := vm.RunProgram(microtaskProgram)
	must(err)
	build, _ := goja.AssertFunction(factory)
	report := vm.ToValue(func(call goja.FunctionCall) goja.Value {
		l.Abort(eventloop.NewUncaughtError(vm, call.Argument(0), false))
		return goja.Undefined()
	})
	queueMicrotask, err := build(goja.Undefined(), report)
	must(err)
	must(global.Set("queueMicrotask", queueMicrotask))
}

func schedule(l *eventloop.Loop, repeat bool) func(goja.FunctionCall) goja.Value {
	vm := l.VM()
	return func(call goja.FunctionCall) goja.Value {
		defer eventloop.ThrowOnPanic(vm)
		fn, ok := goja.AssertFunction(call.Argument(0))
		if !ok {
			panic(vm.NewTypeError(fmt.Sprintf(
				"The \"callback\" argument must be of type function. Received %s", describeArg(call.Argument(0)))))
		}
		ms := call.Argument(1).ToFloat()
		if !(ms >= 1 && ms <= maxDelay) {
			ms = 1
		}
		var args []goja.Value
		if len(call.Arguments) > 2 {
			args = append(args, call.Arguments[2:]...)
		}
		id := l.SetTimer(time.Duration(ms*float64(time.Millisecond)), repeat, func() error {
			_, err := fn(goja.Undefined(), args...)
			return err
		})
		return vm.ToValue(id)
	}
}

func clear(l *eventloop.Loop) func(goja.FunctionCall) goja.Value {
	return func(call goja.FunctionCall) goja.Value {
		id := call.Argument(0)
		if goja.IsNumber(id) {
			l.ClearTimer(id.ToInteger())
		}
		return goja.Undefined()
	}
}

func describeArg(v goja.Value) string {
	switch {
	case v == nil || goja.IsUndefined(v):
		return "undefined"
	case goja.IsNull(v):
		return "null"
	case goja.IsString(v):
		return fmt.Sprintf("type string (%q)", v.String())
	case goja.IsNumber(v):
		return fmt.Sprintf("type number (%s)", v.String())
	case goja.IsBigInt(v):
		return fmt.Sprintf("type bigint (%sn)", v.String())
	}
	if _, ok := v.(*goja.Object); ok {
		return "an object"
	}
	return fmt.Sprintf("type %s", v.ExportType())
}

func must(err error) {
	if err != nil {
		panic(fmt.Sprintf("timers: installing globals failed: %v", err))
	}
}
