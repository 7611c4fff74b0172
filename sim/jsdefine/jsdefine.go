// Package jsdefine loads function modules written in JavaScript into the
// simulator, so users can stand in for their own Z modules (wsrfc sim --define).
package jsdefine

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"

	"github.com/dop251/goja"

	"github.com/wsrfc/wsrfc/bindings/jsvalue"
	"github.com/wsrfc/wsrfc/internal/lazyre"
	"github.com/wsrfc/wsrfc/protocol"
	"github.com/wsrfc/wsrfc/runtime/engine"
	"github.com/wsrfc/wsrfc/sim"
)

// Load runs each file in its own JavaScript VM, where a global define(spec)
// registers a function module:
//
//	define({
//	  name: 'Z_RFM_XXX', description: 'Greets',
//	  importing: { INPUT: 'STRING' },
//	  exporting: { OUTPUT: 'STRING' },
//	  handler(p) { return { OUTPUT: p.INPUT + ' How are you?' } },
//	})
//
// Types are 'CHAR(10)', 'NUMC(5)', 'DATS', 'TIMS', 'STRING', 'INT1'..'INT8',
// 'FLTP', 'DEC(15,2)', 'DF16', 'DF34', 'RAW(16)', 'XSTRING', 'UTCLONG', an object of
// fields for a structure, or a one-element array [line] for a table. A
// parameter may also be { type, optional, default, description }. Handlers
// throw abap.exception(KEY, text) or abap.message(TYPE, text) to fail.
func Load(srv *sim.Server, files ...string) error {
	for _, file := range files {
		src, err := os.ReadFile(file)
		if err != nil {
			return fmt.Errorf("--define %s: %w", file, err)
		}
		if err := LoadSource(srv, file, string(src)); err != nil {
			return err
		}
	}
	return nil
}

// LoadSource is Load for source text.
func LoadSource(srv *sim.Server, name, src string) error {
	// The engine's runtime gives define files the console, require and node's
	// built-ins scripts have. Its event loop never runs: handlers are called on
	// the simulator's goroutines, one at a time (m.mu).
	rt, err := engine.New(engine.Options{Stdout: os.Stderr, Stderr: os.Stderr, ScriptPath: name})
	if err != nil {
		return fmt.Errorf("--define %s: %v", name, err)
	}
	m := &module{vm: rt.VM, srv: srv, file: name}
	m.conv = jsvalue.New(m.vm)
	_ = m.vm.Set("define", m.define)
	abap := m.vm.NewObject()
	_ = abap.Set("exception", func(key string, text ...string) goja.Value {
		return m.marker("exception", key, strings.Join(text, " "))
	})
	_ = abap.Set("message", func(typ, text string) goja.Value { return m.marker("message", typ, text) })
	_ = m.vm.Set("abap", abap)
	prg, err := goja.Compile(name, src, false)
	if err != nil {
		var syntax *goja.CompilerSyntaxError
		if errors.As(err, &syntax) {
			return fmt.Errorf("--define %s: SyntaxError: %s", name, strings.TrimPrefix(syntax.Message, name+": "))
		}
		return fmt.Errorf("--define %s: %v", name, err)
	}
	if _, err := m.vm.RunProgram(prg); err != nil {
		if m.failure != "" {
			return errors.New(m.failure)
		}
		return fmt.Errorf("--define %s: %v", name, err)
	}
	if m.count == 0 {
		return fmt.Errorf("--define %s: the file defines no function module; call define({ name, importing, exporting, handler })", name)
	}
	return nil
}

type module struct {
	mu    sync.Mutex // a goja VM runs one call at a time; sessions call concurrently
	vm    *goja.Runtime
	conv  *jsvalue.Converter
	srv   *sim.Server
	file  string
	count int
	// failure is the message of a define() call that was refused, with the caller's position: the
	// exception itself would show our Go function as where it happened.
	failure string
}

// callerPosition is file:line:column of the JavaScript that called the native function running now.
func (m *module) callerPosition() string {
	for _, f := range m.vm.CaptureCallStack(5, nil) {
		if f.SrcName() != "" && !strings.Contains(f.SrcName(), "(native)") {
			if p := f.Position(); p.Line > 0 {
				return fmt.Sprintf("%s:%d:%d", p.Filename, p.Line, p.Column)
			}
		}
	}
	return m.file
}

