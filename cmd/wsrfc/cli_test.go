package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
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
	assert.Contains(t, out, "ECHOSTRUCT: {")
	assert.Contains(t, out, "RFCINT4: 41,")
	assert.Contains(t, out, "RFCHEX3: Uint8Array(3) [ 0, 0, 0 ]", "values as a script sees them")
	assert.Regexp(t, `RFCTABLE: \[\n    \{\n      RFCFLOAT: 1,`, out)
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
	code, out, errOut = runCLI(t, nil, "call", "--help")
	assert.Equal(t, 0, code)
	assert.Contains(t, out, "Examples:", "help goes to stdout, where pipes see it")
	assert.Empty(t, errOut)
}

func TestHelpVersionAndUsageErrorsAsPeopleExpectThem(t *testing.T) {
	for _, flag := range []string{"--version", "-v"} {
		code, out, errOut := runCLI(t, nil, flag)
		assert.Equal(t, 0, code, errOut)
		assert.Equal(t, "wsrfc dev\n", out)
	}
	for _, cmd := range []string{"repl", "run", "test", "call", "sim"} {
		code, out, errOut := runCLI(t, nil, cmd, "--help")
		assert.Equal(t, 0, code, errOut)
		assert.Contains(t, out, "Usage: wsrfc ", cmd)
		assert.NotContains(t, out, "Commands:", "%s --help is the command's own help", cmd)
		assert.Regexp(t, `(?m)^  --\w`, out, "flags spelt --name, as in the README")
		assert.NotRegexp(t, `(?m)^  -[a-z][a-z]`, out)
	}
	code, out, _ := runCLI(t, nil, "help", "call")
	assert.Equal(t, 0, code)
	assert.Contains(t, out, "Usage: wsrfc call")

	// The error first, then one line: not forty lines of usage that bury it.
	code, out, errOut := runCLI(t, nil, "call", "--bogus", "STFC_CONNECTION")
	assert.Equal(t, exitUsage, code)
	assert.Empty(t, out)
	assert.Equal(t, "wsrfc: flag provided but not defined: --bogus\nRun 'wsrfc call --help' for its options and examples.\n", errOut)

	code, _, errOut = runCLI(t, nil, "call")
	assert.Equal(t, exitUsage, code)
	assert.Equal(t, 2, strings.Count(errOut, "\n"), errOut)

	code, _, errOut = runCLI(t, nil, "cal", "STFC_CONNECTION")
	assert.Equal(t, exitUsage, code)
	assert.Contains(t, errOut, `unknown command "cal"; did you mean "call"?`)
	assert.Equal(t, 2, strings.Count(errOut, "\n"), errOut)
}

