package jsvalue_test

import (
	"encoding/json"
	"errors"
	"math/big"
	"strings"
	"testing"
	"time"

	"github.com/dop251/goja"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wsrfc/wsrfc/bindings/jsvalue"
	"github.com/wsrfc/wsrfc/protocol"
)

// js evaluates src with v bound to the name x.
func js(t *testing.T, vm *goja.Runtime, v goja.Value, src string) goja.Value {
	t.Helper()
	require.NoError(t, vm.Set("x", v))
	out, err := vm.RunString(src)
	require.NoError(t, err)
	return out
}

func TestToJSFollowsTheTypeMapping(t *testing.T) {
	vm := goja.New()
	c := jsvalue.New(vm)
	for _, tc := range []struct {
		name string
		typ  *protocol.Type
		in   any
		expr string
		want any
	}{
		{"INT4", protocol.Int4(), int64(-7), "typeof x + ' ' + x", "number -7"},
		{"INT8 up to 2^53-1", protocol.Int8(), int64(1<<53 - 1), "typeof x", "number"},
		{"INT8 past 2^53", protocol.Int8(), int64(1<<53 + 1), "typeof x + ' ' + x", "bigint 9007199254740993"},
		{"negative INT8 past 2^53", protocol.Int8(), int64(-(1<<53 + 1)), "x === -9007199254740993n", true},
		{"DEC as text", protocol.Dec(15, 2), protocol.Decimal("-1.50"), "typeof x + ' ' + x", "string -1.50"},
		{"FLTP", protocol.Float(), 1.5, "x", 1.5},
		{"RAW as Uint8Array", protocol.Raw(2), []byte{0xca, 0xfe}, "x instanceof Uint8Array && x.length === 2 && x[0] === 0xca", true},
		{"null", protocol.String(), nil, "x === null", true},
		{"untyped object", nil, map[string]any{"B": "2", "A": "1"}, "Object.keys(x).join()", "A,B"},
		{"untyped big integer", nil, int64(1 << 60), "typeof x", "bigint"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			assert.Equal(t, tc.want, js(t, vm, c.ToJS(tc.typ, tc.in), tc.expr).Export())
		})
	}
}

func TestToJSKeepsInterfaceOrderOfStructures(t *testing.T) {
	vm := goja.New()
	c := jsvalue.New(vm)
	st := protocol.Struct("S", protocol.F("ZETA", protocol.Char(1)), protocol.F("ALPHA", protocol.Int4()))
	tab := protocol.TableOf("T", st)
	rows := []any{map[string]any{"ALPHA": int64(1), "ZETA": "z"}, map[string]any{"ALPHA": int64(2), "ZETA": "y"}}
	v := c.ToJS(tab, rows)
	assert.Equal(t, "ZETA,ALPHA|2|y", js(t, vm, v, "Object.keys(x[0]).join() + '|' + x[1].ALPHA + '|' + x[1].ZETA").Export())
}

func TestFromJSExportsWhatNormalizeAccepts(t *testing.T) {
	vm := goja.New()
	v, err := vm.RunString(`({ I: 42, F: 1.25, B: 12345678901234567890n, S: 'text', T: true, N: null,
		R: new Uint8Array([1, 2]), D: new Date(Date.UTC(2024, 0, 31)), A: [1, { K: 'v' }] })`)
	require.NoError(t, err)
	got, err := jsvalue.FromJS(v, jsvalue.Limits{})
	require.NoError(t, err)
	m := got.(map[string]any)
	assert.Equal(t, int64(42), m["I"])
	assert.Equal(t, 1.25, m["F"])
	want, _ := new(big.Int).SetString("12345678901234567890", 10)
	assert.Equal(t, want, m["B"])
	assert.Equal(t, "text", m["S"])
	assert.Equal(t, true, m["T"])
	assert.Nil(t, m["N"])
	assert.Equal(t, []byte{1, 2}, m["R"])
	d, ok := m["D"].(time.Time)
	require.True(t, ok, "a Date exports as time.Time, got %T", m["D"])
	assert.Equal(t, "2024-01-31", d.UTC().Format("2006-01-02"))
	assert.Equal(t, []any{int64(1), map[string]any{"K": "v"}}, m["A"])
}

