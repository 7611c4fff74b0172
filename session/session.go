// Package session is a client for one stateful ZADT_VSP WebSocket session:
// logon, welcome handshake, requests correlated by id, server pushes, keepalive
// and failure of every pending call the moment the connection ends.
package session

import (
	"bytes"
	"context"
	"crypto/tls"
	"encoding/json"
	"errors"
	"fmt"
	"html"
	"io"
	"log/slog"
	"math"
	"net"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"reflect"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/gorilla/websocket"

	"github.com/wsrfc/wsrfc/internal/cork"
	"github.com/wsrfc/wsrfc/protocol"
)

// Options configure a session. Password is never printed: String redacts it,
// and no error or log line carries it.
type Options struct {
	URL      string // https://host:port[/prefix], http://..., ws(s)://...
	Path     string // push channel path; default protocol.DefaultPath
	Client   string // sap-client
	Language string // sap-language, e.g. EN
	User     string
	Password string
	Cookie   string // a Cookie header for SSO sessions ("name=value; ..."); replaces Basic auth
	Insecure bool   // skip TLS certificate verification

	HandshakeTimeout time.Duration // TCP+TLS+upgrade; default 30s
	WelcomeTimeout   time.Duration // default 10s
	CallTimeout      time.Duration // default per-request timeout; default 120s
	PingInterval     time.Duration // keepalive; default 30s, negative disables
	ReadLimit        int64         // largest frame accepted; default 64 MiB
	MaxReplyBytes    int64         // largest reply across frames; default DefaultMaxReplyBytes
	Logger           *slog.Logger
	// Observer, when set, sees every text frame of the session (a cassette
	// recorder, a protocol trace).
	Observer Observer
}

// DefaultMaxReplyBytes is the handler's own reply limit (ZCL_VSP_FRAMER's
// max_reply_bytes): no reply from SAP is larger, and a reply holds several
// times its wire size in memory while it is decoded and converted, so a
// larger default would only let a faulty or hostile server cost gigabytes.
const DefaultMaxReplyBytes = 64 << 20

// Observer sees the text frames of one session: Frame for each frame sent
// (sent is true) or received, the welcome included, then Ended once when the
// session is over. Both run on the session's goroutines and must not block;
// frame is the observer's to keep.
type Observer interface {
	Frame(sent bool, frame []byte)
	Ended(err error)
}

// String describes the options without secrets.
func (o Options) String() string {
	auth := "none"
	switch {
	case o.Cookie != "":
		auth = "cookie"
	case o.User != "":
		auth = "basic"
	}
	return fmt.Sprintf("url=%s client=%s user=%s auth=%s insecure=%t", redact(o.URL), o.Client, o.User, auth, o.Insecure)
}

// GoString keeps %#v from printing the password.
func (o Options) GoString() string { return "session.Options{" + o.String() + "}" }

