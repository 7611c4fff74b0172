package session_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"runtime"
	"testing"
	"time"

	"github.com/gorilla/websocket"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wsrfc/wsrfc/protocol"
	"github.com/wsrfc/wsrfc/session"
	"github.com/wsrfc/wsrfc/sim"
	"github.com/wsrfc/wsrfc/sim/simtest"
)

type asyncResult struct {
	out map[string]any
	err error
}

// callAsync starts s.CallAsync and returns where its result will arrive.
func callAsync(s *session.Session, ctx context.Context, fm string, params map[string]any, o session.CallOptions) <-chan asyncResult {
	ch := make(chan asyncResult, 1)
	s.CallAsync(ctx, fm, params, o, func(out map[string]any, err error) { ch <- asyncResult{out, err} })
	return ch
}

func await(t *testing.T, ch <-chan asyncResult) asyncResult {
	t.Helper()
	select {
	case r := <-ch:
		return r
	case <-time.After(5 * time.Second):
		t.Fatal("the CallAsync callback never ran")
		return asyncResult{}
	}
}

func TestCallAsyncKeepsAThousandCallsInFlightWithoutAGoroutineEach(t *testing.T) {
	noLeak(t)
	_, l := simtest.Start(t, sim.Config{})
	s, err := session.Dial(bg, simOptions(l))
	require.NoError(t, err)
	defer s.Close()
	_, err = s.Call(bg, "STFC_CONNECTION", map[string]any{"REQUTEXT": "warm"}) // caches the interface
	require.NoError(t, err)

	const calls = 1000
	before := runtime.NumGoroutine()
	results := make(chan asyncResult, calls)
	maxGoroutines := 0
	for i := range calls {
		s.CallAsync(bg, "STFC_CONNECTION", map[string]any{"REQUTEXT": fmt.Sprint("call ", i)}, session.CallOptions{},
			func(out map[string]any, err error) { results <- asyncResult{out, err} })
		maxGoroutines = max(maxGoroutines, runtime.NumGoroutine())
	}
	seen := map[string]bool{}
	for range calls {
		r := await(t, results)
		require.NoError(t, r.err)
		seen[r.out["ECHOTEXT"].(string)] = true
	}
	assert.Len(t, seen, calls, "every call got its own reply")
	// The simulator and the session run a few goroutines of their own; a
	// goroutine per call would add hundreds.
	assert.Less(t, maxGoroutines-before, 50, "goroutines while %d calls were in flight", calls)
	assert.Zero(t, s.Pending())
}

func TestCallAsyncOfAnUncachedInterfaceLooksItUpFirst(t *testing.T) {
	noLeak(t)
	_, l := simtest.Start(t, sim.Config{})
	s, err := session.Dial(bg, simOptions(l))
	require.NoError(t, err)
	defer s.Close()

	r := await(t, callAsync(s, bg, "stfc_connection", map[string]any{"requtext": "first"}, session.CallOptions{}))
	require.NoError(t, r.err)
	assert.Equal(t, "first", r.out["ECHOTEXT"])

	r = await(t, callAsync(s, bg, "STFC_CONNECTION", map[string]any{"NOPE": 1}, session.CallOptions{}))
	e := requireSessionError(t, r.err, "PARAM_UNKNOWN")
	assert.True(t, e.Local, "refused before sending: %v", e)
}

func TestCallAsyncReportsServerErrorsAndConvertsResults(t *testing.T) {
	noLeak(t)
	_, l := simtest.Start(t, sim.Config{})
	s, err := session.Dial(bg, simOptions(l))
	require.NoError(t, err)
	defer s.Close()
	_, err = s.Metadata(bg, "RFC_RAISE_ERROR")
	require.NoError(t, err)
	_, err = s.Metadata(bg, "RFC_READ_TABLE")
	require.NoError(t, err)

	r := await(t, callAsync(s, bg, "RFC_RAISE_ERROR", map[string]any{"METHOD": "1", "MESSAGETYPE": "E"}, session.CallOptions{}))
	requireSessionError(t, r.err, "ABAP_EXCEPTION")

	params := map[string]any{"QUERY_TABLE": "ZWSR_VOLUME", "ROWCOUNT": 6000}
	var streamed []any // one field (WA) a row
	var parts int
	r = await(t, callAsync(s, bg, "RFC_READ_TABLE", params,
		session.CallOptions{Timeout: 30 * time.Second, Rows: func(p *protocol.Parameter, fields []any, rows int) {
			if p.Name == "DATA" {
				assert.Len(t, fields, rows) // not require: this runs on the reader goroutine
				streamed = append(streamed, fields...)
				parts++
			}
		}}))
	require.NoError(t, r.err)
	assert.Greater(t, parts, 1, "the reply came in several frames")
	assert.Empty(t, r.out["DATA"])

	// The rows streamed frame by frame are those of the table read whole,
	// every one: the reader refills the maps of one frame's rows with the next.
	whole, err := s.Call(bg, "RFC_READ_TABLE", params, session.CallOptions{Timeout: 30 * time.Second})
	require.NoError(t, err)
	rows := whole["DATA"].([]any)
	require.Len(t, streamed, len(rows), "a chunked reply streams its rows as with Call")
	for i, row := range rows {
		if row.(map[string]any)["WA"] != streamed[i] {
			t.Fatalf("row %d streamed as %q, read whole as %q", i, streamed[i], row.(map[string]any)["WA"])
		}
	}
	assert.NotEqual(t, streamed[0], streamed[len(streamed)-1])
}

