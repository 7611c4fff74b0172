package core

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"runtime/debug"
	"strings"
	"time"

	"github.com/gorilla/websocket"

	"github.com/wsrfc/wsrfc/protocol"
)

// handleFrame processes one request of a session and sends its reply. It
// returns ErrSessionEnded when the request ended the session (a runtime error).
func (s *Server) handleFrame(sess *Session, msg []byte) error {
	if s.dialect != nil {
		return s.dialect.HandleFrame(sess, msg)
	}
	if nestedDeeper(msg, s.cfg.MaxDepth) {
		// The handler's parser stops here too (ZCL_VSP_JSON): answer if the id can be found.
		reason := fmt.Sprintf("nesting deeper than %d levels", s.cfg.MaxDepth)
		if id := protocol.FrameID(msg); id != "" {
			return s.reply(sess, id, nil, &protocol.Error{Code: protocol.CodeParseError, Message: reason})
		}
		_ = sess.Push("system", "protocolError", map[string]string{"code": protocol.CodeParseError, "message": reason})
		return nil
	}
	var req protocol.Request
	if err := json.Unmarshal(msg, &req); err != nil || req.ID == "" {
		// No id to answer to: tell the client through a push instead of the old
		// handler's id "unknown", which no client can match.
		reason := "the request has no id"
		if err != nil {
			reason = "the request is not valid JSON: " + err.Error()
		}
		id := protocol.FrameID(msg)
		if id != "" {
			return s.reply(sess, id, nil, &protocol.Error{Code: protocol.CodeParseError, Message: reason})
		}
		_ = sess.Push("system", "protocolError", map[string]string{"code": protocol.CodeParseError, "message": reason})
		return nil
	}
	ctx := sess.ctx
	if req.Timeout > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, time.Duration(req.Timeout)*time.Millisecond)
		defer cancel()
	}
	data, err := s.dispatch(ctx, sess, &req)
	var ae *ABAPError
	if errors.As(err, &ae) && ae.Kind == KindDump {
		s.log.Info("session ended by runtime error", "session", sess.ID, "error", ae.Key)
		sess.conn.closeWith(websocket.CloseInternalServerErr, fmt.Sprintf("ABAP runtime error %s: %s", ae.Key, ae.Message.Text))
		return ErrSessionEnded
	}
	if err != nil {
		return s.reply(sess, req.ID, nil, ProtocolError(err))
	}
	return s.reply(sess, req.ID, data, nil)
}

// nestedDeeper reports whether the JSON text msg nests objects and arrays
// more than max levels deep (the root object is level 1).
func nestedDeeper(msg []byte, max int) bool {
	depth, inString, escaped := 0, false, false
	for _, c := range msg {
		switch {
		case inString:
			switch {
			case escaped:
				escaped = false
			case c == '\\':
				escaped = true
			case c == '"':
				inString = false
			}
		case c == '"':
			inString = true
		case c == '{' || c == '[':
			depth++
			if depth > max {
				return true
			}
		case c == '}' || c == ']':
			depth--
		}
	}
	return false
}

func ProtocolError(err error) *protocol.Error {
	var pe *protocol.Error
	if errors.As(err, &pe) {
		return pe
	}
	var ae *ABAPError
	if errors.As(err, &ae) {
		return abapErrorToProtocol(ae)
	}
	return &protocol.Error{Code: protocol.CodeServiceException, Message: err.Error()}
}

func abapErrorToProtocol(ae *ABAPError) *protocol.Error {
	m := ae.Message
	// The handler passes the message variables through CONDENSE.
	d := &protocol.ErrorDetails{Key: ae.Key, Class: ae.Class, MsgType: m.Type, MsgID: m.ID, MsgNo: m.Number,
		MsgV1: abapCondense(m.V1), MsgV2: abapCondense(m.V2), MsgV3: abapCondense(m.V3), MsgV4: abapCondense(m.V4)}
	switch ae.Kind {
	case KindMessage:
		return &protocol.Error{Code: protocol.CodeABAPMessage, Message: ae.Message.Text, Details: d}
	case KindClass:
		return &protocol.Error{Code: protocol.CodeClassException, Message: ae.Message.Text, Details: d}
	}
	msg := ae.Message.Text
	if msg == "" {
		msg = "exception " + ae.Key
	}
	return &protocol.Error{Code: protocol.CodeABAPException, Message: msg, Details: d}
}

