package inspect

import (
	"math"
	"sort"
	"strconv"
	"strings"

	"github.com/dop251/goja"
)

// Table renders data like node's console.table: a box-drawing table with an "(index)" column, one column per
// property of the rows (or the given columns, in that order) and a "Values" column for rows that are primitives.
// Arrays of row objects, such as RFC tables, are the main use; Maps and Sets work too. A primitive data value is
// rendered as console.log would. It must be called on the goroutine that owns vm.
func Table(vm *goja.Runtime, data goja.Value, columns []string) string {
	return renderTable(vm, data, columns, false)
}

// ColorTable is Table with node's ANSI colours in the cells.
func ColorTable(vm *goja.Runtime, data goja.Value, columns []string) string {
	return renderTable(vm, data, columns, true)
}

const (
	indexHeader     = "(index)"
	iterationHeader = "(iteration index)"
	keyHeader       = "Key"
	valuesHeader    = "Values"
)

func renderTable(vm *goja.Runtime, data goja.Value, columns []string, colors bool) (out string) {
	obj, ok := data.(*goja.Object)
	if !ok {
		return FormatArgs(vm, []goja.Value{data}, colors)
	}
	f := newFormatter(vm, Options{Colors: colors})
	defer f.recoverTo(&out, data)

	cell := func(v goja.Value) string {
		opts := Options{Depth: DepthTopLevel, MaxArrayLength: 3, BreakLength: Unlimited, Colors: colors}
		if o, isObj := v.(*goja.Object); isObj && o.ExportType() != proxyType {
			if d := f.describe(o); d.kind != "array" && len(f.items(f.call(f.helpers().objectKeys, o))) > 2 {
				opts.Depth = DepthNone
			}
		}
		g := &formatter{vm: vm, h: f.helpers(), Options: opts.normalized()}
		return g.formatValue(v, 0, false)
	}
	indexColumn := func(n int) []string {
		out := make([]string, n)
		for i := range out {
			out[i] = cell(vm.ToValue(i))
		}
		return out
	}

	switch d := f.describe(obj); d.kind {
	case "map":
		items := f.items(f.call(f.helpers().entries, obj, vm.ToValue(d.length), vm.ToValue(true)))
		var keys, values []string
		for i := 0; i+1 < len(items); i += 2 {
			keys = append(keys, cell(items[i]))
			values = append(values, cell(items[i+1]))
		}
		return drawTable([]string{iterationHeader, keyHeader, valuesHeader}, [][]string{indexColumn(len(keys)), keys, values})
	case "set":
		items := f.items(f.call(f.helpers().entries, obj, vm.ToValue(d.length), vm.ToValue(false)))
		values := make([]string, len(items))
		for i, v := range items {
			values[i] = cell(v)
		}
		return drawTable([]string{iterationHeader, valuesHeader}, [][]string{indexColumn(len(values)), values})
	}

	rowKeys := f.items(f.call(f.helpers().objectKeys, obj))
	rows := f.items(f.call(f.helpers().props, obj, vm.NewArray(valuesToAny(rowKeys)...), goja.Undefined()))
	var order columnOrder
	cols := map[string]map[int]string{}
	valuesColumn := map[int]string{}
	hasPrimitives := false
	for i := range rowKeys {
		row := propDescAt(rows, i)
		item := row.value
		if row.kind != 0 {
			item = goja.Undefined()
		}
		itemObj, isObj := item.(*goja.Object)
		primitive := !isObj
		if columns == nil && primitive {
			hasPrimitives = true
			valuesColumn[i] = cell(item)
			continue
		}
		keys := columns
		if keys == nil {
			for _, k := range f.items(f.call(f.helpers().objectKeys, itemObj)) {
				keys = append(keys, k.String())
			}
		}
		var descs []goja.Value
		if !primitive && len(keys) > 0 {
			keyValues := make([]any, len(keys))
			for j, k := range keys {
				keyValues[j] = k
			}
			descs = f.items(f.call(f.helpers().props, itemObj, vm.NewArray(keyValues...), goja.Undefined()))
		}
		for j, key := range keys {
			if cols[key] == nil {
				cols[key] = map[int]string{}
				order.add(key)
			}
			if primitive {
				cols[key][i] = ""
				continue
			}
			desc := propDescAt(descs, j)
			switch desc.kind {
			case 0:
				cols[key][i] = cell(desc.value)
			case 4:
				cols[key][i] = ""
			default:
				cols[key][i] = f.formatProperty(nil, desc, 0, kindArray)
			}
		}
	}

	head := []string{indexHeader}
	index := make([]string, len(rowKeys))
	for i, k := range rowKeys {
		index[i] = k.String()
	}
	body := [][]string{index}
	for _, key := range order.sorted() {
		head = append(head, key)
		body = append(body, sparseColumn(cols[key], len(rowKeys)))
	}
	if hasPrimitives {
		head = append(head, valuesHeader)
		body = append(body, sparseColumn(valuesColumn, len(rowKeys)))
	}
	return drawTable(head, body)
}

func sparseColumn(cells map[int]string, n int) []string {
	out := make([]string, n)
	for i, s := range cells {
		out[i] = s
	}
	return out
}

// columnOrder lists column names as a JavaScript object would: integer-like names first in ascending order,
// the others in the order they were first seen.
type columnOrder struct{ names []string }

func (o *columnOrder) add(name string) { o.names = append(o.names, name) }

func (o *columnOrder) sorted() []string {
	out := append([]string(nil), o.names...)
	sort.SliceStable(out, func(i, j int) bool {
		a, aIndex := arrayIndex(out[i])
		b, bIndex := arrayIndex(out[j])
		switch {
		case aIndex && bIndex:
			return a < b
		default:
			return aIndex && !bIndex
		}
	})
	return out
}

func arrayIndex(s string) (uint64, bool) {
	n, err := strconv.ParseUint(s, 10, 64)
	return n, err == nil && n < math.MaxUint32 && strconv.FormatUint(n, 10) == s
}

// drawTable is node's cli_table renderer (node 20: cells left-aligned).
func drawTable(head []string, columns [][]string) string {
	widths := make([]int, len(head))
	for i, h := range head {
		widths[i] = stringWidth(h, true)
	}
	longest := 0
	for _, c := range columns {
		longest = max(longest, len(c))
	}
	rows := make([][]string, longest)
	for j := range rows {
		rows[j] = make([]string, len(head))
		for i := range head {
			if j < len(columns[i]) {
				rows[j][i] = columns[i][j]
			}
			widths[i] = max(widths[i], stringWidth(rows[j][i], true))
		}
	}
	divider := make([]string, len(widths))
	for i, w := range widths {
		divider[i] = strings.Repeat("─", w+2)
	}
	var b strings.Builder
	b.WriteString("┌" + strings.Join(divider, "┬") + "┐\n")
	b.WriteString(renderRow(head, widths) + "\n")
	b.WriteString("├" + strings.Join(divider, "┼") + "┤\n")
	for _, row := range rows {
		b.WriteString(renderRow(row, widths) + "\n")
	}
	b.WriteString("└" + strings.Join(divider, "┴") + "┘")
	return b.String()
}

func renderRow(row []string, widths []int) string {
	var b strings.Builder
	b.WriteString("│ ")
	for i, c := range row {
		b.WriteString(c + strings.Repeat(" ", widths[i]-stringWidth(c, true)))
		if i != len(row)-1 {
			b.WriteString(" │ ")
		}
	}
	b.WriteString(" │")
	return b.String()
}
