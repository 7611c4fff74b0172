package engine

import (
	"reflect"
	"strings"
	"unicode"
)

// fieldNameMapper exposes Go struct fields and methods to JavaScript in lowerCamelCase ("MsgV1" → "msgV1",
// "ID" → "id", "URLPath" → "urlPath"), the convention of JavaScript APIs. A `js:"name"` tag overrides the name
// and `js:"-"` hides the field.
type fieldNameMapper struct{}

func (fieldNameMapper) FieldName(_ reflect.Type, f reflect.StructField) string {
	if tag, ok := f.Tag.Lookup("js"); ok {
		if tag == "-" {
			return ""
		}
		return tag
	}
	return lowerCamel(f.Name)
}

func (fieldNameMapper) MethodName(_ reflect.Type, m reflect.Method) string {
	return lowerCamel(m.Name)
}

func lowerCamel(name string) string {
	runes := []rune(name)
	upper := 0
	for upper < len(runes) && unicode.IsUpper(runes[upper]) {
		upper++
	}
	switch {
	case upper == 0:
		return name
	case upper == len(runes):
		return strings.ToLower(name)
	case upper > 1:
		// "URLPath": the last capital starts the next word.
		upper--
	}
	return strings.ToLower(string(runes[:upper])) + string(runes[upper:])
}
