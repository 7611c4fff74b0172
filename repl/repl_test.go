package repl

import (
	"bytes"
	"context"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wsrfc/wsrfc/bindings/sap"
	"github.com/wsrfc/wsrfc/destination"
	"github.com/wsrfc/wsrfc/host"
	"github.com/wsrfc/wsrfc/protocol"
	"github.com/wsrfc/wsrfc/runtime/engine"
	"github.com/wsrfc/wsrfc/sim"
)

// step is one answer of the scripted reader: a line, or an error such as io.EOF or ErrInterrupted. do runs
// first, on the prompt's goroutine, as a person's key presses would (Tab, or waiting).
type step struct {
	line string
	err  error
	do   func()
}

func lines(ls ...string) []step {
	steps := make([]step, len(ls))
	for i, l := range ls {
		steps[i] = step{line: l}
	}
	return steps
}

// scriptedReader is a LineReader that answers prompts from a script and ends with io.EOF.
type scriptedReader struct {
	steps   []step
	prompts []string
	history []string
}

func (s *scriptedReader) Prompt(prompt string) (string, error) {
	s.prompts = append(s.prompts, prompt)
	if len(s.steps) == 0 {
		return "", io.EOF
	}
	st := s.steps[0]
	s.steps = s.steps[1:]
	if st.do != nil {
		st.do()
	}
	return st.line, st.err
}

func (s *scriptedReader) AppendHistory(entry string) { s.history = append(s.history, entry) }

// lockedBuffer collects output written from several goroutines.
type lockedBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *lockedBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// harness is a console on a runtime with the sap module, talking to the embedded simulator.
type harness struct {
	t           *testing.T
	r           *REPL
	host        *host.Host
	js          *engine.Runtime
	sap         *sap.Module
	out, errOut *lockedBuffer
	reader      *scriptedReader
}

func newHarness(t *testing.T, opts Options) *harness {
	t.Helper()
	h := &harness{t: t, out: &lockedBuffer{}, errOut: &lockedBuffer{}}
	opts.Stdout, opts.Stderr = h.out, h.errOut
	h.r = New(opts)
	built, err := host.New(host.Options{Config: destination.Config{Sim: true},
		Stdout: h.r.Stdout(), Stderr: h.r.Stderr(), Env: []string{}})
	require.NoError(t, err)
	t.Cleanup(built.Close)
	h.host, h.js, h.sap = built, built.Runtime, built.SAP
	return h
}

// run plays the steps and returns Run's error.
func (h *harness) run(steps ...step) error {
	h.reader = &scriptedReader{steps: steps}
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	return h.r.Run(ctx, h.js, ModuleConnection(h.sap), h.reader)
}

func TestEvaluatesAndPrintsLikeNode(t *testing.T) {
	h := newHarness(t, Options{})
	require.NoError(t, h.run(lines(
		"1 + 1",
		"'text'",
		"({ a: 1, b: [1, 2, { c: { d: { e: 1 } } }] })",
		"let n = 5",
		"n * 2",
		"undefined",
	)...))
	assert.Equal(t, "2\n'text'\n{ a: 1, b: [ 1, 2, { c: [Object] } ] }\nundefined\n10\nundefined\n", h.out.String())
	assert.Empty(t, h.errOut.String())
}

func TestCallsSAPAndShowsTheResult(t *testing.T) {
	h := newHarness(t, Options{})
	require.NoError(t, h.run(lines(
		"sap.rfc.call('STFC_CONNECTION', {REQUTEXT: 'hi'})",
		"const r = await sap.rfc.callAsync('STFC_CONNECTION', {REQUTEXT: 'later'})",
		"r.ECHOTEXT",
	)...))
	out := h.out.String()
	assert.Contains(t, out, "ECHOTEXT: 'hi'")
	assert.Contains(t, out, "Sysid: WSR")
	assert.Contains(t, out, "undefined\n'later'\n")
}

