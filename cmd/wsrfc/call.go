package main

import (
	"context"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/signal"
	"sort"
	"strings"
	"sync/atomic"
	"syscall"
	"text/tabwriter"

	"github.com/wsrfc/wsrfc/destination"
	"github.com/wsrfc/wsrfc/protocol"
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
		fs.Usage()
		return usageError("call needs a function module name")
	}
	fm := protocol.NormalizeName(positional[0])
	params := map[string]any{}
	for _, a := range positional[1:] {
		name, value, ok := strings.Cut(a, "=")
		if !ok || name == "" {
			return usageError("argument %q: parameters are NAME=VALUE (values are JSON when they parse, else text)", a)
		}
		params[protocol.NormalizeName(name)] = parseValue(value)
	}
	cfg, err := conn.resolve(env)
	if err != nil {
		return err
	}
	defer conn.release(env) // after the sessions close: saves --record, stops --replay
	if err := loadDefines(conn.defines); err != nil {
		return err
	}
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
	s, err := destination.Open(ctx, cfg)
	if err != nil {
		if ie := interrupted(err); ie != nil {
			return ie
		}
		return connectFailure(err)
	}
	defer s.Close()
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
		return enc.Encode(out)
	}
	meta, _ := s.Metadata(ctx, fm)
	printResult(env.stdout, meta, out)
	return nil
}

// parseValue reads a command-line value: JSON when it parses, else the text.
func parseValue(v string) any {
	var x any
	dec := json.NewDecoder(strings.NewReader(v))
	dec.UseNumber()
	if err := dec.Decode(&x); err == nil && !dec.More() {
		if _, isString := x.(string); isString || x != nil {
			return x
		}
	}
	return v
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

// printResult renders a call result for people: parameters in interface order,
// structures as indented fields, tables as aligned columns.
func printResult(w io.Writer, meta *protocol.FunctionMetadata, out map[string]any) {
	var names []string
	if meta != nil {
		for _, p := range meta.Parameters {
			if _, ok := out[p.Name]; ok {
				names = append(names, p.Name)
			}
		}
	}
	if len(names) != len(out) {
		names = names[:0]
		for k := range out {
			names = append(names, k)
		}
		sort.Strings(names)
	}
	for _, n := range names {
		printValue(w, n, out[n], "")
	}
}

const maxPrintedRows = 50

func printValue(w io.Writer, name string, v any, indent string) {
	switch x := v.(type) {
	case map[string]any:
		fmt.Fprintf(w, "%s%s:\n", indent, name)
		for _, k := range sortedKeys(x) {
			printValue(w, k, x[k], indent+"  ")
		}
	case []any:
		fmt.Fprintf(w, "%s%s: %d row(s)\n", indent, name, len(x))
		printRows(w, x, indent+"  ")
	default:
		fmt.Fprintf(w, "%s%s: %s\n", indent, name, scalarText(x))
	}
}

func printRows(w io.Writer, rows []any, indent string) {
	if len(rows) == 0 {
		return
	}
	tw := tabwriter.NewWriter(w, 0, 2, 2, ' ', 0)
	first, isStruct := rows[0].(map[string]any)
	var cols []string
	if isStruct {
		cols = sortedKeys(first)
		fmt.Fprintln(tw, indent+strings.Join(cols, "\t"))
	}
	for i, r := range rows {
		if i == maxPrintedRows {
			fmt.Fprintf(tw, "%s... %d more (use --json for everything)\n", indent, len(rows)-i)
			break
		}
		if m, ok := r.(map[string]any); ok && isStruct {
			cells := make([]string, len(cols))
			for j, c := range cols {
				cells[j] = scalarText(m[c])
			}
			fmt.Fprintln(tw, indent+strings.Join(cells, "\t"))
		} else {
			fmt.Fprintln(tw, indent+scalarText(r))
		}
	}
	_ = tw.Flush()
}

func scalarText(v any) string {
	switch x := v.(type) {
	case []byte:
		return strings.ToUpper(hex.EncodeToString(x))
	case map[string]any:
		return "{...}"
	case []any:
		return fmt.Sprintf("[%d rows]", len(x))
	case nil:
		return ""
	}
	return fmt.Sprint(v)
}

func sortedKeys(m map[string]any) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
