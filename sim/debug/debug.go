// Package debug is the simulator's debug domain: external breakpoints, listen,
// attach and step over the function group ZWSR_DEBUG, whose ABAP source a small
// interpreter (debug_abap.go, debug_machine.go) runs statement by statement so
// that a debugger sees real lines, variables and exceptions.
package debug

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/wsrfc/wsrfc/protocol"
	"github.com/wsrfc/wsrfc/sim/core"
)

// Error codes of the debug domain, as the old handler names them.
const (
	codeNotAttached         = "NOT_ATTACHED"
	codeAlreadyAttached     = "ALREADY_ATTACHED"
	codeAttachFailed        = "ATTACH_FAILED"
	codeInvalidStepType     = "INVALID_STEP_TYPE"
	codeStepFailed          = "STEP_FAILED"
	codeInvalidKind         = "INVALID_KIND"
	codeInvalidURI          = "INVALID_URI"
	codeBreakpointExists    = "BREAKPOINT_EXISTS"
	codeSetBreakpointFailed = "SET_BREAKPOINT_FAILED"
	codeListenerConflict    = "LISTENER_CONFLICT"
)

// DefaultDebuggeeTimeout is how long a halted call waits for a debugger when
// Config.DebuggeeTimeout is zero.
const DefaultDebuggeeTimeout = 10 * time.Second

// Listen timeouts in seconds, as the old handler clamps them.
const (
	listenDefault = 60
	listenMin     = 1
	listenMax     = 240
)

// buriedLimit bounds how many ended debuggees are remembered to explain a late attach.
const buriedLimit = 256

// Install registers the debug domain and the function modules it debugs.
func Install(s *core.Server) {
	svc := newDebugService(s)
	installDebugPrograms(s, svc)
	s.RegisterDomain("debug", svc)
}

// debugService is the debug domain. It plays the old handler's external
// debugger (ZCL_VSP_DEBUG_SERVICE on top of SAP's TPDAPI) over the function
// modules of debug_programs.go, which the interpreter in debug_abap.go runs
// statement by statement.
//
// The model, as in SAP:
//   - Breakpoints belong to the user (external breakpoints): a line, statement or
//     exception breakpoint set by any session of a user halts calls made by
//     every session of that user in the same client, including the session that
//     set it. A session's breakpoints are deleted when it closes, as the old
//     handler's on_disconnect does.
//   - A call that reaches a breakpoint halts and is offered as a debuggee. Its
//     session's goroutine waits there, so that session answers nothing else,
//     as a work process stopped in the debugger does. If no session attaches
//     within Config.DebuggeeTimeout the call runs on to its end and is not
//     offered again.
//   - listen waits (bounded) for a debuggee of the user; attach takes it over;
//     step moves it; detach, or the debugger's session closing, lets it run to its
//     end without halting. When the calling session closes, the debuggee ends
//     at once: attach then fails with ATTACH_FAILED, and step answers ended.
//
// Pushes (feature "push", wsrfc profile only; the old handler has none):
//   - event "debuggee" goes to every open session of the breakpoint's user in the
//     same client except the halted call's own, the moment a call halts at a
//     breakpoint and waits for a debugger. Clients need no subscription action:
//     a session that does not listen for pushes drops them.
//   - event "ended" goes to the debugger session attached to a debuggee when the
//     debuggee's call ends, whether it completed, dumped, or lost its session.
//
// Beyond the old handler, with its actions, parameters and reply members kept:
// replies carry more members (include, procedure, statement, reason); getBreakpoints
// always returns program and line; breakpoint conditions are evaluated; scope
// "locals" of getVariables returns the frame's parameters and DATA; getSource
// returns an include's lines; user names are upper-cased.
type debugService struct {
	srv        *core.Server
	attachWait time.Duration
	// Programs the interpreter runs, registered at start and read-only afterwards.
	programs map[string]*abapProgram // by main program name
	includes map[string]*abapProgram // by include name
	fmodules map[string]string       // function module → include holding it

	mu          sync.Mutex
	breakpoints []*breakpoint
	debuggees   map[string]*debuggee // halted calls that have not ended
	buried      map[string]string    // ended debuggee → why, for ATTACH_FAILED messages
	buriedOrder []string
	clients     map[string]*debugClient // session ID → that session's debugger state
	listeners   map[string]string       // client/user → session ID listening for it
	arrival     chan struct{}           // closed and replaced when a debuggee starts waiting
}

func newDebugService(s *core.Server) *debugService {
	wait := s.Config().DebuggeeTimeout
	if wait <= 0 {
		wait = DefaultDebuggeeTimeout
	}
	return &debugService{srv: s, attachWait: wait,
		programs: map[string]*abapProgram{}, includes: map[string]*abapProgram{}, fmodules: map[string]string{},
		debuggees: map[string]*debuggee{}, buried: map[string]string{}, clients: map[string]*debugClient{},
		listeners: map[string]string{}, arrival: make(chan struct{})}
}

