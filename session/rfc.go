package session

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/wsrfc/wsrfc/internal/lazyre"
	"github.com/wsrfc/wsrfc/protocol"
)

// CallOptions tune one function-module call.
type CallOptions struct {
	Timeout time.Duration // 0 = the session default
	// Rows, when set, receives the rows of every table-valued result (TABLES,
	// and table-typed EXPORTING and CHANGING parameters) while the reply
	// arrives, frame by frame and in order: rows rows, their canonical values
	// flat in fields (protocol.AppendRows: a structure line's fields in its
	// order, one value a row for an elementary line), with no map per row.
	// The result then holds those tables empty. A caller that keeps rows in
	// its own form (the JS binding) so never has the session hold a large
	// table whole. Rows runs on the session's reader goroutine and must
	// neither block nor use the session. The old handler's replies come whole
	// and do not use it.
	Rows func(param *protocol.Parameter, fields []any, rows int)
	// Check, when set, looks at the parameters against the interface before anything is converted or
	// sent (the JS binding checks types as SAP's node-rfc does); its error is the call's.
	Check func(meta *protocol.FunctionMetadata, params map[string]any) error
}

// replyTables converts the rows of a call's table-valued results frame by
// frame as the reply arrives (on the reader goroutine), so that the wire form
// of a large table never exists whole next to its canonical copy. With a
// sink, the rows of a table of structures are converted while their frame is
// decoded (stream), one row at a time.
type replyTables struct {
	meta *protocol.FunctionMetadata
	sink func(*protocol.Parameter, []any, int)
	rows map[string]int // rows converted so far, by table; a table listed here is canonical (nil until one is)
}

// stream is the Decoder's Tables for this call: a table of structures that
// goes to the sink is converted as it is read.
func (t *replyTables) stream(name string) *protocol.RowStream {
	if t.sink == nil {
		return nil
	}
	p := t.meta.Param(name)
	if p == nil || p.DataType == nil || p.DataType.Kind != protocol.KindTable || p.DataType.Line.Kind != protocol.KindStruct {
		return nil
	}
	return &protocol.RowStream{Line: p.DataType.Line, Name: name, First: t.rows[name]}
}

func (t *replyTables) part(data any) (any, error) {
	m, _ := data.(map[string]any)
	result, _ := m["result"].(map[string]any)
	for name, v := range result {
		p := t.meta.Param(name)
		offset := t.rows[name]
		var conv any
		var n int
		var err error
		switch rows := v.(type) {
		case *protocol.RowStream:
			if err = rows.Err; err == nil {
				t.sink(p, rows.Fields, rows.Rows)
				conv, n = []any{}, rows.Rows
			}
		case []any:
			if p == nil || p.DataType == nil || p.DataType.Kind != protocol.KindTable {
				continue // converted with the rest of the result
			}
			n = len(rows)
			if t.sink != nil {
				var fields []any
				if fields, err = protocol.AppendRows(nil, p.DataType.Line, rows, name, offset); err == nil {
					t.sink(p, fields, len(rows))
					conv = []any{}
				}
			} else if conv, err = protocol.FromWire(p.DataType, rows, name); err != nil {
				// Name the row by its place in the whole table, not in this frame.
				if _, named := protocol.AppendRows(nil, p.DataType.Line, rows, name, offset); named != nil {
					err = named
				}
			}
		default:
			continue
		}
		if err != nil {
			return nil, &ProtocolError{Message: fmt.Sprintf("the server returned a value that does not fit %s", name), Err: err}
		}
		if t.rows == nil {
			t.rows = map[string]int{}
		}
		t.rows[name] = offset + n
		result[name] = conv
	}
	return data, nil
}

type metaEntry struct {
	once sync.Once
	meta *protocol.FunctionMetadata
	err  error
	// ready is meta once the lookup has succeeded, for readers that must not
	// wait on once (CallAsync).
	ready atomic.Pointer[protocol.FunctionMetadata]
}

