package jsvalue

import (
	"runtime/metrics"
	"slices"
	"unsafe"
	"weak"

	"github.com/dop251/goja"

	"github.com/wsrfc/wsrfc/protocol"
)

// LazyRows is the number of rows from which a table of structures reaches JS
// as a lazy array: a row becomes a JS object only when a script touches it,
// and its fields become JS values only when read. A table of 100,000 rows is
// then held once, compactly, instead of as Go maps (about 370 bytes a row)
// plus JS objects (about 550 bytes a row, before the values). Smaller tables
// become plain arrays of plain objects.
const LazyRows = 5000

// Table collects the rows of one table result as they arrive, compactly: a
// column per field, the texts of every column in one arena. A million rows
// of RFC_READ_TABLE are then a few large blocks the collector need not scan,
// not a million strings and interfaces it must. It is filled on one
// goroutine (a session's reader, see session.CallOptions.Rows) and read by
// the runtime's goroutine once the call has returned.
type Table struct {
	line   *protocol.Type
	fields []protocol.Field // of a structure line; nil for elementary lines
	index  map[string]int   // field name → position in a row
	cols   []column         // one per field (one for elementary lines)
	text   arena
	n      int
	// over holds what a script set or deleted in a lazy row's typed field
	// (see lazyRow), by slot (row × width + field); nil until then.
	over map[int]any
}

// NewTable starts an empty table of type t (a TABLE type).
func NewTable(t *protocol.Type) *Table {
	tb := &Table{line: t.Line, cols: make([]column, 1)}
	if t.Line != nil && t.Line.Kind == protocol.KindStruct {
		tb.fields = t.Line.Fields
		tb.cols = make([]column, len(tb.fields))
		tb.index = make(map[string]int, len(tb.fields))
		for i := range tb.fields {
			tb.index[tb.fields[i].Name] = i
		}
	}
	return tb
}

// Append adds rows given as their canonical field values flat, the way
// session.CallOptions.Rows hands them over (protocol.AppendRows). The values
// are copied: fields may be reused.
func (t *Table) Append(fields []any, rows int) {
	width := len(t.cols)
	need := 0
	for _, v := range fields {
		switch x := v.(type) {
		case string:
			need += len(x)
		case protocol.Decimal:
			need += len(x)
		}
	}
	t.text.reserve(need)
	for j := range t.cols {
		c := &t.cols[j]
		for i := range rows {
			c.add(&t.text, fields[i*width+j], t.n+i)
		}
	}
	t.n += rows
}

// Len is the number of rows.
func (t *Table) Len() int { return t.n }

// value is the field of a row: a canonical value, or for a lazy row the JS
// value it became or was set to, or deletedField.
func (t *Table) value(row, field int) any {
	if t.over != nil {
		if v, ok := t.over[row*len(t.cols)+field]; ok {
			return v
		}
	}
	return t.cols[field].at(&t.text, row)
}

// keep stores a JS value (or deletedField) for a field of a lazy row.
func (t *Table) keep(row, field int, v any) {
	if c := &t.cols[field]; c.kind == columnAny {
		c.values[row] = v
		return
	}
	if t.over == nil {
		t.over = map[int]any{}
	}
	t.over[row*len(t.cols)+field] = v
}

// columnKind is how a column holds its values: without pointers where every
// value so far had the same scalar type, else as they are.
type columnKind uint8

const (
	columnEmpty   columnKind = iota // no row yet
	columnText                      // string, in the table's arena
	columnDecimal                   // protocol.Decimal, in the arena
	columnInt                       // int64
	columnFloat                     // float64
	columnAny                       // any canonical value, and the JS values of lazy rows
)

type column struct {
	kind   columnKind
	text   []textRef
	ints   []int64
	floats []float64
	values []any
}

func kindOf(v any) columnKind {
	switch v.(type) {
	case string:
		return columnText
	case protocol.Decimal:
		return columnDecimal
	case int64:
		return columnInt
	case float64:
		return columnFloat
	}
	return columnAny
}

