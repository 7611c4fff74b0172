// Package engine runs JavaScript programs, one goja runtime per run, with the standard globals (console, timers,
// process, and lazily the web and node ones), CommonJS require, ES modules and TypeScript (through transpile),
// native modules including node's built-ins, an event loop and node-like reporting of uncaught errors.
package engine

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"syscall"

	"github.com/dop251/goja"
	"github.com/dop251/goja_nodejs/require"

	"github.com/wsrfc/wsrfc/internal/lazyre"
	"github.com/wsrfc/wsrfc/runtime/eventloop"
	"github.com/wsrfc/wsrfc/runtime/transpile"
	"github.com/wsrfc/wsrfc/stdlib/console"
	"github.com/wsrfc/wsrfc/stdlib/fs"
	"github.com/wsrfc/wsrfc/stdlib/process"
	"github.com/wsrfc/wsrfc/stdlib/timers"
)

// DefaultMaxCallStackSize bounds JavaScript recursion; without a bound goja grows its stack until memory runs out.
const DefaultMaxCallStackSize = 10000

// Options configure a Runtime.
type Options struct {
	Stdout, Stderr   io.Writer // nil means os.Stdout / os.Stderr
	Stdin            io.Reader // process.stdin and fs.readFileSync(0); nil means os.Stdin
	Colors           bool      // ANSI colours in console output
	Args             []string  // script arguments, process.argv.slice(2)
	ScriptPath       string    // process.argv[1]; "[eval]" when empty
	Env              []string  // "NAME=value" entries for process.env; nil means os.Environ()
	MaxCallStackSize int       // default DefaultMaxCallStackSize

	// NativeModules are the host's modules beside node's built-ins, loaded by require(name) on first use,
	// once per runtime, e.g. "sap". A host that wants one as a global too requires it (Require) after New:
	// the global and require(name) are then the same object.
	NativeModules map[string]func(rt *Runtime) (goja.Value, error)
}

// Runtime is one JavaScript runtime with its event loop. Only the goroutine running it (inside RunFile,
// RunString, Run or RunUntil, or before the first of them) may use VM.
type Runtime struct {
	VM      *goja.Runtime
	Loop    *eventloop.Loop
	Console *console.Console
	Process *process.Process

	opts          Options
	cwd           string
	requireModule *require.RequireModule
	requireFn     *goja.Object
	natives       map[string]goja.Value
	fs            *fs.Module
	attachReject  goja.Callable
	// wrapped maps the files whose code runs inside a function wrapper to the length the wrapper adds in
	// front of their first line, for the columns of stack traces (see tidyStack). Loop goroutine only.
	wrapped map[string]wrapping

	mu      sync.Mutex
	ctx     context.Context
	cancel  context.CancelCauseFunc
	pending *InterruptError // an interrupt that arrived while no run was active
	closed  bool
}

// New creates a runtime with the standard globals installed.
func New(opts Options) (*Runtime, error) {
	if opts.Stdout == nil {
		opts.Stdout = os.Stdout
	}
	if opts.Stderr == nil {
		opts.Stderr = os.Stderr
	}
	if opts.MaxCallStackSize <= 0 {
		opts.MaxCallStackSize = DefaultMaxCallStackSize
	}
	cwd, err := os.Getwd()
	if err != nil {
		return nil, fmt.Errorf("cannot determine the working directory for require(): %w", err)
	}

	vm := goja.New()
	vm.SetMaxCallStackSize(opts.MaxCallStackSize)
	vm.SetFieldNameMapper(fieldNameMapper{})
	r := &Runtime{
		VM:      vm,
		Loop:    eventloop.New(vm),
		opts:    opts,
		cwd:     cwd,
		natives: map[string]goja.Value{},
	}
	r.ctx, r.cancel = context.WithCancelCause(context.Background())

	r.Console = console.Install(vm, opts.Stdout, opts.Stderr, opts.Colors)
	timers.Install(r.Loop)
	scriptPath := opts.ScriptPath
	if scriptPath == "" {
		scriptPath = "[eval]"
	}
	r.Process = process.Install(r.Loop, process.Options{
		Argv:   append([]string{"wsrfc", scriptPath}, opts.Args...),
		Env:    opts.Env,
		Stdout: opts.Stdout,
		Stderr: opts.Stderr,
		Stdin:  opts.Stdin,
	})
	if err := r.installRequire(); err != nil {
		return nil, err
	}
	r.installLazyGlobals()
	attach, err := vm.RunString(`(function (promise, onRejected) { promise.then(undefined, onRejected); })`)
	if err != nil {
		return nil, fmt.Errorf("setting up the runtime: %w", err)
	}
	r.attachReject, _ = goja.AssertFunction(attach)
	return r, nil
}

