package debug_test

import (
	"context"
	"encoding/json"
	"runtime"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wsrfc/wsrfc/protocol"
	"github.com/wsrfc/wsrfc/session"
	"github.com/wsrfc/wsrfc/sim"
	"github.com/wsrfc/wsrfc/sim/simtest"
)

// Positions in the simulated function group ZWSR_DEBUG (debug_programs.go).
const (
	demoFM       = "Z_WSR_DEBUG_DEMO"
	discountFM   = "Z_WSR_DEBUG_DISCOUNT"
	mainProgram  = "SAPLZWSR_DEBUG"
	demoInclude  = "LZWSR_DEBUGU01"
	discInclude  = "LZWSR_DEBUGU02"
	formsInclude = "LZWSR_DEBUGF01"

	linePerform   = 16 // U01: PERFORM square USING lv_index CHANGING lv_square.
	lineAddSquare = 17 // U01: ev_sum = ev_sum + lv_square.
	lineEndDo     = 18 // U01: ENDDO.
	lineIndex     = 15 // U01: lv_index = sy-index.
	lineFormHead  = 4  // F01: FORM square ...
	lineProduct   = 6  // F01: lv_product = iv_value * iv_value.
	lineSquareSet = 7  // F01: cv_square = lv_product.
	lineUnitPrice = 20 // U02: ev_unit_price = ev_net / iv_quantity.
)

type debugRig struct {
	t   *testing.T
	srv *sim.Server
	l   *sim.Listener
}

func newDebugRig(t *testing.T, cfg sim.Config) *debugRig {
	t.Helper()
	srv, l := simtest.Start(t, cfg)
	return &debugRig{t: t, srv: srv, l: l}
}

// dial opens a session of DEVELOPER; sessions close when the test ends.
func (r *debugRig) dial() *session.Session {
	r.t.Helper()
	o := simtest.Options(r.l, sim.DemoUser, sim.DemoPassword)
	o.CallTimeout = 20 * time.Second
	return simtest.Dial(r.t, o)
}

func debugReq(t *testing.T, s *session.Session, action string, params any) map[string]any {
	t.Helper()
	raw, err := s.Request(context.Background(), "debug", action, params)
	require.NoError(t, err, "debug.%s", action)
	var out map[string]any
	require.NoError(t, json.Unmarshal(raw, &out))
	return out
}

func debugErr(t *testing.T, s *session.Session, action string, params any) *session.Error {
	t.Helper()
	_, err := s.Request(context.Background(), "debug", action, params)
	var se *session.Error
	require.ErrorAs(t, err, &se, "debug.%s", action)
	return se
}

type callResult struct {
	out map[string]any
	err error
}

// callAsync runs a function module on its own goroutine, as a second user
// window would, because a call halted in the debugger blocks its session.
func callAsync(s *session.Session, fm string, params map[string]any) <-chan callResult {
	ch := make(chan callResult, 1)
	go func() {
		out, err := s.Call(context.Background(), fm, params)
		ch <- callResult{out, err}
	}()
	return ch
}

func awaitCall(t *testing.T, ch <-chan callResult) callResult {
	t.Helper()
	select {
	case r := <-ch:
		return r
	case <-time.After(5 * time.Second):
		t.Fatal("the call did not return")
	}
	return callResult{}
}

func pushes(s *session.Session) <-chan session.Push {
	ch := make(chan session.Push, 32)
	s.OnPush(func(p session.Push) {
		select {
		case ch <- p:
		default:
		}
	})
	return ch
}

func awaitPush(t *testing.T, ch <-chan session.Push, event string) map[string]any {
	t.Helper()
	timeout := time.After(5 * time.Second)
	for {
		select {
		case p := <-ch:
			if p.Domain != "debug" || p.Event != event {
				continue
			}
			var data map[string]any
			raw, err := protocol.Marshal(p.Data)
			require.NoError(t, err)
			require.NoError(t, json.Unmarshal(raw, &data))
			return data
		case <-timeout:
			t.Fatalf("no debug.%s push arrived", event)
		}
	}
}

