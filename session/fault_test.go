package session_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/gorilla/websocket"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wsrfc/wsrfc/protocol"
	"github.com/wsrfc/wsrfc/session"
)

var bg = context.Background()

func TestConnectionDroppedMidCallFailsThePendingCallAtOnce(t *testing.T) {
	noLeak(t)
	f := newFake(t, func(c *fakeConn) {
		if _, ok := c.request(); ok {
			c.drop()
		}
	})
	s := f.dial(t, f.options())

	var err error
	within(t, 500*time.Millisecond, func() { _, err = s.Request(bg, "rfc", "ping", nil) })
	ce := requireConnectionError(t, err)
	assert.Equal(t, "read", ce.Op)
	assert.Contains(t, ce.Error(), "connection to SAP was lost")

	select {
	case <-s.Done():
	case <-time.After(time.Second):
		t.Fatal("Done is not closed after the connection dropped")
	}
	assert.Same(t, ce, s.Err().(*session.ConnectionError), "Err says why the session ended")
	assert.Zero(t, s.Pending())

	_, err = s.Request(bg, "rfc", "ping", nil)
	assert.Same(t, ce, requireConnectionError(t, err), "later calls fail with the same cause")
}

func TestConnectionDroppedFailsFiftyConcurrentCallsAtOnce(t *testing.T) {
	noLeak(t)
	const calls = 50
	f := newFake(t, func(c *fakeConn) {
		for range calls {
			if _, ok := c.request(); !ok {
				return
			}
		}
		c.drop()
	})
	s := f.dial(t, f.options())

	errs := make([]error, calls)
	var wg sync.WaitGroup
	within(t, time.Second, func() {
		for i := range calls {
			wg.Add(1)
			go func() {
				defer wg.Done()
				_, errs[i] = s.Request(bg, "rfc", "ping", nil)
			}()
		}
		wg.Wait()
	})
	for i, err := range errs {
		ce := requireConnectionError(t, err)
		assert.Contains(t, []string{"read", "write"}, ce.Op, "call %d", i)
	}
	assert.Zero(t, s.Pending())
}

func TestMalformedFrameFailsOnlyTheCallItAnswers(t *testing.T) {
	noLeak(t)
	f := newFake(t, func(c *fakeConn) {
		first, ok1 := c.request()
		second, ok2 := c.request()
		if !ok1 || !ok2 {
			return
		}
		// The old handler's escaper leaves TABs raw: the reply is not JSON.
		c.send(fmt.Sprintf("{\"id\":%q,\"success\":true,\"data\":{\"SRC\":\"a\tb\"}}", second.ID))
		c.reply(first.ID, `{"ok":1}`)
		c.echo()
	})
	s := f.dial(t, f.options())

	type result struct {
		data json.RawMessage
		err  error
	}
	firstDone := make(chan result, 1)
	go func() {
		d, err := s.Request(bg, "rfc", "first", nil)
		firstDone <- result{d, err}
	}()
	require.Eventually(t, func() bool { return s.Pending() == 1 }, time.Second, time.Millisecond)

	_, err := s.Request(bg, "debug", "second", nil)
	var pe *session.ProtocolError
	require.ErrorAs(t, err, &pe, "got %T: %v", err, err)
	assert.Contains(t, pe.Error(), "debug.second")

	r := <-firstDone
	require.NoError(t, r.err, "the other pending call is not affected")
	assert.JSONEq(t, `{"ok":1}`, string(r.data))

	data, err := s.Request(bg, "rfc", "after", map[string]int{"n": 3})
	require.NoError(t, err, "the session stays usable")
	assert.JSONEq(t, `{"n":3}`, string(data))
	assert.NoError(t, s.Err())
}

func TestMalformedFrameWithoutIDFailsTheOnlyPendingCall(t *testing.T) {
	noLeak(t)
	f := newFake(t, func(c *fakeConn) {
		if _, ok := c.request(); !ok {
			return
		}
		c.send(`{"id":"rfc_1","success":true,"data":{"tables":{"T":[{{"error":"serialization failed"}]}}`)
		c.echo()
	})
	s := f.dial(t, f.options())

	var err error
	within(t, time.Second, func() { _, err = s.Request(bg, "rfc", "call", nil) })
	var pe *session.ProtocolError
	require.ErrorAs(t, err, &pe, "got %T: %v", err, err)
	assert.True(t, errors.Is(err, protocol.ErrMalformedFrame))

	_, err = s.Request(bg, "rfc", "ping", nil)
	assert.NoError(t, err)
}

