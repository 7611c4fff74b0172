// Package cassette records the frames of wsrfc sessions into a JSON file and
// replays them from a tiny in-process WebSocket server, so that scenarios run
// again later with no SAP system.
package cassette

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/wsrfc/wsrfc/internal/lazyre"
	"github.com/wsrfc/wsrfc/protocol"
)

// Version is the cassette format written here; Load refuses other versions.
const Version = 1

// Cassette is the content of a cassette file: the sessions of one run, in the
// order they were opened.
type Cassette struct {
	Version  int        `json:"version"`
	Recorded time.Time  `json:"recorded"`
	Sessions []*Session `json:"sessions"`
}

// Session is one recorded WebSocket session.
type Session struct {
	// Client and User are the logon of the session, so that a replay shows
	// the same sap.session (the old handler's welcome does not say).
	Client string `json:"client,omitempty"`
	User   string `json:"user,omitempty"`
	// Welcome is the frame the server sent after the upgrade.
	Welcome json.RawMessage `json:"welcome"`
	// Pushes are the unsolicited frames that arrived before the first request.
	Pushes []json.RawMessage `json:"pushes,omitempty"`
	// Exchanges are the requests in the order they were sent, each with its replies.
	Exchanges []*Exchange `json:"exchanges"`
}

// Exchange is one request and what answered it.
type Exchange struct {
	Request json.RawMessage `json:"request"`
	// Replies are the frames with the request's id: one, or several for a chunked reply.
	Replies []json.RawMessage `json:"replies"`
	// Pushes are unsolicited frames that arrived while this was the latest request;
	// replay sends them after the replies.
	Pushes []json.RawMessage `json:"pushes,omitempty"`
}

// Load reads a cassette file.
func Load(path string) (*Cassette, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("cassette: %w", err)
	}
	var c Cassette
	if err := json.Unmarshal(b, &c); err != nil {
		return nil, fmt.Errorf("cassette %s is not valid JSON: %v", path, err)
	}
	if c.Version != Version {
		return nil, fmt.Errorf("cassette %s has format version %d; this wsrfc reads version %d: record it again", path, c.Version, Version)
	}
	for i, s := range c.Sessions {
		if s == nil || len(s.Welcome) == 0 {
			return nil, fmt.Errorf("cassette %s: session %d has no welcome frame", path, i+1)
		}
	}
	return &c, nil
}

// WriteFile writes the cassette as indented JSON, replacing the file atomically
// so that a reader never sees half a cassette.
func (c *Cassette) WriteFile(path string) error {
	b, err := json.MarshalIndent(c, "", "  ")
	if err != nil {
		return fmt.Errorf("cassette: %w", err)
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), ".cassette-*")
	if err != nil {
		return fmt.Errorf("cassette: %w", err)
	}
	_, werr := tmp.Write(append(b, '\n'))
	cerr := tmp.Close()
	if err := errors.Join(werr, cerr); err != nil {
		_ = os.Remove(tmp.Name())
		return fmt.Errorf("cassette: writing %s: %w", path, err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		_ = os.Remove(tmp.Name())
		return fmt.Errorf("cassette: %w", err)
	}
	return nil
}

// secretPart matches parameter and field names whose values must never reach
// a cassette (BAPI_USER_CHANGE's PASSWORD and BAPIPWD, SU01's INITPWD, a
// PASSCODE, an OAuth TOKEN, a client SECRET, an API_KEY, a German KENNWORT).
var secretPart = lazyre.New(`(?i)PASSW|PWD|PASSCODE|KENNW|SECRET|TOKEN|API_?KEY|PRIVATE_?KEY|CREDENTIAL|MYSAPSSO|COOKIE`)

// secretWords are whole words of a name (split at _ and camel case) that
// name a secret, but inside other words do not (PASS, not PASSENGER). PW is
// left out: BAPI_USER_GET_DETAIL's ISLOCKED-NO_USER_PW is a flag.
var secretWords = map[string]bool{"PASS": true, "PIN": true, "TAN": true, "OTP": true}

// secretName reports whether a member's name says that its value is secret.
func secretName(name string) bool {
	if secretPart().MatchString(name) {
		return true
	}
	start := 0
	for i := 1; i <= len(name); i++ {
		if i == len(name) || name[i] == '_' || name[i] == '-' ||
			(name[i] >= 'A' && name[i] <= 'Z' && name[i-1] >= 'a' && name[i-1] <= 'z') {
			if secretWords[strings.ToUpper(strings.Trim(name[start:i], "_-"))] {
				return true
			}
			start = i
		}
	}
	return false
}

