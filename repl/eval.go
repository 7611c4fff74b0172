package repl

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/dop251/goja"
	"github.com/mattn/go-runewidth"

	"github.com/wsrfc/wsrfc/internal/lazyre"
	"github.com/wsrfc/wsrfc/runtime/engine"
	"github.com/wsrfc/wsrfc/runtime/eventloop"
	"github.com/wsrfc/wsrfc/runtime/inspect"
	"github.com/wsrfc/wsrfc/runtime/transpile"
)

// evaluation is the outcome of one statement. Only the runtime's goroutine touches it.
type evaluation struct {
	settled     bool
	abandoned   bool // the console stopped waiting for it: if it has not started yet, it must not start later
	interrupted bool
	exit        *engine.ExitError // process.exit in the statement
	value       goja.Value
	thrown      goja.Value // set when the statement threw or its promise rejected
	failure     string     // a failure that is no JavaScript value (a Go panic in a binding)
}

func (ev *evaluation) succeed(v goja.Value) {
	if !ev.settled {
		ev.settled, ev.value = true, v
	}
}

func (ev *evaluation) fail(v goja.Value) {
	if !ev.settled {
		ev.settled, ev.thrown = true, v
	}
}

// interruptedNote tells what Ctrl-C did to the SAP session.
const interruptedNote = "Interrupted. The session stays open (SAP finishes a call it already started before it runs the next)."

// evaluate runs one statement and prints its result or its error. The loop runs until the statement has
// settled; a Ref keeps it waiting for what the statement awaits (a push from SAP, say) even when nothing
// else is pending, as node does.
func (r *REPL) evaluate(ctx context.Context, src string, in input) error {
	js := r.js.Load()
	r.transcript = append(r.transcript, src)
	for _, name := range in.declared {
		r.declared[name] = true
	}
	ev := &evaluation{}
	name := "REPL" + strconv.Itoa(len(r.transcript))
	js.Loop.RunOnLoop(func(vm *goja.Runtime) error {
		if !ev.abandoned {
			r.start(vm, name, in, ev)
		}
		return nil
	})
	release := js.Loop.Ref()
	r.evalSeq.Add(1)
	r.evaluating.Store(true)
	r.spin.start()
	var background []error // errors of other callbacks, shown after the result as node does
	var fatal error
	for !ev.settled {
		err := js.RunUntil(ctx, func() bool { return ev.settled })
		if ctx.Err() != nil {
			fatal = ctx.Err()
			break
		}
		var interrupted *engine.InterruptError
		var panicked *eventloop.PanicError
		switch {
		case errors.As(err, &interrupted):
			ev.interrupted = true
		case errors.As(err, &panicked):
			ev.failure = err.Error()
		case err == nil && !ev.settled:
			// Only an abort ends the run early while the Ref is held: process.exit(0), which the engine
			// reports as success.
			fatal = &engine.ExitError{Code: 0}
		case err == nil:
		case isBackground(err):
			background = append(background, err)
			continue
		default:
			fatal = err // process.exit(n), or the runtime was closed
		}
		break
	}
	ev.abandoned = !ev.settled
	release()
	r.evaluating.Store(false)
	r.spin.stop()
	switch {
	case fatal != nil && ctx.Err() != nil:
		return nil
	case fatal != nil:
		return fatal
	case ev.exit != nil:
		return ev.exit
	}
	r.report(ev)
	for _, err := range background {
		r.reportBackground(err)
		r.failures++
	}
	return nil
}

// isBackground reports whether a loop error is an uncaught JavaScript error of another callback.
func isBackground(err error) bool {
	var script *engine.ScriptError
	return errors.As(err, &script)
}

// start runs the statement on the loop. A statement with top-level await settles when its promise does.
func (r *REPL) start(vm *goja.Runtime, name string, in input, ev *evaluation) {
	defer func() {
		if x := recover(); x != nil {
			ev.settled, ev.failure = true, fmt.Sprintf("internal error (Go panic): %v", x)
		}
	}()
	prg, err := goja.Compile(name, in.source, false)
	if err != nil {
		// TypeScript: retry without the type annotations, and report the original error if that fails too.
		if stripped, tsErr := transpile.StripTypes(in.source); tsErr == nil {
			if p, err2 := goja.Compile(name, stripped, false); err2 == nil {
				prg, err = p, nil
			}
		}
	}
	if err != nil {
		ev.fail(syntaxError(vm, err))
		return
	}
	v, err := vm.RunProgram(prg)
	if err != nil {
		var ex *goja.Exception
		var interrupted *goja.InterruptedError
		switch {
		case errors.As(err, &interrupted):
			// The loop was aborted: by Ctrl-C, which the run reports, or by process.exit, which the
			// engine reports as success when the code is 0.
			ev.settled, ev.interrupted = true, true
			ev.exit, _ = interrupted.Value().(*engine.ExitError)
		case errors.As(err, &ex):
			ev.fail(ex.Value())
		default: // a stack overflow, which JavaScript cannot catch
			ev.fail(newError(vm, "RangeError", err.Error()))
		}
		return
	}
	if in.kind != inputAwait {
		ev.succeed(v)
		return
	}
	promise, ok := v.(*goja.Object)
	then, callable := goja.Callable(nil), false
	if ok {
		then, callable = goja.AssertFunction(promise.Get("then"))
	}
	if !callable {
		ev.succeed(v)
		return
	}
	onFulfilled := vm.ToValue(func(call goja.FunctionCall) goja.Value {
		ev.succeed(unbox(call.Argument(0)))
		return goja.Undefined()
	})
	onRejected := vm.ToValue(func(call goja.FunctionCall) goja.Value {
		ev.fail(call.Argument(0))
		return goja.Undefined()
	})
	if _, err := then(promise, onFulfilled, onRejected); err != nil {
		ev.fail(newError(vm, "Error", err.Error()))
	}
}