// breakpoint is immutable once created, so matching reads it without the lock.
type breakpoint struct {
	id        string
	kind      string // line, statement, exception
	userKey   string // client/user whose calls it halts
	owner     string // ID of the session that set it
	program   string // main program, for line breakpoints
	include   string // empty: any include of program
	line      int
	uri       string
	statement string
	exception string
	condition string
	cond      *abapCondition
}

// debuggee is a halted call offered to, or taken over by, a debugger.
type debuggee struct {
	id, host, client, user, userKey string
	program, function               string
	caller                          *core.Session
	since                           time.Time

	attached chan struct{}    // closed by attach
	released chan struct{}    // closed by detach: run to the end without halting
	commands chan stepCommand // the attached debugger's steps
	done     chan struct{}    // closed when the call has ended

	// Guarded by debugService.mu.
	debugger *core.Session // the attached debugger session
	detached bool          // released by its debugger
	stop     *haltSnapshot // where it halts now
	outcome  *debugOutcome // how it ended; nil while it runs or waits
}

type stepCommand struct {
	mode  runMode
	reply chan stepping // buffered: the debuggee never blocks on a debugger that went away
}

// stepping answers a step: where the call halted, or how it ended.
type stepping struct {
	stop *haltSnapshot
	end  *debugOutcome
}

type debugOutcome struct {
	reason  string // completed, runtimeError, sessionClosed, timeout, failed
	message string
}

// debugClient is the debugger state of one session.
type debugClient struct {
	attached *debuggee
}

func userKey(s *core.Session) string { return s.Client + "/" + s.User.Name }

// Handle serves one debug request.
func (svc *debugService) Handle(ctx context.Context, sess *core.Session, action string, raw []byte) (any, error) {
	var p debugParams
	if err := core.DecodeParams(raw, &p); err != nil {
		return nil, err
	}
	if svc.srv.Config().NoDebugger {
		return svc.withoutDebugger(sess, action)
	}
	// getStatus answers anyone, saying whether the user may debug; the rest
	// needs the debug authority (listen and getDebuggees then also keep to
	// the user's own calls, see targetUser; attach to the debuggee's owner).
	if action != "getStatus" {
		if err := authorizeDebug(sess, ""); err != nil {
			return nil, err
		}
	}
	svc.track(sess)
	switch action {
	case "setBreakpoint":
		return svc.setBreakpoint(sess, p)
	case "getBreakpoints":
		return svc.getBreakpoints(sess), nil
	case "deleteBreakpoint":
		return svc.deleteBreakpoint(sess, p)
	case "listen":
		return svc.listen(ctx, sess, p)
	case "getDebuggees":
		return svc.getDebuggees(sess, p)
	case "attach":
		return svc.attach(sess, p)
	case "step":
		return svc.step(ctx, sess, p)
	case "getStack":
		return svc.getStack(sess)
	case "getVariables":
		return svc.getVariables(sess, p)
	case "getSource":
		return svc.getSource(sess, p)
	case "detach":
		return svc.detach(sess), nil
	case "getStatus":
		return svc.getStatus(sess), nil
	}
	return nil, &protocol.Error{Code: protocol.CodeUnknownAction, Message: fmt.Sprintf("Action '%s' not supported", action)}
}

// Features announces the debug actions this service serves (protocol.FeatureDebugPrefix).
// The old handler announces nothing, and the welcome of the legacy profile has no features.
func (svc *debugService) Features() []string {
	if svc.srv.Config().NoDebugger {
		return protocol.DebugFeatures("getStatus")
	}
	return protocol.DebugFeatures(protocol.DebugActions...)
}

// withoutDebugger answers as the wsrfc handler's debug service does on a system
// where SAP's external-debugger API is missing: getStatus says so, everything
// else is an unknown action.
func (svc *debugService) withoutDebugger(sess *core.Session, action string) (any, error) {
	if action != "getStatus" {
		return nil, &protocol.Error{Code: protocol.CodeUnknownAction,
			Message: fmt.Sprintf("action '%s' is not served: this handler's debug service has no debugger (served: getStatus)", action)}
	}
	return map[string]any{"sessionId": sess.ID, "user": sess.User.Name, "breakpointCount": 0,
		"attached": false, "attachedDebuggee": "", "listenerActive": false,
		"debuggingAvailable": false, "authorized": false, "waitingDebuggees": 0}, nil
}

// debugParams reads action parameters leniently: numbers may come as JSON
// numbers or digit strings.
type debugParams map[string]any

func (p debugParams) str(name string) string {
	switch v := p[name].(type) {
	case string:
		return strings.TrimSpace(v)
	case json.Number:
		return v.String()
	}
	return ""
}

func (p debugParams) int(name string) (int64, bool) {
	switch v := p[name].(type) {
	case json.Number:
		if n, err := v.Int64(); err == nil {
			return n, true
		}
		f, err := v.Float64() // 1.5 seconds: the whole part, as the old handler's (\d+) reads it
		return int64(f), err == nil
	case string:
		n, err := strconv.ParseInt(strings.TrimSpace(v), 10, 64)
		return n, err == nil
	}
	return 0, false
}

