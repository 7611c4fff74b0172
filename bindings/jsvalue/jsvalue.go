// Package jsvalue converts ABAP values between their canonical Go form (see
// package protocol) and JavaScript, following the type mapping of API.md.
package jsvalue

import (
	"math"
	"math/big"
	"sort"

	"github.com/dop251/goja"

	"github.com/wsrfc/wsrfc/protocol"
)

// maxSafeInt is Number.MAX_SAFE_INTEGER: beyond it an INT8 becomes a BigInt.
const maxSafeInt = 1<<53 - 1

// Converter turns canonical values into JS values for one runtime; it caches
// the constructors it needs. It must be used on the runtime's goroutine only.
type Converter struct {
	vm         *goja.Runtime
	uint8Array goja.Value
}

// New returns a converter for vm.
func New(vm *goja.Runtime) *Converter {
	return &Converter{vm: vm, uint8Array: vm.Get("Uint8Array")}
}

// ToJS converts a canonical value of type t. t may be nil (an untyped value, as
// the old handler returns them): then maps become objects with sorted keys.
func (c *Converter) ToJS(t *protocol.Type, v any) goja.Value {
	vm := c.vm
	switch x := v.(type) {
	case nil:
		return goja.Null()
	case string:
		return vm.ToValue(x)
	case int64:
		if (t == nil || t.Kind == protocol.KindInt8) && (x > maxSafeInt || x < -maxSafeInt) {
			return vm.ToValue(big.NewInt(x))
		}
		return vm.ToValue(x)
	case float64:
		return vm.ToValue(x)
	case protocol.Decimal:
		return vm.ToValue(string(x))
	case []byte:
		return c.bytes(x)
	case map[string]any:
		obj := vm.NewObject()
		if t != nil && t.Kind == protocol.KindStruct {
			for i := range t.Fields {
				f := &t.Fields[i]
				if fv, ok := x[f.Name]; ok {
					_ = obj.Set(f.Name, c.ToJS(&f.Type, fv))
				}
			}
			return obj
		}
		keys := make([]string, 0, len(x))
		for k := range x {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			_ = obj.Set(k, c.ToJS(nil, x[k]))
		}
		return obj
	case []any:
		var line *protocol.Type
		if t != nil && t.Kind == protocol.KindTable {
			line = t.Line
		}
		items := make([]any, len(x))
		for i, row := range x {
			items[i] = c.ToJS(line, row)
		}
		return vm.NewArray(items...)
	case bool:
		return vm.ToValue(x)
	case *big.Int:
		return vm.ToValue(x)
	}
	return vm.ToValue(v)
}

func (c *Converter) bytes(b []byte) goja.Value {
	buf := c.vm.NewArrayBuffer(append([]byte(nil), b...))
	if ctor, ok := goja.AssertConstructor(c.uint8Array); ok {
		if arr, err := ctor(nil, c.vm.ToValue(buf)); err == nil {
			return arr
		}
	}
	return c.vm.ToValue(buf)
}

// FromJS exports a JS value into a loose Go value that protocol.Normalize
// accepts: numbers as int64/float64, BigInt as *big.Int, Uint8Array as []byte,
// Date as time.Time, arrays as []any, objects as map[string]any.
func FromJS(v goja.Value) any {
	if v == nil || goja.IsUndefined(v) || goja.IsNull(v) {
		return nil
	}
	return normalizeExport(v.Export())
}

func normalizeExport(x any) any {
	switch e := x.(type) {
	case map[string]any:
		for k, v := range e {
			e[k] = normalizeExport(v)
		}
		return e
	case []any:
		for i, v := range e {
			e[i] = normalizeExport(v)
		}
		return e
	case goja.ArrayBuffer:
		return e.Bytes()
	case float64:
		if e == math.Trunc(e) && math.Abs(e) <= maxSafeInt {
			return int64(e)
		}
		return e
	}
	return x
}