func TestFromJSNamesThePathOfWhatCannotBeSent(t *testing.T) {
	vm := goja.New()
	for _, tc := range []struct{ src, path, reason string }{
		{`var o = { ROWS: [{}] }; o.ROWS[0].SELF = o; o`, "ROWS[0].SELF", "circular"},
		{`({ A: { F() {} } })`, "A.F", "is a function"},
		{`({ S: Symbol('x') })`, "S", "is a Symbol"},
	} {
		v, err := vm.RunString(tc.src)
		require.NoError(t, err)
		_, err = jsvalue.FromJS(v, jsvalue.Limits{})
		var ce *jsvalue.ConversionError
		require.True(t, errors.As(err, &ce), "%s: %v", tc.src, err)
		assert.Equal(t, tc.path, ce.Path, tc.src)
		assert.Contains(t, ce.Error(), tc.reason, tc.src)
		assert.False(t, ce.TooLarge)
	}

	// A value used twice is no cycle.
	v, err := vm.RunString(`var shared = { K: 1 }; ({ A: shared, B: shared })`)
	require.NoError(t, err)
	_, err = jsvalue.FromJS(v, jsvalue.Limits{})
	assert.NoError(t, err)
}

func TestFromJSBoundsDepthAndSize(t *testing.T) {
	vm := goja.New()
	v, err := vm.RunString(`({ A: { B: { C: 1 } } })`)
	require.NoError(t, err)
	_, err = jsvalue.FromJS(v, jsvalue.Limits{MaxDepth: 2})
	assert.NoError(t, err, "C's value is at depth 3, objects only to depth 2")
	_, err = jsvalue.FromJS(v, jsvalue.Limits{MaxDepth: 1})
	var ce *jsvalue.ConversionError
	require.True(t, errors.As(err, &ce))
	assert.Equal(t, "A.B", ce.Path)

	v, err = vm.RunString(`Array.from({ length: 1000 }, (_, i) => ({ TEXT: 'x'.repeat(100) }))`)
	require.NoError(t, err)
	_, err = jsvalue.FromJS(v, jsvalue.Limits{MaxBytes: 10_000})
	require.True(t, errors.As(err, &ce))
	assert.True(t, ce.TooLarge)
	assert.True(t, strings.HasPrefix(ce.Path, "["), "the path names the row where the limit was passed: %q", ce.Path)
	_, err = jsvalue.FromJS(v, jsvalue.Limits{MaxBytes: 1 << 20})
	assert.NoError(t, err)
}

func TestLargeTablesBecomeLazyArraysThatActLikePlainOnes(t *testing.T) {
	st := protocol.Struct("S", protocol.F("K", protocol.Int4()), protocol.F("V", protocol.Char(10)))
	typ := protocol.TableOf("T", st)
	for _, n := range []int{3, jsvalue.LazyRows} {
		vm := goja.New()
		c := jsvalue.New(vm)
		tb := jsvalue.NewTable(typ)
		for i := 0; i < n; i += 2 {
			batch := []any{map[string]any{"K": int64(i), "V": "v"}}
			if i+1 < n {
				batch = append(batch, map[string]any{"K": int64(i + 1), "V": "w"})
			}
			appendMaps(tb, typ, batch)
		}
		require.Equal(t, n, tb.Len())
		v := c.Table(tb)
		got := js(t, vm, v, `
			const r = x[1];
			const same = x[1] === r;
			r.V = 'changed'; r.EXTRA = 1; delete r.K;
			[x.length, same, Object.keys(r).join(), JSON.stringify(x[0]), x[x.length - 1].K, x.map(row => row.K ?? -1).reduce((a, b) => a + b, 0)].join('|')`).Export()
		last := n - 1
		sum := (n-1)*n/2 - 1 - 1 // K of row 1 deleted, counted as -1
		assert.Equal(t, strings.Join([]string{itoa(n), "true", "V,EXTRA", `{"K":0,"V":"v"}`, itoa(last), itoa(sum)}, "|"), got, "%d rows", n)

		back, err := jsvalue.FromJS(v, jsvalue.Limits{})
		require.NoError(t, err)
		rows := back.([]any)
		require.Len(t, rows, n)
		assert.Equal(t, map[string]any{"V": "changed", "EXTRA": int64(1)}, rows[1], "%d rows: FromJS sees the script's changes", n)
		assert.Equal(t, map[string]any{"K": int64(0), "V": "v"}, rows[0])
	}
}

func TestJSONKeepsEveryDigit(t *testing.T) {
	vm := goja.New()
	c := jsvalue.New(vm)
	var v any
	dec := json.NewDecoder(strings.NewReader(`{"b":12345678901234567890,"a":[1,2.5,1e400]}`))
	dec.UseNumber()
	require.NoError(t, dec.Decode(&v))
	got := js(t, vm, c.JSON(v), `[Object.keys(x).join(), typeof x.b, String(x.b), typeof x.a[0], x.a[1], x.a[2]].join('|')`).Export()
	assert.Equal(t, "a,b|bigint|12345678901234567890|number|2.5|1e400", got)
}

func itoa(n int) string { return big.NewInt(int64(n)).String() }