// add stores the value of row n, the column's next row.
func (c *column) add(a *arena, v any, n int) {
	k := kindOf(v)
	if c.kind == columnEmpty {
		c.kind = k
	}
	if k != c.kind && c.kind != columnAny {
		c.widen(a, n)
	}
	switch c.kind {
	case columnText:
		c.text = append(c.text, a.add(v.(string)))
	case columnDecimal:
		c.text = append(c.text, a.add(string(v.(protocol.Decimal))))
	case columnInt:
		c.ints = append(c.ints, v.(int64))
	case columnFloat:
		c.floats = append(c.floats, v.(float64))
	default:
		c.values = append(c.values, v)
	}
}

// widen turns a typed column into one of any values, for a value of another
// type (a column the server filled unevenly).
func (c *column) widen(a *arena, n int) {
	values := make([]any, n, max(n, 16))
	for i := range values {
		values[i] = c.at(a, i)
	}
	*c = column{kind: columnAny, values: values}
}

func (c *column) at(a *arena, row int) any {
	switch c.kind {
	case columnText:
		return a.at(c.text[row])
	case columnDecimal:
		return protocol.Decimal(a.at(c.text[row]))
	case columnInt:
		return c.ints[row]
	case columnFloat:
		return c.floats[row]
	}
	return c.values[row]
}

// arena holds the texts of a table in large blocks. A block is never written
// again where it holds text, so a string may point into it: the texts handed
// to JS and back to Go are not copies.
type arena struct {
	blocks [][]byte
}

type textRef struct{ block, off, n uint32 }

// arenaBlock is the size of a block after the first, which is the size of
// the first frame's texts: a table of ten rows takes what it needs.
const arenaBlock = 256 << 10

// reserve makes room for need bytes in the last block, so that one frame's
// texts are one block or the end of one.
func (a *arena) reserve(need int) {
	if a.room() >= need {
		return
	}
	size := need
	if len(a.blocks) > 0 {
		size = max(need, arenaBlock)
	}
	if size > 0 {
		a.blocks = append(a.blocks, make([]byte, 0, size))
	}
}

// room is what the last block can still take.
func (a *arena) room() int {
	if len(a.blocks) == 0 {
		return 0
	}
	last := a.blocks[len(a.blocks)-1]
	return cap(last) - len(last)
}

func (a *arena) add(s string) textRef {
	if s == "" {
		return textRef{}
	}
	a.reserve(len(s))
	last := len(a.blocks) - 1
	b := a.blocks[last]
	a.blocks[last] = append(b, s...)
	return textRef{block: uint32(last), off: uint32(len(b)), n: uint32(len(s))}
}

func (a *arena) at(r textRef) string {
	if r.n == 0 {
		return ""
	}
	b := a.blocks[r.block]
	return unsafe.String(&b[r.off], r.n)
}

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
				items[i] = c.ToJS(t.line, t.value(i, 0))
				continue
			}
			obj := c.vm.NewObject()
			for j := range t.fields {
				_ = obj.Set(t.fields[j].Name, c.ToJS(&t.fields[j].Type, t.value(i, j)))
			}
			items[i] = obj
		}
		return c.vm.NewArray(items...)
	}
	arr := c.vm.NewDynamicArray(&lazyTable{c: c, t: t, length: t.n, handed: make([]weak.Pointer[goja.Object], t.n),
		isFresh: make([]uint64, (t.n+63)/64), stored: t.n})
	_ = arr.SetPrototype(c.tablePrototype()) // see table_iter.go
	return arr
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
	length int
	// items are the rows the script stored, or changed rows held for good;
	// nil until there is one, as most scripts only read.
	items  []goja.Value
	handed []weak.Pointer[goja.Object] // rows handed out and not changed
	// fresh are the rows handed out last, held until there are freshRows
	// of them (see settle); isFresh has a bit for each row in it.
	fresh   []freshRow
	isFresh []uint64
	// batches are the rows handed out lately, for sweep to drop the handles
	// of those the collector has taken since: a walk over a million rows
	// would otherwise keep a million weak handles, which every collection
	// marks again.
	batches []handedBatch
	spare   []int32 // a swept batch's room, for the next one
	// stored is how many leading rows still come from t: shrinking the array
	// hides the rest for good, as it would drop them from a plain array.
	stored int
}