// catch listens until the single waiting debuggee shows up and returns its id.
func catch(t *testing.T, s *session.Session) string {
	t.Helper()
	got := debugReq(t, s, "listen", map[string]any{"timeout": 5})
	require.Equal(t, "caught", got["status"])
	list := got["debuggees"].([]any)
	require.Len(t, list, 1)
	return list[0].(map[string]any)["id"].(string)
}

// variables returns name → value of a getVariables reply.
func variables(t *testing.T, s *session.Session, scope string) map[string]string {
	t.Helper()
	got := debugReq(t, s, "getVariables", map[string]any{"scope": scope})
	out := map[string]string{}
	for _, v := range got["variables"].([]any) {
		m := v.(map[string]any)
		out[m["name"].(string)] = m["value"].(string)
	}
	return out
}

func demoBreakpoint(t *testing.T, s *session.Session, line int) string {
	t.Helper()
	got := debugReq(t, s, "setBreakpoint", map[string]any{"program": mainProgram, "include": demoInclude, "line": line})
	return got["breakpointId"].(string)
}

func assertAt(t *testing.T, got map[string]any, include string, line int, procedure string) {
	t.Helper()
	assert.Equal(t, include, got["include"], "include in %v", got)
	assert.EqualValues(t, line, got["line"], "line in %v", got)
	assert.Equal(t, procedure, got["procedure"], "procedure in %v", got)
}

