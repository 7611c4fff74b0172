package jsvalue_test

import (
	"fmt"
	"runtime"
	"testing"

	"github.com/dop251/goja"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wsrfc/wsrfc/bindings/jsvalue"
	"github.com/wsrfc/wsrfc/protocol"
)

// lazyRows puts n rows of the bench table into a fresh runtime as global rows.
func lazyRows(t *testing.T, n int) *goja.Runtime {
	t.Helper()
	vm := goja.New()
	tb := jsvalue.NewTable(tab512)
	appendMaps(tb, tab512, canonicalRows(n))
	require.NoError(t, vm.Set("rows", jsvalue.New(vm).Table(tb)))
	return vm
}

func run(t *testing.T, vm *goja.Runtime, script string) goja.Value {
	t.Helper()
	v, err := vm.RunString(script)
	require.NoError(t, err)
	return v
}

func heapAfterGC() uint64 {
	var m runtime.MemStats
	runtime.GC()
	runtime.GC()
	runtime.ReadMemStats(&m)
	return m.HeapAlloc
}

// A script that walks a large table once does not keep an object per row: the
// rows it let go of are collected while the table stays readable.
func TestWalkingLazyRowsKeepsNoObjectPerRow(t *testing.T) {
	const n = 50000
	vm := lazyRows(t, n)
	before := heapAfterGC()
	sum := run(t, vm, sumScriptOver("rows")).ToInteger()
	grown := int64(heapAfterGC()) - int64(before)
	assert.Equal(t, int64(n/100*5050), sum)
	t.Logf("kept %d bytes a row", grown/n)
	assert.Less(t, grown/n, int64(32), "bytes kept per row walked (%d in all)", grown)
	runtime.KeepAlive(vm)
}

// What a script did to rows survives their objects being collected: rows it
// holds stay the same object, fields it changed and properties it added or
// deleted stay as it left them.
func TestLazyRowsKeepWhatTheScriptDidAcrossCollections(t *testing.T) {
	vm := lazyRows(t, jsvalue.LazyRows+10)
	run(t, vm, `
		globalThis.held = rows[0];
		rows[1].NOTE = 'added';
		rows[2].WA = 'changed';
		delete rows[3].WA;
		rows[4] = { WA: 'replaced' };
		void rows[5].WA; // read and let go`)
	heapAfterGC()
	got := run(t, vm, `({
		same: rows[0] === held, again: rows[5] === rows[5],
		note: rows[1].NOTE, keys: Object.keys(rows[1]).join(','), changed: rows[2].WA,
		deleted: 'WA' in rows[3], replaced: rows[4].WA, json: JSON.parse(JSON.stringify(rows[1])).NOTE,
	})`).Export().(map[string]any)
	assert.Equal(t, map[string]any{
		"same": true, "again": true, "note": "added", "keys": "WA,NOTE", "changed": "changed",
		"deleted": false, "replaced": "replaced", "json": "added",
	}, got)
}

func sumScriptOver(name string) string { return "(" + sumScript + ")(" + name + ")" }

// Fields of every kind come out of a lazy table as they went in: the table
// keeps texts, decimals and numbers in columns of their own, and what has
// identity in JS (a Uint8Array) stays one object.
func TestLazyRowsGiveBackEveryKindOfField(t *testing.T) {
	line := protocol.Struct("S",
		protocol.F("C", protocol.Char(10)), protocol.F("N", protocol.Int4()), protocol.F("B", protocol.Int8()),
		protocol.F("F", protocol.Float()), protocol.F("P", protocol.Dec(15, 2)), protocol.F("R", protocol.Raw(2)),
		protocol.F("U", protocol.String()))
	typ := protocol.TableOf("T", line)
	tb := jsvalue.NewTable(typ)
	n := jsvalue.LazyRows + 1
	for i := range n {
		u := any(fmt.Sprint("u", i))
		if i == 7 {
			u = nil // a column whose values do not all have one type
		}
		tb.Append([]any{fmt.Sprint("c", i), int64(i), int64(1<<53 + i), float64(i) + 0.5,
			protocol.Decimal(fmt.Sprintf("%d.50", i)), []byte{byte(i), 0xfe}, u}, 1)
	}
	vm := goja.New()
	v := jsvalue.New(vm).Table(tb)
	got := js(t, vm, v, fmt.Sprintf(`
		const r = x[5];
		r.N = 99;
		[typeof r.C, r.C, r.N, typeof r.B, String(r.B), r.F, typeof r.P, r.P, r.R instanceof Uint8Array, r.R[0],
		 r.R === x[5].R, x[6].U, x[7].U, x[%d].C].join('|')`, n-1)).Export()
	assert.Equal(t, fmt.Sprintf("string|c5|99|bigint|9007199254740997|5.5|string|5.50|true|5|true|u6||c%d", n-1), got)

	back, err := jsvalue.FromJS(v, jsvalue.Limits{})
	require.NoError(t, err)
	rows := back.([]any)
	assert.Equal(t, map[string]any{"C": "c4", "N": int64(4), "B": int64(1<<53 + 4), "F": 4.5,
		"P": protocol.Decimal("4.50"), "R": []byte{4, 0xfe}, "U": "u4"}, rows[4])
	assert.Equal(t, int64(99), rows[5].(map[string]any)["N"], "a field the script set")
	assert.Nil(t, rows[7].(map[string]any)["U"])
}

