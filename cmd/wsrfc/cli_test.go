package main

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func runCLI(t *testing.T, getenv func(string) string, args ...string) (int, string, string) {
	t.Helper()
	if getenv == nil {
		getenv = func(string) string { return "" }
	}
	var stdout, stderr bytes.Buffer
	env := &environment{stdin: strings.NewReader(""), stdout: &stdout, stderr: &stderr, getenv: getenv}
	code := run(env, args)
	return code, stdout.String(), stderr.String()
}

func TestCallPrintsJSONWithOptionsBeforeTheCommand(t *testing.T) {
	code, out, errOut := runCLI(t, nil, "--sim", "call", "STFC_CONNECTION", "REQUTEXT=hello", "--json")
	require.Equal(t, 0, code, errOut)
	var res map[string]any
	require.NoError(t, json.Unmarshal([]byte(out), &res))
	assert.Equal(t, "hello", res["ECHOTEXT"])
}

func TestCallParsesJSONValuesAndPrintsTables(t *testing.T) {
	code, out, errOut := runCLI(t, nil, "call", "--sim", "STFC_STRUCTURE", `IMPORTSTRUCT={"RFCINT4":41,"RFCCHAR4":"ABCD"}`)
	require.Equal(t, 0, code, errOut)
	assert.Contains(t, out, "ECHOSTRUCT:")
	assert.Contains(t, out, "RFCINT4: 41")
	assert.Contains(t, out, "RFCTABLE: 1 row(s)")
}

func TestCallExitCodes(t *testing.T) {
	code, _, errOut := runCLI(t, nil, "call", "--sim", "NO_SUCH_MODULE")
	assert.Equal(t, exitFailure, code)
	assert.Contains(t, errOut, "FUNC_NOT_FOUND")

	code, _, errOut = runCLI(t, nil, "call", "--sim")
	assert.Equal(t, exitUsage, code)
	assert.Contains(t, errOut, "needs a function module name")

	code, _, errOut = runCLI(t, nil, "call", "--password", "secret", "STFC_CONNECTION")
	assert.Equal(t, exitUsage, code)
	assert.Contains(t, errOut, "SAP_PASSWORD")
	assert.NotContains(t, errOut, "secret")

	env := map[string]string{"SAP_PASSWORD": "Sup3r-secret"}
	code, _, errOut = runCLI(t, func(k string) string { return env[k] }, "call", "--url", "http://127.0.0.1:1", "--user", "ME", "RFC_PING")
	assert.Equal(t, exitConnect, code)
	assert.NotContains(t, errOut, "Sup3r-secret")
}

func TestUnknownCommandAndHelp(t *testing.T) {
	code, _, errOut := runCLI(t, nil, "frobnicate")
	assert.Equal(t, exitUsage, code)
	assert.Contains(t, errOut, "unknown command")
	code, out, _ := runCLI(t, nil, "help")
	assert.Equal(t, 0, code)
	for _, c := range commands() {
		assert.Contains(t, out, c.name)
	}
	code, _, errOut = runCLI(t, nil, "call", "--help")
	assert.Equal(t, 0, code)
	assert.Contains(t, errOut, "Examples:")
}

func TestRunScriptArgsExitCodesAndStdin(t *testing.T) {
	code, out, errOut := runCLI(t, nil, "run", "--sim", "-e", "console.log(process.argv.length >= 2)")
	require.Equal(t, 0, code, errOut)
	assert.Equal(t, "true\n", out)

	code, _, errOut = runCLI(t, nil, "run", "--sim", "-e", "process.exit(7)")
	assert.Equal(t, 7, code, errOut)

	code, _, errOut = runCLI(t, nil, "run", "--sim", "-e", "throw new Error('boom')")
	assert.Equal(t, exitFailure, code)
	assert.Contains(t, errOut, "Uncaught Error: boom")
	assert.Contains(t, errOut, "[eval]:1")

	code, _, errOut = runCLI(t, nil, "run", "--url", "http://127.0.0.1:1", "--user", "ME", "-e", "sap.rfc.ping()")
	assert.Equal(t, exitConnect, code, errOut)
}

func TestSimProfileWithoutDebugger(t *testing.T) {
	code, _, errOut := runCLI(t, nil, "run", "--sim", "--sim-profile", "wsrfc-nodebugger", "-e",
		"console.log(sap.debug.getStatus().debuggingAvailable); sap.debug.setBreakpoint({ program: 'SAPLZWSR_DEBUG', line: 16 })")
	assert.Equal(t, exitFailure, code)
	assert.Contains(t, errOut, "UNSUPPORTED_BY_SERVER")
	assert.Contains(t, errOut, "does not serve debug.setBreakpoint")

	code, _, errOut = runCLI(t, nil, "run", "--sim", "--sim-profile", "nodebug", "-e", "sap.rfc.ping()")
	assert.NotEqual(t, 0, code)
	assert.Contains(t, errOut, "wsrfc-nodebugger")

	code, _, errOut = runCLI(t, nil, "sim", "--no-debugger", "--profile", "legacy")
	assert.Equal(t, exitUsage, code)
	assert.Contains(t, errOut, "--no-debugger")
}
