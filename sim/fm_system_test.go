package sim_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wsrfc/wsrfc/protocol"
	"github.com/wsrfc/wsrfc/session"
	"github.com/wsrfc/wsrfc/sim"
	"github.com/wsrfc/wsrfc/sim/simtest"
)

func TestRFCPing(t *testing.T) {
	t.Parallel()
	_, l := simtest.Start(t, sim.Config{})
	s := fmDeveloper(t, l)
	assert.Empty(t, fmCall(t, s, "RFC_PING", nil))
	start := time.Now()
	assert.Empty(t, fmCall(t, s, "RFC_PING_AND_WAIT", map[string]any{"SECONDS": 1}))
	assert.GreaterOrEqual(t, time.Since(start), time.Second)
}

func TestRFCPingAndWaitRunsOnAfterClientTimeoutUntilSessionEnds(t *testing.T) {
	t.Parallel()
	srv, l := simtest.Start(t, sim.Config{})
	s := fmDeveloper(t, l)
	_, err := s.Call(context.Background(), "RFC_PING_AND_WAIT", map[string]any{"SECONDS": 60}, session.CallOptions{Timeout: 300 * time.Millisecond})
	var te *session.TimeoutError
	require.True(t, errors.As(err, &te), "expected a timeout, got %v", err)
	// The module still runs (ABAP cannot abort it), so the session is busy ...
	require.Len(t, srv.Sessions(), 1)
	// ... until the session ends, which stops the wait at once.
	require.NoError(t, s.Close())
	require.Eventually(t, func() bool { return len(srv.Sessions()) == 0 }, 3*time.Second, 20*time.Millisecond)
}

func TestRFCRaiseError(t *testing.T) {
	t.Parallel()
	_, l := simtest.Start(t, sim.Config{})
	s := fmDeveloper(t, l)

	// Classic exceptions and E messages keep the session.
	e := fmCallErr(t, s, "RFC_RAISE_ERROR", map[string]any{"METHOD": "1", "MESSAGETYPE": "E"}, protocol.CodeABAPException)
	assert.Equal(t, "RAISE_EXCEPTION", e.Details.Key)
	assert.Equal(t, "Function not supported", e.Message, "the T100 text, as the handler renders it")
	assert.Equal(t, []string{"SR", "E", "006", "Method = 1"}, []string{e.Details.MsgID, e.Details.MsgType, e.Details.MsgNo, e.Details.MsgV1})

	e = fmCallErr(t, s, "RFC_RAISE_ERROR", map[string]any{"METHOD": "2", "MESSAGETYPE": "E"}, protocol.CodeABAPException)
	assert.Equal(t, "RAISE_EXCEPTION", e.Details.Key)
	assert.Equal(t, "exception RAISE_EXCEPTION", e.Message, "a plain RAISE: the handler names the exception")
	assert.Empty(t, e.Details.MsgID+e.Details.MsgType+e.Details.MsgNo+e.Details.MsgV1, "no message fields without a message")

	e = fmCallErr(t, s, "RFC_RAISE_ERROR", map[string]any{"METHOD": "0", "MESSAGETYPE": "E"}, protocol.CodeABAPMessage)
	assert.Equal(t, "Function not supported", e.Message)
	assert.Equal(t, []string{"SR", "E", "006"}, []string{e.Details.MsgID, e.Details.MsgType, e.Details.MsgNo})

	e = fmCallErr(t, s, "RFC_RAISE_ERROR", map[string]any{}, protocol.CodeABAPMessage)
	assert.Equal(t, "E", e.Details.MsgType, "MESSAGETYPE defaults to E")

	e = fmCallErr(t, s, "RFC_RAISE_ERROR", map[string]any{"METHOD": "36", "MESSAGETYPE": "E"}, protocol.CodeABAPMessage)
	assert.Equal(t, "Division by 0 (type I or INT8)", e.Message)
	assert.Equal(t, []string{"SR", "E", "000", "Division by 0 (type I or INT8)"},
		[]string{e.Details.MsgID, e.Details.MsgType, e.Details.MsgNo, e.Details.MsgV1})

	// Type A is caught like E (and rolls the LUW back; see the booking tests).
	e = fmCallErr(t, s, "RFC_RAISE_ERROR", map[string]any{"MESSAGETYPE": "A"}, protocol.CodeABAPMessage)
	assert.Equal(t, []string{"SR", "A", "006", "STRING"}, []string{e.Details.MsgID, e.Details.MsgType, e.Details.MsgNo, e.Details.MsgV1})

	// S, I and W messages are no errors.
	assert.Empty(t, fmCall(t, s, "RFC_RAISE_ERROR", map[string]any{"MESSAGETYPE": "S"}))
	assert.Equal(t, "hi", fmCall(t, s, "STFC_CONNECTION", map[string]any{"REQUTEXT": "hi"})["ECHOTEXT"], "the session survived")

	// Runtime errors and X messages end the session with the runtime error's name.
	for _, c := range []struct{ method, typ, key, text string }{
		{"3", "E", "COMPUTE_INT_ZERODIVIDE", "Division by 0 (type I or INT8)"},
		{"5", "E", "SYNTAX_ERROR", "Syntax error in program RSXERROR                                ."},
		{"51", "E", "BLOCKED_COMMIT", "A database commit was blocked by the application."},
		{"0", "X", "MESSAGE_TYPE_X", "The current application has triggered a termination with a short dump."},
	} {
		s := fmDeveloper(t, l)
		_, err := s.Call(context.Background(), "RFC_RAISE_ERROR", map[string]any{"METHOD": c.method, "MESSAGETYPE": c.typ})
		fmRequireEnded(t, s, err)
		assert.Contains(t, err.Error(), c.key, "method %s/%s", c.method, c.typ)
		assert.Contains(t, err.Error(), strings.TrimRight(c.text, "."), "method %s/%s", c.method, c.typ)
		_, err = s.Call(context.Background(), "RFC_PING", nil)
		require.Error(t, err, "a call after the dump must fail")
	}
}

