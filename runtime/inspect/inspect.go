// Package inspect renders goja values as text the way node's util.inspect, util.format and console.table do,
// without ever running user code (getters, proxy traps, toString), since a getter may do network I/O.
package inspect

import (
	"math"
	"reflect"
	"strconv"
	"strings"

	"github.com/dop251/goja"
)

// Unlimited lifts a limit (Depth, MaxArrayLength, MaxStringLength, BreakLength), like Infinity in node.
const Unlimited = math.MaxInt32

// Depth values for node's depth 0 and -1, which cannot be written as 0 because 0 means "the default".
const (
	DepthTopLevel = -1 // node depth 0: the value's own entries, anything nested as [Object]
	DepthNone     = -2 // node depth -1: even the value itself as [Object]
)

// Options mirror node's util.inspect options. Zero values mean node's defaults.
type Options struct {
	Depth           int  // levels of nesting expanded; default 2; see DepthTopLevel, DepthNone, Unlimited
	Colors          bool // ANSI colours as node uses them
	MaxArrayLength  int  // items shown of arrays, typed arrays, maps and sets; default 100; negative shows none
	MaxStringLength int  // characters shown of a string; default 10000
	BreakLength     int  // line width at which entries are split over lines; default 80
	Compact         int  // how many inner levels may share one line; default 3; negative puts each entry on its own line
}

// NodeDepth converts a depth as node takes it (a number, Infinity for no limit) into Options.Depth.
func NodeDepth(depth float64) int {
	switch {
	case depth != depth || depth >= Unlimited:
		return Unlimited
	case depth < 0:
		return DepthNone
	case depth < 1:
		return DepthTopLevel
	}
	return int(depth)
}

func (o Options) normalized() Options {
	switch {
	case o.Depth == 0:
		o.Depth = 2
	case o.Depth == DepthTopLevel:
		o.Depth = 0
	case o.Depth < 0:
		o.Depth = -1
	}
	if o.MaxArrayLength == 0 {
		o.MaxArrayLength = 100
	} else if o.MaxArrayLength < 0 {
		o.MaxArrayLength = 0
	}
	if o.MaxStringLength <= 0 {
		o.MaxStringLength = 10000
	}
	if o.BreakLength <= 0 {
		o.BreakLength = 80
	}
	if o.Compact == 0 {
		o.Compact = 3
	} else if o.Compact < 0 {
		o.Compact = 0
	}
	return o
}

// maxNesting stops runaway recursion through Go-backed values that have no identity for cycle detection.
const maxNesting = 1000

// Format renders v like node's util.inspect(v, opts). It never fails: if the runtime cannot be used
// (for example while it is being interrupted) it falls back to a plain conversion.
// It must be called on the goroutine that owns vm.
func Format(vm *goja.Runtime, v goja.Value, opts Options) (out string) {
	f := newFormatter(vm, opts)
	defer f.recoverTo(&out, v)
	return f.formatValue(v, 0, false)
}

type formatter struct {
	vm *goja.Runtime
	h  *helpers
	Options
	indentationLvl int
	currentDepth   int
	seen           []*goja.Object
	circular       map[*goja.Object]int
}

func newFormatter(vm *goja.Runtime, opts Options) *formatter {
	return &formatter{vm: vm, Options: opts.normalized()}
}

// helpers are fetched on first need: printing strings and numbers needs none,
// and building them is most of the cost of a first console.log.
func (f *formatter) helpers() *helpers {
	if f.h == nil {
		h, err := helpersFor(f.vm)
		if err != nil {
			panic(helperFailure{err})
		}
		f.h = h
	}
	return f.h
}

// helperFailure carries an error from a helper call up to recoverTo.
type helperFailure struct{ err error }

// recoverTo, deferred, turns a helper failure (the runtime being interrupted)
// into the plain rendering of the values being formatted.
func (f *formatter) recoverTo(out *string, values ...goja.Value) {
	if x := recover(); x != nil {
		if _, ok := x.(helperFailure); !ok {
			panic(x)
		}
		parts := make([]string, len(values))
		for i, v := range values {
			parts[i] = fallback(v)
		}
		*out = strings.Join(parts, " ")
	}
}

func (f *formatter) call(fn goja.Callable, args ...goja.Value) goja.Value {
	v, err := fn(goja.Undefined(), args...)
	if err != nil {
		panic(helperFailure{err})
	}
	return v
}

