package main

import (
	"context"
	"fmt"
	"os/signal"
	"syscall"

	"github.com/wsrfc/wsrfc/sim/jsdefine"

	"github.com/wsrfc/wsrfc/protocol"
	"github.com/wsrfc/wsrfc/sim"
)

const simExamples = `  wsrfc sim                                   # ws://127.0.0.1:50000/sap/bc/apc/sap/zadt_vsp
  wsrfc sim --listen 127.0.0.1:0 --profile legacy
  wsrfc sim --no-debugger                     # a handler whose debug domain has no debugger
  wsrfc sim --define scripts/z_rfm_xxx.js
  # then, in another terminal:
  SAP_PASSWORD=Down1oad wsrfc call --url http://127.0.0.1:50000 --client 001 --user DEVELOPER STFC_CONNECTION REQUTEXT=hi`

func runSim(env *environment, args []string) error {
	fs := newFlagSet(env, "sim", "wsrfc sim [--listen ADDR] [--profile wsrfc|legacy|wsrfc-nodebugger] [--no-debugger] [--define FILE.js...]", simExamples)
	listen := fs.String("listen", "127.0.0.1:50000", "address to serve on")
	profile := fs.String("profile", "wsrfc", "handler to play: wsrfc (this project's), legacy (the old ZADT_VSP) or wsrfc-nodebugger")
	noDebugger := fs.Bool("no-debugger", false, "play the wsrfc handler without its debugger: the same as --profile wsrfc-nodebugger")
	var defines stringList
	fs.Var(&defines, "define", "load function modules defined in this JS file (repeatable)")
	positional, err := parseFlags(fs, args, true)
	if err != nil {
		return err
	}
	if len(positional) > 0 {
		return usageError("sim takes no arguments, got %q", positional)
	}
	if *noDebugger {
		if *profile != string(sim.ProfileWsrfc) && *profile != sim.ProfileNoDebugger {
			return usageError("--no-debugger plays the wsrfc handler; it does not go with --profile %s", *profile)
		}
		*profile = sim.ProfileNoDebugger
	}
	cfg, err := sim.ConfigForProfile(*profile)
	if err != nil {
		return usageError("--profile: %v", err)
	}
	srv := sim.New(cfg)
	if err := defineInto(srv, defines); err != nil {
		return err
	}
	l, err := srv.Start(*listen)
	if err != nil {
		return &exitError{code: exitFailure, msg: err.Error()}
	}
	defer l.Close()
	fmt.Fprintf(env.stdout, "SAP simulator %s (profile %s) serving ws://%s%s\n", sim.DemoSystemID, *profile, l.Addr, protocol.DefaultPath)
	fmt.Fprintf(env.stdout, "logon: client %s, user %s, password %s (demo credentials)\n", sim.DemoClient, sim.DemoUser, sim.DemoPassword)
	fmt.Fprintln(env.stdout, "press Ctrl-C to stop")
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGINT, syscall.SIGTERM)
	defer stop()
	<-ctx.Done()
	return nil
}

// defineInto loads --define files into a simulator.
func defineInto(srv *sim.Server, files []string) error {
	if err := jsdefine.Load(srv, files...); err != nil {
		return usageError("%v", err)
	}
	return nil
}
