package protocol

import (
	"encoding/json"
	"fmt"
	"strings"
	"unicode/utf16"
	"unicode/utf8"
)

// maxDepth is how deeply arrays and objects may nest, as in encoding/json.
const maxDepth = 10000

// DecodeValue parses one JSON text into the values encoding/json gives an
// `any` with UseNumber: map[string]any, []any, string, json.Number, bool and
// nil. It accepts and rejects exactly what encoding/json does, and gives equal
// values (FuzzDecodeValueAgreesWithEncodingJSON), at a fraction of its cost:
// replies are mostly this, and encoding/json first scans a value to validate
// it and then scans it again through reflection to build it.
func DecodeValue(b []byte) (any, error) {
	d := valueDecoder{b: b}
	d.space()
	v, err := d.value(0)
	if err != nil {
		return nil, err
	}
	d.space()
	if d.i != len(d.b) {
		return nil, d.syntax("after the top-level value")
	}
	return v, nil
}

type valueDecoder struct {
	b     []byte
	i     int
	reuse *Decoder // nil: nothing kept from frame to frame
}

func (d *valueDecoder) syntax(where string) error {
	if d.i >= len(d.b) {
		return fmt.Errorf("unexpected end of JSON input")
	}
	return fmt.Errorf("invalid character %q %s at offset %d", d.b[d.i], where, d.i)
}

func (d *valueDecoder) space() {
	for d.i < len(d.b) {
		switch d.b[d.i] {
		case ' ', '\t', '\n', '\r':
			d.i++
		default:
			return
		}
	}
}

func (d *valueDecoder) value(depth int) (any, error) {
	if d.i >= len(d.b) {
		return nil, d.syntax("")
	}
	switch c := d.b[d.i]; {
	case c == '{':
		return d.object(depth+1, nil)
	case c == '[':
		return d.array(depth + 1)
	case c == '"':
		return d.string()
	case c == '-' || c >= '0' && c <= '9':
		return d.number()
	case c == 't':
		return true, d.literal("true")
	case c == 'f':
		return false, d.literal("false")
	case c == 'n':
		return nil, d.literal("null")
	}
	return nil, d.syntax("looking for beginning of value")
}

func (d *valueDecoder) literal(word string) error {
	for k := 0; k < len(word); k++ {
		if d.i >= len(d.b) || d.b[d.i] != word[k] {
			return d.syntax("in literal " + word)
		}
		d.i++
	}
	return nil
}

// object decodes the object at d.i; valueOf, when set, decodes its members'
// values (see members).
func (d *valueDecoder) object(depth int, valueOf func(key string, depth int) (any, error)) (any, error) {
	m := map[string]any{}
	err := d.members(depth, func(key string, v any) { m[key] = v }, valueOf)
	if err != nil {
		return nil, err
	}
	return m, nil
}

// members parses an object at d.i, handing each member to member in order.
// valueOf, when set, decodes the members' values instead of value: the
// reader's way into the data of a reply (see decodeFrameFast).
func (d *valueDecoder) members(depth int, member func(key string, v any), valueOf func(key string, depth int) (any, error)) error {
	if depth > maxDepth {
		return fmt.Errorf("exceeded max depth")
	}
	d.i++ // {
	d.space()
	if d.i < len(d.b) && d.b[d.i] == '}' {
		d.i++
		return nil
	}
	for {
		if d.i >= len(d.b) || d.b[d.i] != '"' {
			return d.syntax("looking for beginning of object key string")
		}
		key, err := d.key()
		if err != nil {
			return err
		}
		d.space()
		if d.i >= len(d.b) || d.b[d.i] != ':' {
			return d.syntax("after object key")
		}
		d.i++
		d.space()
		var v any
		if valueOf != nil {
			v, err = valueOf(key, depth)
		} else {
			v, err = d.value(depth)
		}
		if err != nil {
			return err
		}
		member(key, v)
		d.space()
		if d.i >= len(d.b) {
			return d.syntax("")
		}
		switch d.b[d.i] {
		case ',':
			d.i++
			d.space()
		case '}':
			d.i++
			return nil
		default:
			return d.syntax("after object key:value pair")
		}
	}
}