func fallback(v goja.Value) string {
	if v == nil {
		return "undefined"
	}
	if _, ok := v.(*goja.Object); ok {
		return "[object]"
	}
	return v.String()
}

// items turns a JS array returned by a helper into Go values.
func (f *formatter) items(v goja.Value) []goja.Value {
	obj, ok := v.(*goja.Object)
	if !ok {
		return nil
	}
	n := int(obj.Get("length").ToInteger())
	out := make([]goja.Value, n)
	for i := range out {
		out[i] = obj.Get(strconv.Itoa(i))
	}
	return out
}

var (
	proxyType   = reflect.TypeOf(goja.Proxy{})
	promiseType = reflect.TypeOf((*goja.Promise)(nil))
)

const (
	styleSpecial   = "special"
	styleNumber    = "number"
	styleBigint    = "bigint"
	styleBoolean   = "boolean"
	styleUndefined = "undefined"
	styleNull      = "null"
	styleString    = "string"
	styleSymbol    = "symbol"
	styleDate      = "date"
	styleRegexp    = "regexp"
	styleName      = "name"
)

// sgr holds node's default inspect.styles as ANSI SGR open/close codes.
var sgr = map[string][2]int{
	styleSpecial:   {36, 39}, // cyan
	styleNumber:    {33, 39}, // yellow
	styleBigint:    {33, 39},
	styleBoolean:   {33, 39},
	styleUndefined: {90, 39}, // grey
	styleNull:      {1, 22},  // bold
	styleString:    {32, 39}, // green
	styleSymbol:    {32, 39},
	styleDate:      {35, 39}, // magenta
	styleRegexp:    {31, 39}, // red
}

func (f *formatter) stylize(s, style string) string {
	if !f.Colors {
		return s
	}
	code, ok := sgr[style]
	if !ok {
		return s
	}
	return "\x1b[" + strconv.Itoa(code[0]) + "m" + s + "\x1b[" + strconv.Itoa(code[1]) + "m"
}

func (f *formatter) formatValue(v goja.Value, recurseTimes int, inTypedArray bool) string {
	obj, ok := v.(*goja.Object)
	if !ok {
		return f.formatPrimitive(v)
	}
	// Show a proxy as its target, without triggering any trap.
	for obj.ExportType() == proxyType {
		target := obj.Export().(goja.Proxy).Target()
		if target == nil {
			return f.stylize("<Revoked Proxy>", styleSpecial)
		}
		obj = target
	}
	for _, s := range f.seen {
		if s == obj {
			if f.circular == nil {
				f.circular = map[*goja.Object]int{}
			}
			index, ok := f.circular[obj]
			if !ok {
				index = len(f.circular) + 1
				f.circular[obj] = index
			}
			return f.stylize("[Circular *"+strconv.Itoa(index)+"]", styleSpecial)
		}
	}
	return f.formatRaw(obj, recurseTimes, inTypedArray)
}

func (f *formatter) formatPrimitive(v goja.Value) string {
	switch {
	case v == nil || goja.IsUndefined(v):
		return f.stylize("undefined", styleUndefined)
	case goja.IsNull(v):
		return f.stylize("null", styleNull)
	case goja.IsString(v):
		return f.formatString(v.String())
	case goja.IsNumber(v):
		return f.stylize(numberString(v), styleNumber)
	case goja.IsBigInt(v):
		return f.stylize(v.String()+"n", styleBigint)
	}
	if s, ok := v.(*goja.Symbol); ok {
		return f.stylize(symbolString(s), styleSymbol)
	}
	if v.ExportType() != nil && v.ExportType().Kind() == reflect.Bool {
		return f.stylize(v.String(), styleBoolean)
	}
	return v.String()
}

func numberString(v goja.Value) string {
	if x := v.ToFloat(); x == 0 && math.Signbit(x) {
		return "-0"
	}
	return v.String()
}

func symbolString(s *goja.Symbol) string {
	return "Symbol(" + s.String() + ")"
}

