// The connection's writer side: request frames, write coalescing and the
// keepalive pings.

package session

import (
	"sync"
	"time"

	"github.com/gorilla/websocket"
)

func (s *Session) keepalive() {
	t := time.NewTicker(s.opts.PingInterval)
	defer t.Stop()
	for {
		select {
		case <-s.done:
			return
		case <-t.C:
			// WriteControl may run concurrently with WriteMessage (gorilla's rule).
			if err := s.ws.WriteControl(websocket.PingMessage, nil, time.Now().Add(10*time.Second)); err != nil {
				s.shutdown(&ConnectionError{Op: "write", Message: "keepalive ping failed", Err: err})
				return
			}
		}
	}
}

// writeFrame sends one request frame. Callers that pile up behind the write
// lock (pipelined calls) are sent together: a writer that sees others waiting
// leaves its frame in the corked connection for the last one to flush, so a
// burst of calls costs one system call instead of one per frame. A frame that
// mayHold also stays while a Hold is on.
func (s *Session) writeFrame(frame []byte, mayHold bool) error {
	s.writersWaiting.Add(1)
	s.wmu.Lock()
	defer s.wmu.Unlock()
	s.writersWaiting.Add(-1)
	if s.cork != nil {
		s.cork.Cork()
	}
	_ = s.ws.SetWriteDeadline(time.Now().Add(30 * time.Second))
	err := s.ws.WriteMessage(websocket.TextMessage, frame)
	_ = s.ws.SetWriteDeadline(time.Time{}) // never leave a sticky deadline behind
	if s.cork != nil && s.writersWaiting.Load() == 0 && (!mayHold || s.held.Load() == 0) {
		s.cork.Uncork()
	}
	return err
}

// Hold keeps the frames of CallAsync and RequestAsync requests in the
// connection's buffer until release, so that a burst of calls started by one
// goroutine (the JS event loop running a Promise.all of callAsync) leaves in
// one system call and reaches the server as one read. A held frame still
// leaves within half a millisecond, and a synchronous call sends everything
// held along with its own frame.
func (s *Session) Hold() (release func()) {
	s.held.Add(1)
	var once sync.Once
	return func() {
		once.Do(func() {
			if s.held.Add(-1) != 0 || s.cork == nil {
				return
			}
			s.wmu.Lock()
			if s.writersWaiting.Load() == 0 && s.held.Load() == 0 {
				s.cork.Uncork()
			}
			s.wmu.Unlock()
		})
	}
}