func TestDebugFullScenario(t *testing.T) {
	rig := newDebugRig(t, sim.Config{})
	debugger, caller := rig.dial(), rig.dial()
	events := pushes(debugger)
	bp := demoBreakpoint(t, debugger, linePerform)

	call := callAsync(caller, demoFM, map[string]any{"IV_COUNT": 3})
	id := catch(t, debugger)

	pushed := awaitPush(t, events, "debuggee")
	assert.Equal(t, id, pushed["id"])
	assert.Equal(t, sim.DemoUser, pushed["user"])
	assert.Equal(t, mainProgram, pushed["program"])
	assert.Equal(t, demoInclude, pushed["include"])
	assert.EqualValues(t, linePerform, pushed["line"])
	assert.Equal(t, bp, pushed["breakpointId"])

	got := debugReq(t, debugger, "attach", map[string]any{"debuggeeId": id})
	assert.Equal(t, true, got["attached"])
	assert.Equal(t, mainProgram, got["program"])
	assertAt(t, got, demoInclude, linePerform, demoFM)
	assert.Equal(t, map[string]string{"IV_COUNT": "3", "EV_SUM": "0", "EV_TEXT": "", "LV_INDEX": "1", "LV_SQUARE": "0"},
		variables(t, debugger, "locals"))

	// over runs the whole FORM; into then goes round the loop.
	assertAt(t, debugReq(t, debugger, "step", map[string]any{"type": "over"}), demoInclude, lineAddSquare, demoFM)
	assert.Equal(t, "1", variables(t, debugger, "locals")["LV_SQUARE"])
	assertAt(t, debugReq(t, debugger, "step", map[string]any{"type": "into"}), demoInclude, lineEndDo, demoFM)
	assertAt(t, debugReq(t, debugger, "step", map[string]any{"type": "into"}), demoInclude, lineIndex, demoFM)
	assert.Equal(t, "2", variables(t, debugger, "system")["SY-INDEX"])
	got = debugReq(t, debugger, "step", nil) // into is the default
	assertAt(t, got, demoInclude, linePerform, demoFM)
	assert.Equal(t, "breakpoint", got["reason"])

	// into enters the FORM, stopping at its FORM statement first.
	assertAt(t, debugReq(t, debugger, "step", map[string]any{"type": "into"}), formsInclude, lineFormHead, "SQUARE")
	assertAt(t, debugReq(t, debugger, "step", map[string]any{"type": "into"}), formsInclude, lineProduct, "SQUARE")
	stack := debugReq(t, debugger, "getStack", nil)["stack"].([]any)
	require.Len(t, stack, 2)
	top, below := stack[0].(map[string]any), stack[1].(map[string]any)
	assertAt(t, top, formsInclude, lineProduct, "SQUARE")
	assert.Equal(t, true, top["active"])
	assert.Equal(t, "lv_product = iv_value * iv_value.", top["statement"])
	assertAt(t, below, demoInclude, linePerform, demoFM)
	assert.Equal(t, false, below["active"])
	assert.Equal(t, map[string]string{"IV_VALUE": "2", "CV_SQUARE": "1", "LV_PRODUCT": "0"}, variables(t, debugger, "locals"))

	assertAt(t, debugReq(t, debugger, "step", map[string]any{"type": "into"}), formsInclude, lineSquareSet, "SQUARE")
	assert.Equal(t, "4", variables(t, debugger, "locals")["LV_PRODUCT"])
	all := variables(t, debugger, "all")
	assert.Equal(t, "4", all["LV_PRODUCT"])
	assert.Equal(t, sim.DemoUser, all["SY-UNAME"])

	// return leaves the FORM; CHANGING wrote through to the caller's variable.
	assertAt(t, debugReq(t, debugger, "step", map[string]any{"type": "return"}), demoInclude, lineAddSquare, demoFM)
	locals := variables(t, debugger, "locals")
	assert.Equal(t, "4", locals["LV_SQUARE"])
	assert.Equal(t, "1", locals["EV_SUM"])

	se := debugErr(t, debugger, "step", map[string]any{"type": "sideways"})
	assert.Equal(t, "INVALID_STEP_TYPE", se.Code)

	// continue runs to the next breakpoint (the third pass), then, with it gone, to the end.
	got = debugReq(t, debugger, "step", map[string]any{"type": "continue"})
	assertAt(t, got, demoInclude, linePerform, demoFM)
	assert.Equal(t, "3", variables(t, debugger, "locals")["LV_INDEX"])
	debugReq(t, debugger, "deleteBreakpoint", map[string]any{"breakpointId": bp})
	got = debugReq(t, debugger, "step", map[string]any{"type": "continue"})
	assert.Equal(t, map[string]any{"stepped": "continue", "ended": true, "message": "Debuggee ended",
		"reason": "completed", "aborted": false}, got)

	res := awaitCall(t, call)
	require.NoError(t, res.err)
	assert.EqualValues(t, 14, res.out["EV_SUM"])
	assert.Equal(t, "Sum of squares 1..3: 14", res.out["EV_TEXT"])

	ended := awaitPush(t, events, "ended")
	assert.Equal(t, id, ended["id"])
	assert.Equal(t, "completed", ended["reason"])
	assert.Equal(t, "NOT_ATTACHED", debugErr(t, debugger, "step", nil).Code)
	assert.Equal(t, false, debugReq(t, debugger, "getStatus", nil)["attached"])
}

