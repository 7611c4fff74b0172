package protocol

import (
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"math"
	"math/big"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/wsrfc/wsrfc/internal/lazyre"
)

// Values as Go holds them between the wire and their users (the simulator's
// function modules, the JS binding): CHAR, NUMC, DATS, TIMS and STRING are string;
// INT1..INT8 are int64; FLTP is float64; DEC and DF16/DF34 are Decimal; RAW and
// XSTRING are []byte; UTCLONG is a string "YYYY-MM-DDThh:mm:ss.fffffff" (UTC,
// 100 ns); structures are map[string]any; tables are []any.
//
// On the wire (typed profile) they are JSON strings, numbers, base64 strings
// (bytes), decimal strings (exact), objects and arrays; docs/protocol.md has the table.

// Decimal is an exact decimal number in plain text ("-1234.50", "1E-383").
type Decimal string

// Initial returns the initial value of t, as ABAP initialises a data object.
func (t *Type) Initial() any {
	switch t.Kind {
	case KindChar, KindString:
		return ""
	case KindNumc:
		return strings.Repeat("0", t.Length)
	case KindDate:
		return "00000000"
	case KindTime:
		return "000000"
	case KindInt1, KindInt2, KindInt4, KindInt8:
		return int64(0)
	case KindFloat:
		return float64(0)
	case KindDec:
		return Decimal(formatFixed(new(big.Rat), t.Decimals))
	case KindDecF16, KindDecF34:
		return Decimal("0")
	case KindRaw:
		return make([]byte, t.Length)
	case KindXString:
		return []byte{}
	case KindUTCLong:
		return UTCLongInitial
	case KindStruct:
		m := make(map[string]any, len(t.Fields))
		for i := range t.Fields {
			m[t.Fields[i].Name] = t.Fields[i].Type.Initial()
		}
		return m
	case KindTable:
		return []any{}
	}
	return nil
}

// unnamed is the path of a value converted before its name is known; an error
// is then recomputed with the real path (see the KindTable case of normalize).
const unnamed = "\x00"

// childPath names a structure component in errors.
func childPath(path, field string) string {
	if path == unnamed {
		return unnamed
	}
	return path + "." + field
}

// conflict builds the error for a value that does not fit its type.
func conflict(path string, format string, args ...any) *Error {
	return &Error{
		Code:    CodeTypeConflict,
		Message: fmt.Sprintf("%s: %s", path, CutLongWords(fmt.Sprintf(format, args...))),
		Details: &ErrorDetails{Parameter: path},
	}
}

// longWord is a run of text too long to repeat whole in an error message.
var longWord = lazyre.New(`\S{81,}`)

// CutLongWords shortens each run of more than 80 non-space characters (a
// value echoed in a message: 10,000 digits, a base64 blob) to its first 60,
// saying how long it was, so that a bad value cannot make a 100 KB message.
func CutLongWords(msg string) string {
	return longWord().ReplaceAllStringFunc(msg, func(w string) string {
		r := []rune(w)
		if len(r) <= 80 {
			return w
		}
		return fmt.Sprintf("%s…(%d characters)", string(r[:60]), len(r))
	})
}

// UnknownField builds the error for a structure component that does not exist.
func UnknownField(path, field string) *Error {
	p := path + "." + field
	return &Error{
		Code:    CodeParamUnknown,
		Message: fmt.Sprintf("field '%s' not found in %s", field, path),
		Details: &ErrorDetails{Parameter: p},
	}
}

// Normalize converts a loosely typed Go value into the canonical value of t,
// checking that nothing is lost on the way: a value that ABAP would truncate,
// round or misread is rejected with TYPE_CONFLICT, an unknown structure field
// with PARAM_UNKNOWN. path names the value in errors (PARAM.FIELD[2].X).
//
// Accepted inputs beyond the canonical ones: json.Number, int/float kinds and
// *big.Int for numbers; numbers for CHAR/NUMC/STRING; numeric strings for
// integers and floats; "YYYY-MM-DD" dates and "HH:MM:SS" times; hex strings for
// RAW/XSTRING (wire input is base64 and goes through FromWire instead); nil as initial.
func Normalize(t *Type, v any, path string) (any, error) {
	return normalize(t, v, path, false)
}

