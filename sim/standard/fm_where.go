package standard

import (
	"bytes"
	"cmp"
	"fmt"
	"math/big"
	"strings"
	"unicode"

	"github.com/wsrfc/wsrfc/protocol"
	"github.com/wsrfc/wsrfc/sim/core"
)

// A dynamic WHERE clause as RFC_READ_TABLE hands its OPTIONS to
// SELECT ... WHERE (options): comparisons (= EQ <> NE >< < LT > GT <= LE =< >= GE =>),
// [NOT] LIKE with % and _ (and ESCAPE), [NOT] IN ( ... ), [NOT] BETWEEN ... AND ...,
// IS [NOT] NULL, IS [NOT] INITIAL, AND / OR / NOT and parentheses. Literals are
// '...' (with '' for a quote) or `...`, or unquoted numbers; the right-hand side
// may also name another column. Literals are converted to the column's type when
// the clause is parsed, as Open SQL does, so a row scan only compares values.

// sqlError is a clause the database interface rejects; RFC_READ_TABLE turns it into OPTION_NOT_VALID.
type sqlError struct{ msg string }

func (e *sqlError) Error() string { return e.msg }

func sqlErrorf(format string, args ...any) error { return &sqlError{msg: fmt.Sprintf(format, args...)} }

// sqlCond is a parsed WHERE clause; a nil condition selects every row.
type sqlCond interface {
	match(row map[string]any) bool
}

type sqlAnd struct{ left, right sqlCond }
type sqlOr struct{ left, right sqlCond }
type sqlNot struct{ inner sqlCond }

func (c sqlAnd) match(r map[string]any) bool { return c.left.match(r) && c.right.match(r) }
func (c sqlOr) match(r map[string]any) bool  { return c.left.match(r) || c.right.match(r) }
func (c sqlNot) match(r map[string]any) bool { return !c.inner.match(r) }

// sqlOperand is a column or a constant already converted to the compared column's type.
type sqlOperand struct {
	column string
	value  any
}

func (o sqlOperand) get(r map[string]any) any {
	if o.column != "" {
		return r[o.column]
	}
	return o.value
}

type sqlCompare struct {
	typ   *protocol.Type
	left  string
	op    string // EQ NE LT GT LE GE
	right sqlOperand
}

func (c sqlCompare) match(r map[string]any) bool {
	n := ddicCompare(c.typ, r[c.left], c.right.get(r))
	switch c.op {
	case "EQ":
		return n == 0
	case "NE":
		return n != 0
	case "LT":
		return n < 0
	case "GT":
		return n > 0
	case "LE":
		return n <= 0
	}
	return n >= 0
}

type sqlBetween struct {
	typ       *protocol.Type
	column    string
	low, high sqlOperand
}

func (c sqlBetween) match(r map[string]any) bool {
	v := r[c.column]
	return ddicCompare(c.typ, v, c.low.get(r)) >= 0 && ddicCompare(c.typ, v, c.high.get(r)) <= 0
}

type sqlIn struct {
	typ    *protocol.Type
	column string
	values []sqlOperand
}

func (c sqlIn) match(r map[string]any) bool {
	v := r[c.column]
	for _, o := range c.values {
		if ddicCompare(c.typ, v, o.get(r)) == 0 {
			return true
		}
	}
	return false
}

type sqlLike struct {
	typ     *protocol.Type
	column  string
	pattern []rune
	escape  rune // 0: none
}

func (c sqlLike) match(r map[string]any) bool {
	return sqlLikeMatch(c.pattern, []rune(ddicText(c.typ, r[c.column])), c.escape)
}

type sqlConst bool

func (c sqlConst) match(map[string]any) bool { return bool(c) }

type sqlInitial struct {
	typ    *protocol.Type
	column string
}

func (c sqlInitial) match(r map[string]any) bool {
	return ddicCompare(c.typ, r[c.column], c.typ.Initial()) == 0
}

