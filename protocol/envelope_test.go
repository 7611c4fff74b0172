package protocol_test

import (
	"encoding/json"
	"errors"
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wsrfc/wsrfc/protocol"
)

func TestDecodeFrameAcceptsEveryShape(t *testing.T) {
	t.Run("welcome of the old handler", func(t *testing.T) {
		f, err := protocol.DecodeFrame([]byte(`{"id":"welcome","success":true,"data":{"session":"0A1B","version":"2.3.0","domains":["rfc","debug","amdp","git","report"]}}`))
		require.NoError(t, err)
		assert.True(t, f.IsWelcome())
		assert.False(t, f.IsPush())
		var w protocol.Welcome
		require.NoError(t, protocol.DecodeData(f.Data, &w))
		assert.True(t, w.Legacy())
		assert.Equal(t, "2.3.0", w.Version)
		assert.True(t, w.HasDomain("system"), "the old handler serves system without listing it")
		assert.True(t, w.HasDomain("rfc"))
		assert.False(t, w.HasDomain("luw"))
		assert.False(t, w.Has(protocol.FeatureTyped))
	})
	t.Run("welcome of the wsrfc handler", func(t *testing.T) {
		f, err := protocol.DecodeFrame([]byte(`{"id":"welcome","success":true,"data":{"session":"X","version":"1.0.0","protocol":2,"domains":["system","rfc"],"features":["rfc.typed","push"]}}`))
		require.NoError(t, err)
		var w protocol.Welcome
		require.NoError(t, protocol.DecodeData(f.Data, &w))
		assert.False(t, w.Legacy())
		assert.True(t, w.Has(protocol.FeaturePush))
		assert.False(t, w.Has(protocol.FeatureChunked))
	})
	t.Run("success", func(t *testing.T) {
		f, err := protocol.DecodeFrame([]byte(`  {"id":"rfc_1","success":true,"data":{"subrc":0}}` + "\n"))
		require.NoError(t, err)
		assert.Equal(t, "rfc_1", f.ID)
		assert.True(t, f.Success)
		assert.Equal(t, map[string]any{"subrc": json.Number("0")}, f.Data)
		assert.Nil(t, f.Error)
	})
	t.Run("success without data", func(t *testing.T) {
		f, err := protocol.DecodeFrame([]byte(`{"id":"x","success":true}`))
		require.NoError(t, err)
		assert.Nil(t, f.Data)
	})
	t.Run("error with details", func(t *testing.T) {
		f, err := protocol.DecodeFrame([]byte(`{"id":"rfc_2","success":false,"error":{"code":"ABAP_EXCEPTION","message":"Table not available","details":{"key":"TABLE_NOT_AVAILABLE","msgId":"SY","msgNo":"499"}}}`))
		require.NoError(t, err)
		require.NotNil(t, f.Error)
		assert.Equal(t, protocol.CodeABAPException, f.Error.Code)
		assert.Equal(t, "TABLE_NOT_AVAILABLE", f.Error.Details.Key)
		assert.Equal(t, "ABAP_EXCEPTION: Table not available (TABLE_NOT_AVAILABLE)", f.Error.Error())
	})
	t.Run("failure without an error object gets one", func(t *testing.T) {
		f, err := protocol.DecodeFrame([]byte(`{"id":"git_3","success":false}`))
		require.NoError(t, err)
		require.NotNil(t, f.Error)
		assert.Equal(t, protocol.CodeProtocolError, f.Error.Code)
	})
	t.Run("PARSE_ERROR of the old handler", func(t *testing.T) {
		f, err := protocol.DecodeFrame([]byte(`{"id":"unknown","success":false,"error":{"code":"PARSE_ERROR","message":"Invalid message format"}}`))
		require.NoError(t, err)
		assert.Equal(t, "unknown", f.ID)
		assert.Equal(t, protocol.CodeParseError, f.Error.Code)
	})
	t.Run("push", func(t *testing.T) {
		f, err := protocol.DecodeFrame([]byte(`{"event":"breakpointHit","domain":"debug","data":{"line":42}}`))
		require.NoError(t, err)
		assert.True(t, f.IsPush())
		assert.False(t, f.IsWelcome())
		assert.Equal(t, "debug", f.Domain)
		assert.Equal(t, map[string]any{"line": json.Number("42")}, f.Data)
	})
	t.Run("chunk", func(t *testing.T) {
		f, err := protocol.DecodeFrame([]byte(`{"id":"rfc_4","success":true,"more":true,"data":{"result":{"DATA":[{"WA":"a"}]}}}`))
		require.NoError(t, err)
		assert.True(t, f.More)
		assert.False(t, f.IsPush())
	})
	t.Run("a frame with id and event is a response", func(t *testing.T) {
		f, err := protocol.DecodeFrame([]byte(`{"id":"x","event":"e","success":true}`))
		require.NoError(t, err)
		assert.False(t, f.IsPush())
	})
}

