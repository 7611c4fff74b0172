package sap

import (
	"fmt"
	"math"
	"math/big"
	"strings"
	"time"

	"github.com/dop251/goja"

	"github.com/wsrfc/wsrfc/protocol"
)

// ValueError is a JS value that does not have the type its parameter needs. Scripts see it as a
// TypeError naming the parameter path, as in SAP's node-rfc; nothing is sent.
type ValueError struct{ Message string }

func (e *ValueError) Error() string { return e.Message }

// checkParams applies node-rfc's type checks to the parameters of a call from JS, in interface order
// so that of several bad values the same one is named every time. Where this is stricter than the
// conversion that follows (protocol.Normalize, shared with the CLI, whose values are text), it is
// because a JS value of the wrong type is a mistake in the script: a string for an integer, a number
// for a CHAR, null for a scalar. docs/values.md lists where wsrfc deviates from node-rfc.
func checkParams(meta *protocol.FunctionMetadata, params map[string]any) error {
	byName := make(map[string]any, len(params))
	for k, v := range params {
		byName[protocol.NormalizeName(k)] = v
	}
	for _, p := range meta.Parameters {
		v, given := byName[p.Name]
		if !given || p.DataType == nil || p.Kind == protocol.Exporting {
			continue
		}
		if err := checkValue(p.DataType, v, p.Name); err != nil {
			return err
		}
	}
	return nil // unknown names are the session's to report, with the names that exist
}

func checkValue(t *protocol.Type, v any, path string) error {
	if v == nil {
		switch t.Kind {
		case protocol.KindStruct, protocol.KindTable:
			return typeError(path, t, "null")
		}
		return typeError(path, t, "null (leave the parameter or field out to pass its initial value)")
	}
	switch t.Kind {
	case protocol.KindChar, protocol.KindString:
		if _, ok := v.(string); !ok {
			return typeError(path, t, describeJS(v))
		}
	case protocol.KindNumc:
		switch x := v.(type) {
		case string:
		case int64:
			if x < 0 {
				return &ValueError{fmt.Sprintf("%s: NUMC takes digits only, got %d", path, x)}
			}
		default:
			return typeError(path, t, describeJS(v))
		}
	case protocol.KindDate:
		return checkDate(v, path)
	case protocol.KindTime:
		return checkTime(v, path)
	case protocol.KindInt1, protocol.KindInt2, protocol.KindInt4, protocol.KindInt8:
		switch x := v.(type) {
		case int64, *big.Int:
		case float64:
			if x != math.Trunc(x) || math.IsInf(x, 0) || math.IsNaN(x) {
				return &ValueError{fmt.Sprintf("%s: %s takes an integer, got %s", path, t.Kind, protocol.JSNumber(x))}
			}
		default:
			return typeError(path, t, describeJS(v))
		}
	case protocol.KindFloat:
		switch x := v.(type) {
		case int64:
		case float64:
			if math.IsInf(x, 0) || math.IsNaN(x) {
				return &ValueError{fmt.Sprintf("%s: FLTP takes a finite number, got %s", path, protocol.JSNumber(x))}
			}
		default:
			return typeError(path, t, describeJS(v))
		}
	case protocol.KindDec, protocol.KindDecF16, protocol.KindDecF34:
		switch x := v.(type) {
		case string, int64, *big.Int, protocol.Decimal:
		case float64:
			if math.IsInf(x, 0) || math.IsNaN(x) {
				return &ValueError{fmt.Sprintf("%s: %s takes a finite number or a decimal string, got %s", path, t.Kind, protocol.JSNumber(x))}
			}
		default:
			return typeError(path, t, describeJS(v))
		}
	case protocol.KindRaw, protocol.KindXString:
		switch v.(type) {
		case []byte, string: // a string is read as hex
		default:
			return typeError(path, t, describeJS(v))
		}
	case protocol.KindStruct:
		m, ok := v.(map[string]any)
		if !ok {
			return typeError(path, t, describeJS(v))
		}
		for _, f := range t.Fields {
			if fv, given := m[f.Name]; given {
				if err := checkValue(&f.Type, fv, path+"."+f.Name); err != nil {
					return err
				}
			}
		}
	case protocol.KindTable:
		rows, ok := v.([]any)
		if !ok {
			return typeError(path, t, describeJS(v))
		}
		if t.Line == nil {
			return nil
		}
		for i, r := range rows {
			if err := checkValue(t.Line, r, fmt.Sprintf("%s[%d]", path, i)); err != nil {
				return err
			}
		}
	}
	return nil
}

func typeError(path string, t *protocol.Type, got string) error {
	return &ValueError{fmt.Sprintf("%s: %s expected, got %s", path, expected(t), got)}
}

// expected says what JS value a type takes.
func expected(t *protocol.Type) string {
	switch t.Kind {
	case protocol.KindChar:
		return fmt.Sprintf("a string (CHAR(%d))", t.Length)
	case protocol.KindString:
		return "a string (STRING)"
	case protocol.KindNumc:
		return fmt.Sprintf("a string of digits (NUMC(%d))", t.Length)
	case protocol.KindInt1, protocol.KindInt2, protocol.KindInt4, protocol.KindInt8:
		return fmt.Sprintf("an integer number (%s)", t.Kind)
	case protocol.KindFloat:
		return "a number (FLTP)"
	case protocol.KindDec, protocol.KindDecF16, protocol.KindDecF34:
		return fmt.Sprintf("a decimal string or a number (%s)", t.Kind)
	case protocol.KindRaw, protocol.KindXString:
		return fmt.Sprintf("a Uint8Array or a hex string (%s)", t.Kind)
	case protocol.KindStruct:
		return "an object (a structure)"
	case protocol.KindTable:
		return "an array (a table)"
	}
	return string(t.Kind)
}

