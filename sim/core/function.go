package core

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/wsrfc/wsrfc/protocol"
)

// Function is a function module the simulator serves: its interface, as SE37
// shows it, and a handler that plays its ABAP code.
type Function struct {
	Name        string
	Group       string // function group: the unit of S_RFC checks and of global memory
	Description string
	NotRemote   bool // a module that is not RFC-enabled (processing type "normal")
	Params      []protocol.Parameter
	Exceptions  []protocol.Exception
	Handler     func(c *Call) error
}

// Metadata renders the interface for rfc.getMetadata, its parameters in the
// order SAP's RFC connectors describe them (RFC_GET_FUNCTION_INTERFACE sorts by
// parameter class): CHANGING, EXPORTING, IMPORTING, TABLES, each kind in
// declaration order. The handler answers in the same order.
func (f *Function) Metadata() *protocol.FunctionMetadata {
	params := slices.Clone(f.Params)
	slices.SortStableFunc(params, func(a, b protocol.Parameter) int { return classRank[a.Kind] - classRank[b.Kind] })
	return &protocol.FunctionMetadata{
		Function:    f.Name,
		Name:        f.Name,
		Group:       f.Group,
		Description: f.Description,
		Remote:      !f.NotRemote,
		Parameters:  params,
		Exceptions:  f.Exceptions,
	}
}

// classRank orders parameters as their classes' letters sort: C, E, I, T.
var classRank = map[protocol.ParamKind]int{protocol.Changing: 0, protocol.Exporting: 1, protocol.Importing: 2, protocol.Tables: 3}

func (f *Function) param(name string) *protocol.Parameter {
	for i := range f.Params {
		if f.Params[i].Name == name {
			return &f.Params[i]
		}
	}
	return nil
}

func (f *Function) validate() error {
	if f.Name == "" || f.Name != protocol.NormalizeName(f.Name) {
		return fmt.Errorf("function name %q must be upper case and non-empty", f.Name)
	}
	if f.Handler == nil {
		return fmt.Errorf("function %s has no handler", f.Name)
	}
	seen := map[string]bool{}
	for _, p := range f.Params {
		if p.DataType == nil {
			return fmt.Errorf("function %s: parameter %s has no data type", f.Name, p.Name)
		}
		if seen[p.Name] {
			return fmt.Errorf("function %s: parameter %s is declared twice", f.Name, p.Name)
		}
		seen[p.Name] = true
		if p.Kind == protocol.Tables && p.DataType.Kind != protocol.KindTable {
			return fmt.Errorf("function %s: TABLES parameter %s needs a table type", f.Name, p.Name)
		}
	}
	return nil
}

// Call is one execution of a function module: its parameters as canonical Go
// values (see package protocol), readable and writable by the handler.
type Call struct {
	Ctx      context.Context
	Session  *Session
	Function *Function
	values   map[string]any
	supplied map[string]bool
}

// Get returns a parameter's current value (importing values as passed, outputs as set so far).
func (c *Call) Get(name string) any { return c.values[name] }

// String returns a character-like parameter.
func (c *Call) String(name string) string { s, _ := c.values[name].(string); return s }

// Int returns an integer parameter.
func (c *Call) Int(name string) int64 { n, _ := c.values[name].(int64); return n }

// Struct returns a structure parameter.
func (c *Call) Struct(name string) map[string]any { m, _ := c.values[name].(map[string]any); return m }

// Table returns a table parameter.
func (c *Call) Table(name string) []any { t, _ := c.values[name].([]any); return t }

// Supplied reports whether the caller passed the parameter (ABAP's IS SUPPLIED).
func (c *Call) Supplied(name string) bool { return c.supplied[name] }

// Set assigns an output parameter; the value is normalised to the parameter's
// type, and a handler bug (wrong type) panics, which the server reports as a dump.
func (c *Call) Set(name string, v any) {
	p := c.Function.param(name)
	if p == nil {
		panic(fmt.Sprintf("%s has no parameter %s", c.Function.Name, name))
	}
	n, err := protocol.Normalize(p.DataType, v, name)
	if err != nil {
		panic(fmt.Sprintf("%s: %v", c.Function.Name, err))
	}
	c.values[name] = n
}

