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
	"weak"

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
	lim     Limits
	path    []step
	parents map[*goja.Object]struct{}
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
	if _, cyclic := w.parents[obj]; cyclic {
		return w.fail("refers to an object that contains it (converting circular structure to an ABAP value)")
	}
	if w.parents == nil {
		w.parents = map[*goja.Object]struct{}{}
	}
	w.parents[obj] = struct{}{}
	defer delete(w.parents, obj)
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

// LazyRows is the number of rows from which a table of structures reaches JS
// as a lazy array: a row becomes a JS object only when a script touches it,
// and its fields become JS values only when read. A table of 100,000 rows is
// then held once, compactly, instead of as Go maps (about 370 bytes a row)
// plus JS objects (about 550 bytes a row, before the values). Smaller tables
// become plain arrays of plain objects.
const LazyRows = 5000

// Table collects the rows of one table result as they arrive, compactly: the
// field values of each row one after the other, without a map per row. It is
// filled on one goroutine (a session's reader, see session.CallOptions.Rows)
// and read by the runtime's goroutine once the call has returned.
type Table struct {
	line   *protocol.Type
	fields []protocol.Field // of a structure line; nil for elementary lines
	index  map[string]int   // field name → position in a row
	values []any            // canonical values; len(fields) per row (one per row for elementary lines)
	n      int
}

// NewTable starts an empty table of type t (a TABLE type).
func NewTable(t *protocol.Type) *Table {
	tb := &Table{line: t.Line}
	if t.Line != nil && t.Line.Kind == protocol.KindStruct {
		tb.fields = t.Line.Fields
		tb.index = make(map[string]int, len(tb.fields))
		for i := range tb.fields {
			tb.index[tb.fields[i].Name] = i
		}
	}
	return tb
}

// Append adds rows given as their canonical field values flat, the way
// session.CallOptions.Rows hands them over (protocol.AppendRows). fields is
// kept: the caller gives it up.
func (t *Table) Append(fields []any, rows int) {
	if t.values == nil {
		t.values = fields // the first frame's slice serves as it is
	} else {
		t.values = append(t.values, fields...)
	}
	t.n += rows
}

// Len is the number of rows.
func (t *Table) Len() int { return t.n }

// Table converts a collected table: a plain array of plain objects, or from
// LazyRows rows of a structure line on, an array whose rows are made on access.
// Lazy rows behave like plain objects for reading, writing, adding and deleting
// properties, Object.keys, JSON.stringify and FromJS; reading r.DATA[i] twice
// gives the same object.
func (c *Converter) Table(t *Table) goja.Value {
	if t.fields == nil || t.n < LazyRows {
		items := make([]any, t.n)
		for i := range items {
			if t.fields == nil {
				items[i] = c.ToJS(t.line, t.values[i])
				continue
			}
			obj := c.vm.NewObject()
			row := t.values[i*len(t.fields) : (i+1)*len(t.fields)]
			for j := range t.fields {
				_ = obj.Set(t.fields[j].Name, c.ToJS(&t.fields[j].Type, row[j]))
			}
			items[i] = obj
		}
		return c.vm.NewArray(items...)
	}
	return c.vm.NewDynamicArray(&lazyTable{c: c, t: t, items: make([]goja.Value, t.n), handed: make([]weak.Pointer[goja.Object], t.n), stored: t.n})
}

// lazyTable is the goja.DynamicArray of a large table.
//
// A row object handed out is held only weakly: a script that walks a million
// rows once would otherwise keep a million row objects alive, twice the memory
// of the table itself. While the script holds a row, reading it again gives
// that same object; once nothing holds it, nothing can tell a new one from it,
// because the row's fields live in the table. A row the script changes (a
// field or a property of its own, set or deleted) is held for good, so that
// what it added stays. The one thing a new object would not have is a
// prototype the script set on a row it then let go of.
type lazyTable struct {
	c      *Converter
	t      *Table
	items  []goja.Value                // rows the script stored, or changed rows held for good; nil until then
	handed []weak.Pointer[goja.Object] // rows handed out and not changed
	// stored is how many leading rows still come from t: shrinking the array
	// hides the rest for good, as it would drop them from a plain array.
	stored int
}

func (a *lazyTable) Len() int { return len(a.items) }

func (a *lazyTable) Get(i int) goja.Value {
	if i < 0 || i >= len(a.items) {
		return nil
	}
	if v := a.items[i]; v != nil || i >= a.stored {
		return v
	}
	if obj := a.handed[i].Value(); obj != nil {
		return obj // the same object on every read while the script holds it
	}
	row := &lazyRow{table: a, first: i * len(a.t.fields), index: i}
	obj := a.c.vm.NewDynamicObject(row)
	row.self = obj
	a.handed[i] = weak.Make(obj)
	return obj
}

// hold keeps a changed row object for good (see lazyTable).
func (a *lazyTable) hold(r *lazyRow) {
	if r.index < a.stored && a.items[r.index] == nil {
		a.items[r.index] = r.self
	}
}

