package standard

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/wsrfc/wsrfc/protocol"
	"github.com/wsrfc/wsrfc/sim/core"
	"github.com/wsrfc/wsrfc/sim/ddic"
)

// The STFC test modules every ABAP system ships (function group STFC), with the
// behaviour the RFC SDK samples and the client libraries' test suites rely on.

var ddicTypeI = protocol.Int4().Named("I") // ABAP's built-in type I, as "TYPE I" in an interface

func installSTFCModules(s *core.Server) {
	s.MustDefine(&core.Function{
		Name: "STFC_STRUCTURE", Group: "STFC", Description: "Inhomogeneous structure",
		Params: []protocol.Parameter{
			exp("ECHOSTRUCT", "RFCTEST", ddic.Struct("RFCTEST"), "Exporting structure"),
			exp("RESPTEXT", "SY-LISEL", syLisel, "Exporting response message"),
			imp("IMPORTSTRUCT", "RFCTEST", ddic.Struct("RFCTEST"), false, "", "Importing structure"),
			tbl("RFCTABLE", "RFCTEST", ddic.Struct("RFCTEST"), false, "Importing/exporting table"),
		},
		Handler: stfcStructure,
	})
	s.MustDefine(&core.Function{
		Name: "STFC_CHANGING", Group: "STFC", Description: "Example for changing parameters",
		Params: []protocol.Parameter{
			chg("COUNTER", "I", ddicTypeI, false, "Counter, incremented by one"),
			exp("RESULT", "I", ddicTypeI, "START_VALUE + COUNTER"),
			imp("START_VALUE", "I", ddicTypeI, false, "", "Start value"),
		},
		Handler: func(c *core.Call) error {
			counter, start := c.Int("COUNTER"), c.Int("START_VALUE")
			sum, next := start+counter, counter+1
			if sum > math.MaxInt32 || sum < math.MinInt32 || next > math.MaxInt32 {
				return core.Dump("COMPUTE_INT_PLUS_OVERFLOW", "Integer overflow in addition")
			}
			c.Set("RESULT", sum)
			c.Set("COUNTER", next)
			return nil
		},
	})
	s.MustDefine(&core.Function{
		Name: "STFC_DEEP_STRUCTURE", Group: "STFC", Description: "Test RFC with deep structure",
		Params: []protocol.Parameter{
			exp("ECHOSTRUCT", "STFCCPLXT", ddic.Struct("STFCCPLXT"), "Echo of the importing structure"),
			exp("RESPTEXT", "SYST-LISEL", syLisel, "Response text"),
			imp("IMPORTSTRUCT", "STFCCPLXT", ddic.Struct("STFCCPLXT"), false, "", "Deep importing structure"),
		},
		Handler: func(c *core.Call) error {
			c.Set("ECHOSTRUCT", c.Struct("IMPORTSTRUCT"))
			c.Set("RESPTEXT", respText(c.Session, false))
			return nil
		},
	})
	cplxtTable := protocol.TableOf("STFCCPLXT_T", ddic.Struct("STFCCPLXT"))
	s.MustDefine(&core.Function{
		Name: "STFC_DEEP_TABLE", Group: "STFC", Description: "Test RFC with deep table",
		Params: []protocol.Parameter{
			exp("EXPORT_TAB", "STFCCPLXT_T", cplxtTable, "Importing rows plus one appended row"),
			exp("RESPTEXT", "SYST-LISEL", syLisel, "Response text"),
			imp("IMPORT_TAB", "STFCCPLXT_T", cplxtTable, false, "", "Deep importing table"),
		},
		Handler: func(c *core.Call) error {
			rows := append([]any(nil), c.Table("IMPORT_TAB")...)
			rows = append(rows, map[string]any{"I": int64(10), "C": "Appended",
				"STR": c.Session.Server().Config().Now().Format("20060102"), "XSTR": []byte{0xDE, 0xAD, 0xBE, 0xEF}})
			c.Set("EXPORT_TAB", rows)
			c.Set("RESPTEXT", respText(c.Session, false))
			return nil
		},
	})
	numc5 := protocol.Numc(5).Named("NUMC5")
	flag := protocol.Char(1).Named("CHAR1")
	text72 := protocol.Char(72).Named("CHAR72")
	s.MustDefine(&core.Function{
		Name: "STFC_PERFORMANCE", Group: "STFC", Description: "Performance test of RFC with large tables",
		Params: []protocol.Parameter{
			exp("EXITCODE", "CHAR1", flag, "O: tables as expected, E: a table differs"),
			exp("TEXT0332", "CHAR72", text72, "Result of the check of ITAB0332"),
			exp("TEXT1000", "CHAR72", text72, "Result of the check of ITAB1000"),
			imp("CHECKTAB", "CHAR1", flag, true, "SPACE", "Check the contents of ITAB0332 and ITAB1000 (X or Y)"),
			imp("LGET0332", "NUMC5", numc5, true, "", "Number of lines of ETAB0332"),
			imp("LGET1000", "NUMC5", numc5, true, "", "Number of lines of ETAB1000"),
			imp("LGIT0332", "NUMC5", numc5, true, "", "Expected number of lines of ITAB0332"),
			imp("LGIT1000", "NUMC5", numc5, true, "", "Expected number of lines of ITAB1000"),
			tbl("ETAB0332", "H332", ddic.Struct("H332"), true, "Exporting table, lines of 332 characters"),
			tbl("ETAB1000", "H1000", ddic.Struct("H1000"), true, "Exporting table, lines of 1000 characters"),
			tbl("ITAB0332", "H332", ddic.Struct("H332"), true, "Importing table, lines of 332 characters"),
			tbl("ITAB1000", "H1000", ddic.Struct("H1000"), true, "Importing table, lines of 1000 characters"),
		},
		Handler: stfcPerformance,
	})
}