func (o *Options) defaults() {
	if o.Path == "" {
		o.Path = protocol.DefaultPath
	}
	if o.HandshakeTimeout == 0 {
		o.HandshakeTimeout = 30 * time.Second
	}
	if o.WelcomeTimeout == 0 {
		o.WelcomeTimeout = 10 * time.Second
	}
	if o.CallTimeout == 0 {
		o.CallTimeout = 120 * time.Second
	}
	if o.PingInterval == 0 {
		o.PingInterval = 30 * time.Second
	}
	if o.ReadLimit == 0 {
		o.ReadLimit = 64 << 20
	}
	if o.MaxReplyBytes == 0 {
		o.MaxReplyBytes = DefaultMaxReplyBytes
	}
	if o.Logger == nil {
		o.Logger = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
}

// Session is one open ZADT_VSP session. All methods are safe for concurrent use.
type Session struct {
	opts    Options
	ws      *websocket.Conn
	welcome protocol.Welcome
	url     string // without credentials
	log     *slog.Logger

	wmu sync.Mutex // serialises frame writes; gorilla allows one writer
	// writersWaiting counts callers queued for wmu; cork is the TCP connection
	// under the WebSocket (and TLS), whose writes can be held back.
	writersWaiting atomic.Int32
	cork           *cork.Conn
	held           atomic.Int32 // Hold calls not yet released
	closing        atomic.Bool  // Close was called
	nextID         atomic.Int64

	mu       sync.Mutex
	pending  map[string]*pending
	subs     map[int]func(protocol.Push)
	closeFns map[int]func(error)
	subID    int
	err      error // why the session ended
	done     chan struct{}

	metaMu sync.Mutex
	meta   map[string]*metaEntry

	order sequencer // keeps requests in the order they were made (order.go)

	luw atomic.Pointer[string] // see PendingLUW
}

type pending struct {
	domain, action string
	// complete receives the reply or the error that ends the wait. Whoever
	// takes the request out of Session.pending calls it, so it runs once.
	complete func(reply)
	acc      any // merged data of continuation frames
	bytes    int64
	chunked  bool
	// onPart, when set, converts the data of each continuation frame before it
	// is merged; it runs on the reader goroutine (see Call).
	onPart func(any) (any, error)
}

type reply struct {
	raw     json.RawMessage // data of a single-frame reply
	decoded any             // merged data of a chunked reply
	err     error
}

// Dial opens a session: logon, upgrade, welcome.
func Dial(ctx context.Context, opts Options) (*Session, error) {
	opts.defaults()
	u, err := endpoint(opts)
	if err != nil {
		return nil, err
	}
	s := &Session{opts: opts, url: u.String(), log: opts.Logger, pending: map[string]*pending{},
		subs: map[int]func(protocol.Push){}, closeFns: map[int]func(error){}, done: make(chan struct{}), meta: map[string]*metaEntry{}}
	ws, err := s.connect(ctx, u)
	if err != nil {
		return nil, err
	}
	s.ws = ws
	if err := s.readWelcome(); err != nil {
		_ = ws.Close()
		return nil, err
	}
	go s.readLoop()
	if opts.PingInterval > 0 {
		go s.keepalive()
	}
	return s, nil
}

// endpoint builds the ws(s) URL, keeping any path prefix of the base URL (reverse proxies).
func endpoint(o Options) (*url.URL, error) {
	if o.URL == "" {
		return nil, &ConnectionError{Op: "dial", Message: "no SAP URL given: set --url or SAP_URL (e.g. https://host:44300), or use --sim"}
	}
	raw := o.URL
	if !strings.Contains(raw, "://") {
		raw = "https://" + raw
	}
	u, err := url.Parse(raw)
	if err != nil || u.Host == "" {
		return nil, &ConnectionError{Op: "dial", Message: fmt.Sprintf("cannot read SAP URL %q: expected https://host:port", redact(o.URL))}
	}
	switch u.Scheme {
	case "https", "wss":
		u.Scheme = "wss"
	case "http", "ws":
		u.Scheme = "ws"
	default:
		return nil, &ConnectionError{Op: "dial", Message: fmt.Sprintf("unsupported URL scheme %q: use https://, http://, wss:// or ws://", u.Scheme)}
	}
	u.User = nil
	if !strings.HasSuffix(u.Path, o.Path) {
		u.Path = strings.TrimRight(u.Path, "/") + o.Path
	}
	q := u.Query()
	if o.Client != "" {
		q.Set("sap-client", o.Client)
	}
	if o.Language != "" {
		q.Set("sap-language", o.Language)
	}
	u.RawQuery = q.Encode()
	return u, nil
}

func (s *Session) dialer(jar http.CookieJar) *websocket.Dialer {
	return &websocket.Dialer{
		NetDialContext: func(ctx context.Context, network, addr string) (net.Conn, error) {
			var d net.Dialer
			c, err := d.DialContext(ctx, network, addr)
			if err != nil {
				return nil, err
			}
			cc := &cork.Conn{Conn: c}
			s.cork = cc // the last dial is the connection that stays
			return cc, nil
		},
		Proxy:            http.ProxyFromEnvironment,
		HandshakeTimeout: s.opts.HandshakeTimeout,
		TLSClientConfig:  &tls.Config{InsecureSkipVerify: s.opts.Insecure}, //nolint:gosec // opt-in via --insecure
		ReadBufferSize:   64 << 10,
		WriteBufferSize:  32 << 10,
		Jar:              jar,
	}
}

func (s *Session) connect(ctx context.Context, u *url.URL) (*websocket.Conn, error) {
	h := http.Header{}
	switch {
	case s.opts.Cookie != "":
		h.Set("Cookie", s.opts.Cookie)
	case s.opts.User != "":
		req := &http.Request{Header: http.Header{}}
		req.SetBasicAuth(s.opts.User, s.opts.Password)
		h.Set("Authorization", req.Header.Get("Authorization"))
	}
	ws, resp, err := s.dialer(nil).DialContext(ctx, u.String(), h)
	if err == nil {
		return ws, nil
	}
	if resp != nil && resp.StatusCode == http.StatusUnauthorized && s.opts.Cookie == "" && s.opts.User != "" {
		// Some systems refuse Basic on the upgrade itself: log on with a plain GET,
		// then upgrade with the session cookies it set.
		s.log.Debug("upgrade refused Basic authentication; logging on with a GET first")
		jar, lerr := s.cookieLogon(ctx, u)
		if lerr != nil {
			return nil, lerr
		}
		ws, resp, err = s.dialer(jar).DialContext(ctx, u.String(), nil)
		if err == nil {
			return ws, nil
		}
	}
	return nil, s.dialError(u, resp, err)
}

func (s *Session) cookieLogon(ctx context.Context, u *url.URL) (http.CookieJar, error) {
	jar, _ := cookiejar.New(nil)
	base := *u
	if base.Scheme == "wss" {
		base.Scheme = "https"
	} else {
		base.Scheme = "http"
	}
	base.Path = strings.TrimSuffix(base.Path, s.opts.Path) + "/sap/bc/adt/core/discovery"
	client := &http.Client{Jar: jar, Timeout: s.opts.HandshakeTimeout, Transport: &http.Transport{
		Proxy: http.ProxyFromEnvironment, TLSClientConfig: &tls.Config{InsecureSkipVerify: s.opts.Insecure}}} //nolint:gosec // opt-in
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, base.String(), nil)
	if err != nil {
		return nil, &ConnectionError{Op: "dial", Message: "cannot build logon request", Err: err}
	}
	req.SetBasicAuth(s.opts.User, s.opts.Password)
	resp, err := client.Do(req)
	if err != nil {
		return nil, &ConnectionError{Op: "dial", Message: "logon request to " + redact(base.String()) + " failed", Err: err}
	}
	body, _ := io.ReadAll(io.LimitReader(resp.Body, maxErrorPage))
	_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, 1<<20))
	_ = resp.Body.Close()
	client.CloseIdleConnections() // the transport is ours alone: keep no connection (and goroutines) behind
	if resp.StatusCode == http.StatusUnauthorized {
		return nil, logonError(s.opts, resp.StatusCode, pageText(body))
	}
	return jar, nil
}

