package protocol

import (
	"bytes"
	"encoding/json"
	"math"
	"slices"
	"strconv"
)

// appendJSON appends v as encoding/json renders it with HTML escaping off
// (Marshal), byte for byte. The values that make up every request and reply
// (maps, arrays, strings, numbers, bools, CallParams, CallResult) are written by hand:
// encoding/json reaches them through reflection and a growing buffer, which
// cost more than the rest of encoding a small call. Anything else, and any
// value whose rendering has rules of its own (a string to escape, a number
// that is not finite, a json.Number to validate), goes through encoding/json,
// so that the output and the errors stay its own.
func appendJSON(b []byte, v any, depth int) ([]byte, error) {
	if depth > maxHandDepth {
		// encoding/json detects cycles from this depth on; let it.
		return appendStd(b, v)
	}
	switch x := v.(type) {
	case nil:
		return append(b, "null"...), nil
	case string:
		return appendJSONString(b, x), nil
	case bool:
		return strconv.AppendBool(b, x), nil
	case float64:
		if math.IsInf(x, 0) || math.IsNaN(x) {
			return appendStd(b, v)
		}
		return appendFloat64(b, x), nil
	case int:
		return strconv.AppendInt(b, int64(x), 10), nil
	case int64:
		return strconv.AppendInt(b, x, 10), nil
	case json.Number:
		if !plainNumber(string(x)) {
			return appendStd(b, v)
		}
		return append(b, x...), nil
	case map[string]any:
		return appendObject(b, x, func(b []byte, v any) ([]byte, error) { return appendJSON(b, v, depth+1) })
	case map[string]string:
		return appendObject(b, x, func(b []byte, v string) ([]byte, error) { return appendJSONString(b, v), nil })
	case []any:
		if x == nil {
			return append(b, "null"...), nil
		}
		b = append(b, '[')
		for i, e := range x {
			if i > 0 {
				b = append(b, ',')
			}
			var err error
			if b, err = appendJSON(b, e, depth+1); err != nil {
				return b, err
			}
		}
		return append(b, ']'), nil
	case CallParams:
		b = append(b, `{"function":`...)
		b = appendJSONString(b, x.Function)
		b = append(b, `,"parameters":`...)
		b, err := appendJSON(b, x.Parameters, depth+1)
		if err != nil {
			return b, err
		}
		return append(b, '}'), nil
	case *CallResult:
		if x == nil {
			return append(b, "null"...), nil
		}
		b = append(b, `{"result":`...)
		b, err := appendJSON(b, x.Result, depth+1)
		if err != nil {
			return b, err
		}
		return append(b, '}'), nil
	}
	return appendStd(b, v)
}

// maxHandDepth is how deep appendJSON nests before it hands over to
// encoding/json, which starts looking for cycles at 1,000 levels.
const maxHandDepth = 900

// appendStd appends encoding/json's rendering of v, HTML escaping off.
func appendStd(b []byte, v any) ([]byte, error) {
	buf := bytes.NewBuffer(b)
	enc := json.NewEncoder(buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return b, err
	}
	return bytes.TrimRight(buf.Bytes(), "\n"), nil
}

// appendFloat64 is encoding/json's rendering of a finite float64.
func appendFloat64(b []byte, f float64) []byte {
	format := byte('f')
	if abs := math.Abs(f); abs != 0 && (abs < 1e-6 || abs >= 1e21) {
		format = 'e'
	}
	b = strconv.AppendFloat(b, f, format, -1, 64)
	if format == 'e' {
		// e-09 becomes e-9, as encoding/json writes it.
		if n := len(b); n >= 4 && b[n-4] == 'e' && b[n-3] == '-' && b[n-2] == '0' {
			b[n-2] = b[n-1]
			b = b[:n-1]
		}
	}
	return b
}

// plainNumber reports whether s is a JSON number: -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?
func plainNumber(s string) bool {
	i := 0
	if i < len(s) && s[i] == '-' {
		i++
	}
	digits := func() int {
		start := i
		for i < len(s) && s[i] >= '0' && s[i] <= '9' {
			i++
		}
		return i - start
	}
	switch {
	case i < len(s) && s[i] == '0':
		i++
	case digits() == 0:
		return false
	}
	if i < len(s) && s[i] == '.' {
		i++
		if digits() == 0 {
			return false
		}
	}
	if i < len(s) && (s[i] == 'e' || s[i] == 'E') {
		i++
		if i < len(s) && (s[i] == '+' || s[i] == '-') {
			i++
		}
		if digits() == 0 {
			return false
		}
	}
	return i == len(s)
}

// appendObject appends m as an object, its keys in encoding/json's order and
// each value as value writes it; a nil map is null.
func appendObject[V any](b []byte, m map[string]V, value func([]byte, V) ([]byte, error)) ([]byte, error) {
	if m == nil {
		return append(b, "null"...), nil
	}
	var room [8]string // a call's maps have few keys: their order costs no allocation
	b = append(b, '{')
	for i, k := range sortedKeys(m, room[:0]) {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendJSONString(b, k)
		b = append(b, ':')
		var err error
		if b, err = value(b, m[k]); err != nil {
			return b, err
		}
	}
	return append(b, '}'), nil
}

// sortedKeys appends m's keys to keys in encoding/json's order; keys is
// the caller's room on its stack, which covers the maps of a call.
func sortedKeys[V any](m map[string]V, keys []string) []string {
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
