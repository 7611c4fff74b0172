package sap_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wsrfc/wsrfc/host"
	"github.com/wsrfc/wsrfc/session"
	"github.com/wsrfc/wsrfc/sim"
	"github.com/wsrfc/wsrfc/sim/simtest"
)

// bookingJS books a seat in the LUW of a session; bookingsJS counts a booking
// number in SBOOK as another session sees it.
const bookingJS = `
	const flight = { AIRLINEID: 'LH', CONNECTID: '0400', FLIGHTDATE: '20260112' };
	function book(s, extra) {
		return s.rfc.call('BAPI_FLBOOKING_CREATEFROMDATA', { BOOKING_DATA: Object.assign({ ...flight,
			CUSTOMERID: '00000003', CLASS: 'Y', COUNTER: '00000001', AGENCYNUM: '00000100', PASSNAME: 'Ada Lovelace' }, extra) });
	}
	function seen(number) {
		const other = sap.open();
		try {
			return other.table('SBOOK').read({ fields: ['BOOKID'], where: { CARRID: 'LH', BOOKID: number } }).length;
		} finally { other.close(); }
	}
	async function outcome(p) {
		try { return { value: await p }; } catch (e) { return { error: e }; }
	}
`

func TestTransactionCommitsAndReturnsTheValue(t *testing.T) {
	res, _ := runJS(t, simConfig(), bookingJS+`
		let inside;
		const number = await sap.transaction(async (tx) => {
			const r = book(tx);
			inside = seen(r.BOOKINGNUMBER);
			return r.BOOKINGNUMBER;
		});
		globalThis.result = { number, inside, after: seen(number) };`)
	m := res.(map[string]any)
	assert.Regexp(t, `^\d{8}$`, m["number"])
	assert.Equal(t, int64(0), m["inside"], "not visible to another session before the commit")
	assert.Equal(t, int64(1), m["after"], "visible to another session after the commit")
}

func TestTransactionRollsBackOnAnErrorMessage(t *testing.T) {
	res, _ := runJS(t, simConfig(), bookingJS+`
		let first;
		const o = await outcome(sap.transaction((tx) => {
			first = book(tx).BOOKINGNUMBER;            // succeeds: registered in the LUW
			book(tx, { CONNECTID: '9999' });           // E message in RETURN, no exception
			return 'not reached as a value';
		}));
		const e = o.error;
		globalThis.result = { first, seen: seen(first), bapi: e instanceof sap.BapiError, sapErr: e instanceof sap.SapError,
			code: e.code, rolledBack: e.rolledBack, fn: e.function, types: e.messages.map(m => m.type + m.number),
			message: e.message, stack: e.stack };`)
	m := res.(map[string]any)
	assert.Equal(t, int64(0), m["seen"], "the first booking of the LUW was rolled back, as a second session sees")
	assert.Equal(t, true, m["bapi"])
	assert.Equal(t, true, m["sapErr"])
	assert.Equal(t, "BAPI_ERROR", m["code"])
	assert.Equal(t, true, m["rolledBack"])
	assert.Equal(t, "BAPI_FLBOOKING_CREATEFROMDATA", m["fn"])
	assert.Equal(t, []any{"S055", "E050"}, m["types"])
	assert.Contains(t, m["message"], "Flight LH 9999 on 20260112 does not exist")
	assert.Contains(t, m["stack"], "test.js:")
	assert.NotContains(t, m["stack"], "sap:internal")
}

func TestTransactionRollsBackWhenTheCallbackThrows(t *testing.T) {
	res, _ := runJS(t, simConfig(), bookingJS+`
		let number;
		const o = await outcome(sap.transaction(async (tx) => {
			number = book(tx).BOOKINGNUMBER;
			await null;
			throw new RangeError('changed my mind');
		}));
		// The session is usable afterwards, and nothing is left in its LUW.
		sap.rfc.call('BAPI_TRANSACTION_COMMIT');
		globalThis.result = { name: o.error.name, message: o.error.message, rolledBack: o.error.rolledBack, seen: seen(number) };`)
	m := res.(map[string]any)
	assert.Equal(t, "RangeError", m["name"])
	assert.Equal(t, "changed my mind", m["message"])
	assert.Equal(t, true, m["rolledBack"])
	assert.Equal(t, int64(0), m["seen"])
}

