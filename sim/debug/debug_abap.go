package debug

import (
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
	"unicode/utf8"
)

// This file is a tiny ABAP interpreter: just enough of the language for the
// debugger's demo function modules (debug_programs.go) to run statement by
// statement, so that breakpoints, stepping and variable values behave as they
// do in SAP. The source text is real ABAP and is what the debugger shows; the
// interpreter runs that text, so the lines and the behaviour cannot drift apart.
//
// Supported, one statement per line: FUNCTION/ENDFUNCTION, FORM/ENDFORM with
// USING and CHANGING (both by reference), DATA name TYPE i|string|c [LENGTH n]
// [VALUE literal], CLEAR, assignments with + - * / DIV MOD and parentheses,
// string templates |...{ expr }...|, DO n TIMES/ENDDO with SY-INDEX,
// IF/ELSEIF/ELSE/ENDIF with one comparison, and PERFORM. ABAP's blanks around
// operators and parentheses are required, as the ABAP compiler requires them.

// abapKind is the type of a data object in the interpreted subset.
type abapKind int

const (
	abapInt    abapKind = iota // i (INT4)
	abapChar                   // c LENGTH n
	abapString                 // string
)

type abapType struct {
	kind    abapKind
	length  int    // characters, for abapChar
	display string // the type the debugger shows when it differs (D and T for SY-DATUM, SY-UZEIT)
}

func (t abapType) String() string {
	if t.display != "" {
		return t.display
	}
	switch t.kind {
	case abapChar:
		return fmt.Sprintf("C(%d)", t.length)
	case abapString:
		return "STRING"
	}
	return "I"
}

func (t abapType) initial() any {
	if t.kind == abapInt {
		return int64(0)
	}
	return ""
}

// dataObject is a variable. Parameters passed by reference share one object
// between caller and callee, which is how a FORM's CHANGING parameter writes
// through to the caller's variable.
type dataObject struct {
	typ   abapType
	value any // int64 for abapInt, string (without trailing blanks for abapChar) otherwise
}

// abapException is a class-based exception raised by a statement. Uncaught, it
// becomes the runtime error named in dump, which ends the session.
type abapException struct {
	class string
	dump  string
	text  string
}

func (e *abapException) Error() string { return e.class + ": " + e.text }

// abapSuperclasses lets exception breakpoints on a superclass stop, as in SAP.
var abapSuperclasses = map[string]string{
	"CX_SY_ZERODIVIDE":           "CX_SY_ARITHMETIC_ERROR",
	"CX_SY_ARITHMETIC_OVERFLOW":  "CX_SY_ARITHMETIC_ERROR",
	"CX_SY_ARITHMETIC_ERROR":     "CX_DYNAMIC_CHECK",
	"CX_SY_CONVERSION_NO_NUMBER": "CX_SY_CONVERSION_ERROR",
	"CX_SY_CONVERSION_OVERFLOW":  "CX_SY_CONVERSION_ERROR",
	"CX_SY_CONVERSION_ERROR":     "CX_DYNAMIC_CHECK",
	"CX_DYNAMIC_CHECK":           "CX_ROOT",
}

// isA reports whether class is cls or inherits from it.
func isA(class, cls string) bool {
	for c := class; c != ""; c = abapSuperclasses[c] {
		if c == cls {
			return true
		}
	}
	return false
}

func conversionNoNumber(s string) *abapException {
	return &abapException{class: "CX_SY_CONVERSION_NO_NUMBER", dump: "CONVT_NO_NUMBER",
		text: fmt.Sprintf("Unable to interpret %q as a number", s)}
}

