package cassette

import (
	"encoding/json"
	"sync"
	"time"

	"github.com/wsrfc/wsrfc/protocol"
	"github.com/wsrfc/wsrfc/session"
)

// Recorder collects the frames of the sessions it observes and writes them to
// a cassette file whenever a session ends, so the file is complete even when a
// script ends without tidying up. A session may report its end on its reader
// goroutine after Close has returned: call Save once the sessions are closed
// to have everything on disk before going on.
type Recorder struct {
	path string

	mu       sync.Mutex
	cassette Cassette
	err      error // the last failed write, reported by Save
}

// NewRecorder records into the cassette file at path (written on the first
// session end or Save).
func NewRecorder(path string) *Recorder {
	return &Recorder{path: path, cassette: Cassette{Version: Version, Recorded: time.Now().UTC().Truncate(time.Second)}}
}

// Path is the cassette file the recorder writes.
func (r *Recorder) Path() string { return r.path }

// Observe returns the observer of one new session that logs on as user in
// client; it fits destination.Config.Observe.
func (r *Recorder) Observe(client, user string) session.Observer {
	s := &Session{Client: client, User: user}
	r.mu.Lock()
	r.cassette.Sessions = append(r.cassette.Sessions, s)
	r.mu.Unlock()
	return &observer{r: r, s: s, byID: map[string]*Exchange{}}
}

// Save writes the cassette now. It reports a failure of this or an earlier write.
func (r *Recorder) Save() error {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.err = r.writeLocked()
	return r.err
}

func (r *Recorder) writeLocked() error {
	out := r.cassette
	out.Sessions = nil
	for _, s := range r.cassette.Sessions {
		if len(s.Welcome) > 0 { // a session whose logon failed has nothing to replay
			out.Sessions = append(out.Sessions, s)
		}
	}
	return out.WriteFile(r.path)
}

type observer struct {
	r    *Recorder
	s    *Session
	byID map[string]*Exchange // requests waiting for (more) replies
	last *Exchange            // the latest request, which pushes are filed under
}

func (o *observer) Frame(sent bool, frame []byte) {
	frame = redactFrame(frame)
	stored := rawFrame(frame)
	o.r.mu.Lock()
	defer o.r.mu.Unlock()
	id := protocol.FrameID(frame)
	switch {
	case sent:
		x := &Exchange{Request: stored, Replies: []json.RawMessage{}}
		o.s.Exchanges = append(o.s.Exchanges, x)
		o.byID[id] = x
		o.last = x
	case len(o.s.Welcome) == 0:
		o.s.Welcome = stored
	case id != "":
		if x, ok := o.byID[id]; ok {
			x.Replies = append(x.Replies, stored)
		}
		// A reply to no recorded request (late, after a client timeout) cannot be replayed: dropped.
	case o.last != nil:
		o.last.Pushes = append(o.last.Pushes, stored)
	default:
		o.s.Pushes = append(o.s.Pushes, stored)
	}
}

func (o *observer) Ended(error) {
	o.r.mu.Lock()
	defer o.r.mu.Unlock()
	o.r.err = o.r.writeLocked()
}
