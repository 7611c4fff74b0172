package jsvalue_test

import (
	"runtime"
	"testing"

	"github.com/dop251/goja"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wsrfc/wsrfc/bindings/jsvalue"
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
	assert.Less(t, grown/n, int64(64), "bytes kept per row walked (%d in all)", grown)
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
