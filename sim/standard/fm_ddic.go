package standard

import (
	"fmt"
	"strings"

	"github.com/wsrfc/wsrfc/protocol"
	"github.com/wsrfc/wsrfc/sim/core"
	"github.com/wsrfc/wsrfc/sim/ddic"
)

// The ABAP Dictionary as clients read it remotely, and the ALPHA conversion exit.
//
// DDIF_FIELDINFO_GET describes a table field by field (DFIES) as SE11 shows it:
// DDIC type, ABAP type letter, length in characters, internal length in bytes of
// a Unicode system (two per character) with the alignment of the field in the
// line, key flag, conversion exit and texts. Generic clients (RFC_READ_TABLE
// wrappers, SE16-like tools) use it to type the text that RFC_READ_TABLE returns.
// It knows the tables of the simulator's database, not other structures, and
// X030L_WA carries the nametab header fields clients use (counts and lengths),
// not all of X030L.
//
// CONVERSION_EXIT_ALPHA_INPUT/OUTPUT are not RFC-enabled in SAP (their INPUT and
// OUTPUT are untyped, which RFC cannot transport), so the simulator serves them
// as local modules: their interface is visible (getMetadata, FUNCTION_IMPORT_INTERFACE)
// and a remote call is refused with NOT_REMOTE_ENABLED, as on a real system.
// Their logic is AlphaInput and AlphaOutput, which clients that convert locally
// (sap.convert.alpha) are tested against.

// ddTypeDesc is DDTYPEDESC, deep (a table of DFIES in FIELDS), so not in
// ddic's flat structures.
func ddTypeDesc() *protocol.Type {
	return protocol.Struct("DDTYPEDESC",
		ddicField("TYPENAME", "TYPENAME", protocol.Char(30)),
		ddicField("TYPEKIND", "DDTYPEKIND", protocol.Char(4)),
		ddicField("TABLEN", "TABLEN", protocol.Int4()),
		protocol.F("FIELDS", protocol.TableOf("DDFIELDS", ddic.Struct("DFIES"))),
	)
}

func installDDIC(s *core.Server) {
	flag := protocol.Char(1).Named("DDBOOL_D")
	s.MustDefine(&core.Function{
		Name: "DDIF_FIELDINFO_GET", Group: "SDIFRUNTIME", Description: "Reading the field information (DFIES) of a table or structure",
		Params: []protocol.Parameter{
			exp("X030L_WA", "X030L", ddic.Struct("X030L"), "Nametab header of the table"),
			exp("DDOBJTYPE", "DD02V-TABCLASS", protocol.Char(8).Named("TABCLASS"), "Kind of type"),
			exp("DFIES_WA", "DFIES", ddic.Struct("DFIES"), "Single information if necessary"),
			exp("LINES_DESCR", "DDTYPELIST", protocol.TableOf("DDTYPELIST", ddTypeDesc()), "Type information of the referenced types"),
			imp("TABNAME", "DDOBJNAME", protocol.Char(30).Named("DDOBJNAME"), false, "", "Name of the table (or view) or structure"),
			imp("FIELDNAME", "DFIES-FIELDNAME", protocol.Char(30).Named("FIELDNAME"), true, "' '", "Use parameter LFIELDNAME instead"),
			imp("LANGU", "SY-LANGU", protocol.Char(1).Named("SYLANGU"), true, "SY-LANGU", "Language of the texts"),
			imp("LFIELDNAME", "DFIES-LFIELDNAME", protocol.Char(132).Named("FNAM_____4"), true, "' '", "If filled, only field with this long name"),
			imp("ALL_TYPES", "DDBOOL_D", flag, true, "' '", "Take all types into account"),
			imp("GROUP_NAMES", "DDBOOL_D", flag, true, "' '", "Take named includes into account"),
			imp("UCLEN", "UNICODELG", protocol.Raw(1).Named("UNICODELG"), true, "", "Unicode length with which runtime object was generated"),
			imp("DO_NOT_WRITE", "DDBOOL_D", flag, true, "' '", "Do not write the runtime object"),
			tbl("DFIES_TAB", "DFIES", ddic.Struct("DFIES"), true, "Field list if necessary"),
			tbl("FIXED_VALUES", "DDFIXVALUE", ddic.Struct("DDFIXVALUE"), true, "Description of domain fixed values"),
		},
		Exceptions: []protocol.Exception{
			{Name: "NOT_FOUND", Description: "Nothing found"},
			{Name: "INTERNAL_ERROR", Description: "Internal error"},
		},
		Handler: ddifFieldInfoGet,
	})
	for _, m := range []struct {
		name, text string
	}{
		{"CONVERSION_EXIT_ALPHA_INPUT", "Conversion exit ALPHA, external->internal"},
		{"CONVERSION_EXIT_ALPHA_OUTPUT", "Conversion exit ALPHA, internal->external"},
	} {
		output := m.name == "CONVERSION_EXIT_ALPHA_OUTPUT"
		s.MustDefine(&core.Function{
			Name: m.name, Group: "ALFA", Description: m.text, NotRemote: true,
			// Untyped in SE37; CLIKE is the closest a type descriptor can say.
			Params: []protocol.Parameter{
				exp("OUTPUT", "", protocol.String().Named("CLIKE"), ""),
				imp("INPUT", "", protocol.String().Named("CLIKE"), false, "", ""),
			},
			Handler: func(c *core.Call) error {
				in := c.String("INPUT")
				if output {
					c.Set("OUTPUT", AlphaOutput(in))
				} else {
					c.Set("OUTPUT", AlphaInput(in, len([]rune(in))))
				}
				return nil
			},
		})
	}
}

