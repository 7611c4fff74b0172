package protocol_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wsrfc/wsrfc/protocol"
)

// FuzzDecodeFrame feeds arbitrary bytes to DecodeFrame (seeds in
// testdata/fuzz/FuzzDecodeFrame are frames from the old and new handlers and
// the broken frames the old handler is known to send). DecodeFrame must never
// panic, must reject with ErrMalformedFrame, and what it accepts must be one of
// the three frame shapes and survive a re-encoding, its data included.
func FuzzDecodeFrame(f *testing.F) {
	f.Add([]byte(`{"id":"welcome","success":true,"data":{"session":"X","version":"1.0.0","protocol":2,"domains":["system","rfc"]}}`))
	f.Add([]byte(`{"id":"rfc_1","success":false}`))
	f.Add([]byte(`{"event":"e","domain":"d"}`))
	f.Fuzz(func(t *testing.T, b []byte) {
		fr, err := protocol.DecodeFrame(b)
		if err != nil {
			if fr != nil {
				t.Fatalf("a frame and an error for %q", b)
			}
			if !errors.Is(err, protocol.ErrMalformedFrame) {
				t.Fatalf("error %v does not wrap ErrMalformedFrame", err)
			}
			return
		}
		if fr == nil {
			t.Fatalf("no frame and no error for %q", b)
		}
		if fr.ID == "" && fr.Event == "" {
			t.Fatalf("accepted a frame with neither id nor event: %q", b)
		}
		if fr.IsPush() == (fr.ID != "") {
			t.Fatalf("IsPush=%v for id %q", fr.IsPush(), fr.ID)
		}
		if fr.ID != "" && !fr.Success && fr.Error == nil {
			t.Fatalf("a failed response without an error object: %q", b)
		}
		again, err := json.Marshal(fr)
		if err != nil {
			t.Fatalf("an accepted frame does not re-encode: %v", err)
		}
		fr2, err := protocol.DecodeFrame(again)
		if err != nil {
			t.Fatalf("re-encoded frame %s rejected: %v", again, err)
		}
		if fr2.ID != fr.ID || fr2.Event != fr.Event || fr2.Domain != fr.Domain || fr2.Success != fr.Success || fr2.More != fr.More ||
			!reflect.DeepEqual(fr2.Data, fr.Data) {
			t.Fatalf("re-encoding changed the frame: %+v vs %+v", fr, fr2)
		}
	})
}

// jsonSeeds are texts where a JSON decoder is easy to get wrong.
var jsonSeeds = []string{
	`{"id":"rfc_1","success":true,"data":{"result":{"ECHOTEXT":"hi","N":-12.5e+3,"L":[1,2,{"x":null}]}}}`,
	`{"id":"rfc_2","success":true,"more":true,"data":{"result":{"DATA":[{"WA":"0001 ä €"}]}}}`,
	`{"id":"a","id":null,"success":true,"success":null,"data":1,"data":null}`,
	`{"ID":"x","success":true}`, `{"ſuccess":true,"id":"k"}`, `{"Kdomain":"d","event":"e","\u212aey":1}`,
	`{"id":5,"success":true}`, `{"id":"x","success":"yes"}`, `{"id":"x","success":false,"error":{"code":"C","message":"m","details":{"key":"K"}}}`,
	`{"id":"x","success":true,"error":null}`, `{"event":"debuggee","domain":"debug","data":{"line":7}}`,
	`"\ud83d\ude00 \ud83d \ude00 \ud83dx \ud83d\u0041 \u00e9 \/ \b\f\n\r\t \\ \""`,
	"\"\xff\xfe invalid \xc3\x28 utf-8 \xef\xbf\xbd\"", `"\u12"`, `"\x"`, "\"tab\there\"", `'single'`,
	`[01]`, `[-]`, `[1.]`, `[1e]`, `[.5]`, `[-0.0e-0]`, `[1E+2]`, `[1,]`, `{"a":1,}`, `{"a" 1}`, `[tru]`, `[nul]`, `nulls`,
	` {"id":"w","success":true} `, `{"id":"w","success":true} x`, `{}`, `[]`, `[[[[]]]]`, ``, `{`, `"`,
}

