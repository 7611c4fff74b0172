package sap_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/gorilla/websocket"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wsrfc/wsrfc/bindings/sap"
	"github.com/wsrfc/wsrfc/destination"
	"github.com/wsrfc/wsrfc/host"
	"github.com/wsrfc/wsrfc/runtime/engine"
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
	assert.Contains(t, m["deep"], "nested more than 97 levels deep")
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
	t.Logf("a million-row table refused after %d MB of allocations", allocated>>20)
	assert.Less(t, allocated, uint64(400<<20), "allocated %d MB", allocated>>20)
}

// fakeServer is a push channel that sends a welcome, then hands each request
// frame to answer, which writes whatever frames it likes.
func fakeServer(t *testing.T, answer func(ws *websocket.Conn, req map[string]any)) destination.Config {
	t.Helper()
	up := websocket.Upgrader{}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ws, err := up.Upgrade(w, r, nil)
		if err != nil {
			return
		}
		defer ws.Close()
		welcome := `{"id":"welcome","success":true,"data":{"session":"S1","version":"2.0.0","domains":["system","rfc"],"protocol":2,"features":["push","chunked"]}}`
		if ws.WriteMessage(websocket.TextMessage, []byte(welcome)) != nil {
			return
		}
		for {
			_, msg, err := ws.ReadMessage()
			if err != nil {
				return
			}
			var req map[string]any
			if json.Unmarshal(msg, &req) == nil {
				answer(ws, req)
			}
		}
	}))
	t.Cleanup(srv.Close)
	return destination.Config{URL: srv.URL}
}

func TestPushesWaitingForTheScriptAreBoundedWithACountedWarning(t *testing.T) {
	const pushes = 30000
	cfg := fakeServer(t, func(ws *websocket.Conn, req map[string]any) {
		push := []byte(`{"domain":"debug","event":"tick","data":{"n":1}}`)
		for range pushes {
			_ = ws.WriteMessage(websocket.TextMessage, push)
		}
		_ = ws.WriteMessage(websocket.TextMessage, []byte(`{"id":"`+req["id"].(string)+`","success":true,"data":{}}`))
	})
	res, out := runJS(t, cfg, `
		let seen = 0;
		sap.on('debug', () => seen++);
		sap.request('system', 'ping'); // the script is busy while the pushes arrive
		await new Promise(r => setTimeout(r, 200));
		globalThis.result = seen;`)
	assert.Equal(t, int64(sap.MaxQueuedPushes), res)
	assert.Contains(t, out, fmt.Sprintf("warning: %d server pushes dropped", pushes-sap.MaxQueuedPushes))
}

// Numbers in raw request replies and pushes keep every digit: INT8 values
// beyond 2^53 become BigInts, and a number beyond a double's range stays its
// exact text instead of the reply turning into a string.
func TestRequestAndPushDataKeepIntegerPrecision(t *testing.T) {
	cfg := fakeServer(t, func(ws *websocket.Conn, req map[string]any) {
		_ = ws.WriteMessage(websocket.TextMessage, []byte(`{"domain":"debug","event":"n","data":{"n":9007199254740993}}`))
		_ = ws.WriteMessage(websocket.TextMessage, []byte(`{"id":"`+req["id"].(string)+
			`","success":true,"data":{"n":9007199254740993,"small":42,"f":1.5,"huge":1e400,"list":[123456789012345678901234567890]}}`))
	})
	res, _ := runJS(t, cfg, `
		let pushed;
		sap.on('debug', e => { pushed = e.data.n; });
		const r = await sap.requestAsync('system', 'ping');
		await new Promise(r => setTimeout(r, 50));
		globalThis.result = { n: String(r.n), nType: typeof r.n, small: r.small, smallType: typeof r.small, f: r.f,
			huge: r.huge, list: String(r.list[0]), pushed: String(pushed), pushedType: typeof pushed };`)
	m := res.(map[string]any)
	assert.Equal(t, "9007199254740993", m["n"])
	assert.Equal(t, "bigint", m["nType"])
	assert.Equal(t, int64(42), m["small"])
	assert.Equal(t, "number", m["smallType"])
	assert.Equal(t, 1.5, m["f"])
	assert.Equal(t, "1e400", m["huge"])
	assert.Equal(t, "123456789012345678901234567890", m["list"])
	assert.Equal(t, "9007199254740993", m["pushed"])
	assert.Equal(t, "bigint", m["pushedType"])
}

