package protocol_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"strings"
	"testing"

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

// A Decoder fills the next frame's objects with the rows handed back to it:
// the frames it gives are those DecodeFrame gives, and their objects are the
// recycled maps, not new ones.
func TestDecoderRefillsRecycledRows(t *testing.T) {
	var d protocol.Decoder
	first, err := d.DecodeFrame(tableFrame(1, 3))
	if err != nil {
		t.Fatal(err)
	}
	recycled := map[uintptr]bool{}
	for _, r := range rowsOf(t, first) {
		recycled[reflect.ValueOf(r).Pointer()] = true
	}
	d.Recycle(rowsOf(t, first))

	next, err := d.DecodeFrame(tableFrame(4, 3))
	if err != nil {
		t.Fatal(err)
	}
	want, err := protocol.DecodeFrame(tableFrame(4, 3))
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(next, want) {
		t.Fatalf("got %#v\nwant %#v", next.Data, want.Data)
	}
	data := next.Data.(map[string]any)
	reused := 0
	for _, m := range append([]any{data, data["result"]}, rowsOf(t, next)...) {
		if recycled[reflect.ValueOf(m).Pointer()] {
			reused++
		}
	}
	if reused != 3 {
		t.Errorf("%d of the 3 recycled maps were used again", reused)
	}

	d.Release()
	last, err := d.DecodeFrame(tableFrame(7, 1))
	if err != nil {
		t.Fatal(err)
	}
	if recycled[reflect.ValueOf(rowsOf(t, last)[0]).Pointer()] {
		t.Error("a released map came back")
	}
}

// FuzzDecoderAgreesWithDecodeFrame checks a Decoder that has decoded and
// recycled a table frame before, and seen many keys, against DecodeFrame.
func FuzzDecoderAgreesWithDecodeFrame(f *testing.F) {
	for _, s := range jsonSeeds {
		f.Add([]byte(s))
	}
	f.Add(tableFrame(1, 5))
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
		var d protocol.Decoder
		if _, err := d.DecodeFrame([]byte(keys.String())); err != nil {
			t.Fatal(err)
		}
		warm, err := d.DecodeFrame(tableFrame(1, 4))
		if err != nil {
			t.Fatal(err)
		}
		d.Recycle(rowsOf(t, warm))
		got, gotErr := d.DecodeFrame(b)
		want, wantErr := protocol.DecodeFrame(b)
		if (gotErr == nil) != (wantErr == nil) {
			t.Fatalf("%q: error %v, DecodeFrame: %v", b, gotErr, wantErr)
		}
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("%q:\n got %#v\nwant %#v", b, got, want)
		}
	})
}
