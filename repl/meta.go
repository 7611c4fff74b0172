package repl

import (
	"bytes"
	"fmt"
	"io"
	"sort"
	"strings"
	"text/tabwriter"

	"github.com/wsrfc/wsrfc/protocol"
)

// kindOrder sorts parameters as SE37's tabs do.
var kindOrder = map[protocol.ParamKind]int{protocol.Importing: 0, protocol.Exporting: 1, protocol.Changing: 2, protocol.Tables: 3}

// maxFieldDepth bounds how deep .meta unfolds nested structures.
const maxFieldDepth = 3

// writeSignature prints a function module's interface as a table: one row per parameter, the fields of
// structures and table lines indented below it, then the exceptions.
func writeSignature(w io.Writer, meta *protocol.FunctionMetadata, colors bool) {
	name := meta.Name
	if name == "" {
		name = meta.Function
	}
	title := name
	if meta.Description != "" {
		title += " — " + meta.Description
	}
	if meta.Group != "" {
		title += " (function group " + meta.Group + ")"
	}
	fmt.Fprintln(w, title)

	params := append([]protocol.Parameter(nil), meta.Parameters...)
	sort.SliceStable(params, func(i, j int) bool { return kindOrder[params[i].Kind] < kindOrder[params[j].Kind] })
	var table bytes.Buffer
	tw := tabwriter.NewWriter(&table, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "KIND\tNAME\tTYPE\tOPTIONAL\tDEFAULT\tDESCRIPTION")
	for _, p := range params {
		optional := ""
		if p.Optional && p.Kind != protocol.Exporting { // exporting parameters are always optional to receive
			optional = "yes"
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\n", p.Kind, p.Name, paramType(p), optional, p.Default, p.Description)
		writeFields(tw, p.DataType, "  ", 1)
	}
	_ = tw.Flush()
	text := trimLineEnds(table.String())
	if len(params) == 0 {
		text = "(no parameters)\n"
	} else if colors {
		header, rest, _ := strings.Cut(text, "\n")
		text = "\x1b[1m" + header + "\x1b[0m\n" + rest
	}
	fmt.Fprint(w, text)
	if len(meta.Exceptions) > 0 {
		fmt.Fprintln(w, "exceptions:")
		tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
		for _, e := range meta.Exceptions {
			fmt.Fprintf(tw, "  %s\t%s\n", e.Name, e.Description)
		}
		_ = tw.Flush()
	}
}

// paramType is the typing as written in the interface, followed by the ABAP type when that says more.
func paramType(p protocol.Parameter) string {
	dt := p.DataType
	switch {
	case dt == nil:
		return p.Type
	case p.Type == "":
		return dt.String()
	case dt.IsElementary() && dt.String() != p.Type:
		return p.Type + " " + dt.String()
	}
	return p.Type
}

// writeFields writes the components of a structure, or of a table's line, as indented rows.
func writeFields(w io.Writer, t *protocol.Type, indent string, depth int) {
	if t == nil || depth > maxFieldDepth {
		return
	}
	if t.Kind == protocol.KindTable {
		if t.Line == nil {
			return
		}
		if t.Line.IsElementary() {
			fmt.Fprintf(w, "\t%sTABLE_LINE\t%s\t\t\t\n", indent, t.Line.String())
			return
		}
		t = t.Line
	}
	if t.Kind != protocol.KindStruct {
		return
	}
	for i := range t.Fields {
		f := &t.Fields[i]
		fmt.Fprintf(w, "\t%s%s\t%s\t\t\t\n", indent, f.Name, f.Type.String())
		writeFields(w, &f.Type, indent+"  ", depth+1)
	}
}

// trimLineEnds drops the padding tabwriter leaves after the last filled cell of a row.
func trimLineEnds(s string) string {
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		lines[i] = strings.TrimRight(l, " ")
	}
	return strings.Join(lines, "\n")
}
