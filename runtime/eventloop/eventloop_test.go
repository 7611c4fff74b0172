package eventloop_test

import (
	"context"
	"errors"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/dop251/goja"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wsrfc/wsrfc/runtime/eventloop"
	"github.com/wsrfc/wsrfc/stdlib/timers"
)

// newLoop gives a loop with timers, a log(...) that records lines, and goAsync(value, ms) that returns a promise
// resolved from another goroutine after ms milliseconds.
func newLoop(t testing.TB) (*eventloop.Loop, *[]string) {
	vm := goja.New()
	l := eventloop.New(vm)
	timers.Install(l)
	var lines []string
	require.NoError(t, vm.Set("log", func(call goja.FunctionCall) goja.Value {
		parts := make([]string, len(call.Arguments))
		for i, a := range call.Arguments {
			parts[i] = a.String()
		}
		lines = append(lines, strings.Join(parts, " "))
		return goja.Undefined()
	}))
	require.NoError(t, vm.Set("goAsync", func(call goja.FunctionCall) goja.Value {
		value := call.Argument(0).Export()
		delay := time.Duration(call.Argument(1).ToInteger()) * time.Millisecond
		p, resolve, _ := l.NewPromise()
		go func() {
			time.Sleep(delay)
			resolve(value)
		}()
		return vm.ToValue(p)
	}))
	require.NoError(t, vm.Set("goReject", func(call goja.FunctionCall) goja.Value {
		msg := call.Argument(0).String()
		p, _, reject := l.NewPromise()
		go reject(errors.New(msg))
		return vm.ToValue(p)
	}))
	return l, &lines
}

func runJS(l *eventloop.Loop, src string) error {
	return l.Run(context.Background(), func() error {
		_, err := l.VM().RunString(src)
		return err
	})
}

func TestAwaitPromiseResolvedFromGoroutine(t *testing.T) {
	l, lines := newLoop(t)
	err := runJS(l, `
		(async () => {
			log('start');
			const v = await goAsync('done', 20);
			log('got', v);
		})();
		log('sync end');`)
	require.NoError(t, err)
	// Run returned only after the goroutine settled the promise.
	assert.Equal(t, []string{"start", "sync end", "got done"}, *lines)
}

func TestGoValuesAndProducers(t *testing.T) {
	l, lines := newLoop(t)
	vm := l.VM()
	require.NoError(t, vm.Set("make", func(goja.FunctionCall) goja.Value {
		p, resolve, _ := l.NewPromise()
		go resolve(func(vm *goja.Runtime) goja.Value {
			obj := vm.NewObject()
			_ = obj.Set("built", "on loop")
			return obj
		})
		return vm.ToValue(p)
	}))
	require.NoError(t, runJS(l, `
		make().then(o => log(o.built));
		goReject('bad input').catch(e => log(e instanceof Error, e.message));`))
	assert.ElementsMatch(t, []string{"on loop", "true bad input"}, *lines)
}

func TestUnhandledRejection(t *testing.T) {
	l, _ := newLoop(t)
	err := runJS(l, `Promise.reject(new TypeError('nobody catches me'))`)
	var uncaught *eventloop.UncaughtError
	require.ErrorAs(t, err, &uncaught)
	assert.True(t, uncaught.InPromise)
	assert.Equal(t, "Uncaught (in promise) TypeError: nobody catches me", err.Error())

	err = runJS(l, `(async () => { await goAsync(1, 1); throw 'late'; })()`)
	require.ErrorAs(t, err, &uncaught)
	assert.Equal(t, `Uncaught (in promise) 'late'`, err.Error())
}

func TestRejectionHandledInTimeIsNotReported(t *testing.T) {
	l, lines := newLoop(t)
	require.NoError(t, runJS(l, `
		const p = Promise.reject(new Error('x'));
		Promise.resolve().then(() => p.catch(e => log('caught', e.message)));`))
	assert.Equal(t, []string{"caught x"}, *lines)
}