func TestFrameBeyondReadLimitEndsTheSessionNamingTheLimit(t *testing.T) {
	noLeak(t)
	f := newFake(t, func(c *fakeConn) {
		r, ok := c.request()
		if !ok {
			return
		}
		c.reply(r.ID, `"`+strings.Repeat("x", 4096)+`"`)
		c.echo()
	})
	opts := f.options()
	opts.ReadLimit = 1024
	s := f.dial(t, opts)

	var err error
	within(t, time.Second, func() { _, err = s.Request(bg, "rfc", "call", nil) })
	ce := requireConnectionError(t, err)
	assert.Contains(t, ce.Message, "1024 bytes")
	assert.True(t, errors.Is(err, websocket.ErrReadLimit))
	<-s.Done()
}

func TestReplyLargerThanMaxReplyBytesFailsLocally(t *testing.T) {
	noLeak(t)
	f := newFake(t, func(c *fakeConn) {
		r, ok := c.request()
		if !ok {
			return
		}
		for range 3 {
			c.send(fmt.Sprintf(`{"id":%q,"success":true,"more":true,"data":{"T":[%q]}}`, r.ID, strings.Repeat("x", 400)))
		}
		c.reply(r.ID, `{"T":[]}`)
		c.echo()
	})
	opts := f.options()
	opts.MaxReplyBytes = 1000
	s := f.dial(t, opts)

	_, err := s.Request(bg, "rfc", "call", nil)
	se := requireSessionError(t, err, session.CodeTooLarge)
	assert.True(t, se.Local)
	assert.Contains(t, se.Message, "1000 bytes")

	_, err = s.Request(bg, "rfc", "ping", nil)
	assert.NoError(t, err, "the rest of the oversized reply is dropped and the session goes on")
}

func TestAnswerToUnknownIDIsIgnored(t *testing.T) {
	noLeak(t)
	f := newFake(t, func(c *fakeConn) {
		r, ok := c.request()
		if !ok {
			return
		}
		c.reply("rfc_999999", `{"wrong":true}`)
		c.send(`{"id":"unknown","success":false,"error":{"code":"PARSE_ERROR","message":"Invalid message format"}}`)
		c.reply(r.ID, `{"right":true}`)
		c.echo()
	})
	s := f.dial(t, f.options())

	data, err := s.Request(bg, "rfc", "call", nil)
	require.NoError(t, err)
	assert.JSONEq(t, `{"right":true}`, string(data))
	assert.NoError(t, s.Err())
}

func TestLateAnswerAfterTimeoutIsDropped(t *testing.T) {
	noLeak(t)
	f := newFake(t, func(c *fakeConn) {
		slow, ok := c.request()
		if !ok {
			return
		}
		time.Sleep(200 * time.Millisecond)
		c.reply(slow.ID, `{"late":true}`)
		next, ok := c.request()
		if !ok {
			return
		}
		c.reply(next.ID, `{"late":false}`)
		c.echo()
	})
	s := f.dial(t, f.options())

	_, err := s.RequestValue(bg, "rfc", "call", nil, 50*time.Millisecond)
	var te *session.TimeoutError
	require.ErrorAs(t, err, &te, "got %T: %v", err, err)
	assert.Equal(t, "rfc", te.Domain)
	assert.Equal(t, "call", te.Action)
	assert.Equal(t, 50*time.Millisecond, te.After)
	assert.Contains(t, te.Error(), "the session stays open")
	assert.Zero(t, s.Pending())

	data, err := s.Request(bg, "rfc", "call", nil)
	require.NoError(t, err)
	assert.JSONEq(t, `{"late":false}`, string(data), "the late reply does not answer the next call")
	assert.NoError(t, s.Err())
}

// silent reads requests and answers none until the client leaves.
func silent(c *fakeConn) {
	for {
		if _, ok := c.request(); !ok {
			return
		}
	}
}

