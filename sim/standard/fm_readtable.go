package standard

import (
	"encoding/hex"
	"fmt"
	"strconv"
	"strings"

	"github.com/wsrfc/wsrfc/protocol"
	"github.com/wsrfc/wsrfc/sim/core"
	"github.com/wsrfc/wsrfc/sim/ddic"
)

// RFC_READ_TABLE as current releases implement it (the logic of class
// CL_RFC_READ_TABLE behind the old interface):
//   - an unknown table is TABLE_NOT_AVAILABLE (SV/E/029, V1 = table);
//   - FIELDS names fields exactly as SE11 spells them; one unknown name empties
//     the field list, which is TABLE_WITHOUT_DATA (AD/E/718), not FIELD_NOT_VALID;
//   - STRING and XSTRING fields are left out of the 512-character DATA lines;
//   - a WHERE clause with SQL keywords, {}| or unbalanced parentheses is refused
//     before it runs, one the database rejects afterwards; both are
//     OPTION_NOT_VALID (SAIS/E/000); with NO_DATA = 'X' only the first check runs;
//   - DATA_BUFFER_EXCEEDED (AD/E/559, V1 = table, V2 = 512) is raised while
//     converting the first selected row, so an empty selection never raises it;
//   - USE_ET_DATA_4_RETURN = 'X' returns delimited lines of any length in ET_DATA;
//   - a user without display authorization for the table's authorization group
//     (S_TABU_DIS, see core.User.TableAuth) gets NOT_AUTHORIZED, checked as soon as
//     the table is known to exist.

var (
	tabnameType = protocol.Char(30).Named("TABNAME")
)

// rtLineWidth is the width of a DATA line (TAB512-WA).
const rtLineWidth = 512

func installReadTable(s *core.Server) {
	flag := protocol.Char(1).Named("CHAR1")
	s.MustDefine(&core.Function{
		Name: "RFC_READ_TABLE", Group: "SDTX", Description: "External access to R/3 tables via RFC",
		Params: []protocol.Parameter{
			exp("ET_DATA", "SDTI_RESULT_TAB", protocol.TableOf("SDTI_RESULT_TAB", ddic.Struct("SDTI_RESULT")), "Result lines when USE_ET_DATA_4_RETURN is set"),
			imp("QUERY_TABLE", "DD02L-TABNAME", tabnameType, false, "", "Table read"),
			imp("DELIMITER", "SONV-FLAG", flag, true, "SPACE", "Sign for indicating field limits in DATA"),
			imp("NO_DATA", "SONV-FLAG", flag, true, "SPACE", "If <> SPACE, only FIELDS is filled"),
			imp("ROWSKIPS", "SOID-ACCNT", protocol.Int4().Named("SO_INT"), true, "0", "Rows to skip"),
			imp("ROWCOUNT", "SOID-ACCNT", protocol.Int4().Named("SO_INT"), true, "0", "Maximum number of rows (0 = all)"),
			imp("GET_SORTED", "BOOLE_D", protocol.Char(1).Named("BOOLE_D"), true, "", "Sort by primary key"),
			imp("USE_ET_DATA_4_RETURN", "BOOLE_D", protocol.Char(1).Named("BOOLE_D"), true, "", "Return lines in ET_DATA instead of DATA"),
			tbl("OPTIONS", "RFC_DB_OPT", ddic.Struct("RFC_DB_OPT"), true, "Selection entries, \"WHERE clauses\" (in)"),
			tbl("FIELDS", "RFC_DB_FLD", ddic.Struct("RFC_DB_FLD"), true, "Names (in) and structure (out) of fields read"),
			tbl("DATA", "TAB512", ddic.Struct("TAB512"), false, "Data read (out)"),
		},
		Exceptions: []protocol.Exception{
			{Name: "TABLE_NOT_AVAILABLE", Description: "Table not available"},
			{Name: "TABLE_WITHOUT_DATA", Description: "Table has no data or no fields could be read"},
			{Name: "OPTION_NOT_VALID", Description: "Selection criteria invalid"},
			{Name: "FIELD_NOT_VALID", Description: "Field name invalid"},
			{Name: "NOT_AUTHORIZED", Description: "No authorization to read the table"},
			{Name: "DATA_BUFFER_EXCEEDED", Description: "Selected fields do not fit into the 512-character DATA line"},
		},
		Handler: rfcReadTable,
	})
}

// rtField is one selected field with its place in the output line (RFC_DB_FLD).
type rtField struct {
	name    string
	typ     *protocol.Type
	intType string
	length  int
	offset  int
	text    string
}