// FuzzDecodeValueAgreesWithEncodingJSON checks DecodeValue against
// encoding/json with UseNumber: the same texts accepted, the same values.
func FuzzDecodeValueAgreesWithEncodingJSON(f *testing.F) {
	for _, s := range jsonSeeds {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		got, err := protocol.DecodeValue(b)
		if !json.Valid(b) {
			if err == nil {
				t.Fatalf("accepted what encoding/json rejects: %q -> %#v", b, got)
			}
			return
		}
		if err != nil {
			t.Fatalf("rejected what encoding/json accepts: %q: %v", b, err)
		}
		dec := json.NewDecoder(bytes.NewReader(b))
		dec.UseNumber()
		var want any
		if err := dec.Decode(&want); err != nil {
			t.Fatalf("encoding/json: %v", err)
		}
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("%q:\n got %#v\nwant %#v", b, got, want)
		}
	})
}

// FuzzDecodeFrameAgreesWithEncodingJSON checks the one-pass frame decoder
// against the same decoding done by encoding/json.
func FuzzDecodeFrameAgreesWithEncodingJSON(f *testing.F) {
	for _, s := range jsonSeeds {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		gotF, gotErr := protocol.DecodeFrame(b)
		wantF, wantErr := protocol.DecodeFrameJSON(bytes.TrimSpace(b))
		if (gotErr == nil) != (wantErr == nil) {
			t.Fatalf("%q: error %v, encoding/json: %v", b, gotErr, wantErr)
		}
		if gotErr != nil {
			if !errors.Is(gotErr, protocol.ErrMalformedFrame) {
				t.Fatalf("error %v does not wrap ErrMalformedFrame", gotErr)
			}
			return
		}
		if !reflect.DeepEqual(gotF, wantF) {
			t.Fatalf("%q:\n got %#v\nwant %#v", b, gotF, wantF)
		}
	})
}

func TestDecodeValueNestsAsDeepAsEncodingJSON(t *testing.T) {
	for _, depth := range []int{10000, 10001} {
		b := []byte(strings.Repeat("[", depth) + strings.Repeat("]", depth))
		_, err := protocol.DecodeValue(b)
		if (err == nil) != json.Valid(b) {
			t.Errorf("depth %d: DecodeValue error %v, encoding/json valid %v", depth, err, json.Valid(b))
		}
	}
}

// tableFrame is a continuation frame of a table reply with rows 0001, 0002, ...
func tableFrame(first, n int) []byte {
	var b strings.Builder
	b.WriteString(`{"id":"rfc_9","success":true,"more":true,"data":{"result":{"DATA":[`)
	for i := range n {
		if i > 0 {
			b.WriteByte(',')
		}
		fmt.Fprintf(&b, `{"WA":"%04d","N":%d}`, first+i, first+i)
	}
	b.WriteString(`]}}}`)
	return []byte(b.String())
}

func rowsOf(t *testing.T, f *protocol.Frame) []any {
	t.Helper()
	rows, ok := f.Data.(map[string]any)["result"].(map[string]any)["DATA"].([]any)
	if !ok {
		t.Fatalf("no DATA rows in %#v", f.Data)
	}
	return rows
}

// streamLine is the line the tests' Decoders stream every table with.
var streamLine = protocol.Struct("ROW", protocol.F("WA", protocol.Char(10)), protocol.F("N", protocol.Int4()))

// streamingDecoder streams every array of every reply's result as rows of
// streamLine, and records what it was asked.
func streamingDecoder(asked *[]string) *protocol.Decoder {
	return &protocol.Decoder{Tables: func(id, name string) *protocol.RowStream {
		if asked != nil {
			*asked = append(*asked, id+"/"+name)
		}
		return &protocol.RowStream{Line: streamLine, Name: name, First: 100}
	}}
}

