package session_test

import (
	"context"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/wsrfc/wsrfc/session"
	"github.com/wsrfc/wsrfc/sim"
	"github.com/wsrfc/wsrfc/sim/simtest"
)

func TestLogonErrorsSaySAPsTextAndWhatToDo(t *testing.T) {
	srv, l := simtest.Start(t, sim.Config{})
	srv.AddUser(sim.User{Name: "LOCKED_ONE", Password: "right", Locked: true, RFCAuth: []string{"STFC"}})
	ctx := context.Background()

	o := simOptions(l)
	o.Password = "wrong"
	_, err := session.Dial(ctx, o)
	ce := requireConnectionError(t, err)
	assert.True(t, ce.IsLogon())
	assert.Contains(t, ce.Error(), `SAP says "Logon failed: Name or password is incorrect (repeat logon)"`)
	assert.Less(t, strings.Index(ce.Error(), "SAP says"), strings.Index(ce.Error(), "check SAP_USER"), "SAP's text, then the hint")

	o = simOptions(l)
	o.User, o.Password = "locked_one", "right"
	_, err = session.Dial(ctx, o)
	ce = requireConnectionError(t, err)
	assert.Contains(t, ce.Error(), `SAP says "Logon failed: User is locked. Please notify the person responsible"`)

	o = simOptions(l)
	o.User, o.Password = "", ""
	_, err = session.Dial(ctx, o)
	ce = requireConnectionError(t, err)
	assert.Contains(t, ce.Error(), "no user was given: set --user or SAP_USER")
	assert.NotContains(t, ce.Error(), "user  in")

	o = simOptions(l)
	o.URL = strings.Replace(l.URL, "http://", "https://", 1)
	_, err = session.Dial(ctx, o)
	ce = requireConnectionError(t, err)
	assert.Contains(t, ce.Error(), "the server answers in plain HTTP, not TLS; use http://")
}