// toInt converts an operand to type i, as ABAP's conversion rules for c and string do.
func toInt(v any) (int64, error) {
	switch x := v.(type) {
	case int64:
		return x, nil
	case string:
		s := strings.TrimSpace(x)
		if s == "" {
			return 0, nil
		}
		neg := false
		switch {
		case strings.HasSuffix(s, "-"): // ABAP writes the sign last
			neg, s = true, strings.TrimSpace(strings.TrimSuffix(s, "-"))
		case strings.HasPrefix(s, "-"):
			neg, s = true, s[1:]
		case strings.HasPrefix(s, "+"):
			s = s[1:]
		}
		n, err := strconv.ParseInt(s, 10, 64)
		if err != nil {
			return 0, conversionNoNumber(x)
		}
		if neg {
			n = -n
		}
		if n < math.MinInt32 || n > math.MaxInt32 {
			return 0, &abapException{class: "CX_SY_CONVERSION_OVERFLOW", dump: "CONVT_OVERFLOW",
				text: fmt.Sprintf("%q does not fit type I", x)}
		}
		return n, nil
	}
	return 0, fmt.Errorf("cannot convert %T to an integer", v)
}

// toText renders a value as a string template embeds it: integers with a leading
// minus, character fields without trailing blanks.
func toText(v any) string {
	switch x := v.(type) {
	case int64:
		return strconv.FormatInt(x, 10)
	case string:
		return x
	}
	return fmt.Sprint(v)
}

// assign moves v into o with ABAP's conversion rules for the target's type.
func (o *dataObject) assign(v any) error {
	switch o.typ.kind {
	case abapInt:
		n, err := toInt(v)
		if err != nil {
			return err
		}
		o.value = n
	case abapChar:
		s, ok := v.(string)
		if n, isInt := v.(int64); isInt {
			s, ok = intToChar(n, o.typ.length), true
		}
		if !ok {
			return fmt.Errorf("cannot assign %T to type C", v)
		}
		if utf8.RuneCountInString(s) > o.typ.length {
			s = string([]rune(s)[:o.typ.length])
		}
		o.value = strings.TrimRight(s, " ")
	case abapString:
		if n, isInt := v.(int64); isInt {
			// Type i to string: the sign goes last, and a positive number has none.
			if n < 0 {
				o.value = strconv.FormatInt(-n, 10) + "-"
			} else {
				o.value = strconv.FormatInt(n, 10)
			}
			return nil
		}
		o.value = toText(v)
	}
	return nil
}

// intToChar formats an integer into a character field as ABAP does: right-aligned,
// the sign (or a blank) last, and "*" in front when the digits do not fit.
func intToChar(n int64, length int) string {
	sign := " "
	if n < 0 {
		sign, n = "-", -n
	}
	s := strconv.FormatInt(n, 10) + sign
	if len(s) > length {
		return "*" + s[len(s)-length+1:]
	}
	return strings.Repeat(" ", length-len(s)) + s
}

// ---- expressions ----

type abapExpr interface {
	eval(lookup func(string) (*dataObject, error)) (any, error)
}

type literalExpr struct{ value any }

func (e literalExpr) eval(func(string) (*dataObject, error)) (any, error) { return e.value, nil }

type variableExpr struct{ name string }

func (e variableExpr) eval(lookup func(string) (*dataObject, error)) (any, error) {
	o, err := lookup(e.name)
	if err != nil {
		return nil, err
	}
	return o.value, nil
}

type binaryExpr struct {
	op   string
	l, r abapExpr
}

// overflowDumps names the runtime error of an overflowing integer operation.
var overflowDumps = map[string]string{"+": "COMPUTE_INT_PLUS_OVERFLOW", "-": "COMPUTE_INT_MINUS_OVERFLOW",
	"*": "COMPUTE_INT_TIMES_OVERFLOW", "/": "COMPUTE_INT_DIV_OVERFLOW", "DIV": "COMPUTE_INT_DIV_OVERFLOW", "MOD": "COMPUTE_INT_DIV_OVERFLOW"}

