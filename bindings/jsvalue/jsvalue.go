// Package jsvalue converts ABAP values between their canonical Go form (see
// package protocol) and JavaScript, following the type mapping of API.md.
package jsvalue

import (
	"math"
	"math/big"
	"slices"
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
	case *lazyTable:
		return e.export()
	case *lazyRow:
		return e.export()
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

// Append adds canonical rows (maps for structure lines); the maps are not kept.
func (t *Table) Append(rows []any) {
	if t.fields == nil {
		t.values = append(t.values, rows...)
		t.n += len(rows)
		return
	}
	t.values = slices.Grow(t.values, len(rows)*len(t.fields))
	for _, row := range rows {
		m, _ := row.(map[string]any)
		for i := range t.fields {
			t.values = append(t.values, m[t.fields[i].Name])
		}
	}
	t.n += len(rows)
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
	return c.vm.NewDynamicArray(&lazyTable{c: c, t: t, items: make([]goja.Value, t.n), stored: t.n})
}

// lazyTable is the goja.DynamicArray of a large table.
type lazyTable struct {
	c     *Converter
	t     *Table
	items []goja.Value // rows handed out or stored by the script; nil until then
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
	v := a.c.vm.NewDynamicObject(&lazyRow{table: a, first: i * len(a.t.fields)})
	a.items[i] = v // the same object on every read, as for a plain array
	return v
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
		a.stored = min(a.stored, n)
		return true
	}
	a.items = append(a.items, make([]goja.Value, n-len(a.items))...)
	return true
}

// export is the table as Go values (see FromJS); rows the script never
// touched come straight from the store.
func (a *lazyTable) export() []any {
	out := make([]any, len(a.items))
	for i, v := range a.items {
		switch {
		case v != nil:
			out[i] = FromJS(v)
		case i < a.stored:
			out[i] = (&lazyRow{table: a, first: i * len(a.t.fields)}).export()
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
	first int       // index of the row's first field in table.t.values
	extra *rowExtra // properties the script added
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
func (r *lazyRow) export() map[string]any {
	fields := r.table.t.fields
	m := make(map[string]any, len(fields))
	for j := range fields {
		switch v := r.table.t.values[r.first+j].(type) {
		case deletedField:
		case goja.Value:
			m[fields[j].Name] = FromJS(v)
		default:
			m[fields[j].Name] = v
		}
	}
	if r.extra != nil {
		for _, k := range r.extra.keys {
			m[k] = FromJS(r.extra.vals[k])
		}
	}
	return m
}