func TestNestedTransactionIsRefused(t *testing.T) {
	res, _ := runJS(t, simConfig(), bookingJS+`
		let number, inner;
		const o = await outcome(sap.transaction(async (tx) => {
			number = book(tx).BOOKINGNUMBER;
			inner = await outcome(sap.transaction(() => 1));
			throw inner.error;
		}));
		// After the refusal the next transaction works.
		const again = await sap.transaction(() => 'fine');
		globalThis.result = { code: o.error.code, message: o.error.message, seen: seen(number), again,
			sameError: o.error === inner.error };`)
	m := res.(map[string]any)
	assert.Equal(t, "TRANSACTION_NESTED", m["code"])
	assert.Contains(t, m["message"], "cannot be nested")
	assert.Equal(t, true, m["sameError"])
	assert.Equal(t, int64(0), m["seen"], "the outer LUW was rolled back")
	assert.Equal(t, "fine", m["again"])
}

func TestTransactionWithALostSessionReportsAnUnknownOutcomeAndReplaysNothing(t *testing.T) {
	res, _ := runJS(t, simConfig(), bookingJS+`
		let number;
		const o = await outcome(sap.transaction((tx) => {
			number = book(tx).BOOKINGNUMBER;
			tx.rfc.call('RFC_RAISE_ERROR', { METHOD: '3' });   // a short dump ends the SAP session
		}));
		const e = o.error;
		const stats = sap.stats();
		globalThis.result = { conn: e instanceof sap.ConnectionError, lost: e.sessionLost, outcome: e.outcome,
			message: e.message, seen: seen(number), bookings: stats.byFunction.BAPI_FLBOOKING_CREATEFROMDATA.calls,
			commits: (stats.byFunction.BAPI_TRANSACTION_COMMIT || { calls: 0 }).calls,
			rollbacks: (stats.byFunction.BAPI_TRANSACTION_ROLLBACK || { calls: 0 }).calls };`)
	m := res.(map[string]any)
	assert.Equal(t, true, m["conn"])
	assert.Equal(t, true, m["lost"])
	assert.Equal(t, "unknown", m["outcome"])
	assert.Contains(t, m["message"], "transaction outcome unknown")
	assert.Equal(t, int64(0), m["seen"])
	assert.Equal(t, int64(1), m["bookings"], "the booking was not sent again")
	assert.Equal(t, int64(0), m["commits"])
	assert.Equal(t, int64(0), m["rollbacks"])
}

func TestThrowOnErrorAndMessages(t *testing.T) {
	res, _ := runJS(t, simConfig(), bookingJS+`
		const bad = { BOOKING_DATA: { ...flight, CONNECTID: '9999', CUSTOMERID: '00000003', CLASS: 'Y' } };
		const plain = sap.rfc.call('BAPI_FLBOOKING_CREATEFROMDATA', bad);
		let thrown = null;
		try { sap.rfc.call('BAPI_FLBOOKING_CREATEFROMDATA', bad, { throwOnError: true, timeout: 5000 }); } catch (e) { thrown = e; }
		sap.rfc.throwOnError = true;
		const rejected = await sap.rfc.callAsync('BAPI_FLBOOKING_CREATEFROMDATA', bad).then(() => null, (e) => e.name);
		const optedOut = sap.rfc.call('BAPI_FLBOOKING_CREATEFROMDATA', bad, { throwOnError: false }).RETURN.length;
		sap.rfc.throwOnError = false;
		const commit = sap.rfc.call('BAPI_TRANSACTION_ROLLBACK');
		globalThis.result = {
			messages: sap.messages(plain), name: thrown.name, code: thrown.code, count: thrown.messages.length,
			rejected, optedOut, emptyCommit: sap.messages(commit),
			bapireturn: sap.messages({ RETURN: { TYPE: 'W', CODE: 'BC123', MESSAGE: 'old style', LOG_NO: '', LOG_MSG_NO: '000000',
				MESSAGE_V1: 'a', MESSAGE_V2: '', MESSAGE_V3: '', MESSAGE_V4: '' } }),
			table: sap.messages(plain.RETURN).length, notMessages: sap.messages({ X: { TYPE: 'E' }, N: 3 }),
		};`)
	m := res.(map[string]any)
	assert.Equal(t, []any{map[string]any{"type": "E", "id": "BC_IBF", "number": "050",
		"message": "Flight LH 9999 on 20260112 does not exist", "v1": "LH", "v2": "9999", "v3": "20260112", "v4": "",
		"parameter": "BOOKING_DATA", "row": int64(0), "field": "FLIGHTDATE"}}, m["messages"])
	assert.Equal(t, "BapiError", m["name"])
	assert.Equal(t, "BAPI_ERROR", m["code"])
	assert.Equal(t, int64(1), m["count"])
	assert.Equal(t, "BapiError", m["rejected"], "the session-wide default applies to callAsync")
	assert.Equal(t, int64(1), m["optedOut"])
	assert.Equal(t, []any{}, m["emptyCommit"], "an all-initial RETURN holds no message")
	bret := m["bapireturn"].([]any)[0].(map[string]any)
	assert.Equal(t, "BC", bret["id"])
	assert.Equal(t, "123", bret["number"])
	assert.Equal(t, "a", bret["v1"])
	assert.Equal(t, int64(1), m["table"])
	assert.Equal(t, []any{}, m["notMessages"])
}

