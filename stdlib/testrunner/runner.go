// Package testrunner runs jest-style JavaScript test files (describe, it,
// hooks, expect) in one wsrfc runtime, so that every file shares the global
// sap and its one stateful SAP session, and reports the results as a
// terminal report, TAP 14 or JUnit XML.
package testrunner

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"time"

	"github.com/dop251/goja"

	"github.com/wsrfc/wsrfc/runtime/engine"
	"github.com/wsrfc/wsrfc/stdlib/expect"
)

// DefaultTestTimeout is how long a test or hook may take unless its own
// timeout or Options.TestTimeout says otherwise (jest's default).
const DefaultTestTimeout = 5 * time.Second

// Options configure a run.
type Options struct {
	// TestTimeout bounds each test, hook and file load; 0 means DefaultTestTimeout.
	TestTimeout time.Duration
	// Grep selects tests whose full name matches (describe titles and the
	// test's joined by " > " or by spaces); the others are left out entirely.
	Grep *regexp.Regexp
	// Bail stops the run after the first failure.
	Bail bool
	// Reporter receives the results as they happen; nil reports nothing.
	Reporter Reporter
}

// Runner runs test files in one runtime. Create it with New before the first
// run of the runtime, since it defines the test globals.
type Runner struct {
	rt     *engine.Runtime
	opts   Options
	expect *expect.Expect
	cwd    string

	current *suite     // the suite that describe/it add to while a file loads; nil otherwise
	file    *fileState // the file being loaded or run
	summary *Summary
	bailed  bool
}

// New installs describe, it, test, the hooks and expect as globals of rt.
// It must be called on the goroutine that runs rt.
func New(rt *engine.Runtime, opts Options) (*Runner, error) {
	if opts.TestTimeout <= 0 {
		opts.TestTimeout = DefaultTestTimeout
	}
	if opts.Reporter == nil {
		opts.Reporter = Multi()
	}
	cwd, _ := os.Getwd()
	r := &Runner{rt: rt, opts: opts, cwd: cwd}
	e, err := expect.Install(rt.VM)
	if err != nil {
		return nil, err
	}
	r.expect = e
	if err := r.installGlobals(); err != nil {
		return nil, fmt.Errorf("testrunner: %w", err)
	}
	return r, nil
}

// Run runs the files in order and reports them. The error is not about tests
// (their failures are in the summary) but about the run itself: it was
// interrupted, or a script called process.exit; the summary then holds what
// ran until then.
func (r *Runner) Run(ctx context.Context, files []string) (*Summary, error) {
	r.summary = &Summary{Start: time.Now()}
	r.opts.Reporter.RunStart(files)
	var fatal error
	for _, f := range files {
		if r.bailed {
			break
		}
		fr, err := r.runFile(ctx, f)
		r.summary.add(fr)
		r.opts.Reporter.FileDone(fr)
		if err != nil {
			fatal = err
			break
		}
	}
	if fatal == nil && r.summary.Passed+r.summary.Failed+r.summary.Skipped == 0 {
		if r.opts.Grep != nil {
			r.opts.Reporter.Warning("", fmt.Sprintf("no test matched --grep %s", r.opts.Grep))
		} else {
			r.opts.Reporter.Warning("", "the test files declare no tests (it or test)")
		}
	}
	if n := r.rt.Loop.Pending(); n > 0 {
		r.summary.Abandoned = n
		r.opts.Reporter.Warning("", fmt.Sprintf("%d timer(s) or call(s) were still pending when the run ended; they were abandoned, not awaited", n))
	}
	r.summary.Bailed = r.bailed
	r.summary.Duration = time.Since(r.summary.Start)
	if err := r.opts.Reporter.RunDone(r.summary); err != nil && fatal == nil {
		fatal = err
	}
	return r.summary, fatal
}

// fileState is what the runner keeps about the file in progress.
type fileState struct {
	path    string // as shown: relative to the working directory when below it
	result  *FileResult
	hasOnly bool
}

func (r *Runner) runFile(ctx context.Context, path string) (*FileResult, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		abs = path
	}
	fs := &fileState{path: r.display(abs)}
	fs.result = &FileResult{File: fs.path, Start: time.Now()}
	r.file = fs
	defer func() { r.file = nil }()
	r.opts.Reporter.FileStart(fs.path)

	root := &suite{}
	r.current = root
	failure, err := r.step(ctx, stepInfo{what: "file load", timeout: r.opts.TestTimeout, defined: fs.path,
		advice: "is its top-level code waiting for something? (or raise --timeout-test)"},
		func(goja.Value) (goja.Value, error) { return r.rt.Require(r.requirePath(abs)) })
	r.current = nil
	if err != nil {
		return r.finishFile(fs), err
	}
	if failure != nil {
		failure.Message = "Test file failed to load: " + failure.Message
		fs.result.LoadError = failure
		r.noteFailure()
		return r.finishFile(fs), nil
	}
	fs.hasOnly = root.containsOnly()
	err = r.runSuite(ctx, root, false)
	return r.finishFile(fs), err
}

