// Package core is the simulator's server: the ZADT_VSP push channel (logon,
// sessions, the wsrfc handler's protocol), users and their authorizations,
// the database and the SAP LUW, and the runtime that calls function modules
// with SAP's semantics. The modules, the demo tables, the debug domain and the
// old handler's dialect are other packages of sim/, which package sim
// assembles; use sim, not core, to get a simulator.
package core

import (
	"bytes"
	"cmp"
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"slices"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/gorilla/websocket"

	"github.com/wsrfc/wsrfc/internal/cork"
	"github.com/wsrfc/wsrfc/protocol"
)

// Profile selects which handler the simulator plays.
type Profile string

// Profiles.
const (
	ProfileWsrfc  Profile = "wsrfc"  // the handler in abap/: typed values, named exceptions, S_RFC
	ProfileLegacy Profile = "legacy" // the old ZADT_VSP handler, quirks included
)

// ProfileNoDebugger is the command-line name (wsrfc sim --profile, --sim-profile)
// of the wsrfc profile with Config.NoDebugger set.
const ProfileNoDebugger = "wsrfc-nodebugger"

// ProfileNames are the names ConfigForProfile accepts.
var ProfileNames = []string{string(ProfileWsrfc), string(ProfileLegacy), ProfileNoDebugger}

// ConfigForProfile returns the configuration a profile name stands for; "" is wsrfc.
func ConfigForProfile(name string) (Config, error) {
	switch name {
	case "", string(ProfileWsrfc):
		return Config{Profile: ProfileWsrfc}, nil
	case string(ProfileLegacy):
		return Config{Profile: ProfileLegacy}, nil
	case ProfileNoDebugger:
		return Config{Profile: ProfileWsrfc, NoDebugger: true}, nil
	}
	return Config{}, fmt.Errorf("unknown simulator profile %q: use %s", name, strings.Join(ProfileNames, ", "))
}

// Demo logon, as on SAP's ABAP trial systems.
const (
	DemoClient   = "001"
	DemoUser     = "DEVELOPER"
	DemoPassword = "Down1oad"
	DemoSystemID = "WSR"
)

// HandlerVersion is the version the wsrfc profile announces; LegacyVersion the old handler's.
const (
	HandlerVersion = "1.0.0"
	LegacyVersion  = "2.3.0"
)

// Config sets up a simulator. The zero value is a wsrfc-profile system WSR.
type Config struct {
	Profile  Profile
	SystemID string
	Release  string
	Host     string
	Client   string // default client when the request has no sap-client
	// Limits the server enforces; zero means the defaults below.
	MaxRequestBytes int
	MaxFrameBytes   int
	MaxReplyBytes   int
	MaxDepth        int // how deeply a request's JSON may nest
	// IdleTimeout ends a connection that sends nothing, not even a ping, for
	// that long; FrameTimeout one that takes longer to send one frame.
	// Zero means DefaultIdleTimeout and DefaultFrameTimeout.
	IdleTimeout  time.Duration
	FrameTimeout time.Duration
	// MaxLargeRequests is how many requests larger than largeRequest the
	// server holds at once, all sessions together; zero means
	// DefaultMaxLargeRequests. A connection with a large request waits for its
	// turn before the rest of the frame is read.
	MaxLargeRequests int
	// FailsToUserLock is SAP's profile parameter login/fails_to_user_lock: after
	// that many wrong passwords in a row a user is locked. Zero means 5, SAP's
	// default; negative never locks.
	FailsToUserLock int
	// RefuseBasicOnUpgrade plays a system that rejects Basic authentication on the
	// WebSocket upgrade, so clients must log on with a GET first and dial with cookies.
	RefuseBasicOnUpgrade bool
	// DenyList holds function modules the handler refuses whatever the user's authorizations.
	DenyList []string
	// DebuggeeTimeout is how long a call halted at a breakpoint waits for a
	// debugger before it runs on; zero means sim.DefaultDebuggeeTimeout.
	DebuggeeTimeout time.Duration
	// NoDebugger plays a wsrfc handler whose debug service has no debugger (a
	// system without SAP's external-debugger API, or an older handler): the
	// debug domain answers getStatus with debuggingAvailable false, every other
	// action with UNKNOWN_ACTION, and the welcome announces only debug.getStatus.
	NoDebugger bool
	// VolumeRows is the number of rows of the generated benchmark table
	// ZWSR_VOLUME; zero means DefaultVolumeRows (100,000).
	VolumeRows int
	Logger     *slog.Logger
	Now        func() time.Time
}