func (f *formatter) formatString(s string) string {
	trailer := ""
	if n := jsLen(s); n > f.MaxStringLength {
		remaining := n - f.MaxStringLength
		s = jsSlice(s, f.MaxStringLength)
		trailer = "... " + strconv.Itoa(remaining) + " more character" + plural(remaining)
	}
	if n := jsLen(s); n > 16 && n > f.BreakLength-f.indentationLvl-4 {
		lines := strings.SplitAfter(s, "\n")
		if lines[len(lines)-1] == "" {
			lines = lines[:len(lines)-1]
		}
		for i, line := range lines {
			lines[i] = f.stylize(quote(line), styleString)
		}
		return strings.Join(lines, " +\n"+strings.Repeat(" ", f.indentationLvl+2)) + trailer
	}
	return f.stylize(quote(s), styleString) + trailer
}

func plural(n int) string {
	if n > 1 {
		return "s"
	}
	return ""
}

// keyIdentifier matches keys that node prints without quotes.
func keyIdentifier(k string) bool {
	if k == "" {
		return false
	}
	for i, r := range k {
		ok := r == '_' || (r >= 'a' && r <= 'z') || (r >= 'A' && r <= 'Z') || (i > 0 && r >= '0' && r <= '9')
		if !ok {
			return false
		}
	}
	return true
}

// description is what the helper found out about an object.
type description struct {
	kind   string
	ctor   string
	hasCtr bool // false for a null prototype
	tag    string
	keys   []goja.Value
	length int
}

func (f *formatter) describe(obj *goja.Object) description {
	parts := f.items(f.call(f.helpers().describe, obj, f.vm.ToValue(obj.ClassName())))
	d := description{kind: parts[0].String(), tag: parts[2].String(), keys: f.items(parts[3]), length: int(parts[4].ToInteger())}
	if !goja.IsNull(parts[1]) {
		d.ctor, d.hasCtr = parts[1].String(), true
	}
	if obj.ExportType() == promiseType {
		d.kind = "promise"
	}
	return d
}

// prefix is node's getPrefix: "Ctor(size) [tag] " or "[fallback(size): null prototype] ".
func (d description) prefix(fallback, size string) string {
	if !d.hasCtr {
		if d.tag != "" && fallback != d.tag {
			return "[" + fallback + size + ": null prototype] [" + d.tag + "] "
		}
		return "[" + fallback + size + ": null prototype] "
	}
	if d.tag != "" && d.ctor != d.tag {
		return d.ctor + size + " [" + d.tag + "] "
	}
	return d.ctor + size + " "
}

// ctxStyle is node's getCtxStyle for objects without a more specific kind.
func (d description) ctxStyle() string {
	fallback := ""
	if !d.hasCtr {
		fallback = "Object"
	}
	return d.prefix(fallback, "")
}

// property is one entry to print after the formatter's own entries: a key read through a descriptor,
// or a synthetic entry (such as a DataView's byteLength) with a value computed by a built-in.
type property struct {
	key       goja.Value
	synthetic bool
	value     goja.Value
}

const (
	kindObject = iota // node's kObjectType
	kindArray         // kArrayType: array items, printed without a key
	kindExtras        // kArrayExtrasType: extra keys of arrays, printed as key: value
)

