// Package jsvalue converts ABAP values between their canonical Go form (see
// package protocol) and JavaScript, following the type mapping of API.md.
package jsvalue

import (
	"encoding/json"
	"fmt"
	"math"
	"math/big"
	"reflect"
	"slices"
	"sort"
	"strconv"
	"strings"

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
	tableProto *goja.Object // made on first use (table_iter.go)
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

// MaxDepth is how deeply a value handed to SAP may nest: the handler's JSON
// parser refuses more than 100 levels (ZCL_VSP_JSON=>GC_MAX_DEPTH), so a deeper
// value could never be sent, and a bound here keeps a self-referencing object
// from recursing without end.
const MaxDepth = 100

// Limits bound FromJS. MaxBytes, when positive, is the size a request may not
// exceed: the conversion stops as soon as the JSON it would become is certainly
// larger, instead of building the whole value first.
type Limits struct {
	MaxBytes int64
	// MaxDepth is how many levels of objects and arrays may lie below the
	// value given (itself level 0); zero means MaxDepth.
	MaxDepth int
}

func (l Limits) maxDepth() int {
	if l.MaxDepth > 0 {
		return l.MaxDepth
	}
	return MaxDepth
}

// ConversionError says why a JS value cannot become an ABAP value and where
// in it (Path, e.g. "IMPORTSTRUCT.self"). TooLarge marks a value over
// Limits.MaxBytes; the other reasons are type errors of the script.
type ConversionError struct {
	Path     string
	Reason   string
	TooLarge bool
}

func (e *ConversionError) Error() string {
	if e.Path == "" {
		return "the value " + e.Reason
	}
	return e.Path + " " + e.Reason
}

// FromJS exports a JS value into a loose Go value that protocol.Normalize
// accepts: numbers as int64/float64, BigInt as *big.Int, Uint8Array as []byte,
// Date as time.Time, arrays as []any, objects as map[string]any. It walks the
// value itself rather than through goja's Export so that a circular or too
// deep value, a function or a symbol fails with the path to it, and a value
// too large to send fails before it is built whole.
func FromJS(v goja.Value, lim Limits) (any, error) {
	w := walker{lim: lim}
	out := w.value(v, 0)
	if w.err != nil {
		return nil, w.err
	}
	return out, nil
}

// walker is one FromJS conversion: the path to the value being converted, the
// objects on that path (to tell a cycle from a value used twice) and a lower
// bound of the JSON size so far.
type walker struct {
	lim  Limits
	path []step
	// parents are the objects on the path, root first: a cycle is an object
	// among them. The path is at most Limits' depth long, and most parameters
	// are an object or two deep, so a scan beats a map (and its allocation).
	parents []*goja.Object
	size    int64
	err     *ConversionError
}

// step is one step of the path to a value: a member name or an index. The
// path is only rendered when something fails.
type step struct {
	key     string
	index   int
	isIndex bool
}

func (w *walker) pathString() string {
	var b strings.Builder
	for _, p := range w.path {
		switch {
		case p.isIndex:
			b.WriteString("[" + strconv.Itoa(p.index) + "]")
		case b.Len() == 0:
			b.WriteString(p.key)
		default:
			b.WriteByte('.')
			b.WriteString(p.key)
		}
	}
	return b.String()
}

func (w *walker) fail(reason string) any {
	if w.err == nil {
		w.err = &ConversionError{Path: w.pathString(), Reason: reason}
	}
	return nil
}

// grow counts n more bytes of the JSON text the value becomes (a lower bound:
// quotes, separators and escapes are not counted) and fails past the limit.
func (w *walker) grow(n int) bool {
	w.size += int64(n)
	if w.lim.MaxBytes > 0 && w.size > w.lim.MaxBytes && w.err == nil {
		w.err = &ConversionError{Path: w.pathString(), TooLarge: true,
			Reason: fmt.Sprintf("makes the request larger than the server's limit of %d bytes; send fewer rows per call", w.lim.MaxBytes)}
	}
	return w.err == nil
}

var (
	typeLazyTable = reflect.TypeOf((*lazyTable)(nil))
	typeLazyRow   = reflect.TypeOf((*lazyRow)(nil))
	typeArray     = reflect.TypeOf([]any(nil))
	typeObject    = reflect.TypeOf(map[string]any(nil))
)

func (w *walker) value(v goja.Value, depth int) any {
	if w.err != nil || v == nil || goja.IsUndefined(v) || goja.IsNull(v) {
		w.grow(1)
		return nil
	}
	if _, ok := v.(*goja.Symbol); ok {
		return w.fail("is a Symbol; ABAP values are strings, numbers, booleans, BigInts, Uint8Arrays, objects and arrays")
	}
	obj, ok := v.(*goja.Object)
	if !ok {
		switch x := v.Export().(type) {
		case string:
			w.grow(len(x))
			return x
		case float64:
			w.grow(1)
			if x == math.Trunc(x) && math.Abs(x) <= maxSafeInt {
				return int64(x)
			}
			return x
		case nil:
			return nil
		default:
			w.grow(1)
			return x
		}
	}
	if _, ok := goja.AssertFunction(obj); ok {
		return w.fail("is a function; ABAP values are strings, numbers, booleans, BigInts, Uint8Arrays, objects and arrays")
	}
	if max := w.lim.maxDepth(); depth > max {
		return w.fail(fmt.Sprintf("is nested more than %d levels deep, the most SAP's handler reads", max))
	}
	if slices.Contains(w.parents, obj) {
		return w.fail("refers to an object that contains it (converting circular structure to an ABAP value)")
	}
	w.parents = append(w.parents, obj)
	out := w.object(obj, depth)
	w.parents = w.parents[:len(w.parents)-1]
	return out
}

// object converts obj, which is on the path now (w.parents).
func (w *walker) object(obj *goja.Object, depth int) any {
	switch obj.ExportType() {
	case typeLazyTable:
		return obj.Export().(*lazyTable).export(w, depth)
	case typeLazyRow:
		return obj.Export().(*lazyRow).export(w, depth)
	case typeArray:
		n := obj.Get("length").ToInteger()
		out := make([]any, 0, min(n, 1<<16)) // the length is the script's to set: grow as the rows come
		for i := int64(0); i < n; i++ {
			w.path = append(w.path, step{index: int(i), isIndex: true})
			out = append(out, w.value(obj.Get(strconv.FormatInt(i, 10)), depth+1))
			w.path = w.path[:len(w.path)-1]
			if w.err != nil {
				return nil
			}
		}
		return out
	case typeObject:
		keys := obj.Keys()
		out := make(map[string]any, len(keys))
		for _, k := range keys {
			w.path = append(w.path, step{key: k})
			w.grow(len(k))
			out[k] = w.value(obj.Get(k), depth+1)
			w.path = w.path[:len(w.path)-1]
			if w.err != nil {
				return nil
			}
		}
		return out
	}
	// Dates, typed arrays, ArrayBuffers and the like hold no JS values.
	switch x := obj.Export().(type) {
	case goja.ArrayBuffer:
		w.grow(len(x.Bytes()))
		return x.Bytes()
	case []byte:
		w.grow(len(x))
		return x
	default:
		w.grow(1)
		return x
	}
}

// canonicalSize is a lower bound of the JSON size of a canonical scalar.
func canonicalSize(v any) int {
	switch x := v.(type) {
	case string:
		return len(x)
	case protocol.Decimal:
		return len(x)
	case []byte:
		return len(x)
	}
	return 1
}

// JSON converts a JSON value as protocol.DecodeValue gives it (numbers as
// json.Number) to JS without losing digits: an integer becomes a number where
// it is safe and a BigInt beyond, any other number a number, and a number too
// large for a double stays its exact decimal text. Objects get sorted keys.
func (c *Converter) JSON(v any) goja.Value {
	switch x := v.(type) {
	case json.Number:
		return c.ToJS(nil, jsonNumber(x))
	case map[string]any:
		obj := c.vm.NewObject()
		keys := make([]string, 0, len(x))
		for k := range x {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			_ = obj.Set(k, c.JSON(x[k]))
		}
		return obj
	case []any:
		items := make([]any, len(x))
		for i, e := range x {
			items[i] = c.JSON(e)
		}
		return c.vm.NewArray(items...)
	}
	return c.ToJS(nil, v)
}

func jsonNumber(n json.Number) any {
	s := string(n)
	if !strings.ContainsAny(s, ".eE") {
		if i, err := strconv.ParseInt(s, 10, 64); err == nil {
			return i
		}
		if b, ok := new(big.Int).SetString(s, 10); ok {
			return b
		}
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsInf(f, 0) {
		return s // out of a double's range: the exact text beats Infinity
	}
	return f
}
