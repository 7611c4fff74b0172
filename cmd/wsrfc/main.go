// Command wsrfc scripts SAP systems in JavaScript over one stateful WebSocket
// session to the ZADT_VSP push channel: a REPL, a script runner, a test runner,
// one-shot function-module calls and a built-in SAP simulator.
package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	_ "github.com/wsrfc/wsrfc/cmd/wsrfc/internal/early" // first: see its doc
	"github.com/wsrfc/wsrfc/internal/gcpace"
	"github.com/wsrfc/wsrfc/protocol"
)

// Exit codes (API.md; the table of faults is in README.md). A connection
// lost after a session was open is a failure of the script (1); 3 means that
// no session could be opened at all.
const (
	exitOK          = 0
	exitFailure     = 1
	exitUsage       = 2
	exitConnect     = 3
	exitInterrupted = 130 // SIGINT; SIGTERM gives 143 (128+N)
)

// exitError ends the program with a code; its message (if any) goes to stderr.
type exitError struct {
	code int
	msg  string
}

func (e *exitError) Error() string { return e.msg }

func usageError(format string, args ...any) error {
	return &exitError{code: exitUsage, msg: fmt.Sprintf(format, args...)}
}

type command struct {
	name    string
	summary string
	run     func(env *environment, args []string) error
}

// environment is what a command may touch: streams and the process environment.
type environment struct {
	stdin          io.Reader
	stdout, stderr io.Writer
	getenv         func(string) string
	stdinIsTTY     bool
	stdoutIsTTY    bool
}

func commands() []command {
	return []command{
		{"repl", "interactive JavaScript console on one SAP session (the default)", runREPL},
		{"run", "run a script (.js, .mjs, .ts): wsrfc run FILE [ARGS...] | -e CODE | -", runScript},
		{"test", "run *.test.js / *.test.ts scenarios: wsrfc test [PATH...]", runTests},
		{"call", "call one function module: wsrfc call FUNCTION [NAME=VALUE...] [--json]", runCall},
		{"sim", "serve the built-in SAP simulator over WebSocket", runSim},
		{"init", "write editor config (jsconfig/tsconfig.json + wsrfc.d.ts): wsrfc init [FOLDER]", runInit},
		{"version", "print the version", runVersion},
	}
}

func main() {
	gcpace.Start()
	env := &environment{stdin: os.Stdin, stdout: os.Stdout, stderr: os.Stderr, getenv: os.Getenv,
		stdinIsTTY: isTerminal(os.Stdin), stdoutIsTTY: isTerminal(os.Stdout)}
	os.Exit(run(env, os.Args[1:]))
}

func run(env *environment, args []string) int {
	args = hoistCommand(args)
	if len(args) == 1 {
		switch args[0] {
		case "-h", "--help", "-help":
			printUsage(env.stdout)
			return exitOK
		case "-v", "--version", "-version":
			return exitCode(env, runVersion(env, nil), "")
		}
	}
	name := "repl"
	if len(args) > 0 && len(args[0]) > 0 && args[0][0] != '-' {
		name, args = args[0], args[1:]
	}
	if name == "help" {
		if len(args) == 1 && findCommand(args[0]) != nil {
			return exitCode(env, findCommand(args[0]).run(env, []string{"--help"}), args[0])
		}
		printUsage(env.stdout)
		return exitOK
	}
	if c := findCommand(name); c != nil {
		return exitCode(env, c.run(env, args), c.name)
	}
	// `wsrfc script.js` runs the script, as `node script.js` does.
	if info, err := os.Stat(name); err == nil && !info.IsDir() {
		return exitCode(env, runScript(env, append([]string{name}, args...)), "run")
	} else if err == nil {
		fmt.Fprintf(env.stderr, "wsrfc: %s is a folder; to run the tests in it: wsrfc test %s\n", name, name)
		return exitUsage
	}
	if looksLikeScript(name) {
		fmt.Fprintf(env.stderr, "wsrfc: cannot read script %s: no such file\n", name)
		return exitUsage
	}
	names := make([]string, 0, len(commands()))
	for _, c := range commands() {
		names = append(names, c.name)
	}
	msg := fmt.Sprintf("wsrfc: unknown command %q", name)
	if near := protocol.Nearest(strings.ToLower(name), names); near != "" {
		msg += fmt.Sprintf("; did you mean %q?", near)
	}
	fmt.Fprintln(env.stderr, msg)
	fmt.Fprintln(env.stderr, "Run 'wsrfc --help' for the commands.")
	return exitUsage
}