// sqlLikeMatch matches SQL LIKE: % any run, _ one character; esc makes the next character literal.
func sqlLikeMatch(p, s []rune, esc rune) bool {
	for len(p) > 0 {
		switch {
		case esc != 0 && p[0] == esc && len(p) > 1:
			if len(s) == 0 || s[0] != p[1] {
				return false
			}
			p, s = p[2:], s[1:]
		case p[0] == '%':
			for len(p) > 0 && p[0] == '%' {
				p = p[1:]
			}
			if len(p) == 0 {
				return true
			}
			for i := 0; i <= len(s); i++ {
				if sqlLikeMatch(p, s[i:], esc) {
					return true
				}
			}
			return false
		case p[0] == '_':
			if len(s) == 0 {
				return false
			}
			p, s = p[1:], s[1:]
		default:
			if len(s) == 0 || s[0] != p[0] {
				return false
			}
			p, s = p[1:], s[1:]
		}
	}
	return len(s) == 0
}

// Tokens of a WHERE clause.
type sqlTokKind int

const (
	sqlWordTok   sqlTokKind = iota // column name or keyword
	sqlStringTok                   // '...' or `...`
	sqlNumberTok                   // unquoted number
	sqlOpTok                       // comparison operator
	sqlLParenTok                   // (
	sqlRParenTok                   // )
	sqlCommaTok                    // ,
	sqlEndTok
)

type sqlToken struct {
	kind sqlTokKind
	text string
	pos  int
}

func sqlTokenize(src string) ([]sqlToken, error) {
	var toks []sqlToken
	r := []rune(src)
	for i := 0; i < len(r); {
		c := r[i]
		switch {
		case unicode.IsSpace(c):
			i++
		case c == '\'' || c == '`':
			quote := c
			var b strings.Builder
			j := i + 1
			closed := false
			for j < len(r) {
				if r[j] == quote {
					if j+1 < len(r) && r[j+1] == quote {
						b.WriteRune(quote)
						j += 2
						continue
					}
					closed = true
					j++
					break
				}
				b.WriteRune(r[j])
				j++
			}
			if !closed {
				return nil, sqlErrorf("the literal starting at position %d is not closed with %c", i+1, quote)
			}
			toks = append(toks, sqlToken{sqlStringTok, b.String(), i})
			i = j
		case c == '(':
			toks = append(toks, sqlToken{sqlLParenTok, "(", i})
			i++
		case c == ')':
			toks = append(toks, sqlToken{sqlRParenTok, ")", i})
			i++
		case c == ',':
			toks = append(toks, sqlToken{sqlCommaTok, ",", i})
			i++
		case strings.ContainsRune("=<>!", c):
			j := i + 1
			if j < len(r) && strings.ContainsRune("=<>", r[j]) {
				j++
			}
			toks = append(toks, sqlToken{sqlOpTok, string(r[i:j]), i})
			i = j
		case unicode.IsDigit(c) || ((c == '-' || c == '+') && i+1 < len(r) && unicode.IsDigit(r[i+1])):
			j := i + 1
			for j < len(r) && (unicode.IsDigit(r[j]) || r[j] == '.') {
				j++
			}
			toks = append(toks, sqlToken{sqlNumberTok, string(r[i:j]), i})
			i = j
		case unicode.IsLetter(c) || c == '_' || c == '/':
			j := i + 1
			for j < len(r) && (unicode.IsLetter(r[j]) || unicode.IsDigit(r[j]) || strings.ContainsRune("_/~", r[j])) {
				j++
			}
			toks = append(toks, sqlToken{sqlWordTok, strings.ToUpper(string(r[i:j])), i})
			i = j
		default:
			return nil, sqlErrorf("unexpected character %q at position %d", c, i+1)
		}
	}
	return append(toks, sqlToken{kind: sqlEndTok, pos: len(r)}), nil
}

var sqlOperators = map[string]string{
	"=": "EQ", "EQ": "EQ", "<>": "NE", "><": "NE", "NE": "NE", "<": "LT", "LT": "LT", ">": "GT", "GT": "GT",
	"<=": "LE", "=<": "LE", "LE": "LE", ">=": "GE", "=>": "GE", "GE": "GE",
}

var sqlKeywords = map[string]bool{"AND": true, "OR": true, "NOT": true, "LIKE": true, "IN": true, "BETWEEN": true,
	"ESCAPE": true, "IS": true, "NULL": true, "INITIAL": true}

type sqlParser struct {
	table *core.Table
	toks  []sqlToken
	i     int
}

