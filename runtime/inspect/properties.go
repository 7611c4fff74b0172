package inspect

import "github.com/dop251/goja"

// Reading a value without running its code is what inspect does for printing;
// the REPL needs the same for completion and for spotting row tables (a
// getter such as sap.session may talk to SAP), so these share the helpers.

// proxyTarget looks through a proxy at its target, so that no trap runs.
func proxyTarget(o *goja.Object) *goja.Object {
	for o != nil && o.ExportType() == proxyType {
		p, _ := o.Export().(goja.Proxy)
		o = p.Target()
	}
	return o
}

// objectOf returns v as an object to read properties of, or nil for undefined and null.
// Primitives are read through their wrapper objects ("abc".length).
func objectOf(vm *goja.Runtime, v goja.Value) *goja.Object {
	if v == nil || goja.IsUndefined(v) || goja.IsNull(v) {
		return nil
	}
	if o, ok := v.(*goja.Object); ok {
		return proxyTarget(o)
	}
	return v.ToObject(vm)
}

// DataProperty reads a data property of v or its prototypes without running a
// getter or a proxy trap; nil when there is none.
func DataProperty(vm *goja.Runtime, v goja.Value, key string) goja.Value {
	res := onObject(vm, v, func(h *helpers) goja.Callable { return h.dataValue }, vm.ToValue(key))
	if res == nil || goja.IsUndefined(res) {
		return nil
	}
	return res
}

// MemberNames lists the properties of v and its prototypes; those every
// object has (toString, hasOwnProperty) only withBase.
func MemberNames(vm *goja.Runtime, v goja.Value, withBase bool) []string {
	res := onObject(vm, v, func(h *helpers) goja.Callable { return h.members }, vm.ToValue(withBase))
	if res == nil {
		return nil
	}
	var names []string
	if err := vm.ExportTo(res, &names); err != nil {
		return nil
	}
	return names
}

// onObject calls the helper that pick chooses with v as an object and args;
// nil when v is undefined or null, or the helper fails.
func onObject(vm *goja.Runtime, v goja.Value, pick func(*helpers) goja.Callable, args ...goja.Value) goja.Value {
	o := objectOf(vm, v)
	if o == nil {
		return nil
	}
	h, err := helpersFor(vm)
	if err != nil {
		return nil
	}
	res, err := pick(h)(goja.Undefined(), append([]goja.Value{o}, args...)...)
	if err != nil {
		return nil
	}
	return res
}

// RowTable reports whether v reads best as a table (an array of at least
// minRows flat row objects, the shape of an RFC table), and returns the first
// maxRows rows and the total count.
func RowTable(vm *goja.Runtime, v goja.Value, minRows, maxRows int) (goja.Value, int, bool) {
	h, err := helpersFor(vm)
	if err != nil {
		return nil, 0, false
	}
	res, err := h.rowTable(goja.Undefined(), v, vm.ToValue(minRows), vm.ToValue(maxRows))
	if err != nil || goja.IsNull(res) {
		return nil, 0, false
	}
	pair, ok := res.(*goja.Object)
	if !ok {
		return nil, 0, false
	}
	return pair.Get("0"), int(pair.Get("1").ToInteger()), true
}