func TestNoAnswerTimesOutAfterTheCallTimeout(t *testing.T) {
	noLeak(t)
	f := newFake(t, silent)
	opts := f.options()
	opts.CallTimeout = 100 * time.Millisecond
	s := f.dial(t, opts)

	var err error
	took := within(t, time.Second, func() { _, err = s.Request(bg, "system", "ping", nil) })
	assert.GreaterOrEqual(t, took, 100*time.Millisecond)
	var te *session.TimeoutError
	require.ErrorAs(t, err, &te, "got %T: %v", err, err)
	assert.Equal(t, 100*time.Millisecond, te.After)
	assert.NoError(t, s.Err(), "a timeout does not end the session")
	assert.Zero(t, s.Pending())

	var callErr error
	within(t, time.Second, func() {
		_, callErr = s.Call(bg, "STFC_CONNECTION", nil, session.CallOptions{Timeout: 30 * time.Millisecond})
	})
	require.ErrorAs(t, callErr, &te, "got %T: %v", callErr, callErr)
	assert.Equal(t, "getMetadata", te.Action)
}

func TestCancelledContextEndsTheWaitWithContextCanceled(t *testing.T) {
	noLeak(t)
	f := newFake(t, silent)
	s := f.dial(t, f.options())

	ctx, cancel := context.WithCancel(bg)
	time.AfterFunc(50*time.Millisecond, cancel)
	var err error
	within(t, 500*time.Millisecond, func() { _, err = s.Request(ctx, "rfc", "call", nil) })
	require.Error(t, err)
	assert.True(t, errors.Is(err, context.Canceled), "%v wraps context.Canceled", err)
	assert.Contains(t, err.Error(), "rfc.call")
	assert.Zero(t, s.Pending())

	ctx, cancel2 := context.WithTimeout(bg, 30*time.Millisecond)
	defer cancel2()
	_, err = s.Request(ctx, "rfc", "call", nil)
	assert.True(t, errors.Is(err, context.DeadlineExceeded), "%v wraps context.DeadlineExceeded", err)
	assert.NoError(t, s.Err())
}

func TestServerCloseWith1011CarriesCodeAndReason(t *testing.T) {
	noLeak(t)
	f := newFake(t, func(c *fakeConn) {
		if _, ok := c.request(); !ok {
			return
		}
		_ = c.WriteControl(websocket.CloseMessage,
			websocket.FormatCloseMessage(websocket.CloseInternalServerErr, "ABAP runtime error CONVT_NO_NUMBER"), time.Now().Add(time.Second))
		_, _, _ = c.ReadMessage() // the client's close reply
	})
	s := f.dial(t, f.options())

	var err error
	within(t, 500*time.Millisecond, func() { _, err = s.Request(bg, "rfc", "call", nil) })
	ce := requireConnectionError(t, err)
	assert.Equal(t, websocket.CloseInternalServerErr, ce.CloseCode)
	assert.Contains(t, ce.Error(), "ABAP runtime error CONVT_NO_NUMBER")
	assert.Contains(t, ce.Error(), "ST22")
	var wsClose *websocket.CloseError
	require.ErrorAs(t, err, &wsClose)
	assert.Equal(t, "ABAP runtime error CONVT_NO_NUMBER", wsClose.Text)
}

func TestCloseFailsPendingCallsAtOnceAndLaterCallsWithErrClosed(t *testing.T) {
	noLeak(t)
	closeCode := make(chan int, 1)
	f := newFake(t, func(c *fakeConn) {
		for {
			_, _, err := c.ReadMessage()
			var ce *websocket.CloseError
			if errors.As(err, &ce) {
				closeCode <- ce.Code
				return
			}
			if err != nil {
				return
			}
		}
	})
	s := f.dial(t, f.options())
	closed := make(chan error, 1)
	s.OnClose(func(err error) { closed <- err })

	const calls = 5
	errs := make(chan error, calls)
	for range calls {
		go func() { _, err := s.Request(bg, "rfc", "call", nil); errs <- err }()
	}
	require.Eventually(t, func() bool { return s.Pending() == calls }, time.Second, time.Millisecond)

	within(t, 500*time.Millisecond, func() {
		require.NoError(t, s.Close())
		for range calls {
			err := <-errs
			requireConnectionError(t, err)
			assert.True(t, errors.Is(err, session.ErrClosed), "%v wraps ErrClosed", err)
		}
	})
	assert.True(t, errors.Is(<-closed, session.ErrClosed))
	select {
	case code := <-closeCode:
		assert.Equal(t, websocket.CloseNormalClosure, code, "Close sends a normal close frame")
	case <-time.After(time.Second):
		t.Fatal("the server got no close frame")
	}

	_, err := s.Request(bg, "rfc", "call", nil)
	assert.True(t, errors.Is(err, session.ErrClosed), "calls after Close: %v", err)
	_, err = s.Call(bg, "STFC_CONNECTION", nil)
	assert.True(t, errors.Is(err, session.ErrClosed), "Call after Close: %v", err)
	assert.NoError(t, s.Close(), "a second Close is harmless")

	late := make(chan error, 1)
	s.OnClose(func(err error) { late <- err })
	assert.True(t, errors.Is(<-late, session.ErrClosed), "OnClose after the end still reports")
}