// logonError explains a refused logon: SAP's own text first (it tells a wrong password from a locked
// user or an expired password), then what to check.
func logonError(o Options, status int, sapText string) *ConnectionError {
	says := ""
	if sapText != "" {
		says = fmt.Sprintf(": SAP says %q", sapText)
	}
	if o.Cookie == "" && o.User == "" {
		return &ConnectionError{Op: "logon", StatusCode: status,
			Message: fmt.Sprintf("logon failed (HTTP %d)%s; no user was given: set --user or SAP_USER (or SAP_COOKIE for an SSO session)", status, says)}
	}
	client := "client " + o.Client
	if o.Client == "" {
		client = "the system's default client (set --client or SAP_CLIENT to choose one)"
	}
	how := "user " + strings.ToUpper(o.User) + " in " + client
	if o.Cookie != "" {
		how = "the given session cookie"
	}
	return &ConnectionError{Op: "logon", StatusCode: status,
		Message: fmt.Sprintf("logon failed (HTTP %d)%s; SAP refused %s: check SAP_USER, SAP_PASSWORD and --client", status, says, how)}
}

// maxErrorPage bounds what is read of an error page: enough for the text SAP puts in it.
const maxErrorPage = 16 << 10

var (
	pageScripts = regexp.MustCompile(`(?is)<(script|style|head)\b.*?</(script|style|head)>`)
	pageTags    = regexp.MustCompile(`(?s)<[^>]*>`)
	pageSpaces  = regexp.MustCompile(`\s+`)
)

