package inspect

import (
	"fmt"
	"sync"

	"github.com/dop251/goja"
)

// goja's Go API cannot read property descriptors or check internal slots, so a small JavaScript helper does it.
// It only ever calls built-in functions: user getters, proxies traps and toString methods are never run.
// captureSource takes the built-ins it needs once per runtime, before user code can replace them; it is small,
// because every runtime runs it at start, while many never print anything the helpers are needed for.
// capturedNames are the built-ins captureSource hands to helperSource.
const capturedNames = "apply, gopd, getProto, objectKeys, ownSymbols, isEnumerable, hasOwn, isArray, fnToString, ownNames, objectProto, toStringTag, getter, typedArrayProto, typedArrayTag, typedArrayLength, mapSize, setSize, mapEntries, setValues, mapIterNext, setIterNext, weakMapHas, weakSetHas, bufferByteLength, viewByteLength, viewByteOffset, viewBuffer, dateGetTime, dateToISOString, regExpSource, regExpFlags, valueOf, asyncFunctionProto, generatorFunctionProto, stringify, parseIntFn, parseFloatFn, StringFn, Uint8"

var captureSource = `(function () {
	'use strict';
	const apply = Reflect.apply;
	const gopd = Object.getOwnPropertyDescriptor;
	const getProto = Object.getPrototypeOf;
	const objectKeys = Object.keys;
	const ownSymbols = Object.getOwnPropertySymbols;
	const isEnumerable = Object.prototype.propertyIsEnumerable;
	const hasOwn = Object.prototype.hasOwnProperty;
	const isArray = Array.isArray;
	const fnToString = Function.prototype.toString;
	const ownNames = Object.getOwnPropertyNames;
	const objectProto = Object.prototype;
	const toStringTag = Symbol.toStringTag;
	const getter = (proto, key) => gopd(proto, key).get;
	const typedArrayProto = getProto(Uint8Array.prototype);
	const typedArrayTag = getter(typedArrayProto, toStringTag);
	const typedArrayLength = getter(typedArrayProto, 'length');
	const mapSize = getter(Map.prototype, 'size');
	const setSize = getter(Set.prototype, 'size');
	const mapEntries = Map.prototype.entries;
	const setValues = Set.prototype.values;
	const mapIterNext = getProto(new Map().entries()).next;
	const setIterNext = getProto(new Set().values()).next;
	const weakMapHas = WeakMap.prototype.has;
	const weakSetHas = WeakSet.prototype.has;
	const bufferByteLength = getter(ArrayBuffer.prototype, 'byteLength');
	const viewByteLength = getter(DataView.prototype, 'byteLength');
	const viewByteOffset = getter(DataView.prototype, 'byteOffset');
	const viewBuffer = getter(DataView.prototype, 'buffer');
	const dateGetTime = Date.prototype.getTime;
	const dateToISOString = Date.prototype.toISOString;
	const regExpSource = getter(RegExp.prototype, 'source');
	const regExpFlags = getter(RegExp.prototype, 'flags');
	const valueOf = {
		number: Number.prototype.valueOf,
		string: String.prototype.valueOf,
		boolean: Boolean.prototype.valueOf,
		bigint: BigInt.prototype.valueOf,
		symbol: Symbol.prototype.valueOf,
	};
	const asyncFunctionProto = getProto(async function () {});
	const generatorFunctionProto = getProto(function* () {});
	const stringify = JSON.stringify;
	const parseIntFn = parseInt;
	const parseFloatFn = parseFloat;
	const StringFn = String;
	const Uint8 = Uint8Array;
	return { ` + capturedNames + ` };
})()`

