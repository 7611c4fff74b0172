package engine

import (
	"errors"
	"strconv"
	"strings"

	"github.com/dop251/goja"

	"github.com/wsrfc/wsrfc/internal/lazyre"
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
		return &ScriptError{Text: r.tidyStack(text), cause: err}
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
	return r.tidyStack(text)
}

var (
	// stackPosition is file:line:column in a rendered stack.
	stackPosition = lazyre.New(`([^\s()]+):(\d+):(\d+)`)
	// ownNativeFrame is a frame of a Go function of wsrfc's (a binding, require), which tells a script's
	// author nothing: goja names them after the Go function.
	ownNativeFrame = lazyre.New(`(?m)^\s*at [^\s]*(?:\(\*|-fm|\.func\d|github\.com/)[^\s]* \(native\)\n?`)
)

// tidyStack makes a rendered error read as node's would: columns on the first line of a wrapped file
// count from the file's first character rather than the wrapper's, and frames of wsrfc's own Go
// functions are left out.
func (r *Runtime) tidyStack(text string) string {
	text = ownNativeFrame().ReplaceAllString(text, "")
	if len(r.wrapped) == 0 {
		return text
	}
	lines := strings.Split(text, "\n")
	kept := lines[:0]
	for _, line := range lines {
		sub := stackPosition().FindStringSubmatch(line)
		if sub == nil || !strings.HasPrefix(strings.TrimSpace(line), "at ") {
			kept = append(kept, line)
			continue
		}
		w, wrapped := r.wrapped[sub[1]]
		n, _ := strconv.Atoi(sub[2])
		col, _ := strconv.Atoi(sub[3])
		switch {
		case !wrapped:
		case n > w.lines:
			// The wrapper's own call after the file's last line: no place in the file.
			if strings.HasSuffix(line, " {") && len(kept) > 0 {
				kept[len(kept)-1] += " {" // the error's own properties follow its last frame
			}
			continue
		case n == 1 && col > w.prefixLen:
			line = strings.Replace(line, sub[0], sub[1]+":1:"+strconv.Itoa(col-w.prefixLen), 1)
		}
		kept = append(kept, line)
	}
	return strings.Join(kept, "\n")
}

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
	if m, ok := ParseCompileMessage(msg); ok {
		text = name + ": " + m.Text + "\n    at " + m.File + ":" + strconv.Itoa(m.Line) + ":" + strconv.Itoa(columnInFile(m.Line, m.Column, prefixLen))
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