func (f *formatter) formatRaw(obj *goja.Object, recurseTimes int, inTypedArray bool) string {
	d := f.describe(obj)
	props := make([]property, 0, len(d.keys))
	for _, k := range d.keys {
		props = append(props, property{key: k})
	}
	base := ""
	braces := [2]string{"{", "}"}
	extrasType := kindObject
	var entries func(recurseTimes int) []string
	var numeric func(i int) bool // for array grouping: is item i a number or bigint

	switch d.kind {
	case "array":
		prefix := ""
		if d.ctor != "Array" || d.tag != "" || !d.hasCtr {
			prefix = d.prefix("Array", "("+strconv.Itoa(d.length)+")")
		}
		braces = [2]string{prefix + "[", "]"}
		if d.length == 0 && len(props) == 0 {
			return braces[0] + "]"
		}
		extrasType = kindExtras
		var kinds []bool
		entries = func(rt int) []string {
			out, isNum := f.formatArray(obj, d.length, rt)
			kinds = isNum
			return out
		}
		numeric = func(i int) bool { return i < len(kinds) && kinds[i] }
	case "set", "map":
		name := "Set"
		if d.kind == "map" {
			name = "Map"
		}
		prefix := d.prefix(name, "("+strconv.Itoa(d.length)+")")
		if d.length == 0 && len(props) == 0 {
			return prefix + "{}"
		}
		braces = [2]string{prefix + "{", "}"}
		entries = func(rt int) []string { return f.formatCollection(obj, d.kind == "map", d.length, rt) }
	case "typedarray":
		if d.ctor == "Buffer" && d.tag == "Uint8Array" {
			return formatBuffer(obj, d.length) // node's Buffer has its own inspect
		}
		fallback := ""
		if !d.hasCtr {
			fallback = d.tag
		}
		prefix := d.prefix(fallback, "("+strconv.Itoa(d.length)+")")
		braces = [2]string{prefix + "[", "]"}
		if d.length == 0 && len(props) == 0 {
			return braces[0] + "]"
		}
		extrasType = kindExtras
		entries = func(int) []string { return f.formatTypedArray(obj, d.length) }
		numeric = func(int) bool { return true }
	case "function":
		base = f.functionBase(obj, d)
		if len(props) == 0 {
			return f.stylize(base, styleSpecial)
		}
	case "arguments":
		braces[0] = "[Arguments] {"
		if len(props) == 0 {
			return braces[0] + "}"
		}
	case "regexp":
		base = f.call(f.helpers().regExpString, obj).String()
		if p := d.prefix("RegExp", ""); p != "RegExp " {
			base = p + base
		}
		if len(props) == 0 || recurseTimes > f.Depth {
			return f.stylize(base, styleRegexp)
		}
	case "date":
		base = f.call(f.helpers().dateString, obj).String()
		if p := d.prefix("Date", ""); p != "Date " {
			base = p + base
		}
		if len(props) == 0 {
			return f.stylize(base, styleDate)
		}
	case "error":
		var extra []property
		base, extra = f.formatError(obj, d, props)
		props = extra
		if len(props) == 0 {
			return base
		}
	case "arraybuffer":
		prefix := d.prefix("ArrayBuffer", "")
		bytes := f.items(f.call(f.helpers().bufferBytes, obj, f.vm.ToValue(f.MaxArrayLength)))
		byteLength := bytes[0]
		if inTypedArray {
			if len(props) == 0 {
				return prefix + "{ byteLength: " + f.formatPrimitive(byteLength) + " }"
			}
		} else {
			entries = func(int) []string { return []string{f.bufferContents(bytes[1:], int(byteLength.ToInteger()))} }
		}
		braces[0] = prefix + "{"
		props = append([]property{{key: f.vm.ToValue("byteLength"), synthetic: true, value: byteLength}}, props...)
	case "dataview":
		braces[0] = d.prefix("DataView", "") + "{"
		info := f.items(f.call(f.helpers().viewInfo, obj))
		props = append([]property{
			{key: f.vm.ToValue("byteLength"), synthetic: true, value: info[0]},
			{key: f.vm.ToValue("byteOffset"), synthetic: true, value: info[1]},
			{key: f.vm.ToValue("buffer"), synthetic: true, value: info[2]},
		}, props...)
	case "promise":
		braces[0] = d.prefix("Promise", "") + "{"
		p := obj.Export().(*goja.Promise)
		entries = func(rt int) []string { return f.formatPromise(p, rt) }
	case "weakmap", "weakset":
		name := "WeakMap"
		if d.kind == "weakset" {
			name = "WeakSet"
		}
		braces[0] = d.prefix(name, "") + "{"
		entries = func(int) []string { return []string{f.stylize("<items unknown>", styleSpecial)} }
	case "number", "string", "boolean", "bigint", "symbol":
		base = f.boxedBase(obj, d, len(props))
		if len(props) == 0 {
			return base
		}
	default:
		if d.ctor == "Object" && d.hasCtr {
			if d.tag != "" {
				braces[0] = d.prefix("Object", "") + "{"
			}
			if len(props) == 0 {
				return braces[0] + "}"
			}
		} else {
			if len(props) == 0 {
				return d.ctxStyle() + "{}"
			}
			braces[0] = d.ctxStyle() + "{"
		}
	}

	if recurseTimes > f.Depth || recurseTimes > maxNesting {
		name := strings.TrimSuffix(d.ctxStyle(), " ")
		if d.hasCtr {
			name = "[" + name + "]"
		}
		return f.stylize(name, styleSpecial)
	}
	recurseTimes++
	f.seen = append(f.seen, obj)
	f.currentDepth = recurseTimes
	var output []string
	if entries != nil {
		output = entries(recurseTimes)
	}
	if len(props) > 0 {
		descs := f.describeProps(obj, props)
		for i, p := range props {
			output = append(output, f.formatProperty(p.key, descs[i], recurseTimes, extrasType))
		}
	}
	if index, ok := f.circular[obj]; ok {
		reference := f.stylize("<ref *"+strconv.Itoa(index)+">", styleSpecial)
		if base == "" {
			base = reference
		} else {
			base = reference + " " + base
		}
	}
	f.seen = f.seen[:len(f.seen)-1]
	return f.reduceToSingleString(output, base, braces, extrasType, recurseTimes, numeric)
}

