// Package repl is wsrfc's interactive console: JavaScript typed line by line into one persistent runtime on one
// stateful SAP session, with top-level await, node-style output, multi-line input, history, completion that
// knows function modules and their parameters, and dot commands for the session.
//
// The console reads lines through a LineReader (a terminal with line editing, or plain stdin), so that its
// logic is tested without a terminal. The goroutine that calls Run owns the runtime: it drives the event loop
// while the prompt is shown (timers and server pushes keep firing) and while a statement is evaluated.
package repl

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"sync/atomic"
	"time"

	"github.com/dop251/goja"

	"github.com/wsrfc/wsrfc/bindings/sap"
	"github.com/wsrfc/wsrfc/runtime/engine"
	"github.com/wsrfc/wsrfc/runtime/eventloop"
	"github.com/wsrfc/wsrfc/runtime/inspect"
	"github.com/wsrfc/wsrfc/session"
)

// LineReader is where the console reads input. Prompt returns one line without its line break, io.EOF at
// the end of input (Ctrl-D) and ErrInterrupted when the user pressed Ctrl-C at the prompt.
// Prompt is called on a goroutine of its own while the runtime keeps running.
type LineReader interface {
	Prompt(prompt string) (string, error)
	AppendHistory(entry string)
}

// ErrInterrupted is what a LineReader returns for Ctrl-C at the prompt.
var ErrInterrupted = errors.New("interrupted")

// Connection is what the console needs of the `sap` module's main session for its dot commands and
// completion.
type Connection interface {
	// Session returns the session, opening it if needed. It must be called on the runtime's goroutine,
	// since opening it notifies JavaScript listeners.
	Session() (*session.Session, error)
	// Connect replaces the session with one to a named destination ("" = the command line's).
	// Same goroutine rule as Session.
	Connect(dest string) (*session.Session, error)
	// Disconnect closes the session; the next call opens a new one.
	Disconnect()
	// Current returns the open session or nil, without opening one. Any goroutine may call it.
	Current() *session.Session
}

// ModuleConnection is the Connection to the main session of a `sap` module, the one the global sap uses.
func ModuleConnection(m *sap.Module) Connection { return moduleConnection{m} }

type moduleConnection struct{ m *sap.Module }

func (c moduleConnection) Session() (*session.Session, error) { return c.m.Main().Session() }
func (c moduleConnection) Connect(dest string) (*session.Session, error) {
	return c.m.Main().Connect(dest)
}
func (c moduleConnection) Disconnect() { c.m.Main().Disconnect() }

func (c moduleConnection) Current() *session.Session {
	if s := c.m.Session(); s != nil && s.Err() == nil {
		return s
	}
	return nil
}

// Options configure a console.
type Options struct {
	Stdout, Stderr io.Writer
	// Interactive means a person at a terminal: a banner, prompts, hints and the spinner. Otherwise the
	// console reads statements, prints results and reports errors on Stderr, for scripts and pipes.
	Interactive bool
	// Colors enables ANSI colours in results.
	Colors bool
	// Spinner shows the elapsed time of a long evaluation on Stderr (only sensible on a terminal).
	Spinner bool
	// Width is the terminal's width in columns, for deciding whether a table fits; nil or 0 means 120.
	Width func() int
	// Banner is printed when an interactive console starts.
	Banner string
	// Target describes where the session goes, for .session before the session is open.
	Target string
	// History keeps entries across runs; nil keeps none.
	History *History
	// CompletionOpensSession allows Tab to open the session to complete function-module names, when
	// opening it cannot stop to ask for a password.
	CompletionOpensSession bool
	// BaseDir resolves relative paths of .load and .save; "" means the working directory.
	BaseDir string
}

