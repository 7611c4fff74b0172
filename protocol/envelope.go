// Package protocol is the ZADT_VSP wire format on the Go side: envelopes, the welcome
// message, error codes, ABAP type descriptors and how typed values travel as JSON.
//
// Both the session client and the simulator speak through this package, so the
// protocol lives in exactly one place; docs/protocol.md describes the same format
// for the ABAP handler.
package protocol

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
)

// DefaultPath is the ICF path of the ZADT_VSP push channel.
const DefaultPath = "/sap/bc/apc/sap/zadt_vsp"

// WelcomeID is the id of the unsolicited frame a server sends right after the upgrade.
const WelcomeID = "welcome"

// Request is one client→server frame.
type Request struct {
	ID     string          `json:"id"`
	Domain string          `json:"domain"`
	Action string          `json:"action"`
	Params json.RawMessage `json:"params,omitempty"`
	// Timeout is the caller's deadline in milliseconds. The old handler parses and
	// ignores it; the wsrfc handler uses it as a server-side limit where it can.
	Timeout int64 `json:"timeout,omitempty"`
}

// Response is one server→client frame answering a request. With the chunked
// feature a large reply arrives as several frames with the same id: every frame
// but the last has More set, and the client merges their Data (see MergeData).
type Response struct {
	ID      string          `json:"id"`
	Success bool            `json:"success"`
	More    bool            `json:"more,omitempty"`
	Data    json.RawMessage `json:"data,omitempty"`
	Error   *Error          `json:"error,omitempty"`
}

// Push is an unsolicited server→client frame (feature "push"). It has no id, which
// is how a reader tells it from a response.
type Push struct {
	Event  string          `json:"event"`
	Domain string          `json:"domain"`
	Data   json.RawMessage `json:"data,omitempty"`
}

// Frame is any server→client frame as decoded by DecodeFrame; exactly one of the
// three shapes (welcome, response, push) applies.
type Frame struct {
	ID      string `json:"id"`
	Success bool   `json:"success"`
	More    bool   `json:"more"`
	// Data is the frame's data decoded as DecodeValue decodes JSON (numbers as
	// json.Number, so that no digit is lost); nil when absent or null.
	Data   any    `json:"data"`
	Error  *Error `json:"error"`
	Event  string `json:"event"`
	Domain string `json:"domain"`
}

// IsPush reports whether the frame is an unsolicited event.
func (f *Frame) IsPush() bool { return f.ID == "" && f.Event != "" }

// IsWelcome reports whether the frame is the session's welcome message.
func (f *Frame) IsWelcome() bool { return f.ID == WelcomeID }

// ErrMalformedFrame wraps every reason a frame could not be understood.
var ErrMalformedFrame = errors.New("malformed frame")

// DecodeFrame parses one text frame from the server, its data included, in
// one pass over the bytes (decoding the envelope first and the data after
// would scan the data three times; for the continuation frames of a large
// table that is most of a client's work). It is the client's one way to read
// a frame. It never panics on hostile input; everything it rejects wraps
// ErrMalformedFrame.
func DecodeFrame(b []byte) (*Frame, error) { return decodeFrame(b, nil) }

// A Decoder decodes the frames of one connection, one after another, on one
// goroutine, and keeps what makes the next frame cheaper to decode: the
// object keys it has seen (a table's field names, then taken once per
// session instead of once per row). With Tables set, it also converts the
// rows of a reply's tables as it reads them (see RowStream). The zero value
// is ready to use.
type Decoder struct {
	// Tables, when set, is asked about every array in data.result of a reply
	// whose id comes before its data (as both handlers write it): a stream it
	// returns takes that array's rows, and the array's value in the decoded
	// data is that stream. It runs on the decoding goroutine.
	Tables func(id, name string) *RowStream
	keys   map[string]string
	row    map[string]any // one row of a streamed table, cleared for the next
}

// maxKeys bounds what a Decoder keeps: a hostile server's random keys cost
// at most maxKeys strings.
const maxKeys = 1024

// DecodeFrame is the package's DecodeFrame, reusing what d keeps.
func (d *Decoder) DecodeFrame(b []byte) (*Frame, error) { return decodeFrame(b, d) }

// intern keeps k for the next frames, while there is room.
func (d *Decoder) intern(k string) string {
	if len(d.keys) < maxKeys {
		if d.keys == nil {
			d.keys = map[string]string{}
		}
		d.keys[k] = k
	}
	return k
}

func decodeFrame(b []byte, reuse *Decoder) (*Frame, error) {
	b = bytes.TrimSpace(b)
	if len(b) == 0 || b[0] != '{' {
		return nil, fmt.Errorf("%w: not a JSON object", ErrMalformedFrame)
	}
	f, exact, err := decodeFrameFast(b, reuse)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrMalformedFrame, err)
	}
	if !exact {
		return decodeFrameJSON(b)
	}
	if err := f.check(); err != nil {
		return nil, err
	}
	return f, nil
}