func (d *valueDecoder) array(depth int) (any, error) {
	if depth > maxDepth {
		return nil, fmt.Errorf("exceeded max depth")
	}
	d.i++ // [
	a := []any{}
	d.space()
	if d.i < len(d.b) && d.b[d.i] == ']' {
		d.i++
		return a, nil
	}
	for {
		v, err := d.value(depth)
		if err != nil {
			return nil, err
		}
		a = append(a, v)
		if more, err := d.afterElement(); err != nil || !more {
			return a, err
		}
	}
}

// afterElement reads what follows an array element: a comma (more is true)
// or the end of the array.
func (d *valueDecoder) afterElement() (more bool, err error) {
	d.space()
	if d.i >= len(d.b) {
		return false, d.syntax("")
	}
	switch d.b[d.i] {
	case ',':
		d.i++
		d.space()
		return true, nil
	case ']':
		d.i++
		return false, nil
	}
	return false, d.syntax("after array element")
}

// key is string for an object's key: with a Decoder, a key seen before is
// the same string again instead of a new one.
func (d *valueDecoder) key() (string, error) {
	r := d.reuse
	if r == nil {
		return d.string()
	}
	start, done := d.plain()
	if !done {
		k, err := d.escaped(start)
		if err != nil {
			return "", err
		}
		return r.intern(k), nil
	}
	raw := d.b[start:d.i]
	d.i++
	if k, ok := r.keys[string(raw)]; ok { // no allocation for the lookup
		return k, nil
	}
	return r.intern(string(raw)), nil
}

// number scans -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)? and keeps the text.
func (d *valueDecoder) number() (any, error) {
	start := d.i
	if d.b[d.i] == '-' {
		d.i++
	}
	switch {
	case d.i < len(d.b) && d.b[d.i] == '0':
		d.i++
	case d.i < len(d.b) && d.b[d.i] >= '1' && d.b[d.i] <= '9':
		d.digits()
	default:
		return nil, d.syntax("in numeric literal")
	}
	if d.i < len(d.b) && d.b[d.i] == '.' {
		d.i++
		if d.digits() == 0 {
			return nil, d.syntax("after decimal point in numeric literal")
		}
	}
	if d.i < len(d.b) && (d.b[d.i] == 'e' || d.b[d.i] == 'E') {
		d.i++
		if d.i < len(d.b) && (d.b[d.i] == '+' || d.b[d.i] == '-') {
			d.i++
		}
		if d.digits() == 0 {
			return nil, d.syntax("in exponent of numeric literal")
		}
	}
	return json.Number(d.b[start:d.i]), nil
}

func (d *valueDecoder) digits() int {
	start := d.i
	for d.i < len(d.b) && d.b[d.i] >= '0' && d.b[d.i] <= '9' {
		d.i++
	}
	return d.i - start
}

// string decodes a quoted string as encoding/json does: invalid UTF-8 and
// unpaired surrogates become U+FFFD, control characters are errors.
func (d *valueDecoder) string() (string, error) {
	// Most strings need no unescaping: take them as they are.
	start, done := d.plain()
	if !done {
		return d.escaped(start)
	}
	s := string(d.b[start:d.i])
	d.i++
	return s, nil
}

// plain moves d.i past a string's opening quote and the bytes after it that
// need no unescaping; start is where the string's text begins, and done says
// that the string ends there, d.i at its closing quote.
func (d *valueDecoder) plain() (start int, done bool) {
	d.i++ // "
	start = d.i
	for d.i < len(d.b) {
		c := d.b[d.i]
		if c == '"' {
			return start, true
		}
		if c == '\\' || c < ' ' || c >= utf8.RuneSelf {
			break
		}
		d.i++
	}
	return start, false
}

