package cassette

import (
	"fmt"
	"net"
	"net/http"
	"sync"
	"time"

	"github.com/gorilla/websocket"

	"github.com/wsrfc/wsrfc/protocol"
)

// CodeNotInCassette is the error code of the reply to a request the cassette
// does not hold.
const CodeNotInCassette = "NOT_IN_CASSETTE"

// Server plays a cassette back: a WebSocket server on 127.0.0.1 that sends each
// connection the welcome of the next recorded session, then answers every
// request with the recorded replies of the first unplayed request with the same
// domain, action and params, under the new request's id.
type Server struct {
	cassette *Cassette
	ln       net.Listener
	http     *http.Server
	upgrader websocket.Upgrader

	mu    sync.Mutex
	next  int // the recorded session the next connection gets
	conns map[*websocket.Conn]bool
}

// Serve starts replaying c on a free port of 127.0.0.1.
func Serve(c *Cassette) (*Server, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, fmt.Errorf("cassette: cannot listen for replay: %w", err)
	}
	s := &Server{cassette: c, ln: ln, conns: map[*websocket.Conn]bool{}}
	s.http = &http.Server{Handler: http.HandlerFunc(s.serveHTTP), ReadHeaderTimeout: 10 * time.Second}
	go func() { _ = s.http.Serve(ln) }()
	return s, nil
}

// URL is where sessions connect to: any path is served.
func (s *Server) URL() string { return "http://" + s.ln.Addr().String() }

// Close stops the server and ends the sessions it serves.
func (s *Server) Close() error {
	err := s.http.Close()
	s.mu.Lock()
	for c := range s.conns {
		_ = c.Close()
	}
	s.mu.Unlock()
	return err
}

func (s *Server) serveHTTP(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	i := s.next
	if i < len(s.cassette.Sessions) {
		s.next++
	}
	s.mu.Unlock()
	if i >= len(s.cassette.Sessions) {
		http.Error(w, fmt.Sprintf("the cassette holds %d session(s) and all were replayed; the run opens more sessions than the recording did: record it again", len(s.cassette.Sessions)), http.StatusGone)
		return
	}
	ws, err := s.upgrader.Upgrade(w, r, nil)
	if err != nil {
		return // the upgrader has answered already
	}
	s.mu.Lock()
	s.conns[ws] = true
	s.mu.Unlock()
	defer func() {
		s.mu.Lock()
		delete(s.conns, ws)
		s.mu.Unlock()
		_ = ws.Close()
	}()
	newPlayer(s.cassette.Sessions[i]).play(ws)
}

// player serves one recorded session.
type player struct {
	rec    *Session
	played []bool
	keys   []string // match key of each recorded exchange; "" when unreadable
}

func newPlayer(rec *Session) *player {
	p := &player{rec: rec, played: make([]bool, len(rec.Exchanges)), keys: make([]string, len(rec.Exchanges))}
	for i, x := range rec.Exchanges {
		if key, _, _, err := matchKey(wireFrame(x.Request)); err == nil {
			p.keys[i] = key
		}
	}
	return p
}

func (p *player) play(ws *websocket.Conn) {
	send := func(frame []byte) bool {
		_ = ws.SetWriteDeadline(time.Now().Add(10 * time.Second))
		return ws.WriteMessage(websocket.TextMessage, frame) == nil
	}
	if !send(wireFrame(p.rec.Welcome)) {
		return
	}
	for _, push := range p.rec.Pushes {
		if !send(wireFrame(push)) {
			return
		}
	}
	for {
		_, msg, err := ws.ReadMessage()
		if err != nil {
			return
		}
		for _, frame := range p.answer(msg) {
			if !send(frame) {
				return
			}
		}
	}
}

// answer returns the frames that reply to one request frame.
func (p *player) answer(msg []byte) [][]byte {
	key, req, params, err := matchKey(msg)
	if err != nil {
		if req.ID == "" {
			return nil // nothing to answer to
		}
		return [][]byte{errorReply(req.ID, protocol.CodeParseError, "replay cannot read the request: "+err.Error())}
	}
	for i, k := range p.keys {
		if p.played[i] || k != key {
			continue
		}
		p.played[i] = true
		x := p.rec.Exchanges[i]
		out := make([][]byte, 0, len(x.Replies)+len(x.Pushes))
		for _, r := range x.Replies {
			frame, err := withID(r, req.ID)
			if err != nil {
				return [][]byte{errorReply(req.ID, protocol.CodeProtocolError, "the cassette's reply has no id to replace: record it again")}
			}
			out = append(out, frame)
		}
		for _, push := range x.Pushes {
			out = append(out, wireFrame(push))
		}
		return out
	}
	return [][]byte{errorReply(req.ID, CodeNotInCassette, fmt.Sprintf(
		"the cassette holds no (further) reply to %s: the run sent a request the recording did not; record the cassette again with --record",
		describeRequest(req, params)))}
}

func errorReply(id, code, message string) []byte {
	return protocol.EncodeFailure(id, &protocol.Error{Code: code, Message: message})
}