func (e binaryExpr) eval(lookup func(string) (*dataObject, error)) (any, error) {
	lv, err := e.l.eval(lookup)
	if err != nil {
		return nil, err
	}
	rv, err := e.r.eval(lookup)
	if err != nil {
		return nil, err
	}
	a, err := toInt(lv)
	if err != nil {
		return nil, err
	}
	b, err := toInt(rv)
	if err != nil {
		return nil, err
	}
	var n int64
	switch e.op {
	case "+":
		n = a + b
	case "-":
		n = a - b
	case "*":
		n = a * b
	case "/", "DIV", "MOD":
		if b == 0 {
			if a == 0 && e.op == "/" {
				return int64(0), nil // ABAP defines 0 / 0 as 0
			}
			return nil, &abapException{class: "CX_SY_ZERODIVIDE", dump: "COMPUTE_INT_ZERODIVIDE", text: "Division by zero"}
		}
		switch e.op {
		case "/":
			n = roundedQuotient(a, b) // type i divides with commercial rounding
		case "DIV":
			n = floorDiv(a, b)
		default:
			n = a - floorDiv(a, b)*b
		}
	}
	if n < math.MinInt32 || n > math.MaxInt32 {
		return nil, &abapException{class: "CX_SY_ARITHMETIC_OVERFLOW", dump: overflowDumps[e.op],
			text: fmt.Sprintf("Overflow in the operation %d %s %d", a, e.op, b)}
	}
	return n, nil
}

func roundedQuotient(a, b int64) int64 {
	q := math.Round(float64(a) / float64(b))
	return int64(q)
}

// floorDiv is ABAP's DIV: the integer part chosen so that MOD is never negative.
func floorDiv(a, b int64) int64 {
	q := a / b
	if a-q*b < 0 {
		if b > 0 {
			q--
		} else {
			q++
		}
	}
	return q
}

type templateExpr struct{ parts []abapExpr }

func (e templateExpr) eval(lookup func(string) (*dataObject, error)) (any, error) {
	var b strings.Builder
	for _, p := range e.parts {
		v, err := p.eval(lookup)
		if err != nil {
			return nil, err
		}
		b.WriteString(toText(v))
	}
	return b.String(), nil
}

// abapCondition is a single comparison, as IF, ELSEIF and breakpoint conditions use it.
type abapCondition struct {
	op   string
	l, r abapExpr
}

func (c *abapCondition) holds(lookup func(string) (*dataObject, error)) (bool, error) {
	lv, err := c.l.eval(lookup)
	if err != nil {
		return false, err
	}
	rv, err := c.r.eval(lookup)
	if err != nil {
		return false, err
	}
	var cmp int
	_, lInt := lv.(int64)
	_, rInt := rv.(int64)
	if lInt || rInt {
		a, err := toInt(lv)
		if err != nil {
			return false, err
		}
		b, err := toInt(rv)
		if err != nil {
			return false, err
		}
		cmp = compareInts(a, b)
	} else {
		// Character comparison ignores trailing blanks, as for type c.
		cmp = strings.Compare(strings.TrimRight(toText(lv), " "), strings.TrimRight(toText(rv), " "))
	}
	switch c.op {
	case "=", "EQ":
		return cmp == 0, nil
	case "<>", "NE":
		return cmp != 0, nil
	case "<", "LT":
		return cmp < 0, nil
	case ">", "GT":
		return cmp > 0, nil
	case "<=", "LE":
		return cmp <= 0, nil
	case ">=", "GE":
		return cmp >= 0, nil
	}
	return false, fmt.Errorf("unknown comparison %s", c.op)
}