func invalidParams(format string, args ...any) error {
	return &protocol.Error{Code: protocol.CodeInvalidParams, Message: fmt.Sprintf(format, args...)}
}

// track gives a session its debugger state the first time it uses the domain,
// and arranges the old handler's on_disconnect for when the session ends.
func (svc *debugService) track(sess *core.Session) {
	svc.mu.Lock()
	defer svc.mu.Unlock()
	if svc.clients[sess.ID] == nil {
		svc.clients[sess.ID] = &debugClient{}
		context.AfterFunc(sess.Context(), func() { svc.sessionEnded(sess) })
	}
}

// sessionEnded lets the session's debuggee run to its end and deletes the
// breakpoints the session set; other sessions' breakpoints of the user stay.
func (svc *debugService) sessionEnded(sess *core.Session) {
	svc.mu.Lock()
	defer svc.mu.Unlock()
	if c := svc.clients[sess.ID]; c != nil && c.attached != nil {
		svc.releaseLocked(c.attached, sess)
	}
	delete(svc.clients, sess.ID)
	svc.breakpoints = slices.DeleteFunc(svc.breakpoints, func(bp *breakpoint) bool { return bp.owner == sess.ID })
	for key, id := range svc.listeners {
		if id == sess.ID {
			delete(svc.listeners, key)
		}
	}
}

// releaseLocked detaches a debugger from its debuggee, which then runs to its end.
func (svc *debugService) releaseLocked(d *debuggee, debugger *core.Session) {
	if d.outcome != nil || d.debugger != debugger || d.detached {
		return
	}
	d.debugger = nil
	d.detached = true
	close(d.released)
	delete(svc.debuggees, d.id)
	svc.buryLocked(d.id, "its debugger detached and it ran on to its end")
}

func (svc *debugService) buryLocked(id, why string) {
	if _, known := svc.buried[id]; !known {
		svc.buriedOrder = append(svc.buriedOrder, id)
		if len(svc.buriedOrder) > buriedLimit {
			delete(svc.buried, svc.buriedOrder[0])
			svc.buriedOrder = svc.buriedOrder[1:]
		}
	}
	svc.buried[id] = why
}

// ---- breakpoints ----

func (svc *debugService) setBreakpoint(sess *core.Session, p debugParams) (any, error) {
	kind := strings.ToLower(p.str("kind"))
	if kind == "" {
		kind = "line"
	}
	bp := &breakpoint{kind: kind, userKey: userKey(sess), owner: sess.ID}
	switch kind {
	case "line":
		bp.program = protocol.NormalizeName(p.str("program"))
		bp.include = protocol.NormalizeName(p.str("include"))
		bp.uri = p.str("uri")
		line, _ := p.int("line")
		if bp.program == "" && bp.uri == "" {
			return nil, invalidParams("A line breakpoint needs program or uri, and line")
		}
		if bp.program == "" {
			name, uriLine := objectFromURI(bp.uri)
			if name == "" {
				return nil, &protocol.Error{Code: codeInvalidURI, Message: fmt.Sprintf("Cannot derive a program from URI %s", bp.uri)}
			}
			bp.program = name
			if line <= 0 {
				line = int64(uriLine)
			}
		}
		if line <= 0 {
			return nil, invalidParams("A line breakpoint needs a positive line number")
		}
		bp.line = int(line)
		program, include, err := svc.resolveLine(bp.program, bp.include, bp.line)
		if err != nil {
			return nil, err
		}
		bp.program, bp.include = program, include
	case "statement":
		bp.statement = strings.ToUpper(p.str("statement"))
		if bp.statement == "" {
			return nil, invalidParams("A statement breakpoint needs statement (an ABAP keyword such as PERFORM)")
		}
	case "exception":
		bp.exception = protocol.NormalizeName(p.str("exception"))
		if bp.exception == "" {
			return nil, invalidParams("An exception breakpoint needs exception (a class such as CX_SY_ZERODIVIDE)")
		}
	default:
		return nil, &protocol.Error{Code: codeInvalidKind, Message: fmt.Sprintf("Invalid breakpoint kind '%s' (line, statement or exception)", kind)}
	}
	if bp.condition = p.str("condition"); bp.condition != "" {
		tokens, err := tokenize(bp.condition)
		if err == nil {
			bp.cond, err = parseCondition(tokens)
		}
		if err != nil {
			return nil, invalidParams("Condition %q cannot be read: %v", bp.condition, err)
		}
	}
	svc.mu.Lock()
	for _, other := range svc.breakpoints {
		if other.userKey == bp.userKey && other.kind == bp.kind && other.program == bp.program && other.include == bp.include &&
			other.line == bp.line && other.statement == bp.statement && other.exception == bp.exception {
			svc.mu.Unlock()
			return nil, &protocol.Error{Code: codeBreakpointExists, Message: fmt.Sprintf("Breakpoint %s already exists at this position", other.id)}
		}
	}
	bp.id = core.RandomHex(16)
	svc.breakpoints = append(svc.breakpoints, bp)
	svc.mu.Unlock()

	out := map[string]any{"breakpointId": bp.id, "kind": bp.kind, "registered": true}
	bp.describe(out)
	return out, nil
}