// helperSource is the rest: compiled when a value first needs it, from the built-ins captureSource took.
var helperSource = `(function (c) {
	'use strict';
	const { ` + capturedNames + ` } = c;

	function brand(check, o, args) {
		try {
			apply(check, o, args);
			return true;
		} catch (e) {
			return false;
		}
	}

	// dataValue reads a data property found on o or its prototypes; accessors give undefined.
	function dataValue(o, key) {
		for (let p = o; p !== null && p !== undefined; p = getProto(p)) {
			const d = gopd(p, key);
			if (d !== undefined) {
				return 'value' in d ? d.value : undefined;
			}
		}
		return undefined;
	}

	function isInstance(obj, ctor) {
		const d = gopd(ctor, 'prototype');
		if (d === undefined || !('value' in d)) return false;
		const proto = d.value;
		if (proto === null || (typeof proto !== 'object' && typeof proto !== 'function')) return false;
		for (let p = getProto(obj); p !== null; p = getProto(p)) {
			if (p === proto) return true;
		}
		return false;
	}

	function constructorName(obj) {
		let first;
		for (let p = obj; p !== null;) {
			const d = gopd(p, 'constructor');
			if (d !== undefined && typeof d.value === 'function') {
				const name = dataValue(d.value, 'name');
				if (typeof name === 'string' && name !== '' && isInstance(obj, d.value)) return name;
			}
			p = getProto(p);
			if (first === undefined) first = p;
		}
		if (first === null) return null;
		return 'Object <Complex prototype>';
	}

	function rawTag(o) {
		for (let p = o; p !== null; p = getProto(p)) {
			const d = gopd(p, toStringTag);
			if (d !== undefined) {
				if ('value' in d) return d.value;
				if (d.get === typedArrayTag) return apply(typedArrayTag, o, []);
				return undefined;
			}
		}
		return undefined;
	}

	function isIndex(k) {
		const n = +k;
		return n >>> 0 === n && n !== 4294967295 && StringFn(n) === k;
	}

	function keysOf(o, skipIndices) {
		const all = objectKeys(o);
		let keys = all;
		if (skipIndices) {
			keys = [];
			for (let i = 0; i < all.length; i++) {
				if (!isIndex(all[i])) keys[keys.length] = all[i];
			}
		}
		const symbols = ownSymbols(o);
		for (let i = 0; i < symbols.length; i++) {
			if (apply(isEnumerable, o, [symbols[i]])) keys[keys.length] = symbols[i];
		}
		return keys;
	}

	function kindOf(o, cls) {
		if (isArray(o)) return 'array';
		if (typeof o === 'function') return 'function';
		switch (cls) {
		case 'Error': return 'error';
		case 'Date': return 'date';
		case 'RegExp': return 'regexp';
		case 'Arguments': return 'arguments';
		case 'Number': return 'number';
		case 'String': return 'string';
		case 'Boolean': return 'boolean';
		}
		if (apply(typedArrayTag, o, []) !== undefined) return 'typedarray';
		// Brand checks throw for other objects, so only the objects whose tag suggests a built-in are checked.
		switch (rawTag(o)) {
		case 'Map': return brand(mapSize, o, []) ? 'map' : 'object';
		case 'Set': return brand(setSize, o, []) ? 'set' : 'object';
		case 'WeakMap': return brand(weakMapHas, o, [{}]) ? 'weakmap' : 'object';
		case 'WeakSet': return brand(weakSetHas, o, [{}]) ? 'weakset' : 'object';
		case 'ArrayBuffer': return brand(bufferByteLength, o, []) ? 'arraybuffer' : 'object';
		case 'DataView': return brand(viewByteLength, o, []) ? 'dataview' : 'object';
		case 'BigInt': return brand(valueOf.bigint, o, []) ? 'bigint' : 'object';
		case 'Symbol': return brand(valueOf.symbol, o, []) ? 'symbol' : 'object';
		}
		return 'object';
	}

	function describe(o, cls) {
		const kind = kindOf(o, cls);
		let tag = rawTag(o);
		if (typeof tag !== 'string' || (tag !== '' && apply(isEnumerable, o, [toStringTag]))) tag = '';
		const skip = kind === 'array' || kind === 'typedarray' || kind === 'string';
		let length = 0;
		if (kind === 'array') length = o.length;
		else if (kind === 'typedarray') length = apply(typedArrayLength, o, []);
		else if (kind === 'map') length = apply(mapSize, o, []);
		else if (kind === 'set') length = apply(setSize, o, []);
		else if (kind === 'string') length = apply(valueOf.string, o, []).length;
		return [kind, constructorName(o), tag, keysOf(o, skip), length];
	}

	// props describes properties as triples: kind (0 data, 1 getter, 2 getter/setter, 3 setter, 4 missing),
	// value, enumerable. With keys === null it describes the indices 0..count-1.
	function props(o, keys, count) {
		const out = [];
		const n = keys === null ? count : keys.length;
		for (let i = 0; i < n; i++) {
			const d = gopd(o, keys === null ? i : keys[i]);
			const at = out.length;
			if (d === undefined) {
				out[at] = 4; out[at + 1] = undefined; out[at + 2] = true;
			} else if ('value' in d) {
				out[at] = 0; out[at + 1] = d.value; out[at + 2] = d.enumerable;
			} else {
				out[at] = d.get !== undefined ? (d.set !== undefined ? 2 : 1) : 3;
				out[at + 1] = undefined; out[at + 2] = d.enumerable;
			}
		}
		return out;
	}

	function typedValues(o, max) {
		const length = apply(typedArrayLength, o, []);
		const out = [];
		for (let i = 0; i < length && i < max; i++) out[i] = o[i];
		return out;
	}

	function entries(o, max, isMap) {
		const it = apply(isMap ? mapEntries : setValues, o, []);
		const next = isMap ? mapIterNext : setIterNext;
		const out = [];
		for (let i = 0; i < max; i++) {
			const r = apply(next, it, []);
			if (r.done) break;
			if (isMap) {
				out[out.length] = r.value[0];
				out[out.length] = r.value[1];
			} else {
				out[out.length] = r.value;
			}
		}
		return out;
	}

	function functionInfo(f) {
		let source = '';
		try { source = apply(fnToString, f, []); } catch (e) { /* not inspectable */ }
		let type = 'Function';
		for (let p = getProto(f); p !== null; p = getProto(p)) {
			if (p === asyncFunctionProto) { type = 'AsyncFunction'; break; }
			if (p === generatorFunctionProto) { type = 'GeneratorFunction'; break; }
		}
		const proto = getProto(f);
		return [source, dataValue(f, 'name'), apply(hasOwn, f, ['name']), proto === null ? undefined : dataValue(proto, 'name'), type];
	}

	function errorInfo(e) {
		return [dataValue(e, 'name'), dataValue(e, 'message'), dataValue(e, 'stack'), 'cause' in e,
			isArray(dataValue(e, 'errors')), dataValue(e, 'cause')];
	}

	function dateString(o) {
		const t = apply(dateGetTime, o, []);
		return t !== t ? 'Invalid Date' : apply(dateToISOString, o, []);
	}

	function regExpString(o) {
		return '/' + apply(regExpSource, o, []) + '/' + apply(regExpFlags, o, []);
	}

	function primitiveOf(o, kind) {
		return apply(valueOf[kind], o, []);
	}

	function bufferBytes(o, max) {
		const length = apply(bufferByteLength, o, []);
		const bytes = new Uint8(o);
		const out = [length];
		for (let i = 0; i < length && i < max; i++) out[i + 1] = bytes[i];
		return out;
	}

	function viewInfo(o) {
		return [apply(viewByteLength, o, []), apply(viewByteOffset, o, []), apply(viewBuffer, o, [])];
	}

	function json(v) {
		try {
			return stringify(v);
		} catch (e) {
			if (e instanceof TypeError && /circular/i.test(e.message)) return '[Circular]';
			throw e;
		}
	}

	function toNumber(v, how) {
		if (typeof v === 'symbol') return NaN;
		if (how === 'int') return parseIntFn(StringFn(v));
		if (how === 'float') return parseFloatFn(StringFn(v));
		return +v;
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
		const keys = objectKeys(row);
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

	return { dataValue, members, rowTable, describe, props, typedValues, entries, functionInfo, errorInfo, dateString, regExpString,
		primitiveOf, bufferBytes, viewInfo, json, toNumber, objectKeys, hasOwn: (o, k) => apply(hasOwn, o, [k]) };
})`