// FromWire decodes a value received as JSON (decoded with UseNumber) into the
// canonical value of t; bytes arrive as base64.
func FromWire(t *Type, v any, path string) (any, error) {
	return normalize(t, v, path, true)
}

func normalize(t *Type, v any, path string, wire bool) (any, error) {
	if v == nil {
		return t.Initial(), nil
	}
	switch t.Kind {
	case KindChar, KindString:
		s, err := textOf(v, path)
		if err != nil {
			return nil, err
		}
		if t.Kind == KindChar {
			s = strings.TrimRight(s, " ")
			// ABAP counts UTF-16 code units: a character beyond the BMP (an
			// emoji) takes two of a CHAR's places. Counting is needed only when
			// the bytes could be too many, as no unit takes less than a byte.
			if t.Length > 0 && len(s) > t.Length {
				if n := utf16Length(s); n > t.Length {
					return nil, conflict(path, "%d characters do not fit CHAR(%d)", n, t.Length)
				}
			}
		}
		if in, ok := v.(string); ok && len(in) == len(s) {
			return v, nil // the same string: boxing it again would allocate for every field of a large table
		}
		return s, nil
	case KindNumc:
		s, err := textOf(v, path)
		if err != nil {
			return nil, err
		}
		s = strings.TrimSpace(s)
		for _, r := range s {
			if r < '0' || r > '9' {
				return nil, conflict(path, "NUMC takes digits only, got %q", s)
			}
		}
		if len(s) > t.Length {
			trimmed := strings.TrimLeft(s, "0")
			if len(trimmed) > t.Length {
				return nil, conflict(path, "%d digits do not fit NUMC(%d)", len(trimmed), t.Length)
			}
			s = trimmed
		}
		return strings.Repeat("0", t.Length-len(s)) + s, nil
	case KindDate:
		return dateOf(v, path)
	case KindTime:
		return timeOf(v, path)
	case KindInt1, KindInt2, KindInt4, KindInt8:
		n, err := intOf(v, path)
		if err != nil {
			return nil, err
		}
		lo, hi := intRange(t.Kind)
		if n < lo || n > hi {
			return nil, conflict(path, "%d is outside the range of %s (%d..%d)", n, t.Kind, lo, hi)
		}
		return n, nil
	case KindFloat:
		return floatOf(v, path)
	case KindDec:
		return decOf(t, v, path)
	case KindDecF16, KindDecF34:
		return decFloatOf(t, v, path)
	case KindUTCLong:
		return utclongOf(v, path)
	case KindRaw, KindXString:
		b, err := bytesOf(v, path, wire)
		if err != nil {
			return nil, err
		}
		if t.Kind == KindRaw {
			if len(b) > t.Length {
				return nil, conflict(path, "%d bytes do not fit RAW(%d)", len(b), t.Length)
			}
			if len(b) < t.Length {
				padded := make([]byte, t.Length)
				copy(padded, b)
				b = padded
			}
		}
		return b, nil
	case KindStruct:
		in, ok := v.(map[string]any)
		if !ok {
			return nil, conflict(path, "a structure (object) is expected, got %s", describe(v))
		}
		if err := knownFields(t, in, path); err != nil {
			return nil, err
		}
		out := make(map[string]any, len(t.Fields))
		for i := range t.Fields {
			f := &t.Fields[i]
			val, err := normalize(&f.Type, in[f.Name], childPath(path, f.Name), wire)
			if err != nil {
				return nil, err
			}
			out[f.Name] = val
		}
		return out, nil
	case KindTable:
		rows, ok := v.([]any)
		if !ok {
			return nil, conflict(path, "a table (array) is expected, got %s", describe(v))
		}
		out := make([]any, len(rows))
		for i, row := range rows {
			// Naming every row and field up front would cost more than converting
			// them; the path is built only when a row fails, by converting it again.
			val, err := normalize(t.Line, row, unnamed, wire)
			if err != nil {
				if _, named := normalize(t.Line, row, fmt.Sprintf("%s[%d]", path, i), wire); named != nil {
					err = named
				}
				return nil, err
			}
			out[i] = val
		}
		return out, nil
	}
	return nil, conflict(path, "unsupported type %s", t.Kind)
}