// Context is cancelled when the current run is interrupted or the runtime is closed. Go work started by
// bindings should watch it, since Interrupt cannot stop a blocking Go call. Call it on the loop goroutine
// when starting such work; after an interrupted run, the next run gets a fresh context.
func (r *Runtime) Context() context.Context {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.ctx
}

// Interrupt stops the running script from any goroutine (Ctrl-C): JavaScript is interrupted, Context is
// cancelled and the run returns an *InterruptError (exit code 130). An interrupt while no run is active
// stops the next run before it starts.
func (r *Runtime) Interrupt(reason any) {
	ie := &InterruptError{Reason: reason}
	r.mu.Lock()
	r.pending = ie
	cancel := r.cancel
	r.mu.Unlock()
	// Interrupt the VM before cancelling the context: a binding whose blocking
	// call returns because of the cancellation then throws into a VM that is
	// already interrupted, so the interrupt wins over that error.
	r.Loop.Abort(ie)
	cancel(ie)
}

// Close ends the runtime: Context is cancelled, an active run is aborted and further runs fail.
func (r *Runtime) Close() {
	r.mu.Lock()
	r.closed = true
	cancel := r.cancel
	r.mu.Unlock()
	cancel(eventloop.ErrClosed)
	r.Loop.Close()
}

// RunFile runs a script file as the CommonJS main module (module, exports, require, __filename and __dirname;
// require resolves relative to the file), then runs the event loop until it is empty. ES modules and TypeScript
// are transpiled first; their top-level await is kept.
func (r *Runtime) RunFile(ctx context.Context, path string) error {
	abs, err := filepath.Abs(path)
	if err != nil {
		return fmt.Errorf("cannot resolve script path %s: %w", path, err)
	}
	src, err := os.ReadFile(abs)
	if err != nil {
		return fmt.Errorf("cannot read script: %w", err)
	}
	return r.Run(ctx, func(*goja.Runtime) error { return r.runMainModule(abs, string(src)) })
}

// RunString runs inline code (wsrfc run -e, or a script read from stdin) named name in stack traces
// ("[eval]" when empty), then runs the event loop until it is empty. Relative require() resolves from the
// working directory.
func (r *Runtime) RunString(ctx context.Context, name, src string) error {
	if name == "" {
		name = "[eval]"
	}
	return r.Run(ctx, func(*goja.Runtime) error { return r.runInline(name, src) })
}

// Run calls fn on the calling goroutine, which becomes the loop goroutine, then runs the event loop until it is
// empty, with the same error handling as RunFile. It is meant for REPLs and tests that evaluate code themselves.
func (r *Runtime) Run(ctx context.Context, fn func(vm *goja.Runtime) error) error {
	return r.run(ctx, func() error { return fn(r.VM) }, nil)
}

// RunUntil runs the event loop until done reports true or nothing is pending, e.g. for a REPL awaiting a promise.
func (r *Runtime) RunUntil(ctx context.Context, done func() bool) error {
	return r.run(ctx, nil, done)
}

