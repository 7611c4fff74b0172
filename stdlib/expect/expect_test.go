package expect

import (
	"strings"
	"testing"

	"github.com/dop251/goja"
)

func newVM(t *testing.T) (*goja.Runtime, *Expect) {
	t.Helper()
	vm := goja.New()
	e, err := Install(vm)
	if err != nil {
		t.Fatal(err)
	}
	_, err = vm.RunString(`class Thing { constructor(a) { this.a = a } }`)
	if err != nil {
		t.Fatal(err)
	}
	return vm, e
}

// Every matcher, used where it must pass.
var passing = []string{
	`expect(1).toBe(1)`,
	`expect(NaN).toBe(NaN)`,
	`expect(10n).toBe(10n)`,
	`expect('a').not.toBe('b')`,
	`expect({}).not.toBe({})`,
	`expect({ a: 1, b: [1, 2, { c: 3n }] }).toEqual({ a: 1, b: [1, 2, { c: 3n }] })`,
	`expect({ a: 1, b: undefined }).toEqual({ a: 1 })`,
	`expect(new Uint8Array([1, 2, 255])).toEqual(new Uint8Array([1, 2, 255]))`,
	`expect(new Uint8Array([1, 2])).not.toEqual(new Uint8Array([1, 3]))`,
	`expect(new Uint8Array([1])).not.toEqual([1])`,
	`expect(1n).not.toEqual(1)`,
	`expect(new Thing(1)).toEqual({ a: 1 })`,
	`expect(new Date(5)).toEqual(new Date(5))`,
	`expect(new Map([[1, { x: 1 }]])).toEqual(new Map([[1, { x: 1 }]]))`,
	`expect(new Set([1, { y: 2 }])).toEqual(new Set([{ y: 2 }, 1]))`,
	`expect(/a/g).toEqual(/a/g)`,
	`expect({ a: 1 }).toStrictEqual({ a: 1 })`,
	`expect({ a: 1, b: undefined }).not.toStrictEqual({ a: 1 })`,
	`expect(new Thing(1)).not.toStrictEqual({ a: 1 })`,
	`expect([, 1]).not.toStrictEqual([undefined, 1])`,
	`expect([, 1]).toEqual([undefined, 1])`,
	`expect(1).toBeTruthy()`, `expect(0).not.toBeTruthy()`,
	`expect('').toBeFalsy()`, `expect('x').not.toBeFalsy()`,
	`expect(null).toBeNull()`, `expect(undefined).not.toBeNull()`,
	`expect(undefined).toBeUndefined()`, `expect(null).not.toBeUndefined()`,
	`expect(0).toBeDefined()`, `expect(undefined).not.toBeDefined()`,
	`expect('hello world').toContain('lo w')`, `expect([1, 2, 3]).toContain(2)`, `expect([{}]).not.toContain({})`,
	`expect(new Set(['x'])).toContain('x')`, `expect([NaN]).toContain(NaN)`,
	`expect([{ a: 1 }]).toContainEqual({ a: 1 })`,
	`expect('STFC_CONNECTION').toMatch(/^STFC_/)`, `expect('abc').toMatch('b')`, `expect('abc').not.toMatch(/z/)`,
	`expect([1, 2]).toHaveLength(2)`, `expect('abc').not.toHaveLength(2)`,
	`expect({ a: { b: [{ c: 5 }] } }).toHaveProperty('a.b[0].c', 5)`,
	`expect({ a: { b: 1 } }).toHaveProperty(['a', 'b'])`,
	`expect({ a: 1 }).not.toHaveProperty('b')`,
	`expect({ a: 1 }).not.toHaveProperty('a', 2)`,
	`expect(2).toBeGreaterThan(1)`, `expect(2n).toBeGreaterThan(1n)`, `expect(1).not.toBeGreaterThan(1)`,
	`expect(1).toBeLessThan(2)`, `expect(2).not.toBeLessThan(2)`,
	`expect(0.1 + 0.2).toBeCloseTo(0.3)`, `expect(0.1).not.toBeCloseTo(0.2)`, `expect(1.2345).toBeCloseTo(1.23, 2)`,
	`expect(() => { throw new TypeError('bad thing') }).toThrow()`,
	`expect(() => { throw new TypeError('bad thing') }).toThrow('bad')`,
	`expect(() => { throw new TypeError('bad thing') }).toThrow(/thing$/)`,
	`expect(() => { throw new TypeError('bad thing') }).toThrow(TypeError)`,
	`expect(() => { throw new TypeError('bad thing') }).toThrow(new Error('bad thing'))`,
	`expect(() => {}).not.toThrow()`,
	`expect(() => { throw new Error('x') }).not.toThrow(TypeError)`,
	`expect(new Thing(1)).toBeInstanceOf(Thing)`, `expect({}).not.toBeInstanceOf(Thing)`,
	`expect({ a: 1, b: 'x' }).toEqual({ a: expect.any(Number), b: expect.anything() })`,
	`expect({ a: 1, b: 2 }).toEqual(expect.objectContaining({ a: 1 }))`,
	`expect(['a', 'b']).toEqual(expect.arrayContaining(['b']))`,
	`expect('hello').toEqual(expect.stringMatching(/ell/))`,
	`(() => { const o = { a: 1 }; o.self = o; const p = { a: 1 }; p.self = p; expect(o).toEqual(p) })()`,
	`expect(NaN).toBeNaN()`, `expect(1).not.toBeNaN()`,
	`expect([{ a: 1 }]).not.toContainEqual({ a: 2 })`,
	`expect(2).toBeGreaterThanOrEqual(2)`, `expect(1).not.toBeGreaterThanOrEqual(2)`,
	`expect(2).toBeLessThanOrEqual(2)`, `expect(3).not.toBeLessThanOrEqual(2)`,
	`expect(() => { throw new Error('x') }).toThrowError('x')`,
}