// propDesc is a property descriptor reduced to what printing needs.
type propDesc struct {
	kind       int // 0 data, 1 getter, 2 getter/setter, 3 setter, 4 missing
	value      goja.Value
	enumerable bool
}

func (f *formatter) describeProps(obj *goja.Object, props []property) []propDesc {
	out := make([]propDesc, len(props))
	var keys []goja.Value
	var at []int
	for i, p := range props {
		if p.synthetic {
			out[i] = propDesc{value: p.value, enumerable: true}
			continue
		}
		keys = append(keys, p.key)
		at = append(at, i)
	}
	if len(keys) > 0 {
		triples := f.items(f.call(f.helpers().props, obj, f.vm.NewArray(valuesToAny(keys)...), goja.Undefined()))
		for j, i := range at {
			out[i] = propDescAt(triples, j)
		}
	}
	return out
}

func propDescAt(triples []goja.Value, j int) propDesc {
	return propDesc{kind: int(triples[3*j].ToInteger()), value: triples[3*j+1], enumerable: triples[3*j+2].ToBoolean()}
}

func valuesToAny(vs []goja.Value) []any {
	out := make([]any, len(vs))
	for i, v := range vs {
		out[i] = v
	}
	return out
}

func (f *formatter) formatProperty(key goja.Value, desc propDesc, recurseTimes, typ int) string {
	var str string
	switch desc.kind {
	case 0, 4:
		if desc.value == nil || goja.IsUndefined(desc.value) {
			str = f.stylize("undefined", styleUndefined)
		} else {
			f.indentationLvl += 2
			str = f.formatValue(desc.value, recurseTimes, false)
			f.indentationLvl -= 2
		}
	case 1:
		str = f.stylize("[Getter]", styleSpecial)
	case 2:
		str = f.stylize("[Getter/Setter]", styleSpecial)
	case 3:
		str = f.stylize("[Setter]", styleSpecial)
	}
	if typ == kindArray {
		return str
	}
	var name string
	if sym, ok := key.(*goja.Symbol); ok {
		name = "[" + f.stylize(escapeChars(symbolString(sym), '\''), styleSymbol) + "]"
	} else {
		k := key.String()
		switch {
		case k == "__proto__":
			name = "['__proto__']"
		case !desc.enumerable:
			name = "[" + escapeChars(k, '\'') + "]"
		case keyIdentifier(k):
			name = f.stylize(k, styleName)
		default:
			name = f.stylize(quote(k), styleString)
		}
	}
	return name + ": " + str
}

// formatArray returns the items and, for grouping, whether each shown item (and the next one) is numeric.
func (f *formatter) formatArray(obj *goja.Object, length, recurseTimes int) ([]string, []bool) {
	n := min(f.MaxArrayLength, length)
	probe := n
	if length > n {
		probe = n + 1 // node's grouping also looks at the first hidden item
	}
	triples := f.items(f.call(f.helpers().props, obj, goja.Null(), f.vm.ToValue(probe)))
	numeric := make([]bool, probe)
	for i := range probe {
		v := triples[3*i+1]
		numeric[i] = triples[3*i] == f.vm.ToValue(0) && (goja.IsNumber(v) || goja.IsBigInt(v))
	}
	output := make([]string, 0, n+1)
	for i := range n {
		desc := propDescAt(triples, i)
		if desc.kind == 4 {
			return f.formatSparseArray(obj, length, n, output, i, recurseTimes), numeric
		}
		output = append(output, f.formatProperty(nil, desc, recurseTimes, kindArray))
	}
	if remaining := length - n; remaining > 0 {
		output = append(output, remainingText(remaining))
	}
	return output, numeric
}

