package sap_test

import (
	"runtime"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestCircularAndDeepParamsThrowCatchableTypeErrorsNamingThePath(t *testing.T) {
	res, _ := runJS(t, simConfig(), `
		const out = {};
		const a = { RFCINT4: 1 }; a.self = a;
		try { sap.rfc.call('STFC_STRUCTURE', { IMPORTSTRUCT: a }); } catch (e) { out.cyclic = e.name + ': ' + e.message; }
		const t = [{ RFCINT4: 1 }]; t[0].again = t;
		try { await sap.rfc.callAsync('STFC_STRUCTURE', { RFCTABLE: t }); } catch (e) { out.cyclicTable = e.message; }
		let deep = {}; for (let i = 0; i < 100000; i++) deep = { d: deep };
		try { sap.rfc.call('STFC_STRUCTURE', { IMPORTSTRUCT: deep }); } catch (e) { out.deep = e.name + ': ' + e.message.slice(0, 300); }
		try { sap.request('system', 'ping', { x: deep }); } catch (e) { out.deepRequest = e.name; }
		try { sap.rfc.call('STFC_CONNECTION', { REQUTEXT: () => 1 }); } catch (e) { out.fn = e.name + ': ' + e.message; }
		try { sap.rfc.call('STFC_CONNECTION', { REQUTEXT: Symbol('x') }); } catch (e) { out.sym = e.name + ': ' + e.message; }
		// A value used twice is not circular.
		const shared = { RFCINT4: 7 };
		out.shared = sap.rfc.call('STFC_STRUCTURE', { IMPORTSTRUCT: shared, RFCTABLE: [shared, shared] }).RFCTABLE.length;
		out.alive = sap.rfc.call('STFC_CONNECTION', { REQUTEXT: 'still here' }).ECHOTEXT;
		globalThis.result = out;`)
	m := res.(map[string]any)
	assert.Equal(t, "TypeError: sap.rfc.call: parameter IMPORTSTRUCT.self refers to an object that contains it (converting circular structure to an ABAP value)", m["cyclic"])
	assert.Contains(t, m["cyclicTable"], "RFCTABLE[0].again refers to an object that contains it")
	assert.Contains(t, m["deep"], "TypeError: sap.rfc.call: parameter IMPORTSTRUCT.d.d.d")
	assert.Contains(t, m["deep"], "nested more than 100 levels deep")
	assert.Equal(t, "TypeError", m["deepRequest"])
	assert.Contains(t, m["fn"], "TypeError: sap.rfc.call: parameter REQUTEXT is a function")
	assert.NotContains(t, m["fn"], "goja")
	assert.Contains(t, m["sym"], "TypeError: sap.rfc.call: parameter REQUTEXT is a Symbol")
	assert.Equal(t, int64(3), m["shared"])
	assert.Equal(t, "still here", m["alive"])
}

// A table parameter far over the server's request limit fails with the local
// TOO_LARGE while it is being converted, not after it was built whole.
func TestHugeTableParamIsRefusedWhileConverting(t *testing.T) {
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	res, _ := runJS(t, simConfig(), `
		const row = { RFCCHAR4: 'ABCD', RFCDATA1: 'x'.repeat(50) };
		const rows = new Array(1000000).fill(row);
		try { sap.rfc.call('STFC_STRUCTURE', { RFCTABLE: rows }); } catch (e) {
			globalThis.result = { name: e.name, code: e.code, local: e.local, message: e.message };
		}`)
	runtime.ReadMemStats(&after)
	m := res.(map[string]any)
	assert.Equal(t, "SapError", m["name"])
	assert.Equal(t, "TOO_LARGE", m["code"])
	assert.Equal(t, true, m["local"])
	assert.Contains(t, m["message"], "RFCTABLE[")
	// The script's own array is 8 MB; converting a million rows costs gigabytes.
	allocated := after.TotalAlloc - before.TotalAlloc
	assert.Less(t, allocated, uint64(400<<20), "allocated %d MB", allocated>>20)
}