// Every matcher, used where it must fail, with a piece of the message.
var failing = []struct{ code, message string }{
	{`expect(1).toBe(2)`, "Expected: 2\nReceived: 1"},
	{`expect({ a: 1 }).toBe({ a: 1 })`, `replace "toBe" with "toStrictEqual"`},
	{`expect(1).not.toBe(1)`, "Expected: not 1"},
	{`expect({ a: 1, b: 2 }).toEqual({ a: 1, b: 3 })`, "  {\n    a: 1,\n-   b: 3,\n+   b: 2,\n  }"},
	{`expect(1n).toEqual(1)`, "Expected: 1\nReceived: 1n"},
	{`expect(new Uint8Array([1, 2])).toEqual(new Uint8Array([1, 3]))`, "- Expected"},
	{`expect({ a: 1 }).not.toEqual({ a: 1 })`, "Expected: not"},
	{`expect({ a: 1, b: undefined }).toStrictEqual({ a: 1 })`, "toStrictEqual"},
	{`expect(new Thing(1)).toStrictEqual({ a: 1 })`, "Thing"},
	{`expect(0).toBeTruthy()`, "Received: 0"},
	{`expect(1).toBeFalsy()`, "Received: 1"},
	{`expect(0).toBeNull()`, "Received: 0"},
	{`expect(null).toBeUndefined()`, "Received: null"},
	{`expect(undefined).toBeDefined()`, "Received: undefined"},
	{`expect([1, 2]).toContain(3)`, "Expected value: 3"},
	{`expect('abc').not.toContain('b')`, "Expected value: not 'b'"},
	{`expect('abc').toMatch(/z/)`, "Expected pattern: /z/"},
	{`expect([1]).toHaveLength(2)`, "Expected length: 2\nReceived length: 1"},
	{`expect({ a: { b: 1 } }).toHaveProperty('a.c')`, "Expected path: 'a.c'"},
	{`expect({ a: 1 }).toHaveProperty('a', 2)`, "Expected: 2\nReceived: 1"},
	{`expect(1).toBeGreaterThan(2)`, "Expected: > 2"},
	{`expect(3).toBeLessThan(2)`, "Expected: < 2"},
	{`expect(0.1).toBeCloseTo(0.2)`, "Expected precision:    2"},
	{`expect(() => {}).toThrow()`, "Received function did not throw"},
	{`expect(() => { throw new Error('boom') }).toThrow('bang')`, "Expected substring: 'bang'"},
	{`expect(() => { throw new Error('boom') }).not.toThrow()`, "Received error: Error: boom"},
	{`expect({}).toBeInstanceOf(Thing)`, "Expected constructor: Thing"},
	{`expect('text').toEqual('line1\nline2')`, "- line1\n- line2\n+ text"},
	{`expect('a\nb\nc').toEqual('a\nx\nc')`, "- x\n+ b"},
	{`expect(1).toBeNaN()`, "Received: 1"},
	{`expect([{ a: 1 }]).toContainEqual({ a: 2 })`, "Expected value: { a: 2 }"},
	{`expect(1).toBeGreaterThanOrEqual(2)`, "Expected: >= 2"},
	{`expect(3).toBeLessThanOrEqual(2)`, "Expected: <= 2"},
	{`expect({ a: 1 }).toEqual(expect.objectContaining({ a: 2 }))`, "ObjectContaining { a: 2 }"},
	{`expect(1).toStrictEqual(1n)`, "Expected: 1n\nReceived: 1"},
	{`expect(2).toBeInstanceOf(Number)`, "Received constructor: Number"},
}