// describeJS names the JS type of a value converted from JS.
func describeJS(v any) string {
	switch x := v.(type) {
	case string:
		return fmt.Sprintf("the string %q", clip(x))
	case int64:
		return fmt.Sprintf("the number %d", x)
	case float64:
		return "the number " + protocol.JSNumber(x)
	case *big.Int:
		return "the bigint " + x.String() + "n"
	case bool:
		return fmt.Sprintf("the boolean %t", x)
	case map[string]any:
		return "an object"
	case []any:
		return "an array"
	case []byte:
		return "a Uint8Array"
	case time.Time:
		return "a Date"
	}
	return fmt.Sprintf("a %T", v)
}

// clip keeps a value echoed in an error short, on a character boundary, saying how long it was.
func clip(s string) string {
	if r := []rune(s); len(r) > 40 {
		return fmt.Sprintf("%s…(%d characters)", string(r[:37]), len(r))
	}
	return s
}

// checkDate accepts 'YYYYMMDD' (and 'YYYY-MM-DD') naming a day of the calendar, ” and '00000000'
// (the initial date), and Date objects.
func checkDate(v any, path string) error {
	switch x := v.(type) {
	case time.Time:
		return nil
	case string:
		s := x
		if len(s) == 10 && s[4] == '-' && s[7] == '-' {
			s = s[:4] + s[5:7] + s[8:]
		}
		if s == "" || s == "00000000" {
			return nil
		}
		if len(s) != 8 || strings.Trim(s, "0123456789") != "" {
			return &ValueError{fmt.Sprintf("%s: a date 'YYYYMMDD' expected (DATS), got %q", path, clip(x))}
		}
		if _, err := time.Parse("20060102", s); err != nil {
			return &ValueError{fmt.Sprintf("%s: %q is not a day of the calendar (DATS 'YYYYMMDD')", path, x)}
		}
		return nil
	}
	return &ValueError{fmt.Sprintf("%s: a date 'YYYYMMDD' expected (DATS), got %s", path, describeJS(v))}
}

// checkTime accepts 'HHMMSS' (and 'HH:MM:SS') naming a time of day, ” and '000000'.
func checkTime(v any, path string) error {
	switch x := v.(type) {
	case time.Time:
		return nil
	case string:
		s := x
		if len(s) == 8 && s[2] == ':' && s[5] == ':' {
			s = s[:2] + s[3:5] + s[6:]
		}
		if s == "" || s == "000000" {
			return nil
		}
		if len(s) != 6 || strings.Trim(s, "0123456789") != "" {
			return &ValueError{fmt.Sprintf("%s: a time 'HHMMSS' expected (TIMS), got %q", path, clip(x))}
		}
		if s[:2] > "23" || s[2:4] > "59" || s[4:] > "59" {
			return &ValueError{fmt.Sprintf("%s: %q is not a time of day (TIMS 'HHMMSS')", path, x)}
		}
		return nil
	}
	return &ValueError{fmt.Sprintf("%s: a time 'HHMMSS' expected (TIMS), got %s", path, describeJS(v))}
}

// checkOptions refuses option names a function does not know, so that a typo ({ timout: 5000 }) is
// not silently ignored.
func checkOptions(vm *goja.Runtime, what string, v goja.Value, known ...string) {
	o, ok := v.(*goja.Object)
	if !ok {
		return
	}
	for _, k := range o.Keys() {
		found := false
		for _, n := range known {
			if k == n {
				found = true
				break
			}
		}
		if !found {
			hint := ""
			if near := protocol.Nearest(k, known); near != "" {
				hint = fmt.Sprintf("; did you mean %s?", near)
			}
			panic(vm.NewTypeError(fmt.Sprintf("%s: unknown option %q%s (options: %s)", what, k, hint, strings.Join(known, ", "))))
		}
	}
}

// timeoutOf reads options.timeout: milliseconds, a number above 0. Anything else (-1, NaN, 'abc')
// is a TypeError rather than a silently ignored timeout.
func timeoutOf(vm *goja.Runtime, what string, v goja.Value) time.Duration {
	o, ok := v.(*goja.Object)
	if !ok {
		return 0
	}
	t := o.Get("timeout")
	if t == nil || goja.IsUndefined(t) {
		return 0
	}
	ms, isNumber := t.Export().(float64)
	if i, isInt := t.Export().(int64); isInt {
		ms, isNumber = float64(i), true
	}
	if !isNumber || math.IsNaN(ms) || math.IsInf(ms, 0) || ms <= 0 {
		panic(vm.NewTypeError(fmt.Sprintf("%s: timeout must be a number of milliseconds above 0, got %s", what, t.String())))
	}
	return time.Duration(ms * float64(time.Millisecond))
}
