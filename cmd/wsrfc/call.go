package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/signal"
	"sort"
	"strings"
	"sync/atomic"
	"syscall"

	"github.com/dop251/goja"
	"github.com/wsrfc/wsrfc/bindings/jsvalue"
	"github.com/wsrfc/wsrfc/bindings/sap"
	"github.com/wsrfc/wsrfc/protocol"
	"github.com/wsrfc/wsrfc/runtime/inspect"
)

const callExamples = `  wsrfc call STFC_CONNECTION REQUTEXT=hello
  wsrfc call RFC_READ_TABLE QUERY_TABLE=SCARR ROWCOUNT=5 --json
  wsrfc call STFC_STRUCTURE 'IMPORTSTRUCT={"RFCINT4":42,"RFCCHAR4":"ABCD"}'
  SAP_PASSWORD=... wsrfc call --url https://host:44300 --client 100 --user ME BAPI_USER_GET_DETAIL USERNAME=ME`

func runCall(env *environment, args []string) error {
	var conn connFlags
	var asJSON bool
	fs := newFlagSet(env, "call", "wsrfc call FUNCTION [NAME=VALUE...] [--json] [connection options]", callExamples)
	conn.register(fs)
	fs.BoolVar(&asJSON, "json", false, "print the result as JSON on stdout")
	positional, err := parseFlags(fs, args, true)
	if err != nil {
		return err
	}
	if len(positional) == 0 {
		return usageError("call needs a function module name, e.g. wsrfc call STFC_CONNECTION REQUTEXT=hi")
	}
	fm := protocol.NormalizeName(positional[0])
	given := map[string]string{}
	var order []string
	for _, a := range positional[1:] {
		name, value, ok := strings.Cut(a, "=")
		if !ok || name == "" {
			return usageError("argument %q: parameters are NAME=VALUE (structures and tables as JSON)", a)
		}
		name = protocol.NormalizeName(name)
		if _, twice := given[name]; twice {
			return usageError("%s is given twice; give each parameter once", name)
		}
		given[name] = value
		order = append(order, name)
	}
	cfg, err := conn.resolve(env)
	if err != nil {
		return err
	}
	defer conn.release(env) // after the sessions close: saves --record, stops --replay
	h, err := newScriptHost(env, &conn, cfg, "", nil)
	if err != nil {
		return err
	}
	defer h.Close()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var stopped atomic.Value // the signal that cancelled ctx
	sigs := make(chan os.Signal, 1)
	signal.Notify(sigs, syscall.SIGINT, syscall.SIGTERM)
	defer signal.Stop(sigs)
	go func() {
		select {
		case sig := <-sigs:
			stopped.Store(sig)
			cancel()
		case <-ctx.Done():
		}
	}()
	interrupted := func(err error) error {
		if sig, ok := stopped.Load().(os.Signal); ok {
			return &exitError{code: signalExitCode(sig), msg: err.Error()}
		}
		return nil
	}
	s, err := h.Open(ctx)
	if err != nil {
		if ie := interrupted(err); ie != nil {
			return ie
		}
		return connectFailure(err)
	}
	defer s.Close()
	meta, err := s.Metadata(ctx, fm)
	if err != nil {
		if ie := interrupted(err); ie != nil {
			return ie
		}
		if cfg.Sim && sap.IsCustomerName(fm) {
			err = fmt.Errorf("%w\n(the simulator has only SAP's modules: write yours in JavaScript and load them with --define FILE.js, see docs/simulator.md)", err)
		}
		return callFailure(err)
	}
	params := map[string]any{}
	for _, name := range order {
		v, err := parseValue(meta.Param(name), name, given[name])
		if err != nil {
			return err
		}
		params[name] = v
	}
	out, err := s.Call(ctx, fm, params)
	if err != nil {
		if ie := interrupted(err); ie != nil {
			return ie
		}
		return callFailure(err)
	}
	if asJSON {
		enc := json.NewEncoder(env.stdout)
		enc.SetEscapeHTML(false)
		enc.SetIndent("", "  ")
		return enc.Encode(inInterfaceOrder(meta, out))
	}
	// For people, the result prints as a script's console.log shows what sap.rfc.call returns, all of it.
	vm := h.Runtime.VM
	colors := env.stdoutIsTTY && env.getenv("NO_COLOR") == ""
	fmt.Fprintln(env.stdout, inspect.Format(vm, resultObject(vm, meta, out), inspect.Options{Depth: inspect.Unlimited, Colors: colors}))
	return nil
}

// parseValue reads a command-line value by the parameter's type: structures and tables are JSON,
// anything else is the text as typed (SAP converts it as it would a value typed in SE37), so that
// INPUT=true for a STRING is the text "true" and a CHAR takes "007" as written.
func parseValue(p *protocol.Parameter, name, v string) (any, error) {
	if p == nil || p.DataType == nil {
		return v, nil // an unknown name: the call reports it, with the names that exist
	}
	switch p.DataType.Kind {
	case protocol.KindStruct, protocol.KindTable:
	default:
		return v, nil
	}
	what := "a structure, as a JSON object"
	if p.DataType.Kind == protocol.KindTable {
		what = "a table, as a JSON array"
	}
	var x any
	dec := json.NewDecoder(strings.NewReader(v))
	dec.UseNumber()
	if err := dec.Decode(&x); err != nil || dec.More() {
		if err == nil {
			err = errors.New("text follows the JSON value")
		}
		return nil, usageError("%s is %s, but %q is not valid JSON (%v); e.g. %s", name, what, v, err, jsonExample(p.DataType))
	}
	return x, nil
}