// AlphaInput is CONVERSION_EXIT_ALPHA_INPUT into a field of length characters:
// a value that is purely numeric apart from leading and trailing blanks is
// right-aligned and filled with zeros; anything else (letters, inner blanks)
// stays as it is. Blank input gives blank output. A number longer than the
// field keeps its first length characters, as the assignment to the field does.
func AlphaInput(in string, length int) string {
	t := strings.Trim(in, " ")
	if t == "" {
		return ""
	}
	for _, r := range t {
		if r < '0' || r > '9' {
			return alphaFit(in, length)
		}
	}
	if n := length - len(t); n > 0 {
		t = strings.Repeat("0", n) + t
	}
	return alphaFit(t, length)
}

// AlphaOutput is CONVERSION_EXIT_ALPHA_OUTPUT: leading zeros removed (all of
// them: '0000000000' becomes blank), and the trailing blanks of a CHAR value dropped.
func AlphaOutput(in string) string {
	return strings.TrimRight(strings.TrimLeft(in, "0"), " ")
}

func alphaFit(s string, length int) string {
	r := []rune(s)
	if length > 0 && len(r) > length {
		r = r[:length]
	}
	return strings.TrimRight(string(r), " ")
}

func ddifFieldInfoGet(c *core.Call) error {
	name := strings.ToUpper(strings.TrimSpace(c.String("TABNAME")))
	t, _, ok := c.Session.Server().DB.Lookup(name)
	if !ok {
		return core.Raise("NOT_FOUND") // RAISE without a message, as the module does
	}
	rows := ddicFieldInfo(t, c.Session.Language)
	only := strings.ToUpper(strings.TrimSpace(c.String("FIELDNAME")))
	if l := strings.ToUpper(strings.TrimSpace(c.String("LFIELDNAME"))); l != "" {
		only = l
	}
	if only != "" {
		var hit map[string]any
		for _, r := range rows {
			if r["FIELDNAME"] == only {
				hit = r
			}
		}
		if hit == nil {
			return core.Raise("NOT_FOUND")
		}
		c.Set("DFIES_WA", hit)
		rows = []map[string]any{hit}
	}
	out := make([]any, len(rows))
	for i, r := range rows {
		out[i] = r
	}
	c.Set("DFIES_TAB", out)
	c.Set("DDOBJTYPE", "TRANSP")
	keyLen, tabLen := 0, 0
	for _, r := range ddicFieldInfo(t, c.Session.Language) {
		n := ddicAtoi(r["INTLEN"].(string))
		end := ddicAtoi(r["OFFSET"].(string)) + n
		if r["KEYFLAG"] == "X" {
			keyLen = end
		}
		tabLen = end
	}
	c.Set("X030L_WA", map[string]any{"TABNAME": t.Name, "DDLANGUAGE": c.Session.Language, "TABTYPE": "T", "TABFORM": "T",
		"REFNAME": t.Name, "FLDCNT": int64(len(t.Line.Fields)), "KEYCNT": int64(len(t.Keys)), "KEYLEN": int64(keyLen),
		"TABLEN": int64(tabLen)})
	return nil
}