func rfcReadTable(c *core.Call) error {
	srv := c.Session.Server()
	name := strings.TrimSpace(c.String("QUERY_TABLE"))
	t, snapshot, ok := srv.DB.Lookup(name)
	if !ok {
		return core.Raise("TABLE_NOT_AVAILABLE", core.T100("E", "SV", "029", "Table/view & is not in the Dictionary", name))
	}
	if !c.Session.User.MayDisplayTable(t) {
		return core.Raise("NOT_AUTHORIZED")
	}
	classic := c.String("USE_ET_DATA_4_RETURN") == ""
	delim := strings.TrimRight(c.String("DELIMITER"), " ") // strlen( ' ' ) is 0: no delimiter
	var requested []string
	for _, r := range c.Table("FIELDS") {
		requested = append(requested, strings.TrimRight(r.(map[string]any)["FIELDNAME"].(string), " "))
	}
	fields := rtFieldLayout(t, requested, delim, classic)
	if len(fields) == 0 {
		return core.Raise("TABLE_WITHOUT_DATA", core.T100("E", "AD", "718", "No data can be read from table &1", t.Name))
	}
	out := make([]any, len(fields))
	for i, f := range fields {
		out[i] = map[string]any{"FIELDNAME": f.name, "OFFSET": fmt.Sprintf("%06d", f.offset),
			"LENGTH": fmt.Sprintf("%06d", f.length), "TYPE": f.intType, "FIELDTEXT": f.text}
	}
	c.Set("FIELDS", out)

	var lines []string
	for _, r := range c.Table("OPTIONS") {
		lines = append(lines, r.(map[string]any)["TEXT"].(string))
	}
	// Each OPTIONS row is a run of tokens; a row end separates tokens like a blank.
	clause := strings.Join(lines, " ")
	if reason := rtSuspectWhere(clause); reason != "" {
		return core.Raise("OPTION_NOT_VALID", core.T100("E", "SAIS", "000", "&1 &2 &3 &4",
			"RFC_READ_TABLE with suspect WHERE-Clause", t.Name, "-", rtTruncate(clause, 50)))
	}
	if c.String("NO_DATA") != "" {
		return nil
	}
	cond, err := parseWhere(t, clause)
	if err != nil {
		return core.Raise("OPTION_NOT_VALID", core.T100("E", "SAIS", "000", "&1 &2 &3 &4", "DB_Error on", t.Name, ":", rtTruncate(err.Error(), 50)))
	}

	skip, limit := int(c.Int("ROWSKIPS")), int(c.Int("ROWCOUNT"))
	var rows []any
	var exceeded bool
	var buf []byte
	emit := func(row map[string]any) bool {
		if skip > 0 {
			skip--
			return true
		}
		if classic {
			if rows == nil {
				last := fields[len(fields)-1]
				if last.offset+last.length > rtLineWidth {
					exceeded = true
					return false
				}
			}
			var line string
			buf, line = rtFixedLine(buf, fields, delim, row)
			rows = append(rows, map[string]any{"WA": line})
		} else {
			rows = append(rows, map[string]any{"LINE": rtFreeLine(fields, delim, row)})
		}
		return limit <= 0 || len(rows) < limit
	}
	scanTable(srv, t, snapshot, c.Session.Client, cond, c.String("GET_SORTED") != "", emit)
	if exceeded {
		return core.Raise("DATA_BUFFER_EXCEEDED", core.T100("E", "AD", "559", "Data buffer of &2 characters exceeded for table &1", t.Name, strconv.Itoa(rtLineWidth)))
	}
	if rows == nil {
		rows = []any{}
	}
	if classic {
		c.SetRows("DATA", rows)
	} else {
		c.SetRows("ET_DATA", rows)
	}
	return nil
}

// rtSuspectWhere applies the checks RFC_READ_TABLE makes before it runs a WHERE
// clause, and returns why it refuses one ("" if it does not).
func rtSuspectWhere(clause string) string {
	var outside strings.Builder // the clause without its literals
	for i, part := range strings.Split(clause, "'") {
		if i%2 == 0 {
			outside.WriteString(part)
		}
	}
	words := strings.FieldsFunc(strings.ToUpper(outside.String()), func(r rune) bool {
		return !(r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '_' || r == '/' || r == '~')
	})
	for _, w := range words {
		switch w {
		case "SELECT", "UPDATE", "MODIFY", "INSERT", "DELETE", "JOIN", "LEFT", "RIGHT", "EXISTS":
			return "keyword " + w
		}
	}
	if strings.ContainsAny(clause, "{}|") {
		return "forbidden character"
	}
	if strings.Count(outside.String(), "(") != strings.Count(outside.String(), ")") {
		return "unbalanced parentheses"
	}
	return ""
}