// Metadata returns a function module's interface, cached for the session's
// lifetime (an interface cannot change under a running session without a
// transport, and the cache dies with the session).
func (s *Session) Metadata(ctx context.Context, function string) (*protocol.FunctionMetadata, error) {
	name := protocol.NormalizeName(function)
	if name == "" {
		return nil, &Error{Code: protocol.CodeMissingParam, Domain: "rfc", Action: "getMetadata", Local: true, Message: "no function module name given"}
	}
	s.metaMu.Lock()
	e := s.meta[name]
	if e == nil {
		e = &metaEntry{}
		s.meta[name] = e
	}
	s.metaMu.Unlock()
	e.once.Do(func() {
		var m protocol.FunctionMetadata
		e.err = s.requestInto(ctx, "rfc", "getMetadata", map[string]string{"function": name}, &m)
		var nf *Error
		if errors.As(e.err, &nf) && nf.Code == protocol.CodeFuncNotFound {
			if near := s.nearestFunction(ctx, name); near != "" {
				c := *nf
				c.Message += "; did you mean " + near + "?"
				e.err = &c
			}
		}
		if e.err == nil {
			if m.Name == "" {
				m.Name = m.Function
			}
			e.meta = &m
			e.ready.Store(&m)
		}
	})
	if e.err != nil {
		// Do not cache failures: a cancelled or timed-out lookup must be retried.
		s.metaMu.Lock()
		if s.meta[name] == e {
			delete(s.meta, name)
		}
		s.metaMu.Unlock()
	}
	return e.meta, e.err
}

// Call calls a function module. params name its IMPORTING, CHANGING and TABLES
// parameters (names are upper-cased); values are canonical Go values or anything
// protocol.Normalize accepts. The result holds every EXPORTING, CHANGING and
// TABLES parameter by name, as canonical Go values.
//
// Against the old handler, values travel as strings and come back as strings;
// a call that needs what that handler cannot carry fails before sending.
//
// Call is CallAsync and a wait: a call reaches the server after every request
// its goroutine started before it.
func (s *Session) Call(ctx context.Context, function string, params map[string]any, opts ...CallOptions) (map[string]any, error) {
	var o CallOptions
	if len(opts) > 0 {
		o = opts[0]
	}
	var out map[string]any
	_, err := await(func(done func(reply)) {
		s.startCall(ctx, function, params, o, false, func(result map[string]any, err error) {
			out = result
			done(reply{err: err})
		})
	})
	return out, err
}

// CallAsync is Call without blocking: it returns once the request is sent (or
// queued behind the requests started before it), and done receives what Call
// would have returned. No goroutine waits for the reply: done runs on the
// session's reader goroutine (or on the goroutine that ends the wait: a
// timer, the context, the session's end), so it must not block or call the
// session; it may run before CallAsync returns. This is what lets a caller
// keep a thousand calls in flight for the price of a thousand entries in a
// map. A function module whose interface is not cached yet is looked up by
// the session's ordering goroutine, and the requests started after it wait
// for it there, so that they still reach the server in the order made.
func (s *Session) CallAsync(ctx context.Context, function string, params map[string]any, o CallOptions, done func(map[string]any, error)) {
	s.startCall(ctx, function, params, o, true, done)
}

// startCall is the one path of a call. async moves an interface lookup off
// the caller's goroutine.
func (s *Session) startCall(ctx context.Context, function string, params map[string]any, o CallOptions, async bool, done func(map[string]any, error)) {
	meta := s.cachedMetadata(function)
	s.inOrder(async && meta == nil, func() {
		if meta == nil {
			var err error
			if meta, err = s.callMetadata(inSendStep(ctx), function); err != nil {
				done(nil, err)
				return
			}
		}
		if s.Legacy() {
			s.sendLegacyCall(ctx, meta, params, o, done)
			return
		}
		req, tables, err := callRequest(meta, params, o)
		if err != nil {
			done(nil, err)
			return
		}
		s.roundTripAsync(ctx, "rfc", "call", req, o.Timeout, tables, func(r reply) {
			if r.err != nil {
				done(nil, r.err)
				return
			}
			s.noteLUW("rfc", "call", meta.Name)
			done(callResult(meta, tables, r))
		})
	})
}

