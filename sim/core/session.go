package core

import (
	"context"
	"sync"

	"github.com/gorilla/websocket"

	"github.com/wsrfc/wsrfc/protocol"
)

// Session is one stateful APC session: one WebSocket connection, one ABAP user
// session. Function-group memory and the SAP LUW live here and die with it.
type Session struct {
	ID       string
	User     *User
	Client   string
	Language string

	server *Server
	ctx    context.Context
	cancel context.CancelFunc
	conn   *conn

	mu      sync.Mutex
	globals map[string]map[string]any
	luw     []func(tx *Tx)
	// Values is free per-session state for domain services (the debugger keeps its own there).
	Values map[string]any
}

func newSession(srv *Server, id string, u *User, client, lang string, c *conn) *Session {
	ctx, cancel := context.WithCancel(context.Background())
	return &Session{
		ID: id, User: u, Client: client, Language: lang,
		server: srv, ctx: ctx, cancel: cancel, conn: c,
		globals: map[string]map[string]any{},
		Values:  map[string]any{},
	}
}

// Server returns the simulator the session belongs to.
func (s *Session) Server() *Server { return s.server }

// Context is cancelled when the session ends.
func (s *Session) Context() context.Context { return s.ctx }

// Global returns the global memory of a function group in this session, as the
// DATA statements of its TOP include would hold it. The map is created on first use.
func (s *Session) Global(group string) map[string]any {
	s.mu.Lock()
	defer s.mu.Unlock()
	g := s.globals[group]
	if g == nil {
		g = map[string]any{}
		s.globals[group] = g
	}
	return g
}

// PerformOnCommit registers work for the end of the SAP LUW, like an update
// function module or PERFORM ... ON COMMIT: it reaches the database only when
// the session commits, and is dropped on rollback or when the session ends.
func (s *Session) PerformOnCommit(work func(tx *Tx)) {
	s.mu.Lock()
	s.luw = append(s.luw, work)
	s.mu.Unlock()
}

// PendingWork is the number of registered, uncommitted LUW steps.
func (s *Session) PendingWork() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.luw)
}

// Commit runs the LUW's registered work against the database atomically.
func (s *Session) Commit() {
	s.mu.Lock()
	work := s.luw
	s.luw = nil
	s.mu.Unlock()
	if len(work) == 0 {
		return
	}
	s.server.DB.Update(func(tx *Tx) {
		for _, w := range work {
			w(tx)
		}
	})
}

// Rollback drops the LUW's registered work.
func (s *Session) Rollback() {
	s.mu.Lock()
	s.luw = nil
	s.mu.Unlock()
}

// Push sends an unsolicited event to this session's client (feature "push").
func (s *Session) Push(domain, event string, data any) error {
	raw, err := protocol.Marshal(data)
	if err != nil {
		return err
	}
	frame, err := protocol.Marshal(protocol.Push{Event: event, Domain: domain, Data: raw})
	if err != nil {
		return err
	}
	return s.conn.write(frame)
}

// Send writes one frame to the session's client.
func (s *Session) Send(frame []byte) error { return s.conn.write(frame) }

// Abort ends the session as APC does after a runtime error: the connection
// closes with code 1011 (internal error) and no reply.
func (s *Session) Abort() { s.conn.closeWith(websocket.CloseInternalServerErr, "") }

// end tears the session down as APC's ON_CLOSE does: uncommitted work is rolled back.
func (s *Session) end() {
	s.Rollback()
	s.cancel()
}