// describe adds a breakpoint's position fields to m. Unlike the old handler,
// program and line are always there for line breakpoints.
func (bp *breakpoint) describe(m map[string]any) {
	if bp.program != "" {
		m["program"] = bp.program
	}
	if bp.include != "" {
		m["include"] = bp.include
	}
	if bp.uri != "" {
		m["uri"] = bp.uri
	}
	if bp.kind == "line" {
		m["line"] = bp.line
	}
	if bp.statement != "" {
		m["statement"] = bp.statement
	}
	if bp.exception != "" {
		m["exception"] = bp.exception
	}
	if bp.condition != "" {
		m["condition"] = bp.condition
	}
}

// objectFromURI takes the object name after PROGRAMS, INCLUDES, FMODULES or
// CLASSES in an ADT URI, and the line of a #start=line[,column] fragment.
func objectFromURI(uri string) (name string, line int) {
	path, fragment, _ := strings.Cut(uri, "#")
	path, _, _ = strings.Cut(path, "?")
	segs := strings.Split(strings.Trim(path, "/"), "/")
	for i := 0; i+1 < len(segs); i++ {
		switch strings.ToLower(segs[i]) {
		case "programs", "includes", "fmodules", "classes":
			if seg, err := url.PathUnescape(segs[i+1]); err == nil {
				name = protocol.NormalizeName(seg) // the last match wins: /programs/programs/NAME
			}
		}
	}
	if start, ok := strings.CutPrefix(fragment, "start="); ok {
		l, _, _ := strings.Cut(start, ",")
		line, _ = strconv.Atoi(l)
	}
	return name, line
}

// resolveLine finds where a line breakpoint goes. name may be a main program,
// an include or a function module (which is what an ADT URI names).
func (svc *debugService) resolveLine(name, include string, line int) (string, string, error) {
	prog := svc.programs[name]
	switch {
	case prog != nil:
	case svc.includes[name] != nil:
		prog, include = svc.includes[name], name
	case svc.fmodules[name] != "":
		include = svc.fmodules[name]
		prog = svc.includes[include]
	default:
		return "", "", &protocol.Error{Code: codeSetBreakpointFailed, Message: fmt.Sprintf("Program %s does not exist", name)}
	}
	if include != "" && prog.include(include) == nil {
		return "", "", &protocol.Error{Code: codeSetBreakpointFailed, Message: fmt.Sprintf("Include %s does not belong to program %s", include, prog.name)}
	}
	for _, inc := range prog.includes {
		if (include == "" || inc.name == include) && prog.stoppableAt(inc.name, line) {
			return prog.name, include, nil
		}
	}
	where := prog.name
	if include != "" {
		where = include
	}
	return "", "", &protocol.Error{Code: codeSetBreakpointFailed, Message: fmt.Sprintf("Line %d of %s holds no executable statement", line, where)}
}

func (svc *debugService) getBreakpoints(sess *core.Session) any {
	svc.mu.Lock()
	defer svc.mu.Unlock()
	list := []any{}
	for _, bp := range svc.breakpoints {
		if bp.owner == sess.ID {
			m := map[string]any{"id": bp.id, "kind": bp.kind}
			bp.describe(m)
			list = append(list, m)
		}
	}
	return map[string]any{"breakpoints": list}
}

func (svc *debugService) deleteBreakpoint(sess *core.Session, p debugParams) (any, error) {
	id := strings.ToUpper(p.str("breakpointId"))
	if id == "" {
		return nil, invalidParams("breakpointId is required")
	}
	svc.mu.Lock()
	defer svc.mu.Unlock()
	for i, bp := range svc.breakpoints {
		if bp.id == id && bp.owner == sess.ID {
			svc.breakpoints = slices.Delete(svc.breakpoints, i, i+1)
			return map[string]any{"deleted": id}, nil
		}
	}
	return nil, &protocol.Error{Code: protocol.CodeNotFound, Message: fmt.Sprintf("Breakpoint %s not found", id)}
}

// statementBreakpoint returns the line or statement breakpoint of the caller's
// user that halts st, if any. A condition that cannot be evaluated halts, so
// that the developer sees the problem instead of a silently ignored breakpoint.
func (svc *debugService) statementBreakpoint(caller *core.Session, prog *abapProgram, include string, st *abapStatement, lookup func(string) (*dataObject, error)) *breakpoint {
	key := userKey(caller)
	var candidates []*breakpoint
	svc.mu.Lock()
	for _, bp := range svc.breakpoints {
		if bp.userKey != key {
			continue
		}
		switch {
		case bp.kind == "line" && bp.line == st.line && bp.program == prog.name && (bp.include == "" || bp.include == include),
			bp.kind == "statement" && bp.statement == st.keyword:
			candidates = append(candidates, bp)
		}
	}
	svc.mu.Unlock()
	for _, bp := range candidates {
		if bp.cond == nil {
			return bp
		}
		if ok, err := bp.cond.holds(lookup); ok || err != nil {
			return bp
		}
	}
	return nil
}