func remainingText(n int) string {
	return "... " + strconv.Itoa(n) + " more item" + plural(n)
}

// formatSparseArray continues formatArray from the first hole at index i, showing runs of holes as
// "<n empty items>".
func (f *formatter) formatSparseArray(obj *goja.Object, length, maxLength int, output []string, i, recurseTimes int) []string {
	keys := f.items(f.call(f.helpers().objectKeys, obj))
	index := i
	for ; i < len(keys) && len(output) < maxLength; i++ {
		key := keys[i].String()
		n, err := strconv.ParseUint(key, 10, 64)
		if err != nil || strconv.FormatUint(n, 10) != key || n > 1<<32-2 {
			break
		}
		if int(n) != index {
			empty := int(n) - index
			output = append(output, f.stylize("<"+strconv.Itoa(empty)+" empty item"+plural(empty)+">", styleUndefined))
			index = int(n)
			if len(output) == maxLength {
				break
			}
		}
		triples := f.items(f.call(f.helpers().props, obj, f.vm.NewArray(key), goja.Undefined()))
		output = append(output, f.formatProperty(nil, propDescAt(triples, 0), recurseTimes, kindArray))
		index++
	}
	remaining := length - index
	if len(output) != maxLength {
		if remaining > 0 {
			output = append(output, f.stylize("<"+strconv.Itoa(remaining)+" empty item"+plural(remaining)+">", styleUndefined))
		}
	} else if remaining > 0 {
		output = append(output, remainingText(remaining))
	}
	return output
}

func (f *formatter) formatTypedArray(obj *goja.Object, length int) []string {
	values := f.items(f.call(f.helpers().typedValues, obj, f.vm.ToValue(f.MaxArrayLength)))
	output := make([]string, 0, len(values)+1)
	for _, v := range values {
		output = append(output, f.formatPrimitive(v))
	}
	if remaining := length - len(values); remaining > 0 {
		output = append(output, remainingText(remaining))
	}
	return output
}

func (f *formatter) formatCollection(obj *goja.Object, isMap bool, size, recurseTimes int) []string {
	max := min(f.MaxArrayLength, size)
	items := f.items(f.call(f.helpers().entries, obj, f.vm.ToValue(max), f.vm.ToValue(isMap)))
	var output []string
	f.indentationLvl += 2
	if isMap {
		for i := 0; i+1 < len(items); i += 2 {
			output = append(output, f.formatValue(items[i], recurseTimes, false)+" => "+f.formatValue(items[i+1], recurseTimes, false))
		}
	} else {
		for _, v := range items {
			output = append(output, f.formatValue(v, recurseTimes, false))
		}
	}
	if remaining := size - max; remaining > 0 {
		output = append(output, remainingText(remaining))
	}
	f.indentationLvl -= 2
	return output
}

func (f *formatter) formatPromise(p *goja.Promise, recurseTimes int) []string {
	switch p.State() {
	case goja.PromiseStatePending:
		return []string{f.stylize("<pending>", styleSpecial)}
	case goja.PromiseStateRejected:
		f.indentationLvl += 2
		s := f.formatValue(p.Result(), recurseTimes, false)
		f.indentationLvl -= 2
		return []string{f.stylize("<rejected>", styleSpecial) + " " + s}
	default:
		f.indentationLvl += 2
		s := f.formatValue(p.Result(), recurseTimes, false)
		f.indentationLvl -= 2
		return []string{s}
	}
}

func (f *formatter) bufferContents(bytes []goja.Value, byteLength int) string {
	var b strings.Builder
	for i, v := range bytes {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(strconv.FormatInt(v.ToInteger()+0x100, 16)[1:])
	}
	if remaining := byteLength - len(bytes); remaining > 0 {
		b.WriteString(" ... " + strconv.Itoa(remaining) + " more byte" + plural(remaining))
	}
	return f.stylize("[Uint8Contents]", styleSpecial) + ": <" + b.String() + ">"
}