func TestTableReadGivesTypedRows(t *testing.T) {
	res, _ := runJS(t, simConfig(), `
		const rows = sap.table('sflight').read({ fields: ['CARRID', 'CONNID', 'FLDATE', 'PRICE', 'SEATSMAX', 'SEATSOCC'],
			where: "CARRID = 'LH' AND CONNID = '0400'", max: 2 });
		const bapi = sap.rfc.call('BAPI_FLIGHT_GETLIST', { AIRLINE: 'LH', MAX_ROWS: 1 }).FLIGHT_LIST[0];
		const all = sap.table('SFLIGHT').read();
		globalThis.result = { rows, types: Object.values(rows[0]).map(v => typeof v), bapiPrice: bapi.PRICE,
			allKeys: Object.keys(all[0]), count: all.length,
			fields: sap.table('SCARR').fields().map(f => f.name + (f.key ? '*' : '') + ':' + f.type) };`)
	m := res.(map[string]any)
	rows := m["rows"].([]any)
	require.Len(t, rows, 2)
	first := rows[0].(map[string]any)
	assert.Equal(t, "LH", first["CARRID"])
	assert.Equal(t, "0400", first["CONNID"])
	assert.Equal(t, "20260105", first["FLDATE"])
	assert.Equal(t, []any{"string", "string", "string", "string", "number", "number"}, m["types"])
	assert.Equal(t, "666.00", first["PRICE"])
	assert.Equal(t, "666.0000", m["bapiPrice"], "the same price through a BAPI, with the BAPI's four decimals")
	assert.Equal(t, []any{"MANDT", "CARRID", "CONNID", "FLDATE", "PRICE", "CURRENCY", "PLANETYPE", "SEATSMAX", "SEATSOCC",
		"PAYMENTSUM", "SEATSMAX_B", "SEATSOCC_B", "SEATSMAX_F", "SEATSOCC_F"}, m["allKeys"])
	assert.Equal(t, int64(192), m["count"])
	assert.Equal(t, []any{"MANDT*:CLNT", "CARRID*:CHAR", "CARRNAME:CHAR", "CURRCODE:CUKY", "URL:CHAR"}, m["fields"])
}