// exceptionBreakpoint returns the caller's user's breakpoint on class or a superclass.
func (svc *debugService) exceptionBreakpoint(caller *core.Session, class string) *breakpoint {
	key := userKey(caller)
	svc.mu.Lock()
	defer svc.mu.Unlock()
	for _, bp := range svc.breakpoints {
		if bp.userKey == key && bp.kind == "exception" && isA(class, bp.exception) {
			return bp
		}
	}
	return nil
}

// ---- debuggees ----

// execute runs a function module of an interpreted program for a call.
func (svc *debugService) execute(c *core.Call, prog *abapProgram) error {
	m, err := newMachine(svc, prog, c)
	if err != nil {
		return err
	}
	entry := m.top()
	ctx := c.Ctx
	if ctx == nil {
		ctx = c.Session.Context()
	}
	runErr := m.run(ctx)
	outcome := svc.outcomeOf(c, runErr)
	if m.d != nil {
		svc.end(m.d, outcome, m.reply)
	}
	var cx *abapException
	switch {
	case runErr == nil:
		m.outputs(entry)
		return nil
	case errors.As(runErr, &cx):
		return core.Dump(cx.dump, cx.text)
	case ctx.Err() != nil:
		return &protocol.Error{Code: protocol.CodeTimeout, Message: fmt.Sprintf("%s: %s", c.Function.Name, outcome.message)}
	}
	return runErr
}

func (svc *debugService) outcomeOf(c *core.Call, err error) *debugOutcome {
	var cx *abapException
	switch {
	case err == nil:
		return &debugOutcome{reason: "completed", message: "Debuggee ended"}
	case errors.As(err, &cx):
		return &debugOutcome{reason: "runtimeError", message: fmt.Sprintf("Debuggee ended with runtime error %s (%s)", cx.dump, cx.class)}
	case c.Session.Context().Err() != nil:
		return &debugOutcome{reason: "sessionClosed", message: "Debuggee ended: the session that ran it was closed"}
	case errors.Is(err, context.DeadlineExceeded):
		return &debugOutcome{reason: "timeout", message: "Debuggee ended: the request's timeout passed while it was halted"}
	}
	return &debugOutcome{reason: "failed", message: "Debuggee ended: " + err.Error()}
}

// offer makes a halted call a debuggee, wakes listeners and tells the user's other sessions.
func (svc *debugService) offer(m *machine, snap *haltSnapshot) *debuggee {
	d := &debuggee{id: core.RandomHex(16), host: svc.srv.Config().Host, client: m.caller.Client, user: m.caller.User.Name,
		userKey: userKey(m.caller), program: m.prog.name, function: m.call.Function.Name, caller: m.caller,
		since: svc.srv.Config().Now(), attached: make(chan struct{}), released: make(chan struct{}),
		commands: make(chan stepCommand), done: make(chan struct{}), stop: snap}
	svc.mu.Lock()
	svc.debuggees[d.id] = d
	close(svc.arrival)
	svc.arrival = make(chan struct{})
	svc.mu.Unlock()
	svc.pushToUser(m.caller, "debuggee", d.pushData(snap))
	return d
}

// awaitAttach waits for a debugger. It reports false when nobody attached in
// time or the call was cancelled first; true when a debugger has the debuggee.
func (svc *debugService) awaitAttach(ctx context.Context, d *debuggee) (bool, error) {
	timer := time.NewTimer(svc.attachWait)
	defer timer.Stop()
	select {
	case <-d.attached:
		return true, nil
	case <-timer.C:
		return !svc.abandon(d, fmt.Sprintf("nobody attached within %s, so the call ran on", svc.attachWait)), nil
	case <-ctx.Done():
		why := "the request's timeout passed"
		if d.caller.Context().Err() != nil {
			why = "the session that ran it was closed"
		}
		return !svc.abandon(d, why), ctx.Err()
	}
}

// abandon withdraws a debuggee nobody attached to; false means a debugger attached first.
func (svc *debugService) abandon(d *debuggee, why string) bool {
	svc.mu.Lock()
	defer svc.mu.Unlock()
	if d.debugger != nil {
		return false
	}
	delete(svc.debuggees, d.id)
	svc.buryLocked(d.id, why)
	return true
}

// halted records where an attached debuggee halts now.
func (svc *debugService) halted(d *debuggee, snap *haltSnapshot) {
	svc.mu.Lock()
	d.stop = snap
	svc.mu.Unlock()
}

