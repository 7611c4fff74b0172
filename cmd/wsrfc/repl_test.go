package main

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/creack/pty"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// wsrfcBinary is the command built once for the tests that drive it as a person would.
var wsrfcBinary string

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "wsrfc-cmd-test-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	wsrfcBinary = filepath.Join(dir, "wsrfc")
	if out, err := exec.Command("go", "build", "-o", wsrfcBinary, ".").CombinedOutput(); err != nil {
		fmt.Fprintf(os.Stderr, "building wsrfc: %v\n%s", err, out)
		os.RemoveAll(dir)
		os.Exit(1)
	}
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

// terminalSession is wsrfc running in a pseudo-terminal, read by one goroutine into a buffer.
type terminalSession struct {
	t    *testing.T
	pty  *os.File
	cmd  *exec.Cmd
	mu   sync.Mutex
	out  bytes.Buffer
	seen int // how much of the cleaned output expect has consumed
	done chan error
}

// terminalNoise is what a line editor writes besides text: escape sequences and carriage returns.
var terminalNoise = regexp.MustCompile(`\x1b\[[0-9;?]*[A-Za-z]|\r`)

func startTerminal(t *testing.T, env []string, args ...string) *terminalSession {
	t.Helper()
	cmd := exec.Command(wsrfcBinary, args...)
	cmd.Env = append([]string{"TERM=xterm", "PATH=" + os.Getenv("PATH")}, env...)
	f, err := pty.StartWithSize(cmd, &pty.Winsize{Rows: 40, Cols: 160}) // liner falls back without a size
	require.NoError(t, err)
	s := &terminalSession{t: t, pty: f, cmd: cmd, done: make(chan error, 1)}
	go func() {
		buf := make([]byte, 4096)
		for {
			n, err := f.Read(buf)
			s.mu.Lock()
			s.out.Write(buf[:n])
			s.mu.Unlock()
			if err != nil {
				return
			}
		}
	}()
	go func() { s.done <- cmd.Wait() }()
	t.Cleanup(func() {
		_ = cmd.Process.Kill()
		_ = f.Close()
	})
	return s
}

func (s *terminalSession) text() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return terminalNoise.ReplaceAllString(s.out.String(), "")
}

// expect waits until want appears in the output after what earlier expectations consumed.
func (s *terminalSession) expect(want string, within time.Duration) {
	s.t.Helper()
	deadline := time.Now().Add(within)
	for {
		text := s.text()
		if i := strings.Index(text[s.seen:], want); i >= 0 {
			s.seen += i + len(want)
			return
		}
		if time.Now().After(deadline) {
			s.t.Fatalf("waited %v for %q; the terminal shows after the last match:\n%s", within, want, text[s.seen:])
		}
		time.Sleep(10 * time.Millisecond)
	}
}

func (s *terminalSession) send(keys string) {
	s.t.Helper()
	_, err := s.pty.Write([]byte(keys))
	require.NoError(s.t, err)
}

// exitCode waits for the process to end.
func (s *terminalSession) exitCode(within time.Duration) int {
	s.t.Helper()
	select {
	case err := <-s.done:
		var exit *exec.ExitError
		if errors.As(err, &exit) {
			return exit.ExitCode()
		}
		require.NoError(s.t, err)
		return 0
	case <-time.After(within):
		s.t.Fatalf("wsrfc did not exit within %v; the terminal shows:\n%s", within, s.text()[s.seen:])
		return -1
	}
}

const prompt = "> "

func TestREPLOnATerminal(t *testing.T) {
	home := t.TempDir()
	history := filepath.Join(home, "history")
	s := startTerminal(t, []string{"HOME=" + home, "WSRFC_HISTORY=" + history})
	s.expect("connects lazily to the built-in simulator WSR, client 001, user DEVELOPER", 10*time.Second)
	s.expect(prompt, time.Second)

	s.send("sap.rfc.call('STFC_CONNECTION', {REQUTEXT: 'hi'})\r")
	s.expect("ECHOTEXT: 'hi'", 5*time.Second)
	s.expect("Logon_Data: 001/DEVELOPER", time.Second)
	s.expect(prompt, time.Second)

	// Tab completes a property, a function-module name and a parameter name.
	s.send("sap.rf\t")
	s.expect("sap.rfc", 2*time.Second)
	s.send(".call('STFC_CONN\t")
	s.expect("sap.rfc.call('STFC_CONNECTION", 3*time.Second)
	s.send("', {REQU\t")
	s.expect("{REQUTEXT", 3*time.Second)
	s.send(": 'tab'}).ECHOTEXT\r")
	s.expect("'tab'\n", 5*time.Second) // the result; the echo goes on with "})"

	s.send(".meta BAPI_USER_GET_DETAIL\r")
	s.expect("BAPI_USER_GET_DETAIL — Read user details", 5*time.Second)
	s.expect("importing  USERNAME", time.Second)
	s.expect("ADDRESS", time.Second)
	s.expect(prompt, time.Second)

	s.send("function add(a,\r")
	s.expect("... ", 2*time.Second)
	s.send("  b) { return a + b\r")
	s.expect("... ", 2*time.Second)
	s.send("}\r")
	s.expect(prompt, 2*time.Second)
	s.send("add(2, 3)\r")
	s.expect("\n5\n", 2*time.Second)

	s.send("const login = { user: 'ME', password: 'geheim' }\r")
	s.expect("undefined", 2*time.Second)
	s.expect(prompt, time.Second)
	s.send("\x04") // Ctrl-D
	assert.Equal(t, 0, s.exitCode(5*time.Second))

	data, err := os.ReadFile(history)
	require.NoError(t, err)
	assert.Equal(t, "sap.rfc.call('STFC_CONNECTION', {REQUTEXT: 'hi'})\n"+
		"sap.rfc.call('STFC_CONNECTION', {REQUTEXT: 'tab'}).ECHOTEXT\n"+
		".meta BAPI_USER_GET_DETAIL\n"+
		"function add(a,␤  b) { return a + b␤}\n"+
		"add(2, 3)\n", string(data), "one line per statement, the secret left out")
	info, err := os.Stat(history)
	require.NoError(t, err)
	assert.Equal(t, os.FileMode(0o600), info.Mode().Perm())
}