func TestTableReadsRowsWiderThan512InFieldGroups(t *testing.T) {
	res, _ := runJS(t, simConfig(), `
		const rows = sap.table('ZWSR_PARTNER').read();
		const s = sap.stats();
		const again = sap.table('ZWSR_PARTNER').read({ fields: ['NOTE4', 'NAME', 'RATING'], where: { NAME: 'Anna Schmidt' } });
		globalThis.result = { n: rows.length, keys: Object.keys(rows[0]), first: rows[0], blocked: rows[7],
			readCalls: s.byFunction.RFC_READ_TABLE.calls, again, againKeys: Object.keys(again[0]),
			width: Object.values(rows[0]).reduce((n, v) => n + String(v).length, 0) };`)
	m := res.(map[string]any)
	assert.Equal(t, int64(8), m["n"])
	assert.Equal(t, []any{"MANDT", "PARTNER", "NAME", "CUSTOMER", "CREATED_ON", "CREATED_AT", "CREDIT_LIMIT", "CURRENCY",
		"RATING", "NOTE1", "NOTE2", "NOTE3", "NOTE4"}, m["keys"])
	first := m["first"].(map[string]any)
	assert.Equal(t, "0000004711", first["PARTNER"])
	assert.Equal(t, "SAP AG", first["NAME"])
	assert.Equal(t, "1000.00", first["CREDIT_LIMIT"])
	assert.Equal(t, int64(5), first["RATING"])
	for i := 1; i <= 4; i++ {
		note := first[fmt.Sprintf("NOTE%d", i)].(string)
		assert.Len(t, note, 132)
		assert.True(t, strings.HasPrefix(note, fmt.Sprintf("Note %d on SAP AG: ", i)), note)
	}
	assert.Equal(t, int64(-2), m["blocked"].(map[string]any)["RATING"], "negative integers keep their sign")
	assert.Greater(t, m["width"], int64(512))
	// one refused try, one NO_DATA layout call, then one call per field group
	assert.Equal(t, int64(4), m["readCalls"])
	again := m["again"].([]any)
	require.Len(t, again, 1)
	assert.Equal(t, []any{"NOTE4", "NAME", "RATING"}, m["againKeys"], "fields in the order asked for")
	assert.Equal(t, "Anna Schmidt", again[0].(map[string]any)["NAME"])
}

// frameLog keeps the request frames the sessions send.
type frameLog struct {
	mu   sync.Mutex
	sent [][]byte
}

func (f *frameLog) observe(string, string) session.Observer { return f }
func (f *frameLog) Frame(sent bool, frame []byte) {
	if sent {
		f.mu.Lock()
		f.sent = append(f.sent, bytes.Clone(frame)) // the session's buffer: copied to keep
		f.mu.Unlock()
	}
}
func (f *frameLog) Ended(error) {}

func TestTableSplitsALongWhereAtTokenBoundaries(t *testing.T) {
	log := &frameLog{}
	cfg := simConfig()
	cfg.Observe = log.observe
	res, _ := runJS(t, cfg, `
		const names = ['SAP AG', 'Jutta Ackermann', 'Maria Rossi', 'John Smith', 'Akira Tanaka', 'Travel Ltd.', "O'Brien & Sons, a name with a quote", 'Anna Schmidt', 'Somebody Else'];
		const where = names.map(n => "NAME = '" + n.replace(/'/g, "''") + "'").join(' OR ') +
			" OR ( CITY = 'Walldorf' AND COUNTRY = 'DE' AND DISCOUNT >= '010' ) OR NAME LIKE 'Thomas M%'";
		const rows = sap.table('SCUSTOM').read({ fields: ['ID', 'NAME'], where });
		globalThis.result = { length: where.length, ids: rows.map(r => r.ID) };`)
	m := res.(map[string]any)
	assert.Greater(t, m["length"], int64(300))
	assert.Equal(t, []any{"00000001", "00000002", "00000003", "00000004", "00000005", "00000006", "00000007", "00000008"}, m["ids"])

	var lines []string
	for _, f := range log.sent {
		var req struct {
			Params struct {
				Function   string `json:"function"`
				Parameters struct {
					Options []struct{ TEXT string } `json:"OPTIONS"`
				} `json:"parameters"`
			} `json:"params"`
		}
		if json.Unmarshal(f, &req) == nil && req.Params.Function == "RFC_READ_TABLE" {
			for _, o := range req.Params.Parameters.Options {
				lines = append(lines, o.TEXT)
			}
		}
	}
	require.GreaterOrEqual(t, len(lines), 5)
	for _, l := range lines {
		assert.LessOrEqual(t, len(l), 72, l)
		assert.Equal(t, 0, strings.Count(l, "'")%2, "a literal is split across lines: %q", l)
	}
	assert.Contains(t, strings.Join(lines, "\n"), "'O''Brien & Sons, a name with a quote'")
}