func TestNoWelcomeWithinWelcomeTimeout(t *testing.T) {
	noLeak(t)
	f := newFake(t, silent)
	f.welcome = ""
	opts := f.options()
	opts.WelcomeTimeout = 100 * time.Millisecond

	var err error
	within(t, time.Second, func() { _, err = session.Dial(bg, opts) })
	ce := requireConnectionError(t, err)
	assert.Equal(t, "dial", ce.Op)
	assert.Contains(t, ce.Message, "no welcome message within 100ms")
}

func TestFirstFrameThatIsNoWelcomeIsAProtocolError(t *testing.T) {
	noLeak(t)
	f := newFake(t, silent)
	f.welcome = `{"id":"rfc_1","success":true,"data":{}}`

	_, err := session.Dial(bg, f.options())
	var pe *session.ProtocolError
	require.ErrorAs(t, err, &pe, "got %T: %v", err, err)
	assert.Contains(t, pe.Error(), "not a welcome message")
}

func TestUpgradeRefusedWithHTTPStatus(t *testing.T) {
	cases := []struct {
		status  int
		logon   bool
		message string
	}{
		{401, true, "logon failed (HTTP 401)"},
		{403, false, "forbidden (HTTP 403)"},
		{404, false, "ZADT_VSP is not installed"},
		{500, false, "fake SAP says 500"},
		{502, false, "HTTP 502"},
	}
	for _, tc := range cases {
		t.Run(fmt.Sprint(tc.status), func(t *testing.T) {
			noLeak(t)
			f := newFake(t, nil)
			f.status = tc.status

			var err error
			within(t, time.Second, func() { _, err = session.Dial(bg, f.options()) })
			ce := requireConnectionError(t, err)
			assert.Equal(t, tc.status, ce.StatusCode)
			assert.Equal(t, tc.logon, ce.IsLogon())
			assert.Contains(t, ce.Error(), tc.message)
		})
	}
}

func TestUpgradeRefused401TriesTheDiscoveryLogonOnce(t *testing.T) {
	noLeak(t)
	f := newFake(t, nil)
	f.status = 401

	_, err := session.Dial(bg, f.options())
	ce := requireConnectionError(t, err)
	assert.True(t, ce.IsLogon())
	assert.Contains(t, ce.Error(), "DEVELOPER", "the message names the user, upper-cased as SAP does")

	upgrade := <-f.requests
	assert.Equal(t, "websocket", strings.ToLower(upgrade.Header.Get("Upgrade")))
	user, pass, ok := upgrade.BasicAuth()
	require.True(t, ok, "the first attempt sends Basic")
	assert.Equal(t, "developer", user)
	assert.Equal(t, secret, pass)
	assert.Equal(t, "001", upgrade.URL.Query().Get("sap-client"))
	assert.Equal(t, protocol.DefaultPath, upgrade.URL.Path)

	discovery := <-f.requests
	assert.Equal(t, "/sap/bc/adt/core/discovery", discovery.URL.Path)
	assert.Equal(t, "001", discovery.URL.Query().Get("sap-client"))
	assert.Empty(t, f.requests, "no further attempt after the logon GET was refused")
}

func TestUnreachableHostIsAConnectionErrorWithoutStatus(t *testing.T) {
	noLeak(t)
	f := newFake(t, nil)
	opts := f.options()
	f.close() // nothing listens there any more

	_, err := session.Dial(bg, opts)
	ce := requireConnectionError(t, err)
	assert.Zero(t, ce.StatusCode)
	assert.Contains(t, ce.Message, "cannot reach")
}

