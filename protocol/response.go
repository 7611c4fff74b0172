package protocol

import (
	"bytes"
	"encoding/json"
	"sort"

	"github.com/wsrfc/wsrfc/internal/lazyre"
)

// This file is the server side of the wire: how a handler (the simulator, a
// replayed cassette) renders its replies. The client side is DecodeFrame and
// MergeData; both directions live here so that a change to the envelope is
// made once.

// EncodeSuccess wraps already encoded data in a success frame. Marshalling a
// Response would scan and compact the data a second time.
func EncodeSuccess(id string, data []byte) []byte {
	idJSON, _ := Marshal(id) // a string always marshals
	b := make([]byte, 0, len(data)+len(idJSON)+32)
	b = append(b, `{"id":`...)
	b = append(b, idJSON...)
	b = append(b, `,"success":true,"data":`...)
	b = append(b, data...)
	return append(b, '}')
}

// EncodeFailure renders the frame that answers request id with an error.
func EncodeFailure(id string, e *Error) []byte {
	b, _ := Marshal(&Response{ID: id, Error: e}) // Error holds strings only: it always marshals
	return b
}

// continuationHead starts a frame of a split reply that more frames follow.
func continuationHead(id string) []byte {
	idJSON, _ := Marshal(id)
	return append(append([]byte(`{"id":`), idJSON...), `,"success":true,"more":true,"data":`...)
}

// SplitReply sends data, the reply to request id, through send in frames of
// about maxFrameBytes (feature frames.chunked): the rows of the tables in
// data's "result" object go first, a table at a time, in frames marked more;
// the last frame carries the rest, naming every split table with no rows, so
// that MergeData on the client rebuilds data. A row larger than a frame still
// goes whole, and data with no "result" tables goes as one frame: the
// client's read limit decides. A *CallResult is split as its Result.
func SplitReply(id string, data any, maxFrameBytes int, send func(frame []byte) error) error {
	root, ok := data.(map[string]any)
	if cr, isCall := data.(*CallResult); isCall {
		root, ok = map[string]any{"result": cr.Result}, true
	}
	var result map[string]any
	if ok {
		result, _ = root["result"].(map[string]any)
	}
	if result == nil {
		raw, err := Marshal(data)
		if err != nil {
			return err
		}
		return send(EncodeSuccess(id, raw))
	}
	head := continuationHead(id)
	names := make([]string, 0, len(result))
	for name, v := range result {
		if _, isTable := v.([]any); isTable {
			names = append(names, name)
		}
	}
	sort.Strings(names)
	rest := make(map[string]any, len(result))
	for k, v := range result {
		rest[k] = v
	}
	budget := maxFrameBytes - 128
	for _, name := range names {
		rows := result[name].([]any)
		delete(rest, name)
		var buf bytes.Buffer
		count := 0
		flush := func() error {
			if count == 0 {
				return nil
			}
			var f bytes.Buffer
			nameJSON, _ := Marshal(name)
			f.Write(head)
			f.WriteString(`{"result":{`)
			f.Write(nameJSON)
			f.WriteString(":[")
			f.Write(buf.Bytes())
			f.WriteString("]}}}")
			buf.Reset()
			count = 0
			return send(f.Bytes())
		}
		for _, row := range rows {
			rb, err := Marshal(row)
			if err != nil {
				return err
			}
			if count > 0 && buf.Len()+len(rb)+1 > budget-len(name) {
				if err := flush(); err != nil {
					return err
				}
			}
			if count > 0 {
				buf.WriteByte(',')
			}
			buf.Write(rb)
			count++
		}
		if err := flush(); err != nil {
			return err
		}
		rest[name] = []any{} // the final frame names the table even when all rows went before
	}
	last := make(map[string]any, len(root))
	for k, v := range root {
		last[k] = v
	}
	last["result"] = rest
	raw, err := Marshal(last)
	if err != nil {
		return err
	}
	return send(EncodeSuccess(id, raw))
}

// idMember finds the id of a frame that is not valid JSON: the old handler
// sends raw control characters in values, and a reply must still reach its call.
var idMember = lazyre.New(`"id"\s*:\s*"([^"\\]*)"`)

// FrameID returns the id of a frame in either direction, "" for a push or
// when no id can be found. A frame that does not parse as a whole is read
// member by member up to the damage; past it, the first "id" member found in
// the text is taken.
func FrameID(frame []byte) string {
	var f struct {
		ID string `json:"id"`
	}
	if json.Unmarshal(frame, &f) == nil {
		return f.ID
	}
	if id, found := idBeforeDamage(frame); found {
		return id
	}
	if m := idMember().FindSubmatch(frame); m != nil {
		return string(m[1])
	}
	return ""
}

// idBeforeDamage reads the top-level members of a broken JSON object until
// the id or the first member it cannot read.
func idBeforeDamage(frame []byte) (string, bool) {
	dec := json.NewDecoder(bytes.NewReader(frame))
	if t, err := dec.Token(); err != nil || t != json.Delim('{') {
		return "", false
	}
	for dec.More() {
		k, err := dec.Token()
		if err != nil {
			return "", false
		}
		var v json.RawMessage
		if err := dec.Decode(&v); err != nil {
			return "", false
		}
		if k == "id" {
			var id string
			if json.Unmarshal(v, &id) == nil {
				return id, true
			}
			return "", true // an id that is not a string: there is none to answer to
		}
	}
	return "", false
}

// ReplaceFrameID returns frame with its id replaced by id; the other members
// keep their text, the id comes first and the rest sorted, as frames are sent.
// A frame that is not valid JSON stays malformed, with the id replaced in its
// text; one with no id to replace is an error.
func ReplaceFrameID(frame []byte, id string) ([]byte, error) {
	var m map[string]json.RawMessage
	if err := json.Unmarshal(frame, &m); err != nil {
		loc := idMember().FindSubmatchIndex(frame)
		if loc == nil {
			return nil, err
		}
		return append(append(append([]byte(nil), frame[:loc[2]]...), id...), frame[loc[3]:]...), nil
	}
	idJSON, _ := json.Marshal(id)
	m["id"] = idJSON
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		if keys[i] == "id" || keys[j] == "id" {
			return keys[i] == "id"
		}
		return keys[i] < keys[j]
	})
	var b bytes.Buffer
	b.WriteByte('{')
	for i, k := range keys {
		if i > 0 {
			b.WriteByte(',')
		}
		kb, _ := json.Marshal(k)
		b.Write(kb)
		b.WriteByte(':')
		b.Write(m[k])
	}
	b.WriteByte('}')
	return b.Bytes(), nil
}
