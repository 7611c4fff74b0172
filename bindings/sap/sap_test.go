package sap_test

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wsrfc/wsrfc/destination"
	"github.com/wsrfc/wsrfc/host"
	"github.com/wsrfc/wsrfc/protocol"
	"github.com/wsrfc/wsrfc/runtime/engine"
	"github.com/wsrfc/wsrfc/sim"
)

// runJS runs a script with the sap module against the host's simulator and
// returns the value the script stored in globalThis.result, exported to Go.
func runJS(t *testing.T, cfg destination.Config, src string) (any, string) {
	t.Helper()
	return runJSWith(t, host.Options{Config: cfg}, src)
}

// runJSWith is runJS on a host built with opts (its own output taken).
func runJSWith(t *testing.T, opts host.Options, src string) (any, string) {
	t.Helper()
	var out bytes.Buffer
	opts.Stdout, opts.Stderr = &out, &out
	h, err := host.New(opts)
	require.NoError(t, err)
	defer h.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	err = h.Runtime.RunString(ctx, "test.js", src)
	require.NoError(t, err, "script failed: %s\noutput:\n%s", engine.FormatError(err), out.String())
	var result any
	if v := h.Runtime.VM.Get("result"); v != nil {
		result = v.Export()
	}
	return result, out.String()
}

func simConfig() destination.Config { return destination.Config{Sim: true} }

func TestCallReturnsEveryOutputWithAPITypes(t *testing.T) {
	res, _ := runJS(t, simConfig(), `
		const r = sap.rfc.call('STFC_STRUCTURE', {
			IMPORTSTRUCT: { RFCFLOAT: 1.5, RFCCHAR1: 'A', RFCINT2: -2, RFCINT1: 7, RFCCHAR4: 'DEFG', RFCINT4: 345,
				RFCHEX3: new Uint8Array([1, 2, 3]), RFCCHAR2: 'BC', RFCTIME: '121120', RFCDATE: '20240101',
				RFCDATA1: 'one', RFCDATA2: 'two' },
			RFCTABLE: [{ RFCINT4: 1 }],
		});
		globalThis.result = {
			keys: Object.keys(r),
			echo: r.ECHOSTRUCT,
			hexIsBytes: r.ECHOSTRUCT.RFCHEX3 instanceof Uint8Array,
			hex: Array.from(r.ECHOSTRUCT.RFCHEX3),
			rows: r.RFCTABLE.length,
			appendedInt4: r.RFCTABLE[1].RFCINT4,
			appendedChar2: r.RFCTABLE[1].RFCCHAR2,
			resp: typeof r.RESPTEXT,
		};`)
	m := res.(map[string]any)
	assert.Equal(t, []any{"ECHOSTRUCT", "RESPTEXT", "RFCTABLE"}, m["keys"])
	echo := m["echo"].(map[string]any)
	assert.Equal(t, 1.5, echo["RFCFLOAT"])
	assert.Equal(t, int64(-2), echo["RFCINT2"])
	assert.Equal(t, "20240101", echo["RFCDATE"])
	assert.Equal(t, "121120", echo["RFCTIME"])
	assert.Equal(t, "one", echo["RFCDATA1"])
	assert.Equal(t, true, m["hexIsBytes"])
	assert.Equal(t, []any{int64(1), int64(2), int64(3)}, m["hex"])
	assert.Equal(t, int64(2), m["rows"])
	assert.Equal(t, int64(346), m["appendedInt4"])
	assert.Equal(t, "YZ", m["appendedChar2"])
	assert.Equal(t, "string", m["resp"])
}

func TestDecimalsStayExactAndInt8BeyondSafeIsBigInt(t *testing.T) {
	define := func(srv *sim.Server) error {
		return srv.Define(&sim.Function{Name: "Z_TEST_NUMBERS", Group: "ZTEST",
			Params: []protocolParam{
				imp("AMOUNT", dec(15, 2)), imp("BIG", int8t()),
				exp("AMOUNT_OUT", dec(15, 2)), exp("BIG_OUT", int8t()), exp("SMALL_OUT", int8t()),
			},
			Handler: func(c *sim.Call) error {
				c.Set("AMOUNT_OUT", c.Get("AMOUNT"))
				c.Set("BIG_OUT", c.Get("BIG"))
				c.Set("SMALL_OUT", int64(42))
				return nil
			}})
	}
	res, _ := runJSWith(t, host.Options{Config: simConfig(), SimSetup: define}, `
		const r = sap.rfc.call('Z_TEST_NUMBERS', { AMOUNT: '12345678901.25', BIG: 9007199254740993n });
		globalThis.result = { amount: r.AMOUNT_OUT, bigType: typeof r.BIG_OUT, big: String(r.BIG_OUT),
			smallType: typeof r.SMALL_OUT };`)
	m := res.(map[string]any)
	assert.Equal(t, "12345678901.25", m["amount"])
	assert.Equal(t, "bigint", m["bigType"])
	assert.Equal(t, "9007199254740993", m["big"])
	assert.Equal(t, "number", m["smallType"])
}

