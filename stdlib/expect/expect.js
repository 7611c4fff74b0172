// expect() for wsrfc test scenarios, with jest's matcher names, semantics and
// messages. `native` supplies node-like formatting and the line diff from Go.
(function (native) {
  'use strict';

  const format = native.format;         // one value, node's util.inspect layout
  const formatBlock = native.formatBlock; // one entry per line, for diffs
  const lineDiff = native.diff;

  const objectToString = Object.prototype.toString;
  const hasOwn = Object.prototype.hasOwnProperty;
  const getProto = Object.getPrototypeOf;

  class AssertionError extends Error {
    constructor(message, matcherResult) {
      super(message);
      Object.defineProperty(this, 'name', { value: 'AssertionError', writable: true, configurable: true });
      this.matcherResult = matcherResult;
    }
  }

  // ---------------------------------------------------------------- equality

  class Asymmetric {
    constructor(sample, inverse) {
      this.sample = sample;
      this.inverse = !!inverse;
    }
  }
  class Anything extends Asymmetric {
    match(v) { return v !== null && v !== undefined; }
    toString() { return 'Anything'; }
  }
  class Any extends Asymmetric {
    match(v) {
      const c = this.sample;
      if (c === String) return typeof v === 'string' || v instanceof String;
      if (c === Number) return typeof v === 'number' || v instanceof Number;
      if (c === Boolean) return typeof v === 'boolean' || v instanceof Boolean;
      if (c === BigInt) return typeof v === 'bigint';
      if (c === Symbol) return typeof v === 'symbol';
      if (c === Function) return typeof v === 'function';
      if (c === Object) return typeof v === 'object' && v !== null;
      return v instanceof c;
    }
    toString() { return 'Any<' + (this.sample && this.sample.name) + '>'; }
  }
  class ObjectContaining extends Asymmetric {
    match(v) {
      if (typeof v !== 'object' || v === null) return this.inverse;
      let all = true;
      for (const k of Object.keys(this.sample)) {
        if (!hasProperty(v, k) || !equals(v[k], this.sample[k], false)) { all = false; break; }
      }
      return this.inverse ? !all : all;
    }
    toString() { return (this.inverse ? 'ObjectNotContaining ' : 'ObjectContaining ') + format(this.sample); }
  }
  class ArrayContaining extends Asymmetric {
    match(v) {
      const all = Array.isArray(v) && this.sample.every((s) => v.some((x) => equals(x, s, false)));
      return this.inverse ? !all : all;
    }
    toString() { return (this.inverse ? 'ArrayNotContaining ' : 'ArrayContaining ') + format(this.sample); }
  }
  class StringContaining extends Asymmetric {
    match(v) {
      const ok = typeof v === 'string' && v.includes(this.sample);
      return this.inverse ? !ok : ok;
    }
    toString() { return (this.inverse ? 'StringNotContaining ' : 'StringContaining ') + format(this.sample); }
  }
  class StringMatching extends Asymmetric {
    match(v) {
      const re = typeof this.sample === 'string' ? new RegExp(this.sample) : this.sample;
      const ok = typeof v === 'string' && re.test(v);
      return this.inverse ? !ok : ok;
    }
    toString() { return (this.inverse ? 'StringNotMatching ' : 'StringMatching ') + format(this.sample); }
  }

  function hasProperty(obj, key) {
    for (let o = obj; o !== null && o !== undefined; o = getProto(o)) {
      if (hasOwn.call(o, key)) return true;
    }
    return false;
  }

  function isTypedArray(v) {
    return ArrayBuffer.isView(v) && !(v instanceof DataView);
  }

  // equals is jest's recursive equality. strict adds toStrictEqual's checks:
  // undefined-valued keys count, array holes count, and the types must match.
  function equals(a, b, strict, seenA, seenB) {
    if (a instanceof Asymmetric) return a.match(b);
    if (b instanceof Asymmetric) return b.match(a);
    if (Object.is(a, b)) return true;
    if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) {
      return false; // distinct primitives (1 and 1n differ, as do 0 and -0), or a primitive and an object
    }
    const cls = objectToString.call(a);
    if (cls !== objectToString.call(b)) return false;
    if (strict && getProto(a) !== getProto(b)) return false;
    switch (cls) {
      case '[object Number]':
      case '[object String]':
      case '[object Boolean]':
      case '[object BigInt]':
        return Object.is(a.valueOf(), b.valueOf());
      case '[object Date]': {
        const ta = a.getTime(), tb = b.getTime();
        return ta === tb || (ta !== ta && tb !== tb);
      }
      case '[object RegExp]':
        return a.source === b.source && a.flags === b.flags;
    }
    if (a instanceof Error && b instanceof Error) {
      return a.name === b.name && a.message === b.message;
    }
    seenA = seenA || [];
    seenB = seenB || [];
    for (let i = seenA.length - 1; i >= 0; i--) {
      if (seenA[i] === a) return seenB[i] === b;
    }
    seenA.push(a);
    seenB.push(b);
    try {
      return equalContents(a, b, strict, seenA, seenB);
    } finally {
      seenA.pop();
      seenB.pop();
    }
  }

  function equalContents(a, b, strict, seenA, seenB) {
    if (isTypedArray(a) || isTypedArray(b)) {
      // Uint8Array (RAW, XSTRING) and friends: same kind, same bytes.
      if (!isTypedArray(a) || !isTypedArray(b) || objectToString.call(a) !== objectToString.call(b)) return false;
      if (a.length !== b.length) return false;
      for (let i = 0; i < a.length; i++) {
        if (!Object.is(a[i], b[i])) return false;
      }
      return true;
    }
    if (a instanceof ArrayBuffer && b instanceof ArrayBuffer) {
      return equalContents(new Uint8Array(a), new Uint8Array(b), strict, seenA, seenB);
    }
    if (a instanceof Map && b instanceof Map) {
      if (a.size !== b.size) return false;
      for (const [k, v] of a) {
        if (b.has(k)) {
          if (!equals(v, b.get(k), strict, seenA, seenB)) return false;
          continue;
        }
        let found = false;
        for (const [k2, v2] of b) {
          if (equals(k, k2, strict, seenA, seenB) && equals(v, v2, strict, seenA, seenB)) { found = true; break; }
        }
        if (!found) return false;
      }
      return true;
    }
    if (a instanceof Set && b instanceof Set) {
      if (a.size !== b.size) return false;
      for (const v of a) {
        if (b.has(v)) continue;
        let found = false;
        for (const v2 of b) {
          if (equals(v, v2, strict, seenA, seenB)) { found = true; break; }
        }
        if (!found) return false;
      }
      return true;
    }
    if (Array.isArray(a)) {
      if (a.length !== b.length) return false;
      for (let i = 0; i < a.length; i++) {
        if (strict && hasOwn.call(a, i) !== hasOwn.call(b, i)) return false;
        if (!equals(a[i], b[i], strict, seenA, seenB)) return false;
      }
    }
    const keysA = ownKeys(a, strict);
    const keysB = ownKeys(b, strict);
    if (keysA.length !== keysB.length) return false;
    for (const k of keysA) {
      if (!hasOwn.call(b, k)) return false;
      if (!equals(a[k], b[k], strict, seenA, seenB)) return false;
    }
    return true;
  }

  // ownKeys lists the enumerable own keys that count for equality: array
  // indices are compared separately, and toEqual skips undefined values.
  function ownKeys(o, strict) {
    const keys = [];
    const array = Array.isArray(o);
    for (const k of Object.keys(o)) {
      if (array && /^(0|[1-9][0-9]*)$/.test(k)) continue;
      if (!strict && o[k] === undefined) continue;
      keys.push(k);
    }
    for (const s of Object.getOwnPropertySymbols(o)) {
      if (Object.prototype.propertyIsEnumerable.call(o, s) && (strict || o[s] !== undefined)) keys.push(s);
    }
    return keys;
  }

  // ---------------------------------------------------------------- messages

  function show(v) {
    if (v instanceof Asymmetric) return v.toString();
    return format(v);
  }

  function hint(matcher, isNot, args) {
    return 'expect(received).' + (isNot ? 'not.' : '') + matcher + '(' + (args === undefined ? 'expected' : args) + ')';
  }

  function isComposite(v) {
    return (typeof v === 'object' && v !== null) || typeof v === 'function';
  }

  // difference explains how received differs from expected: a line diff when
  // both sides are objects or multi-line strings, else the two values.
  function difference(expected, received) {
    const multiline = typeof expected === 'string' && typeof received === 'string' &&
      (expected.includes('\n') || received.includes('\n'));
    if (multiline) return lineDiff(expected, received);
    if (isComposite(expected) && isComposite(received) && !(expected instanceof Asymmetric)) {
      const e = formatBlock(expected);
      const r = formatBlock(received);
      if (e === r) {
        return 'Expected: ' + show(expected) + '\nReceived: serializes to the same text, but is not equal' +
          ' (check the types, or properties that are undefined)';
      }
      return lineDiff(e, r);
    }
    return 'Expected: ' + show(expected) + '\nReceived: ' + show(received);
  }

  // ---------------------------------------------------------------- matchers

  // Each matcher returns { pass, message() } like a jest custom matcher;
  // `this` holds isNot and promise for the messages.
  const matchers = {
    toBe(received, expected) {
      const pass = Object.is(received, expected);
      return {
        pass,
        message: () => {
          const head = hint('toBe', this.isNot) + ' // Object.is equality\n\n';
          if (this.isNot) return head + 'Expected: not ' + show(expected);
          let text = head + difference(expected, received);
          if (isComposite(expected) && isComposite(received) && equals(received, expected, true)) {
            text += '\n\nIf it should pass with deep equality, replace "toBe" with "toStrictEqual"';
          } else if (isComposite(expected) && isComposite(received) && equals(received, expected, false)) {
            text += '\n\nIf it should pass with deep equality, replace "toBe" with "toEqual"';
          }
          return text;
        },
        expected, actual: received,
      };
    },
    toEqual(received, expected) {
      const pass = equals(received, expected, false);
      return {
        pass,
        message: () => hint('toEqual', this.isNot) + ' // deep equality\n\n' +
          (this.isNot ? 'Expected: not ' + show(expected) + (isComposite(received) ? '\nReceived:     ' + show(received) : '') : difference(expected, received)),
        expected, actual: received,
      };
    },
    toStrictEqual(received, expected) {
      const pass = equals(received, expected, true);
      return {
        pass,
        message: () => hint('toStrictEqual', this.isNot) + ' // deep equality with types and undefined properties\n\n' +
          (this.isNot ? 'Expected: not ' + show(expected) : difference(expected, received)),
        expected, actual: received,
      };
    },
    toBeTruthy(received) {
      return { pass: !!received, message: () => hint('toBeTruthy', this.isNot, '') + '\n\nReceived: ' + show(received) };
    },
    toBeFalsy(received) {
      return { pass: !received, message: () => hint('toBeFalsy', this.isNot, '') + '\n\nReceived: ' + show(received) };
    },
    toBeNull(received) {
      return { pass: received === null, message: () => hint('toBeNull', this.isNot, '') + '\n\nReceived: ' + show(received) };
    },
    toBeUndefined(received) {
      return { pass: received === undefined, message: () => hint('toBeUndefined', this.isNot, '') + '\n\nReceived: ' + show(received) };
    },
    toBeDefined(received) {
      return { pass: received !== undefined, message: () => hint('toBeDefined', this.isNot, '') + '\n\nReceived: ' + show(received) };
    },
    toBeNaN(received) {
      return { pass: typeof received === 'number' && received !== received, message: () => hint('toBeNaN', this.isNot, '') + '\n\nReceived: ' + show(received) };
    },
    toContain(received, item) {
      let pass;
      if (typeof received === 'string') {
        if (typeof item !== 'string') throw usage('toContain', 'a string can only contain a string; expected is ' + show(item));
        pass = received.includes(item);
      } else if (received !== null && received !== undefined && typeof received[Symbol.iterator] === 'function') {
        pass = Array.from(received).some((x) => x === item || (x !== x && item !== item));
      } else {
        throw usage('toContain', 'received must be a string, an array or another iterable; got ' + show(received));
      }
      return {
        pass,
        message: () => hint('toContain', this.isNot) + '\n\n' + (this.isNot ? 'Expected value: not ' : 'Expected value: ') +
          show(item) + '\nReceived:       ' + show(received),
      };
    },
    toContainEqual(received, item) {
      if (received === null || received === undefined || typeof received[Symbol.iterator] !== 'function') {
        throw usage('toContainEqual', 'received must be an array or another iterable; got ' + show(received));
      }
      const pass = Array.from(received).some((x) => equals(x, item, false));
      return {
        pass,
        message: () => hint('toContainEqual', this.isNot) + '\n\n' + (this.isNot ? 'Expected value: not ' : 'Expected value: ') +
          show(item) + '\nReceived:       ' + show(received),
      };
    },
    toMatch(received, pattern) {
      if (typeof received !== 'string') throw usage('toMatch', 'received must be a string; got ' + show(received));
      if (typeof pattern !== 'string' && !(pattern instanceof RegExp)) {
        throw usage('toMatch', 'expected must be a string or a regular expression; got ' + show(pattern));
      }
      const pass = typeof pattern === 'string' ? received.includes(pattern) : new RegExp(pattern.source, pattern.flags.replace('g', '')).test(received);
      return {
        pass,
        message: () => hint('toMatch', this.isNot) + '\n\n' +
          (typeof pattern === 'string' ? 'Expected substring: ' : 'Expected pattern: ') + (this.isNot ? 'not ' : '') + show(pattern) +
          '\nReceived string:  ' + show(received),
      };
    },
    toHaveLength(received, length) {
      if (received === null || received === undefined || typeof received.length !== 'number') {
        throw usage('toHaveLength', 'received must have a length property whose value is a number; got ' + show(received));
      }
      return {
        pass: received.length === length,
        message: () => hint('toHaveLength', this.isNot) + '\n\nExpected length: ' + (this.isNot ? 'not ' : '') + show(length) +
          '\nReceived length: ' + show(received.length) + '\nReceived value:  ' + show(received),
      };
    },
    toHaveProperty(received, path, ...rest) {
      if (received === null || received === undefined) {
        throw usage('toHaveProperty', 'received must not be null or undefined; got ' + show(received));
      }
      const keys = propertyPath(path);
      let cur = received;
      let found = true;
      let reached = [];
      for (const k of keys) {
        if (cur === null || cur === undefined || !hasProperty(Object(cur), k)) { found = false; break; }
        cur = cur[k];
        reached.push(k);
      }
      const withValue = rest.length > 0;
      const pass = found && (!withValue || equals(cur, rest[0], false));
      return {
        pass,
        message: () => {
          let text = hint('toHaveProperty', this.isNot, withValue ? 'path, value' : 'path') + '\n\nExpected path: ' + show(path);
          if (!found) {
            text += '\nReceived path: ' + show(reached) + ' (the path ends there)';
            if (withValue) text += '\n\nExpected value: ' + show(rest[0]);
            return text + '\nReceived value: ' + show(cur);
          }
          if (withValue && !this.isNot) return text + '\n\n' + difference(rest[0], cur);
          return text + (withValue ? '\n\nExpected value: not ' + show(rest[0]) : '') + '\nReceived value: ' + show(cur);
        },
      };
    },
    toBeGreaterThan(received, n) { return compare.call(this, 'toBeGreaterThan', '>', received, n, received > n); },
    toBeGreaterThanOrEqual(received, n) { return compare.call(this, 'toBeGreaterThanOrEqual', '>=', received, n, received >= n); },
    toBeLessThan(received, n) { return compare.call(this, 'toBeLessThan', '<', received, n, received < n); },
    toBeLessThanOrEqual(received, n) { return compare.call(this, 'toBeLessThanOrEqual', '<=', received, n, received <= n); },
    toBeCloseTo(received, expected, digits) {
      if (typeof received !== 'number') throw usage('toBeCloseTo', 'received must be a number; got ' + show(received));
      if (typeof expected !== 'number') throw usage('toBeCloseTo', 'expected must be a number; got ' + show(expected));
      if (digits === undefined) digits = 2;
      let pass, diff = Math.abs(expected - received);
      const allowed = Math.pow(10, -digits) / 2;
      if (received === Infinity && expected === Infinity) pass = true;
      else if (received === -Infinity && expected === -Infinity) pass = true;
      else pass = diff < allowed;
      return {
        pass,
        message: () => hint('toBeCloseTo', this.isNot, 'expected, precision') + '\n\nExpected: ' + (this.isNot ? 'not ' : '') + show(expected) +
          '\nReceived: ' + show(received) + '\n\nExpected precision:    ' + digits +
          '\nExpected difference: ' + (this.isNot ? '>= ' : '< ') + allowed + '\nReceived difference: ' + diff,
      };
    },
    toBeInstanceOf(received, ctor) {
      if (typeof ctor !== 'function') throw usage('toBeInstanceOf', 'expected must be a class or constructor; got ' + show(ctor));
      const pass = received instanceof ctor;
      const ctorName = (v) => {
        if (v === null || v === undefined) return String(v);
        const p = getProto(Object(v));
        return p && p.constructor && p.constructor.name ? p.constructor.name : '(no constructor)';
      };
      return {
        pass,
        message: () => hint('toBeInstanceOf', this.isNot) + '\n\nExpected constructor: ' + (this.isNot ? 'not ' : '') + (ctor.name || '(anonymous)') +
          '\nReceived constructor: ' + ctorName(received) + '\nReceived value: ' + show(received),
      };
    },
    toThrow(received, expected) {
      let thrown = null; // { value } when something was thrown
      if (this.promise === 'rejects') {
        thrown = { value: received };
      } else {
        if (typeof received !== 'function') {
          throw usage('toThrow', 'received must be a function (wrap the code: expect(() => f()).toThrow()), or use .rejects for a promise; got ' + show(received));
        }
        try {
          received();
        } catch (e) {
          thrown = { value: e };
        }
      }
      const value = thrown && thrown.value;
      const message = value !== null && typeof value === 'object' && 'message' in value ? String(value.message) : String(value);
      let pass = thrown !== null;
      let what = '';
      if (pass && expected !== undefined) {
        if (typeof expected === 'string') {
          pass = message.includes(expected);
          what = 'Expected substring: ' + show(expected);
        } else if (expected instanceof RegExp) {
          pass = expected.test(message);
          what = 'Expected pattern: ' + show(expected);
        } else if (typeof expected === 'function') {
          pass = value instanceof expected;
          what = 'Expected constructor: ' + (expected.name || '(anonymous)');
        } else if (expected instanceof Asymmetric) {
          pass = expected.match(value);
          what = 'Expected: ' + show(expected);
        } else if (expected !== null && typeof expected === 'object') {
          pass = message === String(expected.message);
          what = 'Expected message: ' + show(expected.message);
        }
      } else if (expected !== undefined) {
        what = 'Expected: ' + show(expected);
      }
      return {
        pass,
        message: () => {
          let text = hint('toThrow', this.isNot, expected === undefined ? '' : 'expected') + '\n\n';
          if (what) text += (this.isNot ? what.replace(': ', ': not ') : what) + '\n';
          if (thrown === null) return text + 'Received function did not throw';
          text += 'Received ' + (this.promise === 'rejects' ? 'rejection' : 'error') + ': ' +
            (value instanceof Error ? value.name + ': ' + value.message : show(value));
          return text;
        },
      };
    },
  };
  matchers.toThrowError = matchers.toThrow;

  function compare(name, op, received, n, pass) {
    const numeric = (v) => typeof v === 'number' || typeof v === 'bigint';
    if (!numeric(received)) throw usage(name, 'received must be a number or bigint; got ' + show(received));
    if (!numeric(n)) throw usage(name, 'expected must be a number or bigint; got ' + show(n));
    return {
      pass,
      message: () => hint(name, this.isNot) + '\n\nExpected: ' + (this.isNot ? 'not ' : '') + op + ' ' + show(n) + '\nReceived: ' + (this.isNot ? '    ' : '') + show(received),
    };
  }

  function propertyPath(path) {
    if (Array.isArray(path)) return path;
    if (typeof path !== 'string') throw usage('toHaveProperty', 'path must be a string or an array; got ' + show(path));
    const keys = [];
    for (const m of path.matchAll(/\[([^\]]*)\]|[^.[\]]+/g)) keys.push(m[1] !== undefined ? m[1] : m[0]);
    return keys;
  }

  function usage(matcher, text) {
    return new TypeError('expect(received).' + matcher + '(): ' + text);
  }

  // ---------------------------------------------------------------- expect()

  const custom = Object.create(null);
  let assertionCount = 0;

  // fail throws an AssertionError whose stack starts at the caller's line:
  // its frames in this file are dropped by the runner when it looks for where
  // the assertion was written.
  function run(name, fn, received, args, isNot, promise) {
    const ctx = { isNot, promise, equals: (a, b) => equals(a, b, false), utils: { format, diff: lineDiff } };
    const result = fn.call(ctx, received, ...args);
    assertionCount++;
    if (!result || typeof result.pass !== 'boolean') {
      throw new TypeError('matcher ' + name + ' must return { pass: boolean, message: () => string }');
    }
    if (result.pass === isNot) {
      const message = typeof result.message === 'function' ? result.message() : String(result.message || name + ' failed');
      throw new AssertionError(message, { matcher: name, pass: result.pass, isNot, expected: result.expected, actual: result.actual, hasValues: 'expected' in result });
    }
  }

  function build(received, isNot, promise) {
    const target = {};
    const all = Object.assign({}, matchers, custom);
    for (const name of Object.keys(all)) {
      const fn = all[name];
      if (promise) {
        target[name] = function (...args) {
          if (received === null || (typeof received !== 'object' && typeof received !== 'function') || typeof received.then !== 'function') {
            throw usage(promise + '.' + name, 'received must be a promise; got ' + show(received));
          }
          // Kept here, so a failure points at the assertion rather than the promise machinery.
          const where = new AssertionError('');
          return Promise.resolve(received).then(
            (value) => {
              if (promise === 'rejects') {
                where.message = hint(promise + '.' + name, isNot) + '\n\nReceived promise resolved instead of rejected\nResolved to value: ' + show(value);
                where.matcherResult = { matcher: name, pass: false };
                throw where;
              }
              return check(name, fn, value, args, isNot, promise, where);
            },
            (reason) => {
              if (promise === 'resolves') {
                where.message = hint(promise + '.' + name, isNot) + '\n\nReceived promise rejected instead of resolved\nRejected to value: ' +
                  (reason instanceof Error ? reason.name + ': ' + reason.message : show(reason));
                where.matcherResult = { matcher: name, pass: false };
                throw where;
              }
              return check(name, fn, reason, args, isNot, promise, where);
            });
        };
      } else {
        target[name] = function (...args) { run(name, fn, received, args, isNot, undefined); };
      }
    }
    return target;
  }

  // check runs a matcher on a settled value; a failure keeps the stack of the
  // assertion's line (where) instead of the promise job's.
  function check(name, fn, value, args, isNot, promise, where) {
    try {
      run(name, fn, value, args, isNot, promise);
    } catch (e) {
      if (e instanceof AssertionError) {
        where.message = e.message.replace('expect(received).', 'expect(received).' + promise + '.');
        where.matcherResult = e.matcherResult;
        throw where;
      }
      throw e;
    }
  }

  function expect(received) {
    if (arguments.length !== 1) throw new TypeError('expect takes exactly one argument (the received value), got ' + arguments.length);
    const e = build(received, false, undefined);
    e.not = build(received, true, undefined);
    e.resolves = build(received, false, 'resolves');
    e.resolves.not = build(received, true, 'resolves');
    e.rejects = build(received, false, 'rejects');
    e.rejects.not = build(received, true, 'rejects');
    return e;
  }

  expect.extend = function (more) {
    for (const name of Object.keys(more)) {
      if (typeof more[name] !== 'function') throw new TypeError('expect.extend: ' + name + ' must be a function');
      custom[name] = more[name];
    }
  };
  expect.anything = () => new Anything();
  expect.any = (ctor) => {
    if (typeof ctor !== 'function') throw new TypeError('expect.any(constructor): pass a class such as String, Number or sap.SapError');
    return new Any(ctor);
  };
  expect.objectContaining = (o) => new ObjectContaining(o);
  expect.arrayContaining = (a) => new ArrayContaining(a);
  expect.stringContaining = (s) => new StringContaining(s);
  expect.stringMatching = (s) => new StringMatching(s);
  expect.not = {
    objectContaining: (o) => new ObjectContaining(o, true),
    arrayContaining: (a) => new ArrayContaining(a, true),
    stringContaining: (s) => new StringContaining(s, true),
    stringMatching: (s) => new StringMatching(s, true),
  };
  expect.AssertionError = AssertionError;

  // The runner reads and resets the count around each test (expect.assertions).
  let expected = null;
  expect.assertions = (n) => { expected = { n, exact: true }; };
  expect.hasAssertions = () => { expected = { n: 1, exact: false }; };
  const control = {
    reset() { assertionCount = 0; expected = null; },
    // verify returns an error message when expect.assertions / hasAssertions were not met.
    verify() {
      if (expected === null) return '';
      if (expected.exact && assertionCount !== expected.n) {
        return 'expect.assertions(' + expected.n + '): expected ' + expected.n + ' assertion(s) to be called but received ' + assertionCount;
      }
      if (!expected.exact && assertionCount < 1) return 'expect.hasAssertions(): expected at least one assertion to be called but received none';
      return '';
    },
  };
  return { expect, control };
})
