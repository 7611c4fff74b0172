package legacy_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"regexp"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/gorilla/websocket"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wsrfc/wsrfc/protocol"
	"github.com/wsrfc/wsrfc/session"
	"github.com/wsrfc/wsrfc/sim"
	"github.com/wsrfc/wsrfc/sim/simtest"
)

var bg = context.Background()

// startLegacy serves the old handler's profile on loopback until the test ends.
func startLegacy(t *testing.T) (*sim.Server, *sim.Listener) {
	t.Helper()
	return simtest.Start(t, sim.Config{Profile: sim.ProfileLegacy})
}

// rawClient speaks to the simulator frame by frame, as the old Go client did.
type rawClient struct {
	t       *testing.T
	ws      *websocket.Conn
	welcome string
}

func dialRaw(t *testing.T, l *sim.Listener) *rawClient {
	t.Helper()
	c := &rawClient{t: t, ws: simtest.DialWS(t, l)}
	c.welcome = c.recv()
	return c
}

// recv reads one frame as text.
func (c *rawClient) recv() string {
	c.t.Helper()
	require.NoError(c.t, c.ws.SetReadDeadline(time.Now().Add(2*time.Second)))
	_, msg, err := c.ws.ReadMessage()
	require.NoError(c.t, err)
	return string(msg)
}

// roundTrip sends a frame exactly as given and returns the reply's text.
func (c *rawClient) roundTrip(frame string) string {
	c.t.Helper()
	require.NoError(c.t, c.ws.WriteMessage(websocket.TextMessage, []byte(frame)))
	return c.recv()
}

// legacyReply is the old handler's response envelope.
type legacyReply struct {
	ID      string          `json:"id"`
	Success bool            `json:"success"`
	Data    json.RawMessage `json:"data"`
	Error   *protocol.Error `json:"error"`
}

func decodeReply(t *testing.T, text string) legacyReply {
	t.Helper()
	var r legacyReply
	require.NoError(t, json.Unmarshal([]byte(text), &r), "reply %s", text)
	return r
}

// callData sends an rfc.call with the given raw params text and returns its data.
func (c *rawClient) callData(params string) (subrc int, exports, tables map[string]any) {
	c.t.Helper()
	r := decodeReply(c.t, c.roundTrip(`{"id":"rfc_1","domain":"rfc","action":"call","params":`+params+`}`))
	require.True(c.t, r.Success, "call failed: %+v", r.Error)
	var d struct {
		Subrc   int            `json:"subrc"`
		Exports map[string]any `json:"exports"`
		Tables  map[string]any `json:"tables"`
	}
	require.NoError(c.t, json.Unmarshal(r.Data, &d))
	return d.Subrc, d.Exports, d.Tables
}

func imp(name string, t *protocol.Type, optional bool) protocol.Parameter {
	return protocol.Parameter{Name: name, Kind: protocol.Importing, Type: t.String(), Optional: optional, DataType: t}
}

func exp(name string, t *protocol.Type) protocol.Parameter {
	return protocol.Parameter{Name: name, Kind: protocol.Exporting, Type: t.String(), Optional: true, DataType: t}
}

// defineEcho registers Z_LEGACY_ECHO: every IMPORTING parameter comes back as
// the EXPORTING parameter of the same name with _OUT appended.
func defineEcho(t *testing.T, srv *sim.Server) {
	t.Helper()
	require.NoError(t, srv.Define(&sim.Function{
		Name: "Z_LEGACY_ECHO",
		Params: []protocol.Parameter{
			imp("ROWCOUNT", protocol.Char(10), true),
			imp("DELIMITER", protocol.Char(1), true),
			imp("COUNT", protocol.Int4(), true),
			imp("DAY", protocol.Date(), true),
			exp("ROWCOUNT_OUT", protocol.Char(10)),
			exp("DELIMITER_OUT", protocol.Char(1)),
			exp("COUNT_OUT", protocol.Int4()),
			exp("DAY_OUT", protocol.Date()),
		},
		Handler: func(c *sim.Call) error {
			for _, p := range []string{"ROWCOUNT", "DELIMITER", "COUNT", "DAY"} {
				c.Set(p+"_OUT", c.Get(p))
			}
			return nil
		},
	}))
}

