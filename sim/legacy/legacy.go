// Package legacy is the simulator's legacy profile: it plays the old ZADT_VSP
// handler as ../shared/reference/zadt-vsp-protocol.md describes it, quirks
// included: envelope members found by regex anywhere in the frame, params cut
// out by counting braces, string-only IMPORTING values (with "value
// stealing"), stringified outputs, "[complex]" below the first level,
// OTHERS-only exceptions, a 100-row search without RFC filter, and no
// authority checks. It is a core.Dialect of the simulator's server.
package legacy

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"sync"

	"github.com/wsrfc/wsrfc/internal/lazyre"
	"github.com/wsrfc/wsrfc/protocol"
	"github.com/wsrfc/wsrfc/sim/core"
)

// Dialect answers a server's sessions as the old handler did.
type Dialect struct{ *core.Server }

// New makes srv speak the old handler's protocol.
func New(srv *core.Server) *Dialect {
	d := &Dialect{srv}
	srv.SetDialect(d)
	return d
}

// Welcome is the old handler's: its version and domains, no features.
func (s *Dialect) Welcome(sess *core.Session) any {
	return protocol.Welcome{Session: sess.ID, Version: core.LegacyVersion, Domains: []string{"rfc", "debug", "amdp", "git", "report"}}
}

// legacyKeyRe finds the envelope members the old handler reads by pattern.
var legacyKeyRe = sync.OnceValue(func() map[string]*regexp.Regexp {
	res := map[string]*regexp.Regexp{}
	for _, k := range []string{"id", "domain", "action"} {
		res[k] = regexp.MustCompile(`"` + k + `"\s*:\s*"([^"]*)"`)
	}
	return res
})

func legacyEnvelope(text, key string) string {
	re, ok := legacyKeyRe()[key]
	if !ok {
		re = regexp.MustCompile(`"` + regexp.QuoteMeta(key) + `"\s*:\s*"([^"]*)"`)
	}
	m := re.FindStringSubmatch(text)
	if m == nil {
		return ""
	}
	return m[1]
}

// legacyParams cuts the params object out of the frame by counting braces,
// without regard for strings, as parse_message does.
func legacyParams(text string) string {
	i := strings.Index(text, `"params"`)
	if i < 0 {
		return ""
	}
	j := strings.IndexByte(text[i:], '{')
	if j < 0 {
		return ""
	}
	start := i + j
	depth := 0
	for k := start; k < len(text); k++ {
		switch text[k] {
		case '{':
			depth++
		case '}':
			depth--
			if depth == 0 {
				return text[start : k+1]
			}
		}
	}
	return ""
}

var legacyTimeoutRe = lazyre.New(`"timeout"\s*:\s*(\d+)`)

// legacyTimeoutOverflows reports whether the first "timeout" anywhere in the
// frame does not fit parse_message's type i: the conversion error wipes the
// whole message, which then fails as a PARSE_ERROR.
func legacyTimeoutOverflows(text string) bool {
	m := legacyTimeoutRe().FindStringSubmatch(text)
	if m == nil {
		return false
	}
	_, err := strconv.ParseInt(m[1], 10, 32)
	return err != nil
}

var legacyValueRe = lazyre.New(`:\s*"([^"]*)"`)

// legacyParam finds the literal "NAME": and takes the first string value after
// it, which is the next key's value when NAME's own value is not a string.
func legacyParam(params, name string) string {
	i := strings.Index(params, `"`+name+`":`)
	if i < 0 {
		return ""
	}
	m := legacyValueRe().FindStringSubmatch(params[i+len(name)+2:])
	if m == nil {
		return ""
	}
	return m[1]
}

// legacyJSON renders a value as the old handler's string concatenation does:
// keys in the order given, only \\ \" \n \t escaped (CRLF collapses to \n), any
// other control character written raw, which makes the frame invalid JSON.
type legacyObj []legacyKV

type legacyKV struct {
	K string
	V any
}