func TestTablePagingAndStreaming(t *testing.T) {
	res, _ := runJS(t, simConfig(), `
		const t = sap.table('SBOOK');
		const all = t.read({ fields: ['CARRID', 'BOOKID'] });
		const page = t.read({ fields: ['CARRID', 'BOOKID'], skip: 2, max: 3 });
		const batched = t.read({ fields: ['CARRID', 'BOOKID'], batch: 4 });
		const streamed = [];
		const it = t.rows({ fields: ['CARRID', 'BOOKID'], batch: 4 });
		for (let r = await it.next(); !r.done; r = await it.next()) streamed.push(r.value);
		// the async-iterator protocol a compiled for await uses
		const viaSymbol = [];
		const iter = t.rows({ fields: ['BOOKID'], batch: 5 })[Symbol.asyncIterator]();
		for (let r = await iter.next(); !r.done; r = await iter.next()) viaSymbol.push(r.value.BOOKID);
		const counted = await sap.table('ZWSR_PARTNER').rows({ batch: 3 }).forEach(() => {});
		const syncRows = [];
		for (const r of t.rows({ fields: ['BOOKID'], batch: 4 })) syncRows.push(r.BOOKID);
		const async = await t.readAsync({ fields: ['BOOKID'], max: 2 });
		globalThis.result = { all: all.map(r => r.BOOKID), page: page.map(r => r.BOOKID), batched: batched.map(r => r.BOOKID),
			streamed: streamed.map(r => r.BOOKID), viaSymbol, counted, async: async.map(r => r.BOOKID), syncRows,
			symbolType: typeof Symbol.asyncIterator };`)
	m := res.(map[string]any)
	all := m["all"].([]any)
	require.GreaterOrEqual(t, len(all), 6, "the demo bookings, and any a test before committed")
	assert.Equal(t, all[2:5], m["page"])
	assert.Equal(t, all, m["batched"])
	assert.Equal(t, all, m["streamed"])
	assert.Equal(t, all, m["viaSymbol"])
	assert.Equal(t, all, m["syncRows"], "for...of reads the pages synchronously")
	assert.Equal(t, int64(8), m["counted"], "a wide table streams in pages of field groups too")
	assert.Equal(t, all[:2], m["async"])
	assert.Equal(t, "symbol", m["symbolType"])
}

func TestTableStreamsAVolumeTableInPages(t *testing.T) {
	res, _ := runJS(t, simConfig(), `
		let n = 0, sum = 0, lastId = '';
		await sap.table('ZWSR_VOLUME').rows({ fields: ['ROW_ID', 'QUANTITY'], where: "ROW_ID <= '0000020000'", batch: 5000 }).forEach((r) => {
			n++; sum += r.QUANTITY; lastId = r.ROW_ID;
		});
		globalThis.result = { n, sum, lastId, calls: sap.stats().byFunction.RFC_READ_TABLE.calls };`)
	m := res.(map[string]any)
	assert.Equal(t, int64(20000), m["n"])
	assert.Equal(t, int64(50.5*20000), m["sum"], "QUANTITY = ROW_ID mod 100 + 1")
	assert.Equal(t, "0000020000", m["lastId"])
	assert.Equal(t, int64(5), m["calls"], "four full pages and the empty one that ends the stream")
}

