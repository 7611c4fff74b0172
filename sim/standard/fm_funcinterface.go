package standard

import (
	"strings"

	"github.com/wsrfc/wsrfc/protocol"
	"github.com/wsrfc/wsrfc/sim/core"
	"github.com/wsrfc/wsrfc/sim/ddic"
)

// RFC_GET_FUNCTION_INTERFACE: the interface of a module as the RFC runtime
// describes it to clients without a metadata cache (SAP's RFC SDK before
// RFC_METADATA_GET, JCo, open-source RFC clients). One row of PARAMS per
// parameter and per exception (class X), with the ABAP type (EXID) and the
// internal length in bytes: in the Unicode layout unless NONE_UNICODE_LENGTH
// is set, then with one byte a character.

func installFunctionInterfaceRFC(s *core.Server) {
	char1 := protocol.Char(1).Named("CHAR1")
	s.MustDefine(&core.Function{
		Name: "RFC_GET_FUNCTION_INTERFACE", Group: "RFC1", Description: "Interface description of a function module",
		Params: []protocol.Parameter{
			exp("REMOTE_BASXML_SUPPORTED", "RS38L-BASXML_ENABLED", char1, "basXML-enabled"),
			exp("REMOTE_CALL", "RS38L-REMOTE", char1, "Remote-enabled"),
			exp("UPDATE_TASK", "RS38L-UTASK", char1, "Update module"),
			imp("FUNCNAME", "RS38L-NAME", protocol.Char(30).Named("RS38L_FNAM"), false, "", "Name of the function module"),
			imp("LANGUAGE", "SY-LANGU", ddicLang().Named("SYLANGU"), true, "SY-LANGU", "Language of the parameter texts"),
			imp("NONE_UNICODE_LENGTH", "CHAR1", char1, true, "SPACE", "Lengths in a non-Unicode system"),
			tbl("PARAMS", "RFC_FUNINT", ddic.Struct("RFC_FUNINT"), false, "Parameters and exceptions"),
			tbl("RESUMABLE_EXCEPTIONS", "RSEXC", protocol.Struct("RSEXC",
				protocol.F("EXCEPTION", protocol.Char(30).Named("RS38L_EXCE"))), true, "Resumable exceptions"),
		},
		Exceptions: []protocol.Exception{
			{Name: "FU_NOT_FOUND", Description: "Function module does not exist"},
			{Name: "NAMETAB_FAULT", Description: "Error in the Dictionary"},
		},
		Handler: rfcGetFunctionInterface,
	})
}

func rfcGetFunctionInterface(c *core.Call) error {
	name := protocol.NormalizeName(c.String("FUNCNAME"))
	f, ok := c.Session.Server().Function(name)
	if !ok || name == "" {
		return core.Raise("FU_NOT_FOUND", core.T100("E", "FL", "046", "Function module & does not exist", name))
	}
	unicode := c.String("NONE_UNICODE_LENGTH") == ""
	class := map[protocol.ParamKind]string{protocol.Importing: "I", protocol.Exporting: "E", protocol.Changing: "C", protocol.Tables: "T"}
	var rows []any
	for i, p := range f.Params {
		t := p.DataType
		if p.Kind == protocol.Tables && t.Kind == protocol.KindTable {
			t = t.Line // a TABLES parameter is described by its line
		}
		tab, field := funintTyping(p.Type)
		length, _ := rfcLayout(t, unicode)
		optional := ""
		if p.Optional {
			optional = "X"
		}
		rows = append(rows, map[string]any{
			"PARAMCLASS": class[p.Kind], "PARAMETER": p.Name, "TABNAME": tab, "FIELDNAME": field,
			"EXID": abapTypeID(t), "POSITION": int64(i + 1), "INTLENGTH": int64(length), "DECIMALS": int64(t.Decimals),
			"DEFAULT": rtTruncate(p.Default, 21), "PARAMTEXT": rtTruncate(p.Description, 79), "OPTIONAL": optional,
		})
	}
	for _, e := range f.Exceptions {
		rows = append(rows, map[string]any{"PARAMCLASS": "X", "PARAMETER": e.Name, "PARAMTEXT": rtTruncate(e.Description, 79)})
	}
	c.Set("PARAMS", rows)
	if !f.NotRemote {
		c.Set("REMOTE_CALL", "R")
	}
	return nil
}

// funintTyping splits a typing as SE37 shows it into the table and field
// RFC_FUNINT names: LIKE SY-LISEL is SYST-LISEL, TYPE STRING is STRING.
func funintTyping(typing string) (tab, field string) {
	tab, field, _ = strings.Cut(typing, "-")
	if tab == "SY" {
		tab = "SYST"
	}
	return tab, field
}

// abapTypeID is the one-letter ABAP type of a type (DFIES-INTTYPE), with the
// letters RTTI uses for structures (u flat, v deep) and table types (h).
func abapTypeID(t *protocol.Type) string {
	switch t.Kind {
	case protocol.KindStruct:
		for i := range t.Fields {
			if f := &t.Fields[i].Type; f.Kind == protocol.KindString || f.Kind == protocol.KindXString ||
				f.Kind == protocol.KindTable || (f.Kind == protocol.KindStruct && abapTypeID(f) == "v") {
				return "v"
			}
		}
		return "u"
	case protocol.KindTable:
		return "h"
	}
	return map[protocol.Kind]string{
		protocol.KindChar: "C", protocol.KindNumc: "N", protocol.KindDate: "D", protocol.KindTime: "T",
		protocol.KindString: "g", protocol.KindInt1: "b", protocol.KindInt2: "s", protocol.KindInt4: "I",
		protocol.KindInt8: "8", protocol.KindFloat: "F", protocol.KindDec: "P", protocol.KindDecF16: "a",
		protocol.KindDecF34: "e", protocol.KindRaw: "X", protocol.KindXString: "y", protocol.KindUTCLong: "p",
	}[t.Kind]
}

// rfcLayout is the internal length and alignment of a type (DFIES-INTLEN too):
// characters take two bytes in a Unicode system and one otherwise, packed
// numbers digits/2+1, strings, tables and time stamps an 8-byte reference or
// value; components are aligned to their size, a structure to its widest
// component.
func rfcLayout(t *protocol.Type, unicode bool) (length, align int) {
	char := 1
	if unicode {
		char = 2
	}
	switch t.Kind {
	case protocol.KindChar, protocol.KindNumc, protocol.KindDate, protocol.KindTime:
		return t.Length * char, char
	case protocol.KindRaw:
		return t.Length, 1
	case protocol.KindDec:
		return t.Length/2 + 1, 1 // n bytes hold 2n-1 digits and the sign
	case protocol.KindInt1:
		return 1, 1
	case protocol.KindInt2:
		return 2, 2
	case protocol.KindInt4:
		return 4, 4
	case protocol.KindDecF16:
		return 8, 8
	case protocol.KindDecF34:
		return 16, 8
	case protocol.KindStruct:
		off, widest := 0, 1
		for i := range t.Fields {
			n, a := rfcLayout(&t.Fields[i].Type, unicode)
			widest = max(widest, a)
			off = (off+a-1)/a*a + n
		}
		return (off + widest - 1) / widest * widest, widest
	}
	// INT8, FLTP, UTCLONG, and the references of STRING, XSTRING and tables
	return 8, 8
}