// stfcStructure echoes IMPORTSTRUCT and appends a changed copy of it to
// RFCTABLE. The increments run in ABAP arithmetic: 255 + 1 does not fit INT1
// and 32767 + 1 does not fit INT2 (runtime error CONVT_OVERFLOW), and
// 2147483647 + 1 overflows the calculation itself (COMPUTE_INT_PLUS_OVERFLOW),
// so those inputs end the session as they do on a real system.
func stfcStructure(c *core.Call) error {
	in := c.Struct("IMPORTSTRUCT")
	c.Set("ECHOSTRUCT", in)
	c.Set("RESPTEXT", respText(c.Session, false))
	row := make(map[string]any, len(in))
	for k, v := range in {
		row[k] = v
	}
	int1, int2, int4 := in["RFCINT1"].(int64)+1, in["RFCINT2"].(int64)+1, in["RFCINT4"].(int64)+1
	switch {
	case int4 > math.MaxInt32:
		return core.Dump("COMPUTE_INT_PLUS_OVERFLOW", "Integer overflow in addition")
	case int1 > 255:
		return core.Dump("CONVT_OVERFLOW", fmt.Sprintf("Overflow when converting from \"%d\"", int1))
	case int2 > math.MaxInt16:
		return core.Dump("CONVT_OVERFLOW", fmt.Sprintf("Overflow when converting from \"%d\"", int2))
	}
	now := c.Session.Server().Config().Now()
	row["RFCFLOAT"] = in["RFCFLOAT"].(float64) + 1
	row["RFCINT1"], row["RFCINT2"], row["RFCINT4"] = int1, int2, int4
	row["RFCCHAR1"], row["RFCCHAR2"] = "X", "YZ"
	row["RFCCHAR4"] = rtTruncate(c.Session.Server().Config().SystemID, 4)
	row["RFCHEX3"] = []byte{0xF1, 0xF2, 0xF3}
	row["RFCDATE"], row["RFCTIME"] = now.Format("20060102"), now.Format("150405")
	c.Set("RFCTABLE", append(append([]any(nil), c.Table("RFCTABLE")...), row))
	return nil
}

