// The connection's one reader: it reads every frame, decodes it once and
// routes it to the pending call it answers, to the push subscribers, or to
// the end of the session.

package session

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"net"
	"reflect"
	"strings"
	"time"

	"github.com/gorilla/websocket"

	"github.com/wsrfc/wsrfc/protocol"
)

// maxKeptBuffer bounds the frame buffer the reader keeps between frames.
const maxKeptBuffer = 4 << 20

func (s *Session) readLoop() {
	ws := s.ws
	ws.SetReadLimit(s.opts.ReadLimit)
	if s.opts.PingInterval > 0 {
		// A connection that carried nothing, not even the pong of a ping, for
		// two ping intervals is taken as lost (docs/protocol.md): a half-open
		// TCP connection would otherwise keep calls waiting until they time out.
		wait := 2 * s.opts.PingInterval
		_ = ws.SetReadDeadline(time.Now().Add(wait))
		ws.SetPongHandler(func(string) error { return ws.SetReadDeadline(time.Now().Add(wait)) })
		defer ws.SetPongHandler(nil)
		var buf bytes.Buffer
		for {
			if !s.readOne(ws, wait, &buf) {
				return
			}
		}
	}
	var buf bytes.Buffer
	for s.readOne(ws, 0, &buf) {
	}
}

// readOne reads and routes one frame; false ends the loop. buf is the reader's
// frame buffer: decoding copies whatever it keeps, so one buffer serves every
// frame instead of a new one growing to each frame's size.
func (s *Session) readOne(ws *websocket.Conn, wait time.Duration, buf *bytes.Buffer) bool {
	if buf.Cap() > maxKeptBuffer {
		*buf = bytes.Buffer{} // do not keep an exceptional frame's memory for the session's life
	}
	_, r, err := ws.NextReader()
	if err == nil {
		buf.Reset()
		_, err = buf.ReadFrom(r)
	}
	if err != nil {
		s.shutdown(s.readError(err))
		return false
	}
	msg := buf.Bytes()
	if wait > 0 {
		_ = ws.SetReadDeadline(time.Now().Add(wait))
	}
	if s.opts.Observer != nil {
		s.opts.Observer.Frame(false, msg)
	}
	// Every frame is decoded here, once, data included: what the session hands
	// over (replies, pushes) is these values, never the frame's text again.
	f, err := s.dec.DecodeFrame(msg)
	if err != nil {
		s.malformed(msg, err)
		return true
	}
	switch {
	case f.IsPush():
		s.mu.Lock()
		subs := make([]func(Push), 0, len(s.subs))
		for _, fn := range s.subs {
			subs = append(subs, fn)
		}
		s.mu.Unlock()
		if len(subs) == 0 {
			s.log.Debug("push with no subscriber", "domain", f.Domain, "event", f.Event)
		}
		for _, fn := range subs {
			fn(Push{Event: f.Event, Domain: f.Domain, Data: f.Data})
		}
	case f.IsWelcome():
		s.log.Warn("second welcome message ignored")
	default:
		s.deliver(f, len(msg))
	}
	return true
}

func (s *Session) readError(err error) error {
	if s.closing.Load() {
		return &ConnectionError{Op: "closed", Message: "the session was closed", Err: ErrClosed}
	}
	var ce *websocket.CloseError
	// 1006 is never sent: gorilla reports a connection cut without a close frame with it.
	if errors.As(err, &ce) && ce.Code != websocket.CloseAbnormalClosure {
		msg := "the server closed the session"
		if ce.Code == websocket.CloseInternalServerErr {
			msg = "the SAP session ended abnormally (an ABAP runtime error ends an APC session; see ST22)"
		}
		if ce.Text != "" {
			msg += ": " + ce.Text
		}
		return &ConnectionError{Op: "read", Message: msg, CloseCode: ce.Code, Err: err}
	}
	if errors.Is(err, websocket.ErrReadLimit) {
		return &ConnectionError{Op: "read", Message: fmt.Sprintf("the server sent a frame larger than the limit of %d bytes; the session was closed", s.opts.ReadLimit), Err: err}
	}
	s.mu.Lock()
	closed := s.err != nil
	s.mu.Unlock()
	if closed {
		return &ConnectionError{Op: "closed", Message: "the session was closed", Err: ErrClosed}
	}
	var ne net.Error
	if errors.As(err, &ne) && ne.Timeout() && s.opts.PingInterval > 0 {
		return &ConnectionError{Op: "read", Err: err, Message: fmt.Sprintf(
			"the connection to SAP was lost: nothing came back for %s, not even the answer to a keepalive ping", 2*s.opts.PingInterval)}
	}
	return &ConnectionError{Op: "read", Message: "the connection to SAP was lost", Err: err}
}

// malformed handles a frame that is not valid JSON. The old handler sends such
// frames when a value holds a control character; failing the call it answers
// beats letting it run into its timeout.
func (s *Session) malformed(msg []byte, err error) {
	id := protocol.FrameID(msg)
	s.mu.Lock()
	p, ok := s.pending[id]
	if !ok && len(s.pending) == 1 {
		for k, only := range s.pending {
			id, p, ok = k, only, true
		}
	}
	if ok {
		s.forget(id)
	}
	s.mu.Unlock()
	snippet := msg
	if len(snippet) > 120 {
		snippet = snippet[:120]
	}
	if !ok {
		s.log.Warn("malformed frame dropped", "error", err, "frame", string(snippet))
		return
	}
	if json.Valid(msg) {
		p.complete(reply{err: &ProtocolError{Message: fmt.Sprintf("the reply to %s.%s is JSON but not a ZADT_VSP reply frame (%s): %s",
			p.domain, p.action, frameShape(err), protocol.CutLongWords(string(snippet)))}})
		return
	}
	p.complete(reply{err: &ProtocolError{Message: fmt.Sprintf("the reply to %s.%s is not valid JSON (the server's handler may be the old one, which sends control characters raw)", p.domain, p.action), Err: err}})
}

// frameShape says what is wrong with a frame that is valid JSON in words
// for the reader, not in encoding/json's (which names Go types).
func frameShape(err error) string {
	var ute *json.UnmarshalTypeError
	if errors.As(err, &ute) {
		field := ute.Field
		if i := strings.LastIndex(field, "."); i >= 0 {
			field = field[i+1:]
		}
		want := "another type"
		switch ute.Type.Kind() {
		case reflect.Bool:
			want = "true or false"
		case reflect.String:
			want = "a string"
		case reflect.Map, reflect.Struct:
			want = "an object"
		case reflect.Int, reflect.Int64, reflect.Float64:
			want = "a number"
		}
		return fmt.Sprintf("member %q is a JSON %s where %s belongs", field, ute.Value, want)
	}
	return "it is not an object with id, success and data"
}