func TestDecodeFrameRejectsGarbage(t *testing.T) {
	cases := map[string]string{
		"empty":                             ``,
		"blank":                             "  \n\t",
		"not an object":                     `["id","x"]`,
		"plain text":                        `Logon failed`,
		"html error page":                   `<html><body>500 Internal Server Error</body></html>`,
		"truncated":                         `{"id":"rfc_1","success":tr`,
		"raw tab in a string (old escaper)": "{\"id\":\"debug_1\",\"success\":true,\"data\":{\"src\":\"a\tb\"}}",
		"raw CR in a string":                "{\"id\":\"rfc_1\",\"success\":true,\"data\":{\"X\":\"a\rb\"}}",
		"invalid JSON of the old tables serialiser": `{"id":"rfc_1","success":true,"data":{"subrc":0,"exports":{},"tables":{"T":[{{"error":"serialization failed"}]}}}`,
		"dangling backslash":                        `{"id":"rfc_1","success":true,"data":{"X":"C:\"}}`,
		"trailing data":                             `{"id":"a","success":true} {"id":"b"}`,
		"id of the wrong type":                      `{"id":7,"success":true}`,
		"success of the wrong type":                 `{"id":"a","success":"true"}`,
		"neither id nor event":                      `{"success":true,"data":{}}`,
		"empty id and event":                        `{"id":"","event":""}`,
	}
	for name, frame := range cases {
		t.Run(name, func(t *testing.T) {
			f, err := protocol.DecodeFrame([]byte(frame))
			require.Error(t, err)
			assert.Nil(t, f)
			assert.True(t, errors.Is(err, protocol.ErrMalformedFrame), "%v wraps ErrMalformedFrame", err)
		})
	}
}

func TestEncodeRequestKeepsMarkupAndOmitsEmptyMembers(t *testing.T) {
	b, err := protocol.EncodeRequest(&protocol.Request{ID: "rfc_1", Domain: "rfc", Action: "call",
		Params: json.RawMessage(`{"function":"RFC_READ_TABLE","X":"a<b & c>"}`), Timeout: 120000})
	require.NoError(t, err)
	assert.Equal(t, `{"id":"rfc_1","domain":"rfc","action":"call","params":{"function":"RFC_READ_TABLE","X":"a<b & c>"},"timeout":120000}`, string(b))

	b, err = protocol.EncodeRequest(&protocol.Request{ID: "system_2", Domain: "system", Action: "ping"})
	require.NoError(t, err)
	assert.Equal(t, `{"id":"system_2","domain":"system","action":"ping"}`, string(b), "no params, no timeout, no newline")

	b, err = protocol.Marshal(map[string]any{"S": "<&> é"})
	require.NoError(t, err)
	assert.Equal(t, `{"S":"<&> é"}`, string(b), "markup and non-ASCII travel raw")

	_, err = protocol.Marshal(math.NaN())
	assert.Error(t, err)
}