// abapCondense is ABAP's CONDENSE: blanks trimmed, runs of blanks made one.
func abapCondense(s string) string {
	return strings.Join(strings.FieldsFunc(s, func(r rune) bool { return r == ' ' }), " ")
}

// reply sends a response, split across frames when it is larger than a frame may be.
func (s *Server) reply(sess *Session, id string, data any, perr *protocol.Error) error {
	if perr != nil {
		return sess.conn.write(protocol.EncodeFailure(id, perr))
	}
	raw, err := protocol.Marshal(data)
	if err != nil {
		return s.reply(sess, id, nil, &protocol.Error{Code: protocol.CodeServiceException, Message: "reply could not be serialised: " + err.Error()})
	}
	if len(raw) > s.cfg.MaxReplyBytes {
		return s.reply(sess, id, nil, &protocol.Error{Code: protocol.CodeTooLarge,
			Message: fmt.Sprintf("the reply has %d bytes, more than the handler's limit of %d; ask for fewer rows (ROWCOUNT) or fields", len(raw), s.cfg.MaxReplyBytes)})
	}
	if len(raw) <= s.cfg.MaxFrameBytes {
		return sess.conn.write(protocol.EncodeSuccess(id, raw))
	}
	return protocol.SplitReply(id, data, s.cfg.MaxFrameBytes, sess.conn.write)
}

func (s *Server) dispatch(ctx context.Context, sess *Session, req *protocol.Request) (any, error) {
	switch req.Domain {
	case "system":
		switch req.Action {
		case "ping":
			return map[string]any{"pong": true, "timestamp": s.now().Format("20060102T150405")}, nil
		}
		return nil, &protocol.Error{Code: protocol.CodeUnknownAction, Message: fmt.Sprintf("action '%s' is not supported in domain system (supported: ping)", req.Action)}
	case "rfc":
		return s.rfcAction(ctx, sess, req)
	}
	if h, ok := s.Domain(req.Domain); ok {
		return h.Handle(ctx, sess, req.Action, req.Params)
	}
	return nil, &protocol.Error{Code: protocol.CodeUnknownDomain, Message: fmt.Sprintf("Domain '%s' not found", req.Domain)}
}

