package repl

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"text/tabwriter"

	"github.com/dop251/goja"

	"github.com/wsrfc/wsrfc/internal/lazyre"
	"github.com/wsrfc/wsrfc/session"
)

// dotCommand is one of the console's own commands, typed as .name [argument].
type dotCommand struct {
	name, arg, help string
	run             func(r *REPL, ctx context.Context, arg string) error
}

// commands lists the dot commands in the order .help shows them. It is filled in init because .help
// reads it: a plain initializer would refer to itself.
var commands []dotCommand

func init() {
	commands = []dotCommand{
		{"break", "", "drop a statement that spans lines (Ctrl-C does the same)", (*REPL).cmdBreak},
		{"connect", "[DEST]", "open the session again: to the command line's system, or a named destination", (*REPL).cmdConnect},
		{"disconnect", "", "close the session; the next call opens a new one", (*REPL).cmdDisconnect},
		{"editor", "", "editor mode: type or paste several lines, Ctrl-D runs them, Ctrl-C cancels", (*REPL).cmdEditor},
		{"exit", "", "leave the console (Ctrl-D does the same)", (*REPL).cmdExit},
		{"help", "", "show this list", (*REPL).cmdHelp},
		{"load", "FILE", "run a JavaScript file in this session", (*REPL).cmdLoad},
		{"meta", "FM", "show a function module's interface: parameters, types, structure fields", (*REPL).cmdMeta},
		{"save", "FILE", "save the statements of this session to a file", (*REPL).cmdSave},
		{"search", "PATTERN", "find function modules, e.g. BAPI_USER* (text without * or ? matches anywhere)", (*REPL).cmdSearch},
		{"secret", "NAME", "read a value without showing it (a password, a token) into the global NAME; it never reaches the history", (*REPL).cmdSecret},
		{"session", "", "show the session: system, client, user, id", (*REPL).cmdSession},
	}
}

const helpFooter = `
Tab completes globals, properties, function-module names in sap.rfc.call('... and their parameters.
Ctrl-C clears the line or stops the call in flight; Ctrl-C twice or Ctrl-D leaves (asking first when changes
are not committed). Up, Down and Ctrl-R search the history.
await works at the top level; _ holds the last result and _error the last error.`

// command runs a dot command line.
func (r *REPL) command(ctx context.Context, line string) error {
	name, arg, _ := strings.Cut(strings.TrimPrefix(line, "."), " ")
	arg = strings.TrimSpace(arg)
	for _, c := range commands {
		if c.name == name {
			return c.run(r, ctx, arg)
		}
	}
	fmt.Fprintf(r.stderr, "unknown command .%s; .help lists the commands\n", name)
	r.failures++
	return nil
}

// continuationCommand handles the commands that also work inside a statement that spans lines.
func (r *REPL) continuationCommand(line string) bool {
	switch strings.TrimSpace(line) {
	case ".break":
		r.buffer = nil
		return true
	case ".exit":
		r.buffer = nil
		r.exitRequested = true
		return true
	}
	return false
}

func (r *REPL) cmdHelp(context.Context, string) error {
	tw := tabwriter.NewWriter(r.stdout, 0, 4, 2, ' ', 0)
	for _, c := range commands {
		fmt.Fprintf(tw, ".%s %s\t%s\n", c.name, c.arg, c.help)
	}
	_ = tw.Flush()
	fmt.Fprintln(r.stdout, helpFooter)
	return nil
}

func (r *REPL) cmdBreak(context.Context, string) error {
	r.buffer = nil
	return nil
}

func (r *REPL) cmdExit(context.Context, string) error {
	r.exitRequested = true
	return nil
}

func (r *REPL) cmdLoad(ctx context.Context, arg string) error {
	if arg == "" {
		return r.usage(".load FILE")
	}
	src, err := os.ReadFile(r.path(arg))
	if err != nil {
		return r.commandFailed(err)
	}
	return r.evaluate(ctx, string(src), classifyWhole(string(src)))
}

func (r *REPL) cmdSave(_ context.Context, arg string) error {
	if arg == "" {
		return r.usage(".save FILE")
	}
	var b strings.Builder
	for _, s := range r.transcript {
		b.WriteString(s + "\n")
	}
	if err := os.WriteFile(r.path(arg), []byte(b.String()), 0o600); err != nil {
		return r.commandFailed(err)
	}
	fmt.Fprintf(r.stdout, "Saved %s to %s\n", plural(len(r.transcript), "statement"), arg)
	return nil
}