// rtTruncate cuts s to n characters, as a MOVE into a shorter CHAR field does.
func rtTruncate(s string, n int) string {
	r := []rune(s)
	if len(r) > n {
		return string(r[:n])
	}
	return s
}

// rtFieldLayout computes FIELDS: the requested fields (all when none are named)
// with DFIES type, output length and offset. It returns nil when a requested
// field does not exist.
func rtFieldLayout(t *core.Table, requested []string, delim string, classic bool) []rtField {
	var chosen []*protocol.Field
	if len(requested) == 0 {
		for i := range t.Line.Fields {
			chosen = append(chosen, &t.Line.Fields[i])
		}
	} else {
		for _, name := range requested {
			f := t.Line.Field(name)
			if f == nil {
				return nil
			}
			chosen = append(chosen, f)
		}
	}
	var out []rtField
	offset := 0
	for _, f := range chosen {
		it := rtIntType(&f.Type)
		if classic && (it == "g" || it == "y") {
			continue
		}
		n := rtOutputLength(&f.Type)
		out = append(out, rtField{name: f.Name, typ: &f.Type, intType: it, length: n, offset: offset, text: ddic.ElementText(f.Type.Name)})
		offset += n + len([]rune(delim))
	}
	return out
}

// rtIntType is DFIES-INTTYPE, the ABAP type letter of a field.
func rtIntType(t *protocol.Type) string {
	switch t.Kind {
	case protocol.KindChar:
		return "C"
	case protocol.KindNumc:
		return "N"
	case protocol.KindDate:
		return "D"
	case protocol.KindTime:
		return "T"
	case protocol.KindString:
		return "g"
	case protocol.KindXString:
		return "y"
	case protocol.KindInt1:
		return "b"
	case protocol.KindInt2:
		return "s"
	case protocol.KindInt4:
		return "I"
	case protocol.KindInt8:
		return "8"
	case protocol.KindFloat:
		return "F"
	case protocol.KindDec:
		return "P"
	case protocol.KindDecF16:
		return "a"
	case protocol.KindDecF34:
		return "e"
	case protocol.KindRaw:
		return "X"
	}
	return "C"
}

// rtOutputLength is the width of a field in the output line: DFIES-LENG, plus
// room for the sign and the decimal point of packed numbers.
func rtOutputLength(t *protocol.Type) int {
	if t.Kind == protocol.KindDec {
		if t.Decimals > 0 {
			return t.Length + 2
		}
		return t.Length + 1
	}
	return ddicLeng(t)
}

// rtFixedLine renders a row into a DATA line: each field at its offset in its
// width, as ABAP's assignment of the field to a character slice does. Offsets
// count characters; lines of ASCII text, the usual case, are built as bytes.
func rtFixedLine(buf []byte, fields []rtField, delim string, row map[string]any) ([]byte, string) {
	last := fields[len(fields)-1]
	width := last.offset + last.length
	if cap(buf) < width {
		buf = make([]byte, width)
	}
	buf = buf[:width]
	for i := range buf {
		buf[i] = ' '
	}
	if !rtASCII(delim) {
		return buf, rtFixedLineRunes(fields, delim, row)
	}
	for i, f := range fields {
		text := rtFixedText(f, row[f.name])
		if !rtASCII(text) {
			return buf, rtFixedLineRunes(fields, delim, row)
		}
		if len(text) > f.length {
			text = text[:f.length]
		}
		if rtRightAligned(f.typ.Kind) {
			copy(buf[f.offset+f.length-len(text):], text)
		} else {
			copy(buf[f.offset:], text)
		}
		if delim != "" && i < len(fields)-1 {
			copy(buf[f.offset+f.length:], delim)
		}
	}
	end := len(buf)
	for end > 0 && buf[end-1] == ' ' {
		end--
	}
	return buf, string(buf[:end])
}

func rtASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

// rtFixedLineRunes is rtFixedLine for text beyond ASCII.
func rtFixedLineRunes(fields []rtField, delim string, row map[string]any) string {
	last := fields[len(fields)-1]
	line := make([]rune, last.offset+last.length)
	for i := range line {
		line[i] = ' '
	}
	d := []rune(delim)
	for i, f := range fields {
		text := []rune(rtFixedText(f, row[f.name]))
		if len(text) > f.length {
			text = text[:f.length]
		}
		if rtRightAligned(f.typ.Kind) {
			copy(line[f.offset+f.length-len(text):], text)
		} else {
			copy(line[f.offset:], text)
		}
		if len(d) > 0 && i < len(fields)-1 {
			copy(line[f.offset+f.length:], d)
		}
	}
	return strings.TrimRight(string(line), " ")
}