// Defaults for Config's limits: the handler's own (ZCL_VSP_FRAMER's
// gc_default_limits and ZCL_VSP_JSON's gc_max_depth), so that a script that
// runs against the simulator does not fail on SAP for its size. Frames stay
// below APC's default 1 MB message size.
const (
	DefaultMaxRequestBytes = 8 << 20
	DefaultMaxFrameBytes   = 512 << 10
	DefaultMaxReplyBytes   = 64 << 20
	DefaultMaxDepth        = 100

	// A client pings every 30 s, so only a dead or hostile peer is idle for
	// five minutes; a frame of 8 MiB takes a minute at 140 KB/s.
	DefaultIdleTimeout      = 5 * time.Minute
	DefaultFrameTimeout     = time.Minute
	DefaultMaxLargeRequests = 4
)

// largeRequest is the size from which a request waits for one of the
// server's MaxLargeRequests turns: smaller ones cost little even when
// thousands of sessions send them at once.
const largeRequest = 64 << 10

// User is a logon with its S_RFC authorizations.
type User struct {
	Name     string
	Password string
	Client   string
	// RFCAuth lists the function groups and function modules the user may call
	// (S_RFC RFC_NAME values; "*" wildcards allowed). Empty means none.
	RFCAuth []string
	// TableAuth lists the table authorization groups (S_TABU_DIS DICBERCLS,
	// "*" wildcards, "&NC&" for tables without a group) whose tables the user
	// may display with RFC_READ_TABLE; nil leaves table access unchecked.
	TableAuth []string
	FirstName string
	LastName  string
	Locked    bool
	// Debug is S_DEVELOP for object type DEBUG: the user may set external
	// breakpoints and debug their own calls (the debug domain).
	Debug bool

	failedLogons int // wrong passwords since the last good one; under Server.mu
}

func (u *User) mayCall(group, fm string) bool {
	for _, pat := range u.RFCAuth {
		if WildcardMatch(pat, group) || WildcardMatch(pat, fm) {
			return true
		}
	}
	return false
}

// MayDisplayTable is S_TABU_DIS for displaying t: the user's TableAuth holds
// the table's authorization group (&NC& for none), or is nil.
func (u *User) MayDisplayTable(t *Table) bool {
	if u.TableAuth == nil {
		return true
	}
	group := t.AuthGroup
	if group == "" {
		group = "&NC&"
	}
	for _, pat := range u.TableAuth {
		if WildcardMatch(pat, group) {
			return true
		}
	}
	return false
}

// Server is the simulator. It is an http.Handler serving the push channel path.
type Server struct {
	cfg Config
	log *slog.Logger
	DB  *DB

	mu        sync.RWMutex
	functions map[string]*Function
	users     map[string]*User // client/NAME
	cookies   map[string]*User
	sessions  map[string]*Session
	domains   map[string]DomainHandler
	dialect   Dialect
	upgrader  websocket.Upgrader
	// largeTurns holds a token for each large request being read or handled.
	largeTurns chan struct{}
}

// DomainHandler serves one domain of requests beyond system and rfc.
type DomainHandler interface {
	Handle(ctx context.Context, s *Session, action string, params []byte) (any, error)
}