// cmdEditor reads lines until Ctrl-D and runs them as one input, for pasting code that spans lines.
func (r *REPL) cmdEditor(ctx context.Context, _ string) error {
	fmt.Fprintln(r.stdout, "// Entering editor mode (Ctrl+D to finish, Ctrl+C to cancel)")
	var lines []string
	for {
		line, err := r.readLine(ctx, "")
		switch {
		case ctx.Err() != nil:
			return nil
		case errors.Is(err, ErrInterrupted):
			return nil
		case errors.Is(err, io.EOF):
			src := strings.Join(lines, "\n")
			if strings.TrimSpace(src) == "" {
				return nil
			}
			r.remember(src)
			return r.evaluate(ctx, src, classifyWhole(src))
		case err != nil:
			return err
		}
		lines = append(lines, fromOneLine(line))
	}
}

func (r *REPL) cmdConnect(ctx context.Context, dest string) error {
	if r.sap == nil {
		return r.noSAP()
	}
	var s *session.Session
	err := r.sapWork(func(context.Context) (err error) {
		s, err = r.sap.Connect(dest)
		return err
	})
	if err != nil {
		return r.commandFailed(err)
	}
	fmt.Fprintln(r.stdout, "Connected: "+describeSession(s))
	return nil
}

func (r *REPL) cmdDisconnect(context.Context, string) error {
	if r.sap == nil {
		return r.noSAP()
	}
	if r.sap.Current() == nil {
		fmt.Fprintln(r.stdout, "Not connected.")
		return nil
	}
	r.sap.Disconnect()
	fmt.Fprintln(r.stdout, "Disconnected; the next call opens a new session (.connect opens it now).")
	return nil
}

