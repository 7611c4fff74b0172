package inspect

import (
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/mattn/go-runewidth"

	"github.com/wsrfc/wsrfc/internal/lazyre"
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

var ansiPattern = lazyre.New(`[\x1b\x{9b}][\[\]()#;?]*(?:(?:(?:;[-a-zA-Z\d/#&.:=?%@~_]+)*|[a-zA-Z\d]+(?:;[-a-zA-Z\d/#&.:=?%@~_]*)*)?\x07|(?:\d{1,4}(?:;\d{0,4})*)?[\dA-PR-TZcf-ntqry=><~])`)

func stripANSI(s string) string {
	if !strings.ContainsAny(s, "\x1b\u009b") {
		return s
	}
	return ansiPattern().ReplaceAllString(s, "")
}

// stringWidth is the number of terminal columns s takes: wide East Asian characters count two,
// combining and control characters none.
func stringWidth(s string, removeControl bool) int {
	if removeControl {
		s = stripANSI(s)
	}
	return runewidth.StringWidth(s)
}
