// fetch, Request, Response, Headers, AbortController and AbortSignal over Go's net/http (native.send).
(function (native) {
  'use strict';
  const domError = (name, message) => { const e = new Error(message); e.name = name; return e; };

  class Headers {
    #map = new Map(); // lower-case name -> [name, values]
    constructor(init) {
      if (init instanceof Headers) init = [...init];
      if (Array.isArray(init)) for (const [k, v] of init) this.append(k, v);
      else if (init && typeof init === 'object') for (const k of Object.keys(init)) this.append(k, init[k]);
    }
    #key(name) {
      const n = String(name);
      if (!/^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/.test(n)) throw new TypeError(`Headers: invalid header name '${n}'`);
      return n.toLowerCase();
    }
    append(name, value) {
      const k = this.#key(name);
      const cur = this.#map.get(k);
      if (cur) cur.push(String(value)); else this.#map.set(k, [String(value)]);
    }
    set(name, value) { this.#map.set(this.#key(name), [String(value)]); }
    get(name) { const v = this.#map.get(this.#key(name)); return v ? v.join(', ') : null; }
    has(name) { return this.#map.has(this.#key(name)); }
    delete(name) { this.#map.delete(this.#key(name)); }
    forEach(fn, thisArg) { for (const [k, v] of this) fn.call(thisArg, v, k, this); }
    *entries() { for (const k of [...this.#map.keys()].sort()) yield [k, this.#map.get(k).join(', ')]; }
    *keys() { for (const [k] of this.entries()) yield k; }
    *values() { for (const [, v] of this.entries()) yield v; }
    [Symbol.iterator]() { return this.entries(); }
  }

  class AbortSignal {
    #aborted = false; #reason; #listeners = [];
    onabort = null;
    get aborted() { return this.#aborted; }
    get reason() { return this.#reason; }
    throwIfAborted() { if (this.#aborted) throw this.#reason; }
    addEventListener(type, fn) { if (type === 'abort') this.#listeners.push(fn); }
    removeEventListener(type, fn) { this.#listeners = this.#listeners.filter((l) => l !== fn); }
    _abort(reason) {
      if (this.#aborted) return;
      this.#aborted = true;
      this.#reason = reason === undefined ? domError('AbortError', 'This operation was aborted') : reason;
      const event = { type: 'abort', target: this };
      if (typeof this.onabort === 'function') this.onabort(event);
      for (const fn of this.#listeners) fn(event);
    }
    static abort(reason) { const s = new AbortSignal(); s._abort(reason); return s; }
    // A timeout signal aborts fetch after ms without a timer of its own, so it never keeps a script alive.
    static timeout(ms) { const s = new AbortSignal(); s._timeoutMs = Number(ms); return s; }
  }
  class AbortController {
    #signal = new AbortSignal();
    get signal() { return this.#signal; }
    abort(reason) { this.#signal._abort(reason); }
  }

  const bodyBytes = (body) => {
    if (body === undefined || body === null) return null;
    if (typeof body === 'string') return native.utf8(body);
    if (body instanceof URLSearchParams) return native.utf8(body.toString());
    if (body instanceof ArrayBuffer) return body;
    if (ArrayBuffer.isView(body)) return body.buffer.slice(body.byteOffset, body.byteOffset + body.byteLength);
    throw new TypeError('fetch: the body must be a string, URLSearchParams, ArrayBuffer or typed array');
  };
  const contentTypeOf = (body) => {
    if (typeof body === 'string') return 'text/plain;charset=UTF-8';
    if (body instanceof URLSearchParams) return 'application/x-www-form-urlencoded;charset=UTF-8';
    return null;
  };

  class Body {
    #bytes; #used = false;
    constructor(bytes) { this.#bytes = bytes; }
    get bodyUsed() { return this.#used; }
    #take() {
      if (this.#used) return Promise.reject(new TypeError('Body is unusable: Body has already been read'));
      this.#used = true;
      return Promise.resolve(this.#bytes || new ArrayBuffer(0));
    }
    arrayBuffer() { return this.#take(); }
    bytes() { return this.#take().then((b) => new Uint8Array(b)); }
    text() { return this.#take().then((b) => native.text(b)); }
    json() { return this.text().then((t) => JSON.parse(t)); }
  }

  class Request extends Body {
    constructor(input, init = {}) {
      const from = input instanceof Request ? input : null;
      const url = from ? from.url : String(input instanceof URL ? input.href : input);
      let parsed;
      try { parsed = new URL(url); } catch { throw new TypeError(`Failed to parse URL from ${url}`); }
      const body = init.body !== undefined ? init.body : undefined;
      super(bodyBytes(body));
      this.url = parsed.href;
      this.method = String(init.method || (from && from.method) || 'GET').toUpperCase();
      this.headers = new Headers(init.headers || (from && from.headers));
      if (body != null && !this.headers.has('content-type') && contentTypeOf(body)) this.headers.set('content-type', contentTypeOf(body));
      if (body != null && (this.method === 'GET' || this.method === 'HEAD')) throw new TypeError('Request with GET/HEAD method cannot have body.');
      this.signal = init.signal || (from && from.signal) || null;
      this.redirect = init.redirect || 'follow';
      this._body = bodyBytes(body);
    }
  }

  class Response extends Body {
    constructor(body, init = {}) {
      super(bodyBytes(body));
      this.status = init.status === undefined ? 200 : init.status;
      this.statusText = init.statusText || '';
      this.headers = new Headers(init.headers);
      if (body != null && !this.headers.has('content-type') && contentTypeOf(body)) this.headers.set('content-type', contentTypeOf(body));
      this.url = init.url || '';
      this.redirected = !!init.redirected;
      this.type = 'default';
    }
    get ok() { return this.status >= 200 && this.status < 300; }
    static json(data, init = {}) {
      const headers = new Headers(init.headers);
      if (!headers.has('content-type')) headers.set('content-type', 'application/json');
      return new Response(JSON.stringify(data), { ...init, headers });
    }
    static error() { const r = new Response(null, { status: 0 }); r.type = 'error'; return r; }
  }

  function fetch(input, init = {}) {
    let req;
    try { req = new Request(input, init); } catch (e) { return Promise.reject(e); }
    const signal = req.signal;
    if (signal && signal.aborted) return Promise.reject(signal.reason);
    const timeoutMs = init.timeout !== undefined ? Number(init.timeout) : (signal && signal._timeoutMs) || 0;
    const call = native.send(req.method, req.url, [...req.headers], req._body, timeoutMs, req.redirect);
    let onAbort;
    if (signal) {
      onAbort = () => call.cancel();
      signal.addEventListener('abort', onAbort);
    }
    return call.promise.then((r) => {
      if (signal) signal.removeEventListener('abort', onAbort);
      return new Response(r.body, { status: r.status, statusText: r.statusText, headers: r.headers, url: r.url, redirected: r.redirected });
    }, (e) => {
      if (signal) signal.removeEventListener('abort', onAbort);
      if (e && e.name === 'AbortError' && signal && signal.aborted) throw signal.reason;
      if (e && e.name === 'TimeoutError' && signal && signal._timeoutMs) signal._abort(e);
      throw e;
    });
  }
  return { fetch, Request, Response, Headers, AbortController, AbortSignal };
})