func TestRFCSystemInfo(t *testing.T) {
	t.Parallel()
	_, l := simtest.Start(t, sim.Config{})
	s := fmDeveloper(t, l)
	out := fmCall(t, s, "RFC_SYSTEM_INFO", nil)
	si := out["RFCSI_EXPORT"].(map[string]any)
	assert.Equal(t, "wsrsim_WSR_00", si["RFCDEST"])
	assert.Equal(t, "WSR", si["RFCSYSID"])
	assert.Equal(t, "758", si["RFCSAPRL"])
	assert.Equal(t, "793", si["RFCKERNRL"])
	assert.Equal(t, "011", si["RFCPROTO"])
	assert.Equal(t, "4103", si["RFCCHARTYP"])
	assert.Equal(t, "HDB", si["RFCDBSYS"])
	assert.Equal(t, "     0", si["RFCTZONE"], "leading blanks of CHAR values are kept")
	assert.Len(t, si, 20)
	assert.Equal(t, int64(8), out["MAXIMAL_RESOURCES"])
	assert.Equal(t, int64(7), out["CURRENT_RESOURCES"])
	assert.Equal(t, int64(0), out["RECOMMENDED_DELAY"])
}

func TestRFCFunctionSearch(t *testing.T) {
	t.Parallel()
	srv, l := simtest.Start(t, sim.Config{})
	s := fmDeveloper(t, l)
	out := fmCall(t, s, "RFC_FUNCTION_SEARCH", map[string]any{"FUNCNAME": "STFC_*"})
	var names []string
	for _, r := range fmRows(out["FUNCTIONS"]) {
		names = append(names, r["FUNCNAME"].(string))
		assert.Equal(t, "STFC", r["GROUPNAME"])
	}
	assert.Equal(t, []string{"STFC_CHANGING", "STFC_CONNECTION", "STFC_DEEP_STRUCTURE", "STFC_DEEP_TABLE", "STFC_PERFORMANCE", "STFC_STRUCTURE"}, names)

	out = fmCall(t, s, "RFC_FUNCTION_SEARCH", map[string]any{"FUNCNAME": "", "GROUPNAME": "ZWSR_MEMORY"})
	assert.Len(t, fmRows(out["FUNCTIONS"]), 3)

	e := fmCallErr(t, s, "RFC_FUNCTION_SEARCH", map[string]any{"FUNCNAME": "FUNCTION_IMPORT_INTERFACE"}, protocol.CodeABAPException)
	assert.Equal(t, "NO_FUNCTION_FOUND", e.Details.Key, "modules that are not remote-enabled are not listed")
	e = fmCallErr(t, s, "RFC_FUNCTION_SEARCH", map[string]any{"FUNCNAME": "Z_NOT_THERE*"}, protocol.CodeABAPException)
	assert.Equal(t, "NO_FUNCTION_FOUND", e.Details.Key)
	e = fmCallErr(t, s, "RFC_FUNCTION_SEARCH", map[string]any{"FUNCNAME": ""}, protocol.CodeABAPException)
	assert.Equal(t, "NOTHING_SPECIFIED", e.Details.Key)

	// Modules defined while the system runs are found at once.
	srv.MustDefine(&sim.Function{Name: "Z_LATE_MODULE", Group: "ZLATE", Description: "Defined after start",
		Handler: func(c *sim.Call) error { return nil }})
	out = fmCall(t, s, "RFC_FUNCTION_SEARCH", map[string]any{"FUNCNAME": "Z_LATE*"})
	assert.Equal(t, []map[string]any{{"FUNCNAME": "Z_LATE_MODULE", "GROUPNAME": "ZLATE", "APPL": "S", "HOST": "", "STEXT": "Defined after start"}},
		fmRows(out["FUNCTIONS"]))
}