// end records how a debuggee's call ended, answers the step in progress and
// tells the attached debugger.
func (svc *debugService) end(d *debuggee, outcome *debugOutcome, reply chan stepping) {
	svc.mu.Lock()
	d.outcome = outcome
	delete(svc.debuggees, d.id)
	svc.buryLocked(d.id, strings.TrimPrefix(outcome.message, "Debuggee ended: "))
	debugger := d.debugger
	svc.mu.Unlock()
	if reply != nil {
		reply <- stepping{end: outcome}
	}
	close(d.done)
	if debugger != nil && svc.pushes() {
		_ = debugger.Push("debug", "ended", map[string]any{"id": d.id, "user": d.user, "program": d.program,
			"function": d.function, "reason": outcome.reason, "message": outcome.message, "aborted": outcome.reason != "completed"})
	}
}

func (svc *debugService) pushes() bool { return svc.srv.Config().Profile != core.ProfileLegacy }

// pushToUser sends an event to every open session of the caller's user in its
// client, except the caller's own session.
func (svc *debugService) pushToUser(caller *core.Session, event string, data any) {
	if !svc.pushes() {
		return
	}
	for _, s := range svc.srv.Sessions() {
		if s != caller && s.Client == caller.Client && s.User.Name == caller.User.Name {
			_ = s.Push("debug", event, data)
		}
	}
}

func (d *debuggee) pushData(snap *haltSnapshot) map[string]any {
	m := d.summary(true)
	m["reason"] = snap.Reason
	m["procedure"] = snap.active().Procedure
	if snap.BreakpointID != "" {
		m["breakpointId"] = snap.BreakpointID
	}
	if snap.Exception != "" {
		m["exception"] = snap.Exception
	}
	return m
}

// summary is a debuggee as listen (with sameServer) and getDebuggees list it.
// stop is read under debugService.mu.
func (d *debuggee) summary(sameServer bool) map[string]any {
	a := d.stop.active()
	m := map[string]any{"id": d.id, "host": d.host, "user": d.user, "program": d.program,
		"include": a.Include, "line": a.Line, "function": d.function}
	if sameServer {
		m["sameServer"] = true
	}
	return m
}

// waitingLocked lists the debuggees of a user that no debugger has taken, oldest first.
func (svc *debugService) waitingLocked(key string, sameServer bool) []any {
	var ds []*debuggee
	for _, d := range svc.debuggees {
		if d.userKey == key && d.debugger == nil && !d.detached {
			ds = append(ds, d)
		}
	}
	slices.SortFunc(ds, func(a, b *debuggee) int { return a.since.Compare(b.since) })
	out := []any{}
	for _, d := range ds {
		out = append(out, d.summary(sameServer))
	}
	return out
}

// targetUser is the user whose debuggees listen and getDebuggees look for:
// only the logged-on user's own, as the wsrfc handler allows.
func (svc *debugService) targetUser(sess *core.Session, p debugParams) (string, error) {
	user := protocol.NormalizeName(p.str("user"))
	if user != "" && user != sess.User.Name {
		return "", &protocol.Error{Code: protocol.CodeNotAuthorized,
			Message: fmt.Sprintf("user %s may debug only his own calls, not those of %s", sess.User.Name, user)}
	}
	return userKey(sess), nil
}

// listen waits until a debuggee of the user waits, or the timeout passes. One
// session at a time may listen for a user, as SAP allows one listener per user.
func (svc *debugService) listen(ctx context.Context, sess *core.Session, p debugParams) (any, error) {
	seconds, ok := p.int("timeout")
	if !ok {
		seconds = listenDefault
	}
	seconds = min(max(seconds, listenMin), listenMax)
	key, err := svc.targetUser(sess, p)
	if err != nil {
		return nil, err
	}
	svc.mu.Lock()
	if other, busy := svc.listeners[key]; busy && other != sess.ID {
		svc.mu.Unlock()
		return nil, &protocol.Error{Code: codeListenerConflict, Message: fmt.Sprintf("Another session is already listening for debuggees of %s", key)}
	}
	svc.listeners[key] = sess.ID
	svc.mu.Unlock()
	defer func() {
		svc.mu.Lock()
		if svc.listeners[key] == sess.ID {
			delete(svc.listeners, key)
		}
		svc.mu.Unlock()
	}()
	timer := time.NewTimer(time.Duration(seconds) * time.Second)
	defer timer.Stop()
	for {
		svc.mu.Lock()
		list := svc.waitingLocked(key, true)
		arrival := svc.arrival
		svc.mu.Unlock()
		if len(list) > 0 {
			return map[string]any{"status": "caught", "debuggees": list}, nil
		}
		select {
		case <-arrival:
		case <-timer.C:
			return map[string]any{"status": "timeout", "debuggees": []any{}}, nil
		case <-ctx.Done():
			return map[string]any{"status": "timeout", "debuggees": []any{}}, nil
		}
	}
}

