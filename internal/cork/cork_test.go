package cork

import (
	"io"
	"net"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func pipe(t *testing.T) (*Conn, net.Conn) {
	a, b := net.Pipe()
	t.Cleanup(func() { a.Close(); b.Close() })
	return &Conn{Conn: a}, b
}

func readN(t *testing.T, c net.Conn, n int) string {
	t.Helper()
	require.NoError(t, c.SetReadDeadline(time.Now().Add(2*time.Second)))
	buf := make([]byte, n)
	_, err := io.ReadFull(c, buf)
	require.NoError(t, err)
	return string(buf)
}

func TestCorkedWritesLeaveTogetherOnUncork(t *testing.T) {
	c, peer := pipe(t)
	c.Cork()
	for _, s := range []string{"one ", "two ", "three"} {
		n, err := c.Write([]byte(s))
		require.NoError(t, err)
		assert.Equal(t, len(s), n)
	}
	done := make(chan struct{})
	go func() { c.Uncork(); close(done) }()
	// One read gets all three frames: they were sent in one write.
	require.NoError(t, peer.SetReadDeadline(time.Now().Add(2*time.Second)))
	buf := make([]byte, 64)
	n, err := peer.Read(buf)
	require.NoError(t, err)
	assert.Equal(t, "one two three", string(buf[:n]))
	<-done
}

func TestHeldWritesAreFlushedAfterTheMaximumDelay(t *testing.T) {
	c, peer := pipe(t)
	c.Cork()
	_, err := c.Write([]byte("late"))
	require.NoError(t, err)
	start := time.Now()
	assert.Equal(t, "late", readN(t, peer, 4), "a slow piece of work must not hold a reply back")
	assert.Less(t, time.Since(start), time.Second)
}

func TestUncorkedWritesGoStraightThrough(t *testing.T) {
	c, peer := pipe(t)
	go func() { _, _ = c.Write([]byte("now")) }()
	assert.Equal(t, "now", readN(t, peer, 3))
}

func TestAFailedFlushFailsLaterWrites(t *testing.T) {
	c, peer := pipe(t)
	c.Cork()
	_, err := c.Write([]byte("lost"))
	require.NoError(t, err)
	peer.Close()
	c.Uncork()
	_, err = c.Write([]byte("x"))
	assert.Error(t, err)
}
