package main

import (
	"context"
	"fmt"
	"os"
	"regexp"
	"strings"

	"github.com/wsrfc/wsrfc/destination"
	"github.com/wsrfc/wsrfc/stdlib/testrunner"
)

const testExamples = `  wsrfc test                                   # every *.test.js below the current folder, on the simulator
  wsrfc test --sim scripts/ --reporter tap
  wsrfc test --reporter junit --output junit.xml scripts/
  wsrfc test --grep 'STFC_STRUCTURE' --bail scripts/stfc.test.js
  wsrfc test --sim --record run.cassette.json scripts/   # record once ...
  wsrfc test --replay run.cassette.json scripts/         # ... replay with no SAP system`

// runTests implements wsrfc test: every file on one runtime and one SAP
// session, the report on stdout ending with "N passed, N failed, N skipped".
func runTests(env *environment, args []string) (err error) {
	var conn connFlags
	fs := newFlagSet(env, "test", "wsrfc test [options] [PATH...]", testExamples)
	conn.register(fs)
	reporter := fs.String("reporter", "pretty", "report format: pretty, tap (TAP version 14) or junit (needs --output)")
	output := fs.String("output", "", "write the tap or junit report to this file; the terminal then shows the pretty report")
	grep := fs.String("grep", "", "run only the tests whose full name (describe titles and test name) matches this regular expression")
	bail := fs.Bool("bail", false, "stop after the first failure")
	testTimeout := fs.String("timeout-test", "5000", "time a test or hook may take: milliseconds or a duration such as 10s")
	paths, err := parseFlags(fs, args, true)
	if err != nil {
		return err
	}
	opts := testrunner.Options{Bail: *bail}
	if opts.TestTimeout, err = destination.ParseTimeout(*testTimeout); err != nil || opts.TestTimeout <= 0 {
		return usageError("--timeout-test %q: use milliseconds (5000) or a duration (5s)", *testTimeout)
	}
	if *grep != "" {
		if opts.Grep, err = regexp.Compile(*grep); err != nil {
			return usageError("--grep: %v", err)
		}
	}
	colors := env.stdoutIsTTY && env.getenv("NO_COLOR") == ""
	switch *reporter {
	case "pretty":
		if *output != "" {
			return usageError("--output is for --reporter tap or junit; the pretty report goes to the terminal")
		}
		opts.Reporter = testrunner.NewPretty(env.stdout, colors)
	case "tap":
		if *output == "" {
			opts.Reporter = testrunner.NewTAP(env.stdout)
			break
		}
		f, err := os.Create(*output)
		if err != nil {
			return usageError("--output: %v", err)
		}
		defer f.Close()
		opts.Reporter = testrunner.Multi(testrunner.NewTAP(f), testrunner.NewPretty(env.stdout, colors))
	case "junit":
		if *output == "" {
			return usageError("--reporter junit writes XML to a file: add --output FILE (e.g. --output junit.xml)")
		}
		if err := checkWritable(*output); err != nil {
			return usageError("--output: %v", err)
		}
		opts.Reporter = testrunner.Multi(testrunner.NewJUnit(*output), testrunner.NewPretty(env.stdout, colors))
	default:
		return usageError("--reporter must be pretty, tap or junit, not %q", *reporter)
	}
	files, err := testrunner.Discover(paths)
	if err != nil {
		return usageError("%v", err)
	}
	if len(files) == 0 {
		where := "."
		if len(paths) > 0 {
			where = strings.Join(paths, ", ")
		}
		return &exitError{code: exitFailure, msg: fmt.Sprintf("no test files (*%s) under %s", testrunner.Suffix, where)}
	}

	cfg, err := conn.resolve(env)
	if err != nil {
		return err
	}
	// After the sessions are closed (deferred below): save the --record
	// cassette, stop the --replay server.
	defer func() {
		if ferr := conn.finish(); ferr != nil {
			if err != nil {
				fmt.Fprintln(env.stderr, "wsrfc: "+ferr.Error())
				return
			}
			err = ferr
		}
	}()
	h, err := newScriptHost(env, &conn, cfg, "", nil)
	if err != nil {
		return err
	}
	defer h.Close()
	runner, err := testrunner.New(h.Runtime, opts)
	if err != nil {
		return &exitError{code: exitFailure, msg: "cannot set up the test runner: " + err.Error()}
	}
	// The session is opened before the first test: a system that cannot be
	// reached is exit code 3, not a failure of every test.
	if _, err := h.SAP.Main().Session(); err != nil {
		return connectFailure(err)
	}
	stop := h.interruptOnSignal()
	summary, runErr := runner.Run(context.Background(), files)
	stop()
	if runErr != nil {
		return h.result(runErr)
	}
	if !summary.OK() {
		return &exitError{code: exitFailure}
	}
	return nil
}
