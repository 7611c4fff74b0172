package console_test

import (
	"bytes"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/dop251/goja"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wsrfc/wsrfc/stdlib/console"
)

func setup(t *testing.T) (*goja.Runtime, *console.Console, *bytes.Buffer, *bytes.Buffer) {
	t.Helper()
	vm := goja.New()
	var stdout, stderr bytes.Buffer
	c := console.Install(vm, &stdout, &stderr, false)
	return vm, c, &stdout, &stderr
}

func run(t *testing.T, vm *goja.Runtime, src string) {
	t.Helper()
	_, err := vm.RunScript("test.js", src)
	require.NoError(t, err)
}

func TestLogLevels(t *testing.T) {
	vm, _, stdout, stderr := setup(t)
	run(t, vm, `
		console.log('log', { a: 1 });
		console.info('info');
		console.debug('debug %d', 5);
		console.error('error', [1]);
		console.warn('warn');`)
	assert.Equal(t, "log { a: 1 }\ninfo\ndebug 5\n", stdout.String())
	assert.Equal(t, "error [ 1 ]\nwarn\n", stderr.String())
}

func TestDir(t *testing.T) {
	vm, _, stdout, _ := setup(t)
	run(t, vm, `
		const deep = { a: { b: { c: { d: {} } } } };
		console.dir(deep);
		console.dir(deep, { depth: 0 });
		console.dir(deep, { depth: null });
		console.dir('text');`)
	assert.Equal(t, "{ a: { b: { c: [Object] } } }\n{ a: [Object] }\n{\n  a: { b: { c: { d: {} } } }\n}\n'text'\n", stdout.String())
}

func TestTable(t *testing.T) {
	vm, _, stdout, _ := setup(t)
	run(t, vm, `
		console.table([{ NAME: 'RFC_PING', GROUP: 'SRFC' }, { NAME: 'STFC_CONNECTION', GROUP: 'SRFC' }]);
		console.table([{ a: 1, b: 2 }], ['b']);
		console.table(42);`)
	assert.Equal(t, strings.Join([]string{
		"┌─────────┬───────────────────┬────────┐",
		"│ (index) │ NAME              │ GROUP  │",
		"├─────────┼───────────────────┼────────┤",
		"│ 0       │ 'RFC_PING'        │ 'SRFC' │",
		"│ 1       │ 'STFC_CONNECTION' │ 'SRFC' │",
		"└─────────┴───────────────────┴────────┘",
		"┌─────────┬───┐",
		"│ (index) │ b │",
		"├─────────┼───┤",
		"│ 0       │ 2 │",
		"└─────────┴───┘",
		"42",
		"",
	}, "\n"), stdout.String())

	_, err := vm.RunString(`console.table([], 'b')`)
	require.Error(t, err)
}

func TestTime(t *testing.T) {
	vm, c, stdout, stderr := setup(t)
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	c.Now = func() time.Time { return now }
	run(t, vm, `console.time(); console.time('rfc')`)
	now = now.Add(1234567 * time.Nanosecond)
	run(t, vm, `console.timeLog('rfc', 'halfway', { n: 1 }); console.timeEnd()`)
	now = now.Add(1500 * time.Millisecond)
	run(t, vm, `console.timeEnd('rfc'); console.timeEnd('rfc'); console.time('x'); console.time('x')`)
	now = now.Add(62 * time.Second)
	run(t, vm, `console.timeEnd('x')`)
	assert.Equal(t, "rfc: 1.235ms halfway { n: 1 }\ndefault: 1.235ms\nrfc: 1.501s\nx: 1:02.000 (m:ss.mmm)\n", stdout.String())
	assert.Equal(t, "Warning: No such label 'rfc' for console.timeEnd()\nWarning: Label 'x' already exists for console.time()\n", stderr.String())
}

func TestAssertCountGroup(t *testing.T) {
	vm, _, stdout, stderr := setup(t)
	run(t, vm, `
		console.assert(true, 'not printed');
		console.assert(false, 'expected %s', 'this');
		console.assert(0, { a: 1 });
		console.assert(false);
		console.count(); console.count(); console.count('rfc');
		console.countReset(); console.count();
		console.countReset('nope');
		console.group('Level 1');
		console.log('inside\nmultiline');
		console.group();
		console.log('deeper');
		console.groupEnd();
		console.groupEnd();
		console.groupEnd();
		console.log('outside');`)
	assert.Equal(t, "Assertion failed: expected this\nAssertion failed: { a: 1 }\nAssertion failed\nWarning: Count for 'nope' does not exist\n", stderr.String())
	assert.Equal(t, "default: 1\ndefault: 2\nrfc: 1\ndefault: 1\nLevel 1\n  inside\n  multiline\n    deeper\noutside\n", stdout.String())
}

func TestTrace(t *testing.T) {
	vm, _, _, stderr := setup(t)
	run(t, vm, "function outer() {\n  console.trace('here %d', 1);\n}\nouter();")
	assert.Equal(t, "Trace: here 1\n    at outer (test.js:2:16)\n    at test.js:4:6\n", stderr.String())
}

func TestColors(t *testing.T) {
	vm := goja.New()
	var stdout bytes.Buffer
	console.Install(vm, &stdout, &stdout, true)
	run(t, vm, `console.log('text', 1, 'str', [true])`)
	assert.Equal(t, "text \x1b[33m1\x1b[39m str [ \x1b[33mtrue\x1b[39m ]\n", stdout.String())
}

// lineWriter fails the test if a Write does not end with a newline, i.e. if a message was split.
type lineWriter struct {
	mu    sync.Mutex
	t     *testing.T
	lines int
}

func (w *lineWriter) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if !bytes.HasSuffix(p, []byte("\n")) {
		w.t.Errorf("partial write %q", p)
	}
	w.lines += bytes.Count(p, []byte("\n"))
	return len(p), nil
}

func TestOneWritePerMessage(t *testing.T) {
	vm := goja.New()
	w := &lineWriter{t: t}
	console.Install(vm, w, w, false)
	run(t, vm, `console.log({ a: 'x'.repeat(100), b: [1, 2, 3] }); console.error('e1', 'e2')`)
	assert.Equal(t, 5, w.lines)
}
