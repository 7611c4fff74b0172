package inspect

import (
	"os"
	"strings"
	"testing"

	"github.com/dop251/goja"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func run(t *testing.T, vm *goja.Runtime, src string) goja.Value {
	t.Helper()
	v, err := vm.RunString(src)
	require.NoError(t, err)
	return v
}

// TestGolden compares Format with what node 20 printed for the same values (testdata/cases.golden).
func TestGolden(t *testing.T) {
	src, err := os.ReadFile("testdata/cases.js")
	require.NoError(t, err)
	golden, err := os.ReadFile("testdata/cases.golden")
	require.NoError(t, err)
	want := map[string]string{}
	for _, section := range strings.Split(string(golden), "### ")[1:] {
		name, body, _ := strings.Cut(section, "\n")
		want[name] = strings.TrimSuffix(body, "\n")
	}

	vm := goja.New()
	cases := run(t, vm, string(src)+"\ncases").(*goja.Object)
	for _, name := range cases.Keys() {
		t.Run(name, func(t *testing.T) {
			expected, ok := want[name]
			require.True(t, ok, "no golden output for %s", name)
			assert.Equal(t, expected, Format(vm, cases.Get(name), Options{}))
		})
	}
}

func TestOptions(t *testing.T) {
	vm := goja.New()
	v := run(t, vm, `({ a: { b: { c: { d: { e: 1 } } } }, list: [1, 2, 3, 4, 5] })`)
	assert.Equal(t, "{ a: [Object], list: [Array] }", Format(vm, v, Options{Depth: DepthTopLevel}))
	assert.Equal(t, "[Object]", Format(vm, v, Options{Depth: DepthNone}))
	assert.Equal(t, "{\n  a: {\n    b: { c: { d: { e: 1 } } }\n  },\n  list: [ 1, 2, 3, 4, 5 ]\n}", Format(vm, v, Options{Depth: Unlimited}))
	assert.Equal(t, "{ a: { b: { c: [Object] } }, list: [ 1, 2, ... 3 more items ] }", Format(vm, v, Options{MaxArrayLength: 2}))
	assert.Equal(t, "{\n  a: {\n    b: {\n      c: [Object]\n    }\n  },\n  list: [\n    1,\n    2,\n    3,\n    4,\n    5\n  ]\n}",
		Format(vm, v, Options{Compact: -1}))
	assert.Equal(t, "'abc'... 3 more characters", Format(vm, vm.ToValue("abcdef"), Options{MaxStringLength: 3}))
	assert.Equal(t, "{\n  a: { b: { c: [Object] } },\n  list: [ 1, 2, 3, 4, 5 ]\n}", Format(vm, v, Options{BreakLength: 40}))
}

func TestColors(t *testing.T) {
	vm := goja.New()
	v := run(t, vm, `({ n: 1, s: 'x', u: undefined, z: null, b: true, d: new Date(0), r: /x/, f() {} })`)
	assert.Equal(t, "{\n  n: \x1b[33m1\x1b[39m,\n  s: \x1b[32m'x'\x1b[39m,\n  u: \x1b[90mundefined\x1b[39m,\n"+
		"  z: \x1b[1mnull\x1b[22m,\n  b: \x1b[33mtrue\x1b[39m,\n  d: \x1b[35m1970-01-01T00:00:00.000Z\x1b[39m,\n"+
		"  r: \x1b[31m/x/\x1b[39m,\n  f: \x1b[36m[Function: f]\x1b[39m\n}", Format(vm, v, Options{Colors: true}))
}

func TestNeverCallsUserCode(t *testing.T) {
	vm := goja.New()
	v := run(t, vm, `
		globalThis.calls = 0;
		class Foo { get lazy() { calls++; return 1; } toString() { calls++; return 'x'; } }
		const o = new Foo();
		Object.defineProperty(o, 'own', { get() { calls++; return 2; }, enumerable: true });
		o.proxy = new Proxy({ a: 1 }, { ownKeys() { calls++; return []; }, get() { calls++; } });
		o`)
	assert.Equal(t, "Foo { own: [Getter], proxy: { a: 1 } }", Format(vm, v, Options{}))
	assert.Equal(t, int64(0), run(t, vm, "calls").ToInteger())
}

func TestBuiltinsReplacedLater(t *testing.T) {
	vm := goja.New()
	require.NoError(t, Prepare(vm))
	run(t, vm, `Object.keys = () => { throw new Error('replaced'); }; Array.prototype.push = null;`)
	assert.Equal(t, "{ a: [ 1 ] }", Format(vm, run(t, vm, `({ a: [1] })`), Options{}))
}

func TestGoValues(t *testing.T) {
	vm := goja.New()
	// A Go map has no key order, so a map of several keys would make this test flaky.
	assert.Equal(t, "{ name: { list: [ 1, 2 ] } }", Format(vm, vm.ToValue(map[string]any{"name": map[string]any{"list": []any{1, 2}}}), Options{}))
	type user struct {
		Name string
		List []int
	}
	assert.Equal(t, "{ Name: 'x', List: [ 1, 2 ] }", Format(vm, vm.ToValue(&user{"x", []int{1, 2}}), Options{}))
}

func TestGojaStacks(t *testing.T) {
	vm := goja.New()
	_, err := vm.RunScript("t.js", "function foo() { throw new Error('boom'); }\nfoo();")
	require.Error(t, err)
	got := Format(vm, err.(*goja.Exception).Value(), Options{})
	assert.Equal(t, "Error: boom\n    at foo (t.js:1:24)\n    at t.js:2:4", got)

	v := run(t, vm, `({ e: (() => { const e = new Error('nested'); e.code = 'C'; return e; })() })`)
	assert.Equal(t, "{\n  e: Error: nested\n      at <eval>:1:26\n      at <eval>:1:73 {\n    code: 'C'\n  }\n}", Format(vm, v, Options{}))
}

func TestCleanStack(t *testing.T) {
	in := "Error: x\n\tat f (a.js:1:2(3))\n\tat a.js:4:5(6)\n\tat g (native)\n\tat github.com/x/sap.(*Client).Call (native)\n"
	assert.Equal(t, "Error: x\n    at f (a.js:1:2)\n    at a.js:4:5\n    at g (native)\n    at sap.(*Client).Call (native)", CleanStack(in))
	var long strings.Builder
	long.WriteString("RangeError: deep")
	for range 20 {
		long.WriteString("\n\tat f (a.js:1:2(3))")
	}
	assert.Equal(t, 1+MaxStackFrames, strings.Count(CleanStack(long.String()), "\n")+1)
}

func TestFormatArgs(t *testing.T) {
	vm := goja.New()
	args := func(src string) []goja.Value {
		var out []goja.Value
		arr := run(t, vm, src).(*goja.Object)
		for _, k := range arr.Keys() {
			out = append(out, arr.Get(k))
		}
		return out
	}
	// Expected strings come from node 20's util.format.
	assert.Equal(t, `str|42|42|1.5|{"a":[1]}|{ b: 1 }|{ c: 1 }|%||%x`,
		FormatArgs(vm, args(`['%s|%d|%i|%f|%j|%o|%O|%%|%c|%x', 'str', '42', '42.9', '1.5x', {a:[1]}, {b:1}, {c:1}, 'css']`), false))
	assert.Equal(t, "a 1 b { x: 'y' }", FormatArgs(vm, args(`['a', 1, 'b', {x:'y'}]`), false))
	assert.Equal(t, "{ a: [Object] } [ 1, 2 ]", FormatArgs(vm, args(`['%s', {a:{b:{c:1}}}, [1,2]]`), false))
	assert.Equal(t, "Symbol(x) 12n extra", FormatArgs(vm, args(`['%s %s', Symbol('x'), 12n, 'extra']`), false))
	assert.Equal(t, "12n", FormatArgs(vm, args(`['%d', 12n]`), false))
	assert.Equal(t, "-0", FormatArgs(vm, args(`['%s', -0]`), false))
	assert.Equal(t, "100%", FormatArgs(vm, args(`['100%']`), false))
	assert.Equal(t, "% 1", FormatArgs(vm, args(`['%', 1]`), false))
	assert.Equal(t, "%s", FormatArgs(vm, args(`['%s']`), false))
	assert.Equal(t, "[Circular]", FormatArgs(vm, args(`(() => { const a = {}; a.a = a; return ['%j', a]; })()`), false))
	assert.Equal(t, "1 \x1b[33m2\x1b[39m", FormatArgs(vm, args(`['1', 2]`), true))
}

func TestTable(t *testing.T) {
	vm := goja.New()
	table := func(src string, columns []string) string {
		return Table(vm, run(t, vm, src), columns)
	}
	// Expected tables come from node 20's console.table.
	assert.Equal(t, strings.Join([]string{
		"┌─────────┬───────┬─────────────┬───────┐",
		"│ (index) │ MANDT │ BNAME       │ USTYP │",
		"├─────────┼───────┼─────────────┼───────┤",
		"│ 0       │ '001' │ 'DEVELOPER' │ 'A'   │",
		"│ 1       │ '001' │ 'SAP*'      │ 'S'   │",
		"└─────────┴───────┴─────────────┴───────┘",
	}, "\n"), table(`[{ MANDT: '001', BNAME: 'DEVELOPER', USTYP: 'A' }, { MANDT: '001', BNAME: 'SAP*', USTYP: 'S' }]`, nil))

	assert.Equal(t, strings.Join([]string{
		"┌─────────┬───┬──────────────────────────────┬──────────┬────────┐",
		"│ (index) │ a │ b                            │ c        │ Values │",
		"├─────────┼───┼──────────────────────────────┼──────────┼────────┤",
		"│ 0       │ 1 │ [ 1, 2, 3, ... 1 more item ] │          │        │",
		"│ 1       │   │                              │ [Object] │        │",
		"│ 2       │   │                              │          │ 5      │",
		"└─────────┴───┴──────────────────────────────┴──────────┴────────┘",
	}, "\n"), table(`[{ a: 1, b: [1, 2, 3, 4] }, { c: { x: 1, y: 2, z: 3 } }, 5]`, nil))

	assert.Equal(t, strings.Join([]string{
		"┌─────────┬─────┐",
		"│ (index) │ b   │",
		"├─────────┼─────┤",
		"│ x       │ 'y' │",
		"│ z       │     │",
		"└─────────┴─────┘",
	}, "\n"), table(`({ x: { a: 1, b: 'y' }, z: 3 })`, []string{"b"}))

	assert.Equal(t, strings.Join([]string{
		"┌───────────────────┬─────┬────────┐",
		"│ (iteration index) │ Key │ Values │",
		"├───────────────────┼─────┼────────┤",
		"│ 0                 │ 'a' │ 1      │",
		"└───────────────────┴─────┴────────┘",
	}, "\n"), table(`new Map([['a', 1]])`, nil))

	assert.Equal(t, strings.Join([]string{
		"┌───────────────────┬────────┐",
		"│ (iteration index) │ Values │",
		"├───────────────────┼────────┤",
		"│ 0                 │ 'q'    │",
		"│ 1                 │ 2      │",
		"└───────────────────┴────────┘",
	}, "\n"), table(`new Set(['q', 2])`, nil))

	assert.Equal(t, strings.Join([]string{
		"┌─────────┬───┬───┐",
		"│ (index) │ 0 │ 1 │",
		"├─────────┼───┼───┤",
		"│ 0       │ 1 │ 2 │",
		"│ 1       │ 3 │   │",
		"└─────────┴───┴───┘",
	}, "\n"), table(`[[1, 2], [3]]`, nil))

	assert.Equal(t, strings.Join([]string{
		"┌─────────┬─────────┬────────┐",
		"│ (index) │ name    │ jp     │",
		"├─────────┼─────────┼────────┤",
		"│ 0       │ 'Grüße' │ '日本' │",
		"└─────────┴─────────┴────────┘",
	}, "\n"), table(`[{ name: 'Grüße', jp: '日本' }]`, nil))

	assert.Equal(t, "hello", table(`'hello'`, nil))
}

func TestPropertiesReadNoGetters(t *testing.T) {
	vm := goja.New()
	require.NoError(t, Prepare(vm))
	_, err := vm.RunString(`var hits = 0; var o = Object.create({ inherited: 1 }, { own: { value: 2, enumerable: true }, g: { get() { hits++; return 3 } } })`)
	require.NoError(t, err)
	o := vm.Get("o")
	assert.Equal(t, int64(2), DataProperty(vm, o, "own").Export())
	assert.Equal(t, int64(1), DataProperty(vm, o, "inherited").Export())
	assert.Nil(t, DataProperty(vm, o, "g"))
	assert.Subset(t, MemberNames(vm, o, true), []string{"own", "g", "inherited", "hasOwnProperty"})
	assert.NotContains(t, MemberNames(vm, o, false), "hasOwnProperty")
	assert.Equal(t, int64(0), vm.Get("hits").Export())
	assert.Equal(t, int64(3), DataProperty(vm, vm.ToValue("abc"), "length").Export())
}