func TestDebugBreakpointActions(t *testing.T) {
	rig := newDebugRig(t, sim.Config{})
	a, b := rig.dial(), rig.dial()

	got := debugReq(t, a, "setBreakpoint", map[string]any{"program": mainProgram, "include": demoInclude, "line": linePerform})
	line := got["breakpointId"].(string)
	assert.Regexp(t, `^[0-9A-F]{32}$`, line)
	assert.Equal(t, map[string]any{"breakpointId": line, "kind": "line", "registered": true, "program": mainProgram,
		"include": demoInclude, "line": float64(linePerform)}, got)

	uri := "/sap/bc/adt/functions/groups/zwsr_debug/fmodules/z_wsr_debug_discount/source/main#start=19,3"
	got = debugReq(t, a, "setBreakpoint", map[string]any{"uri": uri})
	byURI := got["breakpointId"].(string)
	assert.Equal(t, discInclude, got["include"])
	assert.EqualValues(t, 19, got["line"])
	assert.Equal(t, uri, got["uri"])

	stmt := debugReq(t, a, "setBreakpoint", map[string]any{"kind": "statement", "statement": "perform"})["breakpointId"].(string)
	exc := debugReq(t, a, "setBreakpoint", map[string]any{"kind": "exception", "exception": "cx_sy_zerodivide"})["breakpointId"].(string)

	list := debugReq(t, a, "getBreakpoints", nil)["breakpoints"].([]any)
	require.Len(t, list, 4)
	assert.Equal(t, map[string]any{"id": stmt, "kind": "statement", "statement": "PERFORM"}, list[2])
	assert.Equal(t, map[string]any{"id": exc, "kind": "exception", "exception": "CX_SY_ZERODIVIDE"}, list[3])
	assert.Empty(t, debugReq(t, b, "getBreakpoints", nil)["breakpoints"], "breakpoints are listed by the session that set them")
	assert.EqualValues(t, 4, debugReq(t, a, "getStatus", nil)["breakpointCount"])

	for _, tc := range []struct {
		params map[string]any
		code   string
	}{
		{map[string]any{"program": mainProgram, "include": demoInclude, "line": linePerform}, "BREAKPOINT_EXISTS"},
		{map[string]any{"program": demoFM, "line": linePerform}, "BREAKPOINT_EXISTS"}, // the same place, named by its module
		{map[string]any{"kind": "watchpoint"}, "INVALID_KIND"},
		{map[string]any{"program": mainProgram}, "INVALID_PARAMS"},
		{map[string]any{"line": 3}, "INVALID_PARAMS"},
		{map[string]any{"kind": "statement"}, "INVALID_PARAMS"},
		{map[string]any{"kind": "exception"}, "INVALID_PARAMS"},
		{map[string]any{"uri": "/sap/bc/adt/core/discovery", "line": 3}, "INVALID_URI"},
		{map[string]any{"program": "ZNOWHERE", "line": 3}, "SET_BREAKPOINT_FAILED"},
		{map[string]any{"program": mainProgram, "include": demoInclude, "line": 10}, "SET_BREAKPOINT_FAILED"}, // DATA declares, it does not run
		{map[string]any{"program": mainProgram, "line": 14, "condition": "lv_index"}, "INVALID_PARAMS"},
	} {
		assert.Equal(t, tc.code, debugErr(t, a, "setBreakpoint", tc.params).Code, "%v", tc.params)
	}

	// A breakpoint is the user's: another session of the user cannot set its twin, nor delete it.
	assert.Equal(t, "BREAKPOINT_EXISTS", debugErr(t, b, "setBreakpoint", map[string]any{"program": demoFM, "line": linePerform}).Code)
	assert.Equal(t, "NOT_FOUND", debugErr(t, b, "deleteBreakpoint", map[string]any{"breakpointId": line}).Code)

	assert.Equal(t, map[string]any{"deleted": byURI}, debugReq(t, a, "deleteBreakpoint", map[string]any{"breakpointId": byURI}))
	assert.Equal(t, "NOT_FOUND", debugErr(t, a, "deleteBreakpoint", map[string]any{"breakpointId": byURI}).Code)
	assert.Equal(t, "NOT_FOUND", debugErr(t, a, "deleteBreakpoint", map[string]any{"breakpointId": "0123456789ABCDEF0123456789ABCDEF"}).Code)
	assert.Equal(t, "INVALID_PARAMS", debugErr(t, a, "deleteBreakpoint", nil).Code)
	assert.Len(t, debugReq(t, a, "getBreakpoints", nil)["breakpoints"], 3)

	// Closing the session deletes its breakpoints, so the twin can now be set.
	require.NoError(t, a.Close())
	require.Eventually(t, func() bool {
		_, err := b.Request(context.Background(), "debug", "setBreakpoint", map[string]any{"program": demoFM, "line": linePerform})
		return err == nil
	}, 2*time.Second, 10*time.Millisecond)
}