// A raw reply split over several frames and a push too large to be peeked
// at arrive as exactly as small ones: the session decodes every frame once
// and hands the values over as they are, merged, with no JSON in between.
func TestChunkedRequestReplyAndLargePushKeepIntegerPrecision(t *testing.T) {
	pad := strings.Repeat("x", 70<<10)
	cfg := fakeServer(t, func(ws *websocket.Conn, req map[string]any) {
		id := req["id"].(string)
		_ = ws.WriteMessage(websocket.TextMessage, []byte(`{"domain":"debug","event":"big","data":{"pad":"`+pad+`","n":-9007199254740995}}`))
		_ = ws.WriteMessage(websocket.TextMessage, []byte(`{"id":"`+id+`","success":true,"more":true,"data":{"rows":[9007199254740993],"total":18014398509481985}}`))
		_ = ws.WriteMessage(websocket.TextMessage, []byte(`{"id":"`+id+`","success":true,"data":{"rows":[12345678901234567890]}}`))
	})
	res, _ := runJS(t, cfg, `
		let pushed;
		sap.on('debug', e => { pushed = e.data; });
		const r = sap.request('system', 'ping');
		await new Promise(r => setTimeout(r, 50));
		globalThis.result = { rows: r.rows.map(n => typeof n + ' ' + n), total: typeof r.total + ' ' + r.total,
			pushed: typeof pushed.n + ' ' + pushed.n, pad: pushed.pad.length };`)
	m := res.(map[string]any)
	assert.Equal(t, []any{"bigint 9007199254740993", "bigint 12345678901234567890"}, m["rows"])
	assert.Equal(t, "bigint 18014398509481985", m["total"])
	assert.Equal(t, "bigint -9007199254740995", m["pushed"])
	assert.Equal(t, int64(70<<10), m["pad"])
}

func TestRequestAsyncRejectsWhenTheSessionIsGone(t *testing.T) {
	res, _ := runJS(t, simConfig(), `
		try { sap.rfc.call('RFC_RAISE_ERROR', { METHOD: '3', MESSAGETYPE: 'E' }) } catch (e) {}
		let thrown = false, p;
		try { p = sap.requestAsync('system', 'ping'); } catch (e) { thrown = true; }
		const code = await p.then(() => 'resolved', e => e.code);
		globalThis.result = { thrown, code };`)
	assert.Equal(t, map[string]any{"thrown": false, "code": "CONNECTION_LOST"}, res)
}

// heapScript runs src like runJS with a global heapMB() that collects garbage
// and returns the live Go heap in MB.
func heapScript(t *testing.T, cfg destination.Config, src string) any {
	t.Helper()
	var out bytes.Buffer
	h, err := host.New(host.Options{Config: cfg, Stdout: &out, Stderr: &out})
	require.NoError(t, err)
	defer h.Close()
	require.NoError(t, h.Runtime.VM.Set("heapMB", func() float64 {
		runtime.GC()
		var ms runtime.MemStats
		runtime.ReadMemStats(&ms)
		return float64(ms.HeapAlloc) / (1 << 20)
	}))
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	err = h.Runtime.RunString(ctx, "test.js", src)
	require.NoError(t, err, "script failed: %s\noutput:\n%s", engine.FormatError(err), out.String())
	return h.Runtime.VM.Get("result").Export()
}

// Sessions of sap.open() that the script closed and dropped are garbage.
func TestOpenAndCloseInALoopKeepsMemoryFlat(t *testing.T) {
	res := heapScript(t, simConfig(), `
		const cycle = n => { for (let i = 0; i < n; i++) { const s = sap.open(); s.rfc.ping(); s.close(); } };
		cycle(200);
		const before = heapMB();
		cycle(1500);
		globalThis.result = heapMB() - before;`)
	grown := res.(float64)
	t.Logf("heap growth over 1,500 sessions: %.2f MB", grown)
	// 32 KB a session kept would be 47 MB.
	assert.Less(t, grown, 10.0, "the heap grew by %.1f MB over 1,500 sessions", grown)
}