// escaped decodes the rest of a string whose text begins at start, from d.i,
// where its first byte to unescape or check is.
func (d *valueDecoder) escaped(start int) (string, error) {
	out := make([]byte, d.i-start, d.i-start+16)
	copy(out, d.b[start:d.i])
	for {
		if d.i >= len(d.b) {
			return "", d.syntax("")
		}
		c := d.b[d.i]
		switch {
		case c == '"':
			d.i++
			return string(out), nil
		case c < ' ':
			return "", d.syntax("in string literal")
		case c == '\\':
			d.i++
			if d.i >= len(d.b) {
				return "", d.syntax("")
			}
			switch e := d.b[d.i]; e {
			case '"', '\\', '/':
				out = append(out, e)
			case 'b':
				out = append(out, '\b')
			case 'f':
				out = append(out, '\f')
			case 'n':
				out = append(out, '\n')
			case 'r':
				out = append(out, '\r')
			case 't':
				out = append(out, '\t')
			case 'u':
				d.i++
				r, ok := d.hex4()
				if !ok {
					return "", d.syntax("in \\u hexadecimal character escape")
				}
				if utf16.IsSurrogate(r) {
					// A pair only if a second \u escape follows and completes it.
					if d.i+1 < len(d.b) && d.b[d.i] == '\\' && d.b[d.i+1] == 'u' {
						save := d.i
						d.i += 2
						r2, ok := d.hex4()
						if !ok {
							return "", d.syntax("in \\u hexadecimal character escape")
						}
						if dec := utf16.DecodeRune(r, r2); dec != utf8.RuneError {
							out = utf8.AppendRune(out, dec)
							continue
						}
						d.i = save // the second escape stands on its own
					}
					r = utf8.RuneError
				}
				out = utf8.AppendRune(out, r)
				continue
			default:
				return "", d.syntax("in string escape code")
			}
			d.i++
		case c < utf8.RuneSelf:
			out = append(out, c)
			d.i++
		default:
			r, size := utf8.DecodeRune(d.b[d.i:])
			if r == utf8.RuneError && size == 1 {
				out = utf8.AppendRune(out, utf8.RuneError)
			} else {
				out = append(out, d.b[d.i:d.i+size]...)
			}
			d.i += size
		}
	}
}

// hex4 reads the four hex digits of a \u escape.
func (d *valueDecoder) hex4() (rune, bool) {
	if d.i+4 > len(d.b) {
		d.i = len(d.b)
		return 0, false
	}
	var r rune
	for _, c := range d.b[d.i : d.i+4] {
		switch {
		case c >= '0' && c <= '9':
			c -= '0'
		case c >= 'a' && c <= 'f':
			c = c - 'a' + 10
		case c >= 'A' && c <= 'F':
			c = c - 'A' + 10
		default:
			return 0, false
		}
		r = r*16 + rune(c)
	}
	d.i += 4
	return r, true
}

// frameKeys are the JSON names of Frame's fields.
var frameKeys = [...]string{"id", "success", "more", "data", "error", "event", "domain"}

// decodeFrameFast decodes a frame's envelope and data in one pass over b,
// applying encoding/json's rules for Frame key by key, in order (so that a
// repeated key or a null leaves the field as encoding/json would). exact is
// false when those rules need encoding/json's own judgement: a key that
// matches a field only without regard to case, a value of the wrong type for
// its field, or an error object; the caller then decodes b with encoding/json.
func decodeFrameFast(b []byte, reuse *Decoder) (f *Frame, exact bool, err error) {
	d := valueDecoder{b: b, reuse: reuse}
	d.space()
	if d.i >= len(d.b) || d.b[d.i] != '{' {
		return nil, false, d.syntax("looking for beginning of value")
	}
	f, exact = &Frame{}, true
	var valueOf func(key string, depth int) (any, error)
	if reuse != nil && reuse.Tables != nil {
		valueOf = func(key string, depth int) (any, error) {
			if key == "data" && f.ID != "" {
				return d.replyData(depth, f.ID)
			}
			return d.value(depth)
		}
	}
	err = d.members(1, func(key string, v any) {
		if !f.set(key, v) {
			exact = false
		}
	}, valueOf)
	if err != nil {
		return nil, false, err
	}
	d.space()
	if d.i != len(d.b) {
		return nil, false, d.syntax("after top-level value")
	}
	return f, exact, nil
}

