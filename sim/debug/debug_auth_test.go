package debug_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wsrfc/wsrfc/protocol"
	"github.com/wsrfc/wsrfc/session"
	"github.com/wsrfc/wsrfc/sim"
	"github.com/wsrfc/wsrfc/sim/simtest"
)

func (r *debugRig) dialAs(user, password string) *session.Session {
	r.t.Helper()
	o := simtest.Options(r.l, user, password)
	o.CallTimeout = 20 * time.Second
	return simtest.Dial(r.t, o)
}

// Debugging needs S_DEVELOP (object type DEBUG), and even with it a user
// sees, catches and attaches to the calls of their own user only.
func TestDebuggingIsLimitedToAuthorizedUsersAndTheirOwnCalls(t *testing.T) {
	rig := newDebugRig(t, sim.Config{})
	rig.srv.AddUser(sim.User{Name: "NODEBUG", Password: "Pass-1", Client: sim.DemoClient, RFCAuth: []string{"*"}})
	rig.srv.AddUser(sim.User{Name: "OTHERDEV", Password: "Pass-2", Client: sim.DemoClient, RFCAuth: []string{"*"}, Debug: true})

	owner, caller := rig.dial(), rig.dial()
	demoBreakpoint(t, owner, linePerform)
	call := callAsync(caller, demoFM, map[string]any{"IV_COUNT": 2})

	// Without S_DEVELOP nothing of the debug domain works; getStatus says so.
	plain := rig.dialAs("NODEBUG", "Pass-1")
	status := debugReq(t, plain, "getStatus", nil)
	assert.Equal(t, false, status["authorized"])
	for _, action := range []string{"listen", "getDebuggees", "setBreakpoint"} {
		se := debugErr(t, plain, action, map[string]any{"user": sim.DemoUser, "timeout": 1})
		assert.Equal(t, protocol.CodeNotAuthorized, se.Code, action)
		assert.Contains(t, se.Message, "S_DEVELOP", action)
	}
	se := debugErr(t, plain, "attach", map[string]any{"debuggeeId": "X"})
	assert.Equal(t, protocol.CodeNotAuthorized, se.Code)

	// Another developer may debug, but not DEVELOPER's calls.
	other := rig.dialAs("OTHERDEV", "Pass-2")
	for _, action := range []string{"listen", "getDebuggees"} {
		se := debugErr(t, other, action, map[string]any{"user": sim.DemoUser, "timeout": 1})
		assert.Equal(t, protocol.CodeNotAuthorized, se.Code, action)
		assert.Contains(t, se.Message, "may debug only his own calls", action)
	}
	id := catch(t, owner) // the owner's own listen sees the call
	se = debugErr(t, other, "attach", map[string]any{"debuggeeId": id})
	assert.Equal(t, protocol.CodeNotAuthorized, se.Code)
	se = debugErr(t, other, "getVariables", map[string]any{"scope": "locals"})
	assert.NotEqual(t, "", se.Code, "no debuggee, no variables")

	// The owner still can.
	got := debugReq(t, owner, "attach", map[string]any{"debuggeeId": id})
	assert.Equal(t, true, got["attached"])
	debugReq(t, owner, "detach", nil)
	r := awaitCall(t, call)
	require.NoError(t, r.err)
}