func (a *lazyTable) Len() int { return a.length }

func (a *lazyTable) Get(i int) goja.Value {
	if i < 0 || i >= a.length {
		return nil
	}
	if a.items != nil {
		if v := a.items[i]; v != nil {
			return v
		}
	}
	if i >= a.stored {
		return nil
	}
	if obj := a.handed[i].Value(); obj != nil {
		return obj // the same object on every read while the script holds it
	}
	if a.isFresh[i/64]&(1<<(i%64)) != 0 {
		for k := len(a.fresh) - 1; k >= 0; k-- {
			if a.fresh[k].index == i {
				return a.fresh[k].obj
			}
		}
	}
	row := &lazyRow{table: a, index: i}
	obj := a.c.vm.NewDynamicObject(row)
	row.self = obj
	a.fresh = append(a.fresh, freshRow{index: i, obj: obj})
	a.isFresh[i/64] |= 1 << (i % 64)
	if len(a.fresh) == freshRows {
		a.settle()
	}
	return obj
}

// freshRows is how many rows are handed out before their weak handles are
// made, all at once.
const freshRows = 256

type freshRow struct {
	index int
	obj   *goja.Object
}

// settle gives the fresh rows their weak handles, newest first. Go keeps an
// object's weak handle in a list per span, sorted by address, and finds its
// place from the front: handles made in the order the rows were allocated,
// which is mostly ascending, walk past every handle made before in that span
// (a sixth of a walk's time went there); made newest first, each goes in
// front of the ones just made.
func (a *lazyTable) settle() {
	for k := len(a.fresh) - 1; k >= 0; k-- {
		f := a.fresh[k]
		a.handed[f.index] = weak.Make(f.obj)
		a.isFresh[f.index/64] &^= 1 << (f.index % 64)
		a.noteHanded(f.index)
		a.fresh[k] = freshRow{}
	}
	a.fresh = a.fresh[:0]
}

// sweepBatch is how many rows are handed out between two looks at the
// collector's cycle count.
const sweepBatch = 4096

type handedBatch struct {
	cycle uint64 // the collector's completed cycles when the batch began
	rows  []int32
}

func (a *lazyTable) noteHanded(i int) {
	if n := len(a.batches); n == 0 || len(a.batches[n-1].rows) == sweepBatch {
		cycle := gcCycles()
		a.sweep(cycle)
		rows := a.spare
		if rows == nil {
			rows = make([]int32, 0, sweepBatch)
		}
		a.spare = nil
		a.batches = append(a.batches, handedBatch{cycle: cycle, rows: rows[:0]})
	}
	last := &a.batches[len(a.batches)-1]
	last.rows = append(last.rows, int32(i))
}

// sweep drops the handles of the rows whose objects the collector has taken,
// in the batches that two whole cycles have run since: an object made while
// the collector marks survives that cycle. A row still held keeps its handle.
func (a *lazyTable) sweep(cycle uint64) {
	done := 0
	for _, b := range a.batches {
		if b.cycle+2 > cycle {
			break
		}
		for _, i := range b.rows {
			if a.handed[i].Value() == nil {
				a.handed[i] = weak.Pointer[goja.Object]{}
			}
		}
		a.spare = b.rows
		done++
	}
	a.batches = append(a.batches[:0], a.batches[done:]...)
}

// gcCycles is how many collections have completed.
func gcCycles() uint64 {
	sample := []metrics.Sample{{Name: "/gc/cycles/total:gc-cycles"}}
	metrics.Read(sample)
	if sample[0].Value.Kind() != metrics.KindUint64 {
		return 0
	}
	return sample[0].Value.Uint64()
}

// item makes items exist, and returns it.
func (a *lazyTable) item() []goja.Value {
	if a.items == nil {
		a.items = make([]goja.Value, a.length)
	}
	return a.items
}

// hold keeps a changed row object for good (see lazyTable).
func (a *lazyTable) hold(r *lazyRow) {
	if r.index < a.stored {
		if items := a.item(); items[r.index] == nil {
			items[r.index] = r.self
		}
	}
}

func (a *lazyTable) Set(i int, v goja.Value) bool {
	if i < 0 {
		return false
	}
	if i >= a.length {
		a.SetLen(i + 1)
	}
	a.item()[i] = v
	return true
}

