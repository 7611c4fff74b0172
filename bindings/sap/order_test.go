package sap_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

// A script's calls reach the stateful session in the order it made them,
// whether or not their interfaces were looked up before, and whatever mix of
// callAsync, call and raw requests it uses.
func TestCallsReachTheSessionInTheOrderTheScriptMadeThem(t *testing.T) {
	res, out := runJS(t, simConfig(), `
		const adds = [1, 10, 100, 1000].map(d => sap.rfc.callAsync('Z_WSR_COUNTER_ADD', { DELTA: d }));
		const last = sap.rfc.callAsync('Z_WSR_COUNTER_GET');
		const sync = sap.rfc.call('Z_WSR_COUNTER_GET').VALUE;
		sap.rfc.callAsync('Z_WSR_COUNTER_RESET');
		const raw = sap.request('rfc', 'call', { function: 'Z_WSR_COUNTER_GET', parameters: {} }).result.VALUE;
		globalThis.result = {
			adds: (await Promise.all(adds)).map(r => r.VALUE),
			last: (await last).VALUE,
			sync,
			raw,
		};`)
	assert.Equal(t, map[string]any{
		"adds": []any{int64(1), int64(11), int64(111), int64(1111)},
		"last": int64(1111),
		"sync": int64(1111),
		"raw":  int64(0),
	}, res, out)
}
