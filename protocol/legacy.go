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
