// Package sap is the JavaScript `sap` module: sessions, function-module calls,
// raw domain requests, events and the error classes, on top of package session.
// Go goroutines never touch the VM: async results are handed to the event loop.
package sap

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/dop251/goja"

	"github.com/wsrfc/wsrfc/bindings/jsvalue"
	"github.com/wsrfc/wsrfc/destination"
	"github.com/wsrfc/wsrfc/protocol"
	"github.com/wsrfc/wsrfc/runtime/eventloop"
	"github.com/wsrfc/wsrfc/session"
	"github.com/wsrfc/wsrfc/sim"
	"github.com/wsrfc/wsrfc/sim/jsdefine"
)

// Host is what the module needs from the runtime that loads it.
type Host struct {
	VM      *goja.Runtime
	Loop    *eventloop.Loop
	Context func() context.Context // cancelled on Ctrl-C: calls in flight stop waiting
	BaseDir string                 // for relative paths (sap.sim.load)
	Stderr  io.Writer              // warnings; nil means os.Stderr
	// Simulators are the host's embedded simulators, for sim destinations and
	// sap.sim.load; nil means none.
	Simulators Simulators
}

// Simulators is what the module needs of the simulators a host embeds.
type Simulators interface {
	destination.Simulators
	Server(profile string) (*sim.Server, error)
}

// Module is one runtime's `sap` object and its sessions.
type Module struct {
	host    Host
	cfg     destination.Config
	errs    *errorClasses
	conv    *jsvalue.Converter
	obj     *goja.Object
	main    *client
	mu      sync.Mutex
	clients []*client
	tk      *toolkit
	stats   *callStats
	// connected records that a session was ever opened: a connection lost or
	// refused after that is a failure of the script, not "could not connect".
	connected atomic.Bool
}

// EverConnected reports whether any session of the module was ever opened.
func (m *Module) EverConnected() bool { return m.connected.Load() }

// New builds the module for a runtime; cfg says where sessions go by default.
func New(h Host, cfg destination.Config) (*Module, error) {
	errs, err := newErrorClasses(h.VM)
	if err != nil {
		return nil, err
	}
	stats := newCallStats()
	cfg.Observe = stats.wrap(cfg.Observe)
	m := &Module{host: h, cfg: cfg, errs: errs, conv: jsvalue.New(h.VM), stats: stats}
	m.main = m.newClient(cfg)
	m.obj = m.main.object()
	o := m.obj
	m.defineModuleToolkit()
	_ = o.Set("SapError", errs.sapError)
	_ = o.Set("ConnectionError", errs.connectionError)
	_ = o.Set("TimeoutError", errs.timeoutError)
	_ = o.Set("connect", func(call goja.FunctionCall) goja.Value {
		c, err := m.configFrom(call.Argument(0))
		if err != nil {
			m.throw(err, "system", "connect")
		}
		m.main.reconfigure(c)
		if _, err := m.main.open(true); err != nil {
			m.throw(err, "system", "connect")
		}
		return m.main.sessionInfo()
	})
	_ = o.Set("open", func(call goja.FunctionCall) goja.Value {
		c, err := m.configFrom(call.Argument(0))
		if err != nil {
			m.throw(err, "system", "open")
		}
		cl := m.newClient(c)
		if _, err := cl.open(true); err != nil {
			m.throw(err, "system", "open")
		}
		return cl.object()
	})
	nameNatives(h.VM, o, "connect", "open", "stats")
	if cfg.Sim && h.Simulators != nil {
		simObj := h.VM.NewObject()
		_ = simObj.Set("load", func(file string) goja.Value {
			srv, err := h.Simulators.Server(cfg.SimProfile)
			if err != nil {
				m.throw(err, "system", "sim.load")
			}
			if !filepath.IsAbs(file) && h.BaseDir != "" {
				file = filepath.Join(h.BaseDir, file)
			}
			if err := jsdefine.Load(srv, file); err != nil {
				// The message is written for the command line's --define; here the call is the context.
				panic(h.VM.NewGoError(errors.New("sap.sim.load: " + strings.TrimPrefix(err.Error(), "--define "))))
			}
			return goja.Undefined()
		})
		nameNatives(h.VM, simObj, "load")
		_ = o.Set("sim", simObj)
	}
	return m, nil
}

// Object is the value of the global `sap` and of require('sap').
func (m *Module) Object() *goja.Object { return m.obj }

// Close ends every session the module opened (at the end of a script).
func (m *Module) Close() {
	m.mu.Lock()
	cl := append([]*client(nil), m.clients...)
	m.mu.Unlock()
	for _, c := range cl {
		c.close()
	}
}