// findCommand finds a command by name.
func findCommand(name string) *command {
	for _, c := range commands() {
		if c.name == name {
			return &c
		}
	}
	return nil
}

func looksLikeScript(name string) bool {
	for _, ext := range []string{".js", ".mjs", ".cjs", ".ts"} {
		if strings.HasSuffix(name, ext) {
			return true
		}
	}
	return strings.ContainsRune(name, '/')
}

// exitCode reports err on stderr and returns the exit code for it. A usage error is followed by one
// line that points to the command's help, which stays short instead of burying the error.
func exitCode(env *environment, err error, name string) int {
	if err == nil {
		return exitOK
	}
	var ee *exitError
	if errors.As(err, &ee) {
		if ee.msg != "" {
			fmt.Fprintln(env.stderr, "wsrfc: "+ee.msg)
		}
		if ee.code == exitUsage && name != "" {
			fmt.Fprintf(env.stderr, "Run 'wsrfc %s --help' for its options and examples.\n", name)
		}
		return ee.code
	}
	fmt.Fprintln(env.stderr, "wsrfc: "+err.Error())
	return exitFailure
}

func printUsage(w io.Writer) {
	fmt.Fprintln(w, "Usage: wsrfc [COMMAND] [OPTIONS]")
	fmt.Fprintln(w, "\nScript SAP systems in JavaScript over the ZADT_VSP WebSocket.\n\nCommands:")
	for _, c := range commands() {
		fmt.Fprintf(w, "  %-8s %s\n", c.name, c.summary)
	}
	fmt.Fprintln(w, "\n`wsrfc FILE.js [ARGS...]` runs a script, as `wsrfc run` does; `wsrfc --version` prints the version.")
	fmt.Fprintln(w, "Run 'wsrfc COMMAND --help' for a command's options and examples.")
	fmt.Fprintln(w, "Without --url, SAP_URL or --dest, wsrfc connects to its built-in simulator (--sim).")
}

// version is set at build time with -ldflags "-X main.version=...".
var version = "dev"

func runVersion(env *environment, args []string) error {
	fmt.Fprintln(env.stdout, "wsrfc "+version)
	return nil
}

// hoistCommand lets connection options come before the command, as in
// `wsrfc --url https://host:44300 call STFC_CONNECTION`: it moves the command
// name to the front. Options that take a value are skipped with their value.
func hoistCommand(args []string) []string {
	known := map[string]bool{}
	for _, c := range commands() {
		known[c.name] = true
	}
	known["help"] = true
	withValue := map[string]bool{"url": true, "client": true, "user": true, "cookie": true, "dest": true,
		"path": true, "timeout": true, "language": true, "sim-profile": true, "define": true, "record": true, "replay": true}
	for i := 0; i < len(args); i++ {
		a := args[i]
		if a == "--" || !strings.HasPrefix(a, "-") {
			if known[a] && i > 0 {
				out := append([]string{a}, args[:i]...)
				return append(out, args[i+1:]...)
			}
			if info, err := os.Stat(a); i > 0 && !known[a] && err == nil && !info.IsDir() {
				return append([]string{"run"}, args...) // wsrfc --sim script.js
			}
			return args
		}
		name := strings.TrimLeft(a, "-")
		if !strings.Contains(name, "=") && withValue[name] {
			i++ // its value
		}
	}
	return args
}
