package main

import (
	"bufio"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"golang.org/x/term"

	"github.com/wsrfc/wsrfc/cassette"
	"github.com/wsrfc/wsrfc/destination"
	"github.com/wsrfc/wsrfc/internal/trace"
	"github.com/wsrfc/wsrfc/sim"
)

// connFlags are the connection options every command that talks to SAP accepts.
type connFlags struct {
	dest, url, client, user, cookie, path, timeout, simProfile, language string
	insecure, sim                                                        bool
	defines                                                              stringList

	record, replay string             // cassette files (--record, --replay)
	recorder       *cassette.Recorder // set by resolve for --record
	replayer       *cassette.Server   // set by resolve for --replay

	// simNoticeShown says that the command tells about the simulator itself (the console's banner), so
	// resolve need not.
	simNoticeShown bool
	trace          string        // --trace FILE
	tracer         *trace.Writer // set by resolve for --trace
}

type stringList []string

func (s *stringList) String() string     { return strings.Join(*s, ",") }
func (s *stringList) Set(v string) error { *s = append(*s, v); return nil }

func (c *connFlags) register(fs *flag.FlagSet) {
	fs.StringVar(&c.url, "url", "", "SAP system, e.g. https://host:44300 (env SAP_URL; ws:// and wss:// also accepted)")
	fs.StringVar(&c.client, "client", "", "SAP client, e.g. 001 (env SAP_CLIENT)")
	fs.StringVar(&c.user, "user", "", "SAP user (env SAP_USER); the password comes only from SAP_PASSWORD or a prompt")
	fs.StringVar(&c.cookie, "cookie", "", "Cookie header of an SSO session instead of a password (env SAP_COOKIE)")
	fs.StringVar(&c.dest, "dest", "", "named destination from the destinations file ($WSRFC_DESTINATIONS or ~/.config/wsrfc/destinations.ini)")
	fs.StringVar(&c.path, "path", "", "push channel path (default /sap/bc/apc/sap/zadt_vsp)")
	fs.StringVar(&c.timeout, "timeout", "", "default per-call timeout: 30s, 2m or milliseconds (default 120s)")
	fs.StringVar(&c.language, "language", "", "logon language, e.g. EN (env SAP_LANGUAGE)")
	fs.BoolVar(&c.insecure, "insecure", false, "skip TLS certificate verification (test systems only)")
	fs.BoolVar(&c.sim, "sim", false, "use the built-in SAP simulator (the default when no system is configured)")
	fs.StringVar(&c.simProfile, "sim-profile", "wsrfc", "simulator profile: wsrfc (this project's handler), legacy (the old ZADT_VSP handler) or wsrfc-nodebugger (this handler without its debugger)")
	fs.Var(&c.defines, "define", "load function modules defined in this JS file into the simulator (repeatable)")
	fs.StringVar(&c.record, "record", "", "record every frame of the sessions into this cassette file (JSON, secrets redacted) for --replay")
	fs.StringVar(&c.replay, "replay", "", "answer from this cassette file instead of an SAP system (made with --record)")
	fs.StringVar(&c.trace, "trace", "", "write one JSON line per request and response, with timings and secrets redacted, to this file (for support cases)")
}

