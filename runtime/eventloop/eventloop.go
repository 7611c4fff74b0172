// Package eventloop runs the callbacks, timers and promise settlements of one goja runtime on a single goroutine
// and keeps running while Go-side work that will call back into JavaScript is still outstanding.
package eventloop

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/dop251/goja"
)

// ErrClosed is returned by Run and RunUntil after Close.
var ErrClosed = errors.New("event loop is closed")

// Loop owns a *goja.Runtime. Only the goroutine inside Run or RunUntil may touch the runtime;
// every other goroutine hands work over with an enqueue function, RunOnLoop or a promise resolver.
type Loop struct {
	vm *goja.Runtime

	// mu guards the fields that other goroutines touch.
	mu       sync.Mutex
	queue    []func() error
	reserved int // RegisterCallback slots whose enqueue has not been called yet
	refs     int // Ref holders
	running  bool
	closed   bool
	abortErr error
	wakeup   chan struct{}

	// Only the loop goroutine touches these.
	timers      timerQueue
	timerByID   map[int64]*timer
	lastTimerID int64
	unhandled   []*goja.Promise
	wakeTimer   *time.Timer
}

// New creates a loop for vm and installs the promise rejection tracker it needs.
func New(vm *goja.Runtime) *Loop {
	l := &Loop{
		vm:        vm,
		wakeup:    make(chan struct{}, 1),
		timerByID: map[int64]*timer{},
	}
	vm.SetPromiseRejectionTracker(l.trackRejection)
	return l
}

// VM returns the runtime this loop drives. Use it only on the loop goroutine.
func (l *Loop) VM() *goja.Runtime { return l.vm }

// RegisterCallback reserves a slot that keeps the loop alive until the returned enqueue is called.
// It must be called on the loop goroutine. enqueue may be called from any goroutine; only its first call counts.
// The queued func runs on the loop goroutine; an error it returns ends Run with that error.
func (l *Loop) RegisterCallback() (enqueue func(func() error)) {
	l.mu.Lock()
	l.reserved++
	l.mu.Unlock()
	var once sync.Once
	return func(fn func() error) {
		once.Do(func() {
			l.mu.Lock()
			l.reserved--
			if !l.closed {
				l.queue = append(l.queue, fn)
			}
			l.mu.Unlock()
			l.wake()
		})
	}
}

// NewPromise creates a pending promise that keeps the loop alive until it settles.
// It must be called on the loop goroutine. resolve and reject may be called from any goroutine; only the first call
// of either counts. A value passed to them may be:
//   - a func(*goja.Runtime) goja.Value, run on the loop goroutine to build the value (Go goroutines must never
//     touch the runtime, so build objects this way);
//   - a goja.Value created on the loop goroutine;
//   - an error, which becomes a JavaScript Error (GoError) whose message is err.Error();
//   - any other Go value, converted with vm.ToValue on the loop goroutine.
func (l *Loop) NewPromise() (p *goja.Promise, resolve func(any), reject func(any)) {
	p, resolveJS, rejectJS := l.vm.NewPromise()
	enqueue := l.RegisterCallback()
	settle := func(fn func(any) error, v any) {
		enqueue(func() error { return fn(l.jsValue(v)) })
	}
	return p, func(v any) { settle(resolveJS, v) }, func(v any) { settle(rejectJS, v) }
}

func (l *Loop) jsValue(v any) goja.Value {
	switch x := v.(type) {
	case nil:
		return goja.Undefined()
	case func(*goja.Runtime) goja.Value:
		return x(l.vm)
	case goja.Value:
		return x
	case error:
		return l.vm.NewGoError(x)
	default:
		return l.vm.ToValue(x)
	}
}