// REPL is one console. Create it with New, give its Stdout and Stderr to the runtime's console, then call Run.
type REPL struct {
	opts   Options
	stdout io.Writer
	stderr io.Writer
	spin   *spinner

	// js is set once by Run, before anything can call Interrupt or Complete.
	js         atomic.Pointer[engine.Runtime]
	evaluating atomic.Bool // an evaluation or a dot command that talks to SAP is running: Ctrl-C stops it
	// interruptedCall says that the last Ctrl-C stopped waiting for a call to SAP, not just JavaScript.
	interruptedCall atomic.Bool
	// evalSeq numbers the evaluations; interruptedEval is the last one Ctrl-C interrupted.
	evalSeq, interruptedEval atomic.Uint64

	// The fields below belong to the goroutine in Run.
	sap             Connection
	lr              LineReader
	keeper          atomic.Pointer[PromptKeeper] // lr, when it is one; read by the output writers
	buffer          []string                     // lines of a statement that is not complete yet
	lastInterrupt   bool                         // the previous prompt ended with Ctrl-C on an empty statement
	transcript      []string                     // statements evaluated, for .save
	declared        map[string]bool
	lastUnderscore  goja.Value
	underscoreOff   bool
	lastError       goja.Value
	errorOff        bool
	failures        int
	exitRequested   bool
	completionCache *functionNames
}

// New creates a console.
func New(opts Options) *REPL {
	if opts.Stdout == nil {
		opts.Stdout = os.Stdout
	}
	if opts.Stderr == nil {
		opts.Stderr = os.Stderr
	}
	r := &REPL{opts: opts, declared: map[string]bool{}, completionCache: newFunctionNames()}
	r.spin = newSpinner(opts.Stderr, opts.Spinner && opts.Interactive)
	r.stdout = &spinnerSafeWriter{w: opts.Stdout, spin: r.spin, keeper: &r.keeper}
	r.stderr = &spinnerSafeWriter{w: opts.Stderr, spin: r.spin, keeper: &r.keeper}
	return r
}

// PromptKeeper is a LineReader that can take output while its prompt is shown
// (a timer's console.log, a listener of pushes from SAP) without garbling the
// line being edited: the output goes above it, and the prompt with the input
// typed so far is drawn again below.
type PromptKeeper interface {
	LineReader
	WriteAbove(w io.Writer, p []byte) (int, error)
}

// Stdout is where console.log of the runtime should write: it keeps the spinner from garbling output.
func (r *REPL) Stdout() io.Writer { return r.stdout }

// Stderr is Stdout's counterpart for console.error.
func (r *REPL) Stderr() io.Writer { return r.stderr }

// Interrupt stops the evaluation in progress, as Ctrl-C does: running JavaScript is interrupted and calls
// to SAP in flight stop waiting, while the session stays open. It may be called from any goroutine and
// reports whether an evaluation was in progress; at the prompt, Ctrl-C reaches the LineReader instead.
func (r *REPL) Interrupt() bool {
	js := r.js.Load()
	if js == nil || !r.evaluating.Load() {
		return false
	}
	s := (*session.Session)(nil)
	if r.sap != nil {
		s = r.sap.Current()
	}
	r.interruptedCall.Store(s != nil && s.Pending() > 0)
	r.interruptedEval.Store(r.evalSeq.Load())
	js.Interrupt("Ctrl-C")
	return true
}

// Stuck reports whether the running evaluation was interrupted already and
// still runs: the engine notices an interrupt only between JS instructions,
// so a long native call (a big sort, JSON.stringify of a huge value) goes on.
// The command line then ends the process on the next Ctrl-C.
func (r *REPL) Stuck() bool {
	return r.evaluating.Load() && r.interruptedEval.Load() == r.evalSeq.Load()
}

// PauseSpinner hides the spinner until resume is called, for a prompt that needs the terminal in the
// middle of an evaluation (the password prompt of a session opened on first use).
func (r *REPL) PauseSpinner() (resume func()) {
	r.spin.pause(true)
	return func() { r.spin.pause(false) }
}

// ErrFailed is returned by Run when a non-interactive console met statements that failed.
var ErrFailed = errors.New("some statements failed")