// fields is an object of the type notation with its keys in the order they were written, so that a
// structure's fields keep the declared order (Export would give a Go map).
type fields struct {
	names []string
	specs map[string]any
}

// orderedSpec exports a type notation, keeping the key order of objects.
func orderedSpec(v goja.Value) any {
	obj, ok := v.(*goja.Object)
	if !ok {
		return v.Export()
	}
	switch obj.ClassName() {
	case "Array":
		n := int(obj.Get("length").ToInteger())
		out := make([]any, n)
		for i := range n {
			out[i] = orderedSpec(obj.Get(strconv.Itoa(i)))
		}
		return out
	case "Object":
		f := &fields{specs: map[string]any{}}
		for _, k := range obj.Keys() {
			f.names = append(f.names, k)
			f.specs[k] = orderedSpec(obj.Get(k))
		}
		return f
	}
	return v.Export()
}

func (m *module) marker(kind, a, b string) goja.Value {
	o := m.vm.NewObject()
	_ = o.Set("__abap", kind)
	_ = o.Set("a", a)
	_ = o.Set("b", b)
	_ = o.Set("message", b)
	return o
}

func (m *module) define(call goja.FunctionCall) goja.Value {
	spec := call.Argument(0).ToObject(m.vm)
	name := protocol.NormalizeName(spec.Get("name").String())
	fail := func(format string, args ...any) {
		msg := fmt.Sprintf("define %s: %s", name, fmt.Sprintf(format, args...))
		m.failure = "--define " + m.callerPosition() + ": " + msg
		panic(m.vm.NewTypeError(msg))
	}
	handler, ok := goja.AssertFunction(spec.Get("handler"))
	if !ok {
		fail("handler must be a function")
	}
	f := &sim.Function{Name: name, Group: "ZJS", Description: str(spec.Get("description"))}
	if g := str(spec.Get("group")); g != "" {
		f.Group = protocol.NormalizeName(g)
	}
	for _, kind := range []protocol.ParamKind{protocol.Importing, protocol.Exporting, protocol.Changing, protocol.Tables} {
		v := spec.Get(string(kind))
		if v == nil || goja.IsUndefined(v) {
			continue
		}
		obj := v.ToObject(m.vm)
		for _, pname := range obj.Keys() {
			p, err := parseParam(kind, protocol.NormalizeName(pname), orderedSpec(obj.Get(pname)))
			if err != nil {
				fail("%v", err)
			}
			f.Params = append(f.Params, p)
		}
	}
	if ex := spec.Get("exceptions"); ex != nil && !goja.IsUndefined(ex) {
		var names []string
		if err := m.vm.ExportTo(ex, &names); err != nil {
			fail("exceptions must be a list of names")
		}
		for _, n := range names {
			f.Exceptions = append(f.Exceptions, protocol.Exception{Name: protocol.NormalizeName(n)})
		}
	}
	f.Handler = func(c *sim.Call) error { return m.invoke(f, handler, c) }
	if err := m.srv.Define(f); err != nil {
		fail("%v", err)
	}
	m.count++
	return goja.Undefined()
}