func (f *formatter) boxedBase(obj *goja.Object, d description, keyCount int) string {
	typ := map[string]string{"number": "Number", "string": "String", "boolean": "Boolean", "bigint": "BigInt", "symbol": "Symbol"}[d.kind]
	base := "[" + typ
	if typ != d.ctor || !d.hasCtr {
		if !d.hasCtr {
			base += " (null prototype)"
		} else {
			base += " (" + d.ctor + ")"
		}
	}
	plain := *f
	plain.Colors = false
	base += ": " + plain.formatPrimitive(f.call(f.helpers().primitiveOf, obj, f.vm.ToValue(d.kind))) + "]"
	if d.tag != "" && d.tag != d.ctor {
		base += " [" + d.tag + "]"
	}
	if keyCount != 0 || !f.Colors {
		return base
	}
	return f.stylize(base, d.kind)
}

func (f *formatter) functionBase(obj *goja.Object, d description) string {
	info := f.items(f.call(f.helpers().functionInfo, obj))
	source, nameV, hasOwnName, superV, typ := info[0].String(), info[1], info[2].ToBoolean(), info[3], info[4].String()
	if isClassSource(source) {
		name := ""
		if hasOwnName && goja.IsString(nameV) {
			name = nameV.String()
		}
		if name == "" {
			name = "(anonymous)"
		}
		base := "class " + name
		if d.ctor != "Function" && d.hasCtr {
			base += " [" + d.ctor + "]"
		}
		if d.tag != "" && d.ctor != d.tag {
			base += " [" + d.tag + "]"
		}
		if d.hasCtr {
			if superV != nil && goja.IsString(superV) && superV.String() != "" {
				base += " extends " + superV.String()
			}
		} else {
			base += " extends [null prototype]"
		}
		return "[" + base + "]"
	}
	base := "[" + typ
	if !d.hasCtr {
		base += " (null prototype)"
	}
	name := ""
	if nameV != nil && !goja.IsUndefined(nameV) && !goja.IsNull(nameV) {
		name = nameV.String()
	}
	if name == "" {
		base += " (anonymous)"
	} else {
		base += ": " + name
	}
	base += "]"
	if d.ctor != typ && d.hasCtr {
		base += " " + d.ctor
	}
	if d.tag != "" && d.ctor != d.tag {
		base += " [" + d.tag + "]"
	}
	return base
}

// isClassSource follows node: the source starts with "class", ends with "}" and has no "(" before the body,
// or a class header pattern matches once comments are removed.
func isClassSource(src string) bool {
	if !strings.HasPrefix(src, "class") || !strings.HasSuffix(src, "}") {
		return false
	}
	slice := src[5 : len(src)-1]
	bracket := strings.IndexByte(slice, '{')
	if bracket == -1 {
		return false
	}
	if !strings.Contains(slice[:bracket], "(") {
		return true
	}
	stripped := stripComments(slice)
	if len(stripped) == 0 || (stripped[0] != ' ' && stripped[0] != '\t' && stripped[0] != '\n' && stripped[0] != '\r') {
		return false
	}
	head, _, found := strings.Cut(stripped, "{")
	return found && !strings.Contains(head, "(")
}

func stripComments(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		switch {
		case strings.HasPrefix(s[i:], "//"):
			end := strings.IndexByte(s[i:], '\n')
			if end < 0 {
				b.WriteString(s[i:])
				return b.String()
			}
			i += end
		case strings.HasPrefix(s[i:], "/*"):
			end := strings.Index(s[i+2:], "*/")
			if end < 0 {
				b.WriteString(s[i:])
				return b.String()
			}
			i += end + 3
		default:
			b.WriteByte(s[i])
		}
	}
	return b.String()
}

func (f *formatter) reduceToSingleString(output []string, base string, braces [2]string, extrasType, recurseTimes int, numeric func(int) bool) string {
	if f.Compact >= 1 {
		entries := len(output)
		if extrasType == kindExtras && entries > 6 {
			output = f.groupArrayElements(output, numeric)
		}
		if f.currentDepth-recurseTimes < f.Compact && entries == len(output) {
			start := len(output) + f.indentationLvl + jsLen(braces[0]) + jsLen(base) + 10
			if f.isBelowBreakLength(output, start, base) {
				joined := strings.Join(output, ", ")
				if !strings.Contains(joined, "\n") {
					prefix := ""
					if base != "" {
						prefix = base + " "
					}
					return prefix + braces[0] + " " + joined + " " + braces[1]
				}
			}
		}
	}
	indentation := "\n" + strings.Repeat(" ", f.indentationLvl)
	prefix := ""
	if base != "" {
		prefix = base + " "
	}
	return prefix + braces[0] + indentation + "  " + strings.Join(output, ","+indentation+"  ") + indentation + braces[1]
}

