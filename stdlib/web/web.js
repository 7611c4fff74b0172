// The web platform's small globals. native supplies what needs Go: UTF-8 and base64 codecs and a monotonic clock.
(function (native) {
  'use strict';
  class TextEncoder {
    get encoding() { return 'utf-8'; }
    encode(input = '') { return new Uint8Array(native.utf8Encode(String(input))); }
    encodeInto(src, dest) {
      const bytes = this.encode(src);
      const n = Math.min(bytes.length, dest.length);
      dest.set(bytes.subarray(0, n));
      return { read: n === bytes.length ? String(src).length : undefined, written: n };
    }
  }
  class TextDecoder {
    #fatal; #ignoreBOM;
    constructor(label = 'utf-8', options = {}) {
      const l = String(label).trim().toLowerCase();
      if (l !== 'utf-8' && l !== 'utf8' && l !== 'unicode-1-1-utf-8') {
        throw new RangeError(`TextDecoder: encoding '${label}' is not supported; only utf-8 is (use Buffer.from(bytes).toString('latin1') for others)`);
      }
      this.#fatal = !!options.fatal;
      this.#ignoreBOM = !!options.ignoreBOM;
    }
    get encoding() { return 'utf-8'; }
    get fatal() { return this.#fatal; }
    get ignoreBOM() { return this.#ignoreBOM; }
    decode(input) {
      if (input === undefined) return '';
      let bytes;
      if (input instanceof ArrayBuffer) bytes = new Uint8Array(input);
      else if (ArrayBuffer.isView(input)) bytes = new Uint8Array(input.buffer, input.byteOffset, input.byteLength);
      else throw new TypeError('TextDecoder.decode: the input must be an ArrayBuffer, a TypedArray or a DataView');
      return native.utf8Decode(bytes.slice().buffer, this.#fatal, this.#ignoreBOM);
    }
  }
  function btoa(data) {
    if (arguments.length === 0) throw new TypeError("btoa: 1 argument required, but only 0 present");
    return native.btoa(String(data));
  }
  function atob(data) {
    if (arguments.length === 0) throw new TypeError("atob: 1 argument required, but only 0 present");
    return native.atob(String(data));
  }

  function dataCloneError(what) {
    const e = new Error(`${what} could not be cloned.`);
    e.name = 'DataCloneError';
    return e;
  }
  // structuredClone follows the HTML structured clone algorithm for the types scripts pass around.
  function structuredClone(value) {
    if (arguments.length === 0) throw new TypeError("structuredClone: 1 argument required, but only 0 present");
    const seen = new Map();
    const clone = (v) => {
      if (typeof v === 'function') throw dataCloneError(String(v).slice(0, 40));
      if (typeof v === 'symbol') throw dataCloneError(String(v));
      if (v === null || typeof v !== 'object') return v;
      if (seen.has(v)) return seen.get(v);
      let out;
      if (Array.isArray(v)) {
        out = new Array(v.length);
        seen.set(v, out);
        for (const k of Object.keys(v)) out[k] = clone(v[k]);
        return out;
      }
      if (v instanceof Date) out = new Date(v.getTime());
      else if (v instanceof RegExp) out = new RegExp(v.source, v.flags);
      else if (v instanceof ArrayBuffer) out = v.slice(0);
      else if (ArrayBuffer.isView(v)) {
        const Ctor = v instanceof DataView ? DataView : Object.getPrototypeOf(Uint8Array).isPrototypeOf(v.constructor) || v.constructor === Uint8Array ? v.constructor : Uint8Array;
        const buf = v.buffer.slice(v.byteOffset, v.byteOffset + v.byteLength);
        out = Ctor === DataView ? new DataView(buf) : new Ctor(buf);
      } else if (v instanceof Map) {
        out = new Map();
        seen.set(v, out);
        for (const [k, x] of v) out.set(clone(k), clone(x));
        return out;
      } else if (v instanceof Set) {
        out = new Set();
        seen.set(v, out);
        for (const x of v) out.add(clone(x));
        return out;
      } else if (v instanceof Error) {
        out = new (globalThis[v.name] || Error)(v.message);
        if (v.stack !== undefined) out.stack = v.stack;
        if ('cause' in v) out.cause = clone(v.cause);
      } else if (v instanceof Promise || v instanceof WeakMap || v instanceof WeakSet) {
        throw dataCloneError(`#<${v.constructor.name}>`);
      } else {
        out = {};
        seen.set(v, out);
        for (const k of Object.keys(v)) out[k] = clone(v[k]);
        return out;
      }
      seen.set(v, out);
      return out;
    };
    return clone(value);
  }

  const origin = native.now();
  const performance = {
    timeOrigin: Date.now() - origin,
    now: () => native.now() - origin,
  };
  return { TextEncoder, TextDecoder, atob, btoa, structuredClone, performance };
})