// Run reads and evaluates statements in js until the input ends, .exit, two Ctrl-C in a row or ctx is
// cancelled. sap gives the dot commands the session; it may be nil. A non-interactive console returns
// ErrFailed if any statement failed. process.exit ends the console with an *engine.ExitError.
func (r *REPL) Run(ctx context.Context, js *engine.Runtime, sap Connection, lr LineReader) error {
	r.sap, r.lr = sap, lr
	if pk, ok := lr.(PromptKeeper); ok {
		r.keeper.Store(&pk)
		defer r.keeper.Store(nil)
	}
	// Completion and tables read values through inspect's helpers, which must capture the built-ins
	// before the user's code can replace them.
	if err := inspect.Prepare(js.VM); err != nil {
		return err
	}
	r.js.Store(js)
	if r.opts.Interactive && r.opts.Banner != "" {
		fmt.Fprintln(r.stdout, r.opts.Banner)
	}
	for {
		if r.exitRequested {
			if r.confirmExit(ctx) {
				break
			}
			r.exitRequested = false
		}
		prompt := "> "
		if len(r.buffer) > 0 {
			prompt = "... "
		}
		line, err := r.readLine(ctx, prompt)
		if ctx.Err() != nil {
			return nil
		}
		switch {
		case errors.Is(err, ErrInterrupted):
			r.onCtrlC()
			continue
		case errors.Is(err, io.EOF):
			if len(r.buffer) > 0 && !r.opts.Interactive {
				// The input ended inside a statement: run it, so that the syntax error shows.
				src := strings.Join(r.buffer, "\n")
				r.buffer = nil
				if err := r.evaluate(ctx, src, classifyWhole(src)); err != nil {
					return err
				}
			}
			if r.opts.Interactive {
				fmt.Fprintln(r.stdout)
				if !r.confirmExit(ctx) {
					continue
				}
			}
			return r.finish(ctx)
		case err != nil:
			return err
		}
		r.lastInterrupt = false
		if err := r.handleLine(ctx, fromOneLine(line)); err != nil {
			return err
		}
	}
	return r.finish(ctx)
}

// finish ends a run. A console reading from a pipe lets timers and calls in flight complete first, as a
// script would; an interactive one ends at once.
func (r *REPL) finish(ctx context.Context) error {
	if !r.opts.Interactive && !r.exitRequested {
		for {
			err := r.js.Load().RunUntil(ctx, nil)
			if err == nil || ctx.Err() != nil {
				break
			}
			if !r.reportBackground(err) {
				return err
			}
			r.failures++
		}
	}
	if !r.opts.Interactive && r.failures > 0 {
		return ErrFailed
	}
	return nil
}

// confirmExit asks before an interactive console leaves a session whose SAP LUW holds changes that were
// not committed: leaving ends the session, and SAP rolls them back. y (or Ctrl-D) leaves; anything else stays.
func (r *REPL) confirmExit(ctx context.Context) bool {
	if !r.opts.Interactive || r.sap == nil {
		return true
	}
	s := r.sap.Current()
	if s == nil || s.PendingLUW() == "" {
		return true
	}
	fmt.Fprintf(r.stdout, "The session holds changes that are not committed (%s was called; no BAPI_TRANSACTION_COMMIT since).\n", s.PendingLUW())
	answer, err := r.readLine(ctx, "Leave and roll them back? (y/N) ")
	r.lastInterrupt = false
	switch {
	case ctx.Err() != nil, errors.Is(err, io.EOF):
		return true
	case err == nil && (strings.EqualFold(strings.TrimSpace(answer), "y") || strings.EqualFold(strings.TrimSpace(answer), "yes")):
		return true
	case err != nil && !errors.Is(err, ErrInterrupted):
		return true
	}
	fmt.Fprintln(r.stdout, "Staying. Call BAPI_TRANSACTION_COMMIT to keep the changes, or BAPI_TRANSACTION_ROLLBACK to drop them.")
	return false
}

// onCtrlC handles Ctrl-C at the prompt: it drops a statement being typed; on an empty prompt the first
// press explains how to leave and the second leaves, as in node.
func (r *REPL) onCtrlC() {
	if len(r.buffer) > 0 {
		r.buffer = nil
		r.lastInterrupt = false
		return
	}
	if r.lastInterrupt || !r.opts.Interactive {
		r.exitRequested = true
		return
	}
	r.lastInterrupt = true
	fmt.Fprintln(r.stdout, "(To exit, press Ctrl+C again or Ctrl+D or type .exit)")
}