// jsonExample shows the JSON shape of a structure or table with its first fields.
func jsonExample(t *protocol.Type) string {
	line := t
	if t.Kind == protocol.KindTable {
		line = t.Line
	}
	var b strings.Builder
	b.WriteString("'")
	if t.Kind == protocol.KindTable {
		b.WriteString("[")
	}
	if line != nil && line.Kind == protocol.KindStruct {
		b.WriteString("{")
		for i, f := range line.Fields {
			if i == 2 {
				b.WriteString(", ...")
				break
			}
			if i > 0 {
				b.WriteString(", ")
			}
			fmt.Fprintf(&b, "%q: ...", f.Name)
		}
		b.WriteString("}")
	} else {
		b.WriteString("...")
	}
	if t.Kind == protocol.KindTable {
		b.WriteString("]")
	}
	b.WriteString("'")
	return b.String()
}

// connectFailure maps a failure to open the session to exit code 3.
func connectFailure(err error) error {
	return &exitError{code: exitConnect, msg: err.Error()}
}

// callFailure maps a failed call: a dead connection is exit 3, anything else 1.
// callFailure is a call that failed on an open session: a failure (1), also
// when the connection was lost on the way, as for a script.
func callFailure(err error) error {
	return &exitError{code: exitFailure, msg: err.Error()}
}

// parameterOrder lists the parameters of a result in interface order, with their types; when the
// metadata does not name them all, sorted and untyped.
func parameterOrder(meta *protocol.FunctionMetadata, out map[string]any) ([]string, map[string]*protocol.Type) {
	var names []string
	types := map[string]*protocol.Type{}
	if meta != nil {
		for _, p := range meta.Parameters {
			if _, ok := out[p.Name]; ok {
				names = append(names, p.Name)
				types[p.Name] = p.DataType
			}
		}
	}
	if len(names) != len(out) {
		names = sortedKeys(out)
	}
	return names, types
}

// resultObject is a call result as sap.rfc.call gives it to a script: parameters in interface order,
// ABAP values as API.md maps them to JS.
func resultObject(vm *goja.Runtime, meta *protocol.FunctionMetadata, out map[string]any) goja.Value {
	conv := jsvalue.New(vm)
	obj := vm.NewObject()
	names, types := parameterOrder(meta, out)
	for _, n := range names {
		_ = obj.Set(n, conv.ToJS(types[n], out[n]))
	}
	return obj
}

// orderedObject is a JSON object whose keys keep the order of the interface, as in JS and in the
// printed result (a Go map would come out sorted).
type orderedObject struct {
	keys []string
	vals map[string]any
}

func (o orderedObject) MarshalJSON() ([]byte, error) {
	var b bytes.Buffer
	b.WriteByte('{')
	for i, k := range o.keys {
		if i > 0 {
			b.WriteByte(',')
		}
		key, _ := json.Marshal(k)
		b.Write(key)
		b.WriteByte(':')
		enc := json.NewEncoder(&b)
		enc.SetEscapeHTML(false)
		if err := enc.Encode(o.vals[k]); err != nil {
			return nil, err
		}
		b.Truncate(b.Len() - 1) // the encoder's line break
	}
	b.WriteByte('}')
	return b.Bytes(), nil
}

// inInterfaceOrder wraps a call result so that its JSON lists parameters and fields in interface order.
func inInterfaceOrder(meta *protocol.FunctionMetadata, out map[string]any) any {
	names, types := parameterOrder(meta, out)
	vals := make(map[string]any, len(out))
	for _, n := range names {
		vals[n] = ordered(types[n], out[n])
	}
	return orderedObject{keys: names, vals: vals}
}

func ordered(t *protocol.Type, v any) any {
	switch x := v.(type) {
	case map[string]any:
		keys := fieldOrder(t, x)
		vals := make(map[string]any, len(x))
		for _, k := range keys {
			vals[k] = ordered(fieldType(t, k), x[k])
		}
		return orderedObject{keys: keys, vals: vals}
	case []any:
		var line *protocol.Type
		if t != nil {
			line = t.Line
		}
		rows := make([]any, len(x))
		for i, r := range x {
			rows[i] = ordered(line, r)
		}
		return rows
	}
	return v
}

// fieldOrder lists a structure's keys in the order of its type, or sorted when the type is unknown.
func fieldOrder(t *protocol.Type, m map[string]any) []string {
	if t == nil || t.Kind != protocol.KindStruct {
		return sortedKeys(m)
	}
	keys := make([]string, 0, len(m))
	for _, f := range t.Fields {
		if _, ok := m[f.Name]; ok {
			keys = append(keys, f.Name)
		}
	}
	if len(keys) != len(m) {
		return sortedKeys(m)
	}
	return keys
}

func fieldType(t *protocol.Type, name string) *protocol.Type {
	if t == nil {
		return nil
	}
	if f := t.Field(name); f != nil {
		return &f.Type
	}
	return nil
}

func sortedKeys(m map[string]any) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