func (r *Runner) finishFile(fs *fileState) *FileResult {
	fs.result.Duration = time.Since(fs.result.Start)
	return fs.result
}

// requirePath names a test file for require(): relative to the working
// directory ("./x.test.js", "../other/x.test.js"), from where the runtime
// resolves paths that no module asks for.
func (r *Runner) requirePath(abs string) string {
	rel, err := filepath.Rel(r.cwd, abs)
	if err != nil || r.cwd == "" {
		return abs
	}
	if !strings.HasPrefix(rel, "..") {
		rel = "." + string(filepath.Separator) + rel
	}
	return filepath.ToSlash(rel)
}

// display shows a path relative to the working directory when it lies below it.
func (r *Runner) display(abs string) string {
	if r.cwd != "" {
		if rel, err := filepath.Rel(r.cwd, abs); err == nil && !strings.HasPrefix(rel, "..") {
			return rel
		}
	}
	return abs
}

func (r *Runner) noteFailure() {
	if r.opts.Bail {
		r.bailed = true
	}
}

func (r *Runner) warn(text string) {
	path := ""
	if r.file != nil {
		path = r.file.path
		r.file.result.Warnings = append(r.file.result.Warnings, text)
	}
	r.opts.Reporter.Warning(path, text)
}

// selected reports whether a test passes --grep.
func (r *Runner) selected(t *testCase) bool {
	if r.opts.Grep == nil {
		return true
	}
	titles := append(t.parent.titles(), t.title)
	return r.opts.Grep.MatchString(strings.Join(titles, " > ")) || r.opts.Grep.MatchString(strings.Join(titles, " "))
}

// plan decides what a test does: run, or be reported as skipped or todo.
func (r *Runner) plan(t *testCase, skipped bool) Status {
	switch {
	case t.mode == modeTodo:
		return Todo
	case skipped || t.mode == modeSkip:
		return Skipped
	case r.file.hasOnly && !t.onlyInPath():
		return Skipped
	}
	return Passed // meaning: to run
}

// runSuite runs a suite's tests and child suites between its beforeAll and
// afterAll hooks. skipped is set inside describe.skip.
func (r *Runner) runSuite(ctx context.Context, s *suite, skipped bool) error {
	skipped = skipped || s.mode == modeSkip
	if !r.hasRunnable(s, skipped) {
		// Nothing runs: report the skips and todos without running any hook.
		r.reportSkips(s, skipped)
		return nil
	}
	var setupFailure *Failure
	for _, h := range s.hooks[beforeAll] {
		f, err := r.runHook(ctx, h, "beforeAll")
		if err != nil {
			return err
		}
		if f != nil {
			f.Message = `"beforeAll" hook failed: ` + f.Message
			setupFailure = f
			break
		}
	}
	var fatal error
	for _, child := range s.children {
		if r.bailed {
			break
		}
		switch c := child.(type) {
		case *testCase:
			if !r.selected(c) {
				continue
			}
			status := r.plan(c, skipped)
			switch {
			case status != Passed:
				r.record(c, status, 0, nil)
			case setupFailure != nil:
				r.record(c, Failed, 0, setupFailure)
			default:
				fatal = r.runTest(ctx, c)
			}
		case *suite:
			if setupFailure != nil {
				r.failAll(c, skipped, setupFailure)
				continue
			}
			fatal = r.runSuite(ctx, c, skipped)
		}
		if fatal != nil {
			return fatal
		}
	}
	// afterAll hooks run even after a failure or --bail: they tidy up (roll back a LUW).
	for _, h := range s.hooks[afterAll] {
		f, err := r.runHook(ctx, h, "afterAll")
		if err != nil {
			return err
		}
		if f != nil {
			res := &TestResult{File: r.file.path, Suites: s.titles(), Name: `"afterAll" hook`, Hook: "afterAll", Status: Failed, Failure: f}
			r.file.result.Tests = append(r.file.result.Tests, res)
			r.opts.Reporter.TestDone(res)
			r.noteFailure()
		}
	}
	return nil
}

