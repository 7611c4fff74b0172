// Package ddic is the simulator's ABAP Dictionary as data: the structures of
// the tables and interfaces it reproduces, the texts and conversion exits of
// their data elements, and the rows of its demo tables. They are files beside
// this one, embedded, and each is parsed once, when first asked for, so that a
// simulator that never reads a table does not pay for its rows.
//
// structures.json lists each structure's fields in DDIC order as
// "NAME TYPE [ELEMENT]": TYPE is the DDIC data type as SE11 shows it, with its
// length (and decimals) in parentheses where it has one, ELEMENT the field's
// data element. rows/<table>.csv holds a table's rows under a header of field
// names; an empty cell is an initial value. salesorder.json, function-module
// interfaces in the RFC metadata's own notation, is read by SalesOrderInterfaces.
package ddic

import (
	"bytes"
	"embed"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"sync"

	"github.com/wsrfc/wsrfc/protocol"
)

//go:embed structures.json elements.json rows/*.csv salesorder.json
var files embed.FS

func mustRead(name string) []byte {
	b, err := files.ReadFile(name)
	if err != nil {
		panic(fmt.Sprintf("ddic: embedded %s: %v", name, err))
	}
	return b
}

var structures = sync.OnceValue(func() map[string]*protocol.Type {
	var doc map[string][]string
	if err := json.Unmarshal(mustRead("structures.json"), &doc); err != nil {
		panic(fmt.Sprintf("ddic: structures.json: %v", err))
	}
	out := make(map[string]*protocol.Type, len(doc))
	for name, specs := range doc {
		fields := make([]protocol.Field, len(specs))
		for i, spec := range specs {
			f, err := parseField(spec)
			if err != nil {
				panic(fmt.Sprintf("ddic: structures.json: %s: %v", name, err))
			}
			fields[i] = f
		}
		out[name] = protocol.Struct(name, fields...)
	}
	return out
})

// Struct returns a structure of structures.json. The types are shared by every
// simulator of the process: callers copy before changing one (Type.Named does).
// An unknown name is a mistake in the simulator's code and panics.
func Struct(name string) *protocol.Type {
	t, ok := structures()[name]
	if !ok {
		panic(fmt.Sprintf("ddic: structure %s is not in structures.json", name))
	}
	return t
}

// builtin maps the DDIC data types to the ABAP types they travel as. DDIC
// types that travel as another (CLNT as CHAR, CURR as DEC) keep their own name
// in Type.DDIC, for display.
var builtin = map[string]struct {
	kind    protocol.Kind
	sized   bool // takes a length
	decimal bool // takes a length and decimals
}{
	"CHAR": {protocol.KindChar, true, false}, "CLNT": {protocol.KindChar, true, false},
	"CUKY": {protocol.KindChar, true, false}, "UNIT": {protocol.KindChar, true, false},
	"LANG": {protocol.KindChar, true, false}, "LCHR": {protocol.KindChar, true, false},
	"NUMC": {protocol.KindNumc, true, false}, "ACCP": {protocol.KindNumc, true, false},
	"RAW": {protocol.KindRaw, true, false}, "LRAW": {protocol.KindRaw, true, false},
	"DEC": {protocol.KindDec, true, true}, "CURR": {protocol.KindDec, true, true}, "QUAN": {protocol.KindDec, true, true},
	"DATS": {kind: protocol.KindDate}, "TIMS": {kind: protocol.KindTime},
	"STRING": {kind: protocol.KindString}, "SSTR": {kind: protocol.KindString},
	"XSTRING": {kind: protocol.KindXString}, "UTCLONG": {kind: protocol.KindUTCLong},
	"INT1": {kind: protocol.KindInt1}, "INT2": {kind: protocol.KindInt2}, "PREC": {kind: protocol.KindInt2},
	"INT4": {kind: protocol.KindInt4}, "INT8": {kind: protocol.KindInt8}, "FLTP": {kind: protocol.KindFloat},
	"DF16": {kind: protocol.KindDecF16}, "D16R": {kind: protocol.KindDecF16},
	"DF34": {kind: protocol.KindDecF34}, "D34R": {kind: protocol.KindDecF34},
}

// parseField reads "NAME TYPE [ELEMENT]".
func parseField(spec string) (protocol.Field, error) {
	parts := strings.Fields(spec)
	if len(parts) < 2 || len(parts) > 3 {
		return protocol.Field{}, fmt.Errorf("field %q: want NAME TYPE [ELEMENT]", spec)
	}
	t, err := ParseType(parts[1])
	if err != nil {
		return protocol.Field{}, fmt.Errorf("field %s: %v", parts[0], err)
	}
	if len(parts) == 3 {
		t = t.Named(parts[2])
	}
	return protocol.F(parts[0], t), nil
}

