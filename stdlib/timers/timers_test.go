package timers_test

import (
	"context"
	"strings"
	"testing"

	"github.com/dop251/goja"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wsrfc/wsrfc/runtime/eventloop"
	"github.com/wsrfc/wsrfc/stdlib/timers"
)

// run runs src on a loop with the timers and a log(...) that records lines,
// until nothing is pending; it returns the lines and the run's error.
func run(t *testing.T, src string) ([]string, error) {
	t.Helper()
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
	err := l.Run(context.Background(), func() error {
		_, err := vm.RunString(src)
		return err
	})
	return lines, err
}

func TestDelaysNodeRefusesBecomeOneMillisecond(t *testing.T) {
	// node's TIMEOUT_MAX is 2^31-1 ms; a longer, negative or unreadable delay
	// fires after 1 ms instead of never, so all of these come before 'last'.
	lines, err := run(t, `
		setTimeout(() => log('last'), 200);
		setTimeout(() => log('too long'), 2 ** 31);
		setTimeout(() => log('negative'), -5);
		setTimeout(() => log('not a number'), 'soon');
		setTimeout(() => log('none'));`)
	require.NoError(t, err)
	require.Len(t, lines, 5)
	assert.ElementsMatch(t, []string{"too long", "negative", "not a number", "none"}, lines[:4])
	assert.Equal(t, "last", lines[4])
}

func TestTimerIdsAreNumbersClearedByEitherFunction(t *testing.T) {
	lines, err := run(t, `
		const a = setTimeout(() => log('timeout'), 5);
		const b = setInterval(() => log('interval'), 5);
		log(typeof a, typeof b, a !== b);
		clearInterval(a);
		clearTimeout(b);
		clearTimeout('not an id'); clearTimeout(undefined); clearTimeout({});`)
	require.NoError(t, err)
	assert.Equal(t, []string{"number number true"}, lines)
}

func TestIntervalRepeatsUntilCleared(t *testing.T) {
	lines, err := run(t, `
		let n = 0;
		const iv = setInterval((step) => { n += step; log(n); if (n >= 6) clearInterval(iv); }, 1, 2);`)
	require.NoError(t, err)
	assert.Equal(t, []string{"2", "4", "6"}, lines)
}

func TestCallbacksMustBeFunctions(t *testing.T) {
	for src, received := range map[string]string{
		`setTimeout(null, 1)`:       "Received null",
		`setInterval(undefined)`:    "Received undefined",
		`setTimeout(42n)`:           "Received type bigint (42n)",
		`setTimeout({}, 1)`:         "Received an object",
		`setInterval(7)`:            "Received type number (7)",
		`queueMicrotask('log(1)')`:  "Received string",
		`queueMicrotask(undefined)`: "Received undefined",
	} {
		_, err := run(t, src)
		require.Error(t, err, src)
		assert.Contains(t, err.Error(), `The "callback" argument must be of type function. `+received, src)
		assert.Contains(t, err.Error(), "TypeError", src)
	}
}

func TestMicrotasksRunBeforeTimersInOrderWithPromiseJobs(t *testing.T) {
	lines, err := run(t, `
		setTimeout(() => log('timer'), 0);
		queueMicrotask(() => log('micro 1'));
		Promise.resolve().then(() => log('promise'));
		queueMicrotask(() => log('micro 2'));
		log('sync');`)
	require.NoError(t, err)
	assert.Equal(t, []string{"sync", "micro 1", "promise", "micro 2", "timer"}, lines)
}

func TestAnExceptionInAMicrotaskEndsTheRunAsUncaught(t *testing.T) {
	lines, err := run(t, `
		queueMicrotask(() => { throw new RangeError('in microtask'); });
		setTimeout(() => log('after'), 50);`)
	require.Error(t, err)
	var uncaught *eventloop.UncaughtError
	require.ErrorAs(t, err, &uncaught, "a thrown microtask is reported, not turned into a rejected promise")
	assert.Contains(t, err.Error(), "in microtask")
	assert.Empty(t, lines)
}

func TestReplacedPromiseThenDoesNotBreakQueueMicrotask(t *testing.T) {
	lines, err := run(t, `
		Promise.prototype.then = function () { log('user then'); };
		queueMicrotask(() => log('micro'));`)
	require.NoError(t, err)
	assert.Equal(t, []string{"micro"}, lines)
}
