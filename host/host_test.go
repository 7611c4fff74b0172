package host_test

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wsrfc/wsrfc/destination"
	"github.com/wsrfc/wsrfc/host"
	"github.com/wsrfc/wsrfc/runtime/engine"
	"github.com/wsrfc/wsrfc/session"
	"github.com/wsrfc/wsrfc/sim"
)

func newHost(t *testing.T, opts host.Options) (*host.Host, *bytes.Buffer) {
	t.Helper()
	var out bytes.Buffer
	opts.Stdout, opts.Stderr = &out, &out
	opts.Config.Sim = true
	h, err := host.New(opts)
	require.NoError(t, err)
	t.Cleanup(h.Close)
	return h, &out
}

func run(t *testing.T, h *host.Host, out *bytes.Buffer, src string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	err := h.Runtime.RunString(ctx, "test.js", src)
	require.NoError(t, err, "%s\n%s", engine.FormatError(err), out.String())
}

func TestSessionsOfOneHostShareItsSimulator(t *testing.T) {
	h, out := newHost(t, host.Options{})
	run(t, h, out, `
		sap.rfc.ping();
		const other = sap.open({ sim: true });
		console.log(sap.session.id !== other.session.id, sap.session.url === other.session.url);
		console.log(require('sap') === sap);
		other.close();`)
	assert.Equal(t, "true true\ntrue\n", out.String())
}

func TestEachHostHasASimulatorOfItsOwn(t *testing.T) {
	a, _ := newHost(t, host.Options{})
	b, _ := newHost(t, host.Options{})
	la, err := a.Simulators().Listener("")
	require.NoError(t, err)
	lb, err := b.Simulators().Listener("")
	require.NoError(t, err)
	assert.NotEqual(t, la.URL, lb.URL, "a simulator's database never leaks into the next host")

	// A module defined on one host's simulator is not on the other's.
	srv, err := a.Simulators().Server("")
	require.NoError(t, err)
	require.NoError(t, srv.Define(&sim.Function{Name: "Z_HOST_ONLY", Group: "ZHOST", Handler: func(*sim.Call) error { return nil }}))
	ctx := context.Background()
	sa, err := a.Open(ctx)
	require.NoError(t, err)
	defer sa.Close()
	_, err = sa.Call(ctx, "Z_HOST_ONLY", nil)
	require.NoError(t, err)
	sb, err := b.Open(ctx)
	require.NoError(t, err)
	defer sb.Close()
	_, err = sb.Call(ctx, "Z_HOST_ONLY", nil)
	assert.ErrorContains(t, err, "FUNC_NOT_FOUND")
}

func TestClosingTheHostStopsItsSimulator(t *testing.T) {
	h, err := host.New(host.Options{Config: destination.Config{Sim: true}})
	require.NoError(t, err)
	l, err := h.Simulators().Listener("")
	require.NoError(t, err)
	h.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	_, err = session.Dial(ctx, session.Options{URL: l.URL, Client: sim.DemoClient, User: sim.DemoUser, Password: sim.DemoPassword})
	var ce *session.ConnectionError
	assert.ErrorAs(t, err, &ce, "nobody serves there any more")
	_, err = h.Simulators().Listener("")
	assert.ErrorContains(t, err, "host is closed")
}

func TestDefinesAndSetupReachTheSimulatorBeforeTheScript(t *testing.T) {
	file := filepath.Join(t.TempDir(), "z.js")
	require.NoError(t, os.WriteFile(file, []byte(`define({ name: 'Z_HOST_ECHO', importing: { IN: 'STRING' }, exporting: { OUT: 'STRING' },
		handler({ IN }) { return { OUT: IN + '!' }; } });`), 0o600))
	setupRan := 0
	h, out := newHost(t, host.Options{Defines: []string{file}, SimSetup: func(*sim.Server) error { setupRan++; return nil }})
	run(t, h, out, `console.log(sap.rfc.call('Z_HOST_ECHO', { IN: 'hi' }).OUT)`)
	assert.Equal(t, "hi!\n", out.String())
	assert.Equal(t, 1, setupRan, "once for the one simulator started")
}

func TestADefineMistakeIsADefineError(t *testing.T) {
	_, err := host.New(host.Options{Config: destination.Config{Sim: true}, Defines: []string{"no/such/file.js"}})
	var de *host.DefineError
	require.ErrorAs(t, err, &de)
	assert.Contains(t, err.Error(), "--define no/such/file.js")

	bad := filepath.Join(t.TempDir(), "bad.js")
	require.NoError(t, os.WriteFile(bad, []byte("define({ name: 'Z_T', importing: { A: 'CHR(3)' }, handler() {} })\n"), 0o600))
	_, err = host.New(host.Options{Config: destination.Config{Sim: true}, Defines: []string{bad}})
	require.ErrorAs(t, err, &de)
	assert.Contains(t, err.Error(), "bad.js:1:")
}