// parseWhere parses a WHERE clause against a table's line type. An empty clause selects everything.
func parseWhere(t *core.Table, src string) (sqlCond, error) {
	if strings.TrimSpace(src) == "" {
		return nil, nil
	}
	toks, err := sqlTokenize(src)
	if err != nil {
		return nil, err
	}
	p := &sqlParser{table: t, toks: toks}
	c, err := p.or()
	if err != nil {
		return nil, err
	}
	if tk := p.peek(); tk.kind != sqlEndTok {
		return nil, sqlErrorf("unexpected %q at position %d", tk.text, tk.pos+1)
	}
	return c, nil
}

func (p *sqlParser) peek() sqlToken { return p.toks[p.i] }
func (p *sqlParser) next() sqlToken { t := p.toks[p.i]; p.i++; return t }

func (p *sqlParser) isWord(w string) bool {
	t := p.peek()
	return t.kind == sqlWordTok && t.text == w
}

func (p *sqlParser) or() (sqlCond, error) {
	return p.chain("OR", p.and, func(l, r sqlCond) sqlCond { return sqlOr{l, r} })
}

func (p *sqlParser) and() (sqlCond, error) {
	return p.chain("AND", p.not, func(l, r sqlCond) sqlCond { return sqlAnd{l, r} })
}

// chain parses operands joined by the keyword word, left-associative.
func (p *sqlParser) chain(word string, operand func() (sqlCond, error), join func(l, r sqlCond) sqlCond) (sqlCond, error) {
	left, err := operand()
	if err != nil {
		return nil, err
	}
	for p.isWord(word) {
		p.next()
		right, err := operand()
		if err != nil {
			return nil, err
		}
		left = join(left, right)
	}
	return left, nil
}

func (p *sqlParser) not() (sqlCond, error) {
	if p.isWord("NOT") {
		p.next()
		c, err := p.not()
		if err != nil {
			return nil, err
		}
		return sqlNot{c}, nil
	}
	if p.peek().kind == sqlLParenTok {
		p.next()
		c, err := p.or()
		if err != nil {
			return nil, err
		}
		if t := p.next(); t.kind != sqlRParenTok {
			return nil, sqlErrorf("\")\" expected at position %d", t.pos+1)
		}
		return c, nil
	}
	return p.predicate()
}

// column reads a column name (optionally written TABLE~COLUMN).
func (p *sqlParser) column() (string, *protocol.Type, error) {
	t := p.next()
	if t.kind != sqlWordTok || sqlKeywords[t.text] {
		if t.kind == sqlEndTok {
			return "", nil, sqlErrorf("the condition ends where a column name is expected")
		}
		return "", nil, sqlErrorf("a column name is expected at position %d, found %q", t.pos+1, t.text)
	}
	name := t.text
	if tab, field, ok := strings.Cut(name, "~"); ok {
		if tab != p.table.Name {
			return "", nil, sqlErrorf("%s is not the table being read (%s)", tab, p.table.Name)
		}
		name = field
	}
	f := p.table.Line.Field(name)
	if f == nil {
		return "", nil, sqlErrorf("the column %s is unknown in table %s", name, p.table.Name)
	}
	return name, &f.Type, nil
}

// value reads a literal, a number or a column, converted to the type it is compared with.
func (p *sqlParser) value(typ *protocol.Type) (sqlOperand, error) {
	t := p.peek()
	switch t.kind {
	case sqlStringTok, sqlNumberTok:
		p.next()
		v, err := sqlLiteral(typ, t)
		return sqlOperand{value: v}, err
	case sqlWordTok:
		if sqlKeywords[t.text] {
			break
		}
		name, other, err := p.column()
		if err != nil {
			return sqlOperand{}, err
		}
		if ddicNumeric(typ.Kind) != ddicNumeric(other.Kind) {
			return sqlOperand{}, sqlErrorf("the columns compared with %s cannot be compared: %s and %s", name, typ, other)
		}
		return sqlOperand{column: name}, nil
	}
	if t.kind == sqlEndTok {
		return sqlOperand{}, sqlErrorf("the condition ends where a value is expected")
	}
	return sqlOperand{}, sqlErrorf("a value is expected at position %d, found %q", t.pos+1, t.text)
}

