// Package simtest serves the simulator to tests: on a loopback port, stopped
// with its sessions when the test ends.
package simtest

import (
	"context"
	"encoding/base64"
	"net/http"
	"testing"
	"time"

	"github.com/gorilla/websocket"
	"github.com/stretchr/testify/require"

	"github.com/wsrfc/wsrfc/protocol"
	"github.com/wsrfc/wsrfc/session"
	"github.com/wsrfc/wsrfc/sim"
)

// Start serves a new simulator configured by cfg until the test ends.
func Start(t testing.TB, cfg sim.Config) (*sim.Server, *sim.Listener) {
	t.Helper()
	srv := sim.New(cfg)
	return srv, Serve(t, srv)
}

// Serve serves srv on a free loopback port until the test ends.
func Serve(t testing.TB, srv *sim.Server) *sim.Listener {
	t.Helper()
	l, err := srv.Start("127.0.0.1:0")
	require.NoError(t, err)
	t.Cleanup(func() { _ = l.Close() })
	return l
}

// Options logs on to l as user in the demo client. Keepalive pings are off:
// a test that wants them says so.
func Options(l *sim.Listener, user, password string) session.Options {
	return session.Options{URL: l.URL, Client: sim.DemoClient, User: user, Password: password, PingInterval: -1}
}

// Dial opens a session, closed when the test ends.
func Dial(t testing.TB, opts session.Options) *session.Session {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	s, err := session.Dial(ctx, opts)
	require.NoError(t, err)
	t.Cleanup(func() { _ = s.Close() })
	return s
}

// DialWS opens a bare WebSocket to l as the demo user in the demo client, for
// tests that speak the wire frame by frame, as any client of the handler does.
// The welcome is the first frame to read. The connection is closed when the
// test ends.
func DialWS(t testing.TB, l *sim.Listener) *websocket.Conn {
	t.Helper()
	h := http.Header{}
	h.Set("Authorization", "Basic "+base64.StdEncoding.EncodeToString([]byte(sim.DemoUser+":"+sim.DemoPassword)))
	url := "ws://" + l.Addr + protocol.DefaultPath + "?sap-client=" + sim.DemoClient
	ws, resp, err := websocket.DefaultDialer.Dial(url, h)
	if resp != nil && resp.Body != nil {
		_ = resp.Body.Close()
	}
	require.NoError(t, err, "dial %s", url)
	t.Cleanup(func() { _ = ws.Close() })
	return ws
}