// Both programs are compiled on first use: compiling the helpers took 3 ms of every start of the binary.
var (
	captureProgram = sync.OnceValue(func() *goja.Program { return goja.MustCompile("inspect-capture.js", captureSource, true) })
	helperProgram  = sync.OnceValue(func() *goja.Program { return goja.MustCompile("inspect-helpers.js", helperSource, true) })
)

// capturedKey and helperKey hide the captured built-ins and the helper object on the global object; symbols no
// script can name keep them out of the way.
var (
	capturedKey = goja.NewSymbol("wsrfc.inspect.builtins")
	helperKey   = goja.NewSymbol("wsrfc.inspect")
)

type helpers struct {
	dataValue, members, rowTable,
	describe, props, typedValues, entries, functionInfo, errorInfo, dateString, regExpString,
	primitiveOf, bufferBytes, viewInfo, json, toNumber, objectKeys, hasOwn goja.Callable
}

// Prepare captures the built-ins the helpers use for vm now, so that they are the original ones even if a
// script replaces them later. Console installation calls it; calling it again is cheap.
func Prepare(vm *goja.Runtime) error {
	_, err := capturedFor(vm)
	return err
}

func capturedFor(vm *goja.Runtime) (*goja.Object, error) {
	global := vm.GlobalObject()
	if obj, _ := global.GetSymbol(capturedKey).(*goja.Object); obj != nil {
		return obj, nil
	}
	v, err := vm.RunProgram(captureProgram())
	if err != nil {
		return nil, fmt.Errorf("inspect: capturing built-ins: %w", err)
	}
	obj := v.(*goja.Object)
	if err := global.DefineDataPropertySymbol(capturedKey, obj, goja.FLAG_FALSE, goja.FLAG_FALSE, goja.FLAG_FALSE); err != nil {
		return nil, fmt.Errorf("inspect: storing built-ins: %w", err)
	}
	return obj, nil
}