// A Decoder with Tables converts the rows of a reply's tables while it reads
// them: the stream holds what AppendRows makes of the rows DecodeFrame gives.
func TestDecoderStreamsTableRows(t *testing.T) {
	var asked []string
	d := streamingDecoder(&asked)
	frame := tableFrame(1, 300)
	got, err := d.DecodeFrame(frame)
	require.NoError(t, err)
	want, err := protocol.DecodeFrame(frame)
	require.NoError(t, err)
	rs, ok := got.Data.(map[string]any)["result"].(map[string]any)["DATA"].(*protocol.RowStream)
	require.True(t, ok, "DATA is %T", got.Data.(map[string]any)["result"].(map[string]any)["DATA"])
	fields, err := protocol.AppendRows(nil, streamLine, rowsOf(t, want), "DATA", 100)
	require.NoError(t, err)
	assert.Equal(t, 300, rs.Rows)
	assert.Equal(t, fields, rs.Fields)
	assert.NoError(t, rs.Err)
	assert.Equal(t, []string{"rfc_9/DATA"}, asked)

	// A row that does not fit is named by its place in the whole table.
	bad := bytes.Replace(frame, []byte(`"N":7}`), []byte(`"N":"seven"}`), 1)
	got, err = d.DecodeFrame(bad)
	require.NoError(t, err)
	rs = got.Data.(map[string]any)["result"].(map[string]any)["DATA"].(*protocol.RowStream)
	assert.Equal(t, 300, rs.Rows, "the rows after a bad one are still read")
	assert.ErrorContains(t, rs.Err, "DATA[106].N")

	// Data before the id, a push, and a frame whose data has no result are
	// decoded as DecodeFrame does, without asking.
	asked = nil
	for _, b := range []string{
		`{"success":true,"data":{"result":{"DATA":[{"WA":"x"}]}},"id":"rfc_1"}`,
		`{"event":"e","domain":"d","data":{"result":{"DATA":[{"WA":"x"}]}}}`,
		`{"id":"rfc_2","success":true,"data":[{"result":[]}]}`,
		`{"id":"rfc_3","success":true,"data":{"result":"none"}}`,
	} {
		got, err := d.DecodeFrame([]byte(b))
		require.NoError(t, err, b)
		want, err := protocol.DecodeFrame([]byte(b))
		require.NoError(t, err, b)
		assert.Equal(t, want, got, b)
	}
	assert.Empty(t, asked)
}

// sameAsStreamed checks a frame decoded with streamingDecoder against the
// same frame by DecodeFrame: every stream holds what AppendRows makes of the
// array in its place, and everything else is equal.
func sameAsStreamed(t *testing.T, b []byte, got, want *protocol.Frame) {
	t.Helper()
	gotResult, _ := mapAt(got.Data, "result")
	wantResult, _ := mapAt(want.Data, "result")
	for name, v := range gotResult {
		rs, ok := v.(*protocol.RowStream)
		if !ok {
			continue
		}
		rows, _ := wantResult[name].([]any)
		fields, err := protocol.AppendRows(nil, streamLine, rows, name, 100)
		if rs.Rows != len(rows) || (err == nil) != (rs.Err == nil) || err != nil && err.Error() != rs.Err.Error() ||
			err == nil && !reflect.DeepEqual(fields, rs.Fields) && len(fields)+len(rs.Fields) > 0 {
			t.Fatalf("%q: stream %s: %d rows %v, %#v\nAppendRows of %d rows: %v, %#v", b, name, rs.Rows, rs.Err, rs.Fields, len(rows), err, fields)
		}
		gotResult[name] = wantResult[name]
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("%q:\n got %#v\nwant %#v", b, got, want)
	}
}

func mapAt(v any, key string) (map[string]any, bool) {
	m, ok := v.(map[string]any)
	if !ok {
		return nil, false
	}
	r, ok := m[key].(map[string]any)
	return r, ok
}

// FuzzDecoderAgreesWithDecodeFrame checks a Decoder that has seen many keys
// and streams every table against DecodeFrame.
func FuzzDecoderAgreesWithDecodeFrame(f *testing.F) {
	for _, s := range jsonSeeds {
		f.Add([]byte(s))
	}
	f.Add(tableFrame(1, 5))
	f.Add([]byte(`{"id":"r","success":true,"data":{"result":{"DATA":[{"WA":"a","N":1},null,{"WA":"b","X":2}],"T":[],"S":"x","U":[1,[2]]}}}`))
	f.Add([]byte(`{"id":"r","success":true,"data":{"result":{"DATA":[{"WA":"a"}],"DATA":[{"N":2}]},"result":{"E":[{}]}}}`))
	var keys strings.Builder
	keys.WriteString(`{"id":"k","success":true,"data":{`)
	for i := range 1500 { // more keys than a Decoder keeps
		if i > 0 {
			keys.WriteByte(',')
		}
		fmt.Fprintf(&keys, `"K%d":%d`, i, i)
	}
	keys.WriteString(`}}`)
	f.Fuzz(func(t *testing.T, b []byte) {
		d := streamingDecoder(nil)
		if _, err := d.DecodeFrame([]byte(keys.String())); err != nil {
			t.Fatal(err)
		}
		if _, err := d.DecodeFrame(tableFrame(1, 4)); err != nil {
			t.Fatal(err)
		}
		got, gotErr := d.DecodeFrame(b)
		want, wantErr := protocol.DecodeFrame(b)
		if (gotErr == nil) != (wantErr == nil) {
			t.Fatalf("%q: error %v, DecodeFrame: %v", b, gotErr, wantErr)
		}
		if gotErr == nil {
			sameAsStreamed(t, b, got, want)
		}
	})
}