func TestDebugStatusAndUnattachedActions(t *testing.T) {
	rig := newDebugRig(t, sim.Config{})
	s := rig.dial()
	status := debugReq(t, s, "getStatus", nil)
	assert.Equal(t, sim.DemoUser, status["user"])
	assert.Regexp(t, `^[0-9A-F]{32}$`, status["sessionId"])
	assert.Equal(t, false, status["attached"])
	assert.Equal(t, "", status["attachedDebuggee"])
	assert.Equal(t, false, status["listenerActive"])
	assert.Equal(t, true, status["debuggingAvailable"])
	assert.EqualValues(t, 0, status["breakpointCount"])

	for _, action := range []string{"step", "getStack", "getVariables"} {
		assert.Equal(t, "NOT_ATTACHED", debugErr(t, s, action, nil).Code, action)
	}
	assert.Equal(t, map[string]any{"detached": true, "message": "No active debug session"}, debugReq(t, s, "detach", nil))
	assert.Equal(t, map[string]any{"debuggees": []any{}}, debugReq(t, s, "getDebuggees", nil))
	assert.Equal(t, "INVALID_PARAMS", debugErr(t, s, "attach", nil).Code)
	assert.Equal(t, "ATTACH_FAILED", debugErr(t, s, "attach", map[string]any{"debuggeeId": "NOPE"}).Code)

	se := debugErr(t, s, "setWatchpoint", nil)
	assert.Equal(t, "UNKNOWN_ACTION", se.Code)
	assert.Equal(t, "Action 'setWatchpoint' not supported", se.Message)

	src := debugReq(t, s, "getSource", map[string]any{"program": demoFM})
	assert.Equal(t, demoInclude, src["include"])
	assert.Equal(t, "    PERFORM square USING lv_index CHANGING lv_square.", src["lines"].([]any)[linePerform-1])
}

func TestDebugListenTimeout(t *testing.T) {
	rig := newDebugRig(t, sim.Config{})
	s := rig.dial()
	start := time.Now()
	got := debugReq(t, s, "listen", map[string]any{"timeout": 1})
	assert.Equal(t, map[string]any{"status": "timeout", "debuggees": []any{}}, got)
	assert.GreaterOrEqual(t, time.Since(start), 900*time.Millisecond)
}

func TestDebugListenerConflict(t *testing.T) {
	rig := newDebugRig(t, sim.Config{})
	a, b := rig.dial(), rig.dial()
	done := make(chan struct{})
	go func() {
		defer close(done)
		_, _ = a.Request(context.Background(), "debug", "listen", map[string]any{"timeout": 1})
	}()
	require.Eventually(t, func() bool { return debugReq(t, b, "getStatus", nil)["listenerActive"] == true },
		time.Second, 5*time.Millisecond)
	assert.Equal(t, "LISTENER_CONFLICT", debugErr(t, b, "listen", map[string]any{"timeout": 1}).Code)
	<-done
}

func TestDebugStepAfterDetach(t *testing.T) {
	rig := newDebugRig(t, sim.Config{})
	debugger, caller := rig.dial(), rig.dial()
	demoBreakpoint(t, debugger, lineAddSquare)
	call := callAsync(caller, demoFM, map[string]any{"IV_COUNT": 4})
	id := catch(t, debugger)
	debugReq(t, debugger, "attach", map[string]any{"debuggeeId": id})
	assert.Equal(t, "ALREADY_ATTACHED", debugErr(t, debugger, "attach", map[string]any{"debuggeeId": id}).Code)
	assert.Equal(t, id, debugReq(t, debugger, "getStatus", nil)["attachedDebuggee"])

	assert.Equal(t, map[string]any{"detached": true, "debuggeeId": id}, debugReq(t, debugger, "detach", nil))
	res := awaitCall(t, call) // detached, it runs to the end past the breakpoint's later passes
	require.NoError(t, res.err)
	assert.EqualValues(t, 30, res.out["EV_SUM"])
	assert.Equal(t, "NOT_ATTACHED", debugErr(t, debugger, "step", map[string]any{"type": "over"}).Code)
	assert.Equal(t, "ATTACH_FAILED", debugErr(t, debugger, "attach", map[string]any{"debuggeeId": id}).Code)
}