func (r *Runtime) run(ctx context.Context, first func() error, done func() bool) error {
	r.mu.Lock()
	if r.closed {
		r.mu.Unlock()
		return errors.New("the JavaScript runtime is closed")
	}
	if ie := r.pending; ie != nil {
		r.pending = nil
		r.mu.Unlock()
		return ie
	}
	if r.ctx.Err() != nil {
		r.ctx, r.cancel = context.WithCancelCause(context.Background())
	}
	cancel := r.cancel
	r.mu.Unlock()

	// Cancelling the caller's context also cancels the context bindings watch.
	fired := make(chan struct{})
	stop := context.AfterFunc(ctx, func() {
		defer close(fired)
		cancel(context.Cause(ctx))
	})
	defer func() {
		if !stop() {
			<-fired
		}
	}()

	takePending := func() error {
		r.mu.Lock()
		defer r.mu.Unlock()
		if ie := r.pending; ie != nil {
			r.pending = nil
			return ie
		}
		return nil
	}
	var err error
	if done != nil {
		err = r.Loop.RunUntil(ctx, done)
	} else {
		err = r.Loop.Run(ctx, func() error {
			// An interrupt that came before the loop was running could not abort it.
			if ie := takePending(); ie != nil {
				return ie
			}
			if first == nil {
				return nil
			}
			return first()
		})
	}
	r.mu.Lock()
	r.pending = nil // handled by the loop's abort, or too late to matter
	r.mu.Unlock()

	var exit *ExitError
	switch {
	case err == nil && done == nil:
		if code := r.Process.ExitCode(); code != 0 {
			return &ExitError{Code: code}
		}
	case errors.As(err, &exit) && exit.Code == 0:
		return nil // process.exit(0) is a successful end
	}
	return r.describeError(err)
}

// runInline runs code as a global script, so that positions on its first line stay exact.
func (r *Runtime) runInline(name, src string) error {
	vm := r.VM
	src = stripHashbang(src)
	if transpile.Needed(name+".js", []byte(src)) {
		return r.runTranspiledMain(name, r.cwd, src)
	}
	module, exports := r.mainModule(name)
	for k, v := range map[string]any{"module": module, "exports": exports, "__filename": name, "__dirname": r.cwd} {
		_ = vm.Set(k, v)
	}

	prg, err := goja.Compile(name, src, false)
	isAsync := false
	if (err != nil && strings.Contains(src, "await")) || AwaitAsName(src) {
		if p, err2 := goja.Compile(name, asyncInlinePrefix+src+asyncSuffix+"()", false); err2 == nil {
			prg, err, isAsync = p, nil, true
			r.noteWrapper(name, len(asyncInlinePrefix), src)
		}
	}
	if err != nil {
		return compileError(err, 0)
	}
	result, err := vm.RunProgram(prg)
	if err != nil {
		return err
	}
	if isAsync {
		return r.reportRejection(result)
	}
	return nil
}

// awaitAsName finds `await` followed by what lets a script parse it as a
// variable: a call, an index or a tagged template.
var awaitAsName = lazyre.New("(^|[^\\w$.])await\\s*[(\\[`]")

// AwaitAsName reports whether src may use await where a script would read it
// as a variable (`await (async () => 5)()` calls a function named await): at
// the top level of a script or a prompt it means top-level await, as in node,
// so such source runs as an async body when it compiles as one.
func AwaitAsName(src string) bool { return awaitAsName().MatchString(src) }

// runMainModule runs a file wrapped like a CommonJS module. If it only compiles as an async function body
// (top-level await), it runs as one, and a rejection ends the run as an uncaught error.
func (r *Runtime) runMainModule(path, src string) error {
	src = stripHashbang(src)
	if transpile.Needed(path, []byte(src)) {
		return r.runTranspiledMain(path, filepath.Dir(path), src)
	}
	prefix := moduleWrapperPrefix
	prg, err := goja.Compile(path, prefix+src+asyncSuffix, false)
	isAsync := false
	if (err != nil && strings.Contains(src, "await")) || AwaitAsName(src) {
		if p, err2 := goja.Compile(path, asyncModulePrefix+src+asyncSuffix, false); err2 == nil {
			prg, err, isAsync, prefix = p, nil, true, asyncModulePrefix
		}
	}
	if err != nil {
		return compileError(err, len(prefix))
	}
	r.noteWrapper(path, len(prefix), src)
	result, err := r.runWrapped(prg, path, filepath.Dir(path))
	if err != nil {
		return err
	}
	if isAsync {
		return r.reportRejection(result)
	}
	return nil
}