// set stores one member of a frame's object; false means that encoding/json
// must decide (see decodeFrameFast). A null leaves a string or bool field
// alone, as encoding/json does, and clears data.
func (f *Frame) set(key string, v any) bool {
	str := func(dst *string) bool {
		if v == nil {
			return true
		}
		s, ok := v.(string)
		*dst = s
		return ok
	}
	boolean := func(dst *bool) bool {
		if v == nil {
			return true
		}
		b, ok := v.(bool)
		*dst = b
		return ok
	}
	switch key {
	case "id":
		return str(&f.ID)
	case "success":
		return boolean(&f.Success)
	case "more":
		return boolean(&f.More)
	case "data":
		f.Data = v
		return true
	case "error":
		f.Error = nil
		return v == nil
	case "event":
		return str(&f.Event)
	case "domain":
		return str(&f.Domain)
	}
	for _, name := range frameKeys {
		if strings.EqualFold(key, name) {
			return false
		}
	}
	return true // a member Frame does not have: ignored
}

// replyData is value for the data of reply id: the arrays of its result that
// the Decoder's Tables asks for are decoded into their RowStream.
func (d *valueDecoder) replyData(depth int, id string) (any, error) {
	return d.objectWith(depth, func(key string, depth int) (any, error) {
		if key != "result" {
			return d.value(depth)
		}
		return d.objectWith(depth, func(name string, depth int) (any, error) {
			if d.i < len(d.b) && d.b[d.i] == '[' {
				if rs := d.reuse.Tables(id, name); rs != nil {
					return d.rows(depth+1, rs)
				}
			}
			return d.value(depth)
		})
	})
}

// objectWith is value for an object whose members' values valueOf decodes;
// anything but an object is value's.
func (d *valueDecoder) objectWith(depth int, valueOf func(key string, depth int) (any, error)) (any, error) {
	if d.i >= len(d.b) || d.b[d.i] != '{' {
		return d.value(depth)
	}
	return d.object(depth+1, valueOf)
}

// rows is array for an array whose rows go into rs as they are read: a row
// object is decoded into the one map the Decoder keeps for it and converted
// at once, so that a table of any length costs no map per row.
func (d *valueDecoder) rows(depth int, rs *RowStream) (any, error) {
	if depth > maxDepth {
		return nil, fmt.Errorf("exceeded max depth")
	}
	r := d.reuse
	if r.row == nil {
		r.row = map[string]any{}
	}
	row := r.row
	defer clear(row)
	d.i++ // [
	d.space()
	if d.i < len(d.b) && d.b[d.i] == ']' {
		d.i++
		return rs, nil
	}
	for {
		start := d.i
		var v any
		var err error
		if d.i < len(d.b) && d.b[d.i] == '{' {
			clear(row)
			err = d.members(depth+1, func(key string, v any) { row[key] = v }, nil)
			v = row
		} else {
			v, err = d.value(depth)
		}
		if err != nil {
			return nil, err
		}
		if rs.Rows == 0 && d.i > start {
			// Room for as many rows as the rest of the frame holds of the first one's size.
			rs.reserve((len(d.b)-d.i)/(d.i-start+1)+1, len(d.b)-d.i)
		}
		rs.add(v)
		if more, err := d.afterElement(); err != nil || !more {
			return rs, err
		}
	}
}
