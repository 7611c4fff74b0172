package sap_test

import (
	"os"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestValuesAreCheckedAsNodeRFCDoes drives the checks through sap.rfc.call: each bad value is a
// TypeError naming the parameter path, before anything is sent.
func TestValuesAreCheckedAsNodeRFCDoes(t *testing.T) {
	res, _ := runJS(t, simConfig(), `
		const tryCall = (fm, params, opts) => {
			try { sap.rfc.call(fm, params, opts); return 'ok' } catch (e) { return e.name + ': ' + e.message }
		};
		const s = (fields) => ({ IMPORTSTRUCT: fields });
		globalThis.result = {
			intAsString: tryCall('STFC_STRUCTURE', s({ RFCINT4: '42' })),
			charAsNumber: tryCall('STFC_STRUCTURE', s({ RFCCHAR4: 1234 })),
			nullScalar: tryCall('STFC_CONNECTION', { REQUTEXT: null }),
			badDay: tryCall('STFC_STRUCTURE', s({ RFCDATE: '20260231' })),
			badFormat: tryCall('STFC_STRUCTURE', s({ RFCDATE: '31.01.2026' })),
			badClock: tryCall('STFC_STRUCTURE', s({ RFCTIME: '246000' })),
			initialDate: tryCall('STFC_STRUCTURE', s({ RFCDATE: '00000000', RFCTIME: '' })),
			infinity: tryCall('STFC_STRUCTURE', s({ RFCFLOAT: Infinity })),
			nan: tryCall('STFC_STRUCTURE', s({ RFCINT4: NaN })),
			inTable: tryCall('STFC_STRUCTURE', { RFCTABLE: [{ RFCINT4: 1 }, { RFCINT4: 'two' }] }),
			nullName: tryCall(null),
			numberName: tryCall(123),
			symbolName: tryCall(Symbol('x')),
			timeoutNegative: tryCall('STFC_CONNECTION', {}, { timeout: -1 }),
			timeoutNaN: tryCall('STFC_CONNECTION', {}, { timeout: NaN }),
			timeoutText: tryCall('STFC_CONNECTION', {}, { timeout: 'abc' }),
			optionTypo: tryCall('STFC_CONNECTION', {}, { timout: 5000 }),
			searchTypo: (() => { try { sap.rfc.search('STFC*', { maxi: 3 }); return 'ok' } catch (e) { return e.name + ': ' + e.message } })(),
			connectTypo: (() => { try { sap.open({ sim: true, clinet: '001' }); return 'ok' } catch (e) { return e.name + ': ' + e.message } })(),
			good: tryCall('STFC_STRUCTURE', s({ RFCINT4: 42, RFCCHAR4: 'ABCD', RFCDATE: '20240229', RFCTIME: '235959' }), { timeout: 5000 }),
		};
		const c = sap.open({ sim: true });
		c.close(); c.close();
		result.closedTwice = 'ok';
	`)
	got := res.(map[string]any)
	for key, want := range map[string]string{
		"intAsString":     "TypeError: IMPORTSTRUCT.RFCINT4: an integer number (INT4) expected, got the string \"42\"",
		"charAsNumber":    "TypeError: IMPORTSTRUCT.RFCCHAR4: a string (CHAR(4)) expected, got the number 1234",
		"nullScalar":      "TypeError: REQUTEXT: a string (CHAR(255)) expected, got null",
		"badDay":          "TypeError: IMPORTSTRUCT.RFCDATE: \"20260231\" is not a day of the calendar",
		"badFormat":       "TypeError: IMPORTSTRUCT.RFCDATE: a date 'YYYYMMDD' expected (DATS), got \"31.01.2026\"",
		"badClock":        "TypeError: IMPORTSTRUCT.RFCTIME: \"246000\" is not a time of day",
		"initialDate":     "ok",
		"infinity":        "TypeError: IMPORTSTRUCT.RFCFLOAT: FLTP takes a finite number, got Infinity",
		"nan":             "TypeError: IMPORTSTRUCT.RFCINT4: INT4 takes an integer, got NaN",
		"inTable":         "TypeError: RFCTABLE[1].RFCINT4: an integer number (INT4) expected, got the string \"two\"",
		"nullName":        "TypeError: sap.rfc.call(fm, params?, options?): fm must be a function module name (a string), got null",
		"numberName":      "got the number 123",
		"symbolName":      "got a symbol",
		"timeoutNegative": "TypeError: sap.rfc.call options: timeout must be a number of milliseconds above 0, got -1",
		"timeoutNaN":      "got NaN",
		"timeoutText":     "got abc",
		"optionTypo":      "TypeError: sap.rfc.call options: unknown option \"timout\"; did you mean timeout?",
		"connectTypo":     "TypeError: connection options: unknown option \"clinet\"; did you mean client?",
		"searchTypo":      "TypeError: sap.rfc.search options: unknown option \"maxi\"; did you mean max?",
		"good":            "ok",
		"closedTwice":     "ok",
	} {
		assert.Contains(t, got[key], want, key)
	}
}

func TestTheFirstBadValueInInterfaceOrderIsNamed(t *testing.T) {
	for range 5 { // map order varies from run to run; the answer must not
		res, _ := runJS(t, simConfig(), `
			try {
				sap.rfc.call('STFC_STRUCTURE', { RFCTABLE: [{ RFCINT4: 'x' }], IMPORTSTRUCT: { RFCINT4: 'y' } });
			} catch (e) { globalThis.result = e.message }`)
		assert.Contains(t, res, "IMPORTSTRUCT.RFCINT4", "IMPORTSTRUCT comes before RFCTABLE in the interface")
	}
}

func TestAsyncCallsRejectBadValues(t *testing.T) {
	res, _ := runJS(t, simConfig(), `
		sap.rfc.callAsync('STFC_STRUCTURE', { IMPORTSTRUCT: { RFCINT4: '1' } })
			.then(() => { globalThis.result = 'resolved' }, (e) => { globalThis.result = e.name + ': ' + e.message });`)
	assert.Equal(t, "TypeError: IMPORTSTRUCT.RFCINT4: an integer number (INT4) expected, got the string \"1\"", res)
}

func TestAnOpenedSessionRecoversWithItsOwnConnect(t *testing.T) {
	res, _ := runJS(t, simConfig(), `
		const other = sap.open({ sim: true });
		const first = other.session.id;
		try { other.rfc.call('RFC_RAISE_ERROR', { METHOD: '3', MESSAGETYPE: 'E' }) } catch (e) {}
		let after;
		try { other.rfc.call('RFC_PING') } catch (e) { after = e.message }
		const info = other.connect();
		globalThis.result = { after, reopened: info.connected && info.id !== first,
			works: other.rfc.call('STFC_CONNECTION', { REQUTEXT: 'again' }).ECHOTEXT };
		other.close();`)
	got := res.(map[string]any)
	assert.Contains(t, got["after"], "Call connect() on the object sap.open() returned")
	assert.Equal(t, true, got["reopened"])
	assert.Equal(t, "again", got["works"])
}

func TestSimLoadReportsMistakesInItsOwnTerms(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "types.js")
	require.NoError(t, os.WriteFile(file, []byte("define({ name: 'Z_T', importing: { A: 'CHR(3)' }, handler() {} })\n"), 0o600))
	res, _ := runJS(t, simConfig(), `try { sap.sim.load(`+strconv.Quote(file)+`) } catch (e) { globalThis.result = e.message }`)
	assert.Contains(t, res, "sap.sim.load: "+file+":1:")
	assert.NotContains(t, res, "--define")
}