func TestTimersOrder(t *testing.T) {
	l, lines := newLoop(t)
	require.NoError(t, runJS(l, `
		setTimeout(() => log('t20'), 20);
		setTimeout(() => log('t0'), 0);
		setTimeout(() => log('t1'), 1);
		setTimeout((a, b) => log('args', a, b), 5, 'x', 'y');
		const cancelled = setTimeout(() => log('never'), 2);
		clearTimeout(cancelled);
		let n = 0;
		const iv = setInterval(() => { log('tick', ++n); if (n === 3) clearInterval(iv); }, 2);
		queueMicrotask(() => log('micro'));
		Promise.resolve().then(() => log('then'));
		log('sync');`))
	assert.Equal(t, []string{"sync", "micro", "then", "t0", "t1"}, (*lines)[:5])
	assert.Equal(t, "t20", (*lines)[len(*lines)-1])
	assert.NotContains(t, *lines, "never")
	assert.Contains(t, *lines, "args x y")
	assert.Contains(t, *lines, "tick 3")
	assert.NotContains(t, *lines, "tick 4")
}

func TestTimerCallbackMustBeFunction(t *testing.T) {
	l, _ := newLoop(t)
	err := runJS(l, `setTimeout('code', 1)`)
	require.Error(t, err)
	assert.Contains(t, err.Error(), `The "callback" argument must be of type function. Received type string ("code")`)
}

func TestExceptionInTimerEndsRun(t *testing.T) {
	l, lines := newLoop(t)
	err := runJS(l, `
		setTimeout(() => { throw new Error('in timer'); }, 1);
		setTimeout(() => log('later'), 30);`)
	var ex *goja.Exception
	require.ErrorAs(t, err, &ex)
	assert.Contains(t, ex.Error(), "in timer")
	assert.Empty(t, *lines)
}

func TestExceptionInMicrotaskEndsRun(t *testing.T) {
	l, _ := newLoop(t)
	err := runJS(l, `queueMicrotask(() => { throw new Error('in microtask'); })`)
	var uncaught *eventloop.UncaughtError
	require.ErrorAs(t, err, &uncaught)
	assert.False(t, uncaught.InPromise)
	assert.Equal(t, "Uncaught Error: in microtask", err.Error())
}

func TestRunOnLoopDoesNotKeepAlive(t *testing.T) {
	l, lines := newLoop(t)
	require.NoError(t, runJS(l, `log('run 1')`))
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		assert.True(t, l.RunOnLoop(func(vm *goja.Runtime) error {
			_, err := vm.RunString(`log('pushed')`)
			return err
		}))
	}()
	wg.Wait()
	// The push waits for the next run instead of being lost.
	require.NoError(t, runJS(l, `log('run 2')`))
	assert.Equal(t, []string{"run 1", "run 2", "pushed"}, *lines)

	l.Close()
	assert.False(t, l.RunOnLoop(func(*goja.Runtime) error { return nil }))
	assert.ErrorIs(t, runJS(l, `1`), eventloop.ErrClosed)
}

func TestRefKeepsAlive(t *testing.T) {
	l, lines := newLoop(t)
	release := l.Ref()
	go func() {
		time.Sleep(10 * time.Millisecond)
		l.RunOnLoop(func(vm *goja.Runtime) error {
			_, err := vm.RunString(`log('event')`)
			return err
		})
		time.Sleep(10 * time.Millisecond)
		release()
	}()
	require.NoError(t, runJS(l, ``))
	assert.Equal(t, []string{"event"}, *lines)
}

func TestCancelInterruptsAndRuntimeStaysUsable(t *testing.T) {
	l, lines := newLoop(t)
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Millisecond)
	defer cancel()
	err := l.Run(ctx, func() error {
		_, err := l.VM().RunString(`for (;;) {}`)
		return err
	})
	require.ErrorIs(t, err, context.DeadlineExceeded)

	// Cancelled while waiting for Go work, too. The work is still outstanding afterwards (a binding would
	// cancel it through its context); once it settles, the next run completes.
	release := make(chan struct{})
	require.NoError(t, l.VM().Set("goWait", func(goja.FunctionCall) goja.Value {
		p, resolve, _ := l.NewPromise()
		go func() {
			<-release
			resolve(nil)
		}()
		return l.VM().ToValue(p)
	}))
	ctx2, cancel2 := context.WithTimeout(context.Background(), 20*time.Millisecond)
	defer cancel2()
	err = l.Run(ctx2, func() error {
		_, err := l.VM().RunString(`goWait()`)
		return err
	})
	require.ErrorIs(t, err, context.DeadlineExceeded)
	close(release)

	require.NoError(t, runJS(l, `log('still works')`))
	assert.Equal(t, []string{"still works"}, *lines)
}

