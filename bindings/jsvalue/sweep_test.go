package jsvalue

import (
	"runtime"
	"strconv"
	"strings"
	"testing"
	"weak"

	"github.com/dop251/goja"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wsrfc/wsrfc/protocol"
)

// The rows a walk handed out and let go leave no weak handle behind once the
// collector has taken them, while a row the script holds keeps its handle,
// and so its identity.
func TestWalkedRowsLeaveNoHandleBehind(t *testing.T) {
	const n = 8 * sweepBatch
	line := protocol.Struct("L", protocol.F("WA", protocol.Char(20)))
	tb := NewTable(protocol.TableOf("T", line))
	fields := make([]any, n)
	for i := range fields {
		fields[i] = strings.Repeat("x", i%20+1)
	}
	tb.Append(fields, n)
	vm := goja.New()
	rows := New(vm).Table(tb)
	require.NoError(t, vm.Set("rows", rows))
	a := rows.(*goja.Object).Export().(*lazyTable)
	walk := func(from, to int) {
		_, err := vm.RunString(`(() => { let n = 0; for (let i = ` + strconv.Itoa(from) + `; i < ` + strconv.Itoa(to) + `; i++) n += rows[i].WA.length; return n; })()`)
		require.NoError(t, err)
	}
	_, err := vm.RunString(`globalThis.held = [rows[5], rows[3 * 4096 + 7]]`)
	require.NoError(t, err)
	walk(0, n/2)
	runtime.GC()
	runtime.GC()
	walk(n/2, n) // its batches sweep the first walk's
	kept := 0
	for i := range n / 2 {
		if a.handed[i] != (weak.Pointer[goja.Object]{}) {
			kept++
		}
	}
	assert.LessOrEqual(t, kept, 2+8, "handles kept of %d rows walked and let go", n/2)
	same, err := vm.RunString(`held[0] === rows[5] && held[1] === rows[3 * 4096 + 7]`)
	require.NoError(t, err)
	assert.True(t, same.ToBoolean(), "held rows are still the same objects")
}