func TestCallAsyncPipelinesManyCallsOnOneSession(t *testing.T) {
	res, _ := runJS(t, simConfig(), `
		const texts = Array.from({ length: 50 }, (_, i) => 'n' + i);
		const rs = await Promise.all(texts.map(REQUTEXT => sap.rfc.callAsync('STFC_CONNECTION', { REQUTEXT })));
		globalThis.result = { ok: rs.every((r, i) => r.ECHOTEXT === texts[i]), n: rs.length, id: sap.session.id };`)
	m := res.(map[string]any)
	assert.Equal(t, true, m["ok"])
	assert.Equal(t, int64(50), m["n"])
}

func TestErrorsAreSapErrorsWithCodesAndABAPFields(t *testing.T) {
	res, _ := runJS(t, simConfig(), `
		function err(fn) { try { fn(); return null } catch (e) { return {
			sap: e instanceof sap.SapError, conn: e instanceof sap.ConnectionError, timeout: e instanceof sap.TimeoutError,
			isError: e instanceof Error, name: e.name, code: e.code, key: e.key, msgId: e.msgId, msgNo: e.msgNo,
			domain: e.domain, action: e.action, message: e.message } } }
		const rejected = await sap.rfc.callAsync('NO_SUCH_FM').then(() => null, e => e.code);
		globalThis.result = {
			notFound: err(() => sap.rfc.call('NO_SUCH_FM')),
			exception: err(() => sap.rfc.call('RFC_RAISE_ERROR', { METHOD: '1', MESSAGETYPE: 'E' })),
			timeout: err(() => sap.rfc.call('RFC_PING_AND_WAIT', { SECONDS: 1 }, { timeout: 100 })),
			rejected,
			usableAfter: sap.rfc.call('STFC_CONNECTION', { REQUTEXT: 'still here' }).ECHOTEXT,
		};`)
	m := res.(map[string]any)
	nf := m["notFound"].(map[string]any)
	assert.Equal(t, true, nf["sap"])
	assert.Equal(t, true, nf["isError"])
	assert.Equal(t, "SapError", nf["name"])
	assert.Equal(t, "FUNC_NOT_FOUND", nf["code"])
	assert.Equal(t, "rfc", nf["domain"])
	assert.Equal(t, "call", nf["action"])
	ex := m["exception"].(map[string]any)
	assert.Equal(t, "ABAP_EXCEPTION", ex["code"])
	assert.Equal(t, "RAISE_EXCEPTION", ex["key"])
	assert.Equal(t, "SR", ex["msgId"])
	assert.Equal(t, "006", ex["msgNo"])
	to := m["timeout"].(map[string]any)
	assert.Equal(t, true, to["timeout"])
	assert.Equal(t, true, to["sap"])
	assert.Equal(t, "TIMEOUT", to["code"])
	assert.Equal(t, "FUNC_NOT_FOUND", m["rejected"])
	assert.Equal(t, "still here", m["usableAfter"])
}

func TestRuntimeErrorEndsSessionWithConnectionErrorUntilConnect(t *testing.T) {
	res, _ := runJS(t, simConfig(), `
		const first = (sap.rfc.ping(), sap.session.id);
		const closes = [];
		sap.on('close', info => closes.push(info.code));
		let dump, after;
		try { sap.rfc.call('RFC_RAISE_ERROR', { METHOD: '3', MESSAGETYPE: 'E' }) } catch (e) { dump = [e instanceof sap.ConnectionError, e.code] }
		try { sap.rfc.ping() } catch (e) { after = e.code }
		const info = sap.connect();
		await new Promise(r => setTimeout(r, 50));
		globalThis.result = { dump, after, newId: info.id !== first && info.connected, closes };`)
	m := res.(map[string]any)
	assert.Equal(t, []any{true, "CONNECTION_LOST"}, m["dump"])
	assert.Equal(t, "CONNECTION_LOST", m["after"])
	assert.Equal(t, true, m["newId"])
	assert.Equal(t, []any{int64(1011)}, m["closes"])
}