func TestAbort(t *testing.T) {
	l, lines := newLoop(t)
	stop := errors.New("stop requested")
	require.NoError(t, l.VM().Set("stopNow", func(goja.FunctionCall) goja.Value {
		l.Abort(stop)
		return goja.Undefined()
	}))
	err := runJS(l, `
		setTimeout(() => log('never'), 1);
		try { stopNow(); log('not reached'); } finally { log('finally skipped'); }`)
	require.ErrorIs(t, err, stop)
	assert.Empty(t, *lines)
	assert.False(t, l.Abort(stop), "abort while idle is ignored")
}

func TestGoPanicBecomesError(t *testing.T) {
	l, _ := newLoop(t)
	err := l.Run(context.Background(), func() error {
		enqueue := l.RegisterCallback()
		go enqueue(func() error { panic("boom") })
		return nil
	})
	var panicErr *eventloop.PanicError
	require.ErrorAs(t, err, &panicErr)
	assert.Equal(t, "boom", panicErr.Value)

	// In a native function the panic becomes a catchable JS error.
	vm := l.VM()
	require.NoError(t, vm.Set("explode", func(goja.FunctionCall) goja.Value {
		defer eventloop.ThrowOnPanic(vm)
		var m map[string]int
		m["x"] = 1
		return goja.Undefined()
	}))
	require.NoError(t, runJS(l, `try { explode(); } catch (e) { if (!/internal error/.test(e.message)) throw e; }`))
}

func TestNestedRunIsRefused(t *testing.T) {
	l, _ := newLoop(t)
	err := l.Run(context.Background(), func() error {
		return l.Run(context.Background(), nil)
	})
	require.Error(t, err)
	assert.Contains(t, err.Error(), "cannot be nested")
}

func TestRunUntil(t *testing.T) {
	l, _ := newLoop(t)
	// As a REPL does: evaluate, then pump only until the result settles, although a long timer is pending.
	v, err := l.VM().RunString(`globalThis.slow = setTimeout(() => {}, 5000); new Promise(r => setTimeout(() => r(1), 5))`)
	require.NoError(t, err)
	p := v.Export().(*goja.Promise)
	start := time.Now()
	require.NoError(t, l.RunUntil(context.Background(), func() bool { return p.State() != goja.PromiseStatePending }))
	assert.Equal(t, goja.PromiseStateFulfilled, p.State())
	assert.Less(t, time.Since(start), 2*time.Second)
	require.NoError(t, runJS(l, `clearTimeout(slow)`))
}

func TestConcurrentResolvers(t *testing.T) {
	l, lines := newLoop(t)
	require.NoError(t, runJS(l, `
		(async () => {
			const all = [];
			for (let i = 0; i < 200; i++) all.push(goAsync(i, i % 3));
			const values = await Promise.all(all);
			log(values.reduce((a, b) => a + b, 0));
		})();`))
	assert.Equal(t, []string{"19900"}, *lines)
}

func BenchmarkAwaitRoundTrip(b *testing.B) {
	l, _ := newLoop(b)
	vm := l.VM()
	require.NoError(b, vm.Set("goNow", func(goja.FunctionCall) goja.Value {
		p, resolve, _ := l.NewPromise()
		go resolve(1)
		return vm.ToValue(p)
	}))
	require.NoError(b, vm.Set("N", b.N))
	b.ResetTimer()
	require.NoError(b, runJS(l, `(async () => { for (let i = 0; i < N; i++) await goNow(); })()`))
}
