package standard

import (
	"bytes"
	"strings"

	"github.com/wsrfc/wsrfc/protocol"
	"github.com/wsrfc/wsrfc/sim/core"
	"github.com/wsrfc/wsrfc/sim/ddic"
)

// The data-type test modules SAP's connectors (node-rfc, PyRFC) run their type
// tests against: /COE/RBP_FE_DATATYPES, a structure with one field of every
// DDIC type echoed back, /COE/RBP_FE_DATATYPES2 for INT8 and DECFLOAT
// parameters, and ZDATATYPES, which carries a UTCLONG.
//
// /COE/RBP_FE_DATATYPES has the interface its metadata shows (SAP's
// fundamental-tools model/__TEST__ Params.json and Fields.json, generated from
// a live system). Its observable behaviour in the connectors' tests is the echo
// ES_OUTPUT = IS_INPUT after the conversions of the RFC layer (node-rfc
// test/datatypes/all.spec.ts, PyRFC tests/test_datatypes.py). The rest is not
// public and is played here the simplest way its parameter names suggest:
// IV_GENERATE 'X' fills ET_OUTPUT with IV_COUNT copies of IS_INPUT numbered in
// COUNTER (which is why PyRFC passes IV_COUNT = 0), EV_STRING and EV_XSTRING
// repeat IV_STRING and IV_XSTRING IV_STRING_SIZE and IV_XSTRING_SIZE times,
// ET_RAW holds EV_XSTRING in SDOKCNTBIN lines, and the CHANGING parameters come
// back as passed.

// DDIC built-in types of /COE/RBP_S_FE_RFM_STRUCTURE that the flight model
// does not use. ACCP (posting period YYYYMM) is numeric text; LCHR and LRAW are
// long CHAR and RAW; PREC is an INT2; D16R/D34R are the DECFLOAT16/34 types;
// SSTR (of length 15 here) is a string whose length the database enforces,
// not ABAP, and RTTI does not show it. STRG and RSTR are just STRING and
// XSTRING, which the handler does not repeat in "ddic".
//
// A packed field of 8 digits (ZDEC, ZCURR, ZQUAN) occupies 5 bytes, which
// hold 9 digits: ABAP checks a value against the bytes, and so do the RFC
// layer and the handler (its metadata says DEC(9,2) where SE11 says 8).
func ddicAccp() *protocol.Type      { return protocol.Numc(6).AsDDIC("ACCP") }
func ddicLchr(n int) *protocol.Type { return protocol.Char(n).AsDDIC("LCHR") }
func ddicLraw(n int) *protocol.Type { return protocol.Raw(n).AsDDIC("LRAW") }
func ddicPrec() *protocol.Type      { return protocol.Int2().AsDDIC("PREC") }
func ddicD16r() *protocol.Type      { return protocol.DecF16().AsDDIC("D16R") }
func ddicD34r() *protocol.Type      { return protocol.DecF34().AsDDIC("D34R") }
func ddicSstr() *protocol.Type      { return protocol.String().AsDDIC("SSTR") }

// feFields are the components of /COE/RBP_S_FE_RFM_STRUCTURE in DDIC order;
// deep (string) and long fields are marked, as the table line leaves them out.
var feFields = []struct {
	field protocol.Field
	flat  bool // also a component of the table line /COE/RBP_S_FE_RFM_TABLE_LINE
}{
	{protocol.F("ZACCP", ddicAccp()), true},
	{protocol.F("ZCHAR", protocol.Char(10)), true},
	{ddicField("ZCLNT", "MANDT", ddicClnt()), true},
	{protocol.F("ZCURR", ddicCurr(9, 2)), true},
	{protocol.F("ZDATS", protocol.Date()), true},
	{protocol.F("ZDEC", protocol.Dec(9, 2)), true},
	{protocol.F("ZFLTP", protocol.Float()), true},
	{protocol.F("ZINT1", protocol.Int1()), true},
	{protocol.F("ZINT2", protocol.Int2()), true},
	{protocol.F("ZINT4", protocol.Int4()), true},
	{ddicField("ZLANG", "SPRAS", ddicLang()), true},
	{protocol.F("ZLCHR", ddicLchr(257)), false},
	{protocol.F("ZLRAW", ddicLraw(257)), false},
	{protocol.F("ZNUMC", protocol.Numc(6)), true},
	{protocol.F("ZPREC", ddicPrec()), true},
	{protocol.F("ZQUAN", ddicQuan(9, 4)), true},
	{protocol.F("ZRAW", protocol.Raw(17)), true},
	{protocol.F("ZRAWSTRING", protocol.XString()), false},
	{protocol.F("ZSTRING", protocol.String()), false},
	{protocol.F("ZSSTRING", ddicSstr()), false},
	{protocol.F("ZTIMS", protocol.Time()), true},
	{ddicField("ZUNIT_DTEL", "KMEIN", ddicUnit()), true},
	{ddicField("ZCUKY_DTEL", "WAERS", ddicCuky()), true},
	{ddicField("ZCHECKBOX", "XFELD", protocol.Char(1)), true},
	{ddicField("ZFVAL_LEIN_STATU", "LEIN_STATU", protocol.Char(1)), true},
	{ddicField("ZSHLP_DEBI", "KUNNR", protocol.Char(10)), true},
	{ddicField("ZSHLP_PRODH", "PRODH_D", protocol.Char(18)), true},
	{ddicField("ZSHLP_MAT1", "MATNR", protocol.Char(18)), true},
	{ddicField("ZQUAN_SIGN", "LTAP_DMENA", ddicQuan(13, 3)), true},
	{protocol.F("ZDECF16_MIN", ddicD16r()), true},
	{protocol.F("ZDECF16_MAX", ddicD16r()), true},
	{protocol.F("ZDECF34_MIN", ddicD34r()), true},
	{protocol.F("ZDECF34_MAX", ddicD34r()), true},
	{protocol.F("ZFLTP_MIN", protocol.Float()), true},
	{protocol.F("ZFLTP_MAX", protocol.Float()), true},
	{protocol.F("ZDEC217", protocol.Dec(21, 7)), false},
}