// stfcPerfLine is line n of a generated STFC_PERFORMANCE table, as the RFC SDK's
// sample server fills it: "Line Length: 0332   Line No.: 00001 ", then from
// column 40 on the digit of each column's position modulo 10.
func stfcPerfLine(template []byte, n int) string {
	copy(template[30:35], fmt.Sprintf("%05d", n))
	return string(template)
}

func stfcPerfTemplate(width int) []byte {
	line := make([]byte, width)
	for i := range line {
		line[i] = ' '
	}
	for pos := 40; pos < width; pos++ {
		line[pos] = byte('0' + pos%10)
	}
	copy(line, fmt.Sprintf("Line Length: %04d   Line No.: ", width))
	return line
}

// stfcPerfRows generates count lines of a table type, cut into its fields.
// The fields of a row share the memory of its line.
func stfcPerfRows(t *protocol.Type, count int) []any {
	width := 0
	for _, f := range t.Fields {
		width += f.Length
	}
	template := stfcPerfTemplate(width)
	rows := make([]any, count)
	for n := 1; n <= count; n++ {
		line := stfcPerfLine(template, n)
		row := make(map[string]any, len(t.Fields))
		off := 0
		for _, f := range t.Fields {
			row[f.Name] = strings.TrimRight(line[off:off+f.Length], " ")
			off += f.Length
		}
		rows[n-1] = row
	}
	return rows
}

// stfcPerfCheck checks a received table against the expected line count and,
// when asked, the generated contents; it returns the 72-character report the
// SDK sample writes and whether the table is as expected.
func stfcPerfCheck(t *protocol.Type, rows []any, expected int, check bool) (string, bool) {
	width := 0
	for _, f := range t.Fields {
		width += f.Length
	}
	text := []rune(fmt.Sprintf("%-72s", fmt.Sprintf("Import table (length %04d):  #Lines = %05d: OK,  Contents: OK", width, len(rows))))
	put := func(at int, s string) { copy(text[at:], []rune(s)) }
	if len(rows) != expected {
		put(28, fmt.Sprintf("ERROR:  #Lines = %05d  Expected: %05d", len(rows), expected))
		return strings.TrimRight(string(text), " "), false
	}
	if !check {
		put(60, "NO CHECK")
		return strings.TrimRight(string(text), " "), true
	}
	for j, r := range rows {
		m := r.(map[string]any)
		var line []rune
		for _, f := range t.Fields {
			s := []rune(m[f.Name].(string))
			for len(s) < f.Length {
				s = append(s, ' ')
			}
			line = append(line, s...)
		}
		for pos := 40; pos < width; pos++ {
			if want := rune('0' + pos%10); line[pos] != want {
				put(28, fmt.Sprintf("ERROR at line %05d position %04d:  %c/%c", j+1, pos, line[pos], want))
				return strings.TrimRight(string(text), " "), false
			}
		}
	}
	return strings.TrimRight(string(text), " "), true
}

func stfcPerformance(c *core.Call) error {
	count := func(name string) int {
		n, _ := strconv.Atoi(c.String(name)) // NUMC: digits only
		return n
	}
	check := c.String("CHECKTAB") == "X" || c.String("CHECKTAB") == "Y"
	t332, ok332 := stfcPerfCheck(ddic.Struct("H332"), c.Table("ITAB0332"), count("LGIT0332"), check)
	t1000, ok1000 := stfcPerfCheck(ddic.Struct("H1000"), c.Table("ITAB1000"), count("LGIT1000"), check)
	c.Set("TEXT0332", t332)
	c.Set("TEXT1000", t1000)
	if ok332 && ok1000 {
		c.Set("EXITCODE", "O")
	} else {
		c.Set("EXITCODE", "E")
	}
	c.SetRows("ETAB0332", stfcPerfRows(ddic.Struct("H332"), count("LGET0332")))
	c.SetRows("ETAB1000", stfcPerfRows(ddic.Struct("H1000"), count("LGET1000")))
	return nil
}