func TestAScriptAsTheCommandRunsIt(t *testing.T) {
	script := filepath.Join(t.TempDir(), "hello.js")
	require.NoError(t, os.WriteFile(script, []byte("console.log('ran with', process.argv.slice(2).join(' '))\n"), 0o600))
	code, out, errOut := runCLI(t, nil, script, "a", "b")
	assert.Equal(t, 0, code, errOut)
	assert.Equal(t, "ran with a b\n", out)

	code, out, errOut = runCLI(t, nil, "--sim", script, "c")
	assert.Equal(t, 0, code, errOut)
	assert.Equal(t, "ran with c\n", out)

	code, _, errOut = runCLI(t, nil, "missing.js")
	assert.Equal(t, exitUsage, code)
	assert.Contains(t, errOut, "cannot read script missing.js")

	code, _, errOut = runCLI(t, nil, filepath.Dir(script))
	assert.Equal(t, exitUsage, code)
	assert.Contains(t, errOut, "is a folder; to run the tests in it: wsrfc test")
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

func TestCallServesTheModulesSAPsConnectorsTestWith(t *testing.T) {
	call := func(args ...string) map[string]any {
		t.Helper()
		code, out, errOut := runCLI(t, nil, append(append([]string{"call", "--sim"}, args...), "--json")...)
		require.Equal(t, 0, code, errOut)
		var res map[string]any
		require.NoError(t, json.Unmarshal([]byte(out), &res))
		return res
	}
	res := call("/COE/RBP_FE_DATATYPES", "IV_COUNT=0", `IS_INPUT={"ZQUAN_SIGN":"-12.345","ZRAW":"01414243444549500051fdfeff"}`)
	out := res["ES_OUTPUT"].(map[string]any)
	assert.Equal(t, "-12.345", out["ZQUAN_SIGN"])
	assert.Equal(t, "AUFCQ0RFSVAAUf3+/wAAAAA=", out["ZRAW"], "17 bytes, base64 in JSON output")

	res = call("ZDATATYPES", "IV_UTCLONG=2026-01-05T08:09:10.5Z")
	assert.Equal(t, "2026-01-05T08:09:10.5000000", res["EV_UTCLONG"])

	res = call("RFC_GET_FUNCTION_INTERFACE", "FUNCNAME=STFC_CONNECTION")
	assert.Len(t, res["PARAMS"], 3)

	res = call("BAPI_USER_GETLIST", "WITH_USERNAME=X")
	assert.Equal(t, "DEVELOPER", res["USERLIST"].([]any)[0].(map[string]any)["USERNAME"])

	res = call("BAPISDORDER_GETDETAILEDLIST", `I_BAPI_VIEW={"ITEM":"X"}`, `SALES_DOCUMENTS=[{"VBELN":"0000004711"}]`)
	assert.Len(t, res["ORDER_ITEMS_OUT"], 2)
}

func TestEveryCommandSaysWhenTheSimulatorAnswers(t *testing.T) {
	const notice = "no SAP system configured (--url, SAP_URL or --dest): using the built-in simulator"
	for _, args := range [][]string{
		{"call", "BAPI_USER_GET_DETAIL", "USERNAME=DEVELOPER"},
		{"run", "-e", "sap.rfc.ping()"},
		{"repl"},
	} {
		code, _, errOut := runCLI(t, nil, args...)
		assert.Equal(t, 0, code, errOut)
		assert.Contains(t, errOut, notice, "wsrfc %v", args)

		code, _, errOut = runCLI(t, nil, append([]string{"--sim"}, args...)...)
		assert.Equal(t, 0, code, errOut)
		assert.NotContains(t, errOut, notice, "--sim asked for it: wsrfc %v", args)
	}
}

func TestConfigurationMistakesAreUsageErrors(t *testing.T) {
	dir := t.TempDir()
	badType := filepath.Join(dir, "types.js")
	require.NoError(t, os.WriteFile(badType, []byte("define({ name: 'Z_T', importing: { A: 'CHR(3)' }, handler() {} })\n"), 0o600))
	code, _, errOut := runCLI(t, nil, "call", "--sim", "--define", badType, "Z_T")
	assert.Equal(t, exitUsage, code, errOut)
	assert.Contains(t, errOut, "types.js:1:")
	assert.Contains(t, errOut, "types are CHAR(n)")
	assert.NotContains(t, errOut, "could not connect")

	code, _, errOut = runCLI(t, nil, "call", "--sim-profile", "foo", "STFC_CONNECTION")
	assert.Equal(t, exitUsage, code, errOut)
	assert.Contains(t, errOut, `unknown simulator profile "foo": use wsrfc, legacy, wsrfc-nodebugger`)

	env := map[string]string{"WSRFC_DESTINATIONS": filepath.Join(dir, "destinations.ini")}
	require.NoError(t, os.WriteFile(env["WSRFC_DESTINATIONS"], []byte("DEST=DEV\nURL=http://127.0.0.1:1\n"), 0o600))
	code, _, errOut = runCLI(t, func(k string) string { return env[k] }, "call", "--dest", "NOPE", "RFC_PING")
	assert.Equal(t, exitUsage, code, errOut)
	assert.Contains(t, errOut, `destination "NOPE" is not in`)
	assert.Contains(t, errOut, "DEV")
}

func TestCallReadsValuesByTheInterfaceAndPrintsInItsOrder(t *testing.T) {
	code, out, errOut := runCLI(t, nil, "call", "--sim", "STFC_CONNECTION", "REQUTEXT=true")
	require.Equal(t, 0, code, errOut)
	assert.Contains(t, out, "ECHOTEXT: 'true',\n", "text for a STRING, not ABAP's X")

	code, _, errOut = runCLI(t, nil, "call", "--sim", "STFC_CONNECTION", "REQUTEXT=a", "requtext=b")
	assert.Equal(t, exitUsage, code)
	assert.Contains(t, errOut, "REQUTEXT is given twice")

	code, _, errOut = runCLI(t, nil, "call", "--sim", "STFC_STRUCTURE", `IMPORTSTRUCT={"RFCINT4":42,}`)
	assert.Equal(t, exitUsage, code)
	assert.Contains(t, errOut, "IMPORTSTRUCT is a structure, as a JSON object, but")
	assert.Contains(t, errOut, "is not valid JSON")

	code, out, errOut = runCLI(t, nil, "call", "--sim", "BAPI_USER_GET_DETAIL", "USERNAME=NOBODY")
	require.Equal(t, 0, code, errOut)
	assert.Regexp(t, `RETURN: \[\n    \{\n      TYPE: 'E',\n      ID: '01',\n      NUMBER: `, out, "fields of rows in the structure's order")
	assert.Less(t, strings.Index(out, "LOGONDATA:"), strings.Index(out, "RETURN:"), "parameters in interface order")
	assert.Regexp(t, `LOGONDATA: \{\n    GLTGV: `, out, "fields in the structure's order")

	code, out, errOut = runCLI(t, nil, "call", "--sim", "BAPI_USER_GET_DETAIL", "USERNAME=NOBODY", "--json")
	require.Equal(t, 0, code, errOut)
	assert.Regexp(t, `^\{\n  "LOGONDATA": \{\n    "GLTGV": `, out, "--json keeps the interface order too")
	assert.Regexp(t, `"RETURN": \[\n    \{\n      "TYPE": "E",\n      "ID": "01",`, out)
	var decoded map[string]any
	require.NoError(t, json.Unmarshal([]byte(out), &decoded))
}

func TestMisspeltNamesGetSuggestions(t *testing.T) {
	code, _, errOut := runCLI(t, nil, "call", "--sim", "STFC_CONECTION")
	assert.Equal(t, exitFailure, code)
	assert.Contains(t, errOut, "did you mean STFC_CONNECTION?")

	code, _, errOut = runCLI(t, nil, "call", "--sim", "STFC_STRUCTURE", `IMPORTSTRUCT={"RFCCHAR44":"x"}`)
	assert.Equal(t, exitFailure, code)
	assert.Contains(t, errOut, "field 'RFCCHAR44' not found in IMPORTSTRUCT; did you mean RFCCHAR4?")

	code, _, errOut = runCLI(t, nil, "call", "--sim", "Z_MY_MODULE")
	assert.Equal(t, exitFailure, code)
	assert.Contains(t, errOut, "--define FILE.js")

	code, _, errOut = runCLI(t, nil, "run", "--sim", "-e", "sap.rfc.call('Z_MY_MODULE')")
	assert.Equal(t, exitFailure, code)
	assert.Contains(t, errOut, "sap.sim.load(FILE)")
}

func TestStackTracesPointAtTheScript(t *testing.T) {
	dir := t.TempDir()
	write := func(name, src string) string {
		path := filepath.Join(dir, name)
		require.NoError(t, os.WriteFile(path, []byte(src), 0o600))
		return path
	}
	// Line 1 of a file runs inside the CommonJS wrapper: its columns must not count the wrapper.
	code, _, errOut := runCLI(t, nil, "run", "--sim", write("first.js", "const a = 1; null.x\n"))
	assert.Equal(t, exitFailure, code)
	assert.Contains(t, errOut, "first.js:1:19\n")
	write("lib.js", "module.exports = () => { null.y }\n")
	code, _, errOut = runCLI(t, nil, "run", "--sim", write("main.js", "require('./lib.js')()\n"))
	assert.Equal(t, exitFailure, code)
	assert.Contains(t, errOut, "lib.js:1:31\n")

	// An async call that fails points at the line that made it, as a synchronous one does.
	code, _, errOut = runCLI(t, nil, "run", "--sim", write("async.js", "async function f() {\n  await sap.rfc.callAsync('Z_NOPE')\n}\nawait f()\n"))
	assert.Equal(t, exitFailure, code)
	assert.Contains(t, errOut, "at f ("+filepath.Join(dir, "async.js")+":2:")

	code, _, errOut = runCLI(t, nil, "run", "--sim", "-e", "await sap.rfc.callAsync('Z_NOPE')")
	assert.Equal(t, exitFailure, code)
	assert.Contains(t, errOut, "at [eval]:1:")
	assert.NotContains(t, errOut, "[eval]:2:", "the wrapper's own line is no place in the code")

	// Frames of wsrfc's own Go functions say nothing to a script's author.
	code, _, errOut = runCLI(t, nil, "run", "--sim", "-e", "require('./nope')")
	assert.Equal(t, exitFailure, code)
	assert.Contains(t, errOut, "Cannot find module './nope'")
	assert.NotContains(t, errOut, "(native)")
	assert.NotContains(t, errOut, "engine.")
}

// TestTheREADMEAndTheHelpAgree checks that every option the README's table names is one the help
// shows, spelt the same way.
func TestTheREADMEAndTheHelpAgree(t *testing.T) {
	readme, err := os.ReadFile("../../README.md")
	require.NoError(t, err)
	_, help, _ := runCLI(t, nil, "run", "--help")
	rows := regexp.MustCompile("(?m)^\\| `(--[a-z-]+)").FindAllStringSubmatch(string(readme), -1)
	require.NotEmpty(t, rows)
	for _, row := range rows {
		assert.Regexp(t, "(?m)^  "+regexp.QuoteMeta(row[1])+"( |$)", help, "README names %s", row[1])
	}
	_, top, _ := runCLI(t, nil, "--help")
	for _, c := range commands() {
		shown := strings.Contains(string(readme), "wsrfc "+c.name) || strings.Contains(string(readme), "wsrfc --"+c.name)
		assert.True(t, shown, "the README shows the %s command", c.name)
		assert.Contains(t, top, "  "+c.name+" ")
	}
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
