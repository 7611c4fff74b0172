// Package session is a client for one stateful ZADT_VSP WebSocket session:
// logon, welcome handshake, requests correlated by id, server pushes, keepalive
// and failure of every pending call the moment the connection ends.
package session

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"sync"
	"sync/atomic"
	"time"

	"github.com/gorilla/websocket"

	"github.com/wsrfc/wsrfc/internal/gcpace"
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
// session is over. Both run on the session's goroutines and must not block.
// frame is the session's buffer, valid until Frame returns: an observer that
// keeps it copies it (sap.stats() only counts, and copying every frame of a
// large table for it doubled what the reader allocated).
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

	conn    *batchConn       // the connection under the WebSocket, made by the dialer
	w       *writer          // the one writer (writer.go)
	dec     protocol.Decoder // the reader's (reader.go), and so only its goroutine's
	closing atomic.Bool      // Close was called
	nextID  atomic.Int64

	mu       sync.Mutex
	pending  map[string]*pending
	subs     map[int]func(Push)
	closeFns map[int]func(error)
	subID    int
	err      error // why the session ended
	done     chan struct{}

	metaMu sync.Mutex
	meta   map[string]*metaEntry

	order sequencer // keeps requests in the order they were made (order.go)

	luw atomic.Pointer[string] // see PendingLUW
}

// Dial opens a session: logon, upgrade, welcome.
func Dial(ctx context.Context, opts Options) (*Session, error) {
	opts.defaults()
	u, err := endpoint(opts)
	if err != nil {
		return nil, err
	}
	s := &Session{opts: opts, url: u.String(), log: opts.Logger, pending: map[string]*pending{},
		subs: map[int]func(Push){}, closeFns: map[int]func(error){}, done: make(chan struct{}), meta: map[string]*metaEntry{}}
	ws, err := s.connect(ctx, u)
	if err != nil {
		return nil, err
	}
	s.ws = ws
	if err := s.readWelcome(); err != nil {
		_ = ws.Close()
		return nil, err
	}
	s.w = newWriter(s, ws, s.conn)
	s.dec.Tables = s.streamTable
	go s.readLoop()
	go s.w.run(opts.PingInterval)
	return s, nil
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

// Push is an unsolicited server message (feature "push"), its data decoded
// as a reply's is (see RequestValue).
type Push struct {
	Event, Domain string
	Data          any
}

// OnPush registers fn for server pushes; it runs on the reader goroutine and
// must not block. The returned func unsubscribes.
func (s *Session) OnPush(fn func(Push)) (unsubscribe func()) {
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
	s.w.closeFrame()
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
	gcpace.Waiting(-len(pend))
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
