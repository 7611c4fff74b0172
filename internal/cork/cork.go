// Package cork holds writes to a connection back and sends them in one system call,
// for peers that pipeline many small WebSocket frames.
package cork

import (
	"net"
	"sync"
	"time"
)

// Listener hands out corkable connections.
type Listener struct{ net.Listener }

// Accept wraps the accepted connection.
func (l Listener) Accept() (net.Conn, error) {
	c, err := l.Listener.Accept()
	if err != nil {
		return nil, err
	}
	return &Conn{Conn: c}, nil
}

// Conn buffers writes while corked. A held write never waits longer than
// maxDelay, so a slow piece of work after quick ones cannot delay their frames.
type Conn struct {
	net.Conn
	mu     sync.Mutex
	corked bool
	buf    []byte
	timer  *time.Timer
	err    error
}

const (
	maxDelay = 500 * time.Microsecond
	maxBytes = 256 << 10
)

func (c *Conn) Write(p []byte) (int, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.err != nil {
		return 0, c.err
	}
	if !c.corked {
		return c.Conn.Write(p)
	}
	if len(c.buf) == 0 {
		c.timer = time.AfterFunc(maxDelay, c.flush)
	}
	c.buf = append(c.buf, p...)
	if len(c.buf) >= maxBytes {
		c.flushLocked()
	}
	return len(p), nil
}

// Cork starts holding writes back.
func (c *Conn) Cork() {
	c.mu.Lock()
	c.corked = true
	c.mu.Unlock()
}

// Uncork sends what was held back and writes straight through again.
func (c *Conn) Uncork() {
	c.mu.Lock()
	c.corked = false
	c.flushLocked()
	c.mu.Unlock()
}

func (c *Conn) flush() {
	c.mu.Lock()
	c.flushLocked()
	c.mu.Unlock()
}

func (c *Conn) flushLocked() {
	if c.timer != nil {
		c.timer.Stop()
		c.timer = nil
	}
	if len(c.buf) == 0 {
		return
	}
	// The caller's write deadline may have been cleared already: bound the flush.
	_ = c.Conn.SetWriteDeadline(time.Now().Add(30 * time.Second))
	_, err := c.Conn.Write(c.buf)
	_ = c.Conn.SetWriteDeadline(time.Time{})
	if err != nil && c.err == nil {
		c.err = err
	}
	c.buf = c.buf[:0]
}