func TestSearchMetadataPingAndSessionInfo(t *testing.T) {
	res, _ := runJS(t, simConfig(), `
		const hits = sap.rfc.search('stfc_*', { max: 3 });
		const meta = sap.rfc.metadata('STFC_CONNECTION');
		const s = sap.session;
		globalThis.result = {
			names: hits.map(h => h.name), truncated: hits.truncated, described: typeof hits[0].description,
			metaName: meta.name, kinds: meta.parameters.map(p => p.kind + ':' + p.name),
			reqType: meta.parameters.find(p => p.name === 'REQUTEXT').dataType.kind,
			rfcPing: sap.rfc.ping(), latency: typeof sap.ping(),
			session: { connected: s.connected, user: s.user, client: s.client, hasId: typeof s.id === 'string',
				features: s.features.includes('rfc.typed'), keys: Object.keys(s).filter(k => /pass/i.test(k)) },
			same: require('sap') === sap,
		};`)
	m := res.(map[string]any)
	assert.Len(t, m["names"], 3)
	assert.Equal(t, true, m["truncated"])
	assert.Equal(t, "string", m["described"])
	assert.Equal(t, "STFC_CONNECTION", m["metaName"])
	assert.Equal(t, []any{"exporting:ECHOTEXT", "exporting:RESPTEXT", "importing:REQUTEXT"}, m["kinds"])
	assert.Equal(t, "CHAR", m["reqType"])
	assert.Equal(t, true, m["rfcPing"])
	assert.Equal(t, "number", m["latency"])
	s := m["session"].(map[string]any)
	assert.Equal(t, true, s["connected"])
	assert.Equal(t, "DEVELOPER", s["user"])
	assert.Equal(t, "001", s["client"])
	assert.Equal(t, true, s["hasId"])
	assert.Equal(t, true, s["features"])
	assert.Empty(t, s["keys"], "sap.session must not expose a password")
	assert.Equal(t, true, m["same"])
}

func TestRequestDomainAndOpenGiveIndependentSessions(t *testing.T) {
	res, _ := runJS(t, simConfig(), `
		const raw = sap.request('rfc', 'ping');
		const rawAsync = await sap.requestAsync('system', 'ping');
		const viaDomain = sap.domain('rfc').ping();
		let unknown;
		try { sap.domain('rfc').nonsense() } catch (e) { unknown = e.code }
		let noDomain;
		try { sap.domain('git').export() } catch (e) { noDomain = e.code }
		sap.rfc.call('Z_WSR_COUNTER_ADD', { DELTA: 5 });
		const other = sap.open();
		other.rfc.call('Z_WSR_COUNTER_ADD', { DELTA: 1 });
		const mine = sap.rfc.call('Z_WSR_COUNTER_GET').VALUE;
		const theirs = other.rfc.call('Z_WSR_COUNTER_GET').VALUE;
		const ids = [sap.session.id, other.session.id];
		other.close();
		globalThis.result = { pong: raw.pong, pongAsync: rawAsync.pong, viaDomain: viaDomain.pong, unknown, noDomain,
			mine, theirs, distinct: ids[0] !== ids[1], otherClosed: other.session.connected,
			debugHasListen: typeof sap.debug.listen };`)
	m := res.(map[string]any)
	assert.Equal(t, true, m["pong"])
	assert.Equal(t, true, m["pongAsync"])
	assert.Equal(t, true, m["viaDomain"])
	assert.Equal(t, "UNKNOWN_ACTION", m["unknown"])
	assert.Equal(t, "UNSUPPORTED_BY_SERVER", m["noDomain"])
	assert.Equal(t, int64(5), m["mine"])
	assert.Equal(t, int64(1), m["theirs"])
	assert.Equal(t, true, m["distinct"])
	assert.Equal(t, false, m["otherClosed"])
	assert.Equal(t, "function", m["debugHasListen"])
}

