// Package destination resolves where and as whom wsrfc connects — flags,
// environment, the destinations file, a no-echo password prompt — and opens
// sessions. It holds no state of its own: the simulator a configuration may
// name belongs to the host that builds a runtime (package host).
package destination

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/wsrfc/wsrfc/session"
	"github.com/wsrfc/wsrfc/sim"
)

// Config is everything needed to open a session. Password never leaves this
// struct except into the session's Authorization header: String redacts it.
type Config struct {
	Dest     string // name of a destination in the destinations file
	URL      string
	Client   string
	User     string
	Password string
	Cookie   string
	Language string
	Path     string
	Insecure bool
	Timeout  time.Duration // default per-call timeout
	Sim      bool          // the in-process simulator
	// SimProfile selects the simulator's handler: "wsrfc", "legacy" or
	// "wsrfc-nodebugger" (sim.ConfigForProfile).
	SimProfile string
	// Prompt asks for a missing password on the terminal; nil means never ask.
	Prompt func(prompt string) (string, error)
	// Observe, when set, gives each session opened an observer of its frames
	// (wsrfc --record writes them into a cassette); it learns the client and
	// user the session logs on with.
	Observe func(client, user string) session.Observer
}

// String describes the configuration without secrets.
func (c Config) String() string {
	if c.Sim {
		return "the built-in simulator"
	}
	return fmt.Sprintf("%s client %s user %s", c.URL, c.Client, c.User)
}

// GoString keeps %#v from printing the password.
func (c Config) GoString() string { return "destination.Config{" + c.String() + "}" }

// UsesSimulator reports whether this configuration ends at the embedded simulator.
func (c Config) UsesSimulator() bool { return c.Sim }

// FromEnv fills what the environment knows (SAP_URL, SAP_CLIENT, SAP_USER,
// SAP_PASSWORD, SAP_COOKIE, SAP_LANGUAGE), without overriding what is set.
func (c *Config) FromEnv(getenv func(string) string) {
	set := func(dst *string, key string) {
		if *dst == "" {
			*dst = getenv(key)
		}
	}
	set(&c.URL, "SAP_URL")
	set(&c.Client, "SAP_CLIENT")
	set(&c.User, "SAP_USER")
	set(&c.Password, "SAP_PASSWORD")
	set(&c.Cookie, "SAP_COOKIE")
	set(&c.Language, "SAP_LANGUAGE")
}

// Merge fills empty fields of c from o (o is the weaker source).
func (c *Config) Merge(o Config) {
	fill := func(dst *string, v string) {
		if *dst == "" {
			*dst = v
		}
	}
	fill(&c.URL, o.URL)
	fill(&c.Client, o.Client)
	fill(&c.User, o.User)
	fill(&c.Password, o.Password)
	fill(&c.Cookie, o.Cookie)
	fill(&c.Language, o.Language)
	fill(&c.Path, o.Path)
	if !c.Insecure {
		c.Insecure = o.Insecure
	}
	if c.Timeout == 0 {
		c.Timeout = o.Timeout
	}
}

// ErrNoTarget is returned when nothing says where to connect.
var ErrNoTarget = errors.New("no SAP system configured")

// Resolve completes a configuration from the command line (flags, already in c)
// with, in falling priority, the named destination and the environment. When no
// system is named anywhere, the embedded simulator is the target: every example
// runs on a fresh machine, and the banner or notice says so.
func Resolve(flags Config, getenv func(string) string) (Config, error) {
	c := flags
	if c.Sim {
		c.URL, c.Dest = "", ""
		return c, nil
	}
	if c.Dest != "" {
		d, err := Lookup(c.Dest, getenv)
		if err != nil {
			return c, err
		}
		c.Merge(d)
	}
	c.FromEnv(getenv)
	if c.URL == "" {
		c.Sim = true
	}
	return c, nil
}

// Simulators gives the simulator that a configuration with Sim connects to,
// starting it on first use. The host that builds a runtime owns it, so that a
// simulator and its database live exactly as long as that host.
type Simulators interface {
	Listener(profile string) (*sim.Listener, error)
}

// Open opens a session for the configuration; sims serves a configuration
// with Sim and may be nil where no simulator is embedded.
func Open(ctx context.Context, c Config, sims Simulators) (*session.Session, error) {
	opts := session.Options{URL: c.URL, Client: c.Client, User: c.User, Password: c.Password, Cookie: c.Cookie,
		Language: c.Language, Path: c.Path, Insecure: c.Insecure, CallTimeout: c.Timeout}
	if c.Sim {
		if sims == nil {
			return nil, &session.ConnectionError{Op: "dial", Message: "no simulator is embedded here: connect to a system with a URL or a destination"}
		}
		l, err := sims.Listener(c.SimProfile)
		if err != nil {
			return nil, err
		}
		opts.URL, opts.Cookie, opts.Insecure, opts.Path = l.URL, "", false, ""
		if opts.Client == "" {
			opts.Client = sim.DemoClient
		}
		if opts.User == "" {
			opts.User, opts.Password = sim.DemoUser, sim.DemoPassword
		}
	}
	// Without a client, no sap-client goes out and the system's default client
	// applies, as it does for a browser; guessing 001 would log on elsewhere.
	if opts.Cookie == "" && opts.User != "" && opts.Password == "" && !c.Sim {
		if c.Prompt == nil {
			return nil, &session.ConnectionError{Op: "logon", Message: fmt.Sprintf("no password for user %s: set SAP_PASSWORD (passwords are never taken as flags)", strings.ToUpper(opts.User))}
		}
		pw, err := c.Prompt(fmt.Sprintf("Password for %s@%s: ", strings.ToUpper(opts.User), opts.Client))
		if err != nil {
			return nil, &session.ConnectionError{Op: "logon", Message: "no password entered", Err: err}
		}
		opts.Password = pw
	}
	if c.Observe != nil {
		opts.Observer = c.Observe(opts.Client, strings.ToUpper(opts.User))
	}
	return session.Dial(ctx, opts)
}

