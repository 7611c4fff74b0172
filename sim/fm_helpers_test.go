package sim_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/wsrfc/wsrfc/protocol"
	"github.com/wsrfc/wsrfc/session"
	"github.com/wsrfc/wsrfc/sim"
	"github.com/wsrfc/wsrfc/sim/simtest"
)

// fmLogon opens a session as user/password in the demo client.
func fmLogon(t *testing.T, l *sim.Listener, user, password string) *session.Session {
	t.Helper()
	return simtest.Dial(t, simtest.Options(l, user, password))
}

// fmDeveloper opens a session as the demo user, who may call everything.
func fmDeveloper(t *testing.T, l *sim.Listener) *session.Session {
	t.Helper()
	return fmLogon(t, l, sim.DemoUser, sim.DemoPassword)
}

// fmCall calls a module and fails the test on any error.
func fmCall(t *testing.T, s *session.Session, fm string, params map[string]any) map[string]any {
	t.Helper()
	out, err := s.Call(context.Background(), fm, params)
	require.NoError(t, err, "%s failed", fm)
	return out
}

// fmCallErr calls a module that must fail with a server error of the given code.
func fmCallErr(t *testing.T, s *session.Session, fm string, params map[string]any, code string) *session.Error {
	t.Helper()
	_, err := s.Call(context.Background(), fm, params)
	require.Error(t, err, "%s should fail with %s", fm, code)
	var se *session.Error
	require.True(t, errors.As(err, &se), "%s: expected a *session.Error, got %T: %v", fm, err, err)
	require.Equal(t, code, se.Code, "%s: %v", fm, err)
	return se
}

// fmRequireEnded checks that a call failed because the server ended the session.
func fmRequireEnded(t *testing.T, s *session.Session, err error) {
	t.Helper()
	var ce *session.ConnectionError
	require.True(t, errors.As(err, &ce), "expected a *session.ConnectionError, got %T: %v", err, err)
	select {
	case <-s.Done():
	case <-time.After(5 * time.Second):
		t.Fatal("the session did not end")
	}
}

func fmRows(v any) []map[string]any {
	list, _ := v.([]any)
	out := make([]map[string]any, len(list))
	for i, r := range list {
		out[i] = r.(map[string]any)
	}
	return out
}

// fmOptions splits a WHERE clause into RFC_READ_TABLE OPTIONS rows of at most 72
// characters, breaking at blanks as clients must.
func fmOptions(where string) []any {
	var out []any
	line := ""
	for _, w := range strings.Fields(where) {
		if line != "" && len(line)+1+len(w) > 72 {
			out = append(out, map[string]any{"TEXT": line})
			line = ""
		}
		if line != "" {
			line += " "
		}
		line += w
	}
	if line != "" {
		out = append(out, map[string]any{"TEXT": line})
	}
	return out
}

func fmFields(names ...string) []any {
	out := make([]any, len(names))
	for i, n := range names {
		out[i] = map[string]any{"FIELDNAME": n}
	}
	return out
}

// fmReadTable calls RFC_READ_TABLE and returns FIELDS and the DATA lines.
func fmReadTable(t *testing.T, s *session.Session, params map[string]any) ([]map[string]any, []string) {
	t.Helper()
	out := fmCall(t, s, "RFC_READ_TABLE", params)
	var lines []string
	for _, r := range fmRows(out["DATA"]) {
		lines = append(lines, r["WA"].(string))
	}
	return fmRows(out["FIELDS"]), lines
}

func fmDec(s string) protocol.Decimal { return protocol.Decimal(s) }