// knownFields refuses a member of in that structure t does not have.
func knownFields(t *Type, in map[string]any, path string) error {
	// Of several unknown names the first in order is named, so that the
	// error does not change with the map's order from run to run.
	unknown, found := "", false
	for name := range in {
		if t.Field(name) == nil && (!found || name < unknown) {
			unknown, found = name, true
		}
	}
	if !found {
		return nil
	}
	e := UnknownField(path, unknown)
	names := make([]string, len(t.Fields))
	for i := range t.Fields {
		names[i] = t.Fields[i].Name
	}
	if near := Nearest(unknown, names); near != "" {
		e.Message += "; did you mean " + near + "?"
	}
	return e
}

// AppendRows decodes the rows of a table of line type line, received as
// JSON, and appends their canonical values to dst flat, without a map per
// row: the fields of a structure line in the line's order, or the one value
// of an elementary line. It is FromWire for a caller that keeps rows in a
// form of its own (a large table arriving frame by frame); path and first
// (the place of rows[0] in the whole table) name a row that does not fit.
func AppendRows(dst []any, line *Type, rows []any, path string, first int) ([]any, error) {
	width := 1
	if line.Kind == KindStruct {
		width = len(line.Fields)
	}
	dst = slices.Grow(dst, len(rows)*width)
	for i, row := range rows {
		var err error
		if dst, err = appendRowAt(dst, line, row, path, first+i); err != nil {
			return dst, err
		}
	}
	return dst, nil
}

// appendRowAt is appendRow for row index of table path: the row is converted
// without a name, and only one that does not fit is converted again with its
// name, as the KindTable case of normalize does.
func appendRowAt(dst []any, line *Type, row any, path string, index int) ([]any, error) {
	dst, err := appendRow(dst, line, row, unnamed)
	if err != nil {
		if _, named := appendRow(nil, line, row, fmt.Sprintf("%s[%d]", path, index)); named != nil {
			err = named
		}
	}
	return dst, err
}

func appendRow(dst []any, line *Type, row any, path string) ([]any, error) {
	if line.Kind != KindStruct || row == nil {
		v, err := normalize(line, row, path, true)
		if err != nil {
			return dst, err
		}
		if line.Kind != KindStruct {
			return append(dst, v), nil
		}
		row = v // an initial structure
	}
	in, ok := row.(map[string]any)
	if !ok {
		return dst, conflict(path, "a structure (object) is expected, got %s", describe(row))
	}
	if err := knownFields(line, in, path); err != nil {
		return dst, err
	}
	for i := range line.Fields {
		f := &line.Fields[i]
		v, err := normalize(&f.Type, in[f.Name], childPath(path, f.Name), true)
		if err != nil {
			return dst, err
		}
		dst = append(dst, v)
	}
	return dst, nil
}

// ToWire renders a value of t for JSON, normalising it first. CHAR values lose
// their trailing blanks, bytes become base64, decimals stay exact strings.
func ToWire(t *Type, v any, path string) (any, error) {
	n, err := normalize(t, v, path, false)
	if err != nil {
		return nil, err
	}
	return wireOf(t, n), nil
}

// wireOf renders an already canonical value.
func wireOf(t *Type, v any) any {
	switch t.Kind {
	case KindRaw, KindXString:
		return base64.StdEncoding.EncodeToString(v.([]byte))
	case KindDec, KindDecF16, KindDecF34:
		return string(v.(Decimal))
	case KindStruct:
		in := v.(map[string]any)
		out := make(map[string]any, len(in))
		for i := range t.Fields {
			f := &t.Fields[i]
			out[f.Name] = wireOf(&f.Type, in[f.Name])
		}
		return out
	case KindTable:
		in := v.([]any)
		out := make([]any, len(in))
		for i, row := range in {
			out[i] = wireOf(t.Line, row)
		}
		return out
	}
	return v
}

// utf16Length is the length of s in UTF-16 code units, as ABAP's strlen counts.
func utf16Length(s string) int {
	n := 0
	for _, r := range s {
		n++
		if r > 0xFFFF {
			n++
		}
	}
	return n
}

func describe(v any) string {
	switch v.(type) {
	case string:
		return "a string"
	case map[string]any:
		return "an object"
	case []any:
		return "an array"
	case bool:
		return "a boolean"
	case []byte:
		return "bytes"
	case json.Number, float64, float32, int, int64, int32, *big.Int:
		return "a number"
	case time.Time:
		return "a Date"
	}
	// Go type names mean nothing to the person who wrote the value.
	return "a value of another kind"
}