func TestTopLevelAwaitKeepsDeclarations(t *testing.T) {
	h := newHarness(t, Options{})
	require.NoError(t, h.run(lines(
		"await new Promise(r => setTimeout(() => r(42), 20))",
		"const {a, b} = await Promise.resolve({a: 1, b: 2})",
		"var v = await 3; function twice(x) { return 2 * x }",
		"a + b + v",
		"twice(await Promise.resolve(4))",
		"await 1; Promise.resolve('shown, not awaited')",
	)...))
	assert.Equal(t, "42\nundefined\nundefined\n6\n8\nPromise { 'shown, not awaited' }\n", h.out.String())
}

func TestMultiLineStatements(t *testing.T) {
	h := newHarness(t, Options{Interactive: true})
	require.NoError(t, h.run(lines(
		"function add(a,",
		"  b) {",
		"  return a + b",
		"}",
		"add(`x",
		"y`, 1)",
		"[1,",
		".break",
		"add(2, 3)",
	)...))
	assert.Equal(t, []string{"> ", "... ", "... ", "... ", "> ", "... ", "> ", "... ", "> ", "> "}, h.reader.prompts)
	assert.Equal(t, "undefined\n'x\\ny1'\n5\n\n", h.out.String())
	assert.Equal(t, "function add(a,␤  b) {␤  return a + b␤}", h.reader.history[0], "one history entry per statement")
}

func TestRecalledMultiLineEntryRunsAsWritten(t *testing.T) {
	h := newHarness(t, Options{})
	require.NoError(t, h.run(lines("const s = `a␤b`", "s.length")...))
	assert.Equal(t, "undefined\n3\n", h.out.String())
}

func TestUnderscoreHoldsTheLastResultAndError(t *testing.T) {
	h := newHarness(t, Options{Interactive: true})
	require.NoError(t, h.run(lines(
		"6 * 7",
		"_ + 1",
		"null.x",
		"_error instanceof TypeError",
		"_ = 'mine'",
		"1",
		"_",
	)...))
	assert.Equal(t, "42\n43\ntrue\nExpression assignment to _ now disabled.\n'mine'\n1\n'mine'\n\n", h.out.String())
	assert.Contains(t, h.errOut.String(), "Uncaught TypeError")
}

func TestErrorsAreReportedAndTheConsoleGoesOn(t *testing.T) {
	h := newHarness(t, Options{})
	err := h.run(lines(
		"sap.rfc.call('Z_DOES_NOT_EXIST')",
		"1 )",
		"throw 'plain'",
		"Promise.reject(new Error('nobody listens'))",
		"'still here'",
	)...)
	assert.ErrorIs(t, err, ErrFailed, "a piped console fails when a statement did")
	errText := h.errOut.String()
	assert.Contains(t, errText, "Uncaught SapError: Function module Z_DOES_NOT_EXIST does not exist")
	assert.Contains(t, errText, "code: 'FUNC_NOT_FOUND'")
	assert.Contains(t, errText, "Uncaught SyntaxError: Unexpected token )\n    at REPL2:1:3\n")
	assert.Contains(t, errText, "Uncaught 'plain'")
	assert.Contains(t, errText, "Uncaught (in promise) Error: nobody listens")
	assert.True(t, strings.HasSuffix(h.out.String(), "'still here'\n"), h.out.String())
}

func TestRowTablesShowAsTables(t *testing.T) {
	h := newHarness(t, Options{})
	require.NoError(t, h.run(lines(
		"[{ID: 'AA', SEATS: 120}, {ID: 'LH', SEATS: 300}]",
		"[{ID: 'AA', NESTED: {x: 1}}, {ID: 'LH', NESTED: {x: 2}}]",
		"[{ID: 'AA'}]",
	)...))
	out := h.out.String()
	assert.Contains(t, out, "│ (index) │ ID   │ SEATS │\n")
	assert.Contains(t, out, "│ 1       │ 'LH' │ 300   │\n")
	assert.Contains(t, out, "[ { ID: 'AA', NESTED: { x: 1 } }, { ID: 'LH', NESTED: { x: 2 } } ]\n", "nested rows print as values")
	assert.Contains(t, out, "[ { ID: 'AA' } ]\n", "a single row prints as a value")
}