func TestTableErrorsSayWhatIsWrong(t *testing.T) {
	res, _ := runJS(t, simConfig(), `
		function err(fn) { try { fn(); return null } catch (e) { return { sap: e instanceof sap.SapError, code: e.code, key: e.key || '', message: e.message } } }
		globalThis.result = {
			table: err(() => sap.table('ZNO_SUCH_TABLE').read()),
			field: err(() => sap.table('SFLIGHT').read({ fields: ['CARRID', 'NOPE'] })),
			whereField: err(() => sap.table('SFLIGHT').read({ where: { NOPE: 1 } })),
			where: err(() => sap.table('SFLIGHT').read({ where: "CARRID = 'LH' AND ( SELECT" })),
			quote: err(() => sap.table('SFLIGHT').read({ where: "CARRID = 'LH" })),
			literal: err(() => sap.table('SFLIGHT').read({ where: "CARRID = '" + 'x'.repeat(80) + "'" })),
			option: err(() => sap.table('SFLIGHT').read({ limit: 3 })),
			asyncRejects: await sap.table('ZNO_SUCH_TABLE').readAsync().then(() => null, e => e.code),
		};`)
	m := res.(map[string]any)
	get := func(k string) map[string]any { return m[k].(map[string]any) }
	assert.Equal(t, "TABLE_NOT_FOUND", get("table")["code"])
	assert.Contains(t, get("table")["message"], "ZNO_SUCH_TABLE is not in the ABAP Dictionary")
	assert.Equal(t, "FIELD_NOT_FOUND", get("field")["code"])
	assert.Contains(t, get("field")["message"], "SFLIGHT has no field NOPE (it has: MANDT, CARRID")
	assert.Equal(t, "FIELD_NOT_FOUND", get("whereField")["code"])
	assert.Equal(t, "OPTION_NOT_VALID", get("where")["key"], "RFC_READ_TABLE's own refusal")
	assert.Contains(t, get("where")["message"], "RFC_READ_TABLE refused the WHERE clause on SFLIGHT")
	assert.Equal(t, "OPTION_NOT_VALID", get("quote")["code"])
	assert.Equal(t, "WHERE_TOKEN_TOO_LONG", get("literal")["code"])
	assert.Equal(t, false, get("option")["sap"])
	assert.Contains(t, get("option")["message"], "unknown option limit")
	assert.Equal(t, "TABLE_NOT_FOUND", m["asyncRejects"])
}

func TestTableWithoutAuthorizationSaysSo(t *testing.T) {
	clerk := func(srv *sim.Server) error {
		srv.AddUser(sim.User{Name: "CLERK", Password: "Clerk1!", Client: sim.DemoClient, RFCAuth: []string{"*"}, TableAuth: []string{"&NC&"}})
		return nil
	}
	res, _ := runJSWith(t, host.Options{Config: simConfig(), SimSetup: clerk}, `
		const clerk = sap.open({ sim: true, user: 'CLERK', password: 'Clerk1!' });
		const own = clerk.table('SCARR').read({ max: 1 }).length;
		let e = null;
		try { clerk.table('ZWSR_PARTNER').read(); } catch (err) { e = err; }
		const rejected = await clerk.table('ZWSR_PARTNER').readAsync({ fields: ['PARTNER'] }).then(() => null, (err) => err.code);
		clerk.close();
		globalThis.result = { own, code: e.code, key: e.key, message: e.message, sapError: e instanceof sap.SapError, rejected };`)
	m := res.(map[string]any)
	assert.Equal(t, int64(1), m["own"])
	assert.Equal(t, "NOT_AUTHORIZED", m["code"])
	assert.Equal(t, "NOT_AUTHORIZED", m["key"])
	assert.Contains(t, m["message"], "user may not display table ZWSR_PARTNER")
	assert.Equal(t, true, m["sapError"])
	assert.Equal(t, "NOT_AUTHORIZED", m["rejected"])
}

func TestTableOnTheOldHandlerSaysWhatItNeeds(t *testing.T) {
	cfg := simConfig()
	cfg.SimProfile = "legacy"
	res, _ := runJS(t, cfg, `
		let e = null;
		try { sap.table('SCARR').read(); } catch (err) { e = err; }
		globalThis.result = { code: e.code, message: e.message };`)
	m := res.(map[string]any)
	assert.Equal(t, "UNSUPPORTED_BY_SERVER", m["code"])
	assert.Contains(t, m["message"], "needs the wsrfc handler")
}

