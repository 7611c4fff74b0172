package repl

import (
	"fmt"
	"reflect"

	"github.com/dop251/goja"
)

// goja's Go API cannot read property descriptors, so a small JavaScript helper does it for completion and
// for spotting row tables. It captures the built-ins it uses before user code can replace them and never
// runs a getter: a getter such as sap.session may talk to SAP.
var helperProgram = goja.MustCompile("repl-helpers.js", `(function () {
	'use strict';
	const gopd = Object.getOwnPropertyDescriptor;
	const getProto = Object.getPrototypeOf;
	const ownNames = Object.getOwnPropertyNames;
	const ownKeys = Object.keys;
	const isArray = Array.isArray;
	const objectProto = Object.prototype;
	const typedArrayProto = getProto(Uint8Array.prototype);

	// dataValue reads a data property found on o or its prototypes; an accessor gives undefined.
	function dataValue(o, key) {
		for (let p = o; p !== null && p !== undefined; p = getProto(p)) {
			const d = gopd(p, key);
			if (d !== undefined) return 'value' in d ? d.value : undefined;
		}
		return undefined;
	}

	// members lists the property names of o and its prototypes, each once; those of Object.prototype only
	// withBase, since every object has them.
	function members(o, withBase) {
		const out = [];
		const seen = Object.create(null);
		for (let p = o; p !== null && p !== undefined && (withBase || p !== objectProto); p = getProto(p)) {
			const names = ownNames(p);
			for (let i = 0; i < names.length; i++) {
				if (!seen[names[i]]) {
					seen[names[i]] = true;
					out[out.length] = names[i];
				}
			}
		}
		return out;
	}

	function isFlatRow(row) {
		if (row === null || typeof row !== 'object' || isArray(row)) return false;
		const proto = getProto(row);
		if (proto !== objectProto && proto !== null) return false;
		const keys = ownKeys(row);
		if (keys.length === 0) return false;
		for (let i = 0; i < keys.length; i++) {
			const d = gopd(row, keys[i]);
			if (!('value' in d)) return false;
			const v = d.value;
			if (v !== null && (typeof v === 'object' || typeof v === 'function')) {
				// Bytes (RAW fields) print compactly enough for a cell.
				let p = getProto(v);
				while (p !== null && p !== typedArrayProto) p = getProto(p);
				if (p === null) return false;
			}
		}
		return true;
	}

	// rowTable returns [rows, total] when v is an array of at least min flat row objects (the shape of
	// an RFC table), rows being a copy of the first max; otherwise null.
	function rowTable(v, min, max) {
		if (!isArray(v) || v.length < min) return null;
		const rows = [];
		for (let i = 0; i < v.length && i < max; i++) {
			const d = gopd(v, i);
			if (d === undefined || !('value' in d) || !isFlatRow(d.value)) return null;
			rows[i] = d.value;
		}
		return [rows, v.length];
	}

	return { dataValue, members, rowTable };
})()`, true)

// jsHelpers are the helper functions of one runtime.
type jsHelpers struct {
	vm                                 *goja.Runtime
	dataValueFn, membersFn, rowTableFn goja.Callable
}

func newJSHelpers(vm *goja.Runtime) (*jsHelpers, error) {
	v, err := vm.RunProgram(helperProgram)
	if err != nil {
		return nil, fmt.Errorf("repl: preparing helpers: %w", err)
	}
	obj := v.(*goja.Object)
	h := &jsHelpers{vm: vm}
	for name, dst := range map[string]*goja.Callable{"dataValue": &h.dataValueFn, "members": &h.membersFn, "rowTable": &h.rowTableFn} {
		fn, ok := goja.AssertFunction(obj.Get(name))
		if !ok {
			return nil, fmt.Errorf("repl: helper %s is missing", name)
		}
		*dst = fn
	}
	return h, nil
}

var proxyType = reflect.TypeOf(goja.Proxy{})

// target looks through a proxy at its target, so that no trap runs.
func target(o *goja.Object) *goja.Object {
	for o != nil && o.ExportType() == proxyType {
		p, _ := o.Export().(goja.Proxy)
		o = p.Target()
	}
	return o
}

// property reads a data property of v without running a getter or a proxy trap; nil when there is none.
// Primitives are read through their wrapper objects ("abc".length).
func (h *jsHelpers) property(v goja.Value, key string) goja.Value {
	o := h.object(v)
	if o == nil {
		return nil
	}
	res, err := h.dataValueFn(goja.Undefined(), o, h.vm.ToValue(key))
	if err != nil || goja.IsUndefined(res) {
		return nil
	}
	return res
}

// object returns v as an object to read properties of, or nil for undefined and null.
func (h *jsHelpers) object(v goja.Value) *goja.Object {
	if v == nil || goja.IsUndefined(v) || goja.IsNull(v) {
		return nil
	}
	if o, ok := v.(*goja.Object); ok {
		return target(o)
	}
	return v.ToObject(h.vm)
}

// memberNames lists the properties of v and its prototypes; those every object has (toString,
// hasOwnProperty) only withBase.
func (h *jsHelpers) memberNames(v goja.Value, withBase bool) []string {
	o := h.object(v)
	if o == nil {
		return nil
	}
	res, err := h.membersFn(goja.Undefined(), o, h.vm.ToValue(withBase))
	if err != nil {
		return nil
	}
	var names []string
	if err := h.vm.ExportTo(res, &names); err != nil {
		return nil
	}
	return names
}

// rowTable reports whether v reads best as a table, and returns the rows to show and the total count.
func (h *jsHelpers) rowTable(v goja.Value, minRows, maxRows int) (goja.Value, int, bool) {
	res, err := h.rowTableFn(goja.Undefined(), v, h.vm.ToValue(minRows), h.vm.ToValue(maxRows))
	if err != nil || goja.IsNull(res) {
		return nil, 0, false
	}
	pair, ok := res.(*goja.Object)
	if !ok {
		return nil, 0, false
	}
	return pair.Get("0"), int(pair.Get("1").ToInteger()), true
}
