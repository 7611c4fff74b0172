package session_test

import (
	"encoding/json"
	"fmt"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wsrfc/wsrfc/protocol"
	"github.com/wsrfc/wsrfc/session"
	"github.com/wsrfc/wsrfc/sim"
	"github.com/wsrfc/wsrfc/sim/simtest"
)

// A reply whose frames say more:true without end stops at the handler's own
// reply limit, and what it cost in memory is a small multiple of that limit.
func TestNeverEndingChunkedReplyStopsAtTheHandlersReplyLimit(t *testing.T) {
	const sent = 160 << 20
	f := newFake(t, func(c *fakeConn) {
		r, ok := c.request()
		if !ok {
			return
		}
		rows := strings.TrimSuffix(strings.Repeat(`"`+strings.Repeat("x", 100)+`",`, 5000), ",")
		frame := fmt.Sprintf(`{"id":%q,"success":true,"more":true,"data":{"T":[%s]}}`, r.ID, rows)
		for n := 0; n < sent; n += len(frame) {
			if c.WriteMessage(1, []byte(frame)) != nil {
				return
			}
		}
		c.reply(r.ID, `{"T":[]}`)
		c.echo()
	})
	opts := f.options()
	opts.CallTimeout = 30 * time.Second
	s := f.dial(t, opts)

	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	_, err := s.Request(bg, "rfc", "call", nil)
	runtime.ReadMemStats(&after)
	se := requireSessionError(t, err, session.CodeTooLarge)
	assert.True(t, se.Local)
	assert.Contains(t, se.Message, fmt.Sprint(session.DefaultMaxReplyBytes))
	allocated := after.TotalAlloc - before.TotalAlloc
	t.Logf("allocated %d MB for a reply cut at %d MB", allocated>>20, session.DefaultMaxReplyBytes>>20)
	assert.Less(t, allocated, uint64(8*session.DefaultMaxReplyBytes))
}

// A connection that goes quiet (a half-open TCP connection: no frames, no
// pongs) is declared lost after two ping intervals, as docs/protocol.md says.
func TestHalfOpenConnectionIsLostAfterTwoPingIntervals(t *testing.T) {
	quiet := make(chan struct{})
	t.Cleanup(func() { close(quiet) })
	f := newFake(t, func(c *fakeConn) { <-quiet }) // reads nothing, so never answers a ping
	opts := f.options()
	opts.PingInterval = 200 * time.Millisecond
	s := f.dial(t, opts)
	start := time.Now()
	select {
	case <-s.Done():
	case <-time.After(5 * time.Second):
		t.Fatal("a silent connection was not detected as lost")
	}
	took := time.Since(start)
	assert.GreaterOrEqual(t, took, 2*opts.PingInterval-50*time.Millisecond)
	assert.Less(t, took, 2*opts.PingInterval+time.Second, "detection took %s", took)
	assert.Contains(t, s.Err().Error(), "nothing came back for 400ms")
}

// The simulator announces the handler's limits and enforces its JSON depth.
func TestSimulatorAnnouncesAndEnforcesTheHandlersLimits(t *testing.T) {
	_, l := simtest.Start(t, sim.Config{})
	s, err := session.Dial(bg, simOptions(l))
	require.NoError(t, err)
	defer s.Close()
	assert.Equal(t, &protocol.Limits{MaxRequestBytes: 8 << 20, MaxFrameBytes: 512 << 10, MaxReplyBytes: 64 << 20, MaxDepth: 100},
		s.Welcome().Limits)
	nest := func(n int) json.RawMessage {
		return json.RawMessage(strings.Repeat("[", n) + "1" + strings.Repeat("]", n))
	}
	_, err = s.Request(bg, "system", "ping", nest(99)) // params are level 2: 100 levels in all
	require.NoError(t, err)
	_, err = s.Request(bg, "system", "ping", nest(100))
	se := requireSessionError(t, err, protocol.CodeParseError)
	assert.Contains(t, se.Message, "nesting deeper than 100 levels")
	_, err = s.Request(bg, "system", "ping", nil)
	assert.NoError(t, err, "the session goes on")
}