var (
	feStructure = func() *protocol.Type {
		fields := make([]protocol.Field, len(feFields))
		for i, f := range feFields {
			fields[i] = f.field
		}
		return protocol.Struct("/COE/RBP_S_FE_RFM_STRUCTURE", fields...)
	}()
	feTableType = func() *protocol.Type {
		fields := []protocol.Field{ddicField("COUNTER", "INT4", protocol.Int4())}
		for _, f := range feFields {
			if f.flat {
				fields = append(fields, f.field)
			}
		}
		return protocol.TableOf("/COE/RBP_T_FE_RFM_TABLE_TYPE", protocol.Struct("/COE/RBP_S_FE_RFM_TABLE_LINE", fields...))
	}()
)

// Bounds of what the generating parameters may ask for: beyond them the
// simulator, like an ABAP session out of memory, ends with a runtime error.
const (
	feMaxRows  = 100000
	feMaxBytes = 64 << 20
)

func installDataTypeModules(s *core.Server) {
	s.MustDefine(&core.Function{
		Name: "/COE/RBP_FE_DATATYPES", Group: "/COE/RBP_FE_TEST", Description: "RFC data types test",
		Params: []protocol.Parameter{
			chg("CS_STRUCT", "/COE/RBP_S_FE_RFM_STRUCTURE", feStructure, true, ""),
			chg("CT_TABLE", "/COE/RBP_T_FE_RFM_TABLE_TYPE", feTableType, true, ""),
			chg("CV_CKEY", "WAERS", ddicCuky().Named("WAERS"), true, ""),
			chg("CV_INT", "INT4", protocol.Int4().Named("INT4"), true, ""),
			exp("ES_OUTPUT", "/COE/RBP_S_FE_RFM_STRUCTURE", feStructure, ""),
			exp("EV_STRING", "STRING", protocol.String(), ""),
			exp("EV_XSTRING", "XSTRING", protocol.XString(), ""),
			imp("IS_INPUT", "/COE/RBP_S_FE_RFM_STRUCTURE", feStructure, false, "", ""),
			imp("IV_COUNT", "INT4", protocol.Int4().Named("INT4"), true, "100", ""),
			imp("IV_DECF16", "DECFLOAT16", protocol.DecF16(), true, "", ""),
			imp("IV_GENERATE", "CHAR1", protocol.Char(1).Named("CHAR1"), true, "'X'", ""),
			imp("IV_LANGU", "DFIES-LANGU", ddicLang().Named("DDLANGUAGE"), true, "'E'", ""),
			imp("IV_LANGU_D", "DDLANGUAGE", ddicLang().Named("DDLANGUAGE"), true, "'E'", ""),
			imp("IV_STRING", "STRING", protocol.String(), true, "'0123456789'", ""),
			imp("IV_STRING_SIZE", "INT8", protocol.Int8().Named("INT8"), true, "1", ""),
			imp("IV_UNAME", "SYST_UNAME", protocol.Char(12).Named("SYST_UNAME"), true, "''", ""),
			imp("IV_UNAME_DOM", "SYCHAR12", protocol.Char(12).Named("SYCHAR12"), true, "''", ""),
			imp("IV_XSTRING", "XSTRING", protocol.XString(), true, "", ""),
			imp("IV_XSTRING_SIZE", "INT8", protocol.Int8().Named("INT8"), true, "1", ""),
			tbl("ET_OUTPUT", "/COE/RBP_T_FE_RFM_TABLE_TYPE", feTableType, false, ""),
			tbl("ET_RAW", "SDOKCNTBINS", protocol.TableOf("SDOKCNTBINS", ddic.Struct("SDOKCNTBIN")), false, ""),
		},
		Exceptions: []protocol.Exception{{Name: "EX_EXCEPTION1"}},
		Handler:    feDatatypes,
	})
	// /COE/RBP_FE_DATATYPES2 echoes its integer and decimal floating-point
	// parameters (the metadata in fundamental-tools model/__TEST__ Params.json);
	// EXP_ISSUE115, a table of an elementary type, comes back empty.
	tabname := protocol.Char(30).Named("TABNAME")
	s.MustDefine(&core.Function{
		Name: "/COE/RBP_FE_DATATYPES2", Group: "/COE/RBP_FE_TEST", Description: "RFC data types test: integers and decimal floating point",
		Params: []protocol.Parameter{
			exp("EV_DECF16", "DECFLOAT16", protocol.DecF16(), ""),
			exp("EV_DECF34", "DECFLOAT34", protocol.DecF34(), ""),
			exp("EV_INT1", "INT1", protocol.Int1().Named("INT1"), ""),
			exp("EV_INT2", "INT2", protocol.Int2().Named("INT2"), ""),
			exp("EV_INT4", "INT4", protocol.Int4().Named("INT4"), ""),
			exp("EV_INT8", "INT8", protocol.Int8().Named("INT8"), ""),
			exp("EXP_ISSUE115", "/COE/TT_TABNAME", protocol.TableOf("/COE/TT_TABNAME", tabname), ""),
			imp("IV_DECF16", "DECFLOAT16", protocol.DecF16(), true, "", ""),
			imp("IV_DECF161", "DECFLOAT16", protocol.DecF16(), true, "'0.0'", ""),
			imp("IV_DECF34", "DECFLOAT34", protocol.DecF34(), true, "", ""),
			imp("IV_INT1", "INT1", protocol.Int1().Named("INT1"), true, "1", ""),
			imp("IV_INT2", "INT2", protocol.Int2().Named("INT2"), true, "2", ""),
			imp("IV_INT4", "INT4", protocol.Int4().Named("INT4"), true, "4", ""),
			imp("IV_INT8", "INT8", protocol.Int8().Named("INT8"), true, "8", ""),
		},
		Handler: func(c *core.Call) error {
			for _, n := range []string{"DECF16", "DECF34", "INT1", "INT2", "INT4", "INT8"} {
				c.Set("EV_"+n, c.Get("IV_"+n))
			}
			return nil
		},
	})
	s.MustDefine(&core.Function{
		Name: "ZDATATYPES", Group: "ZDATATYPES", Description: "Echo of the newer ABAP data types",
		Params: []protocol.Parameter{
			exp("EV_UTCLONG", "UTCLONG", protocol.UTCLong().AsDDIC("UTCL").Named("UTCLONG"), "Time stamp, echoed"),
			imp("IV_UTCLONG", "UTCLONG", protocol.UTCLong().AsDDIC("UTCL").Named("UTCLONG"), true, "", "Time stamp"),
		},
		Handler: func(c *core.Call) error {
			c.Set("EV_UTCLONG", c.Get("IV_UTCLONG"))
			return nil
		},
	})
}