// decodeFrameJSON is DecodeFrame by encoding/json, for the frames whose
// envelope needs its rules (see decodeFrameFast), and the reference the fast
// decoder is fuzzed against.
func decodeFrameJSON(b []byte) (*Frame, error) {
	var f Frame
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	if err := dec.Decode(&f); err != nil {
		return nil, fmt.Errorf("%w: %w", ErrMalformedFrame, err)
	}
	if dec.InputOffset() != int64(len(b)) {
		return nil, fmt.Errorf("%w: data after the JSON object", ErrMalformedFrame)
	}
	if err := f.check(); err != nil {
		return nil, err
	}
	return &f, nil
}

// DecodeData fills v, a Go type with JSON tags, from a frame's data: for the
// small replies a client reads into its own types (an interface, a search
// result, the welcome), never for the values of a call. It renders the data
// as JSON again and decodes that, numbers kept as written.
func DecodeData(data any, v any) error {
	if data == nil {
		return nil
	}
	b, err := Marshal(data)
	if err != nil {
		return err
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	return dec.Decode(v)
}

// check applies the rules every decoded frame must meet.
func (f *Frame) check() error {
	switch {
	case f.ID == "" && f.Event == "":
		return fmt.Errorf("%w: neither id nor event", ErrMalformedFrame)
	case f.ID != "" && !f.Success && f.Error == nil:
		// The old handler never sends this, but a reply that says "failed" without
		// saying why must still end the call with an error, not "unexpected end of JSON".
		f.Error = &Error{Code: CodeProtocolError, Message: "the server reported a failure without an error object"}
	}
	return nil
}

// EncodeRequest renders a request frame. HTML escaping is off: the old handler
// does not unescape \u003c and friends, so '<' must travel as '<'.
//
// The frame is written by hand, byte for byte what encoding/json makes of
// Request with HTML escaping off: going through reflection and re-validating
// Params cost more than the rest of sending a small call.
func EncodeRequest(r *Request) ([]byte, error) {
	b := appendRequestHead(make([]byte, 0, len(r.Params)+len(r.ID)+len(r.Domain)+len(r.Action)+64), r)
	if len(r.Params) > 0 {
		b = append(b, `,"params":`...)
		params := bytes.NewBuffer(b)
		if err := json.Compact(params, r.Params); err != nil {
			return nil, fmt.Errorf("json: error calling MarshalJSON for type json.RawMessage: %w", err)
		}
		b = params.Bytes()
	}
	return appendRequestTail(b, r), nil
}

// EncodeRequestWith renders a request frame whose params are params rendered
// as Marshal does, written straight into the frame: what EncodeRequest makes
// of r with Params set to Marshal(params), without the second pass.
func EncodeRequestWith(r *Request, params any) ([]byte, error) {
	b := appendRequestHead(make([]byte, 0, len(r.ID)+len(r.Domain)+len(r.Action)+192), r)
	if params != nil {
		b = append(b, `,"params":`...)
		var err error
		if b, err = appendJSON(b, params, 0); err != nil {
			return nil, err
		}
	}
	return appendRequestTail(b, r), nil
}

// appendRequestHead and appendRequestTail are a request frame around its params.
func appendRequestHead(b []byte, r *Request) []byte {
	b = append(b, `{"id":`...)
	b = appendJSONString(b, r.ID)
	b = append(b, `,"domain":`...)
	b = appendJSONString(b, r.Domain)
	b = append(b, `,"action":`...)
	b = appendJSONString(b, r.Action)
	return b
}

func appendRequestTail(b []byte, r *Request) []byte {
	if r.Timeout != 0 {
		b = append(b, `,"timeout":`...)
		b = strconv.AppendInt(b, r.Timeout, 10)
	}
	return append(b, '}')
}

// appendJSONString appends s as a JSON string as encoding/json writes it with
// HTML escaping off. Identifiers take the fast path; anything else goes
// through encoding/json.
func appendJSONString(b []byte, s string) []byte {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c >= 0x7f || c == '"' || c == '\\' {
			b, _ = appendStd(b, s) // a string always marshals
			return b
		}
	}
	b = append(b, '"')
	b = append(b, s...)
	return append(b, '"')
}

// Marshal renders any value as JSON without HTML escaping (see EncodeRequest),
// byte for byte as encoding/json does (see appendJSON).
func Marshal(v any) ([]byte, error) {
	b, err := appendJSON(make([]byte, 0, 128), v, 0)
	if err != nil {
		return nil, err
	}
	return b, nil
}

// MergeData folds the data of a continuation frame into what arrived before:
// objects merge key by key, arrays are concatenated, anything else is replaced.
// The rule is deliberately generic so that any domain can split a large reply.
func MergeData(dst, src any) any {
	switch s := src.(type) {
	case map[string]any:
		d, ok := dst.(map[string]any)
		if !ok {
			return s
		}
		for k, v := range s {
			if old, exists := d[k]; exists {
				d[k] = MergeData(old, v)
			} else {
				d[k] = v
			}
		}
		return d
	case []any:
		if d, ok := dst.([]any); ok {
			return append(d, s...)
		}
		return s
	default:
		return src
	}
}