func TestWideTablesPrintAsValues(t *testing.T) {
	h := newHarness(t, Options{Width: func() int { return 20 }})
	require.NoError(t, h.run(lines("[{NAME: 'a long value'}, {NAME: 'another'}]")...))
	assert.Equal(t, "[ { NAME: 'a long value' }, { NAME: 'another' } ]\n", h.out.String())
}

func TestCtrlCAtThePrompt(t *testing.T) {
	h := newHarness(t, Options{Interactive: true})
	require.NoError(t, h.run(
		step{line: "foo("},
		step{err: ErrInterrupted}, // drops the open statement
		step{line: "1"},
		step{err: ErrInterrupted}, // on an empty prompt: explains
		step{err: ErrInterrupted}, // again: leaves
		step{line: "'never read'"},
	))
	assert.Equal(t, "1\n(To exit, press Ctrl+C again or Ctrl+D or type .exit)\n", h.out.String())
	assert.Len(t, h.reader.steps, 1)
}

func TestCtrlCStopsRunningJavaScript(t *testing.T) {
	h := newHarness(t, Options{Interactive: true})
	interrupt := func() {
		go func() {
			time.Sleep(100 * time.Millisecond)
			for !h.r.Interrupt() {
				time.Sleep(10 * time.Millisecond)
			}
		}()
	}
	start := time.Now()
	require.NoError(t, h.run(
		step{line: "while (true) {}", do: interrupt},
		step{line: "await new Promise(() => {})", do: interrupt},
		step{line: "'alive'"},
	))
	assert.Less(t, time.Since(start), 3*time.Second)
	assert.Equal(t, 2, strings.Count(h.errOut.String(), "Script execution was interrupted.\n"))
	assert.NotContains(t, h.errOut.String(), "session", "no call was in flight: nothing to say about SAP")
	assert.Contains(t, h.out.String(), "'alive'\n")
}

func TestCtrlCCancelsASlowCallAndKeepsTheSession(t *testing.T) {
	h := newHarness(t, Options{Interactive: true})
	srv, err := h.host.Simulators().Server("")
	require.NoError(t, err)
	release := make(chan struct{})
	defer close(release)
	require.NoError(t, srv.Define(&sim.Function{
		Name: "Z_REPL_TEST_SLOW", Group: "ZREPL", Description: "waits until the test releases it",
		Params: []protocol.Parameter{{Name: "SECONDS", Kind: protocol.Importing, Type: "INT4", Optional: true, DataType: protocol.Int4()}},
		Handler: func(c *sim.Call) error {
			select {
			case <-release:
			case <-time.After(10 * time.Second):
			}
			return nil
		},
	}))
	var began time.Time
	require.NoError(t, h.run(
		step{line: "const id = sap.session.id || sap.connect().id"},
		step{line: "sap.rfc.call('Z_REPL_TEST_SLOW', {SECONDS: 5})", do: func() {
			go func() {
				time.Sleep(200 * time.Millisecond)
				began = time.Now()
				for !h.r.Interrupt() {
					time.Sleep(10 * time.Millisecond)
				}
			}()
		}},
		step{line: "sap.session.id === id", do: func() { release <- struct{}{} }},
		step{line: "sap.rfc.call('STFC_CONNECTION', {REQUTEXT: 'after'}).ECHOTEXT"},
	))
	assert.Contains(t, h.errOut.String(), interruptedNote)
	assert.Contains(t, h.out.String(), "true\n'after'\n", "the same session, still working")
	assert.False(t, began.IsZero())
}

func TestTimersFireWhileThePromptWaits(t *testing.T) {
	h := newHarness(t, Options{Interactive: true})
	require.NoError(t, h.run(
		step{line: "setTimeout(() => console.log('tick'), 20); 'set'"},
		step{line: "'next'", do: func() { time.Sleep(200 * time.Millisecond) }},
	))
	assert.Equal(t, "'set'\ntick\n'next'\n\n", h.out.String())
}

