// Package trace writes a protocol trace for support cases (wsrfc --trace FILE):
// one JSON line per frame of every session, with the request each response
// answers, its function module and the time it took. Values of secret-named
// parameters are redacted as in cassettes, and large frames are summarised.
package trace

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"sync"
	"time"

	"github.com/wsrfc/wsrfc/cassette"
	"github.com/wsrfc/wsrfc/session"
)

// MaxFrameBytes is the largest frame written whole; a larger one is traced by
// its envelope and size (a 100,000-row table would make the trace unreadable).
const MaxFrameBytes = 64 << 10

// Writer is one trace file, shared by the sessions of a run.
type Writer struct {
	mu       sync.Mutex
	f        *os.File
	w        *bufio.Writer
	sessions int
	err      error
}

// Create opens (truncates) the trace file; only its owner may read it.
func Create(path string) (*Writer, error) {
	f, err := os.OpenFile(path, os.O_CREATE|os.O_TRUNC|os.O_WRONLY, 0o600)
	if err != nil {
		return nil, fmt.Errorf("cannot write the trace: %w", err)
	}
	return &Writer{f: f, w: bufio.NewWriter(f)}, nil
}

// Close flushes and closes the file, and reports the first write error.
func (t *Writer) Close() error {
	t.mu.Lock()
	defer t.mu.Unlock()
	if err := t.w.Flush(); err != nil && t.err == nil {
		t.err = err
	}
	if err := t.f.Close(); err != nil && t.err == nil {
		t.err = err
	}
	return t.err
}

// Observe wraps a destination.Config.Observe function: each session opened
// gets an observer that traces its frames, then hands them to next's.
func (t *Writer) Observe(next func(client, user string) session.Observer) func(client, user string) session.Observer {
	return func(client, user string) session.Observer {
		t.mu.Lock()
		t.sessions++
		n := t.sessions
		t.mu.Unlock()
		o := &observer{t: t, session: n, pending: map[string]request{}}
		if next != nil {
			o.next = next(client, user)
		}
		t.line(map[string]any{"t": now(), "session": n, "dir": "logon", "client": client, "user": user})
		return o
	}
}

type request struct {
	at       time.Time
	domain   string
	action   string
	function string
}

type observer struct {
	t       *Writer
	session int
	next    session.Observer

	mu       sync.Mutex
	pending  map[string]request
	welcomed bool
}

// envelope is what the trace needs of a frame (protocol.Request/Response/Push).
type envelope struct {
	ID      string `json:"id"`
	Domain  string `json:"domain"`
	Action  string `json:"action"`
	Event   string `json:"event"`
	Success *bool  `json:"success"`
	More    bool   `json:"more"`
	Params  struct {
		Function string `json:"function"`
	} `json:"params"`
	Error *struct {
		Code string `json:"code"`
	} `json:"error"`
}

func (o *observer) Frame(sent bool, frame []byte) {
	at := time.Now()
	var env envelope
	_ = json.Unmarshal(frame, &env)
	line := map[string]any{"t": at.UTC().Format(time.RFC3339Nano), "session": o.session, "bytes": len(frame)}
	o.mu.Lock()
	switch {
	case sent:
		line["dir"] = "request"
		o.pending[env.ID] = request{at: at, domain: env.Domain, action: env.Action, function: env.Params.Function}
		addNonEmpty(line, "id", env.ID, "domain", env.Domain, "action", env.Action, "function", env.Params.Function)
	case !o.welcomed:
		o.welcomed = true
		line["dir"] = "welcome"
	case env.Success == nil && env.Event != "":
		line["dir"] = "push"
		addNonEmpty(line, "domain", env.Domain, "event", env.Event)
	default:
		line["dir"] = "response"
		req, ok := o.pending[env.ID]
		if ok && !env.More {
			delete(o.pending, env.ID)
		}
		addNonEmpty(line, "id", env.ID, "domain", req.domain, "action", req.action, "function", req.function)
		if ok {
			line["ms"] = float64(at.Sub(req.at).Microseconds()) / 1000
		}
		if env.Success != nil {
			line["success"] = *env.Success
		}
		if env.More {
			line["more"] = true
		}
		if env.Error != nil && env.Error.Code != "" {
			line["error"] = env.Error.Code
		}
	}
	o.mu.Unlock()
	if len(frame) <= MaxFrameBytes {
		line["frame"] = json.RawMessage(cassette.RedactFrame(frame))
	} else {
		line["frameOmitted"] = fmt.Sprintf("%d bytes, more than %d", len(frame), MaxFrameBytes)
	}
	o.t.line(line)
	if o.next != nil {
		o.next.Frame(sent, frame)
	}
}

func (o *observer) Ended(err error) {
	line := map[string]any{"t": now(), "session": o.session, "dir": "end"}
	if err != nil {
		line["reason"] = err.Error()
	}
	o.t.line(line)
	if o.next != nil {
		o.next.Ended(err)
	}
}

func addNonEmpty(line map[string]any, kv ...string) {
	for i := 0; i+1 < len(kv); i += 2 {
		if kv[i+1] != "" {
			line[kv[i]] = kv[i+1]
		}
	}
}

func now() string { return time.Now().UTC().Format(time.RFC3339Nano) }

// line writes one JSON line; the first error is kept for Close.
func (t *Writer) line(v map[string]any) {
	b, err := json.Marshal(v)
	if err != nil {
		// a frame that is not valid JSON: keep the line, without the frame
		delete(v, "frame")
		v["frameInvalid"] = true
		b, _ = json.Marshal(v)
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.err != nil {
		return
	}
	if _, err := t.w.Write(append(b, '\n')); err != nil {
		t.err = err
	}
}
