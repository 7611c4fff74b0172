package sim_test

import (
	"context"
	"io"
	"net/http"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/gorilla/websocket"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wsrfc/wsrfc/session"
	"github.com/wsrfc/wsrfc/sim"
	"github.com/wsrfc/wsrfc/sim/simtest"
)

// rawDial logs on as the demo user with a bare WebSocket and reads the welcome.
func rawDial(t *testing.T, l *sim.Listener) *websocket.Conn {
	t.Helper()
	ws := simtest.DialWS(t, l)
	_, _, err := ws.ReadMessage()
	require.NoError(t, err)
	return ws
}

// closedWithin waits for the server to end the connection.
func closedWithin(t *testing.T, ws *websocket.Conn, d time.Duration) error {
	t.Helper()
	_ = ws.SetReadDeadline(time.Now().Add(d))
	for {
		if _, _, err := ws.ReadMessage(); err != nil {
			return err
		}
	}
}

func TestIdleConnectionIsClosed(t *testing.T) {
	_, l := simtest.Start(t, sim.Config{IdleTimeout: 200 * time.Millisecond})
	ws := rawDial(t, l)
	err := closedWithin(t, ws, 5*time.Second)
	var ce *websocket.CloseError
	require.ErrorAs(t, err, &ce, "the server must close an idle connection, not leave it open")
	assert.Equal(t, websocket.ClosePolicyViolation, ce.Code)
}

func TestPingsKeepAConnectionFromBeingIdle(t *testing.T) {
	_, l := simtest.Start(t, sim.Config{IdleTimeout: 300 * time.Millisecond})
	ws := rawDial(t, l)
	for range 8 {
		require.NoError(t, ws.WriteControl(websocket.PingMessage, nil, time.Now().Add(time.Second)))
		time.Sleep(100 * time.Millisecond)
	}
	require.NoError(t, ws.WriteMessage(websocket.TextMessage, []byte(`{"id":"s1","domain":"system","action":"ping"}`)))
	_ = ws.SetReadDeadline(time.Now().Add(5 * time.Second))
	_, msg, err := ws.ReadMessage()
	require.NoError(t, err, "a connection that pings is alive")
	assert.Contains(t, string(msg), `"id":"s1"`)
}

func TestFrameSentByteByByteIsCutOff(t *testing.T) {
	_, l := simtest.Start(t, sim.Config{FrameTimeout: 300 * time.Millisecond})
	ws := rawDial(t, l)
	// A masked text frame announcing 200 bytes (mask key 0: the payload goes as
	// is), whose payload then comes one byte every 50 ms.
	raw := ws.UnderlyingConn()
	_, err := raw.Write([]byte{0x81, 0x80 | 126, 0, 200, 0, 0, 0, 0})
	require.NoError(t, err)
	stop := make(chan struct{})
	defer close(stop)
	go func() {
		for range 200 {
			select {
			case <-stop:
				return
			case <-time.After(50 * time.Millisecond):
			}
			if _, err := raw.Write([]byte{' '}); err != nil {
				return
			}
		}
	}()
	start := time.Now()
	err = closedWithin(t, ws, 5*time.Second)
	var ce *websocket.CloseError
	require.ErrorAs(t, err, &ce, "the server must cut off a frame that does not end")
	assert.Less(t, time.Since(start), 3*time.Second)
}

// Many sessions sending large requests at once cost the simulator a few
// requests' worth of memory, not one per session.
func TestConcurrentLargeRequestsHaveBoundedMemory(t *testing.T) {
	_, l := simtest.Start(t, sim.Config{})
	const sessions = 16
	params := `{"blob":"` + strings.Repeat("x", 7<<20) + `"}`
	frame := []byte(`{"id":"s1","domain":"system","action":"ping","params":` + params + `}`)
	conns := make([]*websocket.Conn, sessions)
	for i := range conns {
		conns[i] = rawDial(t, l)
	}
	runtime.GC()
	var base runtime.MemStats
	runtime.ReadMemStats(&base)
	var peak atomic.Uint64
	sampling, cancel := context.WithCancel(context.Background())
	go func() {
		var ms runtime.MemStats
		for sampling.Err() == nil {
			runtime.ReadMemStats(&ms)
			if ms.HeapInuse > peak.Load() {
				peak.Store(ms.HeapInuse)
			}
			time.Sleep(2 * time.Millisecond)
		}
	}()
	var wg sync.WaitGroup
	for _, ws := range conns {
		wg.Go(func() {
			assert.NoError(t, ws.WriteMessage(websocket.TextMessage, frame))
			_ = ws.SetReadDeadline(time.Now().Add(30 * time.Second))
			_, msg, err := ws.ReadMessage()
			if assert.NoError(t, err) {
				assert.Contains(t, string(msg), `"success":true`)
			}
		})
	}
	wg.Wait()
	cancel()
	grown := (peak.Load() - min(peak.Load(), base.HeapInuse)) >> 20
	t.Logf("peak heap growth with %d concurrent 7 MiB requests: %d MB", sessions, grown)
	// Held at once, 16 requests of 7 MiB cost well over 300 MB.
	assert.Less(t, grown, uint64(170))
}

// After login/fails_to_user_lock (5) wrong passwords in a row the user is
// locked, the right password no longer works, and SAP's text says why.
func TestFiveWrongPasswordsLockTheUser(t *testing.T) {
	srv, l := simtest.Start(t, sim.Config{})
	srv.AddUser(sim.User{Name: "TESTER", Password: "Right-1", Client: sim.DemoClient, RFCAuth: []string{"*"}})
	// One logon attempt each: the GET that clients use to log on with cookies.
	attempt := func(password string) (int, string) {
		req, err := http.NewRequest(http.MethodGet, l.URL+"/sap/bc/adt/core/discovery?sap-client="+sim.DemoClient, nil)
		require.NoError(t, err)
		req.SetBasicAuth("TESTER", password)
		resp, err := http.DefaultClient.Do(req)
		require.NoError(t, err)
		defer resp.Body.Close()
		body, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(body)
	}
	code, _ := attempt("Right-1")
	require.Equal(t, http.StatusOK, code)
	for i := range 4 {
		code, body := attempt("wrong")
		require.Equal(t, http.StatusUnauthorized, code, "attempt %d", i+1)
		assert.Contains(t, body, "Name or password is incorrect")
	}
	code, _ = attempt("Right-1")
	require.Equal(t, http.StatusOK, code, "a good logon resets the count")
	for range 4 {
		attempt("wrong")
	}
	code, body := attempt("wrong")
	assert.Equal(t, http.StatusUnauthorized, code)
	assert.Contains(t, body, "Password logon no longer possible - too many failed attempts")
	code, body = attempt("Right-1")
	assert.Equal(t, http.StatusUnauthorized, code, "the right password does not open a locked user")
	assert.Contains(t, body, "too many failed attempts")

	// The client passes SAP's reason on.
	_, err := session.Dial(context.Background(), session.Options{URL: l.URL, Client: sim.DemoClient,
		User: "TESTER", Password: "Right-1", PingInterval: -1})
	var ce *session.ConnectionError
	require.ErrorAs(t, err, &ce)
	assert.True(t, ce.IsLogon())
	assert.Contains(t, err.Error(), "Password logon no longer possible - too many failed attempts")
	assert.NotContains(t, err.Error(), "Right-1")

	// Other users are not affected.
	simtest.Dial(t, simtest.Options(l, sim.DemoUser, sim.DemoPassword))
}
