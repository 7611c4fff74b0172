package process

import (
	"errors"
	"io"
	"os"
	"unicode/utf8"

	"golang.org/x/term"

	"github.com/dop251/goja"

	"github.com/wsrfc/wsrfc/runtime/eventloop"
)

const stdinChunk = 64 << 10

// stdinObject is process.stdin: an async iterable of text chunks (UTF-8, never split inside a character), read
// on a goroutine so that waiting for input does not block the loop.
func stdinObject(l *eventloop.Loop, r io.Reader) *goja.Object {
	vm := l.VM()
	obj := vm.NewObject()
	var carry []byte
	done := false
	next := func(goja.FunctionCall) goja.Value {
		p, resolve, reject := l.NewPromise()
		result := func(value goja.Value, end bool) func(*goja.Runtime) goja.Value {
			return func(vm *goja.Runtime) goja.Value {
				res := vm.NewObject()
				_ = res.Set("value", value)
				_ = res.Set("done", end)
				return res
			}
		}
		if done {
			resolve(result(goja.Undefined(), true))
			return vm.ToValue(p)
		}
		prev := carry
		go func() {
			buf := make([]byte, stdinChunk)
			n, err := r.Read(buf)
			data := append(prev, buf[:n]...)
			if err != nil && !errors.Is(err, io.EOF) {
				reject(err)
				return
			}
			atEOF := errors.Is(err, io.EOF)
			l.RunOnLoop(func(vm *goja.Runtime) error {
				cut := len(data)
				if !atEOF {
					cut = completeUTF8(data)
				}
				carry = append([]byte(nil), data[cut:]...)
				if atEOF && cut == 0 {
					done = true
					resolve(result(goja.Undefined(), true))
					return nil
				}
				done = atEOF
				resolve(result(vm.ToValue(string(data[:cut])), false))
				return nil
			})
		}()
		return vm.ToValue(p)
	}
	iterator := func(goja.FunctionCall) goja.Value {
		it := vm.NewObject()
		_ = it.Set("next", next)
		return it
	}
	// goja has no Symbol.asyncIterator; esbuild, which lowers for await, looks for Symbol.for("Symbol.asyncIterator").
	symbol := vm.Get("Symbol").ToObject(vm)
	key := symbol.Get("asyncIterator")
	if key == nil || goja.IsUndefined(key) {
		if symbolFor, ok := goja.AssertFunction(symbol.Get("for")); ok {
			key, _ = symbolFor(symbol, vm.ToValue("Symbol.asyncIterator"))
		}
	}
	if sym, ok := key.(*goja.Symbol); ok {
		_ = obj.SetSymbol(sym, iterator)
	}
	_ = obj.Set("fd", 0)
	f, isFile := r.(*os.File)
	_ = obj.Set("isTTY", isFile && term.IsTerminal(int(f.Fd())))
	return obj
}

// completeUTF8 is the length of data without a UTF-8 sequence cut off at its end.
func completeUTF8(data []byte) int {
	for i := len(data) - 1; i >= 0 && i >= len(data)-utf8.UTFMax; i-- {
		if utf8.RuneStart(data[i]) {
			if !utf8.FullRune(data[i:]) {
				return i
			}
			break
		}
	}
	return len(data)
}