// TestSoakOpenClose10000Sessions opens and closes 10,000 sessions with
// sap.open() and sap.connect() and reports the live heap every 1,000. It takes
// a while, so it runs only with WSRFC_SOAK=1:
//
//	WSRFC_SOAK=1 go test ./bindings/sap -run Soak -v
func TestSoakOpenClose10000Sessions(t *testing.T) {
	if os.Getenv("WSRFC_SOAK") == "" {
		t.Skip("soak test: set WSRFC_SOAK=1 to run it")
	}
	res := heapScript(t, simConfig(), `
		const heap = [heapMB()];
		for (let i = 1; i <= 10000; i++) {
			const s = sap.open(); s.rfc.ping(); s.close();
			sap.connect(); sap.rfc.ping(); sap.close();
			if (i % 1000 === 0) heap.push(heapMB());
		}
		globalThis.result = heap;`)
	heap := res.([]any)
	for i, h := range heap {
		t.Logf("after %5d sessions of each kind: heap %.1f MB", i*1000, h)
	}
	first, last := heap[1].(float64), heap[len(heap)-1].(float64)
	assert.Less(t, last-first, 5.0, "the heap grew from %.1f to %.1f MB", first, last)
}

// Messages speak of the script's values and the protocol, never of Go types,
// and do not repeat a huge value whole.
func TestErrorMessagesAreShortAndFreeOfGoTypes(t *testing.T) {
	res, _ := runJS(t, simConfig(), `
		const out = {};
		try { sap.rfc.call('STFC_STRUCTURE', { IMPORTSTRUCT: { RFCINT4: '9'.repeat(10000) } }); } catch (e) { out.long = e.message; }
		try { sap.connect({ url: 'http://127.0.0.1:1', timeout: () => 1 }); } catch (e) { out.fnOption = e.message; }
		try { sap.connect({ url: 42 }); } catch (e) { out.numOption = e.message; }
		globalThis.result = out;`)
	m := res.(map[string]any)
	long := m["long"].(string)
	assert.Less(t, len(long), 300, long)
	assert.Contains(t, long, "(10000 characters)")
	for _, k := range []string{"fnOption", "numOption"} {
		msg := m[k].(string)
		assert.NotContains(t, msg, "goja", k)
		assert.NotContains(t, msg, "Go struct", k)
		assert.NotContains(t, msg, "func(", k)
	}
	assert.Equal(t, "connection option url must be a string, not a number", m["numOption"])

	cfg := fakeServer(t, func(ws *websocket.Conn, req map[string]any) {
		_ = ws.WriteMessage(websocket.TextMessage, []byte(`{"id":"`+req["id"].(string)+`","success":"yes","data":{}}`))
	})
	res, _ = runJS(t, cfg, `try { sap.request('system', 'ping'); } catch (e) { globalThis.result = e.message; }`)
	msg := res.(string)
	assert.NotContains(t, msg, "not valid JSON")
	assert.NotContains(t, msg, "Go struct")
	assert.Contains(t, msg, `member "success" is a JSON string where true or false belongs`)
}

// The depth the server announces is the depth the client allows, the
// envelope counted: the deepest value the simulator takes passes, one more
// level is refused before sending; a raw frame beyond it is a PARSE_ERROR.
func TestDepthLimitIsTheServersEnvelopeIncluded(t *testing.T) {
	res, _ := runJS(t, simConfig(), `
		const nest = n => { let v = 1; for (let i = 0; i < n; i++) v = [v]; return v; };
		const out = {};
		out.limit = sap.request('system', 'ping', { v: nest(98) }) !== undefined;
		try { sap.request('system', 'ping', { v: nest(99) }); } catch (e) { out.over = e.name + ': ' + e.message; }
		globalThis.result = out;`)
	m := res.(map[string]any)
	assert.Equal(t, true, m["limit"])
	assert.Contains(t, m["over"], "TypeError: sap.request: parameter v[0][0]")
	assert.Contains(t, m["over"], "is nested more than 98 levels deep, the most SAP's handler reads")
}
