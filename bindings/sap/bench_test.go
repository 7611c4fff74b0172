package sap_test

import (
	"context"
	"io"
	"strconv"
	"testing"

	"github.com/dop251/goja"

	"github.com/wsrfc/wsrfc/destination"
	"github.com/wsrfc/wsrfc/host"
	"github.com/wsrfc/wsrfc/runtime/engine"
)

// benchRuntime is a runtime with the sap module on the embedded simulator and
// the session already open, so that a benchmark times calls, not the logon.
func benchRuntime(b *testing.B) *engine.Runtime {
	b.Helper()
	h, err := host.New(host.Options{Config: destination.Config{Sim: true}, Stdout: io.Discard, Stderr: io.Discard})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(h.Close)
	runBench(b, h.Runtime, `sap.rfc.call('STFC_CONNECTION', { REQUTEXT: 'warm' })`)
	return h.Runtime
}

func runBench(b *testing.B, rt *engine.Runtime, src string) {
	b.Helper()
	if err := rt.RunString(context.Background(), "bench.js", src); err != nil {
		b.Fatal(engine.FormatError(err))
	}
}

// BenchmarkJSSmallCall is sap.rfc.call of STFC_CONNECTION from JS: FromJS of
// the parameters, the session round trip through the in-process simulator,
// and the result as a JS object.
func BenchmarkJSSmallCall(b *testing.B) {
	rt := benchRuntime(b)
	b.ReportAllocs()
	b.ResetTimer()
	runBench(b, rt, `for (let i = 0; i < `+strconv.Itoa(b.N)+`; i++) {
		if (sap.rfc.call('STFC_CONNECTION', { REQUTEXT: 'hello' }).ECHOTEXT !== 'hello') throw new Error('echo');
	}`)
}

// BenchmarkJSPipelined is 100 callAsync calls in flight at once per op.
func BenchmarkJSPipelined(b *testing.B) {
	rt := benchRuntime(b)
	b.ReportAllocs()
	b.ResetTimer()
	runBench(b, rt, `(async () => {
		for (let i = 0; i < `+strconv.Itoa(b.N)+`; i++) {
			await Promise.all(Array.from({ length: 100 }, (_, j) => sap.rfc.callAsync('STFC_CONNECTION', { REQUTEXT: 'call ' + j })));
		}
	})()`)
}

// BenchmarkJSReadTable reads 20,000 rows of the volume table into JS (a lazy table, see
// jsvalue.LazyRows) and sums
// a column cut out of the DATA lines, as bench/cases.js does with 100,000.
func BenchmarkJSReadTable(b *testing.B) {
	rt := benchRuntime(b)
	b.ReportAllocs()
	b.ResetTimer()
	runBench(b, rt, `for (let i = 0; i < `+strconv.Itoa(b.N)+`; i++) {
		const r = sap.rfc.call('RFC_READ_TABLE', { QUERY_TABLE: 'ZWSR_VOLUME', ROWCOUNT: 20000 });
		const f = r.FIELDS.find((x) => x.FIELDNAME === 'QUANTITY');
		const off = Number(f.OFFSET), len = Number(f.LENGTH);
		let sum = 0;
		for (const { WA } of r.DATA) sum += Number(WA.substring(off, off + len));
		if (sum !== 200 * 5050) throw new Error('sum ' + sum);
	}`)
}

var _ goja.Value