func (m *module) invoke(f *sim.Function, handler goja.Callable, c *sim.Call) (err error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	in := m.vm.NewObject()
	for _, p := range f.Params {
		if p.Kind != protocol.Exporting {
			_ = in.Set(p.Name, m.conv.ToJS(p.DataType, c.Get(p.Name)))
		}
	}
	defer func() {
		if r := recover(); r != nil {
			err = sim.Dump("RAISE_SHORTDUMP", fmt.Sprintf("%s (%s): %v", f.Name, m.file, r))
		}
	}()
	res, jerr := handler(goja.Undefined(), in)
	if jerr != nil {
		return m.thrown(f, jerr)
	}
	// An async handler returns a promise. The loop never runs (no timers, no I/O), so the promise is
	// settled once the handler's own jobs have run, which goja does before handler returns.
	if p, ok := res.Export().(*goja.Promise); ok {
		switch p.State() {
		case goja.PromiseStateFulfilled:
			res = p.Result()
		case goja.PromiseStateRejected:
			return m.rejected(f, p.Result())
		default:
			return sim.Dump("RAISE_SHORTDUMP", fmt.Sprintf("the JavaScript handler of %s (%s) returned a promise that never settles: "+
				"define handlers run without an event loop, so timers and fetch never complete", f.Name, m.file))
		}
	}
	if res == nil || goja.IsUndefined(res) || goja.IsNull(res) {
		return nil
	}
	out := res.ToObject(m.vm)
	for _, k := range out.Keys() {
		name := protocol.NormalizeName(k)
		var p *protocol.Parameter
		for i := range f.Params {
			if f.Params[i].Name == name {
				p = &f.Params[i]
			}
		}
		if p == nil || p.Kind == protocol.Importing {
			return sim.Dump("RAISE_SHORTDUMP", fmt.Sprintf("%s returned %s, which is not an EXPORTING, CHANGING or TABLES parameter", f.Name, name))
		}
		raw, ferr := jsvalue.FromJS(out.Get(k), jsvalue.Limits{MaxBytes: sim.DefaultMaxReplyBytes})
		if ferr != nil {
			return sim.Dump("OBJECTS_NOT_CONVERTIBLE", fmt.Sprintf("%s returned %s: %v", f.Name, name, ferr))
		}
		v, nerr := protocol.Normalize(p.DataType, raw, name)
		if nerr != nil {
			return sim.Dump("CONVT_NO_NUMBER", fmt.Sprintf("%s: %v", f.Name, nerr))
		}
		c.Set(name, v)
	}
	return nil
}

func (m *module) thrown(f *sim.Function, jerr error) error {
	var ex *goja.Exception
	if errors.As(jerr, &ex) {
		if err := abapError(ex.Value()); err != nil {
			return err
		}
	}
	text := jerr.Error()
	if ex != nil && ex.Value() != nil {
		text = ex.Value().String()
	}
	where := m.file
	if at := jsPosition().FindStringSubmatch(jerr.Error()); at != nil {
		where = at[1]
	}
	// The position goes first, with the file's base name: the reason of a WebSocket close, which
	// carries this, holds at most 123 bytes.
	where = filepath.Base(where)
	return sim.Dump("RAISE_SHORTDUMP", fmt.Sprintf("JS handler failed at %s: %s", where, text))
}

// abapError is the ABAP failure that abap.exception or abap.message made, or nil for any other value.
func abapError(v goja.Value) error {
	o, ok := v.(*goja.Object)
	if !ok || str(o.Get("__abap")) == "" {
		return nil
	}
	a, b := str(o.Get("a")), str(o.Get("b"))
	if str(o.Get("__abap")) == "message" {
		return sim.ErrorMessage(sim.Message{Type: strings.ToUpper(a), ID: "ZJS", Number: "000", V1: b, Text: b})
	}
	return sim.Raise(protocol.NormalizeName(a), sim.Message{Type: "E", ID: "ZJS", Number: "000", V1: b, Text: b})
}

// jsPosition finds file:line:column in goja's error text, where a program counter follows it (file.js:3:7(12)).
var jsPosition = lazyre.New(`([^\s(]+:\d+:\d+)\(\d+\)`)

// rejected is thrown for the rejection of an async handler's promise.
func (m *module) rejected(f *sim.Function, reason goja.Value) error {
	if err := abapError(reason); err != nil {
		return err
	}
	text := str(reason)
	return sim.Dump("RAISE_SHORTDUMP", fmt.Sprintf("JS handler of %s (%s) failed: %s", f.Name, m.file, text))
}

func str(v goja.Value) string {
	if v == nil || goja.IsUndefined(v) || goja.IsNull(v) {
		return ""
	}
	return v.String()
}