// helpersFor gives vm's helpers, building them on first use. The Go side is kept with the JS object, so
// later uses cost one property read.
func helpersFor(vm *goja.Runtime) (*helpers, error) {
	global := vm.GlobalObject()
	if v := global.GetSymbol(helperKey); v != nil {
		if h, ok := v.Export().(*helpers); ok {
			return h, nil
		}
	}
	captured, err := capturedFor(vm)
	if err != nil {
		return nil, err
	}
	v, err := vm.RunProgram(helperProgram())
	if err != nil {
		return nil, fmt.Errorf("inspect: preparing helpers: %w", err)
	}
	build, _ := goja.AssertFunction(v)
	if v, err = build(goja.Undefined(), captured); err != nil {
		return nil, fmt.Errorf("inspect: preparing helpers: %w", err)
	}
	obj := v.(*goja.Object)
	h := &helpers{}
	for name, dst := range map[string]*goja.Callable{
		"dataValue": &h.dataValue, "members": &h.members, "rowTable": &h.rowTable,
		"describe": &h.describe, "props": &h.props, "typedValues": &h.typedValues, "entries": &h.entries,
		"functionInfo": &h.functionInfo, "errorInfo": &h.errorInfo, "dateString": &h.dateString,
		"regExpString": &h.regExpString, "primitiveOf": &h.primitiveOf, "bufferBytes": &h.bufferBytes,
		"viewInfo": &h.viewInfo, "json": &h.json, "toNumber": &h.toNumber, "objectKeys": &h.objectKeys,
		"hasOwn": &h.hasOwn,
	} {
		fn, ok := goja.AssertFunction(obj.Get(name))
		if !ok {
			return nil, fmt.Errorf("inspect: helper %s is missing", name)
		}
		*dst = fn
	}
	if err := global.DefineDataPropertySymbol(helperKey, vm.ToValue(h), goja.FLAG_FALSE, goja.FLAG_FALSE, goja.FLAG_FALSE); err != nil {
		return nil, fmt.Errorf("inspect: storing helpers: %w", err)
	}
	return h, nil
}
