package main

import (
	"bytes"
	"encoding/xml"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// wsrfcTest runs `wsrfc test ARGS...` in-process and returns the exit code,
// stdout and stderr.
func wsrfcTest(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var stdout, stderr bytes.Buffer
	env := &environment{stdin: strings.NewReader(""), stdout: &stdout, stderr: &stderr, getenv: func(string) string { return "" }}
	code := run(env, append([]string{"test"}, args...))
	return code, stdout.String(), stderr.String()
}

func lastLine(s string) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	return lines[len(lines)-1]
}

func writeTestFile(t *testing.T, name, src string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	require.NoError(t, os.WriteFile(path, []byte(src), 0o644))
	return path
}

var summaryLine = regexp.MustCompile(`^\d+ passed, \d+ failed, \d+ skipped$`)

func TestScenarioSuitesPassOnTheSimulator(t *testing.T) {
	code, stdout, stderr := wsrfcTest(t, "--sim", "../../scripts")
	require.Equal(t, 0, code, "stdout:\n%s\nstderr:\n%s", stdout, stderr)
	for _, suite := range []string{"stfc.test.js", "bapi.test.js", "luw.test.js", "errors.test.js", "datatypes.test.js", "toolkit.test.js"} {
		assert.Contains(t, stdout, filepath.Join("scripts", suite))
	}
	assert.Regexp(t, `^\d+ passed, 0 failed, 0 skipped$`, lastLine(stdout))
}

func TestAFailingTestExitsOneAndPointsAtTheAssertion(t *testing.T) {
	path := writeTestFile(t, "fail.test.js", `describe('echo', () => {
  it('passes', () => {
    expect(sap.rfc.call('STFC_CONNECTION', { REQUTEXT: 'hi' }).ECHOTEXT).toBe('hi');
  });
  it('fails', () => {
    const r = sap.rfc.call('STFC_CONNECTION', { REQUTEXT: 'hi' });
    expect(r.ECHOTEXT).toBe('bye');
  });
});
`)
	code, stdout, _ := wsrfcTest(t, "--sim", path)
	assert.Equal(t, exitFailure, code)
	assert.Contains(t, stdout, "● echo > fails")
	assert.Contains(t, stdout, "Expected: 'bye'\n    Received: 'hi'")
	assert.Contains(t, stdout, "fail.test.js:7:")
	assert.Equal(t, "1 passed, 1 failed, 0 skipped", lastLine(stdout))
}

func TestABlockingCallDoesNotOutliveItsTestTimeout(t *testing.T) {
	path := writeTestFile(t, "slow.test.js", `
it('waits on SAP too long', () => { sap.rfc.call('RFC_PING_AND_WAIT', { SECONDS: 5 }); });
it('leaves a call in flight', () => { sap.rfc.callAsync('RFC_PING_AND_WAIT', { SECONDS: 5 }); });
it('runs next', () => { expect(1).toBe(1); });
`)
	start := time.Now()
	code, stdout, _ := wsrfcTest(t, "--sim", "--timeout-test", "300", path)
	assert.Less(t, time.Since(start), 4*time.Second)
	assert.Equal(t, exitFailure, code)
	assert.Contains(t, stdout, "Exceeded timeout of 300 ms for a test")
	assert.Contains(t, stdout, `"leaves a call in flight" left 1 timer(s) or call(s) running`)
	assert.Contains(t, stdout, "still pending when the run ended; they were abandoned")
	assert.Equal(t, "2 passed, 1 failed, 0 skipped", lastLine(stdout))
}

func TestReportersOnTheCommandLine(t *testing.T) {
	path := writeTestFile(t, "r.test.js", `
it('one', () => {});
it.skip('two', () => {});
it('three', () => { throw new Error('boom'); });
`)
	code, stdout, _ := wsrfcTest(t, "--sim", "--reporter", "tap", path)
	assert.Equal(t, exitFailure, code)
	assert.True(t, strings.HasPrefix(stdout, "TAP version 14\n"), stdout)
	assert.Contains(t, stdout, "    ok 2 - two # SKIP\n")
	assert.Contains(t, stdout, "    not ok 3 - three")
	assert.Equal(t, "1 passed, 1 failed, 1 skipped", lastLine(stdout))

	junit := filepath.Join(t.TempDir(), "junit.xml")
	code, stdout, _ = wsrfcTest(t, "--sim", "--reporter", "junit", "--output", junit, path)
	assert.Equal(t, exitFailure, code)
	assert.Equal(t, "1 passed, 1 failed, 1 skipped", lastLine(stdout), "the terminal shows the pretty report")
	data, err := os.ReadFile(junit)
	require.NoError(t, err)
	var doc struct {
		Tests    int `xml:"tests,attr"`
		Failures int `xml:"failures,attr"`
		Skipped  int `xml:"skipped,attr"`
	}
	require.NoError(t, xml.Unmarshal(data, &doc))
	assert.Equal(t, 3, doc.Tests)
	assert.Equal(t, 1, doc.Failures)
	assert.Equal(t, 1, doc.Skipped)

	code, stdout, _ = wsrfcTest(t, "--sim", "--grep", "^one$", path)
	assert.Equal(t, 0, code)
	assert.Equal(t, "1 passed, 0 failed, 0 skipped", lastLine(stdout))
}