func TestLegacyWelcomeHasTheOldShape(t *testing.T) {
	_, l := startLegacy(t)
	c := dialRaw(t, l)

	assert.True(t, strings.HasPrefix(c.welcome, `{"id":"welcome","success":true,"data":{`), c.welcome)
	r := decodeReply(t, c.welcome)
	var data map[string]any
	require.NoError(t, json.Unmarshal(r.Data, &data))
	assert.Len(t, data, 3, "only session, version and domains: %s", r.Data)
	assert.Equal(t, sim.LegacyVersion, data["version"])
	assert.Equal(t, "2.3.0", data["version"])
	assert.Regexp(t, `^[0-9A-F]{32}$`, data["session"])
	assert.Equal(t, []any{"rfc", "debug", "amdp", "git", "report"}, data["domains"], "hard-coded, without system")
	assert.NotContains(t, data, "protocol")
	assert.NotContains(t, data, "features")

	var w protocol.Welcome
	require.NoError(t, json.Unmarshal(r.Data, &w))
	assert.True(t, w.Legacy())
}

func TestLegacyEnvelopeMembersAreFoundAnywhere(t *testing.T) {
	_, l := startLegacy(t)
	c := dialRaw(t, l)

	cases := []struct {
		name, frame, id string
	}{
		{"any member order and blanks around colons", `{ "params" : {}, "action" : "ping", "domain":"rfc", "id" : "abc" }`, "abc"},
		{"text around the object", `garbage {"id":"g1","domain":"rfc","action":"ping"} trailing`, "g1"},
		{"not JSON at all", `id? "id":"x1" and "domain":"rfc", "action":"ping"`, "x1"},
		{"the first id anywhere wins, even inside params", `{"params":{"id":"inner"},"id":"outer","domain":"rfc","action":"ping"}`, "inner"},
		{"duplicate members: the first wins", `{"id":"first","id":"second","domain":"rfc","action":"ping"}`, "first"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			r := decodeReply(t, c.roundTrip(tc.frame))
			assert.Equal(t, tc.id, r.ID)
			require.True(t, r.Success, "%+v", r.Error)
			assert.JSONEq(t, `true`, string(mustField(t, r.Data, "pong")))
		})
	}

	t.Run("actions are case-sensitive", func(t *testing.T) {
		r := decodeReply(t, c.roundTrip(`{"id":"c1","domain":"rfc","action":"Ping"}`))
		assert.False(t, r.Success)
		assert.Equal(t, protocol.CodeUnknownAction, r.Error.Code)
	})
	t.Run("an unknown system action blames the domain", func(t *testing.T) {
		r := decodeReply(t, c.roundTrip(`{"id":"c2","domain":"system","action":"get_status"}`))
		assert.Equal(t, protocol.CodeUnknownDomain, r.Error.Code)
		assert.Equal(t, "Domain 'system' not found", r.Error.Message)
	})
	t.Run("system.ping has a T in its timestamp, rfc.ping none", func(t *testing.T) {
		r := decodeReply(t, c.roundTrip(`{"id":"p1","domain":"system","action":"ping"}`))
		assert.Regexp(t, `^"\d{8}T\d{6}"$`, string(mustField(t, r.Data, "timestamp")))
		r = decodeReply(t, c.roundTrip(`{"id":"p2","domain":"rfc","action":"ping"}`))
		assert.Regexp(t, `^"\d{14}"$`, string(mustField(t, r.Data, "timestamp")))
	})
}

func mustField(t *testing.T, data json.RawMessage, name string) json.RawMessage {
	t.Helper()
	var m map[string]json.RawMessage
	require.NoError(t, json.Unmarshal(data, &m), "data %s", data)
	v, ok := m[name]
	require.True(t, ok, "no %s in %s", name, data)
	return v
}

