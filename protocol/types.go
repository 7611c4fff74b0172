package protocol

import (
	"fmt"
	"strings"
)

// Kind is the wire category of an ABAP type: it decides how a value travels as JSON.
// DDIC types that travel alike share a kind (CLNT, LANG, CUKY are CHAR; CURR and
// QUAN are DEC); Type.DDIC keeps the exact DDIC type for display.
type Kind string

// Kinds. Their names follow the DDIC data types users see in SE11 and SE37.
const (
	KindChar    Kind = "CHAR"
	KindNumc    Kind = "NUMC"
	KindDate    Kind = "DATS"
	KindTime    Kind = "TIMS"
	KindString  Kind = "STRING"
	KindInt1    Kind = "INT1"
	KindInt2    Kind = "INT2"
	KindInt4    Kind = "INT4"
	KindInt8    Kind = "INT8"
	KindFloat   Kind = "FLTP"
	KindDec     Kind = "DEC"
	KindDecF16  Kind = "DF16"
	KindDecF34  Kind = "DF34"
	KindRaw     Kind = "RAW"
	KindXString Kind = "XSTRING"
	KindUTCLong Kind = "UTCLONG"
	KindStruct  Kind = "STRUCT"
	KindTable   Kind = "TABLE"
)

// Type describes an ABAP data type, recursively. Length counts characters for
// CHAR/NUMC, digits for DEC and bytes for RAW; it is 0 for variable-length types.
type Type struct {
	Kind     Kind    `json:"kind"`
	Name     string  `json:"name,omitempty"` // DDIC name of a structure, table type or data element
	DDIC     string  `json:"ddic,omitempty"` // exact DDIC type where it differs from Kind (CURR, CLNT, ...)
	Length   int     `json:"length,omitempty"`
	Decimals int     `json:"decimals,omitempty"`
	Fields   []Field `json:"fields,omitempty"` // STRUCT components in order
	Line     *Type   `json:"line,omitempty"`   // TABLE line type
}

// Field is one component of a structure.
type Field struct {
	Name string `json:"name"`
	Type
}

// Constructors keep simulator definitions short and readable.

func Char(n int) *Type          { return &Type{Kind: KindChar, Length: n} }
func Numc(n int) *Type          { return &Type{Kind: KindNumc, Length: n} }
func Date() *Type               { return &Type{Kind: KindDate, Length: 8} }
func Time() *Type               { return &Type{Kind: KindTime, Length: 6} }
func String() *Type             { return &Type{Kind: KindString} }
func Int1() *Type               { return &Type{Kind: KindInt1} }
func Int2() *Type               { return &Type{Kind: KindInt2} }
func Int4() *Type               { return &Type{Kind: KindInt4} }
func Int8() *Type               { return &Type{Kind: KindInt8} }
func Float() *Type              { return &Type{Kind: KindFloat} }
func Dec(digits, dec int) *Type { return &Type{Kind: KindDec, Length: digits, Decimals: dec} }
func DecF16() *Type             { return &Type{Kind: KindDecF16} }
func DecF34() *Type             { return &Type{Kind: KindDecF34} }
func Raw(n int) *Type           { return &Type{Kind: KindRaw, Length: n} }
func XString() *Type            { return &Type{Kind: KindXString} }
func UTCLong() *Type            { return &Type{Kind: KindUTCLong} }

// Named returns a copy of t carrying a DDIC name.
func (t *Type) Named(name string) *Type { c := *t; c.Name = name; return &c }

// AsDDIC returns a copy of t that displays as the given DDIC type.
func (t *Type) AsDDIC(ddic string) *Type { c := *t; c.DDIC = ddic; return &c }

// F builds a structure field.
func F(name string, t *Type) Field { return Field{Name: name, Type: *t} }

// Struct builds a named structure type.
func Struct(name string, fields ...Field) *Type {
	return &Type{Kind: KindStruct, Name: name, Fields: fields}
}

// TableOf builds a table type over a line type.
func TableOf(name string, line *Type) *Type {
	return &Type{Kind: KindTable, Name: name, Line: line}
}

// IsElementary reports whether values of t are scalars.
func (t *Type) IsElementary() bool { return t.Kind != KindStruct && t.Kind != KindTable }

// Field returns the named component of a structure, or nil.
func (t *Type) Field(name string) *Field {
	for i := range t.Fields {
		if t.Fields[i].Name == name {
			return &t.Fields[i]
		}
	}
	return nil
}