// callMetadata is Metadata with its errors told as the call's.
func (s *Session) callMetadata(ctx context.Context, function string) (*protocol.FunctionMetadata, error) {
	meta, err := s.Metadata(ctx, function)
	if err != nil {
		var e *Error
		if errors.As(err, &e) {
			c := *e
			c.Action = "call"
			return nil, &c
		}
		return nil, err
	}
	return meta, nil
}

// cachedMetadata is the interface Metadata found earlier, or nil.
func (s *Session) cachedMetadata(function string) *protocol.FunctionMetadata {
	s.metaMu.Lock()
	defer s.metaMu.Unlock()
	if e := s.meta[protocol.NormalizeName(function)]; e != nil {
		return e.ready.Load()
	}
	return nil
}

// callRequest checks and converts a call's parameters to the wire form.
func callRequest(meta *protocol.FunctionMetadata, params map[string]any, o CallOptions) (protocol.CallParams, *replyTables, error) {
	if o.Check != nil {
		if err := o.Check(meta, params); err != nil {
			return protocol.CallParams{}, nil, err
		}
	}
	wire := make(map[string]any, len(params))
	for _, k := range interfaceOrder(meta, params) {
		v := params[k]
		pname := protocol.NormalizeName(k)
		p, err := inputParam(meta, pname)
		if err != nil {
			return protocol.CallParams{}, nil, err
		}
		if p.DataType == nil {
			wire[pname] = v
			continue
		}
		w, err := protocol.ToWire(p.DataType, v, pname)
		if err != nil {
			return protocol.CallParams{}, nil, localError(err, meta.Name)
		}
		wire[pname] = w
	}
	return protocol.CallParams{Function: meta.Name, Parameters: wire}, &replyTables{meta: meta, sink: o.Rows}, nil
}

// callResult converts a call's reply to canonical values by parameter.
func callResult(meta *protocol.FunctionMetadata, tables *replyTables, r reply) (map[string]any, error) {
	m, _ := r.data.(map[string]any)
	result, _ := m["result"].(map[string]any)
	if result == nil {
		return nil, &ProtocolError{Message: fmt.Sprintf("the reply to rfc.call %s has no result", meta.Name)}
	}
	out := make(map[string]any, len(result))
	for k, v := range result {
		p := meta.Param(k)
		if _, converted := tables.rows[k]; converted || p == nil || p.DataType == nil {
			out[k] = v
			continue
		}
		val, err := protocol.FromWire(p.DataType, v, k)
		if err != nil {
			return nil, &ProtocolError{Message: fmt.Sprintf("the server returned a value that does not fit %s", k), Err: err}
		}
		out[k] = val
	}
	return out, nil
}

func inputParam(meta *protocol.FunctionMetadata, name string) (*protocol.Parameter, error) {
	p := meta.Param(name)
	if p == nil {
		return nil, &Error{Code: protocol.CodeParamUnknown, Domain: "rfc", Action: "call", Local: true,
			Message: fmt.Sprintf("function module %s has no parameter %s%s", meta.Name, name, suggest(meta, name)),
			Details: protocol.ErrorDetails{Parameter: name, Function: meta.Name}}
	}
	if p.Kind == protocol.Exporting {
		return nil, &Error{Code: protocol.CodeParamUnknown, Domain: "rfc", Action: "call", Local: true,
			Message: fmt.Sprintf("%s is an EXPORTING parameter of %s: it comes back in the result and cannot be passed in", name, meta.Name),
			Details: protocol.ErrorDetails{Parameter: name, Function: meta.Name}}
	}
	return p, nil
}

// suggest names the parameters a caller could have meant.
func suggest(meta *protocol.FunctionMetadata, name string) string {
	var in []string
	for _, p := range meta.Parameters {
		if p.Kind != protocol.Exporting {
			in = append(in, p.Name)
		}
	}
	if len(in) == 0 {
		return " (it takes no input parameters)"
	}
	return " (it takes " + strings.Join(in, ", ") + ")"
}