// DecodeParams reads a request's params object, numbers as json.Number; a
// domain handler reads its params with it.
func DecodeParams(raw []byte, v any) error {
	if len(raw) == 0 {
		raw = []byte("{}")
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	if err := dec.Decode(v); err != nil {
		return &protocol.Error{Code: protocol.CodeInvalidParams, Message: "params must be a JSON object: " + err.Error()}
	}
	return nil
}

func missing(name string) error {
	return &protocol.Error{Code: protocol.CodeMissingParam, Message: name + " is required"}
}

func (s *Server) rfcAction(ctx context.Context, sess *Session, req *protocol.Request) (any, error) {
	switch req.Action {
	case "ping":
		return map[string]any{"pong": true, "timestamp": s.now().Format("20060102150405")}, nil
	case "commit":
		sess.Commit()
		return map[string]any{"committed": true}, nil
	case "rollback":
		sess.Rollback()
		return map[string]any{"rolledBack": true}, nil
	case "getMetadata":
		var p struct {
			Function string `json:"function"`
		}
		if err := DecodeParams(req.Params, &p); err != nil {
			return nil, err
		}
		if p.Function == "" {
			return nil, missing("function")
		}
		f, ok := s.Function(p.Function)
		if !ok {
			return nil, funcNotFound(p.Function)
		}
		return f.Metadata(), nil
	case "search":
		var p protocol.SearchParams
		if err := DecodeParams(req.Params, &p); err != nil {
			return nil, err
		}
		return s.search(sess, p), nil
	case "call":
		var flat map[string]any
		if err := DecodeParams(req.Params, &flat); err != nil {
			return nil, err
		}
		function, parameters, typed, err := callParams(flat)
		if err != nil {
			return nil, err
		}
		if !typed {
			// An old client: flat upper-case parameters, answered in the old shape.
			delete(flat, "function")
			return s.compatCall(ctx, sess, function, flat)
		}
		out, err := s.Invoke(ctx, sess, function, parameters, true)
		if err != nil {
			return nil, err
		}
		return &protocol.CallResult{Result: out}, nil
	}
	return nil, &protocol.Error{Code: protocol.CodeUnknownAction,
		Message: fmt.Sprintf("action '%s' is not supported in domain rfc (supported: call, search, getMetadata, ping, commit, rollback)", req.Action)}
}

// callParams reads function and parameters from the decoded params of
// rfc.call; typed is false for the old flat form (no "parameters" member).
func callParams(flat map[string]any) (function string, parameters map[string]any, typed bool, err error) {
	invalid := func(what string) error {
		return &protocol.Error{Code: protocol.CodeInvalidParams, Message: "params must be a JSON object: " + what}
	}
	switch f := flat["function"].(type) {
	case nil:
	case string:
		function = f
	default:
		return "", nil, false, invalid("function must be a string")
	}
	if function == "" {
		return "", nil, false, missing("function")
	}
	raw, typed := flat["parameters"]
	switch p := raw.(type) {
	case nil:
	case map[string]any:
		parameters = p
	default:
		return "", nil, false, invalid("parameters must be an object")
	}
	return function, parameters, typed, nil
}

func funcNotFound(name string) error {
	n := protocol.NormalizeName(name)
	return &protocol.Error{Code: protocol.CodeFuncNotFound, Message: fmt.Sprintf("Function module %s does not exist", n),
		Details: &protocol.ErrorDetails{Function: n, MsgType: "E", MsgID: "FL", MsgNo: "046", MsgV1: n}}
}

func (s *Server) search(sess *Session, p protocol.SearchParams) any {
	// % is a wildcard too: old clients sent LIKE patterns (BAPI%), and the
	// ABAP handler maps it to LIKE's %.
	pattern := strings.ReplaceAll(protocol.NormalizeName(p.Pattern), "%", "*")
	if pattern == "" {
		pattern = "*"
	}
	limit := p.Max
	if limit <= 0 {
		limit = 100
	}
	var hits []protocol.FunctionInfo
	truncated := false
	for _, f := range s.Functions() {
		if f.NotRemote || !WildcardMatch(pattern, f.Name) {
			continue
		}
		if len(hits) == limit {
			truncated = true
			break
		}
		hits = append(hits, protocol.FunctionInfo{Name: f.Name, Group: f.Group, Description: f.Description, Remote: true})
	}
	if p.Max == 0 {
		names := make([]map[string]string, len(hits))
		for i, h := range hits {
			names[i] = map[string]string{"name": h.Name}
		}
		return names
	}
	if hits == nil {
		hits = []protocol.FunctionInfo{}
	}
	return &protocol.SearchResult{Functions: hits, Truncated: truncated}
}

// Invoke runs a function module for a session the way the wsrfc handler does:
// existence, deny-list, RFC-enabled and S_RFC checks, typed binding of the given
// parameters, defaults, the call, and the outputs as wire values (or canonical
// values when wire is false). Errors are *protocol.Error or a *ABAPError dump.
func (s *Server) Invoke(ctx context.Context, sess *Session, name string, params map[string]any, wire bool) (map[string]any, error) {
	f, err := s.authorize(sess, name)
	if err != nil {
		return nil, err
	}
	call := &Call{Ctx: ctx, Session: sess, Function: f, values: map[string]any{}, supplied: map[string]bool{}}
	for pname, v := range params {
		p := f.param(pname)
		if p == nil {
			return nil, &protocol.Error{Code: protocol.CodeParamUnknown,
				Message: fmt.Sprintf("function module %s has no parameter %s", f.Name, pname),
				Details: &protocol.ErrorDetails{Parameter: pname, Function: f.Name}}
		}
		if p.Kind == protocol.Exporting {
			return nil, &protocol.Error{Code: protocol.CodeParamUnknown,
				Message: fmt.Sprintf("%s is an EXPORTING parameter of %s and cannot be passed in", pname, f.Name),
				Details: &protocol.ErrorDetails{Parameter: pname, Function: f.Name}}
		}
		var val any
		if wire {
			val, err = protocol.FromWire(p.DataType, v, pname)
		} else {
			val, err = protocol.Normalize(p.DataType, v, pname)
		}
		if err != nil {
			return nil, err
		}
		call.values[pname] = val
		call.supplied[pname] = true
	}
	if err := bindRest(call, sess); err != nil {
		return nil, err
	}
	if err := refuseBlockingCommit(call); err != nil {
		return nil, err
	}
	if err := s.Run(call); err != nil {
		return nil, err
	}
	return collect(call, wire)
}

// collect gathers the outputs; an output the handler left in a bad state is a
// runtime error of that module, never a crash of the simulator.
func collect(call *Call, wire bool) (out map[string]any, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = Dump("RAISE_SHORTDUMP", fmt.Sprint(r))
		}
	}()
	return outputs(call, wire), nil
}