// resolve turns the flags into a destination configuration.
func (c *connFlags) resolve(env *environment) (destination.Config, error) {
	if c.replay != "" {
		return c.replayConfig()
	}
	cfg := destination.Config{Dest: c.dest, URL: c.url, Client: c.client, User: c.user, Cookie: c.cookie,
		Path: c.path, Insecure: c.insecure, Sim: c.sim, SimProfile: c.simProfile, Language: c.language}
	if c.timeout != "" {
		d, err := destination.ParseTimeout(c.timeout)
		if err != nil {
			return cfg, usageError("--timeout: %v", err)
		}
		cfg.Timeout = d
	}
	if _, err := sim.ConfigForProfile(c.simProfile); err != nil {
		return cfg, usageError("--sim-profile: %v", err)
	}
	resolved, err := destination.Resolve(cfg, env.getenv)
	if err != nil {
		// Only the destinations file can fail here (an unknown name, a file that is missing or unsafe):
		// the command line asked for something that is not there, and nothing was tried to connect.
		return resolved, usageError("--dest: %v", err)
	}
	if env.stdinIsTTY {
		resolved.Prompt = promptPassword
	}
	if len(c.defines) > 0 && !resolved.Sim {
		return resolved, usageError("--define loads function modules into the simulator; it needs --sim")
	}
	if resolved.Sim && !c.sim && !c.simNoticeShown {
		// Answers from the simulator must never pass for a system's: say so whenever nobody asked for it.
		fmt.Fprintln(env.stderr, "wsrfc: no SAP system configured (--url, SAP_URL or --dest): using the built-in simulator")
	}
	if c.record != "" {
		if err := checkWritable(c.record); err != nil {
			return resolved, usageError("--record: %v", err)
		}
		if c.recorder == nil {
			c.recorder = cassette.NewRecorder(c.record)
		}
		resolved.Observe = c.recorder.Observe
	}
	return c.withTrace(resolved)
}

// withTrace adds the --trace observer to a configuration; the file is opened
// once, however many destinations a run resolves.
func (c *connFlags) withTrace(cfg destination.Config) (destination.Config, error) {
	if c.trace == "" {
		return cfg, nil
	}
	if c.tracer == nil {
		w, err := trace.Create(c.trace)
		if err != nil {
			return cfg, usageError("--trace: %v", err)
		}
		c.tracer = w
	}
	cfg.Observe = c.tracer.Observe(cfg.Observe)
	return cfg, nil
}

// replayConfig starts the --replay server and points the sessions at it, as
// the user the cassette was recorded with.
func (c *connFlags) replayConfig() (destination.Config, error) {
	var cfg destination.Config
	switch {
	case c.record != "":
		return cfg, usageError("--record and --replay cannot be combined: record once, then replay")
	case len(c.defines) > 0:
		return cfg, usageError("--define loads function modules into the simulator; a --replay run has none")
	}
	if c.timeout != "" {
		d, err := destination.ParseTimeout(c.timeout)
		if err != nil {
			return cfg, usageError("--timeout: %v", err)
		}
		cfg.Timeout = d
	}
	k, err := cassette.Load(c.replay)
	if err != nil {
		return cfg, usageError("--replay: %v", err)
	}
	srv, err := cassette.Serve(k)
	if err != nil {
		return cfg, &exitError{code: exitConnect, msg: err.Error()}
	}
	c.replayer = srv
	cfg.URL = srv.URL()
	cfg.Client, cfg.User = k.Logon()
	cfg.Cookie = "wsrfc-replay=1" // stands in for the logon: nothing to prompt for, no password anywhere
	return c.withTrace(cfg)
}

// finish saves the --record cassette and stops the --replay server; commands
// call it after their sessions are closed.
func (c *connFlags) finish() error {
	if c.replayer != nil {
		_ = c.replayer.Close()
	}
	if c.recorder != nil {
		if err := c.recorder.Save(); err != nil {
			return &exitError{code: exitFailure, msg: err.Error()}
		}
	}
	if c.tracer != nil {
		if err := c.tracer.Close(); err != nil {
			return &exitError{code: exitFailure, msg: "--trace: " + err.Error()}
		}
	}
	return nil
}

// release is finish for commands whose outcome is already decided: a cassette
// that cannot be saved is reported on stderr.
func (c *connFlags) release(env *environment) {
	if err := c.finish(); err != nil {
		fmt.Fprintln(env.stderr, "wsrfc: "+err.Error())
	}
}

// checkWritable fails early when a file cannot be created where asked.
func checkWritable(path string) error {
	dir := filepath.Dir(path)
	if info, err := os.Stat(dir); err != nil || !info.IsDir() {
		return fmt.Errorf("folder %s does not exist", dir)
	}
	return nil
}