// DestinationsFile returns where the destinations file lives: $WSRFC_DESTINATIONS,
// else $XDG_CONFIG_HOME/wsrfc/destinations.ini, else ~/.config/wsrfc/destinations.ini.
func DestinationsFile(getenv func(string) string) string {
	if p := getenv("WSRFC_DESTINATIONS"); p != "" {
		return p
	}
	if x := getenv("XDG_CONFIG_HOME"); x != "" {
		return filepath.Join(x, "wsrfc", "destinations.ini")
	}
	home, err := os.UserHomeDir()
	if err != nil {
		return "destinations.ini"
	}
	return filepath.Join(home, ".config", "wsrfc", "destinations.ini")
}

// Lookup reads one destination from the destinations file.
func Lookup(name string, getenv func(string) string) (Config, error) {
	path := DestinationsFile(getenv)
	dests, err := LoadFile(path)
	if err != nil {
		return Config{}, err
	}
	d, ok := dests[strings.ToUpper(name)]
	if !ok {
		names := make([]string, 0, len(dests))
		for n := range dests {
			names = append(names, n)
		}
		return Config{}, fmt.Errorf("destination %q is not in %s (it has: %s)", name, path, strings.Join(names, ", "))
	}
	return d, nil
}

// LoadFile reads a destinations file in the style of sapnwrfc.ini: each
// destination starts with DEST=NAME, followed by KEY=VALUE lines (URL, CLIENT,
// USER, PASSWD, LANG, PATH, INSECURE, TIMEOUT, COOKIE); '#' starts a comment.
// A file that holds a password must be readable by its owner only.
func LoadFile(path string) (map[string]Config, error) {
	f, err := os.Open(path)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, fmt.Errorf("no destinations file at %s: create it (see README, Destinations) or set WSRFC_DESTINATIONS", path)
		}
		return nil, err
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return nil, err
	}
	dests, hasPassword, err := parse(f, path)
	if err != nil {
		return nil, err
	}
	if hasPassword && info.Mode().Perm()&0o077 != 0 {
		return nil, fmt.Errorf("%s holds a password but others can read it (mode %04o): run chmod 600 %s, or remove PASSWD and use SAP_PASSWORD", path, info.Mode().Perm(), path)
	}
	return dests, nil
}

func parse(r io.Reader, path string) (map[string]Config, bool, error) {
	dests := map[string]Config{}
	var cur *Config
	var curName string
	hasPassword := false
	sc := bufio.NewScanner(r)
	line := 0
	flush := func() {
		if cur != nil {
			dests[curName] = *cur
		}
	}
	for sc.Scan() {
		line++
		text := strings.TrimSpace(sc.Text())
		if text == "" || strings.HasPrefix(text, "#") || strings.HasPrefix(text, ";") {
			continue
		}
		key, value, ok := strings.Cut(text, "=")
		if !ok {
			return nil, false, fmt.Errorf("%s:%d: expected KEY=VALUE", path, line)
		}
		key, value = strings.ToUpper(strings.TrimSpace(key)), strings.TrimSpace(value)
		if key == "DEST" {
			flush()
			curName = strings.ToUpper(value)
			cur = &Config{Dest: curName}
			continue
		}
		if cur == nil {
			return nil, false, fmt.Errorf("%s:%d: %s before the first DEST= line", path, line, key)
		}
		switch key {
		case "URL":
			cur.URL = value
		case "CLIENT":
			cur.Client = value
		case "USER":
			cur.User = value
		case "PASSWD", "PASSWORD":
			cur.Password = value
			hasPassword = true
		case "LANG", "LANGUAGE":
			cur.Language = value
		case "PATH":
			cur.Path = value
		case "COOKIE":
			cur.Cookie = value
			hasPassword = true
		case "INSECURE":
			cur.Insecure = value == "1" || strings.EqualFold(value, "true") || strings.EqualFold(value, "X")
		case "TIMEOUT":
			d, err := ParseTimeout(value)
			if err != nil {
				return nil, false, fmt.Errorf("%s:%d: %v", path, line, err)
			}
			cur.Timeout = d
		default:
			return nil, false, fmt.Errorf("%s:%d: unknown key %s (known: URL, CLIENT, USER, PASSWD, LANG, PATH, COOKIE, INSECURE, TIMEOUT)", path, line, key)
		}
	}
	flush()
	return dests, hasPassword, sc.Err()
}

// ParseTimeout reads a timeout as a Go duration ("30s", "2m") or milliseconds ("1500").
func ParseTimeout(s string) (time.Duration, error) {
	if ms, err := strconv.Atoi(s); err == nil {
		return time.Duration(ms) * time.Millisecond, nil
	}
	d, err := time.ParseDuration(s)
	if err != nil || d < 0 {
		return 0, fmt.Errorf("timeout %q: use milliseconds (30000) or a duration (30s)", s)
	}
	return d, nil
}