func TestProcessExitEndsTheConsole(t *testing.T) {
	h := newHarness(t, Options{})
	err := h.run(lines("process.exit(3)", "'never'")...)
	var exit *engine.ExitError
	require.ErrorAs(t, err, &exit)
	assert.Equal(t, 3, exit.Code)

	h = newHarness(t, Options{})
	err = h.run(lines("process.exit()", "'never'")...)
	require.ErrorAs(t, err, &exit)
	assert.Equal(t, 0, exit.Code)
	assert.Empty(t, h.out.String())
}

func TestPipedInputRunsPendingWorkBeforeTheEnd(t *testing.T) {
	h := newHarness(t, Options{})
	require.NoError(t, h.run(lines("setTimeout(() => console.log('done'), 30); 1")...))
	assert.Equal(t, "1\ndone\n", h.out.String())
}

func TestCompletion(t *testing.T) {
	h := newHarness(t, Options{CompletionOpensSession: true})
	type result struct {
		head  string
		names []string
	}
	got := map[string]result{}
	complete := func(line string) step {
		return step{line: "", do: func() {
			head, names, tail := h.r.Complete(line, len([]rune(line)))
			assert.Empty(t, tail)
			got[line] = result{head, names}
		}}
	}
	require.NoError(t, h.run(
		step{line: "let counter = 0; globalThis.lazy = { get value() { counter++; return { x: 1 } } }; const local = { alpha: 1, beta: 2 }"},
		complete("sap.rf"),
		complete("sap.rfc.ca"),
		complete("sap.rfc."),
		complete("x = Math.ma"),
		complete("lazy.value."),
		complete("loc"),
		complete("local.al"),
		complete("sap.rfc.call('STFC_CO"),
		complete("sap.rfc.call(\"stfc_con"),
		complete("sap.rfc.call('STFC_CONNECTION', {RE"),
		complete("sap.rfc.call('STFC_CONNECTION', { REQUTEXT: 'x', "),
		complete(".me"),
		complete(".meta STFC_CONN"),
		complete("'sap.rf"),
		step{line: "sap.rfc.call('STFC_CONNECTION', {"},
		complete("  REQ"),
		step{line: "  REQUTEXT: 'on two lines' }).ECHOTEXT"},
		step{line: "counter"},
	))
	assert.Equal(t, result{"sap.", []string{"rfc"}}, got["sap.rf"])
	assert.Equal(t, result{"sap.rfc.", []string{"call", "callAsync"}}, got["sap.rfc.ca"])
	assert.Equal(t, []string{"call", "callAsync", "metadata", "ping", "search", "throwOnError"}, got["sap.rfc."].names)
	assert.Equal(t, result{"x = Math.", []string{"max"}}, got["x = Math.ma"])
	assert.Empty(t, got["lazy.value."].names, "getters are not called")
	assert.Equal(t, []string{"local"}, got["loc"].names)
	assert.Equal(t, []string{"alpha"}, got["local.al"].names)
	assert.Equal(t, result{"sap.rfc.call('", []string{"STFC_CONNECTION"}}, got["sap.rfc.call('STFC_CO"])
	assert.Equal(t, []string{"STFC_CONNECTION"}, got["sap.rfc.call(\"stfc_con"].names)
	assert.Equal(t, result{"sap.rfc.call('STFC_CONNECTION', {", []string{"REQUTEXT"}}, got["sap.rfc.call('STFC_CONNECTION', {RE"])
	assert.Empty(t, got["sap.rfc.call('STFC_CONNECTION', { REQUTEXT: 'x', "].names, "given parameters are not offered again")
	assert.Equal(t, result{"", []string{".meta"}}, got[".me"])
	assert.Equal(t, result{".meta ", []string{"STFC_CONNECTION"}}, got[".meta STFC_CONN"])
	assert.Empty(t, got["'sap.rf"].names, "nothing inside a string")
	assert.Equal(t, result{"  ", []string{"REQUTEXT"}}, got["  REQ"], "the call began on the line before")
	assert.Contains(t, h.out.String(), "'on two lines'\n")
	assert.True(t, strings.HasSuffix(h.out.String(), "0\n"), "the getter never ran: %s", h.out.String())
}