func (a *lazyTable) Set(i int, v goja.Value) bool {
	if i < 0 {
		return false
	}
	if i >= len(a.items) {
		a.SetLen(i + 1)
	}
	a.items[i] = v
	return true
}

func (a *lazyTable) SetLen(n int) bool {
	if n < 0 {
		return false
	}
	if n < len(a.items) {
		clear(a.items[n:])
		a.items = a.items[:n]
		if a.stored > n {
			clear(a.handed[n:a.stored])
			a.stored = n
		}
		return true
	}
	a.items = append(a.items, make([]goja.Value, n-len(a.items))...)
	return true
}

// export is the table as Go values (see FromJS); rows the script never
// touched come straight from the store.
func (a *lazyTable) export(w *walker, depth int) []any {
	out := make([]any, len(a.items))
	for i, v := range a.items {
		w.path = append(w.path, step{index: i, isIndex: true})
		switch {
		case v != nil:
			out[i] = w.value(v, depth+1)
		case i < a.stored:
			out[i] = (&lazyRow{table: a, first: i * len(a.t.fields)}).export(w, depth+1)
		}
		w.path = w.path[:len(w.path)-1]
		if w.err != nil {
			return nil
		}
	}
	return out
}

// deletedField marks a field a script deleted from a lazy row.
type deletedField struct{}

// lazyRow is the goja.DynamicObject of one row of a lazy table. Its fields live
// in the table's values: a canonical value until first read, then the JS value
// it became (so that later reads, and writes, see one value).
type lazyRow struct {
	table *lazyTable
	first int          // index of the row's first field in table.t.values
	index int          // the row's index in the table
	self  *goja.Object // the JS object of this row
	extra *rowExtra    // properties the script added
}

type rowExtra struct {
	keys []string
	vals map[string]goja.Value
}

func (r *lazyRow) slot(key string) (int, bool) {
	j, ok := r.table.t.index[key]
	return r.first + j, ok
}

func (r *lazyRow) Get(key string) goja.Value {
	k, ok := r.slot(key)
	if !ok {
		if r.extra != nil {
			return r.extra.vals[key]
		}
		return nil
	}
	values := r.table.t.values
	switch v := values[k].(type) {
	case goja.Value:
		return v
	case deletedField:
		return nil
	default:
		jv := r.table.c.ToJS(&r.table.t.fields[k-r.first].Type, v)
		values[k] = jv
		return jv
	}
}

func (r *lazyRow) Set(key string, val goja.Value) bool {
	r.table.hold(r)
	if k, ok := r.slot(key); ok {
		r.table.t.values[k] = val
		return true
	}
	if r.extra == nil {
		r.extra = &rowExtra{vals: map[string]goja.Value{}}
	}
	if _, exists := r.extra.vals[key]; !exists {
		r.extra.keys = append(r.extra.keys, key)
	}
	r.extra.vals[key] = val
	return true
}

func (r *lazyRow) Has(key string) bool {
	if k, ok := r.slot(key); ok {
		_, deleted := r.table.t.values[k].(deletedField)
		return !deleted
	}
	if r.extra != nil {
		_, ok := r.extra.vals[key]
		return ok
	}
	return false
}

func (r *lazyRow) Delete(key string) bool {
	r.table.hold(r)
	if k, ok := r.slot(key); ok {
		r.table.t.values[k] = deletedField{}
		return true
	}
	if r.extra != nil {
		if _, ok := r.extra.vals[key]; ok {
			delete(r.extra.vals, key)
			r.extra.keys = slices.DeleteFunc(r.extra.keys, func(k string) bool { return k == key })
		}
	}
	return true
}

func (r *lazyRow) Keys() []string {
	fields := r.table.t.fields
	keys := make([]string, 0, len(fields))
	for j := range fields {
		if _, deleted := r.table.t.values[r.first+j].(deletedField); !deleted {
			keys = append(keys, fields[j].Name)
		}
	}
	if r.extra != nil {
		keys = append(keys, r.extra.keys...)
	}
	return keys
}

// export is the row as a Go map (see FromJS): canonical values where the
// script did not touch a field, exported JS values where it did.
func (r *lazyRow) export(w *walker, depth int) map[string]any {
	fields := r.table.t.fields
	m := make(map[string]any, len(fields))
	for j := range fields {
		switch v := r.table.t.values[r.first+j].(type) {
		case deletedField:
		case goja.Value:
			w.path = append(w.path, step{key: fields[j].Name})
			m[fields[j].Name] = w.value(v, depth+1)
			w.path = w.path[:len(w.path)-1]
		default:
			w.grow(len(fields[j].Name) + canonicalSize(v))
			m[fields[j].Name] = v
		}
	}
	if r.extra != nil {
		for _, k := range r.extra.keys {
			w.path = append(w.path, step{key: k})
			m[k] = w.value(r.extra.vals[k], depth+1)
			w.path = w.path[:len(w.path)-1]
		}
	}
	if w.err != nil {
		return nil
	}
	return m
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