func TestLegacyParseErrorHasIDUnknown(t *testing.T) {
	_, l := startLegacy(t)
	c := dialRaw(t, l)

	for _, frame := range []string{
		`{"domain":"rfc","action":"ping"}`,
		`{"id":"","domain":"rfc","action":"ping"}`,
		`{"id":42,"domain":"rfc","action":"ping"}`,
		`not even close`,
	} {
		text := c.roundTrip(frame)
		assert.Equal(t, `{"id":"unknown","success":false,"error":{"code":"PARSE_ERROR","message":"Invalid message format"}}`, text, "for %s", frame)
	}
	r := decodeReply(t, c.roundTrip(`{"id":"after","domain":"rfc","action":"ping"}`))
	assert.True(t, r.Success, "the session survives parse errors")
}

func TestLegacyValueStealingAndStringOnlyInputs(t *testing.T) {
	srv, l := startLegacy(t)
	defineEcho(t, srv)
	c := dialRaw(t, l)

	t.Run("a number takes the next string value", func(t *testing.T) {
		_, ex, _ := c.callData(`{"function":"Z_LEGACY_ECHO","ROWCOUNT":5,"DELIMITER":"|"}`)
		assert.Equal(t, "|", ex["ROWCOUNT_OUT"], "ROWCOUNT steals DELIMITER's value")
		assert.Equal(t, "|", ex["DELIMITER_OUT"])
	})
	t.Run("a stolen value that does not convert leaves the initial value", func(t *testing.T) {
		_, ex, _ := c.callData(`{"function":"Z_LEGACY_ECHO","COUNT":5,"DELIMITER":"|"}`)
		assert.Equal(t, "0", ex["COUNT_OUT"])
	})
	t.Run("a number with no string after it is lost", func(t *testing.T) {
		_, ex, _ := c.callData(`{"function":"Z_LEGACY_ECHO","COUNT":7}`)
		assert.Equal(t, "0", ex["COUNT_OUT"])
	})
	t.Run("the same number as a string arrives", func(t *testing.T) {
		_, ex, _ := c.callData(`{"function":"Z_LEGACY_ECHO","COUNT":"7"}`)
		assert.Equal(t, "7", ex["COUNT_OUT"])
	})
	t.Run("a negative number comes back with a trailing minus", func(t *testing.T) {
		_, ex, _ := c.callData(`{"function":"Z_LEGACY_ECHO","COUNT":"-42"}`)
		assert.Equal(t, "42-", ex["COUNT_OUT"])
	})
	t.Run("a blank before the colon hides the parameter", func(t *testing.T) {
		_, ex, _ := c.callData(`{"function":"Z_LEGACY_ECHO","ROWCOUNT" : "5"}`)
		assert.Equal(t, "", ex["ROWCOUNT_OUT"])
	})
	t.Run("lower-case names are ignored", func(t *testing.T) {
		_, ex, _ := c.callData(`{"function":"z_legacy_echo","rowcount":"5"}`)
		assert.Equal(t, "", ex["ROWCOUNT_OUT"])
	})
	t.Run("an escaped quote ends the value", func(t *testing.T) {
		_, ex, _ := c.callData(`{"function":"Z_LEGACY_ECHO","ROWCOUNT":"a\"b"}`)
		assert.Equal(t, `a\`, ex["ROWCOUNT_OUT"])
	})
	t.Run("a value that does not fit keeps the initial value", func(t *testing.T) {
		_, ex, _ := c.callData(`{"function":"Z_LEGACY_ECHO","DAY":"2024-01-15x","COUNT":"abc"}`)
		assert.Equal(t, "00000000", ex["DAY_OUT"])
		assert.Equal(t, "0", ex["COUNT_OUT"])
	})
}

func TestLegacyOutputsAreStrings(t *testing.T) {
	srv, l := startLegacy(t)
	require.NoError(t, srv.Define(&sim.Function{
		Name: "Z_LEGACY_TYPES",
		Params: []protocol.Parameter{
			exp("I4", protocol.Int4()),
			exp("I8", protocol.Int8()),
			exp("P", protocol.Dec(5, 2)),
			exp("F", protocol.Float()),
			exp("N", protocol.Numc(5)),
			exp("D", protocol.Date()),
			exp("C", protocol.Char(10)),
			exp("X", protocol.Raw(2)),
		},
		Handler: func(c *sim.Call) error {
			c.Set("I4", -42)
			c.Set("I8", 9007199254740993)
			c.Set("P", "-1.5")
			c.Set("F", 1)
			c.Set("N", 42)
			c.Set("D", "20240115")
			c.Set("C", "text")
			c.Set("X", []byte{0x0a, 0xbc})
			return nil
		},
	}))
	c := dialRaw(t, l)

	text := c.roundTrip(`{"id":"t1","domain":"rfc","action":"call","params":{"function":"Z_LEGACY_TYPES"}}`)
	assert.Contains(t, text, `"subrc":0,`, "subrc is the only number")
	r := decodeReply(t, text)
	require.True(t, r.Success)
	var d struct {
		Exports map[string]any `json:"exports"`
	}
	require.NoError(t, json.Unmarshal(r.Data, &d))
	assert.Equal(t, map[string]any{
		"I4": "42-",
		"I8": "9007199254740993",
		"P":  "1.50-",
		"F":  "1.0000000000000000E+00",
		"N":  "00042",
		"D":  "20240115",
		"C":  "text",
		"X":  "0ABC",
	}, d.Exports)
}

func TestLegacyNestedComponentsBecomeComplex(t *testing.T) {
	srv, l := startLegacy(t)
	inner := protocol.Struct("ZINNER", protocol.F("A", protocol.Int4()))
	line := protocol.Struct("ZLINE",
		protocol.F("NAME", protocol.Char(10)),
		protocol.F("INNER", inner),
		protocol.F("ROWS", protocol.TableOf("", inner)),
	)
	require.NoError(t, srv.Define(&sim.Function{
		Name: "Z_LEGACY_DEEP",
		Params: []protocol.Parameter{
			exp("HEADER", line),
			{Name: "LINES", Kind: protocol.Tables, Type: "ZLINE", DataType: protocol.TableOf("", line), Optional: true},
		},
		Handler: func(c *sim.Call) error {
			row := map[string]any{"NAME": "one", "INNER": map[string]any{"A": 1}, "ROWS": []any{map[string]any{"A": 2}}}
			c.Set("HEADER", row)
			c.Set("LINES", []any{row, row})
			return nil
		},
	}))
	c := dialRaw(t, l)

	subrc, ex, tb := c.callData(`{"function":"Z_LEGACY_DEEP"}`)
	assert.Zero(t, subrc)
	want := map[string]any{"NAME": "one", "INNER": protocol.LegacyComplex, "ROWS": protocol.LegacyComplex}
	assert.Equal(t, want, ex["HEADER"])
	assert.Equal(t, []any{want, want}, tb["LINES"])
}

func TestLegacyTableTypedExportIsAServiceExceptionAfterTheCall(t *testing.T) {
	srv, l := startLegacy(t)
	var ran atomic.Int32
	require.NoError(t, srv.Define(&sim.Function{
		Name:   "Z_LEGACY_TABLE_EXPORT",
		Params: []protocol.Parameter{exp("ET_ROWS", protocol.TableOf("", protocol.Struct("", protocol.F("A", protocol.Int4()))))},
		Handler: func(c *sim.Call) error {
			ran.Add(1)
			return nil
		},
	}))
	c := dialRaw(t, l)

	r := decodeReply(t, c.roundTrip(`{"id":"t","domain":"rfc","action":"call","params":{"function":"Z_LEGACY_TABLE_EXPORT"}}`))
	assert.False(t, r.Success)
	assert.Equal(t, protocol.CodeServiceException, r.Error.Code)
	assert.EqualValues(t, 1, ran.Load(), "the module has run; its results are lost")
}

func TestLegacyClassicExceptionIsSuccessWithSubrc99(t *testing.T) {
	srv, l := startLegacy(t)
	require.NoError(t, srv.Define(&sim.Function{
		Name:       "Z_LEGACY_RAISE",
		Params:     []protocol.Parameter{exp("RESULT", protocol.Char(5))},
		Exceptions: []protocol.Exception{{Name: "NOT_FOUND"}, {Name: "LOCKED"}},
		Handler: func(c *sim.Call) error {
			c.Set("RESULT", "set")
			return sim.Raise("LOCKED", sim.T100("E", "ZZ", "001", "Object & is locked", "X"))
		},
	}))
	c := dialRaw(t, l)

	text := c.roundTrip(`{"id":"t","domain":"rfc","action":"call","params":{"function":"Z_LEGACY_RAISE"}}`)
	r := decodeReply(t, text)
	assert.True(t, r.Success, "the envelope still says success")
	assert.Nil(t, r.Error)
	assert.JSONEq(t, `99`, string(mustField(t, r.Data, "subrc")), "OTHERS = 99 is all the exception table has")
	assert.NotContains(t, text, "LOCKED", "the exception's name is not reported")
	assert.NotContains(t, text, "is locked", "nor its message")
}

func TestLegacyErrorMessageClosesTheConnection(t *testing.T) {
	srv, l := startLegacy(t)
	require.NoError(t, srv.Define(&sim.Function{
		Name: "Z_LEGACY_MESSAGE",
		Handler: func(c *sim.Call) error {
			return sim.ErrorMessage(sim.T100("E", "ZZ", "002", "Something went wrong"))
		},
	}))

	t.Run("raw", func(t *testing.T) {
		c := dialRaw(t, l)
		require.NoError(t, c.ws.WriteMessage(websocket.TextMessage, []byte(`{"id":"m","domain":"rfc","action":"call","params":{"function":"Z_LEGACY_MESSAGE"}}`)))
		require.NoError(t, c.ws.SetReadDeadline(time.Now().Add(2*time.Second)))
		_, msg, err := c.ws.ReadMessage()
		require.Error(t, err, "no reply, got %s", msg)
		var ce *websocket.CloseError
		require.ErrorAs(t, err, &ce)
		assert.Equal(t, websocket.CloseInternalServerErr, ce.Code)
	})
	t.Run("session", func(t *testing.T) {
		s, err := session.Dial(bg, legacyOptions(l))
		require.NoError(t, err)
		defer s.Close()
		_, err = s.Call(bg, "Z_LEGACY_MESSAGE", nil)
		var ce *session.ConnectionError
		require.ErrorAs(t, err, &ce, "got %T: %v", err, err)
		assert.Equal(t, websocket.CloseInternalServerErr, ce.CloseCode)
		assert.Contains(t, ce.Error(), "ST22")
		<-s.Done()
	})
}

func TestLegacySearch(t *testing.T) {
	srv, l := startLegacy(t)
	fm := func(name string, notRemote bool) *sim.Function {
		return &sim.Function{Name: name, NotRemote: notRemote, Handler: func(*sim.Call) error { return nil }}
	}
	require.NoError(t, srv.Define(fm("ZLS_0000", true)))
	for i := 1; i <= 120; i++ {
		require.NoError(t, srv.Define(fm(fmt.Sprintf("ZLS_%04d", i), false)))
	}
	require.NoError(t, srv.Define(fm("ZLSX0001", false)))
	c := dialRaw(t, l)

	search := func(pattern string) []string {
		t.Helper()
		r := decodeReply(t, c.roundTrip(`{"id":"s","domain":"rfc","action":"search","params":{"pattern":"`+pattern+`"}}`))
		require.True(t, r.Success, "%+v", r.Error)
		var hits []struct{ Name string }
		require.NoError(t, json.Unmarshal(r.Data, &hits), "data is an array: %s", r.Data)
		names := make([]string, len(hits))
		for i, h := range hits {
			names[i] = h.Name
		}
		return names
	}

	t.Run("at most 100 rows, sorted, and not only RFC-enabled modules", func(t *testing.T) {
		names := search("zls*")
		require.Len(t, names, 100)
		assert.Equal(t, []string{"ZLSX0001", "ZLS_0000"}, names[:2], "the module that is not remote-enabled is listed")
		assert.IsIncreasing(t, names)
	})
	t.Run("underscore is a single-character wildcard", func(t *testing.T) {
		assert.Equal(t, []string{"ZLSX0001", "ZLS_0001"}, search("ZLS_0001"))
	})
	t.Run("no wildcard is an exact match", func(t *testing.T) {
		assert.Equal(t, []string{"ZLSX0001"}, search("ZLSX0001"))
	})
	t.Run("percent is a wildcard too", func(t *testing.T) {
		assert.Len(t, search("ZLS_01%"), 21)
	})
	t.Run("the session client reports the cut as truncated", func(t *testing.T) {
		s, err := session.Dial(bg, legacyOptions(l))
		require.NoError(t, err)
		defer s.Close()
		res, err := s.Search(bg, "ZLS*", 0)
		require.NoError(t, err)
		assert.Len(t, res.Functions, 100)
		assert.True(t, res.Truncated)
		res, err = s.Search(bg, "ZLS*", 10)
		require.NoError(t, err)
		assert.Len(t, res.Functions, 10)
		assert.True(t, res.Truncated)
	})
}

func TestLegacyMetadataSaysOptionalForEveryNonImportingParameter(t *testing.T) {
	srv, l := startLegacy(t)
	row := protocol.Struct("ZROW", protocol.F("A", protocol.Int4()))
	require.NoError(t, srv.Define(&sim.Function{
		Name: "Z_LEGACY_IFACE",
		Params: []protocol.Parameter{
			imp("IV_MANDATORY", protocol.Char(1), false),
			imp("IV_OPTIONAL", protocol.Char(1), true),
			exp("EV_OUT", protocol.Char(1)),
			{Name: "CV_MANDATORY", Kind: protocol.Changing, Type: "CHAR1", DataType: protocol.Char(1)},
			{Name: "TT_MANDATORY", Kind: protocol.Tables, Type: "ZROW", DataType: protocol.TableOf("", row)},
		},
		Handler: func(*sim.Call) error { return nil },
	}))
	c := dialRaw(t, l)

	text := c.roundTrip(`{"id":"m","domain":"rfc","action":"getMetadata","params":{"function":"z_legacy_iface"}}`)
	r := decodeReply(t, text)
	require.True(t, r.Success, "%+v", r.Error)
	assert.JSONEq(t, `{"function":"Z_LEGACY_IFACE","parameters":[
		{"name":"IV_MANDATORY","kind":"importing","type":"CHAR(1)","optional":false},
		{"name":"IV_OPTIONAL","kind":"importing","type":"CHAR(1)","optional":true},
		{"name":"EV_OUT","kind":"exporting","type":"CHAR(1)","optional":true},
		{"name":"CV_MANDATORY","kind":"changing","type":"CHAR1","optional":true},
		{"name":"TT_MANDATORY","kind":"tables","type":"ZROW","optional":true}]}`, string(r.Data))

	r = decodeReply(t, c.roundTrip(`{"id":"m2","domain":"rfc","action":"getMetadata","params":{"function":"Z_NOPE"}}`))
	assert.Equal(t, protocol.CodeFuncNotFound, r.Error.Code)
	r = decodeReply(t, c.roundTrip(`{"id":"m3","domain":"rfc","action":"getMetadata","params":{}}`))
	assert.Equal(t, protocol.CodeMissingParam, r.Error.Code)
}

// legacyOptions logs the session client on as the demo user.
func legacyOptions(l *sim.Listener) session.Options {
	o := simtest.Options(l, "developer", sim.DemoPassword)
	o.HandshakeTimeout, o.WelcomeTimeout, o.CallTimeout = time.Second, time.Second, 2*time.Second
	return o
}

// defineDegrade registers Z_LEGACY_DEGRADE, whose interface the old handler
// cannot serve in full, and counts how often it runs.
func defineDegrade(t *testing.T, srv *sim.Server) *atomic.Int32 {
	t.Helper()
	var runs atomic.Int32
	st := protocol.Struct("ZHEAD", protocol.F("A", protocol.Int4()))
	require.NoError(t, srv.Define(&sim.Function{
		Name: "Z_LEGACY_DEGRADE",
		Params: []protocol.Parameter{
			imp("IV_TEXT", protocol.Char(10), true),
			imp("IS_HEAD", st, true),
			imp("IV_BYTES", protocol.XString(), true),
			{Name: "CV_COUNTER", Kind: protocol.Changing, Type: "INT4", DataType: protocol.Int4(), Optional: true},
			{Name: "TT_ROWS", Kind: protocol.Tables, Type: "ZHEAD", DataType: protocol.TableOf("", st), Optional: true},
			exp("EV_TEXT", protocol.Char(10)),
		},
		Exceptions: []protocol.Exception{{Name: "EMPTY"}},
		Handler: func(c *sim.Call) error {
			runs.Add(1)
			if c.String("IV_TEXT") == "" {
				return sim.Raise("EMPTY")
			}
			c.Set("EV_TEXT", c.String("IV_TEXT"))
			return nil
		},
	}))
	return &runs
}

func TestLegacyClientRefusesWhatTheOldHandlerCannotCarry(t *testing.T) {
	srv, l := startLegacy(t)
	runs := defineDegrade(t, srv)
	s, err := session.Dial(bg, legacyOptions(l))
	require.NoError(t, err)
	defer s.Close()
	require.True(t, s.Legacy())

	cases := []struct {
		name   string
		params map[string]any
		names  string
	}{
		{"structure", map[string]any{"IV_TEXT": "x", "IS_HEAD": map[string]any{"A": 1}}, "IS_HEAD"},
		{"changing", map[string]any{"IV_TEXT": "x", "CV_COUNTER": 1}, "CHANGING parameters (CV_COUNTER)"},
		{"table rows", map[string]any{"IV_TEXT": "x", "TT_ROWS": []any{map[string]any{"A": 1}}}, "TT_ROWS"},
		{"bytes", map[string]any{"IV_TEXT": "x", "IV_BYTES": []byte{1}}, "IV_BYTES"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := s.Call(bg, "Z_LEGACY_DEGRADE", tc.params)
			var se *session.Error
			require.ErrorAs(t, err, &se, "got %T: %v", err, err)
			assert.Equal(t, session.CodeUnsupported, se.Code)
			assert.Equal(t, "UNSUPPORTED_BY_SERVER", se.Code)
			assert.True(t, se.Local, "nothing was sent")
			assert.Equal(t, "Z_LEGACY_DEGRADE", se.Details.Function)
			assert.Contains(t, se.Message, tc.names)
			assert.Contains(t, se.Message, "nothing was sent")
			assert.Regexp(t, regexp.MustCompile(`Deploy the wsrfc handler from abap/`), se.Message, "says what to deploy")
			assert.Zero(t, s.Pending())
		})
	}
	assert.Zero(t, runs.Load(), "the module never ran")

	out, err := s.Call(bg, "Z_LEGACY_DEGRADE", map[string]any{"iv_text": "ok", "TT_ROWS": []any{}})
	require.NoError(t, err, "an empty table is what the old handler passes anyway")
	assert.Equal(t, "ok", out["EV_TEXT"])
	assert.EqualValues(t, 1, runs.Load())
}

func TestLegacyClientTurnsSubrcIntoAnABAPException(t *testing.T) {
	srv, l := startLegacy(t)
	defineDegrade(t, srv)
	s, err := session.Dial(bg, legacyOptions(l))
	require.NoError(t, err)
	defer s.Close()

	_, err = s.Call(bg, "Z_LEGACY_DEGRADE", nil)
	var se *session.Error
	require.ErrorAs(t, err, &se, "got %T: %v", err, err)
	assert.Equal(t, protocol.CodeABAPException, se.Code)
	assert.Equal(t, "OTHERS", se.Details.Key)
	assert.Equal(t, "Z_LEGACY_DEGRADE", se.Details.Function)
	assert.False(t, se.Local)
	assert.Contains(t, se.Message, "sy-subrc 99")
	assert.Contains(t, se.Message, "Deploy the wsrfc handler")
	assert.True(t, strings.HasSuffix(se.Error(), "(OTHERS)"), se.Error())

	_, err = s.Call(bg, "Z_LEGACY_DEGRADE", map[string]any{"IV_NOPE": "x"})
	require.ErrorAs(t, err, &se)
	assert.Equal(t, protocol.CodeParamUnknown, se.Code)
	assert.Contains(t, se.Message, "IV_TEXT, IS_HEAD, IV_BYTES, CV_COUNTER, TT_ROWS")
	assert.NoError(t, s.Err())
	assert.False(t, errors.Is(err, session.ErrClosed))
}

func TestLegacyTimeoutThatOverflowsIsAParseError(t *testing.T) {
	_, l := startLegacy(t)
	c := dialRaw(t, l)

	r := decodeReply(t, c.roundTrip(`{"id":"t1","domain":"rfc","action":"ping","timeout":2147483647}`))
	assert.True(t, r.Success, "the largest type i value is fine")
	r = decodeReply(t, c.roundTrip(`{"id":"t2","domain":"rfc","action":"ping","timeout":2147483648}`))
	assert.Equal(t, "unknown", r.ID)
	assert.Equal(t, protocol.CodeParseError, r.Error.Code)
	r = decodeReply(t, c.roundTrip(`{"id":"t3","domain":"rfc","action":"ping","params":{"timeout":99999999999},"timeout":1000}`))
	assert.Equal(t, "unknown", r.ID, "the first timeout anywhere counts, even inside params")

	s, err := session.Dial(bg, legacyOptions(l))
	require.NoError(t, err)
	defer s.Close()
	ctx, cancel := context.WithTimeout(bg, 2*time.Second)
	defer cancel()
	out, err := s.Call(ctx, "STFC_CONNECTION", map[string]any{"REQUTEXT": "x"}, session.CallOptions{Timeout: 30 * 24 * time.Hour})
	require.NoError(t, err, "the client caps the timeout it sends at what the old handler can parse")
	assert.Equal(t, "x", out["ECHOTEXT"])
}

func TestLegacyControlCharacterBreaksTheFrameAndTheClientFailsTheCall(t *testing.T) {
	srv, l := startLegacy(t)
	require.NoError(t, srv.Define(&sim.Function{
		Name:   "Z_LEGACY_CR",
		Params: []protocol.Parameter{exp("TEXT", protocol.String())},
		Handler: func(c *sim.Call) error {
			c.Set("TEXT", "line\rbreak\x01")
			return nil
		},
	}))
	c := dialRaw(t, l)
	text := c.roundTrip(`{"id":"cr","domain":"rfc","action":"call","params":{"function":"Z_LEGACY_CR"}}`)
	assert.False(t, json.Valid([]byte(text)), "a lone CR and other control characters go out raw")

	s, err := session.Dial(bg, legacyOptions(l))
	require.NoError(t, err)
	defer s.Close()
	start := time.Now()
	_, err = s.Call(bg, "Z_LEGACY_CR", nil)
	var pe *session.ProtocolError
	require.ErrorAs(t, err, &pe, "got %T: %v", err, err)
	assert.Less(t, time.Since(start), time.Second, "the call fails at once instead of timing out")
	_, err = s.Call(bg, "STFC_CONNECTION", map[string]any{"REQUTEXT": "still there"})
	assert.NoError(t, err)
}