// hasRunnable reports whether any selected test below s will run.
func (r *Runner) hasRunnable(s *suite, skipped bool) bool {
	skipped = skipped || s.mode == modeSkip
	for _, child := range s.children {
		switch c := child.(type) {
		case *testCase:
			if r.selected(c) && r.plan(c, skipped) == Passed {
				return true
			}
		case *suite:
			if r.hasRunnable(c, skipped) {
				return true
			}
		}
	}
	return false
}

func (r *Runner) reportSkips(s *suite, skipped bool) {
	skipped = skipped || s.mode == modeSkip
	for _, child := range s.children {
		switch c := child.(type) {
		case *testCase:
			if r.selected(c) {
				status := r.plan(c, skipped)
				if status == Passed { // cannot happen: hasRunnable said no
					status = Skipped
				}
				r.record(c, status, 0, nil)
			}
		case *suite:
			r.reportSkips(c, skipped)
		}
	}
}

// failAll fails the tests of a suite whose enclosing beforeAll failed.
func (r *Runner) failAll(s *suite, skipped bool, f *Failure) {
	skipped = skipped || s.mode == modeSkip
	for _, child := range s.children {
		switch c := child.(type) {
		case *testCase:
			if !r.selected(c) {
				continue
			}
			if status := r.plan(c, skipped); status != Passed {
				r.record(c, status, 0, nil)
			} else {
				r.record(c, Failed, 0, f)
			}
		case *suite:
			r.failAll(c, skipped, f)
		}
	}
}

func (r *Runner) record(t *testCase, status Status, d time.Duration, f *Failure) {
	res := &TestResult{File: r.file.path, Suites: t.parent.titles(), Name: t.title, Status: status, Duration: d, Failure: f}
	r.file.result.Tests = append(r.file.result.Tests, res)
	r.opts.Reporter.TestDone(res)
	if status == Failed {
		r.noteFailure()
	}
}

// runTest runs beforeEach hooks outermost first, the test, then afterEach
// hooks innermost first (they run even when the test failed). The first
// failure is the test's.
func (r *Runner) runTest(ctx context.Context, t *testCase) error {
	r.expect.StartTest()
	pendingBefore := r.rt.Loop.Pending()
	start := time.Now()
	chain := t.parent.chain()
	var failure *Failure
	for _, s := range chain {
		for _, h := range s.hooks[beforeEach] {
			if failure != nil {
				break
			}
			f, err := r.runHook(ctx, h, "beforeEach")
			if err != nil {
				return err
			}
			if f != nil {
				f.Message = `"beforeEach" hook failed: ` + f.Message
				failure = f
			}
		}
	}
	if failure == nil {
		timeout := t.timeout
		if timeout <= 0 {
			timeout = r.opts.TestTimeout
		}
		f, err := r.step(ctx, stepInfo{what: "test", timeout: timeout, defined: t.defined, takesDone: t.takesDone,
			advice: "give it more time with a third argument, it(name, fn, ms), or raise --timeout-test"},
			func(done goja.Value) (goja.Value, error) { return invoke(t.fn, done) })
		if err != nil {
			return err
		}
		failure = f
	}
	for i := len(chain) - 1; i >= 0; i-- {
		for _, h := range chain[i].hooks[afterEach] {
			f, err := r.runHook(ctx, h, "afterEach")
			if err != nil {
				return err
			}
			if f != nil && failure == nil {
				f.Message = `"afterEach" hook failed: ` + f.Message
				failure = f
			}
		}
	}
	if failure == nil {
		if msg := r.expect.Verify(); msg != "" {
			failure = &Failure{Message: msg, Type: "AssertionError", Location: t.defined}
		}
	}
	status := Passed
	if failure != nil {
		status = Failed
	}
	r.record(t, status, time.Since(start), failure)
	if after := r.rt.Loop.Pending(); after > pendingBefore {
		r.warn(fmt.Sprintf("%q left %d timer(s) or call(s) running after it ended; the run goes on without waiting for them (await or clear them in the test)",
			strings.Join(append(t.parent.titles(), t.title), " > "), after-pendingBefore))
	}
	return nil
}

func (r *Runner) runHook(ctx context.Context, h *hook, kind string) (*Failure, error) {
	timeout := h.timeout
	if timeout <= 0 {
		timeout = r.opts.TestTimeout
	}
	return r.step(ctx, stepInfo{what: `"` + kind + `" hook`, timeout: timeout, defined: h.defined, takesDone: h.takesDone,
		advice: "give it more time with a second argument, " + kind + "(fn, ms), or raise --timeout-test"},
		func(done goja.Value) (goja.Value, error) { return invoke(h.fn, done) })
}

