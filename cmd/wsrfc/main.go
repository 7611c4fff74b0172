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
)

// Exit codes (API.md).
const (
	exitOK      = 0
	exitFailure = 1
	exitUsage   = 2
	exitConnect = 3
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
	env := &environment{stdin: os.Stdin, stdout: os.Stdout, stderr: os.Stderr, getenv: os.Getenv,
		stdinIsTTY: isTerminal(os.Stdin), stdoutIsTTY: isTerminal(os.Stdout)}
	os.Exit(run(env, os.Args[1:]))
}

func run(env *environment, args []string) int {
	args = hoistCommand(args)
	name := "repl"
	if len(args) > 0 && len(args[0]) > 0 && args[0][0] != '-' {
		name, args = args[0], args[1:]
	}
	if name == "help" || (name == "repl" && len(args) == 1 && (args[0] == "-h" || args[0] == "--help" || args[0] == "-help")) {
		printUsage(env.stdout)
		return exitOK
	}
	for _, c := range commands() {
		if c.name == name {
			return exitCode(env, c.run(env, args))
		}
	}
	fmt.Fprintf(env.stderr, "wsrfc: unknown command %q\n\n", name)
	printUsage(env.stderr)
	return exitUsage
}

func exitCode(env *environment, err error) int {
	if err == nil {
		return exitOK
	}
	var ee *exitError
	if errors.As(err, &ee) {
		if ee.msg != "" {
			fmt.Fprintln(env.stderr, "wsrfc: "+ee.msg)
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
	fmt.Fprintln(w, "\nRun 'wsrfc COMMAND --help' for a command's options and examples.")
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
			return args
		}
		name := strings.TrimLeft(a, "-")
		if !strings.Contains(name, "=") && withValue[name] {
			i++ // its value
		}
	}
	return args
}