// refuseBlockingCommit stops BAPI_TRANSACTION_COMMIT with WAIT before it runs:
// it would run COMMIT WORK AND WAIT, which ends a stateful APC session with a
// runtime error. The ABAP handler refuses it the same way.
func refuseBlockingCommit(call *Call) error {
	if call.Function.Name != "BAPI_TRANSACTION_COMMIT" || call.String("WAIT") == "" {
		return nil
	}
	return &protocol.Error{Code: protocol.CodeFunctionDenied,
		Message: "BAPI_TRANSACTION_COMMIT with WAIT runs COMMIT WORK AND WAIT, which ends an APC session; call it without WAIT or use rfc.commit",
		Details: &protocol.ErrorDetails{Function: call.Function.Name, Parameter: "WAIT"}}
}

// authorize resolves a function module and applies the handler's gates in the
// order the ABAP side does: exists, not denied, RFC-enabled, S_RFC.
func (s *Server) authorize(sess *Session, name string) (*Function, error) {
	f, ok := s.Function(name)
	if !ok {
		return nil, funcNotFound(name)
	}
	for _, d := range s.cfg.DenyList {
		if WildcardMatch(protocol.NormalizeName(d), f.Name) {
			return nil, &protocol.Error{Code: protocol.CodeFunctionDenied,
				Message: fmt.Sprintf("function module %s is on the handler's deny-list (it runs generic code or statements that end an APC session)", f.Name),
				Details: &protocol.ErrorDetails{Function: f.Name}}
		}
	}
	if f.NotRemote {
		return nil, &protocol.Error{Code: protocol.CodeNotRemoteEnabled,
			Message: fmt.Sprintf("function module %s is not remote-enabled", f.Name),
			Details: &protocol.ErrorDetails{Function: f.Name}}
	}
	if !sess.User.mayCall(f.Group, f.Name) {
		return nil, &protocol.Error{Code: protocol.CodeNotAuthorized,
			Message: fmt.Sprintf("user %s has no RFC authorization for function module %s (S_RFC, function group %s)", sess.User.Name, f.Name, f.Group),
			Details: &protocol.ErrorDetails{Function: f.Name, MsgType: "E", MsgID: "00", MsgNo: "139", MsgV1: sess.User.Name, MsgV2: f.Name}}
	}
	return f, nil
}

