// The SAP toolkit of the sap module: BAPI messages, safe LUWs, the ALPHA
// conversion exit and many systems at once; table reads over RFC_READ_TABLE
// are in tables.js. It is plain JavaScript on top of each session's
// rfc.call/callAsync; the Go side (toolkit.go) runs it once per runtime, when
// a script first needs it, and hands in what JS cannot do itself.
(function (go) {
  'use strict';
  const { SapError, ConnectionError, TimeoutError } = go;

  class BapiError extends SapError {
    constructor(message, props) {
      super(message, props);
      Object.defineProperty(this, 'name', { value: 'BapiError', writable: true, configurable: true });
    }
  }

  // An error of the toolkit, with the stack of the script that called it.
  function fail(Ctor, message, props) {
    const e = new Ctor(message, props);
    e.stack = go.stack(Ctor.name + ': ' + message);
    return e;
  }

  // ---------------------------------------------------------------- messages

  const ERROR_TYPES = new Set(['E', 'A', 'X']);

  // A BAPIRET2, BAPIRET1, BAPIRETURN or BAPIRETURN1 line, recognised by its fields.
  function isReturnLine(o) {
    return o !== null && typeof o === 'object' && !Array.isArray(o) && typeof o.TYPE === 'string' &&
      'MESSAGE' in o && (('ID' in o && 'NUMBER' in o) || 'CODE' in o);
  }

  function normalise(o) {
    let id = o.ID, number = o.NUMBER;
    if (id === undefined && typeof o.CODE === 'string') {
      // BAPIRETURN-CODE is the message class followed by the three-digit number.
      const code = o.CODE.trim();
      id = /\d{3}$/.test(code) ? code.slice(0, -3) : code;
      number = /\d{3}$/.test(code) ? code.slice(-3) : '';
    }
    return {
      type: o.TYPE, id: id || '', number: number || '', message: o.MESSAGE || '',
      v1: o.MESSAGE_V1 || '', v2: o.MESSAGE_V2 || '', v3: o.MESSAGE_V3 || '', v4: o.MESSAGE_V4 || '',
      parameter: o.PARAMETER || '', row: o.ROW || 0, field: o.FIELD || '',
    };
  }

  // messages(result): the BAPI return messages of a call result (any top-level
  // parameter holding return lines, as a structure or a table), or of a return
  // structure or table itself. Empty lines (an all-initial RETURN) are left out.
  function messages(result) {
    const out = [];
    const one = (v) => {
      if (isReturnLine(v) && (v.TYPE !== '' || (v.MESSAGE || '') !== '')) out.push(normalise(v));
    };
    const visit = (v) => (Array.isArray(v) ? v.forEach(one) : one(v));
    if (result === null || typeof result !== 'object') return out;
    if (Array.isArray(result) || isReturnLine(result)) {
      visit(result);
      return out;
    }
    for (const key of Object.keys(result)) visit(result[key]);
    return out;
  }

  const errorsOf = (list) => list.filter((m) => ERROR_TYPES.has(m.type));

  function bapiError(fm, list, extra) {
    const errs = errorsOf(list);
    const first = errs[0] || list[0];
    const more = errs.length > 1 ? ` (and ${errs.length - 1} more error message${errs.length > 2 ? 's' : ''})` : '';
    const text = `${fm} returned ${first.type} message ${first.id}/${first.number}: ${first.message}${more}`;
    return fail(BapiError, text, Object.assign({
      code: 'BAPI_ERROR', domain: 'rfc', action: 'call', function: fm, messages: list,
      msgType: first.type, msgId: first.id, msgNo: first.number,
    }, extra));
  }

  // ------------------------------------------------------------ per session

  // install adds the toolkit to one session object (sap itself, or sap.open()'s)
  // when a script first needs it (toolkit.go). rfc.call and rfc.callAsync are
  // Go's: they hand a call's result back as it is unless a transaction runs
  // (hooks.tx tells them) or throwOnError asks, and only then call after or
  // afterAsync. hooks.rawCall is the call without any of that, for the
  // transaction's own commit and rollback.
  function install(client, hooks) {
    const rawCall = hooks.rawCall;
    const state = { tx: null };
    const setTx = (tx) => {
      state.tx = tx;
      hooks.tx(tx !== null);
    };

    function after(fm, result, throwOnError) {
      const list = messages(result);
      if (state.tx !== null) {
        for (const m of list) state.tx.messages.push(Object.assign({ function: String(fm).toUpperCase() }, m));
      }
      if (throwOnError && errorsOf(list).length > 0) throw bapiError(String(fm).toUpperCase(), list);
      return result;
    }

    // A call made inside a transaction adds its messages to it; one made
    // outside does not, even if a transaction starts before it settles.
    const afterAsync = (fm, pending, throwOnError) => pending.then((result) => after(fm, result, throwOnError));

    // ------------------------------------------------------------ transaction

    function lost(err) {
      return err instanceof ConnectionError || (err && err.code === 'SESSION_CLOSED');
    }

    function markUnknown(err, during) {
      if (err && typeof err === 'object') {
        err.sessionLost = lost(err);
        err.outcome = 'unknown';
        const why = err.sessionLost ? 'the SAP session was lost' : 'no answer came';
        err.message = `transaction outcome unknown: ${why} ${during} (${err.message}). ` +
          'It was not repeated; check in SAP whether the work was saved before you run it again';
        if (typeof err.stack === 'string') err.stack = err.stack.replace(/^[^\n]*/, `${err.name}: ${err.message}`);
      }
      return err;
    }

    function rollback() {
      rawCall('BAPI_TRANSACTION_ROLLBACK', {});
    }

    async function transaction(fn) {
      if (typeof fn !== 'function') {
        throw new TypeError('sap.transaction(fn): fn must be a function (it may be async)');
      }
      if (state.tx !== null) {
        throw fail(SapError, 'sap.transaction: a transaction is already running on this session, and an SAP LUW cannot ' +
          'be nested. Make the calls inside the running transaction, or use sap.open() for an independent session',
        { code: 'TRANSACTION_NESTED', domain: 'rfc', action: 'transaction' });
      }
      const tx = { messages: [] };
      setTx(tx);
      const handle = Object.freeze({
        rfc: client.rfc, table: client.table, request: client.request, requestAsync: client.requestAsync,
        get messages() { return tx.messages.slice(); },
      });
      let value;
      try {
        value = await fn(handle);
      } catch (err) {
        setTx(null);
        if (lost(err)) throw markUnknown(err, 'during the transaction');
        try {
          rollback();
        } catch (rbErr) {
          if (lost(rbErr)) throw markUnknown(rbErr, 'while rolling back after: ' + (err && err.message));
          throw rbErr;
        }
        if (err && typeof err === 'object') err.rolledBack = true;
        throw err;
      }
      setTx(null);
      const errs = errorsOf(tx.messages);
      if (errs.length > 0) {
        try {
          rollback();
        } catch (rbErr) {
          if (lost(rbErr)) throw markUnknown(rbErr, 'while rolling back');
          throw rbErr;
        }
        throw bapiError(errs[0].function, tx.messages, { rolledBack: true, function: errs[0].function });
      }
      let commit;
      try {
        commit = rawCall('BAPI_TRANSACTION_COMMIT', {});
      } catch (err) {
        if (lost(err) || err instanceof TimeoutError) throw markUnknown(err, 'while committing');
        throw err;
      }
      const commitMessages = messages(commit);
      if (errorsOf(commitMessages).length > 0) {
        try { rollback(); } catch (_) { /* the commit error is what matters */ }
        throw bapiError('BAPI_TRANSACTION_COMMIT', commitMessages, { rolledBack: true });
      }
      return value;
    }

    // ------------------------------------------------------------ tables

    // sap.table lives in tables.js, compiled when a script first reads a
    // table: most scripts never do, and it is most of the toolkit's source.
    let readTable = null;
    function table(name) {
      if (readTable === null) readTable = go.tables({ SapError, fail, alphaInput })(client);
      return readTable(name);
    }

    client.transaction = transaction;
    client.table = table;
    return { after, afterAsync };
  }

  // ---------------------------------------------------------------- ALPHA

  // CONVERSION_EXIT_ALPHA_INPUT into a field of length characters: a value
  // that is all digits apart from leading and trailing blanks is right-aligned
  // with zeros; anything else is left as it is (cut to the field's length).
  function alphaInput(value, length) {
    const s = String(value);
    const t = s.replace(/^ +| +$/g, '');
    if (t === '') return '';
    const cut = (x) => Array.from(x).slice(0, length).join('').replace(/ +$/, '');
    if (!/^[0-9]+$/.test(t)) return cut(s);
    return cut(t.length < length ? '0'.repeat(length - t.length) + t : t);
  }

  // CONVERSION_EXIT_ALPHA_OUTPUT: the leading zeros removed.
  function alphaOutput(value) {
    return String(value).replace(/^0+/, '').replace(/ +$/, '');
  }

  const convert = Object.freeze({
    alpha: Object.freeze({
      input(value, length) {
        if (value === undefined || value === null) throw new TypeError('sap.convert.alpha.input(value, length): value is missing');
        if (!Number.isInteger(length) || length < 1) {
          throw new TypeError('sap.convert.alpha.input(value, length): length must be the field\'s length in characters, e.g. 10 for KUNNR');
        }
        return alphaInput(value, length);
      },
      output(value) {
        if (value === undefined || value === null) throw new TypeError('sap.convert.alpha.output(value): value is missing');
        return alphaOutput(value);
      },
    }),
  });

  // ---------------------------------------------------------------- each

  function each(sap) {
    return async function each(destinations, fn, options) {
      if (!Array.isArray(destinations) || destinations.some((d) => typeof d !== 'string' || d === '')) {
        throw new TypeError("sap.each(destinations, fn, options?): destinations must be an array of destination names, e.g. ['DEV', 'QAS']");
      }
      if (typeof fn !== 'function') throw new TypeError('sap.each(destinations, fn, options?): fn must be a function (session, destination) => ...');
      const opts = options || {};
      for (const k of Object.keys(opts)) {
        if (k !== 'concurrency' && k !== 'report') throw new TypeError(`sap.each: unknown option ${k} (known: concurrency, report)`);
      }
      const concurrency = opts.concurrency === undefined ? 4 : opts.concurrency;
      if (!Number.isInteger(concurrency) || concurrency < 1) throw new TypeError('sap.each: concurrency must be a whole number >= 1');
      const results = new Array(destinations.length);
      const ms = new Array(destinations.length);
      let next = 0;
      async function worker() {
        while (next < destinations.length) {
          const i = next++;
          const destination = destinations[i];
          const t0 = go.now();
          let session = null;
          try {
            session = sap.open(destination);
            results[i] = { destination, value: await fn(session, destination) };
          } catch (error) {
            results[i] = { destination, error };
          } finally {
            ms[i] = (go.now() - t0) / 1000; // go.now() counts microseconds
            if (session) {
              try { session.close(); } catch (_) { /* closing is best effort */ }
            }
          }
        }
      }
      const workers = [];
      for (let w = 0; w < Math.min(concurrency, destinations.length); w++) workers.push(worker());
      await Promise.all(workers);
      if (opts.report !== false) report(results, ms);
      return results;
    };
  }

  // report prints the outcome per system on stderr, and makes the script's
  // exit code 1 when any failed.
  function report(results, ms) {
    const failed = results.filter((r) => 'error' in r).length;
    const width = Math.max(11, ...results.map((r) => r.destination.length));
    const lines = [`sap.each: ${results.length - failed} of ${results.length} systems succeeded`];
    results.forEach((r, i) => {
      const time = `${Math.round(ms[i])} ms`.padStart(9);
      const what = 'error' in r ? 'FAILED  ' + oneLine(r.error) : 'ok';
      lines.push(`  ${r.destination.padEnd(width)} ${time}  ${what}`);
    });
    globalThis.console.error(lines.join('\n'));
    if (failed > 0 && typeof globalThis.process === 'object' && !globalThis.process.exitCode) {
      globalThis.process.exitCode = 1;
    }
  }

  function oneLine(err) {
    if (err && typeof err === 'object' && 'message' in err) return `${err.name || 'Error'}: ${String(err.message).split('\n')[0]}`;
    return String(err);
  }

  return { BapiError, install, messages, convert, each };
})