// pageText is the readable text of an error page (SAP's are HTML), shortened to a sentence or two.
func pageText(body []byte) string {
	text := pageScripts.ReplaceAllString(string(body), " ")
	text = pageTags.ReplaceAllString(text, " ")
	text = html.UnescapeString(text)
	text = strings.TrimSpace(pageSpaces.ReplaceAllString(text, " "))
	if len(text) > 200 {
		cut := strings.LastIndex(text[:200], " ")
		if cut < 100 {
			cut = 200
		}
		text = text[:cut] + " ..."
	}
	return text
}

// redact hides the user info of a URL ("https://user:password@host"), also
// in text that does not parse as a URL.
func redact(u string) string {
	scheme, rest, ok := strings.Cut(u, "://")
	if !ok {
		scheme, rest = "", u
	}
	authority, path, slash := strings.Cut(rest, "/")
	at := strings.LastIndex(authority, "@")
	if at < 0 {
		return u
	}
	out := "***@" + authority[at+1:]
	if ok {
		out = scheme + "://" + out
	}
	if slash {
		out += "/" + path
	}
	return out
}

func (s *Session) dialError(u *url.URL, resp *http.Response, err error) error {
	where := u.Scheme + "://" + u.Host + u.Path
	if resp == nil {
		if err != nil && strings.Contains(err.Error(), "first record does not look like a TLS handshake") {
			return &ConnectionError{Op: "dial", Message: "cannot reach " + where + ": the server answers in plain HTTP, not TLS; use http:// (or ws://) in the URL", Err: err}
		}
		return &ConnectionError{Op: "dial", Message: "cannot reach " + where, Err: err}
	}
	var body []byte
	if resp.Body != nil {
		body, _ = io.ReadAll(io.LimitReader(resp.Body, maxErrorPage))
		_ = resp.Body.Close()
	}
	detail := pageText(body)
	status := resp.StatusCode
	switch status {
	case http.StatusUnauthorized:
		return logonError(s.opts, status, detail)
	case http.StatusBadRequest:
		if strings.Contains(detail, "HTTP request to an HTTPS server") {
			return &ConnectionError{Op: "dial", StatusCode: status, Message: fmt.Sprintf("cannot reach %s: the server speaks HTTPS; use https:// (or wss://) in the URL", where)}
		}
	case http.StatusNotFound:
		return &ConnectionError{Op: "dial", StatusCode: status, Message: fmt.Sprintf("no push channel at %s (HTTP 404): ZADT_VSP is not installed or its SICF node is inactive; see docs/abap-install.md, or set --path", where)}
	case http.StatusInternalServerError:
		return &ConnectionError{Op: "dial", StatusCode: status, Message: fmt.Sprintf("the push channel at %s exists but cannot run (HTTP 500): the handler class does not activate; check SE24/ST22 (%s)", where, detail)}
	case http.StatusForbidden:
		return &ConnectionError{Op: "dial", StatusCode: status, Message: fmt.Sprintf("access to %s forbidden (HTTP 403): the user lacks S_ICF for the node, or the origin is not allowed", where)}
	}
	return &ConnectionError{Op: "dial", StatusCode: status, Message: fmt.Sprintf("WebSocket upgrade to %s failed (HTTP %d): %s", where, status, detail), Err: err}
}

func (s *Session) readWelcome() error {
	_ = s.ws.SetReadDeadline(time.Now().Add(s.opts.WelcomeTimeout))
	s.ws.SetReadLimit(s.opts.ReadLimit)
	_, msg, err := s.ws.ReadMessage()
	_ = s.ws.SetReadDeadline(time.Time{})
	if err != nil {
		return &ConnectionError{Op: "dial", Message: fmt.Sprintf("no welcome message within %s: is this a ZADT_VSP endpoint?", s.opts.WelcomeTimeout), Err: err}
	}
	if s.opts.Observer != nil {
		s.opts.Observer.Frame(false, msg)
	}
	f, err := protocol.DecodeFrame(msg)
	if err != nil || !f.IsWelcome() || !f.Success {
		return &ProtocolError{Message: "the first frame is not a welcome message", Err: err}
	}
	if err := json.Unmarshal(f.Data, &s.welcome); err != nil {
		return &ProtocolError{Message: "cannot read the welcome message", Err: err}
	}
	s.log.Debug("session open", "session", s.welcome.Session, "version", s.welcome.Version, "legacy", s.welcome.Legacy())
	return nil
}