func TestDebugAttachToVanishedDebuggee(t *testing.T) {
	rig := newDebugRig(t, sim.Config{})
	debugger, caller := rig.dial(), rig.dial()
	demoBreakpoint(t, debugger, linePerform)
	call := callAsync(caller, demoFM, map[string]any{"IV_COUNT": 2})
	id := catch(t, debugger)

	require.NoError(t, caller.Close())
	assert.Error(t, awaitCall(t, call).err)
	require.Eventually(t, func() bool {
		return len(debugReq(t, debugger, "getDebuggees", nil)["debuggees"].([]any)) == 0
	}, 2*time.Second, 10*time.Millisecond)
	se := debugErr(t, debugger, "attach", map[string]any{"debuggeeId": id})
	assert.Equal(t, "ATTACH_FAILED", se.Code)
	assert.Contains(t, se.Message, "closed")
}

func TestDebugCallerVanishesWhileAttached(t *testing.T) {
	rig := newDebugRig(t, sim.Config{})
	debugger, caller := rig.dial(), rig.dial()
	events := pushes(debugger)
	demoBreakpoint(t, debugger, linePerform)
	callAsync(caller, demoFM, map[string]any{"IV_COUNT": 2})
	id := catch(t, debugger)
	debugReq(t, debugger, "attach", map[string]any{"debuggeeId": id})

	require.NoError(t, caller.Close())
	ended := awaitPush(t, events, "ended")
	assert.Equal(t, "sessionClosed", ended["reason"])
	assert.Equal(t, true, ended["aborted"])
	got := debugReq(t, debugger, "step", map[string]any{"type": "over"})
	assert.Equal(t, true, got["ended"])
	assert.Equal(t, true, got["aborted"])
	assert.Contains(t, got["message"], "session that ran it was closed")
	assert.Equal(t, "NOT_ATTACHED", debugErr(t, debugger, "getStack", nil).Code)
}

func TestDebuggeeNotAttachedRunsOn(t *testing.T) {
	const wait = 200 * time.Millisecond
	rig := newDebugRig(t, sim.Config{DebuggeeTimeout: wait})
	watcher, caller := rig.dial(), rig.dial()
	events := pushes(watcher)
	callerEvents := pushes(caller)
	demoBreakpoint(t, watcher, linePerform)

	start := time.Now()
	res := awaitCall(t, callAsync(caller, demoFM, map[string]any{"IV_COUNT": 5}))
	require.NoError(t, res.err)
	assert.EqualValues(t, 55, res.out["EV_SUM"])
	// One wait: a call nobody caught is not offered again on the later passes.
	elapsed := time.Since(start)
	assert.GreaterOrEqual(t, elapsed, wait)
	assert.Less(t, elapsed, 4*wait)

	id := awaitPush(t, events, "debuggee")["id"].(string)
	assert.Empty(t, callerEvents, "the halted call's own session gets no push")
	se := debugErr(t, watcher, "attach", map[string]any{"debuggeeId": id})
	assert.Equal(t, "ATTACH_FAILED", se.Code)
	assert.Contains(t, se.Message, "nobody attached")
}