func (r *REPL) cmdSession(context.Context, string) error {
	if r.sap == nil {
		return r.noSAP()
	}
	s := r.sap.Current()
	if s == nil {
		fmt.Fprintf(r.stdout, "Not connected; the session opens on first use, to %s.\n", r.opts.Target)
		return nil
	}
	w := s.Welcome()
	o := s.Options()
	tw := tabwriter.NewWriter(r.stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintf(tw, "session\t%s\n", w.Session)
	fmt.Fprintf(tw, "url\t%s\n", s.URL())
	if sys := w.System; sys != nil {
		fmt.Fprintf(tw, "system\t%s, release %s, language %s\n", sys.SystemID, sys.Release, sys.Language)
	}
	fmt.Fprintf(tw, "logon\tclient %s, user %s\n", o.Client, strings.ToUpper(o.User))
	handler := "wsrfc handler " + w.Version
	if w.Legacy() {
		handler = "legacy ZADT_VSP handler"
	}
	fmt.Fprintf(tw, "handler\t%s\n", handler)
	fmt.Fprintf(tw, "domains\t%s\n", strings.Join(w.Domains, ", "))
	if n := s.Pending(); n > 0 {
		fmt.Fprintf(tw, "in flight\t%s\n", plural(n, "call"))
	}
	return tw.Flush()
}

func (r *REPL) cmdMeta(_ context.Context, fm string) error {
	if fm == "" {
		return r.usage(".meta FUNCTION_MODULE")
	}
	if r.sap == nil {
		return r.noSAP()
	}
	return r.sapCommand(func(ctx context.Context, s *session.Session) error {
		meta, err := s.Metadata(ctx, fm)
		if err != nil {
			return err
		}
		writeSignature(r.stdout, meta, r.opts.Colors)
		return nil
	})
}

// searchLimit bounds .search; a longer list does not help at a prompt.
const searchLimit = 100

func (r *REPL) cmdSearch(_ context.Context, pattern string) error {
	if pattern == "" {
		return r.usage(".search PATTERN")
	}
	if r.sap == nil {
		return r.noSAP()
	}
	if !strings.ContainsAny(pattern, "*?") {
		pattern = "*" + pattern + "*"
	}
	return r.sapCommand(func(ctx context.Context, s *session.Session) error {
		res, err := s.Search(ctx, pattern, searchLimit)
		if err != nil {
			return err
		}
		if len(res.Functions) == 0 {
			fmt.Fprintf(r.stdout, "No function module matches %s.\n", pattern)
			return nil
		}
		fns := res.Functions
		sort.SliceStable(fns, func(i, j int) bool { return fns[i].Name < fns[j].Name })
		tw := tabwriter.NewWriter(r.stdout, 0, 4, 2, ' ', 0)
		for _, f := range fns {
			fmt.Fprintf(tw, "%s\t%s\t%s\n", f.Name, f.Group, f.Description)
		}
		_ = tw.Flush()
		if res.Truncated {
			fmt.Fprintf(r.stdout, "… the first %d; narrow the pattern for more.\n", len(fns))
		}
		return nil
	})
}

// sapCommand runs a command that talks to SAP on the session, opening it if needed.
func (r *REPL) sapCommand(fn func(ctx context.Context, s *session.Session) error) error {
	err := r.sapWork(func(ctx context.Context) error {
		s, err := r.sap.Session()
		if err != nil {
			return err
		}
		return fn(ctx, s)
	})
	if err != nil {
		return r.commandFailed(err)
	}
	return nil
}

// sapWork runs work that may wait for SAP like an evaluation: Ctrl-C cancels it and the spinner shows.
func (r *REPL) sapWork(fn func(ctx context.Context) error) error {
	ctx := r.js.Load().Context()
	r.evalSeq.Add(1)
	r.evaluating.Store(true)
	r.spin.start()
	defer func() {
		r.evaluating.Store(false)
		r.spin.stop()
	}()
	err := fn(ctx)
	if ctx.Err() != nil {
		return errors.New("interrupted by Ctrl-C")
	}
	return err
}

func (r *REPL) usage(synopsis string) error {
	fmt.Fprintln(r.stderr, "usage: "+synopsis)
	r.failures++
	return nil
}

func (r *REPL) commandFailed(err error) error {
	fmt.Fprintln(r.stderr, err.Error())
	r.failures++
	return nil
}

func (r *REPL) noSAP() error {
	return r.commandFailed(errors.New("this console has no SAP session"))
}

// path resolves a file name of .load and .save.
func (r *REPL) path(name string) string {
	if strings.HasPrefix(name, "~/") {
		if home, err := os.UserHomeDir(); err == nil {
			name = filepath.Join(home, name[2:])
		}
	}
	if filepath.IsAbs(name) || r.opts.BaseDir == "" {
		return name
	}
	return filepath.Join(r.opts.BaseDir, name)
}

// describeSession says in one line where a session goes.
func describeSession(s *session.Session) string {
	o := s.Options()
	text := s.URL()
	if sys := s.Welcome().System; sys != nil && sys.SystemID != "" {
		text = sys.SystemID + " at " + text
	}
	return fmt.Sprintf("%s, client %s, user %s", text, o.Client, strings.ToUpper(o.User))
}

// secretReader is a LineReader that can read a line without echoing it (the terminal).
type secretReader interface {
	PasswordPrompt(prompt string) (string, error)
}

var identifier = lazyre.New(`^[A-Za-z_$][\w$]*$`)

// cmdSecret reads a value that must not show on the screen or in the history into a global, so that
// statements can use it by name: .secret pw, then sap.connect({ user: 'ME', password: pw }).
func (r *REPL) cmdSecret(_ context.Context, name string) error {
	if !identifier().MatchString(name) {
		return r.usage(".secret NAME")
	}
	var value string
	var err error
	if sr, ok := r.lr.(secretReader); ok {
		value, err = sr.PasswordPrompt(name + " (hidden): ")
	} else {
		value, err = r.lr.Prompt("") // piped input echoes nothing anyway
	}
	if err != nil {
		if errors.Is(err, ErrInterrupted) {
			return nil
		}
		return r.commandFailed(err)
	}
	// Queued before any later statement, which runs on the loop after it.
	r.js.Load().Loop.RunOnLoop(func(vm *goja.Runtime) error { return vm.Set(name, value) })
	r.declared[name] = true
	fmt.Fprintf(r.stdout, "%s is set (%d characters).\n", name, len([]rune(value)))
	return nil
}