// Welcome returns what the server said about itself.
func (s *Session) Welcome() protocol.Welcome { return s.welcome }

// Legacy reports whether the server runs the old handler.
func (s *Session) Legacy() bool { return s.welcome.Legacy() }

// URL is the push channel URL (without credentials).
func (s *Session) URL() string { return s.url }

// Options returns the options the session was opened with.
func (s *Session) Options() Options { return s.opts }

// Done is closed when the session has ended.
func (s *Session) Done() <-chan struct{} { return s.done }

// Err says why the session ended, or nil while it is open.
func (s *Session) Err() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.err
}

// Subscribe registers fn for server pushes; it runs on the reader goroutine and
// must not block. The returned func unsubscribes.
func (s *Session) Subscribe(fn func(protocol.Push)) (unsubscribe func()) {
	s.mu.Lock()
	s.subID++
	id := s.subID
	s.subs[id] = fn
	s.mu.Unlock()
	return func() { s.mu.Lock(); delete(s.subs, id); s.mu.Unlock() }
}

// OnClose registers fn to run once when the session ends, with the reason
// (a *ConnectionError wrapping ErrClosed after Close).
func (s *Session) OnClose(fn func(error)) (unsubscribe func()) {
	s.mu.Lock()
	if s.err != nil {
		err := s.err
		s.mu.Unlock()
		go fn(err)
		return func() {}
	}
	s.subID++
	id := s.subID
	s.closeFns[id] = fn
	s.mu.Unlock()
	return func() { s.mu.Lock(); delete(s.closeFns, id); s.mu.Unlock() }
}

// Close ends the session with a normal close frame. Pending calls fail at once.
func (s *Session) Close() error {
	// Set before the close frame goes out: the server's answering close frame
	// may reach the reader first, and it must not read as the server's doing.
	s.closing.Store(true)
	s.wmu.Lock()
	if s.cork != nil {
		s.cork.Uncork() // a Hold may keep frames back: they and the close frame must leave now
	}
	_ = s.ws.WriteControl(websocket.CloseMessage, websocket.FormatCloseMessage(websocket.CloseNormalClosure, ""), time.Now().Add(time.Second))
	s.wmu.Unlock()
	s.shutdown(&ConnectionError{Op: "closed", Message: "the session was closed", Err: ErrClosed})
	return nil
}

// shutdown ends the session once: it records why, fails every pending call and
// tells the OnClose listeners.
func (s *Session) shutdown(cause error) {
	s.mu.Lock()
	if s.err != nil {
		s.mu.Unlock()
		return
	}
	s.err = cause
	pend := s.pending
	s.pending = map[string]*pending{}
	fns := make([]func(error), 0, len(s.closeFns))
	for _, fn := range s.closeFns {
		fns = append(fns, fn)
	}
	s.closeFns = map[int]func(error){}
	close(s.done)
	s.mu.Unlock()
	_ = s.ws.Close()
	for _, p := range pend {
		p.complete(reply{err: cause})
	}
	for _, fn := range fns {
		fn(cause)
	}
	if s.opts.Observer != nil {
		s.opts.Observer.Ended(cause)
	}
}

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

// largeFrame is the size from which the reader decodes a frame's data with its
// envelope in one pass (protocol.DecodeFrameValue): such frames are the rows of
// large replies, which are decoded anyway.
const largeFrame = 64 << 10

