package protocol_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wsrfc/wsrfc/protocol"
)

func TestEncodedRepliesDecodeBack(t *testing.T) {
	f, err := protocol.DecodeFrame(protocol.EncodeSuccess("rfc_1", []byte(`{"result":{"ECHOTEXT":"<hi>"}}`)))
	require.NoError(t, err)
	assert.Equal(t, "rfc_1", f.ID)
	assert.True(t, f.Success)
	assert.Equal(t, map[string]any{"result": map[string]any{"ECHOTEXT": "<hi>"}}, f.Data)

	frame := protocol.EncodeFailure(`a"b`, &protocol.Error{Code: protocol.CodeTooLarge, Message: "too big"})
	f, err = protocol.DecodeFrame(frame)
	require.NoError(t, err)
	assert.Equal(t, `a"b`, f.ID)
	assert.False(t, f.Success)
	assert.Equal(t, protocol.CodeTooLarge, f.Error.Code)
	assert.Equal(t, "too big", f.Error.Message)
}

func TestSplitReplyFramesMergeBackIntoTheReply(t *testing.T) {
	rows := make([]any, 300)
	for i := range rows {
		rows[i] = map[string]any{"N": fmt.Sprint(i), "TEXT": strings.Repeat("x", 40)}
	}
	data := map[string]any{"result": map[string]any{"ROWS": rows, "OTHER": []any{"a"}, "COUNT": "300"}}
	var frames [][]byte
	require.NoError(t, protocol.SplitReply("rfc_9", data, 2048, func(b []byte) error {
		frames = append(frames, append([]byte(nil), b...))
		return nil
	}))
	require.Greater(t, len(frames), 3, "300 rows of ~60 bytes do not fit in a 2 KiB frame")

	var merged any
	for i, b := range frames {
		assert.LessOrEqual(t, len(b), 2048, "frame %d", i)
		f, err := protocol.DecodeFrame(b)
		require.NoError(t, err)
		assert.Equal(t, "rfc_9", f.ID)
		assert.Equal(t, i < len(frames)-1, f.More, "only the last frame ends the reply (frame %d)", i)
		merged = protocol.MergeData(merged, f.Data)
	}
	result := merged.(map[string]any)["result"].(map[string]any)
	assert.Equal(t, "300", result["COUNT"])
	assert.Equal(t, []any{"a"}, result["OTHER"])
	got := result["ROWS"].([]any)
	require.Len(t, got, 300)
	for i, r := range got {
		assert.Equal(t, fmt.Sprint(i), r.(map[string]any)["N"], "rows keep their order")
	}
}

func TestSplitReplySendsUnsplittableDataWhole(t *testing.T) {
	var frames []string
	require.NoError(t, protocol.SplitReply("x", []any{"a", "b"}, 10, func(b []byte) error {
		frames = append(frames, string(b))
		return nil
	}))
	assert.Equal(t, []string{`{"id":"x","success":true,"data":["a","b"]}`}, frames)
}

func TestFrameIDFindsTheIdOfEveryFrame(t *testing.T) {
	for _, tc := range []struct{ name, frame, want string }{
		{"reply", `{"id":"rfc_1","success":true}`, "rfc_1"},
		{"escaped id", `{"id":"a\"b","domain":"rfc"}`, `a"b`},
		{"push", `{"event":"e","domain":"d"}`, ""},
		{"damage after the id", `{"id":"rfc_2","data":{"X":"a` + "\x01" + `b"}}`, "rfc_2"},
		{"damage before the id", `{"data":"a` + "\x01" + `b","id":"rfc_3"}`, "rfc_3"},
		{"id that is not a string", `{"id":7,"x":}`, ""},
		{"not JSON at all", `<html>`, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			assert.Equal(t, tc.want, protocol.FrameID([]byte(tc.frame)))
		})
	}
}

func TestReplaceFrameIDKeepsTheOtherMembers(t *testing.T) {
	b, err := protocol.ReplaceFrameID([]byte(`{"success":true,"data":{"b":1,"a":2},"id":"old"}`), "new")
	require.NoError(t, err)
	assert.Equal(t, `{"id":"new","data":{"b":1,"a":2},"success":true}`, string(b))

	b, err = protocol.ReplaceFrameID([]byte("{\"id\":\"old\",\"data\":\"a\x01b\"}"), "new")
	require.NoError(t, err)
	assert.Equal(t, "{\"id\":\"new\",\"data\":\"a\x01b\"}", string(b), "a malformed frame stays malformed")

	_, err = protocol.ReplaceFrameID([]byte(`not json`), "new")
	assert.Error(t, err)
}

func TestScalarTextIsABAPsTextOfAScalar(t *testing.T) {
	for _, tc := range []struct {
		in   any
		want string
	}{{"a", "a"}, {true, "X"}, {false, ""}, {42, "42"}, {int64(-7), "-7"}, {1.5, "1.5"}, {protocol.Decimal("-1.50"), "-1.50"}} {
		got, ok := protocol.ScalarText(tc.in)
		assert.True(t, ok, "%#v", tc.in)
		assert.Equal(t, tc.want, got, "%#v", tc.in)
	}
	for _, in := range []any{nil, []byte{1}, map[string]any{}} {
		_, ok := protocol.ScalarText(in)
		assert.False(t, ok, "%#v", in)
	}
}
