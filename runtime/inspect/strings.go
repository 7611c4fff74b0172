package inspect

import (
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"
)

// quote picks node's quote character: single quotes unless the text contains them, then double quotes,
// then backticks; only the chosen quote is escaped.
func quote(s string) string {
	q := byte('\'')
	if strings.Contains(s, "'") {
		if !strings.Contains(s, `"`) {
			q = '"'
		} else if !strings.Contains(s, "`") && !strings.Contains(s, "${") {
			q = '`'
		}
	}
	return string(q) + escapeChars(s, q) + string(q)
}

// escapeChars escapes control characters, the backslash and, when quote is a single quote, single quotes,
// with node's escape sequences.
func escapeChars(s string, quote byte) string {
	needs := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < 0x20 || c == '\\' || c == 0x7f || (c == '\'' && quote == '\'') || c == 0xc2 {
			needs = true
			break
		}
	}
	if !needs {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == '\'' && quote == '\'':
			b.WriteString(`\'`)
		case r == '\\':
			b.WriteString(`\\`)
		case r == '\b':
			b.WriteString(`\b`)
		case r == '\t':
			b.WriteString(`\t`)
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\f':
			b.WriteString(`\f`)
		case r == '\r':
			b.WriteString(`\r`)
		case r < 0x20 || (r >= 0x7f && r <= 0x9f):
			b.WriteString(`\x`)
			h := strings.ToUpper(strconv.FormatInt(int64(r), 16))
			if len(h) < 2 {
				b.WriteByte('0')
			}
			b.WriteString(h)
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// jsLen is the length of s in UTF-16 code units, the unit of JavaScript's String length that node's layout uses.
func jsLen(s string) int {
	n := 0
	for i := 0; i < len(s); {
		if s[i] < utf8.RuneSelf {
			n++
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r >= 0x10000 {
			n += 2
		} else {
			n++
		}
		i += size
	}
	return n
}

// jsSlice returns the first n UTF-16 code units of s (never splitting a character).
func jsSlice(s string, n int) string {
	units := 0
	for i, r := range s {
		w := 1
		if r >= 0x10000 {
			w = 2
		}
		if units+w > n {
			return s[:i]
		}
		units += w
	}
	return s
}

var ansiPattern = regexp.MustCompile(`[\x1b\x{9b}][\[\]()#;?]*(?:(?:(?:;[-a-zA-Z\d/#&.:=?%@~_]+)*|[a-zA-Z\d]+(?:;[-a-zA-Z\d/#&.:=?%@~_]*)*)?\x07|(?:\d{1,4}(?:;\d{0,4})*)?[\dA-PR-TZcf-ntqry=><~])`)

func stripANSI(s string) string {
	if !strings.ContainsAny(s, "\x1b\u009b") {
		return s
	}
	return ansiPattern.ReplaceAllString(s, "")
}

// stringWidth is the number of terminal columns s takes: wide East Asian characters count two,
// combining and control characters none.
func stringWidth(s string, removeControl bool) int {
	if removeControl {
		s = stripANSI(s)
	}
	width := 0
	for _, r := range s {
		switch {
		case isZeroWidth(r):
		case isFullWidth(r):
			width += 2
		default:
			width++
		}
	}
	return width
}

func isZeroWidth(r rune) bool {
	return r <= 0x1f ||
		(r >= 0x7f && r <= 0x9f) ||
		(r >= 0x300 && r <= 0x36f) ||
		(r >= 0x200b && r <= 0x200f) ||
		(r >= 0x20d0 && r <= 0x20ff) ||
		(r >= 0xfe00 && r <= 0xfe0f) ||
		(r >= 0xfe20 && r <= 0xfe2f) ||
		(r >= 0xe0100 && r <= 0xe01ef)
}

func isFullWidth(r rune) bool {
	return r >= 0x1100 && (r <= 0x115f ||
		r == 0x2329 || r == 0x232a ||
		(r >= 0x2e80 && r <= 0x3247 && r != 0x303f) ||
		(r >= 0x3250 && r <= 0x4dbf) ||
		(r >= 0x4e00 && r <= 0xa4c6) ||
		(r >= 0xa960 && r <= 0xa97c) ||
		(r >= 0xac00 && r <= 0xd7a3) ||
		(r >= 0xf900 && r <= 0xfaff) ||
		(r >= 0xfe10 && r <= 0xfe19) ||
		(r >= 0xfe30 && r <= 0xfe6b) ||
		(r >= 0xff01 && r <= 0xff60) ||
		(r >= 0xffe0 && r <= 0xffe6) ||
		(r >= 0x1b000 && r <= 0x1b001) ||
		(r >= 0x1f200 && r <= 0x1f251) ||
		(r >= 0x1f300 && r <= 0x1f64f) ||
		(r >= 0x20000 && r <= 0x3fffd))
}