// runTranspiledMain runs an ES module or TypeScript entry (a file, or inline code in dir) after esbuild turned it
// into CommonJS. With
// top-level await the module body comes back as a promise through the extra __main parameter.
func (r *Runtime) runTranspiledMain(path, dir, src string) error {
	vm := r.VM
	code, _, err := transpile.Entry(path, []byte(src))
	if err != nil {
		return transpileError(err)
	}
	prg, err := goja.Compile(path, transpiledMainPrefix+code+asyncSuffix, false)
	if err != nil {
		return compileError(err, len(transpiledMainPrefix))
	}
	var rejection error
	main := vm.ToValue(func(call goja.FunctionCall) goja.Value {
		rejection = r.reportRejection(call.Argument(0))
		return goja.Undefined()
	})
	if _, err := r.runWrapped(prg, path, dir, main); err != nil {
		return err
	}
	return rejection
}

// mainModule makes the module object of the main script (require.main) and its exports.
func (r *Runtime) mainModule(filename string) (module, exports *goja.Object) {
	module, exports = r.VM.NewObject(), r.VM.NewObject()
	_ = module.Set("exports", exports)
	_ = module.Set("id", ".")
	_ = module.Set("filename", filename)
	_ = r.requireFn.Set("main", module)
	return module, exports
}

// runWrapped runs the compiled function wrapper of the main module of path and calls it with exports,
// require, module, __filename and __dirname (and extra), returning what the call returns.
func (r *Runtime) runWrapped(prg *goja.Program, path, dir string, extra ...goja.Value) (goja.Value, error) {
	wrapper, err := r.VM.RunProgram(prg)
	if err != nil {
		return nil, err
	}
	fn, _ := goja.AssertFunction(wrapper)
	module, exports := r.mainModule(path)
	args := append([]goja.Value{exports, r.requireFn, module, r.VM.ToValue(path), r.VM.ToValue(dir)}, extra...)
	return fn(exports, args...)
}

// reportRejection makes a rejection of the top-level async body end the run as an uncaught error.
// Attaching through a JavaScript call also runs the promise jobs that are already due.
func (r *Runtime) reportRejection(promise goja.Value) error {
	onRejected := r.VM.ToValue(func(call goja.FunctionCall) goja.Value {
		r.Loop.Abort(eventloop.NewUncaughtError(r.VM, call.Argument(0), false))
		return goja.Undefined()
	})
	_, err := r.attachReject(goja.Undefined(), promise, onRejected)
	return err
}

func stripHashbang(src string) string {
	if strings.HasPrefix(src, "#!") {
		return "//" + src[2:]
	}
	return src
}

// ExitError is returned when the script calls process.exit(code) or ends with a non-zero process.exitCode.
type ExitError = process.ExitError

// InterruptError is returned by a run stopped with Interrupt.
type InterruptError struct{ Reason any }

func (e *InterruptError) Error() string {
	if e.Reason == nil {
		return "script interrupted"
	}
	return fmt.Sprintf("script interrupted: %v", e.Reason)
}

// ExitCode maps a run's error to a process exit code: nil 0, process.exit(n) n, an interrupt or cancelled
// context 130 (as for SIGINT; 128+N for an interrupt whose reason is signal N), anything else 1. Callers map their own error types first.
func ExitCode(err error) int {
	var exit *ExitError
	var interrupt *InterruptError
	switch {
	case err == nil:
		return 0
	case errors.As(err, &exit):
		return exit.Code
	case errors.As(err, &interrupt):
		// A shell reports death by signal N as 128+N: SIGINT 130, SIGTERM 143.
		if sig, ok := interrupt.Reason.(syscall.Signal); ok {
			return 128 + int(sig)
		}
		return 130
	case errors.Is(err, context.Canceled):
		return 130
	}
	return 1
}

// nativeNames lists the native module names for error messages.
func (r *Runtime) nativeNames() string {
	names := make([]string, 0, len(r.opts.NativeModules)+len(builtinModules))
	for name := range r.opts.NativeModules {
		names = append(names, name)
	}
	for name := range builtinModules {
		if _, dup := r.opts.NativeModules[name]; !dup {
			names = append(names, name)
		}
	}
	sort.Strings(names)
	return strings.Join(names, ", ")
}