func (a *lazyTable) SetLen(n int) bool {
	if n < 0 {
		return false
	}
	if n < a.length {
		if a.items != nil {
			clear(a.items[n:])
			a.items = a.items[:n]
		}
		if a.stored > n {
			a.settle()
			clear(a.handed[n:a.stored])
			a.stored = n
		}
		a.length = n
		return true
	}
	if a.items != nil {
		a.items = append(a.items, make([]goja.Value, n-a.length)...)
	}
	a.length = n
	return true
}

// export is the table as Go values (see FromJS); rows the script never
// touched come straight from the store.
func (a *lazyTable) export(w *walker, depth int) []any {
	out := make([]any, a.length)
	for i := range out {
		var v goja.Value
		if a.items != nil {
			v = a.items[i]
		}
		w.path = append(w.path, step{index: i, isIndex: true})
		switch {
		case v != nil:
			out[i] = w.value(v, depth+1)
		case i < a.stored:
			out[i] = (&lazyRow{table: a, index: i}).export(w, depth+1)
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
// in the table: a canonical value until the script sets or deletes them.
// Fields that become JS objects (bytes, nested structures and tables) are
// kept as those objects once read, so that reading one twice gives the same
// object; texts and numbers are made again on each read, as nothing can tell
// them apart.
type lazyRow struct {
	table *lazyTable
	index int          // the row's index in the table
	self  *goja.Object // the JS object of this row
	extra *rowExtra    // properties the script added
}

type rowExtra struct {
	keys []string
	vals map[string]goja.Value
}

// setExtra sets a property the script added, making *e on the first.
func setExtra(e **rowExtra, key string, val goja.Value) {
	if *e == nil {
		*e = &rowExtra{vals: map[string]goja.Value{}}
	}
	if _, exists := (*e).vals[key]; !exists {
		(*e).keys = append((*e).keys, key)
	}
	(*e).vals[key] = val
}

func (e *rowExtra) delete(key string) {
	if _, ok := e.vals[key]; ok {
		delete(e.vals, key)
		e.keys = slices.DeleteFunc(e.keys, func(k string) bool { return k == key })
	}
}

func (r *lazyRow) Get(key string) goja.Value {
	t := r.table.t
	j, ok := t.index[key]
	if !ok {
		if r.extra != nil {
			return r.extra.vals[key]
		}
		return nil
	}
	switch v := t.value(r.index, j).(type) {
	case goja.Value:
		return v
	case deletedField:
		return nil
	default:
		jv := r.table.c.ToJS(&t.fields[j].Type, v)
		if _, object := jv.(*goja.Object); object {
			t.keep(r.index, j, jv)
		}
		return jv
	}
}

func (r *lazyRow) Set(key string, val goja.Value) bool {
	r.table.hold(r)
	if j, ok := r.table.t.index[key]; ok {
		r.table.t.keep(r.index, j, val)
		return true
	}
	setExtra(&r.extra, key, val)
	return true
}

func (r *lazyRow) Has(key string) bool {
	if j, ok := r.table.t.index[key]; ok {
		_, deleted := r.table.t.value(r.index, j).(deletedField)
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
	if j, ok := r.table.t.index[key]; ok {
		r.table.t.keep(r.index, j, deletedField{})
		return true
	}
	if r.extra != nil {
		r.extra.delete(key)
	}
	return true
}

func (r *lazyRow) Keys() []string {
	t := r.table.t
	keys := make([]string, 0, len(t.fields))
	for j := range t.fields {
		if _, deleted := t.value(r.index, j).(deletedField); !deleted {
			keys = append(keys, t.fields[j].Name)
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
	t := r.table.t
	m := make(map[string]any, len(t.fields))
	for j := range t.fields {
		name := t.fields[j].Name
		switch v := t.value(r.index, j).(type) {
		case deletedField:
		case goja.Value:
			w.path = append(w.path, step{key: name})
			m[name] = w.value(v, depth+1)
			w.path = w.path[:len(w.path)-1]
		default:
			w.grow(len(name) + canonicalSize(v))
			m[name] = v
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