func TestDotCommands(t *testing.T) {
	dir := t.TempDir()
	script := filepath.Join(dir, "load.js")
	require.NoError(t, os.WriteFile(script, []byte("const loaded = await Promise.resolve('from file')\nloaded.length\n"), 0o600))
	h := newHarness(t, Options{Target: "the built-in simulator", BaseDir: dir})
	err := h.run(append(lines(
		".session",
		".help",
		".meta stfc_connection",
		".search STFC_CONN",
		".load load.js",
		"loaded",
		".save saved.js",
		".disconnect",
		".connect",
		".session",
		".nonsense",
		".editor",
		"const z = 1",
		"z + 1",
	), step{err: io.EOF}, step{line: ".exit"}, step{line: "'after exit'"})...)
	assert.ErrorIs(t, err, ErrFailed, ".nonsense failed")
	out := h.out.String()
	assert.Contains(t, out, "Not connected; the session opens on first use, to the built-in simulator.\n")
	assert.Contains(t, out, ".meta FM")
	assert.Contains(t, out, "STFC_CONNECTION — RFC test: echo a text and identify the system (function group STFC)\n")
	assert.Regexp(t, `KIND\s+NAME\s+TYPE\s+OPTIONAL\s+DEFAULT\s+DESCRIPTION\n`, out)
	assert.Regexp(t, `importing\s+REQUTEXT\s+SY-LISEL CHAR\(255\)\s+Request text\n`, out)
	assert.Regexp(t, `STFC_CONNECTION\s+STFC\s+RFC test`, out)
	assert.Contains(t, out, "9\n'from file'\n")
	assert.Contains(t, out, "Disconnected; the next call opens a new session")
	assert.Contains(t, out, "Connected: WSR at ws://")
	assert.Regexp(t, `system\s+WSR, release`, out)
	assert.Contains(t, out, "// Entering editor mode")
	assert.True(t, strings.HasSuffix(out, "2\n"), out)
	assert.Contains(t, h.errOut.String(), "unknown command .nonsense")
	saved, err := os.ReadFile(filepath.Join(dir, "saved.js"))
	require.NoError(t, err)
	assert.Equal(t, "const loaded = await Promise.resolve('from file')\nloaded.length\n\nloaded\n", string(saved))
}

func TestMetaShowsStructureFields(t *testing.T) {
	var b bytes.Buffer
	line := protocol.Struct("BAPIRET2", protocol.F("TYPE", protocol.Char(1)), protocol.F("MESSAGE", protocol.Char(220)))
	writeSignature(&b, &protocol.FunctionMetadata{
		Name: "Z_META", Description: "meta test",
		Parameters: []protocol.Parameter{
			{Name: "RETURN", Kind: protocol.Tables, Type: "BAPIRET2", Optional: true, DataType: protocol.TableOf("", line)},
			{Name: "USERNAME", Kind: protocol.Importing, Type: "BAPIBNAME-BAPIBNAME", DataType: protocol.Char(12), Default: "SY-UNAME"},
		},
		Exceptions: []protocol.Exception{{Name: "NOT_FOUND", Description: "no such user"}},
	}, false)
	assert.Equal(t, `Z_META — meta test
KIND       NAME       TYPE                          OPTIONAL  DEFAULT   DESCRIPTION
importing  USERNAME   BAPIBNAME-BAPIBNAME CHAR(12)            SY-UNAME
tables     RETURN     BAPIRET2                      yes
             TYPE     CHAR(1)
             MESSAGE  CHAR(220)
exceptions:
  NOT_FOUND  no such user
`, b.String())
}

func TestHistoryFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "sub", "history")
	hist, err := OpenHistory(path)
	require.NoError(t, err)
	h := newHarness(t, Options{History: hist})
	require.NoError(t, h.run(lines(
		"1 + 1",
		"1 + 1",
		"const o = {",
		"  a: 1 }",
		"const options = { user: 'X', password: 'geheim' } // never stored",
		"const SAP_PASSWORD = 'x'",
		"'token' && 2",
		".help",
	)...))
	data, err := os.ReadFile(path)
	require.NoError(t, err)
	assert.Equal(t, "1 + 1\nconst o = {␤  a: 1 }\n.help\n", string(data))
	info, err := os.Stat(path)
	require.NoError(t, err)
	assert.Equal(t, os.FileMode(0o600), info.Mode().Perm())
	assert.Contains(t, h.reader.history, "const SAP_PASSWORD = 'x'", "recall in this run keeps every entry")

	again, err := OpenHistory(path)
	require.NoError(t, err)
	assert.Equal(t, []string{"1 + 1", "const o = {␤  a: 1 }", ".help"}, again.Entries())
}