// bindRest fills what the caller did not pass: mandatory IMPORTING and CHANGING
// parameters are an error (CX_SY_DYN_CALL_PARAM_MISSING in ABAP), optional ones
// take their default, TABLES start empty, EXPORTING start initial.
func bindRest(call *Call, sess *Session) error {
	f := call.Function
	for i := range f.Params {
		p := &f.Params[i]
		if call.supplied[p.Name] {
			continue
		}
		switch p.Kind {
		case protocol.Importing, protocol.Changing:
			if !p.Optional {
				return &protocol.Error{Code: protocol.CodeParamMissing,
					Message: fmt.Sprintf("mandatory parameter %s of %s was not supplied", p.Name, f.Name),
					Details: &protocol.ErrorDetails{Parameter: p.Name, Function: f.Name, Class: "CX_SY_DYN_CALL_PARAM_MISSING"}}
			}
			v := p.DataType.Initial()
			if d, ok := resolveDefault(p.Default, sess); ok {
				if n, err := protocol.Normalize(p.DataType, d, p.Name); err == nil {
					v = n
				}
			}
			call.values[p.Name] = v
		default:
			call.values[p.Name] = p.DataType.Initial()
		}
	}
	return nil
}

// run executes the handler; a panic in it is a runtime error, as in ABAP.
// Run executes a call as the handler does: a panic of the module is a short
// dump, a type-A message rolls the LUW back, and an error that is not ABAP's
// is the class exception CX_SY_NO_HANDLER.
func (s *Server) Run(call *Call) (err error) {
	defer func() {
		if r := recover(); r != nil {
			s.log.Error("function module panicked", "function", call.Function.Name, "panic", r, "stack", string(debug.Stack()))
			err = Dump("RAISE_SHORTDUMP", fmt.Sprintf("%s failed: %v", call.Function.Name, r))
		}
	}()
	err = call.Function.Handler(call)
	var ae *ABAPError
	if errors.As(err, &ae) && ae.Kind == KindMessage && ae.Message.Type == "A" {
		call.Session.Rollback() // a type-A message rolls the LUW back implicitly
	}
	if err != nil && !errors.As(err, &ae) {
		var pe *protocol.Error
		if !errors.As(err, &pe) {
			err = ClassException("CX_SY_NO_HANDLER", err.Error())
		}
	}
	return err
}

func outputs(call *Call, wire bool) map[string]any {
	out := map[string]any{}
	for i := range call.Function.Params {
		p := &call.Function.Params[i]
		if p.Kind == protocol.Importing || (p.Kind == protocol.Changing && !call.supplied[p.Name]) {
			continue // an unsupplied optional CHANGING parameter is not bound, so nothing comes back
		}
		v := call.values[p.Name]
		if wire {
			w, err := protocol.ToWire(p.DataType, v, p.Name)
			if err != nil {
				panic(fmt.Sprintf("%s set an invalid %s: %v", call.Function.Name, p.Name, err))
			}
			v = w
		}
		out[p.Name] = v
	}
	return out
}

// WildcardMatch matches SAP-style patterns: * any run, ? one character,
// case-insensitive. Patterns come from the network, so the match remembers
// only the last star instead of backtracking into every one of them, which
// keeps it linear in practice and never exponential.
func WildcardMatch(pattern, s string) bool {
	p := []rune(strings.ToUpper(pattern))
	t := []rune(strings.ToUpper(s))
	i, j := 0, 0
	star, mark := -1, 0
	for j < len(t) {
		switch {
		case i < len(p) && (p[i] == '?' || p[i] == t[j]):
			i++
			j++
		case i < len(p) && p[i] == '*':
			star, mark = i, j
			i++
		case star >= 0:
			mark++
			i, j = star+1, mark
		default:
			return false
		}
	}
	for i < len(p) && p[i] == '*' {
		i++
	}
	return i == len(p)
}