func ddicAtoi(s string) int {
	n := 0
	for _, r := range s {
		n = n*10 + int(r-'0')
	}
	return n
}

// ddicFieldInfo builds the DFIES rows of a table.
func ddicFieldInfo(t *core.Table, lang string) []map[string]any {
	keys := map[string]bool{}
	for _, k := range t.Keys {
		keys[k] = true
	}
	rows := make([]map[string]any, 0, len(t.Line.Fields))
	offset := 0
	for i, f := range t.Line.Fields {
		typ := &f.Type
		size, align := rfcLayout(typ, true)
		if align > 1 && offset%align != 0 {
			offset += align - offset%align
		}
		text := ddic.ElementText(typ.Name)
		rows = append(rows, map[string]any{
			"TABNAME": t.Name, "FIELDNAME": f.Name, "LANGU": lang, "POSITION": fmt.Sprintf("%04d", i+1),
			"OFFSET": fmt.Sprintf("%06d", offset), "DOMNAME": typ.Name, "ROLLNAME": typ.Name,
			"LENG": fmt.Sprintf("%06d", ddicLeng(typ)), "INTLEN": fmt.Sprintf("%06d", size),
			"OUTPUTLEN": fmt.Sprintf("%06d", ddicOutputLen(typ)), "DECIMALS": fmt.Sprintf("%06d", typ.Decimals),
			"DATATYPE": ddicDataType(typ), "INTTYPE": rtIntType(typ), "CONVEXIT": ddic.ConvExit(typ.Name),
			"FIELDTEXT": text, "REPTEXT": rtTruncate(text, 55), "SCRTEXT_S": rtTruncate(text, 10), "SCRTEXT_M": rtTruncate(text, 20),
			"SCRTEXT_L": rtTruncate(text, 40), "KEYFLAG": ddicFlag(keys[f.Name]), "LFIELDNAME": f.Name, "COMPTYPE": "E",
			"MASK": ddicMask(typ),
		})
		offset += size
	}
	return rows
}

func ddicFlag(b bool) string {
	if b {
		return "X"
	}
	return ""
}

// ddicMask is the edit mask of a conversion exit ("==ALPHA").
func ddicMask(t *protocol.Type) string {
	if x := ddic.ConvExit(t.Name); x != "" {
		return "==" + x
	}
	return ""
}

// ddicDataType is DFIES-DATATYPE, the DDIC built-in type.
func ddicDataType(t *protocol.Type) string {
	if t.DDIC != "" {
		return t.DDIC
	}
	switch t.Kind {
	case protocol.KindString:
		return "STRG"
	case protocol.KindXString:
		return "RSTR"
	case protocol.KindDecF16:
		return "DF16"
	case protocol.KindDecF34:
		return "DF34"
	}
	return string(t.Kind)
}

// ddicLeng is DFIES-LENG: characters for character types, digits for packed numbers.
func ddicLeng(t *protocol.Type) int {
	switch t.Kind {
	case protocol.KindInt1:
		return 3
	case protocol.KindInt2:
		return 5
	case protocol.KindInt4:
		return 10
	case protocol.KindInt8:
		return 19
	case protocol.KindFloat:
		return 16
	case protocol.KindDecF16:
		return 16
	case protocol.KindDecF34:
		return 34
	case protocol.KindString, protocol.KindXString:
		return 0
	}
	return t.Length
}

// ddicOutputLen is DFIES-OUTPUTLEN: the width WRITE gives the field, with
// thousands separators and the decimal point of numbers.
func ddicOutputLen(t *protocol.Type) int {
	switch t.Kind {
	case protocol.KindDate:
		return 10
	case protocol.KindTime:
		return 8
	case protocol.KindRaw:
		return 2 * t.Length
	case protocol.KindDec:
		whole := t.Length - t.Decimals
		n := t.Length + (whole-1)/3
		if t.Decimals > 0 {
			n++
		}
		return n
	case protocol.KindInt1, protocol.KindInt2, protocol.KindInt4, protocol.KindInt8:
		d := ddicLeng(t)
		return d + (d-1)/3
	}
	return ddicLeng(t)
}