func textOf(v any, path string) (string, error) {
	if x, ok := v.(float64); ok && (math.IsNaN(x) || math.IsInf(x, 0)) {
		return "", conflict(path, "%s is not a number ABAP can hold", JSNumber(x))
	}
	if s, ok := ScalarText(v); ok {
		return s, nil
	}
	return "", conflict(path, "text is expected, got %s", describe(v))
}

// ScalarText is the text ABAP makes of a scalar assigned to a character
// field: numbers in plain decimal notation, true as "X" and false as ""
// (ABAP's boolean is CHAR1 'X' or ' '). It reports false for anything that
// is not a scalar, nil included.
func ScalarText(v any) (string, bool) {
	switch x := v.(type) {
	case string:
		return x, true
	case bool:
		if x {
			return "X", true
		}
		return "", true
	case json.Number:
		return x.String(), true
	case int:
		return strconv.Itoa(x), true
	case int64:
		return strconv.FormatInt(x, 10), true
	case float64:
		return strconv.FormatFloat(x, 'f', -1, 64), true
	case *big.Int:
		return x.String(), true
	case Decimal:
		return string(x), true
	}
	return "", false
}

func dateOf(v any, path string) (any, error) {
	if t, ok := v.(time.Time); ok {
		return t.Format("20060102"), nil
	}
	s, err := textOf(v, path)
	if err != nil {
		return nil, err
	}
	s = strings.TrimSpace(s)
	if len(s) == 10 && s[4] == '-' && s[7] == '-' {
		s = s[:4] + s[5:7] + s[8:]
	}
	if s == "" {
		return "00000000", nil
	}
	if len(s) != 8 || !allDigits(s) {
		return nil, conflict(path, "a date YYYYMMDD is expected, got %q", s)
	}
	return s, nil
}

func timeOf(v any, path string) (any, error) {
	if t, ok := v.(time.Time); ok {
		return t.Format("150405"), nil
	}
	s, err := textOf(v, path)
	if err != nil {
		return nil, err
	}
	s = strings.TrimSpace(s)
	if len(s) == 8 && s[2] == ':' && s[5] == ':' {
		s = s[:2] + s[3:5] + s[6:]
	}
	if s == "" {
		return "000000", nil
	}
	if len(s) != 6 || !allDigits(s) {
		return nil, conflict(path, "a time HHMMSS is expected, got %q", s)
	}
	return s, nil
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

func intRange(k Kind) (int64, int64) {
	switch k {
	case KindInt1:
		return 0, 255
	case KindInt2:
		return math.MinInt16, math.MaxInt16
	case KindInt4:
		return math.MinInt32, math.MaxInt32
	}
	return math.MinInt64, math.MaxInt64
}

func intOf(v any, path string) (int64, error) {
	switch x := v.(type) {
	case int64:
		return x, nil
	case int:
		return int64(x), nil
	case int32:
		return int64(x), nil
	case float64:
		if x != math.Trunc(x) || math.IsInf(x, 0) || math.IsNaN(x) || math.Abs(x) > 1<<53 {
			return 0, conflict(path, "an integer is expected, got %s", JSNumber(x))
		}
		return int64(x), nil
	case *big.Int:
		if !x.IsInt64() {
			return 0, conflict(path, "%s is outside the range of INT8", x)
		}
		return x.Int64(), nil
	case json.Number:
		return parseInt(string(x), path)
	case string:
		return parseInt(strings.TrimSpace(x), path)
	}
	return 0, conflict(path, "an integer is expected, got %s", describe(v))
}

func parseInt(s, path string) (int64, error) {
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil {
		if ne, ok := err.(*strconv.NumError); ok && ne.Err == strconv.ErrRange {
			return 0, conflict(path, "%s is outside the range of INT8", s)
		}
		return 0, conflict(path, "an integer is expected, got %q", s)
	}
	return n, nil
}

func floatOf(v any, path string) (any, error) {
	switch x := v.(type) {
	case float64:
		if math.IsNaN(x) || math.IsInf(x, 0) {
			return nil, conflict(path, "%s is not a number ABAP can hold", JSNumber(x))
		}
		return x, nil
	case int64:
		return float64(x), nil
	case int:
		return float64(x), nil
	case json.Number:
		return parseFloat(string(x), path)
	case string:
		return parseFloat(strings.TrimSpace(x), path)
	case Decimal:
		return parseFloat(string(x), path)
	}
	return nil, conflict(path, "a number is expected, got %s", describe(v))
}

func parseFloat(s, path string) (any, error) {
	f, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsInf(f, 0) || math.IsNaN(f) {
		return nil, conflict(path, "a floating-point number is expected, got %q", s)
	}
	return f, nil
}

func decimalText(v any, path string) (string, error) {
	switch x := v.(type) {
	case Decimal:
		return string(x), nil
	case string:
		return strings.TrimSpace(x), nil
	case json.Number:
		return string(x), nil
	case float64:
		if math.IsNaN(x) || math.IsInf(x, 0) {
			return "", conflict(path, "%s is not a number ABAP can hold", JSNumber(x))
		}
		return strconv.FormatFloat(x, 'f', -1, 64), nil
	case int64:
		return strconv.FormatInt(x, 10), nil
	case int:
		return strconv.Itoa(x), nil
	case *big.Int:
		return x.String(), nil
	}
	return "", conflict(path, "a decimal number is expected, got %s", describe(v))
}

func decOf(t *Type, v any, path string) (any, error) {
	s, err := decimalText(v, path)
	if err != nil {
		return nil, err
	}
	if s == "" {
		return t.Initial(), nil
	}
	if !decimalSyntax().MatchString(s) {
		return nil, conflict(path, "a decimal number is expected, got %q", s)
	}
	r, ok := new(big.Rat).SetString(s)
	if !ok {
		return nil, conflict(path, "a decimal number is expected, got %q", s)
	}
	scaled := new(big.Rat).Mul(r, new(big.Rat).SetInt(pow10(t.Decimals)))
	if !scaled.IsInt() {
		return nil, conflict(path, "%s has more than %d decimals", s, t.Decimals)
	}
	if t.Length > 0 {
		limit := pow10(t.Length)
		if new(big.Int).Abs(scaled.Num()).Cmp(limit) >= 0 {
			return nil, conflict(path, "%s does not fit %s", s, t.String())
		}
	}
	return Decimal(formatFixed(r, t.Decimals)), nil
}

func pow10(n int) *big.Int { return new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(n)), nil) }