func (f *formatter) isBelowBreakLength(output []string, start int, base string) bool {
	total := len(output) + start
	if total+len(output) > f.BreakLength {
		return false
	}
	for _, s := range output {
		if f.Colors {
			s = stripANSI(s)
		}
		total += jsLen(s)
		if total > f.BreakLength {
			return false
		}
	}
	return base == "" || !strings.Contains(base, "\n")
}

// groupArrayElements lays out many short items in aligned columns, as node does for arrays of more than six.
func (f *formatter) groupArrayElements(output []string, numeric func(int) bool) []string {
	totalLength, maxLength := 0, 0
	outputLength := len(output)
	if f.MaxArrayLength < len(output) {
		outputLength-- // leave the "... more items" entry out of the layout
	}
	const separatorSpace = 2
	dataLen := make([]int, outputLength)
	for i := range outputLength {
		n := stringWidth(output[i], f.Colors)
		dataLen[i] = n
		totalLength += n + separatorSpace
		if maxLength < n {
			maxLength = n
		}
	}
	actualMax := maxLength + separatorSpace
	if actualMax*3+f.indentationLvl < f.BreakLength &&
		(float64(totalLength)/float64(actualMax) > 5 || maxLength <= 6) {
		const approxCharHeights = 2.5
		bias := math.Sqrt(float64(actualMax) - float64(totalLength)/float64(len(output)))
		biasedMax := math.Max(float64(actualMax)-3-bias, 1)
		columns := min(
			int(math.Round(math.Sqrt(approxCharHeights*biasedMax*float64(outputLength))/biasedMax)),
			(f.BreakLength-f.indentationLvl)/actualMax,
			f.Compact*4,
			15,
		)
		if columns <= 1 {
			return output
		}
		var maxLineLength []int
		for i := range columns {
			lineLength := 0
			for j := i; j < len(output); j += columns {
				if j < outputLength && dataLen[j] > lineLength {
					lineLength = dataLen[j]
				}
			}
			maxLineLength = append(maxLineLength, lineLength+separatorSpace)
		}
		padStart := numeric != nil
		if padStart {
			for i := range output {
				if !numeric(i) {
					padStart = false
					break
				}
			}
		}
		var tmp []string
		for i := 0; i < outputLength; i += columns {
			last := min(i+columns, outputLength)
			var line strings.Builder
			j := i
			for ; j < last-1; j++ {
				padding := maxLineLength[j-i] + jsLen(output[j]) - dataLen[j]
				line.WriteString(pad(output[j]+", ", padding, padStart))
			}
			if padStart {
				padding := maxLineLength[j-i] + jsLen(output[j]) - dataLen[j] - separatorSpace
				line.WriteString(pad(output[j], padding, true))
			} else {
				line.WriteString(output[j])
			}
			tmp = append(tmp, line.String())
		}
		if f.MaxArrayLength < len(output) {
			tmp = append(tmp, output[outputLength])
		}
		output = tmp
	}
	return output
}

func pad(s string, width int, start bool) string {
	n := width - jsLen(s)
	if n <= 0 {
		return s
	}
	if start {
		return strings.Repeat(" ", n) + s
	}
	return s + strings.Repeat(" ", n)
}

// maxBufferBytes is how many bytes node's inspect shows of a Buffer (buffer.INSPECT_MAX_BYTES).
const maxBufferBytes = 50

// formatBuffer prints a Buffer as node does: <Buffer 68 69 ... 10 more bytes>.
func formatBuffer(obj *goja.Object, length int) string {
	var b strings.Builder
	b.WriteString("<Buffer")
	data, _ := obj.Export().([]byte)
	for i := 0; i < len(data) && i < maxBufferBytes; i++ {
		b.WriteString(" " + strconv.FormatUint(uint64(data[i])|0x100, 16)[1:])
	}
	if length > maxBufferBytes {
		b.WriteString(" ... " + strconv.Itoa(length-maxBufferBytes) + " more byte")
		if length-maxBufferBytes > 1 {
			b.WriteString("s")
		}
	}
	if length == 0 {
		b.WriteString(" ")
	}
	return b.String() + ">"
}