func TestHandlerGatesDenyNotRemoteAndSRFC(t *testing.T) {
	t.Parallel()
	srv, l := simtest.Start(t, sim.Config{})
	s := fmDeveloper(t, l)
	e := fmCallErr(t, s, "RFC_ABAP_INSTALL_AND_RUN", map[string]any{"PROGRAM": []any{map[string]any{"LINE": "WRITE 'x'."}}}, protocol.CodeFunctionDenied)
	assert.Equal(t, "RFC_ABAP_INSTALL_AND_RUN", e.Details.Function)
	e = fmCallErr(t, s, "FUNCTION_IMPORT_INTERFACE", map[string]any{"FUNCNAME": "STFC_CONNECTION"}, protocol.CodeNotRemoteEnabled)
	assert.Equal(t, "FUNCTION_IMPORT_INTERFACE", e.Details.Function)
	m, err := s.Metadata(context.Background(), "FUNCTION_IMPORT_INTERFACE")
	require.NoError(t, err)
	assert.False(t, m.Remote)

	srv.AddUser(sim.User{Name: "RFC_LIMITED", Password: "Secret1!", RFCAuth: []string{"STFC", "RFC_PING"}})
	limited := fmLogon(t, l, "RFC_LIMITED", "Secret1!")
	fmCall(t, limited, "STFC_CONNECTION", map[string]any{"REQUTEXT": "ok"})
	fmCall(t, limited, "RFC_PING", nil)
	e = fmCallErr(t, limited, "RFC_READ_TABLE", map[string]any{"QUERY_TABLE": "T000"}, protocol.CodeNotAuthorized)
	assert.Equal(t, "RFC_READ_TABLE", e.Details.Function)
	assert.Contains(t, e.Message, "SDTX")
	fmCallErr(t, limited, "RFC_SYSTEM_INFO", nil, protocol.CodeNotAuthorized)
}

