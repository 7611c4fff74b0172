// The pending-call table: a request is an entry from the moment it is sent
// until its reply, its timeout, its cancellation or the end of the session
// takes it out, and whoever takes it completes it, once.

package session

import (
	"fmt"

	"github.com/wsrfc/wsrfc/internal/gcpace"
	"github.com/wsrfc/wsrfc/internal/procs"
	"github.com/wsrfc/wsrfc/protocol"
)

type pending struct {
	domain, action string
	// complete receives the reply or the error that ends the wait. Whoever
	// takes the request out of Session.pending calls it, so it runs once.
	complete func(reply)
	acc      any // the data of the frames so far, merged
	bytes    int64
	// tables, for a call, converts the data of each frame of the reply
	// before it is merged, and streams its tables' rows while the frame is
	// decoded; it runs on the reader goroutine (see Call).
	tables *replyTables
}

// reply is what ends a request: its data, decoded once by the reader
// (protocol.DecodeFrame: numbers as json.Number) and merged across frames,
// or an error.
type reply struct {
	data any
	err  error
}

// streamTable is the reader's Decoder.Tables: a table in the reply to a
// pending call whose rows go to a sink (CallOptions.Rows) is converted while
// its frame is decoded.
func (s *Session) streamTable(id, name string) *protocol.RowStream {
	s.mu.Lock()
	p := s.pending[id]
	s.mu.Unlock()
	if p == nil || p.tables == nil {
		return nil
	}
	return p.tables.stream(name)
}

// deliver routes a reply frame to its pending request.
func (s *Session) deliver(f *protocol.Frame, size int) {
	s.mu.Lock()
	p, ok := s.pending[f.ID]
	if !ok {
		s.mu.Unlock()
		s.log.Debug("reply for no pending request dropped (late or unknown)", "id", f.ID)
		return
	}
	p.bytes += int64(size)
	if p.bytes > s.opts.MaxReplyBytes {
		s.forget(f.ID)
		s.mu.Unlock()
		p.complete(reply{err: &Error{Code: protocol.CodeTooLarge, Domain: p.domain, Action: p.action, Local: true,
			Message: fmt.Sprintf("the reply exceeds the client's limit of %d bytes; ask for less data", s.opts.MaxReplyBytes)}})
		return
	}
	part := f.Data
	if part != nil && f.Success && p.tables != nil {
		// Each frame is converted as it comes, outside the lock, so that a
		// large reply never exists in wire form and converted form at once.
		s.mu.Unlock()
		var err error
		if part, err = p.tables.part(part); err != nil {
			s.failPending(f.ID, err)
			return
		}
		s.mu.Lock()
		if _, still := s.pending[f.ID]; !still {
			s.mu.Unlock()
			return
		}
	}
	if part != nil {
		p.acc = protocol.MergeData(p.acc, part)
	}
	if f.More {
		s.mu.Unlock()
		procs.Widen() // a large reply: decoding it goes with the collector's marking
		return
	}
	s.forget(f.ID)
	s.mu.Unlock()
	if !f.Success {
		p.complete(reply{err: serverError(p.domain, p.action, f.Error)})
		return
	}
	p.complete(reply{data: p.acc})
}

func (s *Session) failPending(id string, err error) {
	s.mu.Lock()
	p, ok := s.forget(id)
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
	p, _ := s.forget(id)
	return p
}

// forget takes a request out of the pending table and returns it, if it was
// there; s.mu is held. Every request leaves the table here or in shutdown,
// so that gcpace's count of requests in flight stays true.
func (s *Session) forget(id string) (*pending, bool) {
	p, ok := s.pending[id]
	if ok {
		delete(s.pending, id)
		gcpace.Waiting(-1)
	}
	return p, ok
}

// Pending is the number of requests waiting for a reply.
func (s *Session) Pending() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.pending)
}
