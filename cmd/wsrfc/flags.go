package main

import (
	"bufio"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"golang.org/x/term"

	"github.com/wsrfc/wsrfc/destination"
)

// connFlags are the connection options every command that talks to SAP accepts.
type connFlags struct {
	dest, url, client, user, cookie, path, timeout, simProfile, language string
	insecure, sim                                                        bool
	defines                                                              stringList
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
	fs.StringVar(&c.simProfile, "sim-profile", "wsrfc", "simulator profile: wsrfc (this project's handler) or legacy (the old ZADT_VSP handler)")
	fs.Var(&c.defines, "define", "load function modules defined in this JS file into the simulator (repeatable)")
	fs.Func("password", "not accepted: passwords never go on the command line (use SAP_PASSWORD or the prompt)", func(string) error {
		return errors.New("passwords are not taken as flags: set SAP_PASSWORD or let wsrfc prompt for it")
	})
}

// resolve turns the flags into a destination configuration.
func (c *connFlags) resolve(env *environment) (destination.Config, error) {
	cfg := destination.Config{Dest: c.dest, URL: c.url, Client: c.client, User: c.user, Cookie: c.cookie,
		Path: c.path, Insecure: c.insecure, Sim: c.sim, SimProfile: c.simProfile, Language: c.language}
	if c.timeout != "" {
		d, err := destination.ParseTimeout(c.timeout)
		if err != nil {
			return cfg, usageError("--timeout: %v", err)
		}
		cfg.Timeout = d
	}
	resolved, err := destination.Resolve(cfg, env.getenv)
	if err != nil {
		return resolved, &exitError{code: exitConnect, msg: err.Error()}
	}
	if env.stdinIsTTY {
		resolved.Prompt = promptPassword
	}
	if len(c.defines) > 0 && !resolved.Sim {
		return resolved, usageError("--define loads function modules into the simulator; it needs --sim")
	}
	return resolved, nil
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

// newFlagSet builds a flag set whose usage shows a synopsis and examples.
func newFlagSet(env *environment, name, synopsis, examples string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(env.stderr)
	fs.Usage = func() {
		w := fs.Output()
		fmt.Fprintf(w, "Usage: %s\n\nOptions:\n", synopsis)
		fs.PrintDefaults()
		if examples != "" {
			fmt.Fprintf(w, "\nExamples:\n%s\n", examples)
		}
	}
	return fs
}

// parseFlags parses flags anywhere among the arguments (until "--"), returning
// the positional ones; help requests end the command with exit 0.
func parseFlags(fs *flag.FlagSet, args []string, interspersed bool) ([]string, error) {
	var positional []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return nil, &exitError{code: exitOK}
			}
			return nil, &exitError{code: exitUsage}
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