// handleLine takes one line of input: a dot command, or part or all of a statement.
func (r *REPL) handleLine(ctx context.Context, line string) error {
	if len(r.buffer) == 0 && isCommandLine(line) {
		r.remember(line)
		return r.command(ctx, strings.TrimSpace(line))
	}
	if len(r.buffer) > 0 && r.continuationCommand(line) {
		return nil
	}
	r.buffer = append(r.buffer, line)
	src := strings.Join(r.buffer, "\n")
	in := classify(src)
	if in.kind == inputIncomplete {
		return nil
	}
	r.buffer = nil
	if strings.TrimSpace(src) == "" {
		return nil
	}
	r.remember(src)
	return r.evaluate(ctx, src, in)
}

// remember puts an entry in the history: in the reader's (for recall in this run, secrets included, since
// they never leave memory) and in the file (without secrets).
func (r *REPL) remember(statement string) {
	entry := oneLine(statement)
	r.lr.AppendHistory(entry)
	if r.opts.History != nil {
		if err := r.opts.History.Add(entry); err != nil {
			fmt.Fprintf(r.stderr, "history: %v\n", err)
			r.opts.History = nil
		}
	}
}

// readLine shows the prompt on a goroutine of its own and drives the event loop meanwhile, so that timers
// and pushes from SAP keep firing while the console waits for input.
func (r *REPL) readLine(ctx context.Context, prompt string) (string, error) {
	type result struct {
		line string
		err  error
	}
	js := r.js.Load()
	var returned atomic.Bool
	done := make(chan result, 1)
	release := js.Loop.Ref() // keeps the loop waiting for the prompt instead of returning when idle
	go func() {
		line, err := r.lr.Prompt(prompt)
		done <- result{line, err}
		returned.Store(true)
		release() // wakes the loop, which then sees returned
	}()
	for !returned.Load() {
		err := js.RunUntil(ctx, returned.Load)
		if ctx.Err() != nil {
			release()
			return "", ctx.Err()
		}
		var interrupted *engine.InterruptError
		switch {
		case err == nil && !returned.Load():
			// The Ref keeps the loop alive, so only process.exit(0) in a callback ends a run early; the
			// engine reports that as success.
			release()
			return "", &engine.ExitError{Code: 0}
		case err == nil, errors.As(err, &interrupted):
			// The prompt returned, or an interrupt meant for an evaluation that had just ended came late.
		case r.reportBackground(err):
		default:
			release()
			return "", err // process.exit(n) in a callback, or the runtime was closed
		}
	}
	res := <-done
	return res.line, res.err
}

// reportBackground prints an error that JavaScript raised outside an evaluation (in a timer, a listener, a
// promise nobody handled), as node prints "Uncaught ...", and a Go panic a binding let escape. It reports
// whether err was such an error; anything else ends the console.
func (r *REPL) reportBackground(err error) bool {
	var script *engine.ScriptError
	var panicked *eventloop.PanicError
	switch {
	case errors.As(err, &script):
		fmt.Fprintln(r.stderr, script.Text)
	case errors.As(err, &panicked):
		fmt.Fprintln(r.stderr, "Uncaught "+panicked.Error())
	default:
		return false
	}
	return true
}

// isCommandLine reports whether a line is a dot command: a dot followed by a letter (".5 + 1" is JavaScript).
func isCommandLine(line string) bool {
	t := strings.TrimSpace(line)
	return len(t) > 1 && t[0] == '.' && (t[1] >= 'a' && t[1] <= 'z' || t[1] >= 'A' && t[1] <= 'Z')
}

// width is the terminal width used for tables.
func (r *REPL) width() int {
	if r.opts.Width != nil {
		if w := r.opts.Width(); w > 0 {
			return w
		}
	}
	return 120
}

// plural formats a count with a noun.
func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return strconv.Itoa(n) + " " + noun + "s"
}

// elapsed formats a duration for people: 850ms, 1.2s, 2m05s.
func elapsed(d time.Duration) string {
	switch {
	case d < time.Second:
		return strconv.FormatInt(d.Milliseconds(), 10) + "ms"
	case d < time.Minute:
		return strconv.FormatFloat(d.Seconds(), 'f', 1, 64) + "s"
	}
	return fmt.Sprintf("%dm%02ds", int(d.Minutes()), int(d.Seconds())%60)
}