// NewCall prepares a call of f in sess from canonical parameter values and
// the names of the parameters the caller supplied, for a Dialect that binds
// parameters its own way; Server.Run executes it.
func NewCall(ctx context.Context, sess *Session, f *Function, values map[string]any, supplied map[string]bool) *Call {
	return &Call{Ctx: ctx, Session: sess, Function: f, values: values, supplied: supplied}
}

// SetRows assigns a table parameter whose rows the handler built as canonical
// values already; skipping Normalize keeps a 100,000-row result from being
// copied once more.
func (c *Call) SetRows(name string, rows []any) {
	if c.Function.param(name) == nil {
		panic(fmt.Sprintf("%s has no parameter %s", c.Function.Name, name))
	}
	c.values[name] = rows
}

// Message is a T100 message as ABAP's MESSAGE statement raises it.
type Message struct {
	Type           string // E, A, X, W, I, S
	ID             string // message class
	Number         string // three digits
	V1, V2, V3, V4 string
	Text           string // the rendered short text
}

// ABAPError is how a handler ends abnormally: a classic exception (RAISE),
// an error message (MESSAGE TYPE E), a class-based exception, or a runtime error
// that ends the whole session (a short dump).
type ABAPError struct {
	Kind    ErrorKind
	Key     string // exception name or runtime error name
	Class   string // exception class for class-based exceptions
	Message Message
}

// ErrorKind tells apart the ways ABAP code fails.
type ErrorKind int

// Error kinds.
const (
	KindException ErrorKind = iota // RAISE / MESSAGE ... RAISING
	KindMessage                    // MESSAGE TYPE E or A without RAISING
	KindClass                      // class-based exception
	KindDump                       // runtime error: the session ends
)

func (e *ABAPError) Error() string {
	switch e.Kind {
	case KindDump:
		return fmt.Sprintf("runtime error %s: %s", e.Key, e.Message.Text)
	case KindMessage:
		return e.Message.Text
	}
	if e.Message.Text != "" {
		return e.Message.Text
	}
	return e.Key
}

// Raise returns a classic exception, optionally with the message it was raised with.
func Raise(key string, msg ...Message) *ABAPError {
	e := &ABAPError{Kind: KindException, Key: key}
	if len(msg) > 0 {
		e.Message = msg[0]
	}
	return e
}

// ErrorMessage returns a MESSAGE TYPE E (or A) without RAISING.
func ErrorMessage(msg Message) *ABAPError {
	if msg.Type == "" {
		msg.Type = "E"
	}
	return &ABAPError{Kind: KindMessage, Message: msg}
}

// ClassException returns a class-based exception.
func ClassException(class, text string) *ABAPError {
	return &ABAPError{Kind: KindClass, Class: class, Message: Message{Text: text}}
}

// Dump returns a runtime error: the APC session ends and the connection closes.
func Dump(name, text string) *ABAPError {
	return &ABAPError{Kind: KindDump, Key: name, Message: Message{Text: text}}
}

// T100 renders message text from a template with & placeholders, as SAP does.
func T100(typ, id, number, template string, vars ...string) Message {
	m := Message{Type: typ, ID: id, Number: number}
	v := append(vars, "", "", "", "")
	m.V1, m.V2, m.V3, m.V4 = v[0], v[1], v[2], v[3]
	text := template
	for i := 1; i <= 4; i++ {
		text = strings.Replace(text, "&"+strconv.Itoa(i), v[i-1], 1)
	}
	for _, x := range v[:4] {
		if !strings.Contains(text, "&") {
			break
		}
		text = strings.Replace(text, "&", x, 1)
	}
	m.Text = strings.TrimSpace(text)
	return m
}

// resolveDefault evaluates a parameter default as written in SE37.
func resolveDefault(def string, s *Session) (any, bool) {
	d := strings.TrimSpace(def)
	switch {
	case d == "":
		return nil, false
	case strings.EqualFold(d, "SPACE"):
		return "", true
	case strings.EqualFold(d, "SY-LANGU"):
		return s.Language, true
	case strings.EqualFold(d, "SY-UNAME"):
		return s.User.Name, true
	case strings.EqualFold(d, "SY-MANDT"):
		return s.Client, true
	case strings.EqualFold(d, "SY-DATUM"):
		return s.server.now().Format("20060102"), true
	case strings.HasPrefix(d, "'") && strings.HasSuffix(d, "'") && len(d) >= 2:
		return d[1 : len(d)-1], true
	}
	return d, true
}