func TestAlphaIsLocalAndMatchesTheConversionExit(t *testing.T) {
	inputs := []string{"4711", " 4711 ", "0000004711", "ABC", "47 11", "12A", "", "   ", "123456789012", "0", "00", "A 1", "ÄÖÜ", "9999999999"}
	res, _ := runJS(t, simConfig(), fmt.Sprintf(`
		const inputs = %s;
		const before = sap.stats().requests;
		globalThis.result = {
			input: inputs.map(v => [4, 10, 18].map(n => sap.convert.alpha.input(v, n))),
			output: inputs.map(v => sap.convert.alpha.output(v)),
			number: sap.convert.alpha.input(4711, 10),
			roundTrips: sap.stats().requests - before,
			withAlpha: sap.table('ZWSR_PARTNER').read({ fields: ['PARTNER', 'NAME'], where: "PARTNER IN ( '4712' , '4713' ) OR PARTNER = '4716'" }),
			between: sap.table('ZWSR_PARTNER').read({ fields: ['PARTNER'], where: { PARTNER: '4711' } }).length,
			without: sap.table('ZWSR_PARTNER').read({ fields: ['PARTNER'], where: "PARTNER = '4712'", alpha: false }).length,
			like: sap.table('ZWSR_PARTNER').read({ fields: ['PARTNER'], where: "PARTNER LIKE '%%471_'" }).length,
		};`, jsonString(t, inputs)))
	m := res.(map[string]any)
	for i, in := range inputs {
		got := m["input"].([]any)[i].([]any)
		for j, n := range []int{4, 10, 18} {
			assert.Equal(t, sim.AlphaInput(in, n), got[j], "alpha.input(%q, %d)", in, n)
		}
		assert.Equal(t, sim.AlphaOutput(in), m["output"].([]any)[i], "alpha.output(%q)", in)
	}
	assert.Equal(t, "0000004711", m["number"])
	assert.Equal(t, int64(0), m["roundTrips"], "converted locally")
	with := m["withAlpha"].([]any)
	require.Len(t, with, 3)
	assert.Equal(t, "0000004716", with[2].(map[string]any)["PARTNER"])
	assert.Equal(t, int64(1), m["between"])
	assert.Equal(t, int64(0), m["without"], "without ALPHA the literal '4712' matches no stored key")
	assert.Equal(t, int64(8), m["like"], "LIKE patterns are not converted")
}

func jsonString(t *testing.T, v any) string {
	raw, err := json.Marshal(v)
	require.NoError(t, err)
	return string(raw)
}

func TestOpenedSessionsHaveTheToolkit(t *testing.T) {
	res, _ := runJS(t, simConfig(), bookingJS+`
		const s = sap.open();
		const number = await s.transaction((tx) => book(tx).BOOKINGNUMBER);
		const rows = s.table('SBOOK').read({ fields: ['BOOKID'], where: { BOOKID: number } });
		let nested = null;
		await s.transaction(async () => { nested = await outcome(s.transaction(() => 1)); });
		const parallel = await sap.transaction(() => 'main session LUW is independent');
		s.close();
		globalThis.result = { found: rows.length, seen: seen(number), nested: nested.error.code, parallel,
			members: ['table', 'transaction', 'rfc'].every(k => k in s) };`)
	m := res.(map[string]any)
	assert.Equal(t, int64(1), m["found"])
	assert.Equal(t, int64(1), m["seen"])
	assert.Equal(t, "TRANSACTION_NESTED", m["nested"])
	assert.Equal(t, true, m["members"])
}

// destinationsFile writes a destinations file with the simulator as A and C
// and a system that is down as B.
func destinationsFile(t *testing.T) {
	t.Helper()
	_, l := simtest.Start(t, sim.Config{Profile: sim.ProfileWsrfc})
	file := filepath.Join(t.TempDir(), "destinations.ini")
	body := ""
	for _, d := range []struct{ name, url string }{{"A", l.URL}, {"B", "ws://127.0.0.1:1"}, {"C", l.URL}} {
		body += fmt.Sprintf("DEST=%s\nURL=%s\nCLIENT=%s\nUSER=%s\nPASSWD=%s\n", d.name, d.url, sim.DemoClient, sim.DemoUser, sim.DemoPassword)
	}
	require.NoError(t, os.WriteFile(file, []byte(body), 0o600))
	t.Setenv("WSRFC_DESTINATIONS", file)
}