// unbox takes the value of the final expression out of the `{ value }` the rewritten program returns.
func unbox(v goja.Value) goja.Value {
	if o, ok := v.(*goja.Object); ok {
		if inner := o.Get("value"); inner != nil {
			return inner
		}
	}
	return goja.Undefined()
}

// syntaxError turns a compile error into a SyntaxError whose message reads like node's, with the position
// in the stack where it belongs.
func syntaxError(vm *goja.Runtime, err error) goja.Value {
	msg := err.Error()
	var syntax *goja.CompilerSyntaxError
	if errors.As(err, &syntax) {
		msg = syntax.Message
	}
	m, ok := engine.ParseCompileMessage(msg) // "REPL3: Line 1:5 Unexpected token )"
	if !ok {
		return newError(vm, "SyntaxError", msg)
	}
	e := newError(vm, "SyntaxError", m.Text)
	if o, ok := e.(*goja.Object); ok {
		_ = o.Set("stack", "SyntaxError: "+m.Text+"\n    at "+m.File+":"+strconv.Itoa(m.Line)+":"+strconv.Itoa(m.Column))
	}
	return e
}

// newError builds an Error of a built-in class, for failures that happen before any JavaScript runs.
func newError(vm *goja.Runtime, class, message string) goja.Value {
	if ctor, ok := vm.GlobalObject().Get(class).(*goja.Object); ok {
		if e, err := vm.New(ctor, vm.ToValue(message)); err == nil {
			return e
		}
	}
	return vm.ToValue(class + ": " + message)
}

// report prints an evaluation's result, or its error, and keeps _ and _error up to date.
func (r *REPL) report(ev *evaluation) {
	switch {
	case ev.interrupted && !r.interruptedCall.Load():
		fmt.Fprintln(r.stderr, "Script execution was interrupted.")
		r.failures++
	case ev.interrupted:
		fmt.Fprintln(r.stderr, interruptedNote)
		r.failures++
	case ev.failure != "":
		fmt.Fprintln(r.stderr, "Uncaught "+ev.failure)
		r.failures++
	case ev.thrown != nil:
		r.keep("_error", ev.thrown, &r.lastError, &r.errorOff)
		fmt.Fprintln(r.stderr, "Uncaught "+r.formatError(ev.thrown))
		r.failures++
	default:
		r.keep("_", ev.value, &r.lastUnderscore, &r.underscoreOff)
		fmt.Fprintln(r.stdout, r.show(ev.value))
	}
}

// keep stores a result in the global _ or _error, unless the user took the name for something else: then,
// as in node, the console stops updating it and says so once.
func (r *REPL) keep(name string, v goja.Value, last *goja.Value, off *bool) {
	if *off {
		return
	}
	global := r.js.Load().VM.GlobalObject()
	current := global.Get(name)
	if current == nil {
		current = goja.Undefined()
	}
	expected := *last
	if expected == nil {
		expected = goja.Undefined()
	}
	if !current.SameAs(expected) {
		*off = true
		fmt.Fprintf(r.stdout, "Expression assignment to %s now disabled.\n", name)
		return
	}
	if err := global.Set(name, v); err == nil {
		*last = v
	}
}

// formatError renders a thrown value like node: the stack of an Error and its extra properties (a
// SapError's code, key and message fields), or the inspected value for anything else.
func (r *REPL) formatError(v goja.Value) string {
	return inspect.Format(r.js.Load().VM, v, inspect.Options{Colors: r.opts.Colors})
}

// Tables are shown for arrays of at least minTableRows flat rows, up to maxTableRows of them.
const (
	minTableRows = 2
	maxTableRows = 100
)

// show renders a result: an array of flat row objects (an RFC table) as an aligned table when it fits the
// terminal, anything else as node's util.inspect does.
func (r *REPL) show(v goja.Value) string {
	if rows, total, ok := inspect.RowTable(r.js.Load().VM, v, minTableRows, maxTableRows); ok {
		var table string
		if r.opts.Colors {
			table = inspect.ColorTable(r.js.Load().VM, rows, nil)
		} else {
			table = inspect.Table(r.js.Load().VM, rows, nil)
		}
		first, _, _ := strings.Cut(table, "\n")
		if runewidth.StringWidth(stripANSI(first)) <= r.width() {
			if total > maxTableRows {
				table += fmt.Sprintf("\n… %d more rows; _ holds all %d", total-maxTableRows, total)
			}
			return table
		}
	}
	return inspect.Format(r.js.Load().VM, v, inspect.Options{Colors: r.opts.Colors})
}

var ansiEscape = lazyre.New("\x1b\\[[0-9;]*[A-Za-z]")

// stripANSI removes colour and cursor sequences, to measure or compare text.
func stripANSI(s string) string { return ansiEscape().ReplaceAllString(s, "") }