func (svc *debugService) getDebuggees(sess *core.Session, p debugParams) (any, error) {
	key, err := svc.targetUser(sess, p)
	if err != nil {
		return nil, err
	}
	svc.mu.Lock()
	defer svc.mu.Unlock()
	return map[string]any{"debuggees": svc.waitingLocked(key, false)}, nil
}

// position renders where a debuggee halts, for attach and step replies.
func position(m map[string]any, snap *haltSnapshot) map[string]any {
	a := snap.active()
	m["program"] = a.Program
	m["include"] = a.Include
	m["line"] = a.Line
	m["procedure"] = a.Procedure
	m["statement"] = a.Statement
	m["reason"] = snap.Reason
	if snap.BreakpointID != "" {
		m["breakpointId"] = snap.BreakpointID
	}
	if snap.Exception != "" {
		m["exception"] = snap.Exception
	}
	return m
}

func (svc *debugService) attach(sess *core.Session, p debugParams) (any, error) {
	id := strings.ToUpper(p.str("debuggeeId"))
	if id == "" {
		return nil, invalidParams("debuggeeId is required")
	}
	svc.mu.Lock()
	defer svc.mu.Unlock()
	c := svc.clients[sess.ID]
	if c == nil {
		// The session is closing: a debuggee attached now would have nobody to release it.
		return nil, &protocol.Error{Code: codeAttachFailed, Message: "This session is closing"}
	}
	if c.attached != nil {
		if c.attached.outcome == nil {
			return nil, &protocol.Error{Code: codeAlreadyAttached, Message: fmt.Sprintf("Already attached to debuggee %s; detach first", c.attached.id)}
		}
		c.attached = nil // an ended debuggee no longer holds the session
	}
	failed := func(why string) error {
		return &protocol.Error{Code: codeAttachFailed, Message: fmt.Sprintf("Cannot attach to debuggee %s: %s", id, why)}
	}
	d := svc.debuggees[id]
	switch {
	case d == nil || d.client != sess.Client:
		if why, ok := svc.buried[id]; ok {
			return nil, failed(why)
		}
		return nil, failed("no such debuggee")
	case d.userKey != userKey(sess):
		return nil, authorizeDebug(sess, d.userKey)
	case d.debugger != nil:
		return nil, failed("another session is attached to it")
	case d.caller.Context().Err() != nil:
		return nil, failed("the session that ran it was closed")
	}
	d.debugger = sess
	c.attached = d
	close(d.attached)
	return position(map[string]any{"attached": true, "debuggeeId": d.id}, d.stop), nil
}

var stepModes = map[string]runMode{"into": runStepInto, "over": runStepOver, "return": runStepReturn, "continue": runToBreakpoint}

// attachedLocked returns the session's debuggee. One that has ended is
// reported once through ended and then forgotten, as the old handler clears
// its session when it finds the debuggee gone.
func (svc *debugService) attachedLocked(sess *core.Session) (d *debuggee, ended *debugOutcome, err error) {
	c := svc.clients[sess.ID]
	if c == nil || c.attached == nil {
		return nil, nil, &protocol.Error{Code: codeNotAttached, Message: "No debuggee attached"}
	}
	if c.attached.outcome != nil {
		out := c.attached.outcome
		c.attached = nil
		return nil, out, nil
	}
	return c.attached, nil, nil
}

func endedReply(stepType string, out *debugOutcome) map[string]any {
	return map[string]any{"stepped": stepType, "ended": true, "message": out.message, "reason": out.reason,
		"aborted": out.reason != "completed"}
}

func (svc *debugService) step(ctx context.Context, sess *core.Session, p debugParams) (any, error) {
	stepType := strings.ToLower(p.str("type"))
	if stepType == "" {
		stepType = "into"
	}
	svc.mu.Lock()
	d, ended, err := svc.attachedLocked(sess)
	svc.mu.Unlock()
	if err != nil {
		return nil, err
	}
	mode, ok := stepModes[stepType]
	if !ok {
		return nil, &protocol.Error{Code: codeInvalidStepType, Message: fmt.Sprintf("Invalid step type '%s' (into, over, return or continue)", stepType)}
	}
	if ended != nil {
		return endedReply(stepType, ended), nil
	}
	reply := make(chan stepping, 1)
	select {
	case d.commands <- stepCommand{mode: mode, reply: reply}:
	case <-d.done:
		return svc.stepEnded(sess, d, stepType), nil
	case <-ctx.Done():
		return nil, &protocol.Error{Code: codeStepFailed, Message: "The step was cancelled: " + ctx.Err().Error()}
	}
	select {
	case r := <-reply:
		if r.end != nil {
			return svc.stepEnded(sess, d, stepType), nil
		}
		return position(map[string]any{"stepped": stepType}, r.stop), nil
	case <-ctx.Done():
		return nil, &protocol.Error{Code: codeStepFailed, Message: "The debuggee did not halt before the request ended: " + ctx.Err().Error()}
	}
}