func TestFunctionGroupMemoryIsPerSession(t *testing.T) {
	t.Parallel()
	_, l := simtest.Start(t, sim.Config{})
	a, b := fmDeveloper(t, l), fmDeveloper(t, l)
	assert.Equal(t, int64(1), fmCall(t, a, "Z_WSR_COUNTER_ADD", nil)["VALUE"], "DELTA defaults to 1")
	assert.Equal(t, int64(3), fmCall(t, a, "Z_WSR_COUNTER_ADD", map[string]any{"DELTA": 2})["VALUE"])
	assert.Equal(t, int64(3), fmCall(t, a, "Z_WSR_COUNTER_GET", nil)["VALUE"])
	assert.Equal(t, int64(0), fmCall(t, b, "Z_WSR_COUNTER_GET", nil)["VALUE"], "another session has its own memory")
	fmCall(t, a, "Z_WSR_COUNTER_RESET", nil)
	assert.Equal(t, int64(0), fmCall(t, a, "Z_WSR_COUNTER_GET", nil)["VALUE"])

	c := fmDeveloper(t, l)
	assert.Equal(t, int64(5), fmCall(t, c, "Z_WSR_COUNTER_ADD", map[string]any{"DELTA": 5})["VALUE"])
	require.NoError(t, c.Close())
	d := fmDeveloper(t, l)
	assert.Equal(t, int64(0), fmCall(t, d, "Z_WSR_COUNTER_GET", nil)["VALUE"], "memory dies with its session")
}

func TestLegacyProfileRunsTheSameModules(t *testing.T) {
	t.Parallel()
	_, l := simtest.Start(t, sim.Config{Profile: sim.ProfileLegacy})
	s := fmDeveloper(t, l)
	require.True(t, s.Legacy())
	out := fmCall(t, s, "BAPI_USER_GET_DETAIL", map[string]any{"USERNAME": "DEVELOPER"})
	assert.Equal(t, "Trial", out["ADDRESS"].(map[string]any)["LASTNAME"])
	assert.Len(t, out["PROFILES"], 2)
	// Current releases give RFC_READ_TABLE the table-typed EXPORTING parameter
	// ET_DATA, which the old handler cannot serialise: the call runs and fails.
	fmCallErr(t, s, "RFC_READ_TABLE", map[string]any{"QUERY_TABLE": "SCARR"}, protocol.CodeServiceException)
	assert.Equal(t, "WSR", fmCall(t, s, "RFC_SYSTEM_INFO", nil)["RFCSI_EXPORT"].(map[string]any)["RFCSYSID"])
	// The old handler has no ERROR_MESSAGE in its exception table: an E message ends the session.
	_, err := s.Call(context.Background(), "RFC_RAISE_ERROR", map[string]any{"METHOD": "0"})
	fmRequireEnded(t, s, err)
}

// The handler condenses the message variables it reports (message_details in
// ZCL_VSP_FUNCTION_CALL); the text is rendered from them as they were.
func TestMessageVariablesAreCondensedAsTheHandlerReportsThem(t *testing.T) {
	t.Parallel()
	srv, l := simtest.Start(t, sim.Config{})
	srv.MustDefine(&sim.Function{Name: "Z_PADDED_MESSAGE", Group: "ZPAD",
		Exceptions: []protocol.Exception{{Name: "PADDED"}},
		Handler: func(*sim.Call) error {
			return sim.Raise("PADDED", sim.T100("E", "ZPAD", "001", "Value &1 of &2", "  a   b  ", "c "))
		}})
	s := fmDeveloper(t, l)
	e := fmCallErr(t, s, "Z_PADDED_MESSAGE", nil, protocol.CodeABAPException)
	assert.Equal(t, []string{"a b", "c"}, []string{e.Details.MsgV1, e.Details.MsgV2})
	assert.Equal(t, "Value   a   b   of c", e.Message)
}