// promptPassword reads a password from the terminal without echo.
func promptPassword(prompt string) (string, error) {
	tty, err := os.OpenFile("/dev/tty", os.O_RDWR, 0)
	if err != nil {
		return "", err
	}
	defer tty.Close()
	fmt.Fprint(tty, prompt)
	pw, err := term.ReadPassword(int(tty.Fd()))
	fmt.Fprintln(tty)
	return string(pw), err
}

func isTerminal(f *os.File) bool { return term.IsTerminal(int(f.Fd())) }

// newFlagSet builds a flag set whose help (for --help, on stdout) shows a synopsis, the options
// spelt --name as the README has them, and examples.
func newFlagSet(env *environment, name, synopsis, examples string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(env.stdout)
	fs.Usage = func() {
		w := fs.Output()
		fmt.Fprintf(w, "Usage: %s\n\nOptions:\n", synopsis)
		printOptions(w, fs)
		if examples != "" {
			fmt.Fprintf(w, "\nExamples:\n%s\n", examples)
		}
	}
	return fs
}

// printOptions lists the flags as --name VALUE with their help and default.
func printOptions(w io.Writer, fs *flag.FlagSet) {
	fs.VisitAll(func(f *flag.Flag) {
		value, usage := flag.UnquoteUsage(f)
		dashes := "--"
		if len(f.Name) == 1 {
			dashes = "-"
		}
		line := "  " + dashes + f.Name
		if value != "" {
			value = strings.ToUpper(value)
			if placeholder, ok := placeholders[f.Name]; ok {
				value = placeholder
			}
			line += " " + value
		}
		fmt.Fprintf(w, "%s\n      %s", line, usage)
		if f.DefValue != "" && f.DefValue != "false" && f.DefValue != "[]" {
			fmt.Fprintf(w, " (default %s)", f.DefValue)
		}
		fmt.Fprintln(w)
	})
}

// placeholders name the values of flags in the help.
var placeholders = map[string]string{"url": "URL", "client": "CLIENT", "user": "USER", "cookie": "COOKIE",
	"dest": "NAME", "path": "PATH", "timeout": "DURATION", "language": "LANG", "sim-profile": "PROFILE",
	"define": "FILE.js", "record": "FILE", "replay": "FILE", "e": "CODE", "listen": "ADDR", "profile": "PROFILE",
	"reporter": "NAME", "output": "FILE", "grep": "REGEXP", "timeout-test": "DURATION"}

// parseFlags parses flags anywhere among the arguments (until "--"), returning
// the positional ones; help requests print the help on stdout and end the command with exit 0.
func parseFlags(fs *flag.FlagSet, args []string, interspersed bool) ([]string, error) {
	// Refused before parsing, so that no error message ever echoes the value.
	for _, a := range args {
		if a == "--" {
			break
		}
		if name, _, _ := strings.Cut(strings.TrimLeft(a, "-"), "="); strings.HasPrefix(a, "-") && (name == "password" || name == "passwd") {
			return nil, usageError("passwords are not taken as flags (they would end up in shell history and process lists): set SAP_PASSWORD or let wsrfc prompt for it")
		}
	}
	// The flag package prints errors and the help itself; wsrfc prints the error alone (exitCode
	// adds the pointer to --help), and the help only when asked for.
	help := fs.Output()
	fs.SetOutput(io.Discard)
	defer fs.SetOutput(help)
	var positional []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				fs.SetOutput(help)
				fs.Usage()
				return nil, &exitError{code: exitOK}
			}
			return nil, usageError("%s", strings.Replace(err.Error(), ": -", ": --", 1))
		}
		rest := fs.Args()
		if len(rest) == 0 {
			return positional, nil
		}
		if !interspersed {
			return append(positional, rest...), nil
		}
		if rest[0] == "--" {
			return append(positional, rest[1:]...), nil
		}
		positional = append(positional, rest[0])
		args = rest[1:]
	}
}

// readAllLimited reads a script from stdin with a sane bound.
func readAllLimited(r io.Reader) (string, error) {
	b, err := io.ReadAll(io.LimitReader(bufio.NewReader(r), 64<<20))
	return string(b), err
}

var _ = time.Second