func feDatatypes(c *core.Call) error {
	in := c.Struct("IS_INPUT")
	c.Set("ES_OUTPUT", in)

	if c.String("IV_GENERATE") != "" && c.Int("IV_COUNT") > 0 {
		n := c.Int("IV_COUNT")
		if n > feMaxRows {
			return core.Dump("TSV_TNEW_PAGE_ALLOC_FAILED", "No more storage space available for extending an internal table.")
		}
		rows := make([]any, n)
		for i := range rows {
			// MOVE-CORRESPONDING: the line type has no deep components.
			row := make(map[string]any, len(feTableType.Line.Fields))
			for _, f := range feTableType.Line.Fields {
				row[f.Name] = in[f.Name]
			}
			row["COUNTER"] = int64(i + 1)
			rows[i] = row
		}
		c.Set("ET_OUTPUT", rows)
	}

	text, times := c.String("IV_STRING"), c.Int("IV_STRING_SIZE")
	if times > 0 {
		if int64(len(text))*times > feMaxBytes {
			return core.Dump("SYSTEM_NO_ROLL", "Unable to fulfil request for more memory space for EV_STRING.")
		}
		c.Set("EV_STRING", strings.Repeat(text, int(times)))
	}
	raw, _ := c.Get("IV_XSTRING").([]byte)
	if times := c.Int("IV_XSTRING_SIZE"); times > 0 {
		if int64(len(raw))*times > feMaxBytes {
			return core.Dump("SYSTEM_NO_ROLL", "Unable to fulfil request for more memory space for EV_XSTRING.")
		}
		raw = bytes.Repeat(raw, int(times))
		c.Set("EV_XSTRING", raw)
	} else {
		raw = nil
	}
	// SCMS_XSTRING_TO_BINARY: the last line is padded with zero bytes.
	lines := make([]any, 0, (len(raw)+1021)/1022)
	for len(raw) > 0 {
		n := min(len(raw), 1022)
		lines = append(lines, map[string]any{"LINE": raw[:n]})
		raw = raw[n:]
	}
	c.Set("ET_RAW", lines)
	return nil
}
