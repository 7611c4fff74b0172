package engine

import (
	"errors"
	"regexp"
	"strconv"
	"strings"

	"github.com/dop251/goja"

	"github.com/wsrfc/wsrfc/runtime/eventloop"
	"github.com/wsrfc/wsrfc/runtime/inspect"
	"github.com/wsrfc/wsrfc/runtime/transpile"
)

// ScriptError is an uncaught JavaScript error or a syntax error, already rendered for the user the way node
// prints it: "Uncaught Error: msg\n    at fn (file.js:3:7)", extra properties of the error included.
// Unwrap gives the underlying goja error, and through it a Go error thrown by a binding, for errors.As.
type ScriptError struct {
	Text  string
	Value goja.Value // the thrown value; read it only on the loop goroutine
	cause error
}

func (e *ScriptError) Error() string { return e.Text }
func (e *ScriptError) Unwrap() error { return e.cause }

// FormatError renders a run's error for the terminal: the message and JavaScript stack of an uncaught error,
// nothing for process.exit, and the message of any other error.
func FormatError(err error) string {
	var script *ScriptError
	var exit *ExitError
	switch {
	case err == nil, errors.As(err, &exit):
		return ""
	case errors.As(err, &script):
		return script.Text
	}
	return err.Error()
}

// describeError turns goja errors into ScriptErrors while the runtime can still be read (on the loop goroutine).
func (r *Runtime) describeError(err error) error {
	if err == nil {
		return nil
	}
	var exception *goja.Exception
	var uncaught *eventloop.UncaughtError
	var overflow *goja.StackOverflowError
	var interrupted *goja.InterruptedError
	var syntax *goja.CompilerSyntaxError
	var script *ScriptError
	switch {
	case errors.As(err, &script):
		return err
	case errors.As(err, &overflow):
		text := "Uncaught RangeError: Maximum call stack size exceeded"
		if frames := inspect.StackFrames(overflow.Stack()); frames != "" {
			text += "\n" + frames
		}
		return &ScriptError{Text: text, cause: err}
	case errors.As(err, &interrupted):
		if cause, ok := interrupted.Value().(error); ok {
			return cause
		}
		return &InterruptError{Reason: interrupted.Value()}
	case errors.As(err, &exception):
		return &ScriptError{Text: r.uncaughtText("Uncaught ", exception.Value(), exception.Stack()),
			Value: exception.Value(), cause: err}
	case errors.As(err, &uncaught):
		prefix := "Uncaught "
		if uncaught.InPromise {
			prefix = "Uncaught (in promise) "
		}
		return &ScriptError{Text: r.uncaughtText(prefix, uncaught.Value, nil), Value: uncaught.Value, cause: err}
	case errors.As(err, &syntax):
		return compileError(err, 0)
	}
	return err
}

// uncaughtText renders a thrown value: an Error with its stack and extra properties, anything else inspected
// and followed by the frames where it was thrown.
func (r *Runtime) uncaughtText(prefix string, v goja.Value, frames []goja.StackFrame) string {
	text := prefix + inspect.Format(r.VM, v, inspect.Options{})
	if !strings.Contains(text, "\n    at ") {
		if stack := inspect.StackFrames(frames); stack != "" {
			text += "\n" + stack
		}
	}
	return text
}

var compilerMessage = regexp.MustCompile(`^(.*): Line (\d+):(\d+) (.*?)(?: \(and \d+ more errors?\))?$`)

// compileError renders a syntax error as "SyntaxError: message\n    at file:line:column". prefixLen is the
// length of the wrapper put before the first line, which shifts the columns reported on line 1.
func compileError(err error, prefixLen int) error {
	var syntax *goja.CompilerSyntaxError
	var reference *goja.CompilerReferenceError
	msg := err.Error()
	name := "SyntaxError"
	switch {
	case errors.As(err, &syntax):
		msg = syntax.Message
	case errors.As(err, &reference):
		msg, name = reference.Message, "ReferenceError"
	}
	text := name + ": " + msg
	if m := compilerMessage.FindStringSubmatch(msg); m != nil {
		line, _ := strconv.Atoi(m[2])
		col, _ := strconv.Atoi(m[3])
		if line == 1 && col > prefixLen {
			col -= prefixLen
		}
		text = name + ": " + m[4] + "\n    at " + m[1] + ":" + m[2] + ":" + strconv.Itoa(col)
	}
	return &ScriptError{Text: text, cause: err}
}

// transpileError renders esbuild's parse error of an ES module or TypeScript file like compileError does.
func transpileError(err error) error {
	var syntax *transpile.SyntaxError
	if !errors.As(err, &syntax) {
		return err
	}
	return &ScriptError{Text: "SyntaxError: " + syntax.Message + "\n    at " + syntax.File + ":" +
		strconv.Itoa(syntax.Line) + ":" + strconv.Itoa(syntax.Column), cause: err}
}