func TestCallAsyncTimesOutAndIsCancelled(t *testing.T) {
	noLeak(t)
	f := newFake(t, func(c *fakeConn) {
		req, ok := c.request() // getMetadata of the first call
		if !ok {
			return
		}
		c.reply(req.ID, `{"name":"Z_SLOW","parameters":[]}`)
		silent(c)
	})
	s := f.dial(t, f.options())
	_, err := s.Metadata(bg, "Z_SLOW")
	require.NoError(t, err)

	var r asyncResult
	took := within(t, time.Second, func() {
		r = await(t, callAsync(s, bg, "Z_SLOW", nil, session.CallOptions{Timeout: 80 * time.Millisecond}))
	})
	assert.GreaterOrEqual(t, took, 80*time.Millisecond)
	var te *session.TimeoutError
	require.ErrorAs(t, r.err, &te, "got %T: %v", r.err, r.err)
	assert.Equal(t, "call", te.Action)
	assert.Zero(t, s.Pending())

	ctx, cancel := context.WithCancel(bg)
	ch := callAsync(s, ctx, "Z_SLOW", nil, session.CallOptions{})
	time.AfterFunc(30*time.Millisecond, cancel)
	within(t, time.Second, func() { r = await(t, ch) })
	assert.True(t, errors.Is(r.err, context.Canceled), "%v wraps context.Canceled", r.err)
	assert.Zero(t, s.Pending())

	r = await(t, callAsync(s, ctx, "Z_SLOW", nil, session.CallOptions{}))
	assert.True(t, errors.Is(r.err, context.Canceled), "an ended context fails at once: %v", r.err)
	assert.NoError(t, s.Err(), "neither ends the session")
}

func TestCallAsyncFailsAtOnceWhenTheConnectionDrops(t *testing.T) {
	noLeak(t)
	const calls = 50
	f := newFake(t, func(c *fakeConn) {
		req, ok := c.request()
		if !ok {
			return
		}
		c.reply(req.ID, `{"name":"Z_SLOW","parameters":[]}`)
		for range calls {
			if _, ok := c.request(); !ok {
				return
			}
		}
		c.drop()
	})
	s := f.dial(t, f.options())
	_, err := s.Metadata(bg, "Z_SLOW")
	require.NoError(t, err)

	chans := make([]<-chan asyncResult, calls)
	for i := range chans {
		chans[i] = callAsync(s, bg, "Z_SLOW", nil, session.CallOptions{})
	}
	within(t, time.Second, func() {
		for _, ch := range chans {
			requireConnectionError(t, await(t, ch).err)
		}
	})
	assert.Zero(t, s.Pending())
	requireConnectionError(t, await(t, callAsync(s, bg, "Z_SLOW", nil, session.CallOptions{})).err)
}

func TestRequestAsyncReturnsTheDecodedData(t *testing.T) {
	noLeak(t)
	f := newFake(t, func(c *fakeConn) { c.echo() })
	s := f.dial(t, f.options())
	ch := make(chan any, 1)
	s.RequestAsync(bg, "system", "echo", map[string]any{"a": 1, "big": json.Number("9007199254740993")}, 0, func(data any, err error) {
		assert.NoError(t, err)
		ch <- data
	})
	select {
	case data := <-ch:
		assert.Equal(t, map[string]any{"a": json.Number("1"), "big": json.Number("9007199254740993")}, data)
	case <-time.After(2 * time.Second):
		t.Fatal("no reply")
	}
}

// A burst of asynchronous calls and a synchronous one behind it all leave
// and are answered in order, whatever the writer coalesces.
func TestBurstOfAsyncCallsAndASynchronousCallAllLeave(t *testing.T) {
	noLeak(t)
	_, l := simtest.Start(t, sim.Config{})
	s, err := session.Dial(bg, simOptions(l))
	require.NoError(t, err)
	defer s.Close()
	_, err = s.Metadata(bg, "STFC_CONNECTION")
	require.NoError(t, err)

	chans := make([]<-chan asyncResult, 20)
	within(t, time.Second, func() {
		for i := range chans {
			chans[i] = callAsync(s, bg, "STFC_CONNECTION", map[string]any{"REQUTEXT": fmt.Sprint(i)}, session.CallOptions{})
		}
		for i, ch := range chans {
			r := await(t, ch)
			require.NoError(t, r.err)
			assert.Equal(t, fmt.Sprint(i), r.out["ECHOTEXT"])
		}
	})
	within(t, time.Second, func() {
		out, err := s.Call(bg, "STFC_CONNECTION", map[string]any{"REQUTEXT": "sync"})
		require.NoError(t, err)
		assert.Equal(t, "sync", out["ECHOTEXT"])
	})
	r := await(t, callAsync(s, bg, "STFC_CONNECTION", map[string]any{"REQUTEXT": "after"}, session.CallOptions{}))
	require.NoError(t, r.err)
}

func TestCloseSendsQueuedFramesAndACloseFrame(t *testing.T) {
	noLeak(t)
	got := make(chan string, 2)
	f := newFake(t, func(c *fakeConn) {
		req, ok := c.request()
		if !ok {
			got <- "no request"
			got <- "no close frame"
			return
		}
		got <- req.Domain + "." + req.Action
		_, _, err := c.ReadMessage()
		var ce *websocket.CloseError
		if errors.As(err, &ce) {
			got <- fmt.Sprint("close ", ce.Code)
		} else {
			got <- fmt.Sprint("no close frame: ", err)
		}
	})
	s := f.dial(t, f.options())
	done := make(chan error, 1)
	s.RequestAsync(bg, "system", "ping", nil, 0, func(_ any, err error) { done <- err })
	require.NoError(t, s.Close())
	requireConnectionError(t, <-done)
	assert.Equal(t, "system.ping", <-got, "the queued request left before the session closed")
	assert.Equal(t, "close 1000", <-got, "and the close frame after it")
}
