// Package host builds a ready runtime for one command: the JavaScript engine
// with its standard library, the sap module on the command's destination, and
// the simulator embedded in the process, all closed together.
//
// wsrfc run, repl, call and test build their runtime here, and so do the
// tests that drive the sap module or the console, so that every runtime is
// wired the same way and a simulator's state never leaks from one host into
// the next.
package host

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/dop251/goja"

	"github.com/wsrfc/wsrfc/bindings/sap"
	"github.com/wsrfc/wsrfc/destination"
	"github.com/wsrfc/wsrfc/runtime/engine"
	"github.com/wsrfc/wsrfc/session"
	"github.com/wsrfc/wsrfc/sim"
	"github.com/wsrfc/wsrfc/sim/jsdefine"
)

// Options describe the runtime of one command.
type Options struct {
	// Config is where the sap module's sessions go unless a script says otherwise.
	Config         destination.Config
	Stdout, Stderr io.Writer // nil means os.Stdout / os.Stderr
	Stdin          io.Reader // nil means os.Stdin
	Colors         bool      // ANSI colours in console output
	Env            []string  // process.env as "NAME=value"; nil means os.Environ()
	// ScriptPath feeds process.argv[1]; a file's folder is the base of the
	// relative paths of sap.sim.load, else the working directory.
	ScriptPath string
	Args       []string // process.argv.slice(2)
	// Defines are files of function modules written in JS, loaded into the
	// simulator of Config.SimProfile before anything runs (--define), so
	// that a mistake in them is reported at once, not at the first call.
	Defines []string
	// SimSetup runs on each simulator the host starts, before it serves.
	SimSetup func(*sim.Server) error
}

// Host is one command's runtime with the sap module as global `sap` and
// require('sap'), and the simulators its sessions may use.
type Host struct {
	Runtime *engine.Runtime
	SAP     *sap.Module
	sims    *Simulators
	cfg     destination.Config
}

// DefineError is a --define file that cannot be loaded: a mistake on the
// command line, reported before anything runs.
type DefineError struct{ Err error }

func (e *DefineError) Error() string { return e.Err.Error() }
func (e *DefineError) Unwrap() error { return e.Err }

// New builds the runtime. A *DefineError means that Defines could not be
// loaded; any other error, that the runtime could not be set up.
func New(opts Options) (*Host, error) {
	h := &Host{sims: NewSimulators(opts.SimSetup), cfg: opts.Config}
	if err := h.define(opts.Defines); err != nil {
		h.sims.Close()
		return nil, err
	}
	stderr := opts.Stderr
	if stderr == nil {
		stderr = os.Stderr
	}
	base, _ := os.Getwd()
	if opts.ScriptPath != "" && opts.ScriptPath[0] != '[' {
		base = filepath.Dir(opts.ScriptPath)
	}
	rt, err := engine.New(engine.Options{
		Stdout: opts.Stdout, Stderr: stderr, Stdin: opts.Stdin, Colors: opts.Colors, Env: opts.Env,
		Args: opts.Args, ScriptPath: opts.ScriptPath,
		NativeModules: map[string]func(*engine.Runtime) (goja.Value, error){
			"sap": func(rt *engine.Runtime) (goja.Value, error) {
				m, err := sap.New(sap.Host{VM: rt.VM, Loop: rt.Loop, Context: rt.Context, BaseDir: base,
					Stderr: stderr, Simulators: h.sims}, opts.Config)
				if err != nil {
					return nil, err
				}
				h.SAP = m
				return m.Object(), nil
			},
		},
	})
	if err != nil {
		h.sims.Close()
		return nil, err
	}
	h.Runtime = rt
	// Loaded now, not on first use: the global sap is the object require('sap') returns, and the
	// command needs the module (its sessions, EverConnected) whether or not the script touches it.
	obj, err := rt.Require("sap")
	if err == nil {
		err = rt.VM.Set("sap", obj)
	}
	if err != nil {
		h.Close()
		return nil, fmt.Errorf("setting up the sap module: %w", err)
	}
	return h, nil
}

func (h *Host) define(files []string) error {
	if len(files) == 0 {
		return nil
	}
	for _, f := range files {
		if _, err := os.Stat(f); err != nil {
			return &DefineError{fmt.Errorf("--define %s: %w", f, err)}
		}
	}
	srv, err := h.sims.Server(h.cfg.SimProfile)
	if err != nil {
		return &DefineError{err}
	}
	if err := jsdefine.Load(srv, files...); err != nil {
		return &DefineError{err}
	}
	return nil
}

// Simulators are the simulators of this host.
func (h *Host) Simulators() *Simulators { return h.sims }

// Open opens a session of its own on the host's destination, outside the sap
// module (wsrfc call); the caller closes it.
func (h *Host) Open(ctx context.Context) (*session.Session, error) {
	return destination.Open(ctx, h.cfg, h.sims)
}

// Close ends the sessions, the runtime and the simulators, in that order.
func (h *Host) Close() {
	if h.SAP != nil {
		h.SAP.Close()
	}
	if h.Runtime != nil {
		h.Runtime.Close()
	}
	h.sims.Close()
}