// Session returns the main session if it is open (for the REPL's .session).
func (m *Module) Session() *session.Session {
	m.main.mu.Lock()
	defer m.main.mu.Unlock()
	return m.main.sess
}

// Main is the client behind the global sap object, for Go callers in the same
// runtime (the REPL's dot commands).
func (m *Module) Main() *Client { return &Client{c: m.main} }

// Client gives Go code in the runtime access to a session the module manages.
type Client struct{ c *client }

// Session opens the session if needed and returns it.
func (c *Client) Session() (*session.Session, error) { return c.c.open(false) }

// Connect replaces the session with one to the given destination ("" = the default).
func (c *Client) Connect(dest string) (*session.Session, error) {
	cfg := c.c.m.cfg
	if dest != "" {
		var err error
		cfg, err = c.c.m.configFrom(c.c.m.host.VM.ToValue(dest))
		if err != nil {
			return nil, err
		}
	}
	c.c.reconfigure(cfg)
	return c.c.open(true)
}

// Disconnect closes the session.
func (c *Client) Disconnect() { c.c.close() }

func (m *Module) ctx() context.Context {
	if m.host.Context != nil {
		return m.host.Context()
	}
	return context.Background()
}

// throw raises a Go error as a JS exception of the right class.
func (m *Module) throw(err error, domain, action string) {
	panic(m.errs.toJSError(m.host.VM, err, domain, action))
}

// configFrom reads sap.connect/sap.open arguments: nothing (the command line's
// destination), a destination name, or an options object.
func (m *Module) configFrom(v goja.Value) (destination.Config, error) {
	base := m.cfg
	base.Prompt = m.cfg.Prompt
	if v == nil || goja.IsUndefined(v) || goja.IsNull(v) {
		return base, nil
	}
	if s, ok := v.Export().(string); ok {
		c := destination.Config{Dest: s, Prompt: m.cfg.Prompt, Timeout: m.cfg.Timeout, Observe: m.cfg.Observe}
		if strings.EqualFold(s, "sim") || strings.EqualFold(s, "simulator") {
			c.Sim = true
			return c, nil
		}
		d, err := destination.Resolve(c, getenv)
		if err != nil {
			return c, err
		}
		return d, nil
	}
	checkOptions(m.host.VM, "connection options", v, connectOptionNames...)
	timeout := timeoutOf(m.host.VM, "connection options", v)
	var o struct {
		URL      string `json:"url"`
		Client   string `json:"client"`
		User     string `json:"user"`
		Password string `json:"password"`
		Cookie   string `json:"cookie"`
		Language string `json:"language"`
		Path     string `json:"path"`
		Insecure bool   `json:"insecure"`
		Timeout  any    `json:"timeout"` // read by timeoutOf
		Sim      bool   `json:"sim"`
		Dest     string `json:"dest"`
	}
	raw, err := json.Marshal(v.Export())
	if err != nil {
		return base, errors.New("connection options must be a destination name or an object of strings, numbers and booleans (url, client, user, password, cookie, language, path, insecure, timeout, sim, dest)")
	}
	if err := json.Unmarshal(raw, &o); err != nil {
		var ute *json.UnmarshalTypeError
		if errors.As(err, &ute) {
			want := "a string"
			switch ute.Type.Kind().String() {
			case "bool":
				want = "true or false"
			case "int64":
				want = "a number of milliseconds"
			}
			return base, fmt.Errorf("connection option %s must be %s, not a %s", ute.Field, want, ute.Value)
		}
		return base, errors.New("connection options must be an object")
	}
	c := base
	if o.Dest != "" {
		d, err := destination.Lookup(o.Dest, getenv)
		if err != nil {
			return c, err
		}
		c = d
		c.Prompt, c.Observe = m.cfg.Prompt, m.cfg.Observe
	}
	if o.URL != "" {
		c.URL, c.Sim = o.URL, false
		c.Password, c.Cookie = "", ""
	}
	if o.Sim {
		c.Sim = true
	}
	for dst, v := range map[*string]string{&c.Client: o.Client, &c.User: o.User, &c.Password: o.Password,
		&c.Cookie: o.Cookie, &c.Language: o.Language, &c.Path: o.Path} {
		if v != "" {
			*dst = v
		}
	}
	if o.Insecure {
		c.Insecure = true
	}
	if timeout > 0 {
		c.Timeout = timeout
	}
	if c.Password == "" && c.User != "" && !c.Sim {
		c.Password = getenv("SAP_PASSWORD")
	}
	return c, nil
}

