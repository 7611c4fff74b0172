package main

import (
	"bufio"
	"bytes"
	"errors"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/gorilla/websocket"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// A connection lost after the session was open is a failure of the script or
// the call (1), as any other; 3 is kept for "no session could be opened".
func TestLostConnectionAfterOpeningExitsOneInRunAndCall(t *testing.T) {
	code, _, errOut := runCLI(t, nil, "run", "--sim", "-e",
		"sap.rfc.ping(); sap.rfc.call('RFC_RAISE_ERROR', { METHOD: '3', MESSAGETYPE: 'E' })")
	assert.Equal(t, exitFailure, code, errOut)
	assert.Contains(t, errOut, "CONNECTION_LOST")

	code, _, errOut = runCLI(t, nil, "call", "--sim", "RFC_RAISE_ERROR", "METHOD=3", "MESSAGETYPE=E")
	assert.Equal(t, exitFailure, code, errOut)

	// Once a session was open, failing to open another is the script's failure too.
	code, _, errOut = runCLI(t, nil, "run", "--sim", "-e", "sap.rfc.ping(); sap.connect({ url: 'http://127.0.0.1:1' })")
	assert.Equal(t, exitFailure, code, errOut)
	assert.Contains(t, errOut, "CONNECT_FAILED")
}

// serveNonsense is an endpoint that upgrades and then sends text that is no
// welcome; hang keeps the connection open without ever answering.
func serveNonsense(t *testing.T, first string) string {
	t.Helper()
	up := websocket.Upgrader{}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ws, err := up.Upgrade(w, r, nil)
		if err != nil {
			return
		}
		defer ws.Close()
		_ = ws.WriteMessage(websocket.TextMessage, []byte(first))
		for {
			if _, _, err := ws.ReadMessage(); err != nil {
				return
			}
		}
	}))
	t.Cleanup(srv.Close)
	return srv.URL
}

func TestGarbageWelcomeIsAConnectFailureInRunAndCall(t *testing.T) {
	url := serveNonsense(t, `{"hello":"world"}`)
	code, _, errOut := runCLI(t, nil, "run", "--url", url, "-e", "sap.rfc.ping()")
	assert.Equal(t, exitConnect, code, errOut)
	assert.Contains(t, errOut, "CONNECT_FAILED")
	code, _, errOut = runCLI(t, nil, "call", "--url", url, "RFC_PING")
	assert.Equal(t, exitConnect, code, errOut)
}

// started runs wsrfc and returns once it printed line on stdout.
func started(t *testing.T, line string, args ...string) (*exec.Cmd, *bytes.Buffer) {
	t.Helper()
	cmd := exec.Command(wsrfcBinary, args...)
	cmd.Env = []string{"PATH=" + os.Getenv("PATH")}
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.StdoutPipe()
	require.NoError(t, err)
	require.NoError(t, cmd.Start())
	t.Cleanup(func() { _ = cmd.Process.Kill() })
	sc := bufio.NewScanner(out)
	for sc.Scan() {
		if strings.Contains(sc.Text(), line) {
			go func() { _, _ = bufio.NewReader(out).WriteTo(&bytes.Buffer{}) }()
			return cmd, &stderr
		}
	}
	t.Fatalf("wsrfc ended before printing %q; stderr: %s", line, stderr.String())
	return nil, nil
}

func exitStatus(t *testing.T, cmd *exec.Cmd, within time.Duration) int {
	t.Helper()
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case err := <-done:
		var ee *exec.ExitError
		if errors.As(err, &ee) {
			return ee.ExitCode()
		}
		require.NoError(t, err)
		return 0
	case <-time.After(within):
		t.Fatalf("wsrfc did not exit within %s", within)
		return -1
	}
}

func TestSigtermExits143AndCtrlCExits130(t *testing.T) {
	cmd, _ := started(t, "spinning", "run", "--sim", "-e", "console.log('spinning'); for (;;) {}")
	require.NoError(t, cmd.Process.Signal(syscall.SIGTERM))
	assert.Equal(t, 143, exitStatus(t, cmd, 10*time.Second))

	cmd, _ = started(t, "spinning", "run", "--sim", "-e", "console.log('spinning'); for (;;) {}")
	require.NoError(t, cmd.Process.Signal(syscall.SIGINT))
	assert.Equal(t, 130, exitStatus(t, cmd, 10*time.Second))
}

// The engine notices an interrupt only between JS instructions; a second
// Ctrl-C ends a script stuck in a long native call at once.
func TestSecondCtrlCEndsALongNativeCall(t *testing.T) {
	cmd, stderr := started(t, "sorting", "run", "--sim", "-e", `
		const s = Array.from({ length: 3e6 }, (_, i) => String(i * 7919 % 1000003));
		console.log('sorting');
		for (;;) s.slice().sort();`)
	time.Sleep(100 * time.Millisecond) // inside the first sort
	require.NoError(t, cmd.Process.Signal(syscall.SIGINT))
	time.Sleep(100 * time.Millisecond)
	require.NoError(t, cmd.Process.Signal(syscall.SIGINT))
	assert.Equal(t, 130, exitStatus(t, cmd, 10*time.Second))
	assert.Contains(t, stderr.String(), "second Ctrl-C: exiting now")
}

// wsrfc call stopped with Ctrl-C or SIGTERM exits as a signal does.
func TestCallInterruptedExitsWithTheSignalsCode(t *testing.T) {
	url := serveNonsense(t, `{"id":"welcome","success":true,"data":{"session":"S","version":"2.0.0","domains":["system","rfc"],"protocol":2}}`)
	for sig, want := range map[syscall.Signal]int{syscall.SIGINT: 130, syscall.SIGTERM: 143} {
		cmd := exec.Command(wsrfcBinary, "call", "--url", url, "RFC_PING")
		cmd.Env = []string{"PATH=" + os.Getenv("PATH")}
		require.NoError(t, cmd.Start())
		time.Sleep(500 * time.Millisecond) // connected, waiting for an answer that never comes
		require.NoError(t, cmd.Process.Signal(sig))
		assert.Equal(t, want, exitStatus(t, cmd, 10*time.Second), sig.String())
	}
}

// In the console too, a Ctrl-C that the statement did not notice (it is in a
// long native call) is followed by one that ends the process.
func TestSecondCtrlCEndsTheConsoleInALongNativeCall(t *testing.T) {
	cmd := exec.Command(wsrfcBinary, "repl", "--sim")
	cmd.Env = []string{"PATH=" + os.Getenv("PATH")}
	cmd.Stdin = strings.NewReader("const s = Array.from({ length: 3e6 }, (_, i) => String(i * 7919 % 1000003)); console.log('sorting'); for (;;) s.slice().sort();\n")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.StdoutPipe()
	require.NoError(t, err)
	require.NoError(t, cmd.Start())
	t.Cleanup(func() { _ = cmd.Process.Kill() })
	sc := bufio.NewScanner(out)
	for sc.Scan() && !strings.Contains(sc.Text(), "sorting") {
	}
	go func() { _, _ = bufio.NewReader(out).WriteTo(&bytes.Buffer{}) }()
	time.Sleep(100 * time.Millisecond)
	require.NoError(t, cmd.Process.Signal(syscall.SIGINT))
	time.Sleep(100 * time.Millisecond)
	require.NoError(t, cmd.Process.Signal(syscall.SIGINT))
	assert.Equal(t, 130, exitStatus(t, cmd, 10*time.Second))
	assert.Contains(t, stderr.String(), "second Ctrl-C: exiting now")
}