func TestBadURLsAreRejectedBeforeDialling(t *testing.T) {
	for _, u := range []string{"", "ftp://host", "http://"} {
		_, err := session.Dial(bg, session.Options{URL: u, Password: secret})
		ce := requireConnectionError(t, err)
		assert.Equal(t, "dial", ce.Op, "URL %q", u)
	}
}

func TestCookieAuthSendsTheCookieAndNoBasic(t *testing.T) {
	noLeak(t)
	f := newFake(t, func(c *fakeConn) { c.echo() })
	opts := f.options()
	opts.User, opts.Password = "", ""
	opts.Cookie = "SAP_SESSIONID_WSR_001=abc; sap-usercontext=sap-client=001"
	s := f.dial(t, opts)

	upgrade := <-f.requests
	assert.Equal(t, opts.Cookie, upgrade.Header.Get("Cookie"))
	assert.Empty(t, upgrade.Header.Get("Authorization"))
	_, err := s.Request(bg, "system", "ping", nil)
	assert.NoError(t, err)
	assert.Contains(t, opts.String(), "auth=cookie")
	assert.NotContains(t, opts.String(), "abc", "the cookie value is a secret too")
}

func TestCookieRefusedWith401IsFinal(t *testing.T) {
	noLeak(t)
	f := newFake(t, nil)
	f.status = 401
	opts := f.options()
	opts.Cookie = "SAP_SESSIONID_WSR_001=expired"

	_, err := session.Dial(bg, opts)
	ce := requireConnectionError(t, err)
	assert.True(t, ce.IsLogon())
	assert.Contains(t, ce.Message, "session cookie")
	<-f.requests
	assert.Empty(t, f.requests, "no discovery logon in cookie mode")
}

func TestChunkedReplyIsMerged(t *testing.T) {
	noLeak(t)
	f := newFake(t, func(c *fakeConn) {
		r, ok := c.request()
		if !ok {
			return
		}
		c.send(fmt.Sprintf(`{"id":%q,"success":true,"more":true,"data":{"result":{"DATA":[{"WA":"1"},{"WA":"2"}]}}}`, r.ID))
		c.send(`{"event":"progress","domain":"rfc","data":{"rows":2}}`)
		c.send(fmt.Sprintf(`{"id":%q,"success":true,"more":true,"data":{"result":{"DATA":[{"WA":"3"}]}}}`, r.ID))
		c.send(fmt.Sprintf(`{"id":%q,"success":true,"data":{"result":{"DATA":[],"FIELDS":[{"FIELDNAME":"WA"}]}}}`, r.ID))

		r, ok = c.request()
		if !ok {
			return
		}
		c.send(fmt.Sprintf(`{"id":%q,"success":true,"more":true,"data":{"result":{"DATA":[1]}}}`, r.ID))
		c.send(fmt.Sprintf(`{"id":%q,"success":false,"error":{"code":"TOO_LARGE","message":"stop"}}`, r.ID))
		c.echo()
	})
	s := f.dial(t, f.options())
	var pushes atomic.Int32
	s.OnPush(func(session.Push) { pushes.Add(1) })

	data, err := s.Request(bg, "rfc", "call", nil)
	require.NoError(t, err)
	assert.JSONEq(t, `{"result":{"DATA":[{"WA":"1"},{"WA":"2"},{"WA":"3"}],"FIELDS":[{"FIELDNAME":"WA"}]}}`, string(data))
	assert.EqualValues(t, 1, pushes.Load(), "a push between chunks is delivered, not merged")

	_, err = s.Request(bg, "rfc", "call", nil)
	se := requireSessionError(t, err, protocol.CodeTooLarge)
	assert.False(t, se.Local)
	assert.Equal(t, "stop", se.Message)

	_, err = s.Request(bg, "rfc", "ping", nil)
	assert.NoError(t, err)
}