// client is one session as JS sees it: the global sap, or an object of sap.open().
type client struct {
	m         *Module
	mu        sync.Mutex
	cfg       destination.Config
	sess      *session.Session
	ended     error // why the last session ended, if not by close()
	obj       *goja.Object
	listeners map[string][]goja.Value // loop goroutine only
	unsub     []func()
	rfcObj    *goja.Object
	// kit is the toolkit's part in this session's calls once installed, and
	// inTx whether its transaction runs (toolkit.go); loop goroutine only.
	kit  *clientToolkit
	inTx bool

	pushesQueued  atomic.Int64 // pushes handed to the loop, not yet delivered
	pushesDropped atomic.Int64 // pushes dropped since the last warning
}

func (m *Module) newClient(cfg destination.Config) *client {
	c := &client{m: m, cfg: cfg, listeners: map[string][]goja.Value{}}
	m.track(c)
	return c
}

// track lists c among the clients Close ends. A client of sap.open() leaves
// the list when it is closed, so that a script opening and closing sessions
// in a loop does not keep every one of them (and its JS objects) alive; it
// comes back when it opens again.
func (m *Module) track(c *client) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if !slices.Contains(m.clients, c) {
		m.clients = append(m.clients, c)
	}
}

func (m *Module) untrack(c *client) {
	if c == m.main {
		return
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	m.clients = slices.DeleteFunc(m.clients, func(x *client) bool { return x == c })
}

func (c *client) reconfigure(cfg destination.Config) {
	c.close()
	c.mu.Lock()
	c.cfg = cfg
	c.ended = nil
	c.mu.Unlock()
}

// open returns the session, opening it on first use. A session that died
// (not closed on purpose) is not silently replaced: its LUW and memory are
// gone, and a script must say so with sap.connect().
func (c *client) open(force bool) (*session.Session, error) {
	c.mu.Lock()
	if c.sess != nil && c.sess.Err() == nil {
		s := c.sess
		c.mu.Unlock()
		return s, nil
	}
	ended := c.ended
	if ended == nil && c.sess != nil && !errors.Is(c.sess.Err(), session.ErrClosed) {
		// The connection died but its close listener may not have run yet.
		ended = c.sess.Err()
	}
	if ended != nil && !force {
		err := ended
		c.mu.Unlock()
		reopen := "sap.connect()"
		if c != c.m.main {
			reopen = "connect() on the object sap.open() returned"
		}
		return nil, &session.ConnectionError{Op: "closed", Message: "the SAP session ended (" + err.Error() + "); its LUW and memory are gone. Call " + reopen + " to open a new one"}
	}
	cfg := c.cfg
	c.mu.Unlock()
	c.m.track(c)
	s, err := destination.Open(c.m.ctx(), cfg, c.m.host.Simulators)
	if err != nil {
		return nil, connectFailure(err)
	}
	c.m.connected.Store(true)
	c.mu.Lock()
	c.sess, c.ended = s, nil
	c.mu.Unlock()
	c.watch(s)
	c.emit("open", func(vm *goja.Runtime) []goja.Value { return []goja.Value{c.sessionInfo()} })
	return s, nil
}

// connectFailure makes a server that answers the upgrade but does not open a
// ZADT_VSP session (no or a garbled welcome) a ConnectionError like any other
// failure to connect, as wsrfc call reports it.
func connectFailure(err error) error {
	var pe *session.ProtocolError
	var ce *session.ConnectionError
	if errors.As(err, &pe) && !errors.As(err, &ce) {
		return &session.ConnectionError{Op: "dial", Message: "the server answered but opened no ZADT_VSP session (is this the right --path?)", Err: err}
	}
	return err
}

// watch forwards pushes and the end of the session to JS listeners.
func (c *client) watch(s *session.Session) {
	unsubPush := s.OnPush(func(p session.Push) {
		if c.pushesQueued.Add(1) > MaxQueuedPushes {
			c.pushesQueued.Add(-1)
			c.dropPush()
			return
		}
		c.emitAsync(func(vm *goja.Runtime) (string, []goja.Value) {
			c.pushesQueued.Add(-1)
			ev := vm.NewObject()
			_ = ev.Set("event", p.Event)
			_ = ev.Set("domain", p.Domain)
			if p.Data != nil {
				_ = ev.Set("data", c.m.conv.JSON(p.Data))
			}
			return p.Domain, []goja.Value{ev}
		}, "message")
	})
	unsubClose := s.OnClose(func(err error) {
		c.mu.Lock()
		if c.sess == s && !errors.Is(err, session.ErrClosed) {
			c.ended = err
		}
		c.mu.Unlock()
		c.emitAsync(func(vm *goja.Runtime) (string, []goja.Value) {
			info := vm.NewObject()
			_ = info.Set("reason", err.Error())
			var ce *session.ConnectionError
			if errors.As(err, &ce) && ce.CloseCode != 0 {
				_ = info.Set("code", ce.CloseCode)
			}
			return "close", []goja.Value{info}
		})
	})
	c.mu.Lock()
	c.unsub = append(c.unsub, unsubPush, unsubClose)
	c.mu.Unlock()
}

// MaxQueuedPushes bounds the pushes of one session waiting for the event loop:
// a server may push faster than listeners run (or while the script is busy),
// and every size that comes from the network is bounded. Past it, pushes are
// dropped and counted in a warning on stderr.
const MaxQueuedPushes = 10000

// dropPush counts a push dropped because the queue is full; the first drop of
// a run queues one warning behind the waiting pushes, which reports how many
// were dropped by the time it runs.
func (c *client) dropPush() {
	if c.pushesDropped.Add(1) != 1 {
		return
	}
	c.m.host.Loop.RunOnLoop(func(*goja.Runtime) error {
		n := c.pushesDropped.Swap(0)
		w := c.m.host.Stderr
		if w == nil {
			w = os.Stderr
		}
		_, _ = fmt.Fprintf(w, "warning: %d server pushes dropped: more than %d were waiting for the script's listeners\n", n, MaxQueuedPushes)
		return nil
	})
}

// emit calls listeners now (on the loop goroutine).
func (c *client) emit(event string, args func(*goja.Runtime) []goja.Value) {
	fns := c.listeners[event]
	if len(fns) == 0 {
		return
	}
	vals := args(c.m.host.VM)
	for _, fn := range append([]goja.Value(nil), fns...) {
		if f, ok := goja.AssertFunction(fn); ok {
			if _, err := f(goja.Undefined(), vals...); err != nil {
				panic(err)
			}
		}
	}
}

// emitAsync hands an event from a session goroutine to the loop. Listeners do
// not keep a script alive by themselves, as in node.
func (c *client) emitAsync(build func(*goja.Runtime) (string, []goja.Value), also ...string) {
	c.m.host.Loop.RunOnLoop(func(vm *goja.Runtime) error {
		event, args := build(vm)
		for _, e := range append([]string{event}, also...) {
			for _, fn := range append([]goja.Value(nil), c.listeners[e]...) {
				if f, ok := goja.AssertFunction(fn); ok {
					if _, err := f(goja.Undefined(), args...); err != nil {
						return err
					}
				}
			}
		}
		return nil
	})
}

func (c *client) close() {
	c.mu.Lock()
	s := c.sess
	c.sess = nil
	unsub := c.unsub
	c.unsub = nil
	c.mu.Unlock()
	for _, u := range unsub {
		u()
	}
	if s != nil {
		_ = s.Close()
	}
	c.m.untrack(c)
}

func (c *client) sessionInfo() goja.Value {
	vm := c.m.host.VM
	o := vm.NewObject()
	c.mu.Lock()
	s := c.sess
	cfg := c.cfg
	c.mu.Unlock()
	connected := s != nil && s.Err() == nil
	_ = o.Set("connected", connected)
	_ = o.Set("simulator", cfg.Sim)
	if s == nil {
		_ = o.Set("id", goja.Null())
		_ = o.Set("url", cfg.URL)
		_ = o.Set("client", cfg.Client)
		_ = o.Set("user", strings.ToUpper(cfg.User))
		return o
	}
	w := s.Welcome()
	opts := s.Options()
	_ = o.Set("id", w.Session)
	_ = o.Set("version", w.Version)
	_ = o.Set("protocol", w.Protocol)
	_ = o.Set("legacy", w.Legacy())
	_ = o.Set("domains", append([]string{}, w.Domains...))
	_ = o.Set("features", append([]string{}, w.Features...))
	_ = o.Set("url", s.URL())
	_ = o.Set("client", opts.Client)
	_ = o.Set("user", strings.ToUpper(opts.User))
	if w.System != nil {
		_ = o.Set("systemId", w.System.SystemID)
		_ = o.Set("release", w.System.Release)
		_ = o.Set("language", w.System.Language)
	}
	return o
}

// object builds the JS object for this client: rfc, request, domain, debug, on, off, close, session.
func (c *client) object() *goja.Object {
	if c.obj != nil {
		return c.obj
	}
	vm := c.m.host.VM
	o := vm.NewObject()
	c.obj = o
	_ = o.DefineAccessorProperty("session", vm.ToValue(func() goja.Value { return c.sessionInfo() }), nil, goja.FLAG_FALSE, goja.FLAG_TRUE)
	_ = o.Set("close", func() goja.Value { c.close(); return goja.Undefined() })
	// connect opens the session again, as sap.connect does for the main one (which replaces this with
	// its own): with the same destination, or with the options or destination name given.
	_ = o.Set("connect", func(call goja.FunctionCall) goja.Value {
		c.mu.Lock()
		cfg := c.cfg
		c.mu.Unlock()
		if arg := call.Argument(0); !goja.IsUndefined(arg) && !goja.IsNull(arg) {
			var err error
			if cfg, err = c.m.configFrom(arg); err != nil {
				c.m.throw(err, "system", "connect")
			}
		}
		c.reconfigure(cfg)
		if _, err := c.open(true); err != nil {
			c.m.throw(err, "system", "connect")
		}
		return c.sessionInfo()
	})
	_ = o.Set("ping", func() goja.Value {
		s := c.must("system", "ping")
		d, err := s.Ping(c.m.ctx())
		if err != nil {
			c.m.throw(err, "system", "ping")
		}
		return vm.ToValue(float64(d.Microseconds()) / 1000)
	})
	_ = o.Set("request", func(call goja.FunctionCall) goja.Value { return c.request(call, false) })
	_ = o.Set("requestAsync", func(call goja.FunctionCall) goja.Value { return c.request(call, true) })
	_ = o.Set("domain", func(name string) goja.Value { return c.domainProxy(name, nil) })
	_ = o.Set("debug", c.domainProxy("debug", debugActions))
	_ = o.Set("on", func(event string, fn goja.Value) goja.Value {
		if _, ok := goja.AssertFunction(fn); !ok {
			panic(vm.NewTypeError("sap.on(event, fn): fn must be a function"))
		}
		c.listeners[event] = append(c.listeners[event], fn)
		return o
	})
	_ = o.Set("off", func(event string, fn goja.Value) goja.Value {
		list := c.listeners[event]
		for i, f := range list {
			if f.StrictEquals(fn) {
				c.listeners[event] = append(list[:i:i], list[i+1:]...)
				break
			}
		}
		return o
	})
	c.rfcObj = c.rfcObject()
	_ = o.Set("rfc", c.rfcObj)
	nameNatives(vm, o, "close", "connect", "ping", "request", "requestAsync", "domain", "on", "off")
	c.defineClientToolkit(o)
	return o
}

// must returns the open session or throws.
func (c *client) must(domain, action string) *session.Session {
	s, err := c.open(false)
	if err != nil {
		c.m.throw(err, domain, action)
	}
	return s
}

// debugActions are the debug domain's actions, named on sap.debug so editors complete them.
var debugActions = []string{"setBreakpoint", "getBreakpoints", "deleteBreakpoint", "listen", "getDebuggees",
	"attach", "step", "getStack", "getVariables", "detach", "getStatus"}

// domainProxy returns an object on which any method x(params) is request(domain, 'x', params).
func (c *client) domainProxy(domain string, named []string) goja.Value {
	vm := c.m.host.VM
	target := vm.NewObject()
	method := func(action string) goja.Value {
		return vm.ToValue(func(call goja.FunctionCall) goja.Value {
			args := append([]goja.Value{vm.ToValue(domain), vm.ToValue(action)}, call.Arguments...)
			return c.request(goja.FunctionCall{This: call.This, Arguments: args}, false)
		})
	}
	for _, a := range named {
		_ = target.Set(a, method(a))
	}
	nameNatives(vm, target, named...)
	_ = target.Set("name", domain)
	proxy := vm.NewProxy(target, &goja.ProxyTrapConfig{
		Get: func(t *goja.Object, prop string, receiver goja.Value) goja.Value {
			if v := t.Get(prop); v != nil {
				return v
			}
			switch prop {
			case "then", "toJSON", "constructor", "inspect", "valueOf", "toString":
				return goja.Undefined() // keep the proxy from looking like a promise or a converter
			}
			return method(prop)
		},
	})
	return vm.ToValue(proxy)
}

// request implements sap.request / sap.requestAsync(domain, action, params, options).
func (c *client) request(call goja.FunctionCall, async bool) goja.Value {
	vm := c.m.host.VM
	domain := call.Argument(0).String()
	action := call.Argument(1).String()
	checkOptions(vm, "sap.request options", call.Argument(3), "timeout")
	timeout := timeoutOf(vm, "sap.request options", call.Argument(3))
	s, err := c.open(false)
	if err != nil {
		if async {
			return c.rejected(err, domain, action)
		}
		c.m.throw(err, domain, action)
	}
	var params any
	if p := call.Argument(2); !goja.IsUndefined(p) && !goja.IsNull(p) {
		params, err = c.exportParams(s, p, "sap.request", domain, action)
		if err != nil {
			if async {
				return c.rejected(err, domain, action)
			}
			c.m.throw(err, domain, action)
		}
	}
	if w := s.Welcome(); !w.HasDomain(domain) {
		err := &session.Error{Code: session.CodeUnsupported, Domain: domain, Action: action, Local: true,
			Message: fmt.Sprintf("the server does not offer the %s domain (it offers: %s)", domain, strings.Join(w.Domains, ", "))}
		if async {
			return c.rejected(err, domain, action)
		}
		c.m.throw(err, domain, action)
	}
	if w := s.Welcome(); domain == "debug" && !w.ServesDebugAction(action) {
		err := &session.Error{Code: session.CodeUnsupported, Domain: domain, Action: action, Local: true,
			Message: unservedDebugAction(w, action)}
		if async {
			return c.rejected(err, domain, action)
		}
		c.m.throw(err, domain, action)
	}
	// The data comes decoded by the session's reader, numbers as written, and
	// becomes JS as the values of a call do (an integer beyond 2^53 a BigInt).
	toJS := func(data any) goja.Value {
		if data == nil {
			return goja.Undefined()
		}
		return c.m.conv.JSON(data)
	}
	if !async {
		data, err := s.RequestValue(c.m.ctx(), domain, action, params, timeout)
		if err != nil {
			c.m.throw(err, domain, action)
		}
		return toJS(data)
	}
	p, resolve, reject := c.m.host.Loop.NewPromise()
	site := callSite(vm)
	s.RequestAsync(c.m.ctx(), domain, action, params, timeout, func(data any, err error) {
		if err != nil {
			reject(func(vm *goja.Runtime) goja.Value {
				return withCallSite(vm, c.m.errs.toJSError(vm, err, domain, action), site)
			})
			return
		}
		resolve(func(vm *goja.Runtime) goja.Value { return toJS(data) })
	})
	return vm.ToValue(p)
}

// unservedDebugAction explains a debug action the server's handler does not
// announce, and what to deploy so that it does.
func unservedDebugAction(w protocol.Welcome, action string) string {
	served := w.DebugActionsServed()
	list := "none"
	if len(served) > 0 {
		list = strings.Join(served, ", ")
	}
	return fmt.Sprintf("the server's ZADT_VSP handler %s does not serve debug.%s (its debug service serves: %s); "+
		"deploy the handler's debug service ZCL_VSP_DEBUG_SERVICE on a system with SAP's external debugger API "+
		"(TPDAPI, see docs/abap-install.md)", w.Version, action, list)
}

func (c *client) rejected(err error, domain, action string) goja.Value {
	p, _, reject := c.m.host.Loop.NewPromise()
	site := callSite(c.m.host.VM)
	reject(func(vm *goja.Runtime) goja.Value {
		return withCallSite(vm, c.m.errs.toJSError(vm, err, domain, action), site)
	})
	return c.m.host.VM.ToValue(p)
}

func (c *client) rfcObject() *goja.Object {
	vm := c.m.host.VM
	r := vm.NewObject()
	_ = r.Set("call", func(call goja.FunctionCall) goja.Value { return c.publicCall(call, false) })
	_ = r.Set("callAsync", func(call goja.FunctionCall) goja.Value { return c.publicCall(call, true) })
	_ = r.Set("ping", func() goja.Value {
		s := c.must("rfc", "ping")
		if err := s.RFCPing(c.m.ctx()); err != nil {
			c.m.throw(err, "rfc", "ping")
		}
		return vm.ToValue(true)
	})
	_ = r.Set("metadata", func(fm string) goja.Value {
		s := c.must("rfc", "getMetadata")
		meta, err := s.Metadata(c.m.ctx(), fm)
		if err != nil {
			c.m.throw(err, "rfc", "getMetadata")
		}
		raw, _ := json.Marshal(meta)
		var v any
		_ = json.Unmarshal(raw, &v)
		return vm.ToValue(v)
	})
	_ = r.Set("search", func(pattern string, opts goja.Value) goja.Value {
		checkOptions(vm, "sap.rfc.search options", opts, "max")
		s := c.must("rfc", "search")
		max := 0
		if o, ok := opts.(*goja.Object); ok {
			if m := o.Get("max"); m != nil && !goja.IsUndefined(m) {
				max = int(m.ToInteger())
			}
		}
		res, err := s.Search(c.m.ctx(), pattern, max)
		if err != nil {
			c.m.throw(err, "rfc", "search")
		}
		items := make([]any, len(res.Functions))
		for i, f := range res.Functions {
			item := vm.NewObject()
			_ = item.Set("name", f.Name)
			_ = item.Set("group", f.Group)
			_ = item.Set("description", f.Description)
			_ = item.Set("remote", f.Remote || s.Legacy())
			items[i] = item
		}
		arr := vm.NewArray(items...)
		_ = arr.DefineDataProperty("truncated", vm.ToValue(res.Truncated), goja.FLAG_FALSE, goja.FLAG_FALSE, goja.FLAG_FALSE)
		return arr
	})
	_ = r.Set("throwOnError", false) // the session's default of the call option (toolkit.go)
	nameNatives(vm, r, "call", "callAsync", "ping", "metadata", "search")
	return r
}

// nameNatives gives the Go functions at o's keys their key as their name:
// goja names a Go function after its Go symbol, which console.log(sap.rfc)
// would show ([Function: github.com/…/sap.(*client).rfcObject.func1]).
func nameNatives(vm *goja.Runtime, o *goja.Object, keys ...string) {
	for _, k := range keys {
		if fn, ok := o.Get(k).(*goja.Object); ok {
			_ = fn.DefineDataProperty("name", vm.ToValue(k), goja.FLAG_FALSE, goja.FLAG_TRUE, goja.FLAG_FALSE)
		}
	}
}

// call implements rfc.call / rfc.callAsync(fm, params, options).
func (c *client) call(call goja.FunctionCall, async bool) goja.Value {
	vm := c.m.host.VM
	name, isString := call.Argument(0).Export().(string)
	if _, isSymbol := call.Argument(0).(*goja.Symbol); isSymbol {
		isString = false // a symbol exports as its description
	}
	fm := protocol.NormalizeName(name)
	if !isString || fm == "" {
		got := "an empty string"
		if !isString {
			got = describeArg(call.Argument(0))
		}
		panic(vm.NewTypeError("sap.rfc.call(fm, params?, options?): fm must be a function module name (a string), got " + got))
	}
	arg := call.Argument(1)
	if o, ok := arg.(*goja.Object); (!ok && !goja.IsUndefined(arg) && !goja.IsNull(arg)) || (ok && o.ClassName() == "Array") {
		panic(vm.NewTypeError("sap.rfc.call: params must be an object naming the parameters, e.g. { REQUTEXT: 'hi' }"))
	}
	// sap.stats() counts every call from here on, failed ones too, by the time
	// from the script's call to its result: a sync call's on the way out,
	// panics included, an async call's when its promise settles.
	start := time.Now()
	record := func() { c.m.stats.record(fm, float64(time.Since(start).Microseconds())/1000) }
	if !async {
		defer record()
	}
	checkOptions(vm, "sap.rfc.call options", call.Argument(2), callOptionNames...)
	timeout := timeoutOf(vm, "sap.rfc.call options", call.Argument(2))
	s, err := c.open(false)
	if err != nil {
		if async {
			record()
			return c.rejected(err, "rfc", "call")
		}
		c.m.throw(err, "rfc", "call")
	}
	params := map[string]any{}
	if !goja.IsUndefined(arg) && !goja.IsNull(arg) {
		v, err := c.exportParams(s, arg, "sap.rfc.call", "rfc", "call")
		if err != nil {
			if async {
				record()
				return c.rejected(err, "rfc", "call")
			}
			c.m.throw(err, "rfc", "call")
		}
		m, ok := v.(map[string]any)
		if !ok {
			panic(vm.NewTypeError("sap.rfc.call: params must be an object naming the parameters, e.g. { REQUTEXT: 'hi' }"))
		}
		params = m
	}
	ctx := c.m.ctx()
	tables := &tableRows{}
	opts := session.CallOptions{Timeout: timeout, Rows: tables.add, Check: checkParams}
	if !async {
		out, err := s.Call(ctx, fm, params, opts)
		if err != nil {
			c.m.throw(c.simHint(err, fm), "rfc", "call")
		}
		return c.result(s, fm, out, tables)
	}
	p, resolve, reject := c.m.host.Loop.NewPromise()
	site := callSite(vm)
	s.CallAsync(ctx, fm, params, opts, func(out map[string]any, err error) {
		if err != nil {
			err = c.simHint(err, fm)
			reject(func(vm *goja.Runtime) goja.Value {
				record()
				return withCallSite(vm, c.m.errs.toJSError(vm, err, "rfc", "call"), site)
			})
			return
		}
		resolve(func(vm *goja.Runtime) goja.Value {
			defer record()
			return c.result(s, fm, out, tables)
		})
	})
	return vm.ToValue(p)
}

// connectOptionNames are the options of sap.connect and sap.open (ConnectOptions in wsrfc.d.ts).
var connectOptionNames = []string{"url", "client", "user", "password", "cookie", "language", "path", "insecure", "timeout", "sim", "dest"}

// callOptionNames are the options of rfc.call and rfc.callAsync.
var callOptionNames = []string{"timeout", "throwOnError"}

// describeArg names a JS argument's type and value for a TypeError.
func describeArg(v goja.Value) string {
	switch {
	case v == nil || goja.IsUndefined(v):
		return "undefined"
	case goja.IsNull(v):
		return "null"
	}
	if _, ok := v.(*goja.Symbol); ok {
		return "a symbol"
	}
	if o, ok := v.(*goja.Object); ok {
		if _, isFn := goja.AssertFunction(o); isFn {
			return "a function"
		}
		return "an object"
	}
	return fmt.Sprintf("%s %s", typeOfValue(v), v.String())
}

func typeOfValue(v goja.Value) string {
	switch v.Export().(type) {
	case bool:
		return "the boolean"
	case int64, float64:
		return "the number"
	}
	return "the value"
}

// simHint adds to "function module not found" for a customer module on the simulator how to provide it.
func (c *client) simHint(err error, fm string) error {
	var se *session.Error
	c.mu.Lock()
	onSim := c.cfg.Sim
	c.mu.Unlock()
	if !onSim || !IsCustomerName(fm) || !errors.As(err, &se) || se.Code != protocol.CodeFuncNotFound {
		return err
	}
	hinted := *se
	hinted.Message += " (the simulator has only SAP's modules: write yours in JavaScript and load them with --define FILE.js or sap.sim.load(FILE), see docs/simulator.md)"
	return &hinted
}

// IsCustomerName reports whether a function module is in the customer namespace (Z*, Y*), which
// the simulator cannot know unless it is defined for it.
func IsCustomerName(fm string) bool {
	return strings.HasPrefix(fm, "Z") || strings.HasPrefix(fm, "Y")
}

// unknownRequestLimit bounds a request when the server announces no limits
// (the old handler): large enough for any request it could take in one frame.
const unknownRequestLimit = 64 << 20

// exportParams converts call or request parameters for s. A value no ABAP
// value can be (circular, too deep, a function) throws a TypeError naming
// where it is; a value larger than the server accepts comes back as the same
// local TOO_LARGE the session gives, before it has been built whole.
func (c *client) exportParams(s *session.Session, v goja.Value, api, domain, action string) (any, error) {
	lim := jsvalue.Limits{MaxBytes: unknownRequestLimit}
	if l := s.Welcome().Limits; l != nil && l.MaxRequestBytes > 0 {
		lim.MaxBytes = int64(l.MaxRequestBytes)
	}
	if l := s.Welcome().Limits; l != nil && l.MaxDepth > 0 {
		// The server counts the envelope's levels too: the request object and
		// params, and for a call the parameters object the value stands for.
		envelope := 2
		if api == "sap.rfc.call" {
			envelope = 3
		}
		lim.MaxDepth = max(l.MaxDepth-envelope, 1)
	}
	out, err := jsvalue.FromJS(v, lim)
	var ce *jsvalue.ConversionError
	if errors.As(err, &ce) {
		if ce.TooLarge {
			return nil, &session.Error{Code: protocol.CodeTooLarge, Domain: domain, Action: action, Local: true,
				Message: "the parameters are too large: " + ce.Error()}
		}
		where := "params"
		if ce.Path != "" {
			where = "parameter " + ce.Path
		}
		panic(c.m.host.VM.NewTypeError(api + ": " + where + " " + ce.Reason))
	}
	return out, err
}

// tableRows keeps the rows of a call's table results as the session hands
// them over while the reply arrives, in the compact form of jsvalue.Table, so
// that a large table is never held as Go maps and JS objects at once.
type tableRows struct {
	byName map[string]*jsvalue.Table // nil for a call without tables
}

func (t *tableRows) add(p *protocol.Parameter, fields []any, rows int) {
	tb := t.byName[p.Name]
	if tb == nil {
		if t.byName == nil {
			t.byName = map[string]*jsvalue.Table{}
		}
		tb = jsvalue.NewTable(p.DataType)
		t.byName[p.Name] = tb
	}
	tb.Append(fields, rows)
}

// result converts a call result to a JS object, parameters in interface order.
func (c *client) result(s *session.Session, fm string, out map[string]any, tables *tableRows) goja.Value {
	vm := c.m.host.VM
	obj := vm.NewObject()
	meta, _ := s.Metadata(context.Background(), fm) // cached by Call
	done := map[string]bool{}
	if meta != nil {
		for i := range meta.Parameters {
			p := &meta.Parameters[i]
			if tb := tables.byName[p.Name]; tb != nil {
				_ = obj.Set(p.Name, c.m.conv.Table(tb))
				done[p.Name] = true
			} else if v, ok := out[p.Name]; ok {
				_ = obj.Set(p.Name, c.m.conv.ToJS(p.DataType, v))
				done[p.Name] = true
			}
		}
	}
	rest := make([]string, 0)
	for k := range out {
		if !done[k] {
			rest = append(rest, k)
		}
	}
	sort.Strings(rest)
	for _, k := range rest {
		_ = obj.Set(k, c.m.conv.ToJS(nil, out[k]))
	}
	return obj
}

// getenv is swappable in tests.
var getenv = os.Getenv