func parseParam(kind protocol.ParamKind, name string, spec any) (protocol.Parameter, error) {
	p := protocol.Parameter{Name: name, Kind: kind, Optional: kind != protocol.Importing}
	typeSpec := spec
	if f, ok := spec.(*fields); ok {
		if _, has := f.specs["type"]; has {
			spec = f.specs // a parameter's options, not a structure
		}
	}
	if m, ok := spec.(map[string]any); ok {
		if t, has := m["type"]; has {
			typeSpec = t
			if o, ok := m["optional"].(bool); ok {
				p.Optional = o
			}
			if d, ok := m["default"]; ok {
				p.Default = fmt.Sprint(d)
				p.Optional = true
			}
			if d, ok := m["description"].(string); ok {
				p.Description = d
			}
		}
	}
	t, err := ParseType(typeSpec)
	if err != nil {
		return p, fmt.Errorf("parameter %s: %v", name, err)
	}
	if kind == protocol.Tables && t.Kind != protocol.KindTable {
		t = protocol.TableOf("", t)
	}
	p.DataType = t
	p.Type = t.String()
	return p, nil
}

var typeRe = lazyre.New(`^([A-Z0-9]+)(?:\((\d+)(?:,(\d+))?\))?$`)

// ParseType reads the type notation of define().
func ParseType(spec any) (*protocol.Type, error) {
	switch s := spec.(type) {
	case string:
		m := typeRe().FindStringSubmatch(strings.ToUpper(strings.ReplaceAll(s, " ", "")))
		if m == nil {
			return nil, fmt.Errorf("unknown type %q; %s", s, typeNames)
		}
		n, _ := strconv.Atoi(m[2])
		d, _ := strconv.Atoi(m[3])
		switch m[1] {
		case "CHAR", "C":
			return protocol.Char(max(n, 1)), nil
		case "NUMC", "N":
			return protocol.Numc(max(n, 1)), nil
		case "DATS", "D":
			return protocol.Date(), nil
		case "TIMS", "T":
			return protocol.Time(), nil
		case "STRING":
			return protocol.String(), nil
		case "INT1":
			return protocol.Int1(), nil
		case "INT2":
			return protocol.Int2(), nil
		case "INT4", "I":
			return protocol.Int4(), nil
		case "INT8":
			return protocol.Int8(), nil
		case "FLTP", "F":
			return protocol.Float(), nil
		case "DEC", "P", "CURR", "QUAN":
			if n == 0 {
				n = 15
			}
			return protocol.Dec(n, d).AsDDIC(m[1]), nil
		case "DF16", "DECFLOAT16":
			return protocol.DecF16(), nil
		case "DF34", "DECFLOAT34":
			return protocol.DecF34(), nil
		case "RAW", "X":
			return protocol.Raw(max(n, 1)), nil
		case "XSTRING":
			return protocol.XString(), nil
		case "UTCLONG":
			return protocol.UTCLong(), nil
		}
		return nil, fmt.Errorf("unknown type %q; %s", s, typeNames)
	case *fields:
		st := &protocol.Type{Kind: protocol.KindStruct}
		for _, k := range s.names {
			ft, err := ParseType(s.specs[k])
			if err != nil {
				return nil, fmt.Errorf("field %s: %v", k, err)
			}
			st.Fields = append(st.Fields, protocol.F(protocol.NormalizeName(k), ft))
		}
		return st, nil
	case map[string]any:
		keys := make([]string, 0, len(s))
		for k := range s {
			keys = append(keys, k)
		}
		// Export loses the object's key order; keep it stable.
		sort.Strings(keys)
		st := &protocol.Type{Kind: protocol.KindStruct}
		for _, k := range keys {
			ft, err := ParseType(s[k])
			if err != nil {
				return nil, fmt.Errorf("field %s: %v", k, err)
			}
			st.Fields = append(st.Fields, protocol.F(protocol.NormalizeName(k), ft))
		}
		return st, nil
	case []any:
		if len(s) != 1 {
			return nil, fmt.Errorf("a table type is a one-element array [lineType]")
		}
		line, err := ParseType(s[0])
		if err != nil {
			return nil, err
		}
		return protocol.TableOf("", line), nil
	}
	return nil, fmt.Errorf("cannot read type %v; %s", spec, typeNames)
}

const typeNames = "types are CHAR(n), NUMC(n), DATS, TIMS, STRING, INT1, INT2, INT4, INT8, FLTP, DEC(p,d), " +
	"CURR(p,d), QUAN(p,d), DF16, DF34, RAW(n), XSTRING, { FIELD: type, ... } for a structure and [lineType] for a table"