// RunOnLoop schedules fn on the loop goroutine from any goroutine. Unlike RegisterCallback it does not keep
// an idle loop alive before it is called, which suits event sources such as server pushes to a listener.
// If no Run is active, fn waits for the next one. It returns false once the loop is closed.
func (l *Loop) RunOnLoop(fn func(*goja.Runtime) error) bool {
	l.mu.Lock()
	if l.closed {
		l.mu.Unlock()
		return false
	}
	l.queue = append(l.queue, func() error { return fn(l.vm) })
	l.mu.Unlock()
	l.wake()
	return true
}

// Ref keeps the loop alive until the returned release is called (from any goroutine, at most once counts),
// for long-lived event sources that should hold a script open, such as an active subscription.
func (l *Loop) Ref() (release func()) {
	l.mu.Lock()
	l.refs++
	l.mu.Unlock()
	var once sync.Once
	return func() {
		once.Do(func() {
			l.mu.Lock()
			l.refs--
			l.mu.Unlock()
			l.wake()
		})
	}
}

// Pending counts the work that keeps the loop alive: timers, reserved callbacks (such as promises a Go call
// will settle), refs and queued callbacks. A test runner compares it before and after a test to warn about
// work the test left running. Call it on the loop goroutine or while no run is active.
func (l *Loop) Pending() int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.reserved + l.refs + len(l.queue) + l.timers.Len()
}

// Abort ends the active Run or RunUntil with err as soon as possible: running JavaScript is interrupted and no
// further callbacks run. It may be called from any goroutine. The first abort of a run wins. It reports whether a
// run was active; an abort while the loop is idle is ignored, so that a stale abort cannot hit the next run.
func (l *Loop) Abort(err error) bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	if !l.running {
		return false
	}
	if l.abortErr == nil {
		l.abortErr = err
		l.vm.Interrupt(err)
	}
	select {
	case l.wakeup <- struct{}{}:
	default:
	}
	return true
}

// Close stops accepting work: RunOnLoop returns false, pending enqueues are dropped and an active run is aborted.
func (l *Loop) Close() {
	l.Abort(ErrClosed)
	l.mu.Lock()
	l.closed = true
	l.queue = nil
	l.mu.Unlock()
}

// Run calls first on the calling goroutine, which becomes the loop goroutine, then runs queued callbacks and timers
// until nothing is pending (no reservations, refs, queued callbacks or timers) and returns nil.
// It returns early with the first error: an error returned by first or a callback, a JavaScript exception,
// an unhandled promise rejection (*UncaughtError), the error given to Abort, or ctx's error (wrapped) when ctx is
// cancelled. When it returns, the runtime's interrupt flag is cleared so the runtime can be used again.
func (l *Loop) Run(ctx context.Context, first func() error) error {
	return l.run(ctx, first, nil)
}

// RunUntil runs the loop like Run (without a first function) but returns nil as soon as done reports true,
// which lets a REPL wait for one promise while later work stays queued for the next run.
func (l *Loop) RunUntil(ctx context.Context, done func() bool) error {
	return l.run(ctx, nil, done)
}

func (l *Loop) run(ctx context.Context, first func() error, done func() bool) (err error) {
	l.mu.Lock()
	switch {
	case l.closed:
		l.mu.Unlock()
		return ErrClosed
	case l.running:
		l.mu.Unlock()
		return errors.New("event loop is already running: Run and RunUntil cannot be nested")
	}
	l.running = true
	l.abortErr = nil
	l.mu.Unlock()
	l.vm.ClearInterrupt()
	l.unhandled = nil // rejections left by an earlier, failed run belong to it

	fired := make(chan struct{})
	stop := context.AfterFunc(ctx, func() {
		defer close(fired)
		l.Abort(fmt.Errorf("script stopped: %w", context.Cause(ctx)))
	})
	defer func() {
		if !stop() {
			<-fired // a late abort must land in this run, not in the next one
		}
		l.mu.Lock()
		l.running = false
		if aborted := l.abortErr; aborted != nil {
			err = aborted
		}
		l.abortErr = nil
		l.mu.Unlock()
		// Safe now: no Abort can interrupt after running was cleared.
		l.vm.ClearInterrupt()
	}()

	if first != nil {
		if err := l.call(first); err != nil {
			return err
		}
		if err := l.takeUnhandledRejection(); err != nil {
			return err
		}
	}
	return l.pump(ctx, done)
}

