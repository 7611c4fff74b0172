// Requests: the one path by which anything is sent (roundTripAsync; the
// synchronous forms wait on it) and the forms a reply's data is handed over in.

package session

import (
	"context"
	"encoding/json"
	"fmt"
	"math"
	"strconv"
	"sync"
	"time"

	"github.com/wsrfc/wsrfc/internal/gcpace"
	"github.com/wsrfc/wsrfc/internal/procs"
	"github.com/wsrfc/wsrfc/protocol"
)

// Request sends one request and waits for its reply's data, rendered as JSON
// text for Go callers that decode it into types of their own; RequestValue
// hands it over as decoded values. The wait ends at the earliest of ctx, the
// session's CallTimeout and the end of the connection.
func (s *Session) Request(ctx context.Context, domain, action string, params any) (json.RawMessage, error) {
	v, err := s.RequestValue(ctx, domain, action, params, 0)
	if err != nil || v == nil {
		return nil, err
	}
	return protocol.Marshal(v)
}

// RequestValue sends one request and waits for its reply's data, as the reader
// decoded it (protocol.DecodeFrame: objects, arrays, strings, bools and numbers
// as json.Number, so that no digit is lost), or nil when the reply has none.
// The wait ends at the earliest of ctx, timeout (0 = the session's
// CallTimeout) and the end of the connection.
func (s *Session) RequestValue(ctx context.Context, domain, action string, params any, timeout time.Duration) (any, error) {
	r, err := s.roundTrip(ctx, domain, action, params, timeout)
	if err != nil {
		return nil, err
	}
	s.noteLUW(domain, action, "")
	return r.data, nil
}

// RequestAsync is RequestValue without blocking; done receives what
// RequestValue would have returned, from the goroutines CallAsync names, so
// it must not block.
func (s *Session) RequestAsync(ctx context.Context, domain, action string, params any, timeout time.Duration, done func(any, error)) {
	s.inOrder(false, func() {
		s.roundTripAsync(ctx, domain, action, params, timeout, nil, func(r reply) {
			if r.err != nil {
				done(nil, r.err)
				return
			}
			s.noteLUW(domain, action, "")
			done(r.data, nil)
		})
	})
}

// requestInto is RequestValue with the data read into v, a Go type with JSON
// tags (an interface, a search result).
func (s *Session) requestInto(ctx context.Context, domain, action string, params any, v any) error {
	r, err := s.roundTrip(ctx, domain, action, params, 0)
	if err != nil {
		return err
	}
	return replyInto(r, domain, action, v)
}

// replyInto reads a reply's data into v (see requestInto).
func replyInto(r reply, domain, action string, v any) error {
	if err := protocol.DecodeData(r.data, v); err != nil {
		return &ProtocolError{Message: fmt.Sprintf("cannot read the reply of %s.%s", domain, action), Err: err}
	}
	return nil
}

// roundTrip sends a request in order with the others and waits for its reply
// (see roundTripAsync).
func (s *Session) roundTrip(ctx context.Context, domain, action string, params any, timeout time.Duration) (reply, error) {
	return await(func(done func(reply)) {
		send := func() { s.roundTripAsync(ctx, domain, action, params, timeout, nil, done) }
		if isSendStep(ctx) {
			send() // a lookup a send step needs: queued, it would wait for itself
			return
		}
		s.inOrder(false, send)
	})
}

func cancelled(domain, action string, err error) error {
	return fmt.Errorf("%s.%s cancelled: %w", domain, action, err)
}

// roundTripAsync sends a request now, whatever waits in the ordering queue
// (callers go through inOrder), and returns without a goroutine waiting: done
// runs once, on the reader goroutine when the reply arrives, on a timer's
// goroutine when the wait times out or ctx ends, or before roundTripAsync
// returns when the request cannot be sent. done must not block.
func (s *Session) roundTripAsync(ctx context.Context, domain, action string, params any, timeout time.Duration, tables *replyTables, done func(reply)) {
	if timeout <= 0 {
		timeout = s.opts.CallTimeout
	}
	if err := ctx.Err(); err != nil {
		done(reply{err: cancelled(domain, action, err)})
		return
	}
	// The reply can arrive before the timer and the context watch are set up:
	// w.finished tells setup that there is nothing left to watch.
	var w struct {
		sync.Mutex
		finished bool
		timer    *time.Timer
		stopCtx  func() bool
	}
	id, err := s.send(domain, action, params, timeout, tables, func(r reply) {
		w.Lock()
		w.finished = true
		if w.timer != nil {
			w.timer.Stop()
			w.stopCtx()
		}
		w.Unlock()
		done(r)
	})
	if err != nil {
		done(reply{err: err})
		return
	}
	giveUp := func(err error) {
		if p := s.take(id); p != nil {
			p.complete(reply{err: err})
		}
	}
	w.Lock()
	defer w.Unlock()
	if w.finished {
		return
	}
	w.timer = time.AfterFunc(timeout, func() { giveUp(&TimeoutError{Domain: domain, Action: action, After: timeout}) })
	w.stopCtx = context.AfterFunc(ctx, func() { giveUp(cancelled(domain, action, ctx.Err())) })
}

// widenInFlight is how many requests in flight make a burst that is worth
// every core (internal/procs): with one, 10,000 callAsync at once took a
// tenth longer.
const widenInFlight = 256

// send registers a request and writes it. From the moment it returns an id
// without error, complete is called exactly once: with the reply, or with the
// error that ends the session, or by whoever gives up waiting (take).
func (s *Session) send(domain, action string, params any, timeout time.Duration, tables *replyTables, complete func(reply)) (string, error) {
	id := domain + "_" + strconv.FormatInt(s.nextID.Add(1), 10)
	// The old handler parses timeout into a 4-byte integer and fails the whole
	// request (PARSE_ERROR, id "unknown") when it overflows.
	ms := min(timeout.Milliseconds(), math.MaxInt32)
	req := &protocol.Request{ID: id, Domain: domain, Action: action, Timeout: ms}
	var frame []byte
	var err error
	if rm, ok := params.(json.RawMessage); ok || params == nil {
		req.Params = rm
		frame, err = protocol.EncodeRequest(req)
	} else if frame, err = protocol.EncodeRequestWith(req, params); err != nil {
		return "", &Error{Code: protocol.CodeInvalidParams, Domain: domain, Action: action, Local: true, Message: "params cannot be sent as JSON: " + err.Error()}
	}
	if err != nil {
		return "", err
	}
	if l := s.welcome.Limits; l != nil && l.MaxRequestBytes > 0 && len(frame) > l.MaxRequestBytes {
		return "", &Error{Code: protocol.CodeTooLarge, Domain: domain, Action: action, Local: true,
			Message: fmt.Sprintf("the request has %d bytes; the server accepts at most %d", len(frame), l.MaxRequestBytes)}
	}
	p := &pending{domain: domain, action: action, complete: complete, tables: tables}
	s.mu.Lock()
	if s.err != nil {
		err := s.err
		s.mu.Unlock()
		return "", err
	}
	s.pending[id] = p
	gcpace.Waiting(1)
	inFlight := len(s.pending)
	s.mu.Unlock()
	if inFlight > widenInFlight {
		procs.Widen() // a burst: decoding its replies overlaps the script's work
	}

	if s.opts.Observer != nil {
		s.opts.Observer.Frame(true, frame)
	}
	s.w.send(frame)
	return id, nil
}