func TestUsageAndConnectionErrors(t *testing.T) {
	path := writeTestFile(t, "x.test.js", "it('x', () => {});\n")
	for _, args := range [][]string{
		{"--reporter", "html", path},
		{"--reporter", "junit", path},
		{"--reporter", "pretty", "--output", "x.txt", path},
		{"--grep", "(", path},
		{"--timeout-test", "soon", path},
		{"--no-such-flag", path},
		{filepath.Join(t.TempDir(), "missing")},
		{"--record", "a.json", "--replay", "b.json", path},
		{"--replay", filepath.Join(t.TempDir(), "missing.json"), path},
	} {
		code, _, stderr := wsrfcTest(t, args...)
		assert.Equal(t, exitUsage, code, "%v: %s", args, stderr)
	}
	code, _, stderr := wsrfcTest(t, "--url", "http://127.0.0.1:1", path)
	assert.Equal(t, exitConnect, code, stderr)

	code, _, stderr = wsrfcTest(t, "--sim", t.TempDir())
	assert.Equal(t, exitFailure, code)
	assert.Contains(t, stderr, "no test files")
}

// TestRecordThenReplayGivesTheSameResults records the scenario suites against
// the simulator, then replays them with no simulator running.
func TestRecordThenReplayGivesTheSameResults(t *testing.T) {
	cassette := filepath.Join(t.TempDir(), "scripts.cassette.json")
	code, recorded, stderr := wsrfcTest(t, "--sim", "--record", cassette, "--reporter", "tap", "../../scripts")
	require.Equal(t, 0, code, "%s\n%s", recorded, stderr)

	code, replayed, stderr := wsrfcTest(t, "--replay", cassette, "--reporter", "tap", "../../scripts")
	require.Equal(t, 0, code, "%s\n%s", replayed, stderr)
	timing := regexp.MustCompile(` # time=\d+ms`)
	assert.Equal(t, timing.ReplaceAllString(recorded, ""), timing.ReplaceAllString(replayed, ""))
	assert.Regexp(t, summaryLine, lastLine(replayed))

	data, err := os.ReadFile(cassette)
	require.NoError(t, err)
	assert.NotContains(t, string(data), "Down1oad", "no password in the cassette")

	// What the recording does not hold fails clearly instead of reaching a system.
	other := writeTestFile(t, "other.test.js", `
it('asks something new', () => { sap.rfc.call('STFC_CONNECTION', { REQUTEXT: 'not recorded' }); });
`)
	code, stdout, _ := wsrfcTest(t, "--replay", cassette, other)
	assert.Equal(t, exitFailure, code)
	assert.Contains(t, stdout, "NOT_IN_CASSETTE")
	assert.Contains(t, stdout, "not recorded")
}

func TestRunRecordsAndReplaysToo(t *testing.T) {
	cassette := filepath.Join(t.TempDir(), "run.json")
	script := `console.log(sap.rfc.call('STFC_CONNECTION', { REQUTEXT: 'hi' }).RESPTEXT, sap.session.user)`
	runIt := func(args ...string) (int, string, string) {
		var stdout, stderr bytes.Buffer
		env := &environment{stdin: strings.NewReader(""), stdout: &stdout, stderr: &stderr, getenv: func(string) string { return "" }}
		return run(env, append(append([]string{"run"}, args...), "-e", script)), stdout.String(), stderr.String()
	}
	code, recorded, stderr := runIt("--sim", "--record", cassette)
	require.Equal(t, 0, code, stderr)
	code, replayed, stderr := runIt("--replay", cassette)
	require.Equal(t, 0, code, stderr)
	assert.Equal(t, recorded, replayed, "the recorded reply (with its time stamp) and the same user")
}

func TestATypeScriptTestFailurePointsAtTheTypeScriptLine(t *testing.T) {
	path := writeTestFile(t, "typed.test.ts", "interface Echo { ECHOTEXT: string }\n\ndescribe('typed', () => {\n  it('fails', () => {\n    const r = sap.rfc.call('STFC_CONNECTION', { REQUTEXT: 'hi' }) as Echo;\n    expect(r.ECHOTEXT).toBe('ho');\n  });\n});\n")
	code, stdout, _ := wsrfcTest(t, "--sim", path)
	assert.Equal(t, 1, code)
	assert.Contains(t, stdout, "typed.test.ts:6:")
	assert.Contains(t, stdout, "> 6 |     expect(r.ECHOTEXT).toBe('ho');")
}