func legacyEscape(s string) string {
	s = strings.ReplaceAll(s, `\`, `\\`)
	s = strings.ReplaceAll(s, `"`, `\"`)
	s = strings.ReplaceAll(s, "\r\n", `\n`)
	s = strings.ReplaceAll(s, "\n", `\n`)
	s = strings.ReplaceAll(s, "\t", `\t`)
	return s
}

func legacyJSON(b *strings.Builder, v any) {
	switch x := v.(type) {
	case legacyObj:
		b.WriteByte('{')
		for i, kv := range x {
			if i > 0 {
				b.WriteByte(',')
			}
			b.WriteString(`"` + kv.K + `":`)
			legacyJSON(b, kv.V)
		}
		b.WriteByte('}')
	case []any:
		b.WriteByte('[')
		for i, e := range x {
			if i > 0 {
				b.WriteByte(',')
			}
			legacyJSON(b, e)
		}
		b.WriteByte(']')
	case string:
		b.WriteString(`"` + legacyEscape(x) + `"`)
	case int:
		b.WriteString(strconv.Itoa(x))
	case bool:
		b.WriteString(strconv.FormatBool(x))
	case rawJSON:
		b.WriteString(string(x))
	default:
		b.WriteString(`"` + legacyEscape(fmt.Sprint(x)) + `"`)
	}
}

type rawJSON string

func (s *Dialect) legacySend(sess *core.Session, id string, data any, code, message string) error {
	var b strings.Builder
	b.WriteString(`{"id":"` + legacyEscape(id) + `","success":`)
	if code == "" {
		b.WriteString("true")
		if data != nil {
			b.WriteString(`,"data":`)
			legacyJSON(&b, data)
		}
	} else {
		b.WriteString(`false,"error":{"code":"` + code + `","message":"` + legacyEscape(message) + `"}`)
	}
	b.WriteByte('}')
	return sess.Send([]byte(b.String()))
}

// HandleFrame answers one frame of a session.
func (s *Dialect) HandleFrame(sess *core.Session, msg []byte) error {
	text := string(msg)
	id := legacyEnvelope(text, "id")
	if id == "" || legacyTimeoutOverflows(text) {
		return s.legacySend(sess, "unknown", nil, protocol.CodeParseError, "Invalid message format")
	}
	domain := legacyEnvelope(text, "domain")
	action := legacyEnvelope(text, "action")
	params := legacyParams(text)
	ctx := sess.Context()
	switch domain {
	case "system":
		if action == "ping" {
			return s.legacySend(sess, id, legacyObj{{"pong", true}, {"timestamp", s.Config().Now().Format("20060102T150405")}}, "", "")
		}
		return s.legacySend(sess, id, nil, protocol.CodeUnknownDomain, "Domain 'system' not found")
	case "rfc":
		switch action {
		case "ping":
			return s.legacySend(sess, id, legacyObj{{"pong", true}, {"timestamp", s.Config().Now().Format("20060102150405")}}, "", "")
		case "search":
			return s.legacySend(sess, id, s.legacySearch(legacyParam(params, "pattern")), "", "")
		case "getMetadata":
			f, err := s.legacyFunction(sess, id, params)
			if f == nil {
				return err
			}
			return s.legacySend(sess, id, legacyMetadata(f), "", "")
		case "call":
			return s.legacyCall(ctx, sess, id, params)
		}
		return s.legacySend(sess, id, nil, protocol.CodeUnknownAction, "Action not supported")
	case "debug", "amdp", "git", "report":
		if h, ok := s.Domain(domain); ok && domain == "debug" {
			var p json.RawMessage
			if params != "" {
				p = json.RawMessage(params)
			}
			data, err := h.Handle(ctx, sess, action, p)
			if err != nil {
				pe := core.ProtocolError(err)
				return s.legacySend(sess, id, nil, pe.Code, pe.Message)
			}
			raw, _ := protocol.Marshal(data)
			return s.legacySend(sess, id, rawJSON(raw), "", "")
		}
		return s.legacySend(sess, id, nil, protocol.CodeUnknownAction, "Action not supported")
	}
	return s.legacySend(sess, id, nil, protocol.CodeUnknownDomain, fmt.Sprintf("Domain '%s' not found", domain))
}

func (s *Dialect) legacySearch(pattern string) []any {
	if pattern == "" {
		pattern = "%"
	}
	pattern = strings.ReplaceAll(strings.ToUpper(pattern), "*", "%")
	var re strings.Builder
	re.WriteString("^")
	for _, r := range pattern {
		switch r {
		case '%':
			re.WriteString(".*")
		case '_':
			re.WriteString(".") // unescaped: RFC_READ_TABLE also matches RFCXREADXTABLE
		default:
			re.WriteString(regexp.QuoteMeta(string(r)))
		}
	}
	re.WriteString("$")
	rx, err := regexp.Compile(re.String())
	if err != nil {
		return []any{}
	}
	out := []any{}
	for _, f := range s.Functions() { // every module, RFC-enabled or not
		if rx.MatchString(f.Name) {
			out = append(out, legacyObj{{"name", f.Name}})
			if len(out) == 100 {
				break
			}
		}
	}
	return out
}

func legacyMetadata(f *core.Function) legacyObj {
	params := []any{}
	for _, p := range f.Params {
		optional := true // the old handler hard-codes true for all but IMPORTING
		if p.Kind == protocol.Importing {
			optional = p.Optional
		}
		params = append(params, legacyObj{{"name", p.Name}, {"kind", string(p.Kind)}, {"type", p.Type}, {"optional", optional}})
	}
	return legacyObj{{"function", f.Name}, {"parameters", params}}
}

// legacyFunction finds the function module a request names. When there is
// none it answers the request as the old handler does, and returns nil with
// what sending that answer gave.
func (s *Dialect) legacyFunction(sess *core.Session, id, params string) (*core.Function, error) {
	name := strings.ToUpper(legacyParam(params, "function"))
	if name == "" {
		return nil, s.legacySend(sess, id, nil, protocol.CodeMissingParam, "function parameter is required")
	}
	f, ok := s.Function(name)
	if !ok {
		return nil, s.legacySend(sess, id, nil, protocol.CodeFuncNotFound, "Function module "+name+" not found")
	}
	return f, nil
}

// legacyCall binds only IMPORTING parameters, from string values, with initial
// values (not defaults) for what is missing, and renders outputs as strings.
func (s *Dialect) legacyCall(ctx context.Context, sess *core.Session, id, params string) error {
	f, err := s.legacyFunction(sess, id, params)
	if f == nil {
		return err
	}
	values, supplied := map[string]any{}, map[string]bool{}
	for _, p := range f.Params {
		values[p.Name] = p.DataType.Initial()
		switch p.Kind {
		case protocol.Importing:
			// Every IMPORTING parameter is passed, so IS SUPPLIED is always true
			// and defaults are overridden with initial values.
			supplied[p.Name] = true
			raw := legacyParam(params, p.Name)
			if raw == "" || !p.DataType.IsElementary() {
				continue
			}
			if v, err := protocol.Normalize(p.DataType, legacyCharTo(p.DataType, raw), p.Name); err == nil {
				values[p.Name] = v // a failed conversion silently keeps the initial value
			}
		case protocol.Changing:
			if !p.Optional {
				return s.legacySend(sess, id, nil, protocol.CodeCallError,
					fmt.Sprintf("Parameter %s of function module %s is missing (CX_SY_DYN_CALL_PARAM_MISSING)", p.Name, f.Name))
			}
		case protocol.Tables:
			supplied[p.Name] = true
		}
	}
	subrc := 0
	call := core.NewCall(ctx, sess, f, values, supplied)
	if err := s.Run(call); err != nil {
		var ae *core.ABAPError
		if !errors.As(err, &ae) {
			return s.legacySend(sess, id, nil, protocol.CodeCallError, err.Error())
		}
		switch ae.Kind {
		case core.KindException:
			subrc = 99 // EXCEPTION-TABLE holds only OTHERS = 99
		case core.KindClass:
			return s.legacySend(sess, id, nil, protocol.CodeCallError, ae.Message.Text)
		default:
			// No ERROR_MESSAGE in the exception table: an E/A message, like a
			// runtime error, terminates the APC session.
			sess.Abort()
			return core.ErrSessionEnded
		}
	}
	exports := legacyObj{}
	tables := legacyObj{}
	for _, p := range f.Params {
		v := call.Get(p.Name)
		switch p.Kind {
		case protocol.Exporting:
			switch p.DataType.Kind {
			case protocol.KindStruct:
				exports = append(exports, legacyKV{p.Name, legacyStruct(p.DataType, v)})
			case protocol.KindTable:
				// An unguarded CAST to a structure descriptor: the call has run, its
				// results are lost, and the client gets a SERVICE_EXCEPTION.
				return s.legacySend(sess, id, nil, protocol.CodeServiceException, "Source type is not compatible, for the purposes of assignment, with target type CL_ABAP_STRUCTDESCR")
			default:
				exports = append(exports, legacyKV{p.Name, protocol.LegacyString(p.DataType, v)})
			}
		case protocol.Tables:
			rows := []any{}
			for _, r := range v.([]any) {
				if p.DataType.Line.Kind != protocol.KindStruct {
					// The row cast fails after "{" was written: the frame is not JSON.
					tables = append(tables, legacyKV{p.Name, rawJSON(`[{{"error":"serialization failed"}]`)})
					rows = nil
					break
				}
				rows = append(rows, legacyStruct(p.DataType.Line, r))
			}
			if rows != nil {
				tables = append(tables, legacyKV{p.Name, rows})
			}
		}
	}
	return s.legacySend(sess, id, legacyObj{{"subrc", subrc}, {"exports", exports}, {"tables", tables}}, "", "")
}

func legacyStruct(t *protocol.Type, v any) legacyObj {
	m, _ := v.(map[string]any)
	out := legacyObj{}
	for i := range t.Fields {
		f := &t.Fields[i]
		if !f.Type.IsElementary() {
			out = append(out, legacyKV{f.Name, protocol.LegacyComplex})
			continue
		}
		out = append(out, legacyKV{f.Name, protocol.LegacyString(&f.Type, m[f.Name])})
	}
	return out
}

// legacyCharTo is what the old handler's plain ABAP conversion of a text to
// a date (D, 8 characters) or time (T, 6) keeps: the first characters, so an
// ISO date 2024-01-31 arrives as "2024-01-". ABAP stores that invalid date as
// is; the simulator, which holds only valid values, keeps the initial value,
// as for every failed conversion. Other types are left to Normalize.
func legacyCharTo(t *protocol.Type, raw string) string {
	n := 0
	switch t.Kind {
	case protocol.KindDate:
		n = 8
	case protocol.KindTime:
		n = 6
	}
	if n > 0 && len(raw) > n {
		return raw[:n]
	}
	return raw
}