func rtRightAligned(k protocol.Kind) bool {
	return ddicNumeric(k)
}

// rtFixedText is a value converted to a character field of the field's output width.
func rtFixedText(f rtField, v any) string {
	switch f.typ.Kind {
	case protocol.KindInt1, protocol.KindInt2, protocol.KindInt4, protocol.KindInt8:
		n, _ := v.(int64)
		return rtTrailingSign(strconv.FormatInt(rtAbs(n), 10), n < 0)
	case protocol.KindDec:
		d, _ := v.(protocol.Decimal)
		s := string(d)
		return rtTrailingSign(strings.TrimPrefix(s, "-"), strings.HasPrefix(s, "-"))
	case protocol.KindDecF16, protocol.KindDecF34:
		d, _ := v.(protocol.Decimal)
		return string(d)
	case protocol.KindFloat:
		x, _ := v.(float64)
		return rtScientific(x, f.length)
	case protocol.KindRaw, protocol.KindXString:
		b, _ := v.([]byte)
		return strings.ToUpper(hex.EncodeToString(b))
	}
	s, _ := v.(string)
	return s
}

// rtFreeLine renders a row into an ET_DATA line: each field as text without
// padding, joined by the delimiter.
func rtFreeLine(fields []rtField, delim string, row map[string]any) string {
	var b strings.Builder
	for i, f := range fields {
		if i > 0 {
			b.WriteString(delim)
		}
		v := row[f.name]
		switch f.typ.Kind {
		case protocol.KindInt1, protocol.KindInt2, protocol.KindInt4, protocol.KindInt8:
			// WRITE groups thousands and puts the minus sign last; the blank it
			// leaves for a positive sign is dropped by the concatenation.
			n, _ := v.(int64)
			b.WriteString(strings.TrimRight(rtTrailingSign(rtGroupThousands(strconv.FormatInt(rtAbs(n), 10)), n < 0), " "))
		case protocol.KindFloat:
			x, _ := v.(float64)
			b.WriteString(protocol.LegacyString(f.typ, x))
		case protocol.KindDec:
			b.WriteString(protocol.LegacyString(f.typ, v))
		default:
			b.WriteString(strings.TrimRight(rtFixedText(f, v), " "))
		}
	}
	return b.String()
}

func rtTrailingSign(digits string, negative bool) string {
	if negative {
		return digits + "-"
	}
	return digits + " "
}

func rtAbs(n int64) int64 {
	if n < 0 {
		return -n
	}
	return n
}

// rtGroupThousands writes 1234567 as 1,234,567, as WRITE does with the default decimal notation.
func rtGroupThousands(digits string) string {
	if len(digits) <= 3 {
		return digits
	}
	var b strings.Builder
	head := len(digits) % 3
	if head > 0 {
		b.WriteString(digits[:head])
	}
	for i := head; i < len(digits); i += 3 {
		if b.Len() > 0 {
			b.WriteByte(',')
		}
		b.WriteString(digits[i : i+3])
	}
	return b.String()
}

// rtScientific renders a float in width characters as ABAP's f→c conversion
// does: sign, one digit, as many decimals as fit, exponent E+dd.
func rtScientific(x float64, width int) string {
	prec := width - 7 // sign, digit, point, E, sign and two exponent digits
	if prec < 0 {
		prec = 0
	}
	s := strconv.FormatFloat(x, 'E', prec, 64)
	if !strings.HasPrefix(s, "-") {
		s = " " + s
	}
	return s
}

// scanTable feeds the rows a SELECT on t sees in a client to fn, in database
// order or by primary key, until fn returns false. Generated tables produce
// their rows one at a time, so a scan never holds them all.
func scanTable(s *core.Server, t *core.Table, snapshot []map[string]any, client string, cond sqlCond, sorted bool, fn func(map[string]any) bool) {
	clientCol := ddicClientSpecific(t)
	visit := func(row map[string]any) bool {
		if clientCol && row["MANDT"] != client {
			return true
		}
		if cond != nil && !cond.match(row) {
			return true
		}
		return fn(row)
	}
	if derive, ok := demoDerivedTables[t.Name]; ok {
		snapshot = derive(s)
	}
	if t.Generate != nil && snapshot == nil {
		// Generated rows come in key order already.
		for i := 0; i < t.Count; i++ {
			if !visit(t.Generate(i)) {
				return
			}
		}
		return
	}
	if sorted {
		snapshot = append([]map[string]any(nil), snapshot...)
		ddicSortByKey(t, snapshot)
	}
	for _, row := range snapshot {
		if !visit(row) {
			return
		}
	}
}