// stepEnded answers a step whose debuggee ended, and forgets the attachment.
func (svc *debugService) stepEnded(sess *core.Session, d *debuggee, stepType string) map[string]any {
	svc.mu.Lock()
	defer svc.mu.Unlock()
	if c := svc.clients[sess.ID]; c != nil && c.attached == d {
		c.attached = nil
	}
	return endedReply(stepType, d.outcome)
}

// haltedLocked returns where the session's debuggee halts, for getStack and getVariables.
func (svc *debugService) haltedLocked(sess *core.Session) (*haltSnapshot, error) {
	d, ended, err := svc.attachedLocked(sess)
	if err != nil {
		return nil, err
	}
	if ended != nil {
		return nil, &protocol.Error{Code: codeNotAttached, Message: "No debuggee attached: " + ended.message}
	}
	return d.stop, nil
}

func (svc *debugService) getStack(sess *core.Session) (any, error) {
	svc.mu.Lock()
	snap, err := svc.haltedLocked(sess)
	svc.mu.Unlock()
	if err != nil {
		return nil, err
	}
	stack := make([]any, 0, len(snap.Frames))
	for i, f := range snap.Frames {
		stack = append(stack, map[string]any{"index": i, "program": f.Program, "include": f.Include, "line": f.Line,
			"procedure": f.Procedure, "kind": f.Kind, "statement": f.Statement, "active": i == 0, "system": false})
	}
	return map[string]any{"stack": stack}, nil
}

// getVariables answers scope system (the old handler's eight SY fields), locals
// (the parameters and DATA of the frame given by frame, default 0 = active),
// or all; any other scope yields an empty list, as in the old handler.
func (svc *debugService) getVariables(sess *core.Session, p debugParams) (any, error) {
	svc.mu.Lock()
	snap, err := svc.haltedLocked(sess)
	svc.mu.Unlock()
	if err != nil {
		return nil, err
	}
	scope := strings.ToLower(p.str("scope"))
	if scope == "" {
		scope = "system"
	}
	frame, _ := p.int("frame")
	if frame < 0 || int(frame) >= len(snap.Frames) {
		return nil, invalidParams("frame %d does not exist; the stack has %d frames", frame, len(snap.Frames))
	}
	vars := []variableSnapshot{}
	if scope == "system" || scope == "all" {
		vars = append(vars, snap.System...)
	}
	if scope == "locals" || scope == "all" {
		vars = append(vars, snap.Frames[frame].Variables...)
	}
	return map[string]any{"variables": vars, "scope": scope}, nil
}

// getSource returns the lines of an include (or of the include holding a
// function module), by default the one the attached debuggee halts in. The old
// handler has no such action; the debugger needs it to show where it stands.
func (svc *debugService) getSource(sess *core.Session, p debugParams) (any, error) {
	name := protocol.NormalizeName(p.str("include"))
	if name == "" {
		name = protocol.NormalizeName(p.str("program"))
	}
	if name == "" {
		svc.mu.Lock()
		snap, err := svc.haltedLocked(sess)
		svc.mu.Unlock()
		if err != nil {
			return nil, invalidParams("include is required when no debuggee is attached")
		}
		name = snap.active().Include
	}
	if inc := svc.fmodules[name]; inc != "" {
		name = inc
	}
	prog := svc.includes[name]
	if prog == nil {
		return nil, &protocol.Error{Code: protocol.CodeNotFound, Message: fmt.Sprintf("Include %s not found", name)}
	}
	return map[string]any{"program": prog.name, "include": name, "lines": prog.include(name).lines}, nil
}

func (svc *debugService) detach(sess *core.Session) any {
	svc.mu.Lock()
	defer svc.mu.Unlock()
	c := svc.clients[sess.ID]
	if c == nil || c.attached == nil {
		return map[string]any{"detached": true, "message": "No active debug session"}
	}
	d := c.attached
	c.attached = nil
	svc.releaseLocked(d, sess)
	return map[string]any{"detached": true, "debuggeeId": d.id}
}

// getStatus reports the session's debugger state. listenerActive says whether
// any session listens for the user now; this session cannot, as it is answering.
func (svc *debugService) getStatus(sess *core.Session) any {
	svc.mu.Lock()
	defer svc.mu.Unlock()
	count := 0
	for _, bp := range svc.breakpoints {
		if bp.owner == sess.ID {
			count++
		}
	}
	attachedID := ""
	if c := svc.clients[sess.ID]; c != nil && c.attached != nil && c.attached.outcome == nil {
		attachedID = c.attached.id
	}
	_, listening := svc.listeners[userKey(sess)]
	return map[string]any{"sessionId": sess.ID, "user": sess.User.Name, "breakpointCount": count,
		"attached": attachedID != "", "attachedDebuggee": attachedID, "listenerActive": listening,
		"debuggingAvailable": true, "authorized": sess.User.Debug, "waitingDebuggees": len(svc.waitingLocked(userKey(sess), false))}
}
