package session_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"runtime"
	"sync"
	"testing"
	"time"

	"github.com/gorilla/websocket"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wsrfc/wsrfc/protocol"
	"github.com/wsrfc/wsrfc/session"
	"github.com/wsrfc/wsrfc/sim"
	"github.com/wsrfc/wsrfc/sim/simtest"
)

// secret is the password every test dials with; no error text may contain it.
const secret = "S3cr3t-Pa55w0rd"

// welcomeFrame is what the fake server sends right after the upgrade.
const welcomeFrame = `{"id":"welcome","success":true,"data":{"session":"X","version":"1.0.0","protocol":2,"domains":["system","rfc"],"features":["rfc.typed","frames.chunked","push"]}}`

// noLeak records the goroutine count now and, when the test ends (after every
// cleanup registered later has run), waits briefly for it to come back.
// Call it first in a test.
func noLeak(t *testing.T) {
	t.Helper()
	base := runtime.NumGoroutine()
	t.Cleanup(func() { requireGoroutinesBackTo(t, base) })
}

// requireGoroutinesBackTo polls until at most base goroutines run.
func requireGoroutinesBackTo(t *testing.T, base int) {
	t.Helper()
	deadline := time.Now().Add(time.Second)
	for {
		n := runtime.NumGoroutine()
		if n <= base {
			return
		}
		if time.Now().After(deadline) {
			buf := make([]byte, 1<<20)
			buf = buf[:runtime.Stack(buf, true)]
			t.Errorf("%d goroutines still running, %d before the test:\n%s", n, base, buf)
			return
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// noSecret fails when text carries the password.
func noSecret(t *testing.T, what string, text string) {
	t.Helper()
	assert.NotContains(t, text, secret, "%s leaks the password", what)
}

// fakeSAP is a WebSocket server that greets like ZADT_VSP and then does
// whatever the test's script says.
type fakeSAP struct {
	t        *testing.T
	srv      *httptest.Server
	welcome  string // "" sends none
	status   int    // non-zero: refuse the upgrade with this HTTP status
	script   func(c *fakeConn)
	requests chan *http.Request

	mu    sync.Mutex
	conns []*websocket.Conn
}

// fakeConn is the server end of one session.
type fakeConn struct {
	*websocket.Conn
	t *testing.T
}

func newFake(t *testing.T, script func(c *fakeConn)) *fakeSAP {
	t.Helper()
	f := &fakeSAP{t: t, welcome: welcomeFrame, script: script, requests: make(chan *http.Request, 16)}
	f.srv = httptest.NewServer(http.HandlerFunc(f.serve))
	t.Cleanup(f.close)
	return f
}

func (f *fakeSAP) serve(w http.ResponseWriter, r *http.Request) {
	select {
	case f.requests <- r.Clone(context.Background()):
	default:
	}
	if f.status != 0 {
		w.Header().Set("WWW-Authenticate", `Basic realm="SAP"`)
		http.Error(w, fmt.Sprintf("fake SAP says %d", f.status), f.status)
		return
	}
	up := websocket.Upgrader{}
	ws, err := up.Upgrade(w, r, nil)
	if err != nil {
		return
	}
	f.mu.Lock()
	f.conns = append(f.conns, ws)
	f.mu.Unlock()
	defer ws.Close()
	if f.welcome != "" {
		if err := ws.WriteMessage(websocket.TextMessage, []byte(f.welcome)); err != nil {
			return
		}
	}
	if f.script != nil {
		f.script(&fakeConn{Conn: ws, t: f.t})
	}
}

func (f *fakeSAP) close() {
	f.mu.Lock()
	for _, c := range f.conns {
		_ = c.Close()
	}
	f.mu.Unlock()
	f.srv.Close()
}

// options are short-fused defaults for tests against the fake.
func (f *fakeSAP) options() session.Options {
	return session.Options{
		URL: f.srv.URL, Client: "001", User: "developer", Password: secret,
		HandshakeTimeout: time.Second, WelcomeTimeout: time.Second,
		CallTimeout: 2 * time.Second, PingInterval: -1,
	}
}

// dial opens a session to the fake; it is closed when the test ends.
func (f *fakeSAP) dial(t *testing.T, opts session.Options) *session.Session {
	t.Helper()
	s, err := session.Dial(context.Background(), opts)
	require.NoError(t, err)
	t.Cleanup(func() { _ = s.Close() })
	return s
}

// request reads the next request frame; ok is false when the client is gone.
func (c *fakeConn) request() (*protocol.Request, bool) {
	for {
		typ, msg, err := c.ReadMessage()
		if err != nil {
			return nil, false
		}
		if typ != websocket.TextMessage {
			continue
		}
		var r protocol.Request
		if err := json.Unmarshal(msg, &r); err != nil {
			c.t.Errorf("the client sent a frame that is not a request: %q", msg)
			return nil, false
		}
		return &r, true
	}
}

// send writes one raw text frame.
func (c *fakeConn) send(frame string) {
	_ = c.WriteMessage(websocket.TextMessage, []byte(frame))
}

// reply answers a request with success and the given data.
func (c *fakeConn) reply(id, data string) {
	c.send(fmt.Sprintf(`{"id":%q,"success":true,"data":%s}`, id, data))
}

// echo answers every request with its own params until the client leaves.
func (c *fakeConn) echo() {
	for {
		r, ok := c.request()
		if !ok {
			return
		}
		p := string(r.Params)
		if p == "" {
			p = "{}"
		}
		c.reply(r.ID, p)
	}
}

// drop cuts the TCP connection without a close frame.
func (c *fakeConn) drop() { _ = c.UnderlyingConn().Close() }

// simOptions logs on to a simulator as the demo user, with short timeouts
// so that a failing test fails fast.
func simOptions(l *sim.Listener) session.Options {
	o := simtest.Options(l, sim.DemoUser, sim.DemoPassword)
	o.HandshakeTimeout, o.WelcomeTimeout, o.CallTimeout = time.Second, time.Second, 2*time.Second
	return o
}

// within fails when fn takes longer than d, and returns its duration.
func within(t *testing.T, d time.Duration, fn func()) time.Duration {
	t.Helper()
	start := time.Now()
	fn()
	took := time.Since(start)
	assert.Less(t, took, d, "took %s", took)
	return took
}

func requireConnectionError(t *testing.T, err error) *session.ConnectionError {
	t.Helper()
	require.Error(t, err)
	var ce *session.ConnectionError
	require.ErrorAs(t, err, &ce, "got %T: %v", err, err)
	noSecret(t, "error", err.Error())
	return ce
}

func requireSessionError(t *testing.T, err error, code string) *session.Error {
	t.Helper()
	require.Error(t, err)
	var se *session.Error
	require.ErrorAs(t, err, &se, "got %T: %v", err, err)
	assert.Equal(t, code, se.Code, "error %v", err)
	return se
}