func (p *sqlParser) predicate() (sqlCond, error) {
	column, typ, err := p.column()
	if err != nil {
		return nil, err
	}
	negate := false
	if p.isWord("NOT") {
		p.next()
		negate = true
	}
	wrap := func(c sqlCond) sqlCond {
		if negate {
			return sqlNot{c}
		}
		return c
	}
	t := p.peek()
	switch {
	case t.kind == sqlOpTok || (t.kind == sqlWordTok && sqlOperators[t.text] != "" && len(t.text) == 2):
		if negate {
			return nil, sqlErrorf("NOT before a comparison operator at position %d; write NOT before the column", t.pos+1)
		}
		p.next()
		op, ok := sqlOperators[t.text]
		if !ok {
			return nil, sqlErrorf("unknown comparison operator %q at position %d", t.text, t.pos+1)
		}
		right, err := p.value(typ)
		if err != nil {
			return nil, err
		}
		return sqlCompare{typ: typ, left: column, op: op, right: right}, nil
	case t.kind == sqlWordTok && t.text == "BETWEEN":
		p.next()
		low, err := p.value(typ)
		if err != nil {
			return nil, err
		}
		if !p.isWord("AND") {
			return nil, sqlErrorf("BETWEEN needs AND at position %d", p.peek().pos+1)
		}
		p.next()
		high, err := p.value(typ)
		if err != nil {
			return nil, err
		}
		return wrap(sqlBetween{typ: typ, column: column, low: low, high: high}), nil
	case t.kind == sqlWordTok && t.text == "IN":
		p.next()
		if tk := p.next(); tk.kind != sqlLParenTok {
			return nil, sqlErrorf("IN needs a list in parentheses at position %d", tk.pos+1)
		}
		var values []sqlOperand
		for {
			v, err := p.value(typ)
			if err != nil {
				return nil, err
			}
			values = append(values, v)
			tk := p.next()
			if tk.kind == sqlRParenTok {
				break
			}
			if tk.kind != sqlCommaTok {
				return nil, sqlErrorf("\",\" or \")\" expected in the IN list at position %d", tk.pos+1)
			}
		}
		return wrap(sqlIn{typ: typ, column: column, values: values}), nil
	case t.kind == sqlWordTok && t.text == "LIKE":
		p.next()
		pt := p.next()
		if pt.kind != sqlStringTok {
			return nil, sqlErrorf("LIKE needs a quoted pattern at position %d", pt.pos+1)
		}
		var esc rune
		if p.isWord("ESCAPE") {
			p.next()
			et := p.next()
			if et.kind != sqlStringTok || len([]rune(et.text)) != 1 {
				return nil, sqlErrorf("ESCAPE needs a single quoted character at position %d", et.pos+1)
			}
			esc = []rune(et.text)[0]
		}
		if ddicNumeric(typ.Kind) {
			return nil, sqlErrorf("LIKE cannot be used with the numeric column %s", column)
		}
		// A text literal loses its trailing blanks in ABAP, and so does the pattern.
		return wrap(sqlLike{typ: typ, column: column, pattern: []rune(strings.TrimRight(pt.text, " ")), escape: esc}), nil
	case t.kind == sqlWordTok && t.text == "IS" && !negate:
		p.next()
		isNot := false
		if p.isWord("NOT") {
			p.next()
			isNot = true
		}
		w := p.next()
		var c sqlCond
		switch {
		case w.kind == sqlWordTok && w.text == "NULL":
			c = sqlConst(false) // the simulator's columns are never NULL
		case w.kind == sqlWordTok && w.text == "INITIAL":
			c = sqlInitial{typ: typ, column: column}
		default:
			return nil, sqlErrorf("IS must be followed by NULL or INITIAL at position %d", w.pos+1)
		}
		if isNot {
			c = sqlNot{c}
		}
		return c, nil
	}
	if t.kind == sqlEndTok {
		return nil, sqlErrorf("the condition on %s is incomplete", column)
	}
	return nil, sqlErrorf("a comparison operator is expected after %s at position %d, found %q", column, t.pos+1, t.text)
}

// sqlLiteral converts a literal to a column's type as the database interface does.
func sqlLiteral(typ *protocol.Type, t sqlToken) (any, error) {
	text := t.text
	switch typ.Kind {
	case protocol.KindChar, protocol.KindString:
		// Compared as text; a literal longer than the column simply never matches.
		return strings.TrimRight(text, " "), nil
	case protocol.KindNumc:
		s := strings.TrimSpace(text)
		if s == "" {
			return typ.Initial(), nil
		}
		for _, r := range s {
			if r < '0' || r > '9' {
				return nil, sqlErrorf("%q cannot be compared with the NUMC column: it takes digits only", text)
			}
		}
		s = strings.TrimLeft(s, "0")
		if len(s) > typ.Length {
			return s, nil // more digits than the column: no row can match
		}
		return strings.Repeat("0", typ.Length-len(s)) + s, nil
	}
	v, err := protocol.Normalize(typ, text, "WHERE")
	if err != nil {
		return nil, sqlErrorf("%q cannot be compared with a %s column", text, typ)
	}
	return v, nil
}