func TestDebugExceptionAndConditionalBreakpoints(t *testing.T) {
	rig := newDebugRig(t, sim.Config{})
	debugger, caller := rig.dial(), rig.dial()

	// A condition evaluated in the halting frame: only the third pass stops.
	debugReq(t, debugger, "setBreakpoint", map[string]any{"program": demoFM, "line": linePerform, "condition": "lv_index = 3"})
	call := callAsync(caller, demoFM, map[string]any{"IV_COUNT": 4})
	debugReq(t, debugger, "attach", map[string]any{"debuggeeId": catch(t, debugger)})
	assert.Equal(t, "3", variables(t, debugger, "locals")["LV_INDEX"])
	debugReq(t, debugger, "detach", nil)
	require.NoError(t, awaitCall(t, call).err)

	// A statement breakpoint halts at PERFORM; a discount call runs normally through it.
	stmt := debugReq(t, debugger, "setBreakpoint", map[string]any{"kind": "statement", "statement": "PERFORM"})["breakpointId"].(string)
	call = callAsync(caller, discountFM, map[string]any{"IV_AMOUNT": 999, "IV_CUSTOMER_CLASS": "B"})
	got := debugReq(t, debugger, "attach", map[string]any{"debuggeeId": catch(t, debugger)})
	assertAt(t, got, discInclude, 16, discountFM)
	assert.Equal(t, stmt, got["breakpointId"])
	debugReq(t, debugger, "deleteBreakpoint", map[string]any{"breakpointId": stmt})
	assert.Equal(t, true, debugReq(t, debugger, "step", map[string]any{"type": "continue"})["ended"])
	res := awaitCall(t, call)
	require.NoError(t, res.err)
	assert.Equal(t, map[string]any{"EV_RATE": int64(5), "EV_DISCOUNT": int64(50), "EV_NET": int64(949), "EV_UNIT_PRICE": int64(949)}, res.out)

	// An exception breakpoint on a superclass halts where CX_SY_ZERODIVIDE is raised;
	// uncaught, it is a runtime error, which ends the caller's session.
	debugReq(t, debugger, "setBreakpoint", map[string]any{"kind": "exception", "exception": "CX_SY_ARITHMETIC_ERROR"})
	call = callAsync(caller, discountFM, map[string]any{"IV_AMOUNT": 1500, "IV_CUSTOMER_CLASS": "A", "IV_QUANTITY": 0})
	got = debugReq(t, debugger, "attach", map[string]any{"debuggeeId": catch(t, debugger)})
	assertAt(t, got, discInclude, lineUnitPrice, discountFM)
	assert.Equal(t, "exception", got["reason"])
	assert.Equal(t, "CX_SY_ZERODIVIDE", got["exception"])
	locals := variables(t, debugger, "locals")
	assert.Equal(t, "12", locals["EV_RATE"])
	assert.Equal(t, "1320", locals["EV_NET"])
	got = debugReq(t, debugger, "step", map[string]any{"type": "over"})
	assert.Equal(t, "runtimeError", got["reason"])
	assert.Contains(t, got["message"], "COMPUTE_INT_ZERODIVIDE")
	var ce *session.ConnectionError
	assert.ErrorAs(t, awaitCall(t, call).err, &ce)
}

func TestDebugSessionsCloseMidDebugWithoutLeaks(t *testing.T) {
	rig := newDebugRig(t, sim.Config{})
	baseline := runtime.NumGoroutine()
	func() {
		debugger, caller := rig.dial(), rig.dial()
		demoBreakpoint(t, debugger, linePerform)
		call := callAsync(caller, demoFM, map[string]any{"IV_COUNT": 3})
		debugReq(t, debugger, "attach", map[string]any{"debuggeeId": catch(t, debugger)})
		debugReq(t, debugger, "step", map[string]any{"type": "into"})

		// The debugger's session closing detaches: the call runs to its end
		// without halting at the breakpoint again.
		require.NoError(t, debugger.Close())
		res := awaitCall(t, call)
		require.NoError(t, res.err)
		assert.EqualValues(t, 14, res.out["EV_SUM"])

		// A call left halted, unattached, when everything shuts down.
		other := rig.dial()
		demoBreakpoint(t, other, linePerform)
		halted := callAsync(caller, demoFM, map[string]any{"IV_COUNT": 1})
		catch(t, other)
		require.NoError(t, caller.Close())
		require.NoError(t, other.Close())
		assert.Error(t, awaitCall(t, halted).err)
	}()
	// Every session is closed, so every goroutine that they, their calls and
	// their debuggees used on either side must be gone; the listener still runs.
	// Polled by hand: require.Eventually runs its condition on a goroutine of its own.
	deadline := time.Now().Add(3 * time.Second)
	for runtime.NumGoroutine() > baseline && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	require.LessOrEqual(t, runtime.NumGoroutine(), baseline, "goroutines left over from closed sessions")
}