func TestEachRunsPerDestinationAndKeepsGoingWhenOneIsDown(t *testing.T) {
	destinationsFile(t)
	res, out := runJS(t, simConfig(), `
		const outcomes = await sap.each(['A', 'B', 'C'], async (s, dest) => {
			const r = await s.rfc.callAsync('STFC_CONNECTION', { REQUTEXT: dest });
			return r.ECHOTEXT + '@' + s.session.systemId;
		}, { concurrency: 2 });
		globalThis.result = outcomes.map(o => 'error' in o
			? { destination: o.destination, error: o.error.name, code: o.error.code }
			: { destination: o.destination, value: o.value });
		globalThis.result.push({ exitCode: process.exitCode });
		process.exitCode = 0;`)
	assert.Equal(t, []any{
		map[string]any{"destination": "A", "value": "A@WSR"},
		map[string]any{"destination": "B", "error": "ConnectionError", "code": "CONNECT_FAILED"},
		map[string]any{"destination": "C", "value": "C@WSR"},
		map[string]any{"exitCode": int64(1)},
	}, res)
	assert.Contains(t, out, "sap.each: 2 of 3 systems succeeded")
	assert.Regexp(t, `B\s+\d+ ms\s+FAILED  ConnectionError`, out)
}

// sap.stats() counts every rfc call once, sync or async, failed or not, by
// the function module's name as SAP spells it.
func TestStatsCountEveryCallOnce(t *testing.T) {
	res, _ := runJS(t, simConfig(), `
		sap.rfc.call('stfc_connection', { REQUTEXT: 'a' });
		await Promise.all([1, 2, 3].map((i) => sap.rfc.callAsync('STFC_CONNECTION', { REQUTEXT: 'x' + i })));
		let failed = 0;
		try { sap.rfc.call('STFC_CONNECTION', { NO_SUCH_PARAMETER: 1 }); } catch (e) { failed++; }
		await sap.rfc.callAsync('STFC_CONNECTION', { NO_SUCH_PARAMETER: 1 }).catch(() => failed++);
		await sap.rfc.callAsync('STFC_CONNECTION', { REQUTEXT: 'b' }, { throwOnError: true });
		const s = sap.stats();
		const fm = s.byFunction.STFC_CONNECTION;
		globalThis.result = { calls: s.calls, fm: fm.calls, failed, timed: fm.ms > 0, names: Object.keys(s.byFunction) };`)
	m := res.(map[string]any)
	assert.Equal(t, int64(2), m["failed"])
	assert.Equal(t, int64(7), m["calls"])
	assert.Equal(t, int64(7), m["fm"])
	assert.Equal(t, true, m["timed"])
	assert.Equal(t, []any{"STFC_CONNECTION"}, m["names"])
}

// The toolkit is compiled on first use, but its helpers look like the data
// properties they become: listed in the same order before and after, plain
// values once read, and assignable before they were ever read.
func TestToolkitHelpersAreDataPropertiesWhateverTheOrderOfUse(t *testing.T) {
	res, _ := runJS(t, simConfig(), `
		const before = Object.keys(sap).join();
		sap.rfc.call('STFC_CONNECTION', { REQUTEXT: 'plain call first' });
		sap.convert = 'mine';
		const s = sap.open();
		const kinds = [typeof sap.transaction, typeof sap.table, typeof sap.messages, typeof sap.BapiError, typeof sap.each,
			typeof s.transaction, typeof s.table].join();
		const d = Object.getOwnPropertyDescriptor(sap, 'messages');
		const inTx = await s.transaction(async (tx) => tx.rfc.call('STFC_CONNECTION', { REQUTEXT: 'in a transaction' }).ECHOTEXT);
		s.close();
		globalThis.result = {
			sameKeys: Object.keys(sap).join() === before, kinds, convert: sap.convert,
			data: 'value' in d && d.writable && d.enumerable && d.configurable,
			bapiErrorIsSapError: new sap.BapiError('x') instanceof sap.SapError,
			sameMessages: sap.messages === sap.messages, inTx,
			names: [sap.rfc.call.name, sap.rfc.callAsync.name, sap.open.name, sap.ping.name, s.rfc.call.name].join(),
			nameHidden: Object.keys(sap.rfc.call).length === 0,
		};`)
	assert.Equal(t, map[string]any{
		"sameKeys": true, "kinds": "function,function,function,function,function,function,function", "convert": "mine",
		"data": true, "bapiErrorIsSapError": true, "sameMessages": true, "inTx": "in a transaction",
		"names": "call,callAsync,open,ping,call", "nameHidden": true,
	}, res)
}
