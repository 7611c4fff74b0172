// The pending-call table: a request is an entry from the moment it is sent
// until its reply, its timeout, its cancellation or the end of the session
// takes it out, and whoever takes it completes it, once.

package session

import (
	"encoding/json"
	"fmt"

	"github.com/wsrfc/wsrfc/protocol"
)

type pending struct {
	domain, action string
	// complete receives the reply or the error that ends the wait. Whoever
	// takes the request out of Session.pending calls it, so it runs once.
	complete func(reply)
	acc      any // merged data of continuation frames
	bytes    int64
	chunked  bool
	// onPart, when set, converts the data of each continuation frame before it
	// is merged; it runs on the reader goroutine (see Call).
	onPart func(any) (any, error)
}

type reply struct {
	raw     json.RawMessage // data of a single-frame reply
	decoded any             // merged data of a chunked reply
	err     error
}

// deliver routes a reply frame to its pending request. decoded says that the
// frame's data came decoded as data instead of raw in f.Data.
func (s *Session) deliver(f *protocol.Frame, data any, decoded bool, size int) {
	s.mu.Lock()
	p, ok := s.pending[f.ID]
	if !ok {
		s.mu.Unlock()
		s.log.Debug("reply for no pending request dropped (late or unknown)", "id", f.ID)
		return
	}
	p.bytes += int64(size)
	if p.bytes > s.opts.MaxReplyBytes {
		delete(s.pending, f.ID)
		s.mu.Unlock()
		p.complete(reply{err: &Error{Code: protocol.CodeTooLarge, Domain: p.domain, Action: p.action, Local: true,
			Message: fmt.Sprintf("the reply exceeds the client's limit of %d bytes; ask for less data", s.opts.MaxReplyBytes)}})
		return
	}
	if f.More || p.chunked || decoded {
		// Continuation frames are decoded as they come so that a large reply is
		// never held as raw text and decoded values at once.
		s.mu.Unlock()
		part := data
		if !decoded && len(f.Data) > 0 {
			if err := decodeJSON(f.Data, &part); err != nil {
				s.failPending(f.ID, &ProtocolError{Message: "cannot decode a reply frame", Err: err})
				return
			}
		}
		if part != nil {
			if p.onPart != nil && f.Success {
				var err error
				if part, err = p.onPart(part); err != nil {
					s.failPending(f.ID, err)
					return
				}
			}
		}
		s.mu.Lock()
		if _, still := s.pending[f.ID]; !still {
			s.mu.Unlock()
			return
		}
		p.chunked = true
		p.acc = protocol.MergeData(p.acc, part)
		if f.More {
			s.mu.Unlock()
			return
		}
	}
	delete(s.pending, f.ID)
	s.mu.Unlock()
	switch {
	case !f.Success:
		p.complete(reply{err: serverError(p.domain, p.action, f.Error)})
	case p.chunked:
		p.complete(reply{decoded: p.acc})
	default:
		p.complete(reply{raw: f.Data})
	}
}

func (s *Session) failPending(id string, err error) {
	s.mu.Lock()
	p, ok := s.pending[id]
	delete(s.pending, id)
	s.mu.Unlock()
	if ok {
		p.complete(reply{err: err})
	}
}

// take removes a request from the pending ones; nil means that its reply (or
// the end of the session) has taken it already.
func (s *Session) take(id string) *pending {
	s.mu.Lock()
	defer s.mu.Unlock()
	p := s.pending[id]
	delete(s.pending, id)
	return p
}

// Pending is the number of requests waiting for a reply.
func (s *Session) Pending() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.pending)
}