func TestMatchersPass(t *testing.T) {
	vm, _ := newVM(t)
	for _, code := range passing {
		if _, err := vm.RunString(code); err != nil {
			t.Errorf("%s\nshould pass, failed with:\n%v", code, err)
		}
	}
}

func TestMatchersFail(t *testing.T) {
	vm, e := newVM(t)
	for _, tc := range failing {
		_, err := vm.RunString(tc.code)
		var ex *goja.Exception
		if err == nil {
			t.Errorf("%s: should fail, passed", tc.code)
			continue
		}
		if !errAs(err, &ex) || !e.IsAssertionError(ex.Value()) {
			t.Errorf("%s: should fail with an AssertionError, got %v", tc.code, err)
			continue
		}
		msg := ex.Value().ToObject(vm).Get("message").String()
		if !strings.Contains(msg, tc.message) {
			t.Errorf("%s: message lacks %q:\n%s", tc.code, tc.message, msg)
		}
	}
}

func errAs(err error, ex **goja.Exception) bool {
	e, ok := err.(*goja.Exception)
	*ex = e
	return ok
}

func TestResolvesRejects(t *testing.T) {
	vm, _ := newVM(t)
	_, err := vm.RunString(`
		var log = [];
		function settle(p, name) { p.then(() => log.push(name + ': pass'), (e) => log.push(name + ': ' + e.name + ': ' + e.message.split('\n')[0] + ' | ' + e.message.split('\n').slice(2).join(' | '))) }
		settle(expect(Promise.resolve(5)).resolves.toBe(5), 'a');
		settle(expect(Promise.reject(new Error('no'))).rejects.toThrow('no'), 'b');
		settle(expect(Promise.resolve(5)).resolves.not.toBe(6), 'c');
		settle(expect(Promise.resolve(5)).resolves.toBe(6), 'd');
		settle(expect(Promise.resolve(5)).rejects.toThrow(), 'e');
		settle(expect(Promise.reject(new Error('no'))).resolves.toBe(1), 'f');
		settle(expect(Promise.reject({ code: 'X' })).rejects.toEqual({ code: 'X' }), 'g');
	`)
	if err != nil {
		t.Fatal(err)
	}
	got := vm.Get("log").Export().([]any)
	want := map[string]string{
		"a": "a: pass", "b": "b: pass", "c": "c: pass", "g": "g: pass",
		"d": "d: AssertionError: expect(received).resolves.toBe(expected) // Object.is equality | Expected: 6 | Received: 5",
		"e": "e: AssertionError: expect(received).rejects.toThrow(expected) | Received promise resolved instead of rejected | Resolved to value: 5",
		"f": "f: AssertionError: expect(received).resolves.toBe(expected) | Received promise rejected instead of resolved | Rejected to value: Error: no",
	}
	if len(got) != len(want) {
		t.Fatalf("settled %d of %d: %v", len(got), len(want), got)
	}
	for _, g := range got {
		line := g.(string)
		if w := want[line[:1]]; line != w {
			t.Errorf("got  %s\nwant %s", line, w)
		}
	}
}

func TestAssertionCount(t *testing.T) {
	vm, e := newVM(t)
	e.StartTest()
	if _, err := vm.RunString(`expect.assertions(2); expect(1).toBe(1)`); err != nil {
		t.Fatal(err)
	}
	if msg := e.Verify(); !strings.Contains(msg, "expected 2 assertion(s) to be called but received 1") {
		t.Errorf("Verify = %q", msg)
	}
	e.StartTest()
	if msg := e.Verify(); msg != "" {
		t.Errorf("after StartTest, Verify = %q", msg)
	}
}

func TestExtend(t *testing.T) {
	vm, _ := newVM(t)
	_, err := vm.RunString(`
		expect.extend({ toBeEven(received) { return { pass: received % 2 === 0, message: () => 'expected ' + received + ' to be even' } } });
		expect(2).toBeEven(); expect(3).not.toBeEven();
		expect(3).toBeEven();`)
	if err == nil || !strings.Contains(err.Error(), "expected 3 to be even") {
		t.Fatalf("custom matcher: %v", err)
	}
}

func TestDiff(t *testing.T) {
	got := Diff("{\n  a: 1,\n  b: 2\n}", "{\n  a: 1,\n  b: 3,\n  c: 4\n}")
	want := "- Expected  - 1\n+ Received  + 2\n\n  {\n    a: 1,\n-   b: 2\n+   b: 3,\n+   c: 4\n  }"
	if got != want {
		t.Errorf("Diff:\n%s\nwant:\n%s", got, want)
	}
	if got := Diff("same", "same"); got != "- Expected  - 0\n+ Received  + 0\n\n  same" {
		t.Errorf("Diff of equal texts: %q", got)
	}
}