// formatFixed renders r with exactly dec decimals (r must be representable).
func formatFixed(r *big.Rat, dec int) string {
	return r.FloatString(dec)
}

// decimalSyntax is plain decimal notation with an optional exponent. big.Rat and
// big.Float also read "0x10", "0b11", "1_000" and "Inf", which ABAP does not.
var decimalSyntax = lazyre.New(`^[+-]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?$`)

// decFloatLimits are the significant digits and the range of the adjusted
// exponent (the power of ten of the first significant digit) of DF16 and DF34.
func decFloatLimits(k Kind) (digits, minExp, maxExp int) {
	if k == KindDecF34 {
		return 34, -6143, 6144
	}
	return 16, -383, 384
}

func decFloatOf(t *Type, v any, path string) (any, error) {
	s, err := decimalText(v, path)
	if err != nil {
		return nil, err
	}
	if s == "" {
		return Decimal("0"), nil
	}
	if !decimalSyntax().MatchString(s) {
		return nil, conflict(path, "a decimal floating-point number is expected, got %q", s)
	}
	mant, exp := strings.TrimLeft(s, "+-"), 0
	if i := strings.IndexAny(mant, "eE"); i >= 0 {
		e, err := strconv.Atoi(mant[i+1:])
		if err != nil {
			return nil, conflict(path, "%s is outside the range of %s", s, t.Kind)
		}
		mant, exp = mant[:i], e
	}
	intPart, fracPart, _ := strings.Cut(mant, ".")
	sig := strings.TrimLeft(intPart+fracPart, "0")
	if sig == "" {
		return Decimal(s), nil // zero
	}
	maxDigits, minExp, maxExp := decFloatLimits(t.Kind)
	if digits := len(strings.TrimRight(sig, "0")); digits > maxDigits {
		return nil, conflict(path, "%s has more than the %d significant digits of %s", s, maxDigits, t.Kind)
	}
	if adjusted := exp - len(fracPart) + len(sig) - 1; adjusted < minExp || adjusted > maxExp {
		return nil, conflict(path, "%s is outside the range of %s (magnitudes from 1E%d to below 1E%d)", s, t.Kind, minExp, maxExp+1)
	}
	return Decimal(s), nil
}