func TestHistoryNarrowsPermissionsAndKeepsTheLastEntries(t *testing.T) {
	path := filepath.Join(t.TempDir(), "history")
	var b strings.Builder
	for i := 0; i < historyLimit+5; i++ {
		b.WriteString("entry " + strings.Repeat("x", i%3) + string(rune('a'+i%26)) + "\n")
	}
	require.NoError(t, os.WriteFile(path, []byte(b.String()), 0o644))
	hist, err := OpenHistory(path)
	require.NoError(t, err)
	assert.Len(t, hist.Entries(), historyLimit)
	info, err := os.Stat(path)
	require.NoError(t, err)
	assert.Equal(t, os.FileMode(0o600), info.Mode().Perm())
	data, err := os.ReadFile(path)
	require.NoError(t, err)
	assert.Equal(t, historyLimit, strings.Count(string(data), "\n"))
}

func TestIsSecret(t *testing.T) {
	for _, s := range []string{"password: 'x'", "sap.connect({PassWord: p})", "SAP_PASSWORD", "passwd", "let secret", "TOKEN", "cookie: c", "MYSAPSSO2=..."} {
		assert.True(t, isSecret(s), s)
	}
	assert.False(t, isSecret("sap.rfc.call('BAPI_USER_GET_DETAIL', {USERNAME: 'X'})"))
}

func TestHistoryLeavesOutLiteralsGivenToCredentialNames(t *testing.T) {
	for _, s := range []string{"const pw = 'S3cr3t-4711'", "let pwd = \"x\"", "pass = `x`", "const myPin = '1234'",
		"PIN = '1'", "sap.rfc.call('BAPI_USER_CHANGE', { PASSWORD: { BAPIPWD: 'x' } })", "x = { INITPWD: 'a' }",
		"const api_key = 'k'", "apiKey: 'k'", "const KENNWORT = 'geheim'", "PASSCODE = '1'", "{ PASS: 'x' }", "userPw = 'x'"} {
		assert.True(t, isSecret(s), s)
	}
	for _, s := range []string{"const spinner = 'x'", "const passenger = 1", "sap.rfc.call('STFC_CONNECTION', {REQUTEXT: 'hi'})",
		"const pin = compute()", "const topic = 'x'", "KUNNR = '42'"} {
		assert.False(t, isSecret(s), s)
	}
}

func TestSecretCommandKeepsTheValueOutOfHistoryAndTranscript(t *testing.T) {
	path := filepath.Join(t.TempDir(), "history")
	hist, err := OpenHistory(path)
	require.NoError(t, err)
	h := newHarness(t, Options{History: hist})
	require.NoError(t, h.run(lines(
		"const pw = 'S3cr3t-4711'",
		".secret token",
		"Tok-0815-geheim",
		"token.length + pw.length",
	)...))
	assert.Contains(t, h.out.String(), "token is set (15 characters).")
	assert.Contains(t, h.out.String(), "26\n")
	data, err := os.ReadFile(path)
	require.NoError(t, err)
	assert.NotContains(t, string(data), "S3cr3t-4711")
	assert.NotContains(t, string(data), "Tok-0815")
	assert.NotContains(t, h.reader.history, "Tok-0815-geheim", "the hidden value is no entry to recall")
	assert.NotContains(t, h.out.String(), "Tok-0815")
}

func TestTopLevelAwaitOfAParenthesisedExpression(t *testing.T) {
	h := newHarness(t, Options{})
	require.NoError(t, h.run(lines(
		"await (async () => 5)()",
		"await [Promise.resolve(7)][0]",
		"const v = await (async () => 'x')(); v",
	)...))
	assert.Equal(t, "5\n7\n'x'\n", h.out.String(), h.errOut.String())
}
