package protocol

import (
	"encoding/hex"
	"fmt"
	"math"
	"strconv"
	"strings"
)

// LegacyComplex is what the old handler writes for a component it cannot render.
const LegacyComplex = "[complex]"

// LegacyString renders an elementary value the way the old handler does: an ABAP
// assignment to a string. Negative numbers carry a trailing minus ("42-"), floats
// use ABAP's scientific notation, bytes become upper-case hex.
func LegacyString(t *Type, v any) string {
	switch t.Kind {
	case KindChar:
		return strings.TrimRight(fmt.Sprint(v), " ")
	case KindInt1, KindInt2, KindInt4, KindInt8:
		n, _ := v.(int64)
		if n < 0 {
			return strconv.FormatUint(-uint64(n), 10) + "-" // -uint64 also holds -MinInt64
		}
		return strconv.FormatInt(n, 10)
	case KindFloat:
		f, _ := v.(float64)
		return abapFloat(f)
	case KindDec:
		s := string(v.(Decimal))
		if strings.HasPrefix(s, "-") {
			return s[1:] + "-"
		}
		return s
	case KindDecF16, KindDecF34:
		return string(v.(Decimal))
	case KindRaw, KindXString:
		return strings.ToUpper(hex.EncodeToString(v.([]byte)))
	}
	return fmt.Sprint(v)
}

// abapFloat renders f as ABAP's f→string conversion does: 1.0000000000000000E+00.
func abapFloat(f float64) string {
	if f == 0 {
		return "0.0000000000000000E+00"
	}
	s := strconv.FormatFloat(math.Abs(f), 'E', 16, 64) // d.ddddddddddddddddE+dd
	if f < 0 {
		s = "-" + s
	}
	return s
}

// LegacyParseValue reads a value from the old handler's stringified output back
// into Go as well as the type allows: integers and decimals lose their trailing
// minus, hex becomes bytes. Anything it cannot read stays the string it was.
func LegacyParseValue(t *Type, s string) any {
	if s == LegacyComplex {
		return s
	}
	neg := strings.HasSuffix(s, "-")
	body := strings.TrimSuffix(s, "-")
	switch t.Kind {
	case KindInt1, KindInt2, KindInt4, KindInt8:
		if n, err := strconv.ParseInt(strings.TrimSpace(body), 10, 64); err == nil {
			if neg {
				n = -n
			}
			return n
		}
	case KindFloat:
		if f, err := strconv.ParseFloat(strings.TrimSpace(s), 64); err == nil {
			return f
		}
	case KindDec:
		if neg {
			return Decimal("-" + strings.TrimSpace(body))
		}
		return Decimal(strings.TrimSpace(body))
	case KindRaw, KindXString:
		if b, err := hex.DecodeString(s); err == nil {
			return b
		}
	}
	return s
}
