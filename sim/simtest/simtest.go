// Package simtest serves the simulator to tests: on a loopback port, stopped
// with its sessions when the test ends.
package simtest

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

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
