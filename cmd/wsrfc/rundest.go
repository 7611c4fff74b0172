package main

import (
	"errors"
	"fmt"
	"strings"
	"time"
)

// destinationList splits --dest A,B,C; one name (or none) is the usual single run.
func destinationList(dest string) []string {
	var out []string
	for _, d := range strings.Split(dest, ",") {
		if d = strings.TrimSpace(d); d != "" {
			out = append(out, d)
		}
	}
	return out
}

// runPerDestination runs a script once per destination, one after the other
// in a fresh runtime each, the way sap.each does inside a script: a failure on
// one system does not stop the others, a table of outcomes ends the run on
// stderr, and the exit code is 1 if any run failed.
func runPerDestination(env *environment, conn *connFlags, dests []string, name, src string, args []string) error {
	if conn.sim || conn.url != "" {
		return usageError("--dest with several destinations names the systems; it cannot be combined with --sim or --url")
	}
	if len(conn.defines) > 0 {
		return usageError("--define loads function modules into the simulator; it needs --sim")
	}
	defer conn.release(env)
	type outcome struct {
		dest string
		err  error
		took time.Duration
	}
	var outcomes []outcome
	for _, d := range dests {
		fmt.Fprintf(env.stderr, "wsrfc: ── %s ──\n", d)
		start := time.Now()
		err := runOnDestination(env, conn, d, name, src, args)
		if err != nil {
			var ee *exitError
			if errors.As(err, &ee) && ee.msg != "" {
				fmt.Fprintln(env.stderr, "wsrfc: "+ee.msg)
			}
		}
		outcomes = append(outcomes, outcome{dest: d, err: err, took: time.Since(start)})
	}
	failed := 0
	width := 11
	for _, o := range outcomes {
		width = max(width, len(o.dest))
	}
	var b strings.Builder
	for _, o := range outcomes {
		what := "ok"
		if o.err != nil {
			failed++
			what = "FAILED  " + describeExit(o.err)
		}
		fmt.Fprintf(&b, "  %-*s %9s  %s\n", width, o.dest, fmt.Sprintf("%d ms", o.took.Milliseconds()), what)
	}
	fmt.Fprintf(env.stderr, "wsrfc run: %d of %d systems succeeded\n%s", len(outcomes)-failed, len(outcomes), b.String())
	if failed > 0 {
		return &exitError{code: exitFailure}
	}
	return nil
}

// describeExit says how one run ended, from its exit code.
func describeExit(err error) string {
	var ee *exitError
	if !errors.As(err, &ee) {
		return err.Error()
	}
	switch ee.code {
	case exitConnect:
		return "could not connect or log on (exit code 3)"
	case exitUsage:
		return "usage error (exit code 2)"
	}
	return fmt.Sprintf("exit code %d", ee.code)
}

func runOnDestination(env *environment, conn *connFlags, dest, name, src string, args []string) error {
	conn.dest = dest
	cfg, err := conn.resolve(env)
	if err != nil {
		return err
	}
	return runScriptOn(env, conn, cfg, name, src, args)
}