func TestOnOffOpenAndPushEvents(t *testing.T) {
	res, _ := runJS(t, simConfig(), `
		const seen = [];
		const onOpen = s => seen.push('open:' + s.connected);
		sap.on('open', onOpen);
		sap.on('message', e => seen.push('message:' + e.domain + '/' + e.event));
		sap.on('debug', e => seen.push('debug:' + e.event));
		sap.rfc.ping();
		sap.off('open', onOpen);
		sap.close();
		sap.rfc.ping(); // reopens lazily after an explicit close; no 'open' listener any more
		globalThis.result = { seen };`)
	m := res.(map[string]any)
	assert.Equal(t, []any{"open:true"}, m["seen"])
}

func TestConnectByDestinationName(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "destinations.ini")
	require.NoError(t, os.WriteFile(file, []byte("DEST=LOCAL\nURL=http://127.0.0.1:1\nCLIENT=001\nUSER=DEVELOPER\n"), 0o600))
	t.Setenv("WSRFC_DESTINATIONS", file)
	t.Setenv("SAP_PASSWORD", "from-the-environment")
	res, _ := runJS(t, simConfig(), `
		let e; try { sap.connect('LOCAL') } catch (err) { e = [err instanceof sap.ConnectionError, err.code] }
		let missing; try { sap.connect('NOPE') } catch (err) { missing = err.message }
		globalThis.result = { e, missing };`)
	m := res.(map[string]any)
	// The destination points at a closed port: connecting fails with a typed error,
	// which proves the name was resolved to that URL.
	assert.Equal(t, []any{true, "CONNECT_FAILED"}, m["e"])
	assert.Contains(t, m["missing"], `"NOPE" is not in`)
}

func TestLegacyServerDegradesWithClearErrors(t *testing.T) {
	cfg := simConfig()
	cfg.SimProfile = "legacy"
	res, _ := runJS(t, cfg, `
		const r = sap.rfc.call('STFC_CONNECTION', { REQUTEXT: 'old' });
		let structure;
		try { sap.rfc.call('STFC_STRUCTURE', { IMPORTSTRUCT: { RFCINT4: 1 } }) } catch (e) { structure = [e.code, e.local, e.message] }
		let changing;
		try { sap.rfc.call('STFC_CHANGING', { START_VALUE: 1, COUNTER: 2 }) } catch (e) { changing = e.code }
		globalThis.result = { echo: r.ECHOTEXT, legacy: sap.session.legacy, structure, changing };`)
	m := res.(map[string]any)
	assert.Equal(t, "old", m["echo"])
	assert.Equal(t, true, m["legacy"])
	st := m["structure"].([]any)
	assert.Equal(t, "UNSUPPORTED_BY_SERVER", st[0])
	assert.Equal(t, true, st[1])
	assert.Contains(t, st[2], "abap/")
	assert.Equal(t, "UNSUPPORTED_BY_SERVER", m["changing"])
}

func TestPasswordNeverInSessionOrErrors(t *testing.T) {
	secret := "S3cret-Pa55"
	cfg := destination.Config{URL: "http://127.0.0.1:1", Client: "001", User: "ME", Password: secret}
	res, _ := runJS(t, cfg, fmt.Sprintf(`
		let msg; try { sap.rfc.ping() } catch (e) { msg = e.message + JSON.stringify(e) + e.stack }
		globalThis.result = { msg, session: JSON.stringify(sap.session) };`))
	m := res.(map[string]any)
	assert.NotContains(t, m["msg"], secret)
	assert.NotContains(t, m["session"], secret)
}

type protocolParam = protocol.Parameter

func imp(name string, t *protocol.Type) protocol.Parameter {
	return protocol.Parameter{Name: name, Kind: protocol.Importing, Type: t.String(), DataType: t}
}

func exp(name string, t *protocol.Type) protocol.Parameter {
	return protocol.Parameter{Name: name, Kind: protocol.Exporting, Type: t.String(), Optional: true, DataType: t}
}

func dec(digits, decimals int) *protocol.Type { return protocol.Dec(digits, decimals) }
func int8t() *protocol.Type                   { return protocol.Int8() }