// A large table costs little more than its texts: they are kept in blocks
// with a small reference per field, not as a string and an interface each.
func TestLazyTableHoldsRowsCompactly(t *testing.T) {
	const n, batch = 50000, 1000
	before := heapAfterGC()
	tb := jsvalue.NewTable(tab512)
	for i := 0; i < n; i += batch {
		rows := make([]any, batch) // fresh strings each frame, as the session decodes them
		for j := range rows {
			rows[j] = dataLine + fmt.Sprintf("%010d", (i+j)%100+1)
		}
		tb.Append(rows, batch)
	}
	vm := goja.New()
	require.NoError(t, vm.Set("rows", jsvalue.New(vm).Table(tb)))
	grown := int64(heapAfterGC()) - int64(before)
	overhead := grown/n - int64(len(dataLine)+10)
	t.Logf("%d bytes a row besides its %d characters", overhead, len(dataLine)+10)
	assert.Less(t, overhead, int64(32), "bytes a row besides its text (%d in all)", grown)
	assert.Equal(t, int64(n/100*5050), run(t, vm, sumScriptOver("rows")).ToInteger())
}

// A row keeps its identity through the hand-over from being held as one of
// the last rows read to being held weakly, and a shrunk table forgets the
// rows it cut off, held or not.
func TestLazyRowIdentityAcrossTheHandOver(t *testing.T) {
	vm := lazyRows(t, jsvalue.LazyRows+2000)
	got := run(t, vm, `
		const first = rows[7];
		const again = rows[7] === first;
		let n = 0;
		for (const r of rows) n += r.WA.length; // hands every row over
		const kept = [rows[100], rows[1500]];
		for (let i = 0; i < rows.length; i++) n += rows[i].WA.length;
		const still = rows[7] === first && rows[100] === kept[0] && rows[1500] === kept[1];
		rows.length = 1000;
		({ again, still, cut: rows[1500] === undefined, kept: rows[100] === kept[0], n: n > 0 })`).Export()
	assert.Equal(t, map[string]any{"again": true, "still": true, "cut": true, "kept": true, "n": true}, got)
}

// A lazy table iterates as an array does: the same row objects as indexing,
// rows added or cut off while iterating, spread and Array.from, and what a
// script can see of the iterator and its results.
func TestLazyTableIteratesAsAnArray(t *testing.T) {
	n := jsvalue.LazyRows + 3
	vm := lazyRows(t, n)
	got := run(t, vm, `
		let same = true, count = 0;
		for (const r of rows) { same = same && r === rows[count]; count++; }
		const grown = []; let i = 0;
		for (const r of rows) { if (i++ === 0) rows.push({ WA: 'added' }); grown.push(r); }
		const cut = []; i = 0;
		for (const r of rows) { if (i++ === 0) rows.length = 2; cut.push(r); }
		const inherited = []; for (const k in rows) if (!/^[0-9]+$/.test(k)) inherited.push(k);
		const it = rows[Symbol.iterator]();
		const first = it.next();
		first.value = 'mine'; first.extra = 1; delete first.done;
		const keys = Object.keys(first).join(','), own = first.value;
		while (!it.next().done);
		const after = it.next();
		({
			same, count, grown: grown.length, last: grown[grown.length - 1].WA, cut: cut.length,
			spread: [...rows].length, from: Array.from(rows).length,
			isArray: Array.isArray(rows), instance: rows instanceof Array, ctor: rows.constructor === Array,
			oneFunction: rows.values === rows[Symbol.iterator], inherited: inherited.join(), ownOfIterator: Object.keys(it).join(),
			names: rows.values.name + ',' + it.next.name,
			tag: Object.prototype.toString.call(it), selfIterable: it[Symbol.iterator]() === it,
			keys, own, after: after.done === true && after.value === undefined,
			borrowed: Array.prototype.slice.call(rows.values.call(['a', 'b'])).length === 0 && [...rows.values.call(['a', 'b'])].join(),
		})`).Export()
	assert.Equal(t, map[string]any{
		"same": true, "count": int64(n), "grown": int64(n + 1), "last": "added", "cut": int64(2),
		"spread": int64(2), "from": int64(2),
		"isArray": true, "instance": true, "ctor": true, "oneFunction": true, "inherited": "", "ownOfIterator": "",
		"names": "values,next",
		"tag":   "[object Array Iterator]", "selfIterable": true,
		"keys": "value,extra", "own": "mine", "after": true, "borrowed": "a,b",
	}, got)
}
