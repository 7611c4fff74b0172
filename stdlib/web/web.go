// Package web provides the web platform's small globals that node also has: TextEncoder, TextDecoder, atob,
// btoa, structuredClone and performance.now().
package web

import (
	_ "embed"
	"encoding/base64"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/dop251/goja"
)

//go:embed web.js
var source string

// program is compiled on first use, so that scripts that never touch these globals do not pay for it.
var program = sync.OnceValue(func() *goja.Program { return goja.MustCompile("wsrfc:web", source, true) })

// Names are the globals New returns, in the order an installer may define them.
var Names = []string{"TextEncoder", "TextDecoder", "atob", "btoa", "structuredClone", "performance"}

// New builds the globals for vm; the result's properties are named by Names.
func New(vm *goja.Runtime) (*goja.Object, error) {
	factory, err := vm.RunProgram(program())
	if err != nil {
		return nil, err
	}
	fn, _ := goja.AssertFunction(factory)
	start := time.Now()
	native := vm.NewObject()
	_ = native.Set("utf8Encode", func(c goja.FunctionCall) goja.Value {
		return vm.ToValue(vm.NewArrayBuffer([]byte(c.Argument(0).String())))
	})
	_ = native.Set("utf8Decode", func(c goja.FunctionCall) goja.Value {
		data := c.Argument(0).Export().(goja.ArrayBuffer).Bytes()
		fatal, ignoreBOM := c.Argument(1).ToBoolean(), c.Argument(2).ToBoolean()
		if !ignoreBOM {
			data = []byte(strings.TrimPrefix(string(data), "\uFEFF"))
		}
		if fatal && !utf8.Valid(data) {
			panic(vm.NewTypeError("The encoded data was not valid for encoding utf-8"))
		}
		return vm.ToValue(strings.ToValidUTF8(string(data), "\uFFFD"))
	})
	_ = native.Set("btoa", func(c goja.FunctionCall) goja.Value {
		s := c.Argument(0).String()
		b := make([]byte, 0, len(s))
		for _, r := range s {
			if r > 0xFF {
				panic(invalidCharacter(vm, "btoa: the string to be encoded contains characters outside of the Latin1 range"))
			}
			b = append(b, byte(r))
		}
		return vm.ToValue(base64.StdEncoding.EncodeToString(b))
	})
	_ = native.Set("atob", func(c goja.FunctionCall) goja.Value {
		s := strings.Map(func(r rune) rune {
			if r == ' ' || r == '\t' || r == '\n' || r == '\f' || r == '\r' {
				return -1
			}
			return r
		}, c.Argument(0).String())
		data, err := base64.RawStdEncoding.DecodeString(strings.TrimRight(s, "="))
		if err != nil {
			panic(invalidCharacter(vm, "atob: the string to be decoded is not correctly encoded"))
		}
		runes := make([]rune, len(data))
		for i, b := range data {
			runes[i] = rune(b)
		}
		return vm.ToValue(string(runes))
	})
	_ = native.Set("now", func(goja.FunctionCall) goja.Value {
		return vm.ToValue(float64(time.Since(start).Nanoseconds()) / 1e6)
	})
	v, err := fn(goja.Undefined(), native)
	if err != nil {
		return nil, err
	}
	return v.ToObject(vm), nil
}

func invalidCharacter(vm *goja.Runtime, msg string) *goja.Object {
	e := vm.NewTypeError(msg)
	_ = e.Set("name", "InvalidCharacterError")
	return e
}