// ParseType reads a DDIC data type as structures.json writes it: CHAR(10),
// CURR(15,2), DATS, INT4.
func ParseType(code string) (*protocol.Type, error) {
	name, args, hasArgs := strings.Cut(code, "(")
	b, ok := builtin[name]
	if !ok {
		return nil, fmt.Errorf("unknown DDIC type %q", code)
	}
	var nums []int
	if hasArgs {
		inner, closed := strings.CutSuffix(args, ")")
		if !closed {
			return nil, fmt.Errorf("type %q: missing )", code)
		}
		for _, a := range strings.Split(inner, ",") {
			n, err := strconv.Atoi(a)
			if err != nil || n < 0 {
				return nil, fmt.Errorf("type %q: %q is not a length", code, a)
			}
			nums = append(nums, n)
		}
	}
	want := 0
	if b.sized {
		want = 1
	}
	if b.decimal {
		want = 2
	}
	if len(nums) != want {
		return nil, fmt.Errorf("type %q: %s takes %d number(s) in parentheses", code, name, want)
	}
	var t *protocol.Type
	switch b.kind {
	case protocol.KindChar:
		t = protocol.Char(nums[0])
	case protocol.KindNumc:
		t = protocol.Numc(nums[0])
	case protocol.KindRaw:
		t = protocol.Raw(nums[0])
	case protocol.KindDec:
		t = protocol.Dec(nums[0], nums[1])
	case protocol.KindDate:
		t = protocol.Date()
	case protocol.KindTime:
		t = protocol.Time()
	case protocol.KindString:
		t = protocol.String()
	case protocol.KindXString:
		t = protocol.XString()
	case protocol.KindUTCLong:
		t = protocol.UTCLong()
	case protocol.KindInt1:
		t = protocol.Int1()
	case protocol.KindInt2:
		t = protocol.Int2()
	case protocol.KindInt4:
		t = protocol.Int4()
	case protocol.KindInt8:
		t = protocol.Int8()
	case protocol.KindFloat:
		t = protocol.Float()
	case protocol.KindDecF16:
		t = protocol.DecF16()
	case protocol.KindDecF34:
		t = protocol.DecF34()
	}
	if name != string(b.kind) {
		t = t.AsDDIC(name)
	}
	return t, nil
}

type elementDoc struct {
	Texts     map[string]string `json:"texts"`
	ConvExits map[string]string `json:"convExits"`
}

var elements = sync.OnceValue(func() elementDoc {
	var doc elementDoc
	if err := json.Unmarshal(mustRead("elements.json"), &doc); err != nil {
		panic(fmt.Sprintf("ddic: elements.json: %v", err))
	}
	return doc
})

// ElementText is a data element's short text (DFIES-FIELDTEXT), "" when the
// simulator does not know it.
func ElementText(element string) string { return elements().Texts[element] }

// ConvExit is the conversion exit of a data element's domain ("ALPHA"), or "".
func ConvExit(element string) string { return elements().ConvExits[element] }

// tableRows holds each demo table's rows, converted to canonical values once.
var tableRows sync.Map // table name -> func() ([]map[string]any, error)

// Rows returns the demo rows of a table as canonical values (see package
// protocol), typed by the structure of the table's name. Every call returns
// rows of its own, which the caller may change.
func Rows(table string) ([]map[string]any, error) {
	load, _ := tableRows.LoadOrStore(table, sync.OnceValues(func() ([]map[string]any, error) {
		return readRows(table)
	}))
	rows, err := load.(func() ([]map[string]any, error))()
	if err != nil {
		return nil, err
	}
	out := make([]map[string]any, len(rows))
	for i, r := range rows {
		c := make(map[string]any, len(r))
		for k, v := range r {
			if b, ok := v.([]byte); ok {
				v = bytes.Clone(b)
			}
			c[k] = v
		}
		out[i] = c
	}
	return out, nil
}

func readRows(table string) ([]map[string]any, error) {
	name := "rows/" + strings.ToLower(table) + ".csv"
	raw, err := files.ReadFile(name)
	if err != nil {
		return nil, fmt.Errorf("ddic: no demo rows for %s: %v", table, err)
	}
	records, err := csv.NewReader(bytes.NewReader(raw)).ReadAll()
	if err != nil {
		return nil, fmt.Errorf("ddic: %s: %v", name, err)
	}
	if len(records) == 0 {
		return nil, fmt.Errorf("ddic: %s has no header", name)
	}
	line := Struct(table)
	header := records[0]
	rows := make([]map[string]any, 0, len(records)-1)
	for i, rec := range records[1:] {
		in := make(map[string]any, len(header))
		for j, field := range header {
			if rec[j] != "" {
				in[field] = rec[j]
			}
		}
		n, err := protocol.Normalize(line, in, fmt.Sprintf("%s[%d]", table, i))
		if err != nil {
			return nil, fmt.Errorf("ddic: %s: %v", name, err)
		}
		rows = append(rows, n.(map[string]any))
	}
	return rows, nil
}