func ddicNumeric(k protocol.Kind) bool {
	switch k {
	case protocol.KindInt1, protocol.KindInt2, protocol.KindInt4, protocol.KindInt8,
		protocol.KindFloat, protocol.KindDec, protocol.KindDecF16, protocol.KindDecF34:
		return true
	}
	return false
}

// ddicCompare orders two canonical values of a type: -1, 0 or 1. Character
// values compare without trailing blanks, as CHAR fields do.
func ddicCompare(t *protocol.Type, a, b any) int {
	switch t.Kind {
	case protocol.KindInt1, protocol.KindInt2, protocol.KindInt4, protocol.KindInt8:
		x, _ := a.(int64)
		y, _ := b.(int64)
		return cmp.Compare(x, y)
	case protocol.KindFloat:
		x, _ := a.(float64)
		y, _ := b.(float64)
		return cmp.Compare(x, y) // no NaN: FLTP has none, and JSON cannot carry one
	case protocol.KindDec, protocol.KindDecF16, protocol.KindDecF34:
		return ddicRat(a).Cmp(ddicRat(b))
	case protocol.KindRaw, protocol.KindXString:
		x, _ := a.([]byte)
		y, _ := b.([]byte)
		return bytes.Compare(x, y)
	}
	x, _ := a.(string)
	y, _ := b.(string)
	if t.Kind == protocol.KindChar {
		x, y = strings.TrimRight(x, " "), strings.TrimRight(y, " ")
	}
	return strings.Compare(x, y)
}

// ddicRat reads a canonical decimal (or a number) exactly; anything unreadable is zero.
func ddicRat(v any) *big.Rat {
	r := new(big.Rat)
	switch x := v.(type) {
	case protocol.Decimal:
		if _, ok := r.SetString(string(x)); !ok {
			return new(big.Rat)
		}
	case string:
		if _, ok := r.SetString(x); !ok {
			return new(big.Rat)
		}
	case int64:
		r.SetInt64(x)
	case float64:
		r.SetFloat64(x)
	}
	return r
}

func ddicRatInt(n int64) *big.Rat { return new(big.Rat).SetInt64(n) }

// ddicText renders a value as LIKE sees it: character values without trailing blanks.
func ddicText(t *protocol.Type, v any) string {
	s, ok := v.(string)
	if !ok {
		return fmt.Sprint(v)
	}
	if t.Kind == protocol.KindChar {
		return strings.TrimRight(s, " ")
	}
	return s
}

// inRange applies a selection range (rows of SIGN I/E, OPTION EQ NE CP NP
// BT NB GT GE LT LE, LOW, HIGH) the way SELECT ... IN range does: a value
// must match one row of sign I (when there is one) and no row of sign E.
// The BAPIs' ranges (BAPI_USER_GETLIST's SELECTION_RANGE, the flight
// BAPIs' date ranges) all go through it.
func inRange(value string, rows []any) bool {
	included, haveIncludes := false, false
	for _, row := range rows {
		r, _ := row.(map[string]any)
		sign, _ := r["SIGN"].(string)
		option, _ := r["OPTION"].(string)
		low, _ := r["LOW"].(string)
		high, _ := r["HIGH"].(string)
		var hit bool
		switch strings.ToUpper(option) {
		case "", "EQ":
			hit = value == low
		case "NE":
			hit = value != low
		case "CP":
			hit = core.WildcardMatch(strings.ReplaceAll(low, "+", "?"), value)
		case "NP":
			hit = !core.WildcardMatch(strings.ReplaceAll(low, "+", "?"), value)
		case "BT":
			hit = value >= low && value <= high
		case "NB":
			hit = value < low || value > high
		case "GT":
			hit = value > low
		case "GE":
			hit = value >= low
		case "LT":
			hit = value < low
		case "LE":
			hit = value <= low
		}
		if strings.ToUpper(sign) == "E" {
			if hit {
				return false
			}
			continue
		}
		haveIncludes = true
		included = included || hit
	}
	return included || !haveIncludes
}