func TestREPLOutputWhileTypingGoesAboveThePrompt(t *testing.T) {
	s := startTerminal(t, []string{"HOME=" + t.TempDir(), "WSRFC_HISTORY="}, "repl", "--sim")
	s.expect(prompt, 10*time.Second)
	s.send("setTimeout(() => console.log('tick'), 1500), 'set'\r")
	s.expect("'set'\n"+prompt, 5*time.Second)
	s.send("1 +")
	s.expect("1 +", time.Second)
	// The line being typed is cleared, the output takes its place, and the
	// prompt comes back below it with what was typed so far.
	s.expect("tick\n"+prompt+"1 +", 5*time.Second)
	s.send(" 2\r")
	s.expect(" 2\n3\n", 5*time.Second)
	s.send("\x04")
	assert.Equal(t, 0, s.exitCode(5*time.Second))
}

func TestREPLCtrlCCancelsASlowCallAndKeepsTheSession(t *testing.T) {
	home := t.TempDir()
	s := startTerminal(t, []string{"HOME=" + home, "WSRFC_HISTORY="}, "repl", "--sim")
	s.expect(prompt, 10*time.Second)
	s.send("const id = sap.connect().id\r")
	s.expect("undefined", 5*time.Second)
	s.expect(prompt, time.Second)

	s.send("sap.rfc.call('RFC_PING_AND_WAIT', {SECONDS: 3})\r")
	s.expect("Ctrl-C cancels", 3*time.Second) // the spinner, after a second
	pressed := time.Now()
	s.send("\x03")
	s.expect("Interrupted. The session stays open", time.Second)
	s.expect(prompt, time.Second)
	assert.Less(t, time.Since(pressed), time.Second, "back at the prompt within a second")

	s.send("[sap.session.id === id, sap.session.connected]\r")
	s.expect("[ true, true ]", 2*time.Second)
	s.send("sap.rfc.call('STFC_CONNECTION', {REQUTEXT: 'still here'}).ECHOTEXT\r")
	s.expect("'still here'\n", 10*time.Second) // after SAP has finished the cancelled call
	s.expect(prompt, time.Second)

	s.send("\x03") // on an empty prompt: explains
	s.expect("To exit, press Ctrl+C again", 2*time.Second)
	s.send("\x03") // and leaves
	assert.Equal(t, 0, s.exitCode(5*time.Second))
}

func TestREPLWithoutATerminalReadsStatementsFromStdin(t *testing.T) {
	cmd := exec.Command(wsrfcBinary, "repl")
	cmd.Env = []string{"PATH=" + os.Getenv("PATH"), "HOME=" + t.TempDir()}
	cmd.Stdin = strings.NewReader("1+1\n")
	out, err := cmd.Output()
	require.NoError(t, err)
	assert.Equal(t, "2\n", string(out))
}

func TestREPLPipedScript(t *testing.T) {
	var stdout, stderr bytes.Buffer
	env := &environment{
		stdin: strings.NewReader(`const r = sap.rfc.call('STFC_CONNECTION', {
  REQUTEXT: 'piped',
})
r.ECHOTEXT
const u = await sap.rfc.callAsync('BAPI_USER_GET_DETAIL', {USERNAME: 'DEVELOPER'})
u.ADDRESS.LASTNAME
.search STFC_CONN
`),
		stdout: &stdout, stderr: &stderr, getenv: func(string) string { return "" },
	}
	code := run(env, []string{"repl", "--sim"})
	require.Equal(t, 0, code, stderr.String())
	assert.True(t, strings.HasPrefix(stdout.String(), "undefined\n'piped'\nundefined\n'Trial'\n"), stdout.String())
	assert.Regexp(t, `STFC_CONNECTION\s+STFC\s+RFC test`, stdout.String())
	assert.Empty(t, stderr.String())
}