func localError(err error, function string) error {
	if pe, ok := err.(*protocol.Error); ok {
		e := serverError("rfc", "call", pe)
		e.Local = true
		e.Details.Function = function
		return e
	}
	return err
}

// unsupported builds the error for a call the old handler cannot carry.
func unsupported(meta *protocol.FunctionMetadata, what string) error {
	return &Error{Code: CodeUnsupported, Domain: "rfc", Action: "call", Local: true,
		Details: protocol.ErrorDetails{Function: meta.Name},
		Message: fmt.Sprintf("the server runs the old ZADT_VSP handler, which cannot pass %s; nothing was sent. Deploy the wsrfc handler from abap/ (docs/abap-install.md) to call %s with it", what, meta.Name)}
}

// sendLegacyCall is startCall's send step against the old handler.
func (s *Session) sendLegacyCall(ctx context.Context, meta *protocol.FunctionMetadata, params map[string]any, o CallOptions, done func(map[string]any, error)) {
	flat, err := legacyParams(meta, params, o)
	if err != nil {
		done(nil, err)
		return
	}
	s.roundTripAsync(ctx, "rfc", "call", flat, o.Timeout, nil, func(r reply) {
		var data protocol.LegacyCallResult
		if r.err == nil {
			r.err = replyInto(r, "rfc", "call", &data)
		}
		if r.err != nil {
			done(nil, r.err)
			return
		}
		out, err := legacyResult(meta, data)
		if err == nil {
			s.noteLUW("rfc", "call", meta.Name)
		}
		done(out, err)
	})
}

// legacyParams checks a call's parameters against what the old handler can
// carry and flattens them into its request.
func legacyParams(meta *protocol.FunctionMetadata, params map[string]any, o CallOptions) (map[string]any, error) {
	if o.Check != nil {
		if err := o.Check(meta, params); err != nil {
			return nil, err
		}
	}
	flat := map[string]any{"function": meta.Name}
	for _, k := range interfaceOrder(meta, params) {
		v := params[k]
		pname := protocol.NormalizeName(k)
		p, err := inputParam(meta, pname)
		if err != nil {
			return nil, err
		}
		switch p.Kind {
		case protocol.Changing:
			return nil, unsupported(meta, "CHANGING parameters ("+pname+")")
		case protocol.Tables:
			if rows, ok := v.([]any); ok && len(rows) == 0 {
				continue // an empty table is what the old handler passes anyway
			}
			return nil, unsupported(meta, "table rows in TABLES parameters ("+pname+")")
		}
		str, ok := legacyText(v)
		if !ok {
			return nil, unsupported(meta, fmt.Sprintf("structures, tables or bytes in IMPORTING parameters (%s)", pname))
		}
		if str == "" {
			continue // the old handler treats "" as "not supplied"
		}
		flat[pname] = legacyDateTime(p, str)
	}
	return flat, nil
}

// legacyResult turns the old handler's reply into a call's result.
func legacyResult(meta *protocol.FunctionMetadata, data protocol.LegacyCallResult) (map[string]any, error) {
	if data.Subrc != 0 {
		return nil, &Error{Code: protocol.CodeABAPException, Domain: "rfc", Action: "call",
			Details: protocol.ErrorDetails{Key: "OTHERS", Function: meta.Name},
			Message: fmt.Sprintf("%s raised a classic exception (sy-subrc %d); the old handler does not report which one. Deploy the wsrfc handler to get exception names and messages", meta.Name, data.Subrc)}
	}
	out := make(map[string]any, len(data.Exports)+len(data.Tables))
	for k, v := range data.Exports {
		out[k] = v
	}
	for k, v := range data.Tables {
		out[k] = v
	}
	return out, nil
}

// legacyText renders a scalar as the string the old handler needs.
func legacyText(v any) (string, bool) {
	if v == nil {
		return "", true
	}
	return protocol.ScalarText(v)
}

var (
	isoDate = lazyre.New(`^\d{4}-\d{2}-\d{2}$`)
	isoTime = lazyre.New(`^\d{2}:\d{2}:\d{2}$`)
)

