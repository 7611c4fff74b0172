package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wsrfc/wsrfc/sim"
	"github.com/wsrfc/wsrfc/sim/simtest"
)

// destinationsEnv writes a destinations file where DEV and PRD are the
// simulator and QAS is a system that is down, and returns a getenv that finds it.
func destinationsEnv(t *testing.T) func(string) string {
	t.Helper()
	_, l := simtest.Start(t, sim.Config{Profile: sim.ProfileWsrfc})
	file := filepath.Join(t.TempDir(), "destinations.ini")
	var body strings.Builder
	for _, d := range []struct{ name, url string }{{"DEV", l.URL}, {"QAS", "ws://127.0.0.1:1"}, {"PRD", l.URL}} {
		fmt.Fprintf(&body, "DEST=%s\nURL=%s\nCLIENT=%s\nUSER=%s\nPASSWD=%s\n", d.name, d.url, sim.DemoClient, sim.DemoUser, sim.DemoPassword)
	}
	require.NoError(t, os.WriteFile(file, []byte(body.String()), 0o600))
	return func(k string) string {
		if k == "WSRFC_DESTINATIONS" {
			return file
		}
		return ""
	}
}

func TestRunOncePerDestinationKeepsGoingWhenOneIsDown(t *testing.T) {
	getenv := destinationsEnv(t)
	code, out, errOut := runCLI(t, getenv, "run", "--dest", "DEV,QAS,PRD", "-e",
		`console.log(sap.rfc.call('STFC_CONNECTION', { REQUTEXT: 'hello' }).ECHOTEXT + ' from ' + sap.session.systemId)`)
	assert.Equal(t, exitFailure, code, "one system failed")
	assert.Equal(t, "hello from WSR\nhello from WSR\n", out, "the script ran on DEV and on PRD")
	assert.Contains(t, errOut, "wsrfc: ── QAS ──")
	assert.Contains(t, errOut, "wsrfc run: 2 of 3 systems succeeded")
	assert.Regexp(t, `DEV\s+\d+ ms  ok`, errOut)
	assert.Regexp(t, `QAS\s+\d+ ms  FAILED  could not connect or log on \(exit code 3\)`, errOut)
	assert.Regexp(t, `PRD\s+\d+ ms  ok`, errOut)

	code, _, errOut = runCLI(t, getenv, "run", "--dest", "DEV,PRD", "-e", `sap.ping()`)
	assert.Equal(t, exitOK, code, errOut)
	assert.Contains(t, errOut, "wsrfc run: 2 of 2 systems succeeded")

	code, _, errOut = runCLI(t, getenv, "run", "--sim", "--dest", "DEV,PRD", "-e", `1`)
	assert.Equal(t, exitUsage, code)
	assert.Contains(t, errOut, "cannot be combined with --sim")
}

func TestTraceWritesEveryRequestAndResponseWithoutSecrets(t *testing.T) {
	file := filepath.Join(t.TempDir(), "support.jsonl")
	code, _, errOut := runCLI(t, nil, "run", "--sim", "--trace", file, "-e", `
		sap.rfc.call('STFC_CONNECTION', { REQUTEXT: 'traced' });
		try { sap.request('system', 'noSuchAction', { PASSWORD: { BAPIPWD: 'Sup3r-secret' }, token: 'abc-token' }); } catch (e) {}
		sap.table('SCARR').read({ max: 1 });`)
	require.Equal(t, exitOK, code, errOut)
	info, err := os.Stat(file)
	require.NoError(t, err)
	assert.Equal(t, os.FileMode(0o600), info.Mode().Perm())
	raw, err := os.ReadFile(file)
	require.NoError(t, err)
	assert.NotContains(t, string(raw), "Sup3r-secret")
	assert.NotContains(t, string(raw), "abc-token")
	assert.NotContains(t, string(raw), sim.DemoPassword)

	var lines []map[string]any
	sc := bufio.NewScanner(strings.NewReader(string(raw)))
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		var l map[string]any
		require.NoError(t, json.Unmarshal(sc.Bytes(), &l), "every line is JSON: %s", sc.Text())
		lines = append(lines, l)
	}
	require.NotEmpty(t, lines)
	assert.Equal(t, "logon", lines[0]["dir"])
	assert.Equal(t, "welcome", lines[1]["dir"])
	assert.Equal(t, "end", lines[len(lines)-1]["dir"])
	requests, responses := map[string]map[string]any{}, map[string]map[string]any{}
	functions := map[string]bool{}
	for _, l := range lines {
		id, _ := l["id"].(string)
		switch l["dir"] {
		case "request":
			requests[id] = l
		case "response":
			responses[id] = l
			assert.Contains(t, l, "ms", "a response says how long it took")
		}
		if f, ok := l["function"].(string); ok && l["dir"] == "response" {
			functions[f] = true
		}
	}
	assert.Equal(t, len(requests), len(responses), "every request has its response")
	for _, f := range []string{"STFC_CONNECTION", "DDIF_FIELDINFO_GET", "RFC_READ_TABLE"} {
		assert.True(t, functions[f], "%s is in the trace", f)
	}
	var secretLine string
	for _, l := range lines {
		if l["action"] == "noSuchAction" && l["dir"] == "request" {
			b, _ := json.Marshal(l["frame"])
			secretLine = string(b)
		}
	}
	assert.Contains(t, secretLine, `"BAPIPWD":"[REDACTED]"`)
	assert.Contains(t, secretLine, `"token":"[REDACTED]"`)
}