func TestServerErrorBecomesSessionError(t *testing.T) {
	noLeak(t)
	f := newFake(t, func(c *fakeConn) {
		r, ok := c.request()
		if !ok {
			return
		}
		c.send(fmt.Sprintf(`{"id":%q,"success":false,"error":{"code":"ABAP_EXCEPTION","message":"Table not available","details":{"key":"TABLE_NOT_AVAILABLE","function":"RFC_READ_TABLE"}}}`, r.ID))
		r, ok = c.request()
		if !ok {
			return
		}
		c.send(fmt.Sprintf(`{"id":%q,"success":false}`, r.ID))
		c.echo()
	})
	s := f.dial(t, f.options())

	_, err := s.Request(bg, "rfc", "call", nil)
	se := requireSessionError(t, err, protocol.CodeABAPException)
	assert.Equal(t, "TABLE_NOT_AVAILABLE", se.Details.Key)
	assert.Equal(t, "RFC_READ_TABLE", se.Details.Function)
	assert.Equal(t, "rfc", se.Domain)
	assert.False(t, se.Local)
	assert.Equal(t, "ABAP_EXCEPTION: Table not available (TABLE_NOT_AVAILABLE)", se.Error())

	_, err = s.Request(bg, "git", "export", nil)
	requireSessionError(t, err, protocol.CodeProtocolError)
}

func TestPushesReachSubscribers(t *testing.T) {
	noLeak(t)
	f := newFake(t, func(c *fakeConn) {
		for {
			r, ok := c.request()
			if !ok {
				return
			}
			c.send(`{"event":"breakpointHit","domain":"debug","data":{"line":42}}`)
			c.reply(r.ID, `{}`)
		}
	})
	s := f.dial(t, f.options())

	a := make(chan session.Push, 4)
	b := make(chan session.Push, 4)
	s.OnPush(func(p session.Push) { a <- p })
	unsubscribe := s.OnPush(func(p session.Push) { b <- p })

	_, err := s.Request(bg, "debug", "listen", nil)
	require.NoError(t, err)
	p := <-a // the push precedes the reply on the same reader
	assert.Equal(t, "breakpointHit", p.Event)
	assert.Equal(t, "debug", p.Domain)
	assert.Equal(t, map[string]any{"line": json.Number("42")}, p.Data)
	second := <-b
	assert.Equal(t, p, second, "every subscriber gets the push")

	unsubscribe()
	_, err = s.Request(bg, "debug", "listen", nil)
	require.NoError(t, err)
	assert.Len(t, a, 1)
	assert.Empty(t, b, "an unsubscribed callback gets nothing")
}

func TestKeepalivePingsAreSentAndAnswered(t *testing.T) {
	noLeak(t)
	var pings atomic.Int32
	pongs := make(chan string, 1)
	serverConn := make(chan *fakeConn, 1)
	f := newFake(t, func(c *fakeConn) {
		c.SetPingHandler(func(data string) error {
			pings.Add(1)
			return c.WriteControl(websocket.PongMessage, []byte(data), time.Now().Add(time.Second))
		})
		c.SetPongHandler(func(data string) error { pongs <- data; return nil })
		serverConn <- c
		c.echo()
	})
	opts := f.options()
	opts.PingInterval = 20 * time.Millisecond
	s := f.dial(t, opts)

	assert.Eventually(t, func() bool { return pings.Load() >= 3 }, time.Second, 5*time.Millisecond, "the client pings every PingInterval")
	c := <-serverConn
	require.NoError(t, c.WriteControl(websocket.PingMessage, []byte("are you there"), time.Now().Add(time.Second)))
	select {
	case data := <-pongs:
		assert.Equal(t, "are you there", data, "the client answers the server's ping")
	case <-time.After(time.Second):
		t.Fatal("no pong from the client")
	}
	_, err := s.Request(bg, "system", "ping", nil)
	assert.NoError(t, err)
	assert.NoError(t, s.Err())
}

func TestNoPasswordInOptionsOrErrors(t *testing.T) {
	opts := session.Options{URL: "https://sap.example:44300", Client: "001", User: "developer", Password: secret}
	for _, format := range []string{"%v", "%+v", "%#v", "%s"} {
		noSecret(t, format+" of Options", fmt.Sprintf(format, opts))
		noSecret(t, format+" of *Options", fmt.Sprintf(format, &opts))
	}
	assert.Contains(t, opts.String(), "user=developer")
	assert.Contains(t, opts.String(), "auth=basic")

	withUserInfo := session.Options{URL: "https://developer:" + secret + "@sap.example:44300"}
	noSecret(t, "Options with credentials in the URL", withUserInfo.String())
	noSecret(t, "%#v of Options with credentials in the URL", fmt.Sprintf("%#v", withUserInfo))
	assert.Contains(t, withUserInfo.String(), "sap.example:44300")

	_, err := session.Dial(bg, session.Options{URL: "https://developer:" + secret + "@sap.example:bad", Password: secret})
	requireConnectionError(t, err)
}