// decodesData reports whether msg answers a request whose caller decodes the
// data anyway (a function-module call), so that the reader decodes envelope
// and data in one pass: decoding the envelope alone validates and copies the
// data, and the caller then scans it twice more. Only a frame that starts
// with its id, as the handlers write them, is looked at; any other frame takes
// the general path.
func (s *Session) decodesData(msg []byte) bool {
	const prefix = `{"id":"`
	if !bytes.HasPrefix(msg, []byte(prefix)) {
		return false
	}
	rest := msg[len(prefix):]
	end := bytes.IndexByte(rest, '"')
	if end < 0 || bytes.IndexByte(rest[:end], '\\') >= 0 {
		return false
	}
	s.mu.Lock()
	p := s.pending[string(rest[:end])]
	s.mu.Unlock()
	return p != nil && p.onPart != nil
}

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
		s.opts.Observer.Frame(false, bytes.Clone(msg)) // the observer's to keep
	}
	var f *protocol.Frame
	var data any
	decoded := len(msg) >= largeFrame || s.decodesData(msg)
	if decoded {
		f, data, err = protocol.DecodeFrameValue(msg)
	} else {
		f, err = protocol.DecodeFrame(msg)
	}
	if err != nil {
		s.malformed(msg, err)
		return true
	}
	switch {
	case f.IsPush():
		s.mu.Lock()
		subs := make([]func(protocol.Push), 0, len(s.subs))
		for _, fn := range s.subs {
			subs = append(subs, fn)
		}
		s.mu.Unlock()
		p := protocol.Push{Event: f.Event, Domain: f.Domain, Data: f.Data}
		if decoded && data != nil {
			p.Data, _ = protocol.Marshal(data)
		}
		if len(subs) == 0 {
			s.log.Debug("push with no subscriber", "domain", f.Domain, "event", f.Event)
		}
		for _, fn := range subs {
			fn(p)
		}
	case f.IsWelcome():
		s.log.Warn("second welcome message ignored")
	default:
		s.deliver(f, data, decoded, len(msg))
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
		delete(s.pending, id)
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

// deliver routes a reply frame to its pending request. decoded says that the
// frame's data came decoded as data instead of raw in f.Data.
func (s *Session) deliver(f *protocol.Frame, data any, decoded bool, size int) {
	s.mu.Lock()
	p, ok := s.pending[f.ID]
	if !ok {
		s.mu.Unlock()
		s.log.Debug("reply for no pending request dropped (late or unknown)", "id", f.ID)
		return
	}
	p.bytes += int64(size)
	if p.bytes > s.opts.MaxReplyBytes {
		delete(s.pending, f.ID)
		s.mu.Unlock()
		p.complete(reply{err: &Error{Code: protocol.CodeTooLarge, Domain: p.domain, Action: p.action, Local: true,
			Message: fmt.Sprintf("the reply exceeds the client's limit of %d bytes; ask for less data", s.opts.MaxReplyBytes)}})
		return
	}
	if f.More || p.chunked || decoded {
		// Continuation frames are decoded as they come so that a large reply is
		// never held as raw text and decoded values at once.
		s.mu.Unlock()
		part := data
		if !decoded && len(f.Data) > 0 {
			if err := decodeJSON(f.Data, &part); err != nil {
				s.failPending(f.ID, &ProtocolError{Message: "cannot decode a reply frame", Err: err})
				return
			}
		}
		if part != nil {
			if p.onPart != nil && f.Success {
				var err error
				if part, err = p.onPart(part); err != nil {
					s.failPending(f.ID, err)
					return
				}
			}
		}
		s.mu.Lock()
		if _, still := s.pending[f.ID]; !still {
			s.mu.Unlock()
			return
		}
		p.chunked = true
		p.acc = protocol.MergeData(p.acc, part)
		if f.More {
			s.mu.Unlock()
			return
		}
	}
	delete(s.pending, f.ID)
	s.mu.Unlock()
	switch {
	case !f.Success:
		p.complete(reply{err: serverError(p.domain, p.action, f.Error)})
	case p.chunked:
		p.complete(reply{decoded: p.acc})
	default:
		p.complete(reply{raw: f.Data})
	}
}

func (s *Session) failPending(id string, err error) {
	s.mu.Lock()
	p, ok := s.pending[id]
	delete(s.pending, id)
	s.mu.Unlock()
	if ok {
		p.complete(reply{err: err})
	}
}

func decodeJSON(b []byte, v any) error {
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	return dec.Decode(v)
}

// Request sends one request and waits for its reply's data. The wait ends at
// the earliest of ctx, the session's CallTimeout (or the timeout argument of
// RequestTimeout), and the end of the connection.
func (s *Session) Request(ctx context.Context, domain, action string, params any) (json.RawMessage, error) {
	return s.RequestTimeout(ctx, domain, action, params, 0)
}

// RequestTimeout is Request with an explicit timeout (0 = the session default).
func (s *Session) RequestTimeout(ctx context.Context, domain, action string, params any, timeout time.Duration) (json.RawMessage, error) {
	r, err := s.roundTrip(ctx, domain, action, params, timeout)
	if err != nil {
		return nil, err
	}
	s.noteLUW(domain, action, "")
	return r.data()
}

// RequestAsync is RequestTimeout without blocking; done receives what
// RequestTimeout would have returned, from the goroutines CallAsync names, so
// it must not block.
func (s *Session) RequestAsync(ctx context.Context, domain, action string, params any, timeout time.Duration, done func(json.RawMessage, error)) {
	s.inOrder(false, func() {
		s.roundTripAsync(ctx, domain, action, params, timeout, nil, true, func(r reply) {
			if r.err != nil {
				done(nil, r.err)
				return
			}
			s.noteLUW(domain, action, "")
			done(r.data())
		})
	})
}

// data is a reply's data as JSON text.
func (r reply) data() (json.RawMessage, error) {
	if r.raw != nil || r.decoded == nil {
		return r.raw, nil
	}
	return protocol.Marshal(r.decoded)
}

// requestValue is Request with the data decoded (numbers as json.Number).
func (s *Session) requestValue(ctx context.Context, domain, action string, params any, timeout time.Duration, v any) error {
	return s.requestParts(ctx, domain, action, params, timeout, v, nil)
}

// requestParts is requestValue with onPart converting the data of every frame
// of the reply as it arrives (v must then be a *any).
func (s *Session) requestParts(ctx context.Context, domain, action string, params any, timeout time.Duration, v any, onPart func(any) (any, error)) error {
	r, err := s.roundTripParts(ctx, domain, action, params, timeout, onPart)
	if err != nil {
		return err
	}
	return replyValue(r, domain, action, v, onPart)
}

// replyValue decodes a reply's data into v (see requestParts).
func replyValue(r reply, domain, action string, v any, onPart func(any) (any, error)) error {
	if r.raw == nil && r.decoded != nil {
		if ptr, ok := v.(*any); ok {
			*ptr = r.decoded
			return nil
		}
		b, err := protocol.Marshal(r.decoded)
		if err != nil {
			return err
		}
		r.raw = b
	}
	if len(r.raw) == 0 {
		return nil
	}
	if err := decodeJSON(r.raw, v); err != nil {
		return &ProtocolError{Message: fmt.Sprintf("cannot read the reply of %s.%s", domain, action), Err: err}
	}
	var err error
	if ptr, ok := v.(*any); ok && onPart != nil {
		*ptr, err = onPart(*ptr) // a reply in one frame is its only part
	}
	return err
}

func (s *Session) roundTrip(ctx context.Context, domain, action string, params any, timeout time.Duration) (reply, error) {
	return s.roundTripParts(ctx, domain, action, params, timeout, nil)
}

// roundTripParts sends a request in order with the others and waits for its
// reply (see roundTripAsync).
func (s *Session) roundTripParts(ctx context.Context, domain, action string, params any, timeout time.Duration, onPart func(any) (any, error)) (reply, error) {
	return await(func(done func(reply)) {
		send := func() { s.roundTripAsync(ctx, domain, action, params, timeout, onPart, false, done) }
		if isSendStep(ctx) {
			send() // a lookup a send step needs: queued, it would wait for itself
			return
		}
		s.inOrder(false, send)
	})
}

func cancelled(domain, action string, err error) error {
	return fmt.Errorf("%s.%s cancelled: %w", domain, action, err)
}

// roundTripAsync sends a request now, whatever waits in the ordering queue
// (callers go through inOrder), and returns without a goroutine waiting: done
// runs once, on the reader goroutine when the reply arrives, on a timer's
// goroutine when the wait times out or ctx ends, or before roundTripAsync
// returns when the request cannot be sent. done must not block. mayHold lets
// the frame wait in a Hold; a caller that waits for the reply sends it at once.
func (s *Session) roundTripAsync(ctx context.Context, domain, action string, params any, timeout time.Duration, onPart func(any) (any, error), mayHold bool, done func(reply)) {
	if timeout <= 0 {
		timeout = s.opts.CallTimeout
	}
	if err := ctx.Err(); err != nil {
		done(reply{err: cancelled(domain, action, err)})
		return
	}
	// The reply can arrive before the timer and the context watch are set up:
	// w.finished tells setup that there is nothing left to watch.
	var w struct {
		sync.Mutex
		finished bool
		timer    *time.Timer
		stopCtx  func() bool
	}
	id, err := s.send(domain, action, params, timeout, onPart, mayHold, func(r reply) {
		w.Lock()
		w.finished = true
		if w.timer != nil {
			w.timer.Stop()
			w.stopCtx()
		}
		w.Unlock()
		done(r)
	})
	if err != nil {
		done(reply{err: err})
		return
	}
	giveUp := func(err error) {
		if p := s.take(id); p != nil {
			p.complete(reply{err: err})
		}
	}
	w.Lock()
	defer w.Unlock()
	if w.finished {
		return
	}
	w.timer = time.AfterFunc(timeout, func() { giveUp(&TimeoutError{Domain: domain, Action: action, After: timeout}) })
	w.stopCtx = context.AfterFunc(ctx, func() { giveUp(cancelled(domain, action, ctx.Err())) })
}

// send registers a request and writes it. From the moment it returns an id
// without error, complete is called exactly once: with the reply, or with the
// error that ends the session, or by whoever gives up waiting (take).
// mayHold lets the frame wait in a Hold.
func (s *Session) send(domain, action string, params any, timeout time.Duration, onPart func(any) (any, error), mayHold bool, complete func(reply)) (string, error) {
	var rawParams json.RawMessage
	if params != nil {
		if rm, ok := params.(json.RawMessage); ok {
			rawParams = rm
		} else {
			b, err := protocol.Marshal(params)
			if err != nil {
				return "", &Error{Code: protocol.CodeInvalidParams, Domain: domain, Action: action, Local: true, Message: "params cannot be sent as JSON: " + err.Error()}
			}
			rawParams = b
		}
	}
	id := domain + "_" + strconv.FormatInt(s.nextID.Add(1), 10)
	// The old handler parses timeout into a 4-byte integer and fails the whole
	// request (PARSE_ERROR, id "unknown") when it overflows.
	ms := min(timeout.Milliseconds(), math.MaxInt32)
	frame, err := protocol.EncodeRequest(&protocol.Request{ID: id, Domain: domain, Action: action, Params: rawParams, Timeout: ms})
	if err != nil {
		return "", err
	}
	if l := s.welcome.Limits; l != nil && l.MaxRequestBytes > 0 && len(frame) > l.MaxRequestBytes {
		return "", &Error{Code: protocol.CodeTooLarge, Domain: domain, Action: action, Local: true,
			Message: fmt.Sprintf("the request has %d bytes; the server accepts at most %d", len(frame), l.MaxRequestBytes)}
	}
	p := &pending{domain: domain, action: action, complete: complete, onPart: onPart}
	s.mu.Lock()
	if s.err != nil {
		err := s.err
		s.mu.Unlock()
		return "", err
	}
	s.pending[id] = p
	s.mu.Unlock()

	if s.opts.Observer != nil {
		s.opts.Observer.Frame(true, frame)
	}
	if werr := s.writeFrame(frame, mayHold); werr != nil {
		// shutdown fails every pending request, this one included.
		s.shutdown(&ConnectionError{Op: "write", Message: "sending to SAP failed", Err: werr})
	}
	return id, nil
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

// take removes a request from the pending ones; nil means that its reply (or
// the end of the session) has taken it already.
func (s *Session) take(id string) *pending {
	s.mu.Lock()
	defer s.mu.Unlock()
	p := s.pending[id]
	delete(s.pending, id)
	return p
}

// Pending is the number of requests waiting for a reply.
func (s *Session) Pending() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.pending)
}