// A table of jsvalue.LazyRows rows or more reaches JS as a lazy array; it must
// behave like a plain array of plain objects, and go back into a call whole.
func TestLargeTablesBehaveLikePlainArrays(t *testing.T) {
	res, _ := runJS(t, simConfig(), `
		const n = 6000; // above jsvalue.LazyRows, and several frames on the wire
		const r = sap.rfc.call('STFC_PERFORMANCE', { LGET0332: String(n) });
		const rows = r.ETAB0332;
		const first = rows[0];
		const back = sap.rfc.call('STFC_PERFORMANCE', { CHECKTAB: 'X', LGIT0332: String(n), ITAB0332: rows });
		const keys = Object.keys(first);
		rows[1].NOTE = 'added';
		const withNote = Object.keys(rows[1]).includes('NOTE');
		delete rows[1].NOTE;
		rows[2][keys[0]] = 'changed';
		const changedBack = sap.rfc.call('STFC_PERFORMANCE', { CHECKTAB: 'X', LGIT0332: String(n), ITAB0332: rows });
		rows.push({ ...first });
		const pushed = rows.length;
		rows.length = 3;
		globalThis.result = {
			isArray: Array.isArray(rows), same: rows[0] === first,
			json: JSON.parse(JSON.stringify(first))[keys[0]] === first[keys[0]],
			mapped: r.ETAB0332.length === 3 && [...rows].every((x) => typeof x === 'object'),
			exitBack: back.EXITCODE, exitChanged: changedBack.EXITCODE,
			withNote, noteGone: !('NOTE' in rows[1]), changed: rows[2][keys[0]], pushed, truncated: rows.length,
			beyond: rows[5] === undefined,
		};`)
	m := res.(map[string]any)
	assert.Equal(t, true, m["isArray"])
	assert.Equal(t, true, m["same"], "reading a row twice gives one object")
	assert.Equal(t, true, m["json"])
	assert.Equal(t, "O", m["exitBack"], "the rows went back into the call as they came")
	assert.Equal(t, "E", m["exitChanged"], "a changed field went back changed")
	assert.Equal(t, true, m["withNote"])
	assert.Equal(t, true, m["noteGone"])
	assert.Equal(t, "changed", m["changed"])
	assert.Equal(t, int64(6001), m["pushed"])
	assert.Equal(t, int64(3), m["truncated"])
	assert.Equal(t, true, m["beyond"])
	assert.Equal(t, true, m["mapped"])
}

func TestDebugActionsTheServerDoesNotAnnounceFailBeforeSending(t *testing.T) {
	cfg := simConfig()
	cfg.SimProfile = "wsrfc-nodebugger"
	res, _ := runJS(t, cfg, `
		const status = sap.debug.getStatus();
		let sync; try { sap.debug.setBreakpoint({ program: 'SAPLZWSR_DEBUG', line: 16 }) } catch (e) { sync = [e.code, e.local, e.message] }
		let async; await sap.requestAsync('debug', 'listen', { timeout: 1 }).catch((e) => { async = [e.code, e.local] });
		let viaRequest; try { sap.request('debug', 'attach', { debuggeeId: 'X' }) } catch (e) { viaRequest = e.code }
		let unknown; try { sap.debug.noSuchAction() } catch (e) { unknown = [e.code, e.local === true] }
		globalThis.result = { available: status.debuggingAvailable, features: sap.session.features, sync, async, viaRequest, unknown };`)
	m := res.(map[string]any)
	assert.Equal(t, false, m["available"])
	assert.Contains(t, m["features"], "debug.getStatus")
	assert.NotContains(t, m["features"], "debug.setBreakpoint")
	sync := m["sync"].([]any)
	assert.Equal(t, "UNSUPPORTED_BY_SERVER", sync[0])
	assert.Equal(t, true, sync[1], "refused before sending")
	assert.Contains(t, sync[2], "debug.setBreakpoint")
	assert.Contains(t, sync[2], "serves: getStatus")
	assert.Contains(t, sync[2], "ZCL_VSP_DEBUG_SERVICE")
	assert.Equal(t, []any{"UNSUPPORTED_BY_SERVER", true}, m["async"])
	assert.Equal(t, "UNSUPPORTED_BY_SERVER", m["viaRequest"])
	// An action outside the debug domain's list is the server's to judge.
	assert.Equal(t, []any{"UNKNOWN_ACTION", false}, m["unknown"])
}

func TestFullSimulatorAnnouncesEveryDebugAction(t *testing.T) {
	res, _ := runJS(t, simConfig(), `sap.debug.getStatus(); globalThis.result = sap.session.features.filter((f) => f.startsWith('debug.'));`)
	want := []any{}
	for _, a := range []string{"setBreakpoint", "getBreakpoints", "deleteBreakpoint", "listen", "getDebuggees",
		"attach", "step", "getStack", "getVariables", "getSource", "detach", "getStatus"} {
		want = append(want, "debug."+a)
	}
	assert.ElementsMatch(t, want, res)
}