func TestREPLPipedFailuresExitWithOne(t *testing.T) {
	var stdout, stderr bytes.Buffer
	env := &environment{stdin: strings.NewReader("sap.rfc.call('Z_NOWHERE')\n'next'\n"), stdout: &stdout, stderr: &stderr,
		getenv: func(string) string { return "" }}
	assert.Equal(t, exitFailure, run(env, []string{"repl", "--sim"}))
	assert.Equal(t, "'next'\n", stdout.String())
	assert.Contains(t, stderr.String(), "Uncaught SapError: Function module Z_NOWHERE does not exist")

	env.stdin = strings.NewReader("process.exit(4)\n'never'\n")
	assert.Equal(t, 4, run(env, []string{"repl", "--sim"}))
	assert.Equal(t, exitUsage, run(env, []string{"repl", "extra"}))
}

func TestREPLCtrlCClearsALineWithTextAndLeavesOnlyFromAnEmptyOne(t *testing.T) {
	s := startTerminal(t, []string{"HOME=" + t.TempDir(), "WSRFC_HISTORY="}, "repl", "--sim")
	s.expect(prompt, 10*time.Second)
	s.send("1 + 41")
	s.expect("1 + 41", 2*time.Second)
	s.send("\x03") // with text on the line: the line is cleared, nothing else
	s.send("\x03") // now on an empty line: the hint
	s.expect("(To exit, press Ctrl+C again or Ctrl+D or type .exit)", 2*time.Second)
	s.send("'still' + ' here'\r") // the hint was the first press; the second counts anew
	s.expect("'still here'\n", 5*time.Second)
	assert.NotContains(t, s.text(), "42", "the cleared line never ran")
	assert.Equal(t, 1, strings.Count(s.text(), "To exit, press"), "Ctrl-C on a line with text shows no hint")
	s.send("\x03")
	s.expect("To exit, press Ctrl+C again", 2*time.Second)
	s.send("\x03")
	assert.Equal(t, 0, s.exitCode(5*time.Second))
}

func TestREPLAsksBeforeLeavingAnUncommittedLUW(t *testing.T) {
	s := startTerminal(t, []string{"HOME=" + t.TempDir(), "WSRFC_HISTORY="}, "repl", "--sim")
	s.expect(prompt, 10*time.Second)
	s.send("'booked ' + sap.rfc.call('BAPI_FLBOOKING_CREATEFROMDATA', {BOOKING_DATA: {AIRLINEID: 'LH', CONNECTID: '0400', " +
		"FLIGHTDATE: '20260112', CUSTOMERID: '00000005', CLASS: 'Y', AGENCYNUM: '00000100', PASSNAME: 'J'}}).BOOKINGNUMBER\r")
	s.expect("'booked 0000", 5*time.Second)
	s.expect(prompt, 2*time.Second)
	s.send("\x04") // Ctrl-D asks ...
	s.expect("not committed (BAPI_FLBOOKING_CREATEFROMDATA was called", 2*time.Second)
	s.expect("Leave and roll them back? (y/N) ", time.Second)
	s.send("n\r") // ... and stays on no
	s.expect("Staying.", 2*time.Second)
	s.expect(prompt, time.Second)
	s.send("\x03")
	s.expect("To exit, press Ctrl+C again", 2*time.Second)
	s.send("\x03") // two Ctrl-C ask too
	s.expect("Leave and roll them back? (y/N) ", 2*time.Second)
	s.send("\x03") // Ctrl-C at the question stays
	s.expect("Staying.", 2*time.Second)
	s.send("sap.rfc.call('BAPI_TRANSACTION_COMMIT'), 'ok'\r")
	s.expect("'ok'\n", 5*time.Second)
	s.send(".exit\r") // committed: nothing to ask
	assert.Equal(t, 0, s.exitCode(5*time.Second))
	assert.Equal(t, 2, strings.Count(s.text(), "Leave and roll them back?"))
}

func TestREPLLeavesAnUncommittedLUWOnYes(t *testing.T) {
	s := startTerminal(t, []string{"HOME=" + t.TempDir(), "WSRFC_HISTORY="}, "repl", "--sim")
	s.expect(prompt, 10*time.Second)
	s.send("sap.rfc.call('BAPI_FLBOOKING_CREATEFROMDATA', {BOOKING_DATA: {AIRLINEID: 'LH', CONNECTID: '0400', " +
		"FLIGHTDATE: '20260112', CUSTOMERID: '00000005', CLASS: 'Y', AGENCYNUM: '00000100', PASSNAME: 'J'}}), 'made'\r")
	s.expect("'made'\n", 5*time.Second)
	s.send(".exit\r")
	s.expect("Leave and roll them back? (y/N) ", 2*time.Second)
	s.send("y\r")
	assert.Equal(t, 0, s.exitCode(5*time.Second))
}
