// The connection's writer side: request frames, write coalescing and the
// keepalive pings, all owned by one goroutine.

package session

import (
	"net"
	"sync"
	"time"

	"github.com/gorilla/websocket"
)

// writer is the one goroutine that writes to the connection. Callers queue
// their frames and return; the writer sends whatever is queued when it
// wakes, into a buffer under the WebSocket (and TLS), and flushes the buffer
// once the queue is empty. So frames queued while it writes leave together:
// a burst of pipelined calls (a Promise.all of callAsync, from one goroutine,
// with nothing to mark where the burst ends) costs a few system calls and
// reaches the server in a few reads instead of one each, and a single call
// still leaves at once. The keepalive pings are the writer's too, so that
// nothing else ever writes and gorilla's one-writer rule holds by
// construction.
//
// It replaced writes under a lock by each caller, which needed a count of
// the callers queued for the lock, a Hold the JS event loop took for each of
// its turns (eventloop.AtTurnEnd) and a corked connection (internal/cork, now
// the simulator's alone) to send a burst in one write. Measured against that
// (go test -bench, interleaved, on the shared 2-core machine of
// docs/benchmarks.md): JSPipelined 4.6 ms vs 4.9 ms and RequestParallel 47 vs
// 54 µs; SmallCall and JSSmallCall moved within the machine's noise (±20%
// between runs minutes apart, either way). A synchronous caller writing its
// frame itself when the line is idle, to spare it the wake-up of this
// goroutine, measured no different and was left out.
type writer struct {
	s    *Session
	ws   *websocket.Conn
	conn *batchConn // nil when the dialer did not make the connection (tests)

	wmu sync.Mutex // held while frames are written: drain runs on the goroutine and in closeFrame

	mu     sync.Mutex
	queue  [][]byte
	spare  [][]byte
	wake   chan struct{} // capacity 1: a pending wake-up
	closed bool          // closeFrame ran: nothing more is sent
}

func newWriter(s *Session, ws *websocket.Conn, conn *batchConn) *writer {
	return &writer{s: s, ws: ws, conn: conn, wake: make(chan struct{}, 1)}
}

// send queues a frame for the writer. A write error ends the session, which
// fails every pending request; send itself only refuses after Close.
func (w *writer) send(frame []byte) {
	w.mu.Lock()
	if w.closed {
		w.mu.Unlock()
		return
	}
	w.queue = append(w.queue, frame)
	w.mu.Unlock()
	select {
	case w.wake <- struct{}{}:
	default:
	}
}

// run is the writer goroutine. It ends with the session.
func (w *writer) run(pingInterval time.Duration) {
	var tick <-chan time.Time
	if pingInterval > 0 {
		t := time.NewTicker(pingInterval)
		defer t.Stop()
		tick = t.C
	}
	for {
		select {
		case <-w.s.done:
			return
		case <-w.wake:
			if err := w.drain(); err != nil {
				w.s.shutdown(&ConnectionError{Op: "write", Message: "sending to SAP failed", Err: err})
				return
			}
		case <-tick:
			if err := w.ws.WriteControl(websocket.PingMessage, nil, time.Now().Add(10*time.Second)); err != nil {
				w.s.shutdown(&ConnectionError{Op: "write", Message: "keepalive ping failed", Err: err})
				return
			}
		}
	}
}

// drain writes every queued frame, those queued meanwhile included, then
// flushes them in one write.
func (w *writer) drain() error {
	w.wmu.Lock()
	defer w.wmu.Unlock()
	if w.conn != nil {
		w.conn.batch()
	}
	for {
		w.mu.Lock()
		frames := w.queue
		w.queue, w.spare = w.spare[:0], nil
		w.mu.Unlock()
		if len(frames) == 0 {
			break
		}
		for i, f := range frames {
			_ = w.ws.SetWriteDeadline(time.Now().Add(30 * time.Second))
			err := w.ws.WriteMessage(websocket.TextMessage, f)
			_ = w.ws.SetWriteDeadline(time.Time{}) // never leave a sticky deadline behind
			frames[i] = nil
			if err != nil {
				return err
			}
		}
		w.mu.Lock()
		w.spare = frames[:0]
		w.mu.Unlock()
	}
	if w.conn != nil {
		return w.conn.flush()
	}
	return nil
}

// closeFrame sends what is queued and a normal close frame, and stops the
// writer from sending anything after it.
func (w *writer) closeFrame() {
	w.mu.Lock()
	w.closed = true
	w.mu.Unlock()
	// Queued frames go out before the close frame, whoever drains them.
	_ = w.drain()
	w.wmu.Lock()
	_ = w.ws.WriteControl(websocket.CloseMessage, websocket.FormatCloseMessage(websocket.CloseNormalClosure, ""), time.Now().Add(time.Second))
	w.wmu.Unlock()
}

// batchConn is the TCP connection under the WebSocket (and TLS). While the
// writer drains its queue, writes collect in a buffer that flush sends in one
// system call.
type batchConn struct {
	net.Conn
	mu       sync.Mutex
	batching bool
	buf      []byte
	err      error
}

// maxBatch bounds the buffer: a burst larger than this goes out in pieces.
const maxBatch = 256 << 10

func (c *batchConn) Write(p []byte) (int, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.err != nil {
		return 0, c.err
	}
	if !c.batching {
		return c.Conn.Write(p)
	}
	c.buf = append(c.buf, p...)
	if len(c.buf) >= maxBatch {
		c.writeBufLocked()
	}
	return len(p), c.err
}

func (c *batchConn) batch() {
	c.mu.Lock()
	c.batching = true
	c.mu.Unlock()
}

func (c *batchConn) flush() error {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.batching = false
	c.writeBufLocked()
	return c.err
}

func (c *batchConn) writeBufLocked() {
	if len(c.buf) == 0 || c.err != nil {
		c.buf = c.buf[:0]
		return
	}
	// The frames' write deadline may have been cleared already: bound the flush.
	_ = c.Conn.SetWriteDeadline(time.Now().Add(30 * time.Second))
	_, c.err = c.Conn.Write(c.buf)
	_ = c.Conn.SetWriteDeadline(time.Time{})
	if cap(c.buf) > 4*maxBatch {
		c.buf = nil
	} else {
		c.buf = c.buf[:0]
	}
}
