package protocol_test

import (
	"encoding/json"
	"errors"
	"testing"

	"github.com/wsrfc/wsrfc/protocol"
)

// FuzzDecodeFrame feeds arbitrary bytes to DecodeFrame (seeds in
// testdata/fuzz/FuzzDecodeFrame are frames from the old and new handlers and
// the broken frames the old handler is known to send). DecodeFrame must never
// panic, must reject with ErrMalformedFrame, and what it accepts must be one of
// the three frame shapes and survive a re-encoding.
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
		if fr2.ID != fr.ID || fr2.Event != fr.Event || fr2.Domain != fr.Domain || fr2.Success != fr.Success || fr2.More != fr.More {
			t.Fatalf("re-encoding changed the frame: %+v vs %+v", fr, fr2)
		}
	})
}
