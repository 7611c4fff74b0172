package protocol_test

import (
	"bytes"
	"encoding/json"
	"math"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wsrfc/wsrfc/protocol"
)

// stdJSON is what Marshal must produce: encoding/json with HTML escaping off.
func stdJSON(v any) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimRight(buf.Bytes(), "\n"), nil
}

func TestMarshalIsEncodingJSONByteForByte(t *testing.T) {
	cyclic := map[string]any{}
	cyclic["self"] = cyclic
	values := []any{
		nil, true, false, "", "plain", `quote " and \ backslash`, "<a href='x'>&amp;</a>", "tab\tnew\nline\x01",
		"Müller, Łódź, 東京", "line\u2028separator\u2029", "bad \xff utf-8",
		0.0, math.Copysign(0, -1), 1.0, -1.5, 1e20, 1e21, 123456789e15, 1e-6, 1e-7, 5e-324, math.MaxFloat64, 0.1 + 0.2, 1e-9,
		0, -7, int64(math.MaxInt64), int64(math.MinInt64),
		json.Number("0"), json.Number("-12.50"), json.Number("1e-9"), json.Number("6.02E+23"), json.Number(""),
		map[string]any(nil), map[string]any{}, []any(nil), []any{},
		map[string]any{"b": 1.0, "a": []any{"x", nil, map[string]any{"z": true, "y": json.Number("3")}}, "A": "upper first"},
		map[string]string{"function": "STFC_CONNECTION", "b": "<>&"}, map[string]string(nil),
		protocol.CallParams{Function: "STFC_CONNECTION", Parameters: map[string]any{"REQUTEXT": "hi", "TAB": []any{map[string]any{"WA": "x"}}}},
		protocol.CallParams{Function: "X"},
		&protocol.CallResult{Result: map[string]any{"ECHOTEXT": "hi", "TAB": []any{}, "D": protocol.Decimal("1.50")}},
		&protocol.CallResult{}, (*protocol.CallResult)(nil), protocol.CallResult{},
		[]string{"a", "b"}, struct{ A int }{1}, map[string]int{"n": 1}, json.RawMessage(`{ "a" : 1 }`),
	}
	for _, v := range values {
		want, wantErr := stdJSON(v)
		got, err := protocol.Marshal(v)
		require.NoError(t, wantErr, "%#v", v)
		require.NoError(t, err, "%#v", v)
		assert.Equal(t, string(want), string(got), "%#v", v)
	}
	// What encoding/json refuses, Marshal refuses with its error.
	for _, v := range []any{math.NaN(), math.Inf(1), map[string]any{"x": math.Inf(-1)}, json.Number("01"), json.Number("1."),
		json.Number("abc"), []any{json.Number("--1")}, cyclic, func() {}} {
		_, wantErr := stdJSON(v)
		_, err := protocol.Marshal(v)
		require.Error(t, wantErr, "%#v", v)
		if assert.Error(t, err, "%#v", v) {
			assert.Equal(t, wantErr.Error(), err.Error())
		}
	}
}

// FuzzMarshalAgreesWithEncodingJSON renders every value JSON text decodes to,
// with numbers as float64 and as json.Number, both ways.
func FuzzMarshalAgreesWithEncodingJSON(f *testing.F) {
	f.Add(`{"function":"STFC_CONNECTION","parameters":{"REQUTEXT":"hello <world> & \u2028"}}`)
	f.Add(`[1e21, 1e-7, -0, 0.000001, 123.456e-300, "\ud800", "\u0000"]`)
	f.Add(`{"DATA":[{"WA":"0001 2026-12-06  12.50"},{"WA":""}],"n":null,"t":true}`)
	f.Fuzz(func(t *testing.T, text string) {
		for _, useNumber := range []bool{false, true} {
			dec := json.NewDecoder(strings.NewReader(text))
			if useNumber {
				dec.UseNumber()
			}
			var v any
			if dec.Decode(&v) != nil {
				return
			}
			want, wantErr := stdJSON(v)
			got, err := protocol.Marshal(v)
			if (wantErr == nil) != (err == nil) {
				t.Fatalf("%q: encoding/json error %v, Marshal error %v", text, wantErr, err)
			}
			if string(got) != string(want) {
				t.Fatalf("%q:\n Marshal       %s\n encoding/json %s", text, got, want)
			}
		}
	})
}

// TestEncodeRequestWithIsEncodeRequestOfMarshal: the one-pass frame is the
// two-pass one.
func TestEncodeRequestWithIsEncodeRequestOfMarshal(t *testing.T) {
	for _, params := range []any{
		protocol.CallParams{Function: "STFC_CONNECTION", Parameters: map[string]any{"REQUTEXT": "a \"quoted\" <text>"}},
		map[string]string{"function": "RFC_READ_TABLE"},
		map[string]any(nil),
	} {
		for _, timeout := range []int64{0, 120000} {
			raw, err := protocol.Marshal(params)
			require.NoError(t, err)
			want, err := protocol.EncodeRequest(&protocol.Request{ID: "rfc_1", Domain: "rfc", Action: "call", Params: raw, Timeout: timeout})
			require.NoError(t, err)
			got, err := protocol.EncodeRequestWith(&protocol.Request{ID: "rfc_1", Domain: "rfc", Action: "call", Timeout: timeout}, params)
			require.NoError(t, err)
			assert.Equal(t, string(want), string(got))
		}
	}
	_, err := protocol.EncodeRequestWith(&protocol.Request{ID: "rfc_2", Domain: "rfc", Action: "call"}, map[string]any{"x": math.NaN()})
	assert.ErrorContains(t, err, "unsupported value")
}