// invoke calls a test or hook function, with done as its argument when it takes one.
func invoke(fn goja.Value, done goja.Value) (goja.Value, error) {
	call, _ := goja.AssertFunction(fn)
	if done != nil {
		return call(goja.Undefined(), done)
	}
	return call(goja.Undefined())
}

// stepInfo describes one piece of user code the runner waits for.
type stepInfo struct {
	what      string // "test", `"beforeAll" hook`, "file load"
	timeout   time.Duration
	defined   string // where the code was declared: the fallback location of its failures
	advice    string // how to give it more time
	takesDone bool   // it is called with a done callback and ends when that is called
}

// timeoutError is the cause of a step's context when its time is up.
type timeoutError struct{ step stepInfo }

func (e *timeoutError) Error() string {
	return fmt.Sprintf("Exceeded timeout of %d ms for a %s: %s.", e.step.timeout.Milliseconds(), e.step.what, e.step.advice)
}

// stepState is what one step's callbacks report back; a late settlement after
// a timeout writes to a state nobody reads any more.
type stepState struct {
	done    bool
	failure goja.Value
	failed  bool
}

func (s *stepState) ok() { s.done = true }
func (s *stepState) fail(v goja.Value) {
	if !s.done {
		s.done, s.failed, s.failure = true, true, v
	}
}

// step runs one piece of user code on the loop and waits until it is done:
// at once for synchronous code, when the returned promise settles, or (with
// takesDone) when the code calls done(). It returns the failure of the code,
// or an error when the run itself must stop.
func (r *Runner) step(ctx context.Context, info stepInfo, start func(done goja.Value) (goja.Value, error)) (*Failure, error) {
	st := &stepState{}
	takesDone := info.takesDone
	r.rt.Loop.RunOnLoop(func(vm *goja.Runtime) error {
		var done goja.Value
		if takesDone {
			// jest's older style: the code calls done(), or done(error) to fail.
			done = vm.ToValue(func(c goja.FunctionCall) goja.Value {
				if arg := c.Argument(0); !goja.IsUndefined(arg) && !goja.IsNull(arg) {
					st.fail(arg)
				} else {
					st.ok()
				}
				return goja.Undefined()
			})
		}
		ret, err := start(done)
		if err != nil {
			var ex *goja.Exception
			if errors.As(err, &ex) {
				st.fail(ex.Value())
				return nil
			}
			return err // interrupted (timeout, Ctrl-C, process.exit): the run reports it
		}
		if then := thenOf(ret); then != nil {
			_, err := then(ret,
				vm.ToValue(func(goja.FunctionCall) goja.Value {
					if !takesDone {
						st.ok()
					}
					return goja.Undefined()
				}),
				vm.ToValue(func(c goja.FunctionCall) goja.Value { st.fail(c.Argument(0)); return goja.Undefined() }))
			return err
		}
		if !takesDone {
			st.ok()
		}
		return nil
	})
	stepCtx, cancel := context.WithTimeoutCause(ctx, info.timeout, &timeoutError{step: info})
	defer cancel()
	err := r.rt.RunUntil(stepCtx, func() bool { return st.done })
	var te *timeoutError
	switch {
	case err == nil && st.failed:
		return r.failureOf(st.failure, info.defined), nil
	case err == nil && st.done:
		return nil, nil
	case err == nil:
		msg := "the " + info.what + " returned a promise that never settles: nothing is left pending that could settle it"
		if takesDone {
			msg = "the " + info.what + " takes a done callback but never called it, and nothing is left pending that could"
		}
		return &Failure{Message: msg, Type: "Error", Location: info.defined}, nil
	case errors.As(err, &te):
		return &Failure{Message: te.Error(), Type: "Timeout", Location: info.defined}, nil
	case ctx.Err() != nil:
		return nil, err // the whole run was cancelled
	}
	var script *engine.ScriptError
	if errors.As(err, &script) && script.Value != nil {
		// Thrown in a callback (a timer, an event listener) or an unhandled
		// rejection while this step ran: it is this step's failure.
		f := r.failureOf(script.Value, info.defined)
		f.Message = "Uncaught error while the " + info.what + " ran: " + f.Message
		return f, nil
	}
	return nil, err
}

// thenOf returns the then method of a thenable, or nil.
func thenOf(v goja.Value) goja.Callable {
	o, ok := v.(*goja.Object)
	if !ok {
		return nil
	}
	then, ok := goja.AssertFunction(o.Get("then"))
	if !ok {
		return nil
	}
	return then
}