func TestMergeData(t *testing.T) {
	decode := func(s string) any {
		var v any
		require.NoError(t, json.Unmarshal([]byte(s), &v))
		return v
	}
	cases := []struct {
		name      string
		dst, src  string
		wantMerge string
	}{
		{"first part", `null`, `{"result":{"T":[1]}}`, `{"result":{"T":[1]}}`},
		{"arrays are concatenated", `[1,2]`, `[3]`, `[1,2,3]`},
		{"objects merge key by key, deeply",
			`{"result":{"T":[{"A":1}],"U":[]}}`, `{"result":{"T":[{"A":2}],"X":"done"}}`,
			`{"result":{"T":[{"A":1},{"A":2}],"U":[],"X":"done"}}`},
		{"an empty continuation array keeps the rows", `{"T":[1,2]}`, `{"T":[]}`, `{"T":[1,2]}`},
		{"scalars are replaced", `{"subrc":0}`, `{"subrc":4}`, `{"subrc":4}`},
		{"an object replaces a scalar", `"x"`, `{"a":1}`, `{"a":1}`},
		{"an array replaces an object", `{"a":1}`, `[1]`, `[1]`},
		{"a scalar replaces an array", `[1]`, `"x"`, `"x"`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var dst any
			if tc.dst != "null" {
				dst = decode(tc.dst)
			}
			got := protocol.MergeData(dst, decode(tc.src))
			b, err := json.Marshal(got)
			require.NoError(t, err)
			assert.JSONEq(t, tc.wantMerge, string(b))
		})
	}

	t.Run("three chunks of one reply", func(t *testing.T) {
		var acc any
		for _, part := range []string{
			`{"result":{"DATA":[{"WA":"1"},{"WA":"2"}]}}`,
			`{"result":{"DATA":[{"WA":"3"}]}}`,
			`{"result":{"DATA":[],"FIELDS":[{"FIELDNAME":"MANDT"}],"DELIMITER":"|"}}`,
		} {
			acc = protocol.MergeData(acc, decode(part))
		}
		b, err := json.Marshal(acc)
		require.NoError(t, err)
		assert.JSONEq(t, `{"result":{"DATA":[{"WA":"1"},{"WA":"2"},{"WA":"3"}],"FIELDS":[{"FIELDNAME":"MANDT"}],"DELIMITER":"|"}}`, string(b))
	})
}

func TestLegacyString(t *testing.T) {
	cases := []struct {
		name string
		typ  *protocol.Type
		in   any
		want string
	}{
		{"CHAR loses trailing blanks", protocol.Char(10), "AB  ", "AB"},
		{"NUMC keeps leading zeros", protocol.Numc(5), "00042", "00042"},
		{"DATS", protocol.Date(), "20240115", "20240115"},
		{"initial DATS", protocol.Date(), "00000000", "00000000"},
		{"TIMS", protocol.Time(), "235959", "235959"},
		{"STRING", protocol.String(), "as is  ", "as is  "},
		{"positive INT4", protocol.Int4(), int64(42), "42"},
		{"negative INT4 has a trailing minus", protocol.Int4(), int64(-42), "42-"},
		{"zero", protocol.Int4(), int64(0), "0"},
		{"INT1", protocol.Int1(), int64(255), "255"},
		{"largest INT8", protocol.Int8(), int64(math.MaxInt64), "9223372036854775807"},
		{"smallest INT8", protocol.Int8(), int64(math.MinInt64), "9223372036854775808-"},
		{"FLTP one", protocol.Float(), 1.0, "1.0000000000000000E+00"},
		{"FLTP zero", protocol.Float(), 0.0, "0.0000000000000000E+00"},
		{"FLTP negative fraction", protocol.Float(), -0.25, "-2.5000000000000000E-01"},
		{"FLTP large exponent", protocol.Float(), 1e100, "1.0000000000000000E+100"},
		{"DEC", protocol.Dec(7, 2), protocol.Decimal("1234.50"), "1234.50"},
		{"negative DEC has a trailing minus", protocol.Dec(7, 2), protocol.Decimal("-1.50"), "1.50-"},
		{"DF16 keeps its text", protocol.DecF16(), protocol.Decimal("-1E-383"), "-1E-383"},
		{"RAW is upper-case hex", protocol.Raw(3), []byte{0x0a, 0xbc, 0}, "0ABC00"},
		{"XSTRING is upper-case hex", protocol.XString(), []byte{0xca, 0xfe}, "CAFE"},
		{"empty XSTRING", protocol.XString(), []byte{}, ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			assert.Equal(t, tc.want, protocol.LegacyString(tc.typ, tc.in))
		})
	}
}
