package session_test

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"runtime"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wsrfc/wsrfc/protocol"
	"github.com/wsrfc/wsrfc/session"
	"github.com/wsrfc/wsrfc/sim"
	"github.com/wsrfc/wsrfc/sim/simtest"
)

func TestCallSTFCConnectionOnBothProfiles(t *testing.T) {
	for _, profile := range []sim.Profile{sim.ProfileWsrfc, sim.ProfileLegacy} {
		t.Run(string(profile), func(t *testing.T) {
			noLeak(t)
			_, l := simtest.Start(t, sim.Config{Profile: profile})
			s, err := session.Dial(bg, simOptions(l))
			require.NoError(t, err)
			defer s.Close()
			assert.Equal(t, profile == sim.ProfileLegacy, s.Legacy())

			out, err := s.Call(bg, "stfc_connection", map[string]any{"requtext": "hi <&>"})
			require.NoError(t, err)
			assert.Equal(t, "hi <&>", out["ECHOTEXT"])
			assert.Contains(t, out["RESPTEXT"], "Sysid: WSR")
		})
	}
}

func TestBasicRefusedOnUpgradeFallsBackToCookieLogon(t *testing.T) {
	noLeak(t)
	_, l := simtest.Start(t, sim.Config{RefuseBasicOnUpgrade: true})
	base := runtime.NumGoroutine()

	s, err := session.Dial(bg, simOptions(l))
	require.NoError(t, err)
	assert.Equal(t, sim.DemoUser, s.Welcome().System.User)
	out, err := s.Call(bg, "STFC_CONNECTION", map[string]any{"REQUTEXT": "via cookies"})
	require.NoError(t, err)
	assert.Equal(t, "via cookies", out["ECHOTEXT"])

	require.NoError(t, s.Close())
	// The server still runs: the logon GET must not leave a kept-alive
	// connection (and its transport goroutines) behind.
	requireGoroutinesBackTo(t, base)
}

func TestBasicRefusedOnUpgradeWithWrongPasswordIsALogonError(t *testing.T) {
	noLeak(t)
	_, l := simtest.Start(t, sim.Config{RefuseBasicOnUpgrade: true})
	opts := simOptions(l)
	opts.Password = secret

	_, err := session.Dial(bg, opts)
	ce := requireConnectionError(t, err)
	assert.True(t, ce.IsLogon())
	assert.Equal(t, http.StatusUnauthorized, ce.StatusCode)
	assert.Contains(t, ce.Message, "user DEVELOPER in client 001")
}

func TestWrongPasswordOnUpgradeIsALogonError(t *testing.T) {
	noLeak(t)
	_, l := simtest.Start(t, sim.Config{})
	opts := simOptions(l)
	opts.Password = secret

	_, err := session.Dial(bg, opts)
	ce := requireConnectionError(t, err)
	assert.True(t, ce.IsLogon())
	noSecret(t, "%#v of the error", fmt.Sprintf("%#v", err))
}

// simLogonCookie logs on with a GET, as a browser session would, and returns the cookie header.
func simLogonCookie(t *testing.T, l *sim.Listener) string {
	t.Helper()
	req, err := http.NewRequest(http.MethodGet, l.URL+"/sap/bc/adt/core/discovery?sap-client=001", nil)
	require.NoError(t, err)
	req.SetBasicAuth(sim.DemoUser, sim.DemoPassword)
	client := &http.Client{Transport: &http.Transport{}}
	defer client.CloseIdleConnections()
	resp, err := client.Do(req)
	require.NoError(t, err)
	_, _ = io.Copy(io.Discard, resp.Body)
	_ = resp.Body.Close()
	require.Equal(t, http.StatusOK, resp.StatusCode)
	var parts []string
	for _, c := range resp.Cookies() {
		parts = append(parts, c.Name+"="+c.Value)
	}
	require.NotEmpty(t, parts)
	return strings.Join(parts, "; ")
}

func TestCookieAuthAgainstSimulator(t *testing.T) {
	noLeak(t)
	_, l := simtest.Start(t, sim.Config{RefuseBasicOnUpgrade: true})
	opts := simOptions(l)
	opts.User, opts.Password = "", ""
	opts.Cookie = simLogonCookie(t, l)

	s, err := session.Dial(bg, opts)
	require.NoError(t, err)
	defer s.Close()
	assert.Equal(t, sim.DemoUser, s.Welcome().System.User)
	_, err = s.Ping(bg)
	assert.NoError(t, err)

	opts.Cookie = "SAP_SESSIONID_WSR_001=forged"
	_, err = session.Dial(bg, opts)
	ce := requireConnectionError(t, err)
	assert.True(t, ce.IsLogon())
	assert.NotContains(t, ce.Error(), "forged")
}

func TestSimulatorChunksLargeTablesAndTheClientMergesThem(t *testing.T) {
	noLeak(t)
	srv, l := simtest.Start(t, sim.Config{MaxFrameBytes: 2048})
	const rows = 200
	line := protocol.Struct("ZROW", protocol.F("N", protocol.Int4()), protocol.F("TEXT", protocol.Char(20)))
	require.NoError(t, srv.Define(&sim.Function{
		Name: "Z_MANY_ROWS",
		Params: []protocol.Parameter{
			{Name: "ROWS", Kind: protocol.Tables, Type: "ZROW", DataType: protocol.TableOf("", line), Optional: true},
			{Name: "COUNT", Kind: protocol.Exporting, Type: "INT4", DataType: protocol.Int4()},
		},
		Handler: func(c *sim.Call) error {
			out := make([]any, rows)
			for i := range out {
				out[i] = map[string]any{"N": i, "TEXT": fmt.Sprintf("row %d", i)}
			}
			c.Set("ROWS", out)
			c.Set("COUNT", rows)
			return nil
		},
	}))
	s, err := session.Dial(bg, simOptions(l))
	require.NoError(t, err)
	defer s.Close()

	out, err := s.Call(bg, "Z_MANY_ROWS", nil)
	require.NoError(t, err)
	assert.Equal(t, int64(rows), out["COUNT"])
	got := out["ROWS"].([]any)
	require.Len(t, got, rows)
	for i, r := range got {
		assert.Equal(t, int64(i), r.(map[string]any)["N"], "row %d in order", i)
	}
}

func TestPushFromAFunctionModuleReachesSubscribers(t *testing.T) {
	noLeak(t)
	srv, l := simtest.Start(t, sim.Config{})
	require.NoError(t, srv.Define(&sim.Function{
		Name: "Z_PUSHES",
		Handler: func(c *sim.Call) error {
			return c.Session.Push("rfc", "progress", map[string]int{"done": 50})
		},
	}))
	s, err := session.Dial(bg, simOptions(l))
	require.NoError(t, err)
	defer s.Close()
	got := make(chan session.Push, 1)
	s.OnPush(func(p session.Push) { got <- p })

	_, err = s.Call(bg, "Z_PUSHES", nil)
	require.NoError(t, err)
	p := <-got
	assert.Equal(t, "progress", p.Event)
	assert.Equal(t, map[string]any{"done": json.Number("50")}, p.Data)
}