// Depth is how many levels of structures and tables nest in t (an elementary type is 0).
func (t *Type) Depth() int {
	switch t.Kind {
	case KindStruct:
		d := 0
		for i := range t.Fields {
			d = max(d, t.Fields[i].Type.Depth())
		}
		return d + 1
	case KindTable:
		return t.Line.Depth() + 1
	}
	return 0
}

// String renders a type the way SE37 users read it: CHAR(10), DEC(15,2), RFCTEST.
func (t *Type) String() string {
	name := string(t.Kind)
	if t.DDIC != "" {
		name = t.DDIC
	}
	switch t.Kind {
	case KindStruct:
		if t.Name != "" {
			return t.Name
		}
		return "STRUCTURE"
	case KindTable:
		if t.Name != "" {
			return t.Name
		}
		return "TABLE OF " + t.Line.String()
	case KindDec:
		return fmt.Sprintf("%s(%d,%d)", name, t.Length, t.Decimals)
	case KindChar, KindNumc, KindRaw:
		return fmt.Sprintf("%s(%d)", name, t.Length)
	}
	return name
}

// ParamKind is the direction of a function-module parameter, from the module's view.
type ParamKind string

// Parameter kinds as SE37 names them.
const (
	Importing ParamKind = "importing"
	Exporting ParamKind = "exporting"
	Changing  ParamKind = "changing"
	Tables    ParamKind = "tables"
)

// Parameter is one parameter of a function module's interface.
type Parameter struct {
	Name        string    `json:"name"`
	Kind        ParamKind `json:"kind"`
	Type        string    `json:"type"` // the typing as written in the interface, e.g. SY-LISEL or RFCTEST
	Optional    bool      `json:"optional"`
	Default     string    `json:"default,omitempty"`
	Description string    `json:"description,omitempty"`
	DataType    *Type     `json:"dataType,omitempty"`
}

// Exception is a classic exception a function module declares.
type Exception struct {
	Name        string `json:"name"`
	Description string `json:"description,omitempty"`
}

// FunctionMetadata is the data of rfc.getMetadata. "function" is the old
// handler's member; "name" and everything after "parameters" are extensions.
type FunctionMetadata struct {
	Function    string      `json:"function"`
	Name        string      `json:"name,omitempty"`
	Group       string      `json:"group,omitempty"`
	Description string      `json:"description,omitempty"`
	Remote      bool        `json:"remote,omitempty"`
	Parameters  []Parameter `json:"parameters"`
	Exceptions  []Exception `json:"exceptions,omitempty"`
}

// Param returns the named parameter, or nil.
func (m *FunctionMetadata) Param(name string) *Parameter {
	for i := range m.Parameters {
		if m.Parameters[i].Name == name {
			return &m.Parameters[i]
		}
	}
	return nil
}

// CallParams are the params of a typed rfc.call: parameters are nested under
// "parameters" so that a parameter named like an envelope member cannot collide.
type CallParams struct {
	Function   string         `json:"function"`
	Parameters map[string]any `json:"parameters"`
}

// CallResult is the data of a typed rfc.call: every EXPORTING, CHANGING and TABLES
// parameter by name (names are unique across kinds in a function interface).
type CallResult struct {
	Result map[string]any `json:"result"`
}

// LegacyCallResult is what the old handler answers to rfc.call.
type LegacyCallResult struct {
	Subrc   int            `json:"subrc"`
	Exports map[string]any `json:"exports"`
	Tables  map[string]any `json:"tables"`
}

// SearchParams are the params of rfc.search. Max selects the extended reply.
type SearchParams struct {
	Pattern string `json:"pattern"`
	Max     int    `json:"max,omitempty"`
}

// FunctionInfo is one hit of an extended search.
type FunctionInfo struct {
	Name        string `json:"name"`
	Group       string `json:"group,omitempty"`
	Description string `json:"description,omitempty"`
	Remote      bool   `json:"remote,omitempty"`
}

// SearchResult is the extended rfc.search reply (sent when the request has max).
type SearchResult struct {
	Functions []FunctionInfo `json:"functions"`
	Truncated bool           `json:"truncated"`
}

// NormalizeName upper-cases an ABAP name the way SE37 does when you type it.
func NormalizeName(s string) string { return strings.ToUpper(strings.TrimSpace(s)) }
