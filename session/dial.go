// Dialing and logon: the push channel's URL, the WebSocket upgrade (with
// Basic authentication, a session cookie, or a logon GET first where the
// upgrade refuses Basic), what a refused upgrade means in words, and the
// welcome message that opens the session.

package session

import (
	"context"
	"crypto/tls"
	"fmt"
	"html"
	"io"
	"net"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"strings"
	"time"

	"github.com/gorilla/websocket"

	"github.com/wsrfc/wsrfc/internal/lazyre"
	"github.com/wsrfc/wsrfc/protocol"
)

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
			cc := &batchConn{Conn: c}
			s.conn = cc // the last dial is the connection that stays
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
	pageScripts = lazyre.New(`(?is)<(script|style|head)\b.*?</(script|style|head)>`)
	pageTags    = lazyre.New(`(?s)<[^>]*>`)
	pageSpaces  = lazyre.New(`\s+`)
)

// pageText is the readable text of an error page (SAP's are HTML), shortened to a sentence or two.
func pageText(body []byte) string {
	text := pageScripts().ReplaceAllString(string(body), " ")
	text = pageTags().ReplaceAllString(text, " ")
	text = html.UnescapeString(text)
	text = strings.TrimSpace(pageSpaces().ReplaceAllString(text, " "))
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
	if err := protocol.DecodeData(f.Data, &s.welcome); err != nil {
		return &ProtocolError{Message: "cannot read the welcome message", Err: err}
	}
	s.log.Debug("session open", "session", s.welcome.Session, "version", s.welcome.Version, "legacy", s.welcome.Legacy())
	return nil
}
