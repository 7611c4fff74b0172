package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"syscall"

	"golang.org/x/term"

	"github.com/wsrfc/wsrfc/destination"
	"github.com/wsrfc/wsrfc/repl"
	"github.com/wsrfc/wsrfc/runtime/engine"
	"github.com/wsrfc/wsrfc/sim"
)

const replExamples = `  wsrfc                                        # on the simulator unless a system is configured
  wsrfc repl --url https://host:44300 --client 100 --user ME
  echo "sap.rfc.call('STFC_CONNECTION', {REQUTEXT: 'hi'})" | wsrfc repl --sim

Ctrl-C clears the line or stops what runs; on an empty line, Ctrl-C twice, Ctrl-D or .exit leaves, and asks first
when a changing BAPI was called without BAPI_TRANSACTION_COMMIT since (leaving rolls the changes back).

History: ~/.wsrfc_history (WSRFC_HISTORY names another file; set it empty to keep none), one entry per
statement (line breaks show as ␤). Lines that mention a password, secret, token or cookie are never stored.`

func runREPL(env *environment, args []string) error {
	var conn connFlags
	fs := newFlagSet(env, "repl", "wsrfc [repl] [connection options]", replExamples)
	conn.register(fs)
	positional, err := parseFlags(fs, args, true)
	if err != nil {
		return err
	}
	if len(positional) > 0 {
		return usageError("repl takes no arguments, got %q; to run a script: wsrfc run FILE.js", positional)
	}
	// Without a terminal on both ends there is no line editing: statements come from stdin and only
	// results go out, so that the console can be scripted.
	interactive := env.stdinIsTTY && env.stdoutIsTTY
	conn.simNoticeShown = interactive // the banner names the target
	cfg, err := conn.resolve(env)
	if err != nil {
		return err
	}
	defer conn.release(env) // after the sessions close: saves --record, stops --replay
	var history *repl.History
	if path := historyPath(); interactive && path != "" {
		if history, err = repl.OpenHistory(path); err != nil {
			fmt.Fprintf(env.stderr, "wsrfc: %v (history is off)\n", err)
		}
	}
	cwd, _ := os.Getwd()
	console := repl.New(repl.Options{
		Stdout:      env.stdout,
		Stderr:      env.stderr,
		Interactive: interactive,
		Colors:      env.stdoutIsTTY && env.getenv("NO_COLOR") == "" && env.getenv("TERM") != "dumb",
		Spinner:     interactive && env.stderr == os.Stderr && isTerminal(os.Stderr),
		Width:       terminalWidth,
		Banner:      banner(cfg),
		Target:      describeTarget(cfg),
		History:     history,
		// Tab may open the session only where that cannot stop to ask for a password.
		CompletionOpensSession: cfg.Sim || cfg.Password != "" || cfg.Cookie != "",
		BaseDir:                cwd,
	})
	if ask := cfg.Prompt; ask != nil {
		cfg.Prompt = func(prompt string) (string, error) {
			resume := console.PauseSpinner()
			defer resume()
			return ask(prompt)
		}
	}

	consoleEnv := *env
	consoleEnv.stdout, consoleEnv.stderr = console.Stdout(), console.Stderr()
	h, err := newScriptHost(&consoleEnv, &conn, cfg, "[repl]", nil)
	if err != nil {
		return err
	}
	defer h.Close()

	var lines repl.LineReader
	if interactive {
		var entries []string
		if history != nil {
			entries = history.Entries()
		}
		t := repl.OpenTerminal(console.Complete, entries)
		defer t.Close()
		lines = t
	} else {
		lines = repl.NewLines(env.stdin)
	}

	ctx, stop := context.WithCancelCause(context.Background())
	defer stop(nil)
	var idleCtrlC func()
	if t, ok := lines.(*repl.Terminal); ok {
		idleCtrlC = t.CtrlC
	}
	defer handleConsoleSignals(env, console, interactive, stop, idleCtrlC)()

	err = console.Run(ctx, h.Runtime, repl.ModuleConnection(h.SAP), lines)
	var exit *engine.ExitError
	var signalled *signalExit
	switch {
	case errors.As(context.Cause(ctx), &signalled):
		return &exitError{code: signalled.code}
	case err == nil:
		return nil
	case errors.Is(err, repl.ErrFailed):
		return &exitError{code: exitFailure}
	case errors.As(err, &exit):
		return &exitError{code: exit.Code}
	}
	return &exitError{code: exitFailure, msg: err.Error()}
}

// signalExit ends the console on a signal, with the shell's exit code for it.
type signalExit struct{ code int }

func (e *signalExit) Error() string { return fmt.Sprintf("ended by a signal (exit code %d)", e.code) }

// handleConsoleSignals makes Ctrl-C stop the evaluation in progress (at the prompt the terminal delivers it
// as a key instead). Without a terminal Ctrl-C also ends the console, as SIGTERM always does.
func handleConsoleSignals(env *environment, console *repl.REPL, interactive bool, end context.CancelCauseFunc, idleCtrlC func()) (stop func()) {
	ch := make(chan os.Signal, 1)
	signal.Notify(ch, syscall.SIGINT, syscall.SIGTERM)
	done := make(chan struct{})
	go func() {
		for {
			select {
			case sig := <-ch:
				if console.Stuck() {
					// The last Ctrl-C did not stop the statement: it is inside a long native call.
					forceExit(env, sig, "second "+signalName(sig))
					return
				}
				if !console.Interrupt() && sig == syscall.SIGINT && idleCtrlC != nil {
					idleCtrlC()
				}
				switch {
				case sig == syscall.SIGTERM:
					end(&signalExit{code: 143})
				case !interactive:
					end(&signalExit{code: 130})
				}
			case <-done:
				return
			}
		}
	}()
	return func() { signal.Stop(ch); close(done) }
}

// historyPath is where the console keeps its history: $WSRFC_HISTORY if set (empty: nowhere), else
// ~/.wsrfc_history.
func historyPath() string {
	if path, ok := os.LookupEnv("WSRFC_HISTORY"); ok {
		return path
	}
	home, err := os.UserHomeDir()
	if err != nil {
		return ""
	}
	return filepath.Join(home, ".wsrfc_history")
}

// describeTarget says where the session goes, without secrets.
func describeTarget(cfg destination.Config) string {
	client, user := cfg.Client, strings.ToUpper(cfg.User)
	if cfg.Sim {
		if client == "" {
			client = sim.DemoClient
		}
		if user == "" {
			user = sim.DemoUser
		}
		return fmt.Sprintf("the built-in simulator %s, client %s, user %s", sim.DemoSystemID, client, user)
	}
	if client == "" {
		client = "(the system default)"
	}
	where := cfg.URL
	if cfg.Dest != "" {
		where = cfg.Dest + " (" + cfg.URL + ")"
	}
	if user == "" && cfg.Cookie != "" {
		return fmt.Sprintf("%s, client %s, with an SSO cookie", where, client)
	}
	return fmt.Sprintf("%s, client %s, user %s", where, client, user)
}

func banner(cfg destination.Config) string {
	return fmt.Sprintf("wsrfc %s, JavaScript on one SAP session. It connects lazily to %s.\n"+
		"Type .help for commands; Tab completes; Ctrl-D leaves.", version, describeTarget(cfg))
}

func terminalWidth() int {
	w, _, err := term.GetSize(int(os.Stdout.Fd()))
	if err != nil {
		return 0
	}
	return w
}
