// Package simdefine loads function modules written in JavaScript into the
// simulator, so users can stand in for their own Z modules (wsrfc sim --define).
package simdefine

import (
	"errors"
	"fmt"
	"os"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"

	"github.com/dop251/goja"

	"github.com/wsrfc/wsrfc/bindings/jsvalue"
	"github.com/wsrfc/wsrfc/protocol"
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
// 'FLTP', 'DEC(15,2)', 'DF16', 'DF34', 'RAW(16)', 'XSTRING', an object of
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
	m := &module{vm: goja.New(), srv: srv, file: name}
	m.conv = jsvalue.New(m.vm)
	m.vm.SetMaxCallStackSize(5000)
	_ = m.vm.Set("define", m.define)
	abap := m.vm.NewObject()
	_ = abap.Set("exception", func(key string, text ...string) goja.Value {
		return m.marker("exception", key, strings.Join(text, " "))
	})
	_ = abap.Set("message", func(typ, text string) goja.Value { return m.marker("message", typ, text) })
	_ = m.vm.Set("abap", abap)
	_ = m.vm.Set("console", consoleTo(m.vm))
	if _, err := m.vm.RunScript(name, src); err != nil {
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
		panic(m.vm.NewTypeError(fmt.Sprintf("define %s: %s", name, fmt.Sprintf(format, args...))))
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
			p, err := parseParam(kind, protocol.NormalizeName(pname), obj.Get(pname).Export())
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
		if o, ok := ex.Value().(*goja.Object); ok && str(o.Get("__abap")) != "" {
			a, b := str(o.Get("a")), str(o.Get("b"))
			if str(o.Get("__abap")) == "message" {
				return sim.ErrorMessage(sim.Message{Type: strings.ToUpper(a), ID: "ZJS", Number: "000", V1: b, Text: b})
			}
			return sim.Raise(protocol.NormalizeName(a), sim.Message{Type: "E", ID: "ZJS", Number: "000", V1: b, Text: b})
		}
	}
	return sim.Dump("RAISE_SHORTDUMP", fmt.Sprintf("%s (%s) threw: %v", f.Name, m.file, jerr))
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

var typeRe = regexp.MustCompile(`^([A-Z0-9]+)(?:\((\d+)(?:,(\d+))?\))?$`)

// ParseType reads the type notation of define().
func ParseType(spec any) (*protocol.Type, error) {
	switch s := spec.(type) {
	case string:
		m := typeRe.FindStringSubmatch(strings.ToUpper(strings.ReplaceAll(s, " ", "")))
		if m == nil {
			return nil, fmt.Errorf("unknown type %q", s)
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
		}
		return nil, fmt.Errorf("unknown type %q", s)
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
	return nil, fmt.Errorf("cannot read type %v", spec)
}

func consoleTo(vm *goja.Runtime) *goja.Object {
	c := vm.NewObject()
	log := func(call goja.FunctionCall) goja.Value {
		parts := make([]string, len(call.Arguments))
		for i, a := range call.Arguments {
			parts[i] = a.String()
		}
		fmt.Fprintln(os.Stderr, strings.Join(parts, " "))
		return goja.Undefined()
	}
	for _, n := range []string{"log", "info", "warn", "error", "debug"} {
		_ = c.Set(n, log)
	}
	return c
}