// Redacted replaces the value of a secret parameter.
const Redacted = "[REDACTED]"

// RedactFrame is redactFrame for the protocol trace (--trace), which writes
// frames through the same redaction as cassettes.
func RedactFrame(frame []byte) []byte { return redactFrame(frame) }

// redactFrame returns the frame with the values of secret-named members
// replaced at any depth. Frames that are not JSON come back unchanged.
func redactFrame(frame []byte) []byte {
	v, err := decode(frame)
	if err != nil || !redactValue(v, false) {
		return frame
	}
	b, err := protocol.Marshal(v)
	if err != nil {
		return frame
	}
	return b
}

// redactValue redacts in place and reports whether anything changed. Inside a
// secret-named member every scalar goes (a PASSWORD structure's fields too).
func redactValue(v any, secret bool) bool {
	changed := false
	switch x := v.(type) {
	case map[string]any:
		for k, val := range x {
			inner := secret || secretName(k)
			switch val.(type) {
			case map[string]any, []any:
				changed = redactValue(val, inner) || changed
			default:
				if inner && val != nil && val != "" && val != Redacted {
					x[k] = Redacted
					changed = true
				}
			}
		}
	case []any:
		for i, val := range x {
			switch val.(type) {
			case map[string]any, []any:
				changed = redactValue(val, secret) || changed
			default:
				if secret && val != nil && val != "" && val != Redacted {
					x[i] = Redacted
					changed = true
				}
			}
		}
	}
	return changed
}

func decode(b []byte) (any, error) {
	var v any
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	if err := dec.Decode(&v); err != nil {
		return nil, err
	}
	return v, nil
}

// matchKey is what identifies a request for replay: domain, action and the
// redacted params in a canonical form (object keys sorted, numbers as written).
// The request's own id and timeout do not count.
func matchKey(frame []byte) (key string, r protocol.Request, params string, err error) {
	if err := json.Unmarshal(frame, &r); err != nil {
		return "", r, "", fmt.Errorf("not a request frame: %v", err)
	}
	params = "null"
	if len(r.Params) > 0 {
		v, err := decode(r.Params)
		if err != nil {
			return "", r, "", fmt.Errorf("params are not JSON: %v", err)
		}
		redactValue(v, false)
		b, err := protocol.Marshal(v)
		if err != nil {
			return "", r, "", err
		}
		params = string(b)
	}
	return r.Domain + "\x00" + r.Action + "\x00" + params, r, params, nil
}

// withID returns a stored reply frame, as sent on the wire, with its id
// replaced; other members keep their text.
func withID(stored json.RawMessage, id string) ([]byte, error) {
	return protocol.ReplaceFrameID(wireFrame(stored), id)
}

// rawFrame stores a frame: as itself when it is JSON, else as a JSON string
// (the old handler can send frames with raw control characters).
func rawFrame(frame []byte) json.RawMessage {
	if json.Valid(frame) {
		return append(json.RawMessage(nil), frame...)
	}
	b, _ := json.Marshal(string(frame))
	return b
}

// wireFrame is the inverse of rawFrame.
func wireFrame(stored json.RawMessage) []byte {
	if t := bytes.TrimSpace(stored); len(t) > 0 && t[0] == '"' {
		var s string
		if json.Unmarshal(t, &s) == nil {
			return []byte(s)
		}
	}
	return stored
}

// describeRequest names a request for error messages: domain.action and its
// redacted params, shortened.
func describeRequest(r protocol.Request, params string) string {
	if params == "null" {
		params = "{}"
	}
	if len(params) > 300 {
		params = params[:300] + "…"
	}
	return fmt.Sprintf("%s.%s %s", r.Domain, r.Action, params)
}

// Logon returns the client and user the first recorded session logged on
// with, as recorded or else from its welcome frame ("" when unknown).
func (c *Cassette) Logon() (client, user string) {
	if len(c.Sessions) == 0 {
		return "", ""
	}
	if s := c.Sessions[0]; s.User != "" {
		return s.Client, s.User
	}
	f, err := protocol.DecodeFrame(wireFrame(c.Sessions[0].Welcome))
	if err != nil {
		return "", ""
	}
	var w protocol.Welcome
	if protocol.DecodeData(f.Data, &w) != nil || w.System == nil {
		return "", ""
	}
	return w.System.Client, w.System.User
}