func TestDebugLegacyProfile(t *testing.T) {
	rig := newDebugRig(t, sim.Config{Profile: sim.ProfileLegacy})
	debugger, caller := rig.dial(), rig.dial()
	require.True(t, debugger.Legacy())
	demoBreakpoint(t, debugger, linePerform)
	call := callAsync(caller, demoFM, map[string]any{"IV_COUNT": "2"})
	got := debugReq(t, debugger, "attach", map[string]any{"debuggeeId": catch(t, debugger)})
	assertAt(t, got, demoInclude, linePerform, demoFM)
	assertAt(t, debugReq(t, debugger, "step", map[string]any{"type": "continue"}), demoInclude, linePerform, demoFM)
	debugReq(t, debugger, "detach", nil)
	res := awaitCall(t, call)
	require.NoError(t, res.err)
	assert.Equal(t, "5", res.out["EV_SUM"])
	assert.Equal(t, "UNKNOWN_ACTION", debugErr(t, debugger, "nope", nil).Code)
}

// A handler without the debugger announces only getStatus, says so there, and
// refuses the rest on the wire too, for clients that do not read features.
func TestNoDebuggerServesOnlyGetStatus(t *testing.T) {
	cfg, err := sim.ConfigForProfile(sim.ProfileNoDebugger)
	require.NoError(t, err)
	s := newDebugRig(t, cfg).dial()
	w := s.Welcome()
	assert.True(t, w.HasDomain("debug"))
	assert.Equal(t, []string{"getStatus"}, w.DebugActionsServed())
	assert.False(t, w.ServesDebugAction("setBreakpoint"))
	assert.True(t, w.ServesDebugAction("getStatus"))
	assert.Equal(t, false, debugReq(t, s, "getStatus", nil)["debuggingAvailable"])
	se := debugErr(t, s, "setBreakpoint", map[string]any{"program": mainProgram, "line": linePerform})
	assert.Equal(t, "UNKNOWN_ACTION", se.Code)
	assert.Contains(t, se.Message, "no debugger")

	full := newDebugRig(t, sim.Config{}).dial().Welcome()
	assert.ElementsMatch(t, protocol.DebugActions, full.DebugActionsServed())
	legacy := newDebugRig(t, sim.Config{Profile: sim.ProfileLegacy}).dial().Welcome()
	assert.True(t, legacy.ServesDebugAction("setBreakpoint"), "the old handler announces nothing and is not refused")

	_, err = sim.ConfigForProfile("nodebug")
	assert.ErrorContains(t, err, "wsrfc-nodebugger")
}

// Without a debugger attached the demo modules simply run, as on SAP.
func TestDebugModulesRunWithoutDebugger(t *testing.T) {
	s := newDebugRig(t, sim.Config{}).dial()
	run := func(fm string, params map[string]any) map[string]any {
		t.Helper()
		out, err := s.Call(context.Background(), fm, params)
		require.NoError(t, err, fm)
		return out
	}
	assert.Equal(t, map[string]any{"EV_SUM": int64(0), "EV_TEXT": "Sum of squares 1..0: 0"}, run("Z_WSR_DEBUG_DEMO", map[string]any{"IV_COUNT": 0}))
	assert.Equal(t, int64(385), run("Z_WSR_DEBUG_DEMO", map[string]any{"IV_COUNT": 10})["EV_SUM"])
	for class, rate := range map[string]int64{"A": 10, "B": 5, "C": 0} {
		out := run("Z_WSR_DEBUG_DISCOUNT", map[string]any{"IV_AMOUNT": 200, "IV_CUSTOMER_CLASS": class, "IV_QUANTITY": 4})
		assert.Equal(t, rate, out["EV_RATE"], class)
		assert.Equal(t, 200-2*rate, out["EV_NET"], class)
		assert.Equal(t, (200-2*rate+2)/4, out["EV_UNIT_PRICE"], class) // rounded, not truncated
	}
	_, err := s.Call(context.Background(), "Z_WSR_DEBUG_DISCOUNT",
		map[string]any{"IV_AMOUNT": 10, "IV_CUSTOMER_CLASS": "A", "IV_QUANTITY": 0})
	var ce *session.ConnectionError
	require.ErrorAs(t, err, &ce, "a runtime error ends the session")
	assert.Contains(t, err.Error(), "COMPUTE_INT_ZERODIVIDE")
}