func (l *Loop) pump(ctx context.Context, done func() bool) error {
	for {
		if done != nil && done() {
			return nil
		}
		if l.aborted() {
			return nil // the deferred code in run reports the abort error
		}
		// Fire the timers due now; timers they schedule are due later, so this ends and queued work is not starved.
		now := time.Now()
		for t := l.timers.peek(); t != nil && !t.when.After(now); t = l.timers.peek() {
			if err := l.fireTimer(t); err != nil {
				return err
			}
			if l.aborted() || (done != nil && done()) {
				return nil
			}
		}

		l.mu.Lock()
		batch := l.queue
		l.queue = nil
		alive := l.reserved > 0 || l.refs > 0
		l.mu.Unlock()

		if len(batch) > 0 {
			for i, fn := range batch {
				if l.aborted() {
					l.requeue(batch[i:])
					return nil
				}
				err := l.call(fn)
				if err == nil {
					err = l.takeUnhandledRejection()
				}
				if err != nil {
					l.requeue(batch[i+1:])
					return err
				}
				if done != nil && done() {
					l.requeue(batch[i+1:])
					return nil
				}
			}
			continue
		}
		if !alive && l.timers.Len() == 0 {
			return nil
		}

		var timerC <-chan time.Time
		if t := l.timers.peek(); t != nil {
			timerC = l.resetWakeTimer(time.Until(t.when))
		}
		select {
		case <-l.wakeup:
		case <-timerC:
		case <-ctx.Done():
			// The AfterFunc in run aborts with the cause; wait for that on the next turn.
			l.Abort(fmt.Errorf("script stopped: %w", context.Cause(ctx)))
		}
	}
}

// requeue puts callbacks that were taken but not run back in front, so that a later run still settles them.
func (l *Loop) requeue(rest []func() error) {
	if len(rest) == 0 {
		return
	}
	l.mu.Lock()
	l.queue = append(append([]func() error(nil), rest...), l.queue...)
	l.mu.Unlock()
}

func (l *Loop) aborted() bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.abortErr != nil
}

func (l *Loop) wake() {
	select {
	case l.wakeup <- struct{}{}:
	default:
	}
}

func (l *Loop) resetWakeTimer(d time.Duration) <-chan time.Time {
	if l.wakeTimer == nil {
		l.wakeTimer = time.NewTimer(d)
	} else {
		l.wakeTimer.Reset(d)
	}
	return l.wakeTimer.C
}

// call runs fn and turns a Go panic that escaped the runtime into an error, so a bug in a binding ends the
// script with a message instead of crashing the process.
func (l *Loop) call(fn func() error) (err error) {
	defer func() {
		if x := recover(); x != nil {
			err = &PanicError{Value: x}
		}
	}()
	return fn()
}

// trackRejection is called by goja on the loop goroutine.
func (l *Loop) trackRejection(p *goja.Promise, op goja.PromiseRejectionOperation) {
	switch op {
	case goja.PromiseRejectionReject:
		l.unhandled = append(l.unhandled, p)
	case goja.PromiseRejectionHandle:
		for i, q := range l.unhandled {
			if q == p {
				l.unhandled = append(l.unhandled[:i], l.unhandled[i+1:]...)
				break
			}
		}
	}
}

// takeUnhandledRejection runs after a callback and its promise jobs: a rejection that still has no handler
// by then is reported, as node does by default.
func (l *Loop) takeUnhandledRejection() error {
	if len(l.unhandled) == 0 {
		return nil
	}
	p := l.unhandled[0]
	l.unhandled = nil
	return NewUncaughtError(l.vm, p.Result(), true)
}
