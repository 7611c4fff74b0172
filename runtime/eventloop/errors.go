package eventloop

import (
	"fmt"
	"reflect"
	"runtime/debug"
	"strings"

	"github.com/dop251/goja"

	"github.com/wsrfc/wsrfc/runtime/inspect"
)

// UncaughtError is a JavaScript value that was thrown or rejected and never caught: an unhandled promise
// rejection (InPromise) or an exception raised where no JavaScript caller can catch it, such as in a microtask.
// Value belongs to the runtime: read it only on the loop goroutine.
type UncaughtError struct {
	Value     goja.Value
	InPromise bool
	message   string
}

// NewUncaughtError describes v for error messages; it must be called on the goroutine that owns vm.
func NewUncaughtError(vm *goja.Runtime, v goja.Value, inPromise bool) *UncaughtError {
	return &UncaughtError{Value: v, InPromise: inPromise, message: describe(vm, v)}
}

func (e *UncaughtError) Error() string {
	if e.InPromise {
		return "Uncaught (in promise) " + e.message
	}
	return "Uncaught " + e.message
}

// Unwrap returns the Go error behind a GoError value, so errors.As finds typed errors thrown by bindings.
func (e *UncaughtError) Unwrap() error {
	obj, ok := e.Value.(*goja.Object)
	if !ok || obj.ClassName() != "Error" {
		return nil
	}
	if v := obj.Get("value"); v != nil {
		if err, ok := v.Export().(error); ok {
			return err
		}
	}
	return nil
}

// describe gives a one-line text for a thrown value without running user code beyond plain property reads.
func describe(vm *goja.Runtime, v goja.Value) string {
	if v == nil || goja.IsUndefined(v) {
		return "undefined"
	}
	if obj, ok := v.(*goja.Object); ok && obj.ClassName() == "Error" {
		name, msg := "Error", ""
		if n := obj.Get("name"); n != nil && !goja.IsUndefined(n) {
			name = n.String()
		}
		if m := obj.Get("message"); m != nil && !goja.IsUndefined(m) {
			msg = m.String()
		}
		if msg == "" {
			return name
		}
		return name + ": " + msg
	}
	return inspect.Format(vm, v, inspect.Options{Depth: inspect.DepthTopLevel, BreakLength: inspect.Unlimited})
}

// PanicError is a Go panic that escaped a callback or a native function. It ends the run instead of the process.
type PanicError struct {
	Value any
	Stack string
}

func (e *PanicError) Error() string {
	return fmt.Sprintf("internal error (Go panic): %v; this is a bug in a native module, please report it", e.Value)
}

// ThrowOnPanic turns a Go panic in a native function into a catchable JavaScript Error. Use it as the first
// statement of a native function: defer eventloop.ThrowOnPanic(vm). Panics that goja uses for its own
// exceptions (thrown values, interrupts, stack overflow) pass through unchanged.
func ThrowOnPanic(vm *goja.Runtime) {
	x := recover()
	if x == nil {
		return
	}
	if isGojaPanic(x) {
		panic(x)
	}
	panic(vm.NewGoError(&PanicError{Value: x, Stack: string(debug.Stack())}))
}

// isGojaPanic reports whether x is how goja throws: a JS value, an *Exception, an uncatchable error or one of
// goja's internal error kinds (unexported types of the goja package).
func isGojaPanic(x any) bool {
	if _, ok := x.(goja.Value); ok {
		return true
	}
	t := reflect.TypeOf(x)
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	return strings.HasPrefix(t.PkgPath(), "github.com/dop251/goja")
}