func bytesOf(v any, path string, wire bool) ([]byte, error) {
	switch x := v.(type) {
	case []byte:
		return x, nil
	case string:
		if wire {
			b, err := base64.StdEncoding.DecodeString(x)
			if err != nil {
				return nil, conflict(path, "base64 bytes are expected: %v", err)
			}
			return b, nil
		}
		b, err := hex.DecodeString(x)
		if err != nil {
			return nil, conflict(path, "bytes (Uint8Array) or a hex string are expected, got %q", x)
		}
		return b, nil
	}
	return nil, conflict(path, "bytes are expected, got %s", describe(v))
}

// UTCLongInitial is the initial UTCLONG as SAP's RFC connectors render it.
const UTCLongInitial = "0000-00-00T00:00:00.0000000"

// utclongLayout renders a UTCLONG: ISO-8601 in UTC with its 100 ns digits.
const utclongLayout = "2006-01-02T15:04:05.0000000"

// utclongSyntax is an ISO-8601 date and time in UTC: "T" or a blank between
// them, "." or "," before the fraction (ABAP reads all four), and an
// optional "Z".
var utclongSyntax = lazyre.New(`^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2}):(\d{2})(?:[.,](\d+))?Z?$`)

// utclongOf reads a UTCLONG. It refuses what ABAP would round (digits below
// 100 ns), a time stamp with another offset than UTC, and impossible dates
// and times; ABAP's range is 0001-01-01 to 9999-12-31T23:59:59.9999999.
func utclongOf(v any, path string) (any, error) {
	if t, ok := v.(time.Time); ok {
		u := t.UTC()
		if u.Year() < 1 || u.Year() > 9999 {
			return nil, conflict(path, "%s is outside the range of UTCLONG (years 0001 to 9999)", u.Format(time.RFC3339Nano))
		}
		if u.Nanosecond()%100 != 0 {
			return nil, conflict(path, "%s is more precise than the 100 ns of UTCLONG", u.Format(time.RFC3339Nano))
		}
		return u.Format(utclongLayout), nil
	}
	s, ok := v.(string)
	if !ok {
		return nil, conflict(path, "a UTC time stamp string YYYY-MM-DDThh:mm:ss.fffffff is expected, got %s", describe(v))
	}
	s = strings.TrimSpace(s)
	if s == "" || s == UTCLongInitial {
		return UTCLongInitial, nil
	}
	m := utclongSyntax().FindStringSubmatch(s)
	if m == nil {
		return nil, conflict(path, "a UTC time stamp YYYY-MM-DDThh:mm:ss.fffffff is expected, got %q", s)
	}
	n := make([]int, 6)
	for i := range n {
		n[i], _ = strconv.Atoi(m[i+1])
	}
	frac := m[7]
	if len(frac) > 7 {
		if strings.Trim(frac[7:], "0") != "" {
			return nil, conflict(path, "%s is more precise than the 100 ns of UTCLONG", s)
		}
		frac = frac[:7]
	}
	frac += strings.Repeat("0", 7-len(frac))
	hundreds, _ := strconv.Atoi(frac)
	t := time.Date(n[0], time.Month(n[1]), n[2], n[3], n[4], n[5], hundreds*100, time.UTC)
	if n[0] < 1 || t.Year() != n[0] || int(t.Month()) != n[1] || t.Day() != n[2] ||
		t.Hour() != n[3] || t.Minute() != n[4] || t.Second() != n[5] {
		return nil, conflict(path, "%q is not a valid date and time", s)
	}
	return t.Format(utclongLayout), nil
}

// JSNumber formats a float as JavaScript does (Infinity, -Infinity, NaN, 1.5, 1e+21), for error
// messages that JS users read.
func JSNumber(x float64) string {
	switch {
	case math.IsNaN(x):
		return "NaN"
	case math.IsInf(x, 1):
		return "Infinity"
	case math.IsInf(x, -1):
		return "-Infinity"
	}
	if math.Abs(x) >= 1e21 || (x != 0 && math.Abs(x) < 1e-6) {
		return strconv.FormatFloat(x, 'g', -1, 64)
	}
	return strconv.FormatFloat(x, 'f', -1, 64)
}
