package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/wsrfc/wsrfc/bindings/sap"
	"github.com/wsrfc/wsrfc/destination"
	"github.com/wsrfc/wsrfc/host"
	"github.com/wsrfc/wsrfc/runtime/engine"
)

const runExamples = `  wsrfc run --sim scripts/tutorial.js
  wsrfc run report.js 2026 Q4                 # process.argv.slice(2) is ['2026', 'Q4']
  wsrfc run -e 'console.log(sap.rfc.call("STFC_CONNECTION", {REQUTEXT: "hi"}).ECHOTEXT)'
  cat script.js | wsrfc run -
  wsrfc run --sim --define scripts/z_rfm_xxx.js my_script.js
  wsrfc run --dest DEV,QAS,PRD check.js        # once per system; a table of outcomes at the end
  wsrfc run --trace support.jsonl report.js   # every request and response with timings, secrets redacted`

func runScript(env *environment, args []string) error {
	var conn connFlags
	fs := newFlagSet(env, "run", "wsrfc run [connection options] FILE.js [ARGS...] | -e CODE | -", runExamples)
	conn.register(fs)
	code := fs.String("e", "", "run this code instead of a file")
	positional, err := parseFlags(fs, args, false)
	if err != nil {
		return err
	}
	name, src, scriptArgs := "", "", positional
	switch {
	case *code != "":
		name, src = "[eval]", *code
	case len(positional) == 0:
		return usageError("run needs a script file, -e CODE, or - for stdin")
	case positional[0] == "-":
		name, scriptArgs = "[stdin]", positional[1:]
		if src, err = readAllLimited(env.stdin); err != nil {
			return &exitError{code: exitFailure, msg: "reading the script from stdin: " + err.Error()}
		}
	default:
		name, scriptArgs = positional[0], positional[1:]
		if _, err := os.Stat(name); err != nil {
			return usageError("cannot read script %s: %v", name, err)
		}
	}
	if dests := destinationList(conn.dest); len(dests) > 1 {
		return runPerDestination(env, &conn, dests, name, src, scriptArgs)
	}
	cfg, err := conn.resolve(env)
	if err != nil {
		return err
	}
	defer conn.release(env) // after the sessions close: saves --record, stops --replay
	return runScriptOn(env, &conn, cfg, name, src, scriptArgs)
}

// runScriptOn runs one script (a file, or src for -e and stdin) in a fresh host on cfg.
func runScriptOn(env *environment, conn *connFlags, cfg destination.Config, name, src string, args []string) error {
	h, err := newScriptHost(env, conn, cfg, name, args)
	if err != nil {
		return err
	}
	defer h.Close()
	stop := h.interruptOnSignal()
	defer stop()
	if src != "" || name == "[eval]" || name == "[stdin]" {
		err = h.Runtime.RunString(context.Background(), name, src)
	} else {
		err = h.Runtime.RunFile(context.Background(), name)
	}
	return h.result(err)
}

// scriptHost is the command's host (package host) with what the command line
// adds to it: signals and the exit codes of API.md.
type scriptHost struct {
	*host.Host
	env *environment
}

// newScriptHost builds the host of a command on cfg, with the --define files
// of conn loaded into its simulator; scriptPath feeds process.argv[1] and the
// base folder for relative paths.
func newScriptHost(env *environment, conn *connFlags, cfg destination.Config, scriptPath string, args []string) (*scriptHost, error) {
	h, err := host.New(host.Options{Config: cfg, Stdout: env.stdout, Stderr: env.stderr, Stdin: env.stdin,
		Colors: env.stdoutIsTTY && env.getenv("NO_COLOR") == "", ScriptPath: scriptPath, Args: args, Defines: conn.defines})
	var bad *host.DefineError
	switch {
	case errors.As(err, &bad):
		return nil, usageError("%v", err)
	case err != nil:
		return nil, &exitError{code: exitFailure, msg: "cannot start the JavaScript runtime: " + err.Error()}
	}
	return &scriptHost{Host: h, env: env}, nil
}

// interruptOnSignal turns Ctrl-C and SIGTERM into an interrupt of the running script.
// interruptOnSignal stops the script on SIGINT or SIGTERM. The engine can
// only stop between JS instructions; inside a long native call (a sort or a
// JSON.stringify of something huge) it does not notice, so a second signal, or
// a SIGTERM that has not stopped the script within terminateGrace, ends the
// process at once with 128+N.
func (h *scriptHost) interruptOnSignal() (stop func()) {
	ch := make(chan os.Signal, 2)
	signal.Notify(ch, syscall.SIGINT, syscall.SIGTERM)
	done := make(chan struct{})
	go func() {
		var first os.Signal
		var grace <-chan time.Time
		for {
			select {
			case sig := <-ch:
				if first == nil {
					first = sig
					h.Runtime.Interrupt(sig)
					if sig == syscall.SIGTERM {
						grace = time.After(terminateGrace)
					}
					continue
				}
				forceExit(h.env, sig, "second "+signalName(sig))
				return
			case <-grace:
				forceExit(h.env, first, signalName(first)+" did not stop the script within "+terminateGrace.String())
				return
			case <-done:
				return
			}
		}
	}()
	return func() { signal.Stop(ch); close(done) }
}

// terminateGrace is how long a script has to stop after SIGTERM.
const terminateGrace = 5 * time.Second

// forceExit ends the process at once, skipping deferred clean-up: the server
// ends the sessions (and rolls back their LUWs) when the connections drop.
func forceExit(env *environment, sig os.Signal, why string) {
	fmt.Fprintf(env.stderr, "\nwsrfc: %s: exiting now\n", why)
	os.Exit(signalExitCode(sig))
}

// signalExitCode is what a shell reports for death by sig: 128+N.
func signalExitCode(sig os.Signal) int {
	if s, ok := sig.(syscall.Signal); ok {
		return 128 + int(s)
	}
	return exitInterrupted
}

func signalName(sig os.Signal) string {
	if sig == syscall.SIGINT {
		return "Ctrl-C"
	}
	return "SIGTERM"
}

// result prints a run's error and maps it to the exit code of API.md: an
// uncaught sap.ConnectionError is 3, other uncaught errors 1, process.exit(n) n.
func (h *scriptHost) result(err error) error {
	if err == nil {
		return nil
	}
	if msg := engine.FormatError(err); msg != "" {
		fmt.Fprintln(h.env.stderr, msg)
	}
	code := engine.ExitCode(err)
	var se *engine.ScriptError
	if errors.As(err, &se) && se.Value != nil && sap.IsConnectFailure(se.Value) && !h.SAP.EverConnected() {
		code = exitConnect
	}
	return &exitError{code: code}
}