func compareInts(a, b int64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

var comparisonOps = map[string]bool{"=": true, "EQ": true, "<>": true, "NE": true, "<": true, "LT": true,
	">": true, "GT": true, "<=": true, "LE": true, ">=": true, "GE": true}

// parseCondition reads "operand op operand".
func parseCondition(tokens []string) (*abapCondition, error) {
	for i, t := range tokens {
		if comparisonOps[strings.ToUpper(t)] {
			l, err := parseExpr(tokens[:i])
			if err != nil {
				return nil, err
			}
			r, err := parseExpr(tokens[i+1:])
			if err != nil {
				return nil, err
			}
			return &abapCondition{op: strings.ToUpper(t), l: l, r: r}, nil
		}
	}
	return nil, fmt.Errorf("no comparison operator in %q", strings.Join(tokens, " "))
}

// tokenize splits a statement at blanks, keeping literals and templates whole.
func tokenize(s string) ([]string, error) {
	var out []string
	i := 0
	for i < len(s) {
		if s[i] == ' ' || s[i] == '\t' {
			i++
			continue
		}
		start := i
		switch s[i] {
		case '\'', '`', '|':
			q := s[i]
			i++
			for ; i < len(s); i++ {
				if q == '|' && s[i] == '\\' {
					i++ // an escaped character inside a template
					continue
				}
				if s[i] == q {
					if q != '|' && i+1 < len(s) && s[i+1] == q {
						i++ // a doubled quote stands for itself
						continue
					}
					break
				}
			}
			if i >= len(s) {
				return nil, fmt.Errorf("unterminated literal in %q", s)
			}
			i++
		default:
			for i < len(s) && s[i] != ' ' && s[i] != '\t' {
				i++
			}
		}
		out = append(out, s[start:i])
	}
	return out, nil
}

// parseExpr parses arithmetic with ABAP's precedence: * / DIV MOD before + -.
func parseExpr(tokens []string) (abapExpr, error) {
	p := &exprParser{tokens: tokens}
	e, err := p.sum()
	if err != nil {
		return nil, err
	}
	if p.pos != len(tokens) {
		return nil, fmt.Errorf("unexpected %q in %q", tokens[p.pos], strings.Join(tokens, " "))
	}
	return e, nil
}

type exprParser struct {
	tokens []string
	pos    int
}

func (p *exprParser) peek() string {
	if p.pos < len(p.tokens) {
		return strings.ToUpper(p.tokens[p.pos])
	}
	return ""
}

func (p *exprParser) sum() (abapExpr, error) {
	l, err := p.product()
	if err != nil {
		return nil, err
	}
	for op := p.peek(); op == "+" || op == "-"; op = p.peek() {
		p.pos++
		r, err := p.product()
		if err != nil {
			return nil, err
		}
		l = binaryExpr{op: op, l: l, r: r}
	}
	return l, nil
}

func (p *exprParser) product() (abapExpr, error) {
	l, err := p.operand()
	if err != nil {
		return nil, err
	}
	for op := p.peek(); op == "*" || op == "/" || op == "DIV" || op == "MOD"; op = p.peek() {
		p.pos++
		r, err := p.operand()
		if err != nil {
			return nil, err
		}
		l = binaryExpr{op: op, l: l, r: r}
	}
	return l, nil
}

func (p *exprParser) operand() (abapExpr, error) {
	if p.pos >= len(p.tokens) {
		return nil, errors.New("an operand is missing")
	}
	t := p.tokens[p.pos]
	p.pos++
	switch {
	case t == "(":
		e, err := p.sum()
		if err != nil {
			return nil, err
		}
		if p.peek() != ")" {
			return nil, errors.New("a closing parenthesis is missing")
		}
		p.pos++
		return e, nil
	case t[0] == '\'':
		return literalExpr{strings.ReplaceAll(t[1:len(t)-1], "''", "'")}, nil
	case t[0] == '`':
		return literalExpr{strings.ReplaceAll(t[1:len(t)-1], "``", "`")}, nil
	case t[0] == '|':
		return parseTemplate(t[1 : len(t)-1])
	case t[0] == '-' || (t[0] >= '0' && t[0] <= '9'):
		n, err := strconv.ParseInt(t, 10, 32)
		if err != nil {
			return nil, fmt.Errorf("bad number %q", t)
		}
		return literalExpr{n}, nil
	}
	return variableExpr{strings.ToUpper(t)}, nil
}

// parseTemplate splits |text { expr } text| into its parts.
func parseTemplate(body string) (abapExpr, error) {
	var parts []abapExpr
	var text strings.Builder
	for i := 0; i < len(body); i++ {
		switch c := body[i]; c {
		case '\\':
			if i+1 < len(body) {
				i++
				switch body[i] {
				case 'n':
					text.WriteByte('\n')
				case 't':
					text.WriteByte('\t')
				default:
					text.WriteByte(body[i])
				}
			}
		case '{':
			end := strings.IndexByte(body[i:], '}')
			if end < 0 {
				return nil, errors.New("an embedded expression is not closed")
			}
			tokens, err := tokenize(body[i+1 : i+end])
			if err != nil {
				return nil, err
			}
			e, err := parseExpr(tokens)
			if err != nil {
				return nil, err
			}
			if text.Len() > 0 {
				parts = append(parts, literalExpr{text.String()})
				text.Reset()
			}
			parts = append(parts, e)
			i += end
		default:
			text.WriteByte(c)
		}
	}
	if text.Len() > 0 {
		parts = append(parts, literalExpr{text.String()})
	}
	return templateExpr{parts}, nil
}

// ---- statements and programs ----

// abapStatement is one executable (or block-closing) statement.
type abapStatement struct {
	line    int
	text    string // the source line, for the debugger's display
	keyword string // FUNCTION, FORM, COMPUTE (assignments), DO, IF, PERFORM, ...
	// stoppable statements are where the debugger can halt; ELSE and ENDIF are not.
	stoppable bool

	target   string // COMPUTE, CLEAR
	expr     abapExpr
	cond     *abapCondition
	callee   string     // PERFORM
	using    []abapExpr // PERFORM actuals: variableExpr passes by reference
	changing []abapExpr
	next     int // IF/ELSEIF: index of the next branch; DO: index of its ENDDO; ENDDO: index of its DO
	endif    int // IF/ELSEIF/ELSE: index of the block's ENDIF
}

// abapVariable is a local of a procedure: a parameter or a DATA declaration.
type abapVariable struct {
	name  string
	kind  string // IMPORTING, EXPORTING, CHANGING, USING, DATA
	typ   abapType
	value any // DATA ... VALUE
}

// abapProcedure is a function module or a FORM.
type abapProcedure struct {
	kind    string // FUNCTION or FORM
	name    string
	include string
	formals []abapVariable // FORM parameters, in order: USING then CHANGING
	data    []abapVariable
	stmts   []*abapStatement // from the FUNCTION/FORM statement to its END statement
}

// abapInclude is one source unit; line numbers count from 1 within it.
type abapInclude struct {
	name  string
	lines []string
}

// abapProgram is a main program (here a function group's SAPL program) and its includes.
type abapProgram struct {
	name     string
	includes []*abapInclude
	procs    map[string]*abapProcedure
}

func (p *abapProgram) include(name string) *abapInclude {
	for _, inc := range p.includes {
		if inc.name == name {
			return inc
		}
	}
	return nil
}

// stoppableAt reports whether an include has a statement the debugger can halt at on a line.
func (p *abapProgram) stoppableAt(include string, line int) bool {
	for _, proc := range p.procs {
		if proc.include != include {
			continue
		}
		for _, st := range proc.stmts {
			if st.line == line && st.stoppable {
				return true
			}
		}
	}
	return false
}

// parseABAPProgram parses the includes of a program; it panics on a syntax error,
// since the sources are part of the simulator.
func parseABAPProgram(name string, includes ...*abapInclude) *abapProgram {
	p := &abapProgram{name: name, includes: includes, procs: map[string]*abapProcedure{}}
	for _, inc := range includes {
		if err := p.parseInclude(inc); err != nil {
			panic(fmt.Sprintf("%s: %v", inc.name, err))
		}
	}
	return p
}

// statementText strips a trailing comment and the closing period.
func statementText(line string) (string, bool) {
	if strings.HasPrefix(line, "*") {
		return "", false
	}
	inQuote := byte(0)
	for i := 0; i < len(line); i++ {
		c := line[i]
		switch {
		case inQuote != 0:
			if c == '\\' && inQuote == '|' {
				i++
			} else if c == inQuote {
				inQuote = 0
			}
		case c == '\'' || c == '`' || c == '|':
			inQuote = c
		case c == '"':
			line = line[:i]
		}
	}
	s := strings.TrimSpace(line)
	if s == "" {
		return "", false
	}
	return strings.TrimSuffix(s, "."), true
}

func parseABAPType(tokens []string) (abapType, []string, error) {
	if len(tokens) < 2 || !strings.EqualFold(tokens[0], "TYPE") {
		return abapType{}, tokens, errors.New("TYPE expected")
	}
	rest := tokens[2:]
	switch strings.ToUpper(tokens[1]) {
	case "I", "INT4":
		return abapType{kind: abapInt}, rest, nil
	case "STRING":
		return abapType{kind: abapString}, rest, nil
	case "C":
		t := abapType{kind: abapChar, length: 1}
		if len(rest) >= 2 && strings.EqualFold(rest[0], "LENGTH") {
			n, err := strconv.Atoi(rest[1])
			if err != nil {
				return abapType{}, tokens, err
			}
			t.length, rest = n, rest[2:]
		}
		return t, rest, nil
	case "CHAR1":
		return abapType{kind: abapChar, length: 1}, rest, nil
	}
	return abapType{}, tokens, fmt.Errorf("type %s is not supported", tokens[1])
}

func (p *abapProgram) parseInclude(inc *abapInclude) error {
	var proc *abapProcedure
	type block struct {
		keyword  string
		branches []int
	}
	var blocks []block
	for i, raw := range inc.lines {
		lineNo := i + 1
		text, ok := statementText(raw)
		if !ok {
			continue
		}
		tokens, err := tokenize(text)
		if err != nil {
			return fmt.Errorf("line %d: %v", lineNo, err)
		}
		kw := strings.ToUpper(tokens[0])
		if len(tokens) > 1 && tokens[1] == "=" {
			kw = "COMPUTE"
		}
		st := &abapStatement{line: lineNo, text: strings.TrimRight(raw, " "), keyword: kw, stoppable: true}
		fail := func(format string, args ...any) error {
			return fmt.Errorf("line %d: %s", lineNo, fmt.Sprintf(format, args...))
		}
		if proc == nil && kw != "FUNCTION" && kw != "FORM" {
			return fail("statement outside a procedure")
		}
		switch kw {
		case "FUNCTION", "FORM":
			if proc != nil {
				return fail("%s inside %s", kw, proc.name)
			}
			proc = &abapProcedure{kind: kw, name: strings.ToUpper(tokens[1]), include: inc.name}
			if kw == "FORM" {
				kind := ""
				for rest := tokens[2:]; len(rest) > 0; {
					switch up := strings.ToUpper(rest[0]); up {
					case "USING", "CHANGING":
						kind, rest = up, rest[1:]
						continue
					}
					if kind == "" {
						return fail("USING or CHANGING expected")
					}
					v := abapVariable{name: strings.ToUpper(rest[0]), kind: kind}
					rest = rest[1:]
					if len(rest) > 0 && strings.EqualFold(rest[0], "TYPE") {
						if v.typ, rest, err = parseABAPType(rest); err != nil {
							return fail("%v", err)
						}
					}
					proc.formals = append(proc.formals, v)
				}
			}
		case "ENDFUNCTION", "ENDFORM":
			if len(blocks) > 0 {
				return fail("%s before %s is closed", kw, blocks[len(blocks)-1].keyword)
			}
			proc.stmts = append(proc.stmts, st)
			p.procs[proc.name] = proc
			proc = nil
			continue
		case "DATA":
			if len(tokens) < 4 {
				return fail("DATA name TYPE type expected")
			}
			v := abapVariable{name: strings.ToUpper(tokens[1]), kind: "DATA"}
			rest := tokens[2:]
			if v.typ, rest, err = parseABAPType(rest); err != nil {
				return fail("%v", err)
			}
			v.value = v.typ.initial()
			if len(rest) == 2 && strings.EqualFold(rest[0], "VALUE") {
				e, err := parseExpr(rest[1:])
				if err != nil {
					return fail("%v", err)
				}
				lit, isLit := e.(literalExpr)
				if !isLit {
					return fail("VALUE takes a literal")
				}
				o := &dataObject{typ: v.typ}
				if err := o.assign(lit.value); err != nil {
					return fail("%v", err)
				}
				v.value = o.value
			}
			proc.data = append(proc.data, v)
			continue // a declaration, not a statement the program executes
		case "COMPUTE":
			st.target = strings.ToUpper(tokens[0])
			if st.expr, err = parseExpr(tokens[2:]); err != nil {
				return fail("%v", err)
			}
		case "CLEAR":
			if len(tokens) != 2 {
				return fail("CLEAR takes one variable")
			}
			st.target = strings.ToUpper(tokens[1])
		case "DO":
			if len(tokens) < 3 || !strings.EqualFold(tokens[len(tokens)-1], "TIMES") {
				return fail("DO n TIMES expected")
			}
			if st.expr, err = parseExpr(tokens[1 : len(tokens)-1]); err != nil {
				return fail("%v", err)
			}
			blocks = append(blocks, block{keyword: "DO", branches: []int{len(proc.stmts)}})
		case "ENDDO":
			if len(blocks) == 0 || blocks[len(blocks)-1].keyword != "DO" {
				return fail("ENDDO without DO")
			}
			do := blocks[len(blocks)-1].branches[0]
			blocks = blocks[:len(blocks)-1]
			proc.stmts[do].next = len(proc.stmts)
			st.next = do
		case "IF", "ELSEIF":
			if st.cond, err = parseCondition(tokens[1:]); err != nil {
				return fail("%v", err)
			}
			if kw == "IF" {
				blocks = append(blocks, block{keyword: "IF"})
			}
			fallthrough
		case "ELSE":
			if len(blocks) == 0 || blocks[len(blocks)-1].keyword != "IF" {
				return fail("%s without IF", kw)
			}
			blocks[len(blocks)-1].branches = append(blocks[len(blocks)-1].branches, len(proc.stmts))
			st.stoppable = kw != "ELSE"
		case "ENDIF":
			if len(blocks) == 0 || blocks[len(blocks)-1].keyword != "IF" {
				return fail("ENDIF without IF")
			}
			b := blocks[len(blocks)-1]
			blocks = blocks[:len(blocks)-1]
			end := len(proc.stmts)
			for j, br := range b.branches {
				next := end
				if j+1 < len(b.branches) {
					next = b.branches[j+1]
				}
				proc.stmts[br].next = next
				proc.stmts[br].endif = end
			}
			st.stoppable = false
		case "PERFORM":
			st.callee = strings.ToUpper(tokens[1])
			var dst *[]abapExpr
			for _, t := range tokens[2:] {
				switch strings.ToUpper(t) {
				case "USING":
					dst = &st.using
					continue
				case "CHANGING":
					dst = &st.changing
					continue
				}
				if dst == nil {
					return fail("USING or CHANGING expected")
				}
				e, err := parseExpr([]string{t})
				if err != nil {
					return fail("%v", err)
				}
				*dst = append(*dst, e)
			}
		default:
			return fail("statement %s is not supported by the simulator", kw)
		}
		proc.stmts = append(proc.stmts, st)
	}
	if proc != nil {
		return fmt.Errorf("%s %s is not closed", proc.kind, proc.name)
	}
	return nil
}
