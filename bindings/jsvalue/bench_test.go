package jsvalue_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/dop251/goja"

	"github.com/wsrfc/wsrfc/bindings/jsvalue"
	"github.com/wsrfc/wsrfc/protocol"
)

// The RFC_READ_TABLE result of bench case 3: DATA lines of one 286-character
// field (TAB512), cut by a script at the offset of a numeric column.
var (
	tab512   = protocol.TableOf("TAB512_TAB", protocol.Struct("TAB512", protocol.F("WA", protocol.Char(512))))
	dataLine = strings.Repeat("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ", 8)[:276]
)

const sumScript = `(rows) => { let sum = 0; for (const { WA } of rows) sum += Number(WA.substring(276, 286)); return sum; }`

// appendMaps adds canonical rows given as maps, flat as the session hands
// them over (session.CallOptions.Rows).
func appendMaps(tb *jsvalue.Table, typ *protocol.Type, rows []any) {
	var flat []any
	for _, r := range rows {
		m := r.(map[string]any)
		for _, f := range typ.Line.Fields {
			flat = append(flat, m[f.Name])
		}
	}
	tb.Append(flat, len(rows))
}

func canonicalRows(n int) []any {
	rows := make([]any, n)
	for i := range rows {
		rows[i] = map[string]any{"WA": dataLine + fmt.Sprintf("%010d", i%100+1)}
	}
	return rows
}

// walk converts rows with convert and sums the column in JS, as a script does.
func walk(b *testing.B, n int, convert func(vm *goja.Runtime, c *jsvalue.Converter, rows []any) goja.Value) {
	rows := canonicalRows(n)
	want := float64(n / 100 * 5050)
	b.ReportAllocs()
	for b.Loop() {
		vm := goja.New()
		c := jsvalue.New(vm)
		sum, err := vm.RunString(sumScript)
		if err != nil {
			b.Fatal(err)
		}
		fn, _ := goja.AssertFunction(sum)
		v, err := fn(goja.Undefined(), convert(vm, c, rows))
		if err != nil {
			b.Fatal(err)
		}
		if got := v.ToFloat(); got != want {
			b.Fatalf("sum %v, want %v", got, want)
		}
	}
}

// BenchmarkToJSTableEager converts 20,000 canonical rows into plain JS
// objects (ToJS) and walks them: the path of tables below LazyRows.
func BenchmarkToJSTableEager(b *testing.B) {
	walk(b, 20000, func(_ *goja.Runtime, c *jsvalue.Converter, rows []any) goja.Value { return c.ToJS(tab512, rows) })
}

// BenchmarkTableLazy collects the same rows into a Table as the session
// hands them over, and walks the lazy array JS gets: the path of case 3.
func BenchmarkTableLazy(b *testing.B) {
	walk(b, 20000, func(_ *goja.Runtime, c *jsvalue.Converter, rows []any) goja.Value {
		t := jsvalue.NewTable(tab512)
		appendMaps(t, tab512, rows)
		return c.Table(t)
	})
}

// BenchmarkTableAppend is the cost of keeping rows compactly as they arrive,
// on the session's reader goroutine: per 1,000 rows.
func BenchmarkTableAppend(b *testing.B) {
	rows := canonicalRows(1000)
	b.ReportAllocs()
	for b.Loop() {
		appendMaps(jsvalue.NewTable(tab512), tab512, rows)
	}
}

// BenchmarkFromJSLazyTable exports a lazy table back to Go, as passing a read
// table into another call does.
func BenchmarkFromJSLazyTable(b *testing.B) {
	vm := goja.New()
	c := jsvalue.New(vm)
	t := jsvalue.NewTable(tab512)
	appendMaps(t, tab512, canonicalRows(20000))
	v := c.Table(t)
	b.ReportAllocs()
	for b.Loop() {
		out, err := jsvalue.FromJS(v, jsvalue.Limits{})
		if rows, ok := out.([]any); err != nil || !ok || len(rows) != 20000 {
			b.Fatalf("exported %T", rows)
		}
	}
}

// BenchmarkFromJSParams exports the parameters of a small call, as every
// rfc.call does before anything is sent.
func BenchmarkFromJSParams(b *testing.B) {
	vm := goja.New()
	v, err := vm.RunString(`({ REQUTEXT: 'hello from the benchmark', IMPORTSTRUCT: { RFCFLOAT: 1.5, RFCCHAR4: 'ABCD' } })`)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := jsvalue.FromJS(v, jsvalue.Limits{}); err != nil {
			b.Fatal(err)
		}
	}
}