// Dialect is a handler's own way of reading requests and writing replies, for
// a profile that does not speak the wsrfc handler's protocol (the old handler,
// package sim/legacy): it writes the welcome and answers every frame.
type Dialect interface {
	Welcome(sess *Session) any
	// HandleFrame answers one frame; it returns ErrSessionEnded when the
	// request ended the session.
	HandleFrame(sess *Session, msg []byte) error
}

// SetDialect makes the server speak d instead of the wsrfc handler's protocol.
// It is set up before the server serves.
func (s *Server) SetDialect(d Dialect) { s.dialect = d }

// FeatureAnnouncer is a DomainHandler that adds features to the welcome, such as
// the debug actions it serves.
type FeatureAnnouncer interface {
	Features() []string
}

// New creates a server with the demo user and no function modules, speaking
// the wsrfc handler's protocol; sim.New adds the standard modules and demo
// tables, the debug domain and, for the legacy profile, the old handler's
// dialect.
func New(cfg Config) *Server {
	cfg.Profile = cmp.Or(cfg.Profile, ProfileWsrfc)
	cfg.SystemID = cmp.Or(cfg.SystemID, DemoSystemID)
	cfg.Release = cmp.Or(cfg.Release, "758")
	cfg.Host = cmp.Or(cfg.Host, "wsrsim")
	cfg.Client = cmp.Or(cfg.Client, DemoClient)
	cfg.MaxRequestBytes = cmp.Or(cfg.MaxRequestBytes, DefaultMaxRequestBytes)
	cfg.MaxFrameBytes = cmp.Or(cfg.MaxFrameBytes, DefaultMaxFrameBytes)
	cfg.MaxReplyBytes = cmp.Or(cfg.MaxReplyBytes, DefaultMaxReplyBytes)
	cfg.MaxDepth = cmp.Or(cfg.MaxDepth, DefaultMaxDepth)
	cfg.IdleTimeout = cmp.Or(cfg.IdleTimeout, DefaultIdleTimeout)
	cfg.FrameTimeout = cmp.Or(cfg.FrameTimeout, DefaultFrameTimeout)
	cfg.MaxLargeRequests = cmp.Or(cfg.MaxLargeRequests, DefaultMaxLargeRequests)
	cfg.FailsToUserLock = cmp.Or(cfg.FailsToUserLock, 5)
	if cfg.DenyList == nil {
		cfg.DenyList = []string{"RFC_ABAP_INSTALL_AND_RUN", "SUBMIT_REPORT", "RFC_CALL_TRANSACTION_USING"}
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	log := cfg.Logger
	if log == nil {
		log = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	s := &Server{
		cfg: cfg, log: log, DB: newDB(),
		functions:  map[string]*Function{},
		users:      map[string]*User{},
		cookies:    map[string]*User{},
		sessions:   map[string]*Session{},
		domains:    map[string]DomainHandler{},
		largeTurns: make(chan struct{}, cfg.MaxLargeRequests),
		upgrader: websocket.Upgrader{
			ReadBufferSize: 32 << 10, WriteBufferSize: 32 << 10,
			// A Go or CLI client sends no Origin; browsers do, and APC only accepts
			// same-origin upgrades unless SAPC_CROSS_ORIGIN allows more.
			CheckOrigin: func(r *http.Request) bool {
				o := r.Header.Get("Origin")
				return o == "" || strings.HasSuffix(o, "://"+r.Host)
			},
		},
	}
	s.AddUser(User{Name: DemoUser, Password: DemoPassword, Client: DemoClient, RFCAuth: []string{"*"}, Debug: true,
		FirstName: "Developer", LastName: "Trial"})
	return s
}

// Log is the server's logger: Config.Logger, or one that discards.
func (s *Server) Log() *slog.Logger { return s.log }

// Config returns the configuration in effect.
func (s *Server) Config() Config { return s.cfg }

func (s *Server) now() time.Time { return s.cfg.Now() }

// AddUser creates or replaces a user.
func (s *Server) AddUser(u User) {
	u.Name = protocol.NormalizeName(u.Name)
	if u.Client == "" {
		u.Client = s.cfg.Client
	}
	s.mu.Lock()
	s.users[u.Client+"/"+u.Name] = &u
	s.mu.Unlock()
}

// LookupUser returns a user of a client.
func (s *Server) LookupUser(client, name string) (*User, bool) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	u, ok := s.users[client+"/"+protocol.NormalizeName(name)]
	return u, ok
}

// Users returns the users of a client, sorted by name.
func (s *Server) Users(client string) []*User {
	s.mu.RLock()
	defer s.mu.RUnlock()
	var out []*User
	for _, u := range s.users {
		if u.Client == client {
			out = append(out, u)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

// Define registers a function module; a module of the same name is replaced.
func (s *Server) Define(f *Function) error {
	if err := f.validate(); err != nil {
		return err
	}
	if f.Group == "" {
		f.Group = "ZSIM"
	}
	s.mu.Lock()
	s.functions[f.Name] = f
	s.mu.Unlock()
	return nil
}

// MustDefine is Define for built-in modules.
func (s *Server) MustDefine(f *Function) {
	if err := s.Define(f); err != nil {
		panic(err)
	}
}

// Function returns a registered module.
func (s *Server) Function(name string) (*Function, bool) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	f, ok := s.functions[protocol.NormalizeName(name)]
	return f, ok
}

// Functions returns all modules, sorted by name.
func (s *Server) Functions() []*Function {
	s.mu.RLock()
	defer s.mu.RUnlock()
	out := make([]*Function, 0, len(s.functions))
	for _, f := range s.functions {
		out = append(out, f)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

// RegisterDomain adds a domain service (the debugger registers "debug").
func (s *Server) RegisterDomain(name string, h DomainHandler) {
	s.mu.Lock()
	s.domains[name] = h
	s.mu.Unlock()
}

// Domain returns the handler of a domain beyond system and rfc.
func (s *Server) Domain(name string) (DomainHandler, bool) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	h, ok := s.domains[name]
	return h, ok
}

// Sessions returns the open sessions.
func (s *Server) Sessions() []*Session {
	s.mu.RLock()
	defer s.mu.RUnlock()
	out := make([]*Session, 0, len(s.sessions))
	for _, x := range s.sessions {
		out = append(out, x)
	}
	return out
}

// discoveryPath is where clients log on with a plain GET when the upgrade refuses Basic.
const discoveryPath = "/sap/bc/adt/core/discovery"

func (s *Server) cookieName(client string) string {
	return "SAP_SESSIONID_" + s.cfg.SystemID + "_" + client
}

// ServeHTTP serves the push channel and the logon endpoint used by the cookie fallback.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	client := r.URL.Query().Get("sap-client")
	if client == "" {
		client = s.cfg.Client
	}
	switch r.URL.Path {
	case discoveryPath:
		u, why, ok := s.basicUser(r, client)
		if !ok {
			s.refuse(w, client, why)
			return
		}
		token := RandomHex(16)
		s.mu.Lock()
		s.cookies[token] = u
		s.mu.Unlock()
		http.SetCookie(w, &http.Cookie{Name: s.cookieName(client), Value: token, Path: "/", HttpOnly: true})
		w.Header().Set("Content-Type", "application/atomsvc+xml")
		_, _ = io.WriteString(w, "<app:service xmlns:app=\"http://www.w3.org/2007/app\"/>")
		return
	case protocol.DefaultPath:
	default:
		http.NotFound(w, r)
		return
	}
	if !websocket.IsWebSocketUpgrade(r) {
		// What a real ICF node answers to a plain GET of a push channel.
		http.Error(w, "Not Implemented: this is an ABAP push channel; connect with WebSocket", http.StatusNotImplemented)
		return
	}
	u, ok := s.cookieUser(r, client)
	why := logonWrong
	if !ok {
		if s.cfg.RefuseBasicOnUpgrade {
			s.unauthorized(w, client)
			return
		}
		u, why, ok = s.basicUser(r, client)
	}
	if !ok {
		s.refuse(w, client, why)
		return
	}
	ws, err := s.upgrader.Upgrade(w, r, nil)
	if err != nil {
		return // the upgrader already answered
	}
	lang := strings.ToUpper(r.URL.Query().Get("sap-language"))
	if lang == "" {
		lang = "E"
	}
	s.serve(ws, u, client, lang[:1])
}

// SAP's logon texts (message class 00).
const (
	logonWrong        = "Name or password is incorrect (repeat logon)"
	logonLockedByFail = "Password logon no longer possible - too many failed attempts"
	logonLocked       = "User is locked. Please notify the person responsible"
)

func (s *Server) unauthorized(w http.ResponseWriter, client string) {
	s.refuse(w, client, logonWrong)
}

func (s *Server) refuse(w http.ResponseWriter, client, why string) {
	w.Header().Set("WWW-Authenticate", fmt.Sprintf(`Basic realm="SAP NetWeaver Application Server [%s/%s]"`, s.cfg.SystemID, client))
	http.Error(w, "Logon failed: "+why, http.StatusUnauthorized)
}

// basicUser checks a Basic logon as SAP does: a locked user may not log on
// even with the right password, and login/fails_to_user_lock wrong passwords
// in a row lock the user. why is SAP's text for a refusal.
func (s *Server) basicUser(r *http.Request, client string) (u *User, why string, ok bool) {
	name, pass, ok := r.BasicAuth()
	if !ok {
		return nil, logonWrong, false
	}
	u, found := s.LookupUser(client, name)
	if !found {
		return nil, logonWrong, false
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	switch {
	case u.Locked && s.cfg.FailsToUserLock > 0 && u.failedLogons >= s.cfg.FailsToUserLock:
		return nil, logonLockedByFail, false
	case u.Locked:
		return nil, logonLocked, false
	case u.Password != pass:
		u.failedLogons++
		if s.cfg.FailsToUserLock > 0 && u.failedLogons >= s.cfg.FailsToUserLock {
			u.Locked = true
			s.log.Warn("user locked after failed logons", "client", client, "user", u.Name, "attempts", u.failedLogons)
			return nil, logonLockedByFail, false
		}
		return nil, logonWrong, false
	}
	u.failedLogons = 0
	return u, "", true
}

func (s *Server) cookieUser(r *http.Request, client string) (*User, bool) {
	c, err := r.Cookie(s.cookieName(client))
	if err != nil {
		return nil, false
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	u, ok := s.cookies[c.Value]
	return u, ok && u.Client == client
}

// RandomHex is n random bytes in upper-case hex: session, breakpoint and
// debuggee ids.
func RandomHex(n int) string {
	b := make([]byte, n)
	_, _ = rand.Read(b)
	return strings.ToUpper(hex.EncodeToString(b))
}

// conn is the server end of one WebSocket: one reader (serve), writes under a mutex.
type conn struct {
	ws      *websocket.Conn
	wmu     sync.Mutex
	closed  bool
	maxSize int
}

func (c *conn) write(b []byte) error {
	c.wmu.Lock()
	defer c.wmu.Unlock()
	if c.closed {
		return net.ErrClosed
	}
	_ = c.ws.SetWriteDeadline(time.Now().Add(30 * time.Second))
	err := c.ws.WriteMessage(websocket.TextMessage, b)
	_ = c.ws.SetWriteDeadline(time.Time{})
	return err
}

// closeWith sends a close frame and drops the connection, as APC does when the
// session ends abnormally.
func (c *conn) closeWith(code int, reason string) {
	c.wmu.Lock()
	defer c.wmu.Unlock()
	if c.closed {
		return
	}
	c.closed = true
	if len(reason) > 120 {
		reason = reason[:120]
	}
	_ = c.ws.WriteControl(websocket.CloseMessage, websocket.FormatCloseMessage(code, reason), time.Now().Add(time.Second))
	_ = c.ws.Close()
}

// ErrSessionEnded tells the message loop that a runtime error ended the session.
var ErrSessionEnded = errors.New("session ended")

func (s *Server) serve(ws *websocket.Conn, u *User, client, lang string) {
	c := &conn{ws: ws, maxSize: s.cfg.MaxFrameBytes}
	ws.SetReadLimit(int64(s.cfg.MaxRequestBytes))
	id := RandomHex(16)
	sess := newSession(s, id, u, client, lang, c)
	s.mu.Lock()
	s.sessions[id] = sess
	s.mu.Unlock()
	defer func() {
		s.mu.Lock()
		delete(s.sessions, id)
		s.mu.Unlock()
		sess.end()
		c.closeWith(websocket.CloseNormalClosure, "")
	}()
	if err := c.write(s.welcome(sess)); err != nil {
		return
	}
	// APC hands a stateful session one message at a time: a reader goroutine
	// queues frames (so pings and the close handshake keep working) and this
	// goroutine processes them in order.
	inbox := make(chan request, 64)
	go func() {
		defer close(inbox)
		// A dead connection ends the session's work at once: a call halted in
		// the debugger waits on the session's context and must not outlive it.
		defer sess.cancel()
		s.keepReadingWhilePinged(ws)
		for {
			typ, msg, release, err := s.readRequest(sess.ctx, ws)
			if err != nil {
				var ce *websocket.CloseError
				var ne net.Error
				switch {
				case errors.As(err, &ce) && ce.Code == websocket.CloseMessageTooBig:
				case strings.Contains(err.Error(), "read limit exceeded"):
					c.closeWith(websocket.CloseMessageTooBig, fmt.Sprintf("request larger than %d bytes", s.cfg.MaxRequestBytes))
				case errors.As(err, &ne) && ne.Timeout():
					s.log.Info("connection timed out", "session", sess.ID, "error", err)
					c.closeWith(websocket.ClosePolicyViolation, "timeout: idle, or a frame sent too slowly")
				}
				return
			}
			if typ != websocket.TextMessage {
				release()
				continue // the old handler cannot read binary frames either; it stays silent
			}
			select {
			case inbox <- request{msg, release}:
			case <-sess.ctx.Done():
				release()
				return
			}
		}
	}()
	defer func() {
		for r := range inbox { // what was read but never handled gives its turn back
			r.release()
		}
	}()
	corked, _ := ws.UnderlyingConn().(*cork.Conn)
	for r := range inbox {
		if corked != nil && len(inbox) > 0 {
			corked.Cork() // more requests are queued: send their replies together
		}
		err := s.handleFrame(sess, r.msg)
		r.msg = nil
		r.release()
		if corked != nil && len(inbox) == 0 {
			corked.Uncork()
		}
		if errors.Is(err, ErrSessionEnded) {
			return
		}
	}
}

// request is a frame read and not yet handled; release gives back its turn
// among the large requests (a no-op for a small one).
type request struct {
	msg     []byte
	release func()
}

// keepReadingWhilePinged answers pings as gorilla does and counts them as
// traffic: a client that pings is not idle.
func (s *Server) keepReadingWhilePinged(ws *websocket.Conn) {
	ws.SetPingHandler(func(data string) error {
		_ = ws.SetReadDeadline(time.Now().Add(s.cfg.IdleTimeout))
		err := ws.WriteControl(websocket.PongMessage, []byte(data), time.Now().Add(time.Second))
		var ne net.Error
		if errors.Is(err, websocket.ErrCloseSent) || (errors.As(err, &ne) && ne.Timeout()) {
			return nil
		}
		return err
	})
}

// readRequest reads the next frame: within IdleTimeout it must begin, and
// within FrameTimeout of that end. A frame larger than largeRequest waits for
// one of the server's large-request turns before the rest of it is read, so
// that many sessions sending large requests at once cost at most
// MaxLargeRequests of them in memory. release gives the turn back.
func (s *Server) readRequest(ctx context.Context, ws *websocket.Conn) (typ int, msg []byte, release func(), err error) {
	noTurn := func() {}
	_ = ws.SetReadDeadline(time.Now().Add(s.cfg.IdleTimeout))
	typ, r, err := ws.NextReader()
	if err != nil {
		return 0, nil, noTurn, err
	}
	_ = ws.SetReadDeadline(time.Now().Add(s.cfg.FrameTimeout))
	var buf bytes.Buffer
	if _, err := buf.ReadFrom(io.LimitReader(r, largeRequest)); err != nil {
		return 0, nil, noTurn, err
	}
	if buf.Len() < largeRequest {
		return typ, buf.Bytes(), noTurn, nil
	}
	select {
	case s.largeTurns <- struct{}{}:
	case <-ctx.Done():
		return 0, nil, noTurn, ctx.Err()
	}
	var once sync.Once
	release = func() { once.Do(func() { <-s.largeTurns }) }
	_ = ws.SetReadDeadline(time.Now().Add(s.cfg.FrameTimeout)) // waiting for the turn was not the client's doing
	if _, err := buf.ReadFrom(r); err != nil {
		release()
		return 0, nil, noTurn, err
	}
	return typ, buf.Bytes(), release, nil
}

func (s *Server) welcome(sess *Session) []byte {
	var data any
	if s.dialect != nil {
		data = s.dialect.Welcome(sess)
	} else {
		domains := []string{"system", "rfc"}
		features := slices.Clone(protocol.AllFeatures)
		s.mu.RLock()
		for d, h := range s.domains {
			domains = append(domains, d)
			if fa, ok := h.(FeatureAnnouncer); ok {
				features = append(features, fa.Features()...)
			}
		}
		s.mu.RUnlock()
		sort.Strings(domains[2:])
		sort.Strings(features[len(protocol.AllFeatures):])
		data = protocol.Welcome{
			Session: sess.ID, Version: HandlerVersion, Domains: domains,
			Protocol: protocol.ProtocolVersion, Features: features,
			System: &protocol.SystemInfo{SystemID: s.cfg.SystemID, Client: sess.Client, User: sess.User.Name,
				Language: sess.Language, Release: s.cfg.Release, Host: s.cfg.Host},
			Limits: &protocol.Limits{MaxRequestBytes: s.cfg.MaxRequestBytes, MaxFrameBytes: s.cfg.MaxFrameBytes,
				MaxReplyBytes: s.cfg.MaxReplyBytes, MaxDepth: s.cfg.MaxDepth},
		}
	}
	raw, _ := protocol.Marshal(data)
	return protocol.EncodeSuccess(protocol.WelcomeID, raw)
}

// Listener is a simulator serving on a TCP address.
type Listener struct {
	URL  string // http://127.0.0.1:PORT
	Addr string
	srv  *http.Server
	ln   net.Listener
}

// Close stops serving and ends every session.
func (l *Listener) Close() error {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	return errors.Join(l.srv.Shutdown(ctx), l.srv.Close())
}

// Start serves the simulator on addr ("127.0.0.1:0" picks a free port).
func (s *Server) Start(addr string) (*Listener, error) {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, fmt.Errorf("simulator cannot listen on %s: %w", addr, err)
	}
	hs := &http.Server{Handler: s, ReadHeaderTimeout: 10 * time.Second}
	go func() { _ = hs.Serve(cork.Listener{Listener: ln}) }()
	// Shutdown does not wait for hijacked WebSocket connections; end them explicitly.
	hs.RegisterOnShutdown(func() {
		for _, sess := range s.Sessions() {
			sess.conn.closeWith(websocket.CloseGoingAway, "simulator shutting down")
		}
	})
	return &Listener{URL: "http://" + ln.Addr().String(), Addr: ln.Addr().String(), srv: hs, ln: ln}, nil
}