// legacyDateTime turns an ISO date or time into the YYYYMMDD / HHMMSS the old
// handler needs: it assigns text to a date field as is, so 2024-01-31 would
// be stored as "2024-01-". Texts of parameters known not to be dates or
// times are left alone (the old handler's metadata has no data types, so
// usually nothing is known).
func legacyDateTime(p *protocol.Parameter, s string) string {
	if p.DataType != nil && p.DataType.Kind != protocol.KindDate && p.DataType.Kind != protocol.KindTime {
		return s
	}
	if isoDate().MatchString(s) {
		return strings.ReplaceAll(s, "-", "")
	}
	if isoTime().MatchString(s) {
		return strings.ReplaceAll(s, ":", "")
	}
	return s
}

// legacyPattern turns a search pattern into the old handler's: it maps * to
// LIKE's % itself, but passes ? through as a literal, while LIKE's one
// character wildcard is _.
func legacyPattern(pattern string) string {
	return strings.ReplaceAll(pattern, "?", "_")
}

// Search lists function modules matching a pattern (* and ? wildcards).
func (s *Session) Search(ctx context.Context, pattern string, max int) (*protocol.SearchResult, error) {
	if max <= 0 {
		max = 100
	}
	if s.Legacy() || !s.welcome.Has(protocol.FeatureSearch) {
		var hits []protocol.FunctionInfo
		if err := s.requestInto(ctx, "rfc", "search", map[string]string{"pattern": legacyPattern(pattern)}, &hits); err != nil {
			return nil, err
		}
		res := &protocol.SearchResult{Functions: hits}
		if len(res.Functions) > max {
			res.Functions, res.Truncated = res.Functions[:max], true
		} else if len(hits) == 100 {
			res.Truncated = true // the old handler stops at 100 without saying so
		}
		if res.Functions == nil {
			res.Functions = []protocol.FunctionInfo{}
		}
		return res, nil
	}
	var res protocol.SearchResult
	if err := s.requestInto(ctx, "rfc", "search", protocol.SearchParams{Pattern: pattern, Max: max}, &res); err != nil {
		return nil, err
	}
	if res.Functions == nil {
		res.Functions = []protocol.FunctionInfo{}
	}
	return &res, nil
}

// Ping makes a round trip through the system domain and returns its latency.
func (s *Session) Ping(ctx context.Context) (time.Duration, error) {
	start := time.Now()
	if _, err := s.Request(ctx, "system", "ping", nil); err != nil {
		return 0, err
	}
	return time.Since(start), nil
}

// RFCPing makes a round trip through the rfc domain.
func (s *Session) RFCPing(ctx context.Context) error {
	_, err := s.Request(ctx, "rfc", "ping", nil)
	return err
}

// nearestFunction finds the function module a misspelt name most likely meant, among those that share
// its first part (STFC_ of STFC_CONECTION), which one search returns.
func (s *Session) nearestFunction(ctx context.Context, name string) string {
	prefix, _, found := strings.Cut(name, "_")
	if !found || prefix == "" {
		if len(name) < 3 {
			return ""
		}
		prefix = name[:3]
	} else {
		prefix += "_"
	}
	res, err := s.Search(ctx, prefix+"*", 500)
	if err != nil {
		return ""
	}
	names := make([]string, len(res.Functions))
	for i, f := range res.Functions {
		names[i] = f.Name
	}
	return protocol.Nearest(name, names)
}

// interfaceOrder lists the keys of params as the interface orders its parameters, names it does not
// know first (sorted), so that of several bad values the same one is reported every time.
func interfaceOrder(meta *protocol.FunctionMetadata, params map[string]any) []string {
	pos := make(map[string]int, len(meta.Parameters))
	for i, p := range meta.Parameters {
		pos[p.Name] = i + 1
	}
	keys := make([]string, 0, len(params))
	for k := range params {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		a, b := pos[protocol.NormalizeName(keys[i])], pos[protocol.NormalizeName(keys[j])]
		if a != b {
			return a < b
		}
		return keys[i] < keys[j]
	})
	return keys
}
