package destination_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wsrfc/wsrfc/destination"
	"github.com/wsrfc/wsrfc/sim"
	"github.com/wsrfc/wsrfc/sim/simtest"
)

func envOf(m map[string]string) func(string) string { return func(k string) string { return m[k] } }

func writeDestinations(t *testing.T, body string, mode os.FileMode) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "destinations.ini")
	require.NoError(t, os.WriteFile(path, []byte(body), mode))
	require.NoError(t, os.Chmod(path, mode))
	return path
}

func TestDestinationFileWinsOverEnvironmentAndFlagsWinOverBoth(t *testing.T) {
	path := writeDestinations(t, "# test systems\nDEST=DEV\nURL=https://dev:44300\nCLIENT=100\nUSER=me\nTIMEOUT=30s\n\nDEST=qas\nURL=https://qas:44300\nINSECURE=1\n", 0o644)
	env := envOf(map[string]string{"WSRFC_DESTINATIONS": path, "SAP_URL": "https://prod:443", "SAP_CLIENT": "500", "SAP_PASSWORD": "pw"})

	c, err := destination.Resolve(destination.Config{Dest: "dev", Client: "200"}, env)
	require.NoError(t, err)
	assert.Equal(t, "https://dev:44300", c.URL)
	assert.Equal(t, "200", c.Client, "a flag beats the destination")
	assert.Equal(t, "me", c.User)
	assert.Equal(t, "pw", c.Password, "the environment fills what the destination leaves open")
	assert.Equal(t, 30*time.Second, c.Timeout)
	assert.False(t, c.Sim)

	c, err = destination.Resolve(destination.Config{Dest: "QAS"}, env)
	require.NoError(t, err)
	assert.True(t, c.Insecure)
	assert.Equal(t, "500", c.Client)

	_, err = destination.Resolve(destination.Config{Dest: "PRD"}, env)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "DEV")
}

func TestNoSystemConfiguredMeansTheSimulator(t *testing.T) {
	c, err := destination.Resolve(destination.Config{}, envOf(nil))
	require.NoError(t, err)
	assert.True(t, c.Sim)
	c, err = destination.Resolve(destination.Config{Sim: true}, envOf(map[string]string{"SAP_URL": "https://prod"}))
	require.NoError(t, err)
	assert.True(t, c.Sim, "--sim wins over SAP_URL")
	assert.Empty(t, c.URL)
}

func TestPasswordInAReadableFileIsRefused(t *testing.T) {
	path := writeDestinations(t, "DEST=DEV\nURL=https://dev\nPASSWD=secret\n", 0o644)
	_, err := destination.LoadFile(path)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "chmod 600")
	assert.NotContains(t, err.Error(), "secret")

	require.NoError(t, os.Chmod(path, 0o600))
	dests, err := destination.LoadFile(path)
	require.NoError(t, err)
	assert.Equal(t, "secret", dests["DEV"].Password)
	assert.NotContains(t, dests["DEV"].String(), "secret")
}

func TestMalformedFilesSayWhere(t *testing.T) {
	for body, want := range map[string]string{
		"URL=https://x\n":        "before the first DEST",
		"DEST=A\nNONSENSE\n":     ":2: expected KEY=VALUE",
		"DEST=A\nFOO=1\n":        "unknown key FOO",
		"DEST=A\nTIMEOUT=soon\n": "timeout",
	} {
		_, err := destination.LoadFile(writeDestinations(t, body, 0o600))
		require.Error(t, err, body)
		assert.Contains(t, err.Error(), want)
	}
	_, err := destination.LoadFile(filepath.Join(t.TempDir(), "missing.ini"))
	assert.ErrorContains(t, err, "WSRFC_DESTINATIONS")
}

func TestOpenWithoutPasswordAndNoTerminalFailsClearly(t *testing.T) {
	_, err := destination.Open(context.Background(), destination.Config{URL: "http://127.0.0.1:1", User: "me"}, nil)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "SAP_PASSWORD")
}

func TestASimConfigurationNeedsTheHostsSimulator(t *testing.T) {
	_, err := destination.Open(context.Background(), destination.Config{Sim: true}, nil)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "no simulator is embedded here")
}

func TestNoClientMeansTheSystemsDefaultClient(t *testing.T) {
	_, l := simtest.Start(t, sim.Config{Profile: sim.ProfileWsrfc})
	s, err := destination.Open(context.Background(), destination.Config{URL: l.URL, User: "DEVELOPER", Password: "Down1oad"}, nil)
	require.NoError(t, err, "no sap-client is sent, so the simulator's default client 001 applies")
	defer s.Close()
	assert.NotContains(t, s.URL(), "sap-client")
	assert.Equal(t, "001", s.Welcome().System.Client)
}
