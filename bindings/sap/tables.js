// sap.table of the sap module: a table's fields from the ABAP Dictionary, its
// rows over RFC_READ_TABLE in pages and field groups, typed as API.md says,
// and WHERE clauses with the ALPHA exit. toolkit.go compiles it when a script
// first calls sap.table, and runs it once per runtime; toolkit.js hands in
// what it shares with the rest of the toolkit.
(function (go, shared) {
  'use strict';
  const { SapError, fail, alphaInput } = shared;

  const READ_TABLE_ERRORS = {
    NOT_AUTHORIZED: (table) => `user may not display table ${table}: RFC_READ_TABLE raised NOT_AUTHORIZED ` +
      '(authorization objects S_TABU_DIS for its authorization group, or S_TABU_NAM); ask for the authorization, or read through a BAPI',
    TABLE_NOT_AVAILABLE: (table) => `RFC_READ_TABLE cannot read ${table} (TABLE_NOT_AVAILABLE): it is not a table or view in the dictionary`,
    TABLE_WITHOUT_DATA: (table) => `RFC_READ_TABLE cannot read the fields asked for from ${table} (TABLE_WITHOUT_DATA)`,
    OPTION_NOT_VALID: (table, err) => `RFC_READ_TABLE refused the WHERE clause on ${table} (OPTION_NOT_VALID): ${err.message}`,
  };

  // ---------------------------------------------------------------- WHERE

  // whereLines turns a WHERE clause (a string, an array of clause parts, or an
  // object of field: value(s)) into OPTIONS lines of at most 72 characters,
  // split between tokens so that quoted literals stay whole. Literals compared
  // with a field whose domain has the ALPHA exit are converted to the internal
  // format, as SE16 does when the value is typed in.
  function whereLines(info, where, alpha) {
    if (where === undefined || where === null || where === '') return [];
    let clause;
    if (typeof where === 'string') clause = where;
    else if (Array.isArray(where)) clause = where.map(String).join(' ');
    else if (typeof where === 'object') clause = whereFromObject(info, where);
    else throw new TypeError('sap.table(): where must be a string, an array of strings or an object of field values');
    const tokens = tokenize(clause);
    if (alpha) applyAlpha(info, tokens);
    const lines = [];
    let line = '';
    for (const t of tokens) {
      if (t.text.length > 72) {
        throw fail(SapError, `a token of the WHERE clause is ${t.text.length} characters long (${t.text.slice(0, 30)}...); ` +
          'RFC_READ_TABLE\'s OPTIONS lines hold 72, and a literal cannot span two of them', { code: 'WHERE_TOKEN_TOO_LONG', domain: 'rfc', action: 'table' });
      }
      if (line === '') line = t.text;
      else if (line.length + 1 + t.text.length <= 72) line += ' ' + t.text;
      else {
        lines.push({ TEXT: line });
        line = t.text;
      }
    }
    if (line !== '') lines.push({ TEXT: line });
    return lines;
  }

  function quote(v) {
    if (typeof v === 'number' || typeof v === 'bigint') return String(v);
    return "'" + String(v).replace(/'/g, "''") + "'";
  }

  function whereFromObject(info, where) {
    const parts = [];
    for (const [name, value] of Object.entries(where)) {
      const field = name.toUpperCase();
      if (!info.byName.has(field)) {
        throw fail(SapError, `table ${info.table} has no field ${name} (in where)`,
          { code: 'FIELD_NOT_FOUND', domain: 'rfc', action: 'table', table: info.table, field: name });
      }
      if (Array.isArray(value)) {
        if (value.length === 0) throw new TypeError(`sap.table(): where.${name} is an empty list`);
        parts.push(`${field} IN ( ${value.map(quote).join(' , ')} )`);
      } else {
        parts.push(`${field} = ${quote(value)}`);
      }
    }
    return parts.join(' AND ');
  }

  // Tokens of a WHERE clause: quoted literals ('...' with '' inside, `...`),
  // operators, parentheses, commas and words.
  function tokenize(clause) {
    const tokens = [];
    let i = 0;
    const n = clause.length;
    while (i < n) {
      const c = clause[i];
      if (/\s/.test(c)) { i++; continue; }
      if (c === "'" || c === '`') {
        let j = i + 1;
        for (;;) {
          if (j >= n) {
            throw fail(SapError, 'the WHERE clause has a literal without its closing quote: ' + clause.slice(i, i + 40),
              { code: 'OPTION_NOT_VALID', domain: 'rfc', action: 'table' });
          }
          if (clause[j] === c) {
            if (clause[j + 1] === c) { j += 2; continue; }
            break;
          }
          j++;
        }
        tokens.push({ kind: 'literal', text: clause.slice(i, j + 1) });
        i = j + 1;
        continue;
      }
      const op = /^(<>|><|<=|>=|=<|=>|=|<|>)/.exec(clause.slice(i, i + 2));
      if (op) { tokens.push({ kind: 'op', text: op[1] }); i += op[1].length; continue; }
      if (c === '(' || c === ')' || c === ',') { tokens.push({ kind: c, text: c }); i++; continue; }
      let j = i;
      while (j < n && !/[\s'`()<>=,]/.test(clause[j])) j++;
      tokens.push({ kind: 'word', text: clause.slice(i, j) });
      i = j;
    }
    return tokens;
  }

  const COMPARE_WORDS = new Set(['EQ', 'NE', 'LT', 'GT', 'LE', 'GE']);
  const upper = (t) => (t && t.kind === 'word' ? t.text.toUpperCase() : '');

  // applyAlpha converts the literals compared with an ALPHA field: FIELD op 'x',
  // FIELD [NOT] IN ( 'x' , 'y' ), FIELD [NOT] BETWEEN 'x' AND 'y'. LIKE patterns
  // are left alone: they are patterns, not values.
  function applyAlpha(info, tokens) {
    const convert = (k, field) => {
      const t = tokens[k];
      if (t && t.kind === 'literal' && t.text[0] === "'") {
        t.text = quote(alphaInput(t.text.slice(1, -1).replace(/''/g, "'"), field.length));
      }
    };
    for (let i = 0; i < tokens.length; i++) {
      const word = upper(tokens[i]);
      if (word === '') continue;
      const f = info.byName.get(word.includes('~') ? word.slice(word.indexOf('~') + 1) : word);
      if (!f || f.convexit !== 'ALPHA') continue;
      let j = i + 1;
      if (upper(tokens[j]) === 'NOT') j++;
      const op = tokens[j];
      if (!op) continue;
      if (op.kind === 'op' || COMPARE_WORDS.has(upper(op))) {
        convert(j + 1, f);
      } else if (upper(op) === 'IN' && tokens[j + 1] && tokens[j + 1].kind === '(') {
        for (let k = j + 2; k < tokens.length && tokens[k].kind !== ')'; k++) convert(k, f);
      } else if (upper(op) === 'BETWEEN') {
        convert(j + 1, f);
        if (upper(tokens[j + 2]) === 'AND') convert(j + 3, f);
      }
    }
  }


  // ------------------------------------------------------------ per session

  // tablesOf is sap.table for one session object (sap itself, or sap.open()'s).
  return function tablesOf(client) {
    const rfc = client.rfc;
    const state = { fieldInfo: new Map(), groups: new Map() };


    // Runs a plan (a generator yielding [fm, params] calls) synchronously or asynchronously.
    function runSync(plan) {
      let step = plan.next();
      while (!step.done) {
        let reply, failed = false;
        try {
          reply = rfc.call(step.value[0], step.value[1]);
        } catch (err) {
          failed = true;
          reply = err;
        }
        step = failed ? plan.throw(reply) : plan.next(reply);
      }
      return step.value;
    }

    async function runAsync(plan) {
      let step = plan.next();
      while (!step.done) {
        let reply, failed = false;
        try {
          reply = await rfc.callAsync(step.value[0], step.value[1]);
        } catch (err) {
          failed = true;
          reply = err;
        }
        step = failed ? plan.throw(reply) : plan.next(reply);
      }
      return step.value;
    }

    function* fieldInfo(table) {
      const cached = state.fieldInfo.get(table);
      if (cached) return cached;
      // The session opens on the first call; only then is its handler known.
      const oldHandler = () => fail(SapError, 'sap.table needs the wsrfc handler: the old ZADT_VSP handler cannot ' +
        'pass the table parameters of DDIF_FIELDINFO_GET and RFC_READ_TABLE (see docs/abap-install.md)',
      { code: 'UNSUPPORTED_BY_SERVER', domain: 'rfc', action: 'table', local: true });
      let r;
      try {
        r = yield ['DDIF_FIELDINFO_GET', { TABNAME: table }];
      } catch (err) {
        if (client.session.legacy) throw oldHandler();
        if (err && err.key === 'NOT_FOUND') {
          throw fail(SapError, `table ${table} is not in the ABAP Dictionary (DDIF_FIELDINFO_GET raised NOT_FOUND)`,
            { code: 'TABLE_NOT_FOUND', domain: 'rfc', action: 'table', table });
        }
        throw err;
      }
      if (client.session.legacy) throw oldHandler();
      const fields = r.DFIES_TAB.map((f) => ({
        name: f.FIELDNAME, key: f.KEYFLAG === 'X', type: f.DATATYPE, abapType: f.INTTYPE,
        length: Number(f.LENG), decimals: Number(f.DECIMALS), convexit: f.CONVEXIT, text: f.FIELDTEXT,
      }));
      const info = { table, fields, byName: new Map(fields.map((f) => [f.name, f])) };
      state.fieldInfo.set(table, info);
      return info;
    }

    function* metadataHasSorted() {
      if (state.sorted === undefined) {
        const meta = rfc.metadata('RFC_READ_TABLE');
        state.sorted = meta.parameters.some((p) => p.name === 'GET_SORTED');
      }
      return state.sorted;
    }

    function chooseFields(info, requested) {
      if (requested === undefined || requested === null) {
        return info.fields.filter((f) => f.abapType !== 'g' && f.abapType !== 'y');
      }
      if (!Array.isArray(requested)) requested = [requested];
      if (requested.length === 0) return chooseFields(info, undefined);
      return requested.map((n) => {
        const f = info.byName.get(String(n).trim().toUpperCase());
        if (!f) {
          throw fail(SapError, `table ${info.table} has no field ${n} (it has: ${info.fields.map((x) => x.name).join(', ')})`,
            { code: 'FIELD_NOT_FOUND', domain: 'rfc', action: 'table', table: info.table, field: String(n) });
        }
        if (f.abapType === 'g' || f.abapType === 'y') {
          throw fail(SapError, `field ${info.table}-${f.name} is a ${f.type}, which RFC_READ_TABLE cannot return`,
            { code: 'FIELD_NOT_READABLE', domain: 'rfc', action: 'table', table: info.table, field: f.name });
        }
        return f;
      });
    }

    // Parsers of one field's text in an RFC_READ_TABLE line, typed as API.md
    // says, by the ABAP type letter RFC_READ_TABLE reports (FIELDS-TYPE).
    const intOf = (text) => {
      const t = text.trim();
      if (t === '') return 0;
      return t.endsWith('-') ? -Number(t.slice(0, -1)) : Number(t);
    };
    const PARSERS = {
      C: (text) => text.trimEnd(),
      N: (text) => text.trim(),
      D: (text) => text.trim(),
      T: (text) => text.trim(),
      I: intOf, b: intOf, s: intOf,
      8: (text) => {
        const t = text.trim();
        const neg = t.endsWith('-');
        const digits = neg ? t.slice(0, -1) : t;
        const n = Number(digits || '0');
        if (Number.isSafeInteger(n)) return neg ? -n : n;
        return BigInt((neg ? '-' : '') + digits);
      },
      P: (text) => {
        const t = text.trim();
        if (t === '') return '0';
        return t.endsWith('-') ? '-' + t.slice(0, -1) : t;
      },
      F: (text) => {
        const t = text.trim();
        return t === '' ? 0 : Number(t);
      },
      a: (text) => text.trim() || '0',
      e: (text) => text.trim() || '0',
      X: (text) => {
        const t = text.trim();
        const out = new Uint8Array(t.length >> 1);
        for (let i = 0; i < out.length; i++) out[i] = parseInt(t.substr(2 * i, 2), 16);
        return out;
      },
    };

    // rowReader compiles a layout (RFC_READ_TABLE's FIELDS) into one function
    // that builds a row object with constant property names: for 100,000 rows
    // this is several times faster than a loop over the fields.
    const readers = new Map();
    function rowReader(fields) {
      const id = fields.map((f) => f.FIELDNAME + '/' + f.OFFSET + '/' + f.LENGTH + '/' + f.TYPE).join(',');
      let reader = readers.get(id);
      if (reader) return reader;
      const parsers = [];
      const props = fields.map((f, i) => {
        parsers.push(PARSERS[f.TYPE] || PARSERS.C);
        return `${JSON.stringify(f.FIELDNAME)}: p[${i}](WA.substr(${Number(f.OFFSET)}, ${Number(f.LENGTH)}))`;
      });
      const build = new Function('p', `return function (WA) { return { ${props.join(', ')} }; };`);
      reader = build(parsers);
      readers.set(id, reader);
      return reader;
    }

    function parseRows(reply) {
      const read = rowReader(reply.FIELDS);
      const data = reply.DATA;
      const rows = new Array(data.length);
      for (let i = 0; i < data.length; i++) rows[i] = read(data[i].WA);
      return rows;
    }

    function keyOf(row, keys) {
      return keys.map((k) => {
        const v = row[k];
        return v instanceof Uint8Array ? Array.from(v).join(',') : String(v);
      }).join('\u0000');
    }

    // Field groups that fit a 512-character DATA line, each with the key fields,
    // from the exact widths RFC_READ_TABLE reports with NO_DATA.
    function* fieldGroups(info, fields, options) {
      const id = fields.map((f) => f.name).join(',');
      const cached = state.groups.get(info.table + ':' + id);
      if (cached) return cached;
      const keys = info.fields.filter((f) => f.key && f.abapType !== 'g' && f.abapType !== 'y');
      const all = keys.concat(fields.filter((f) => !f.key));
      const layout = yield* rfcReadTable(info, { QUERY_TABLE: info.table, NO_DATA: 'X', OPTIONS: options,
        FIELDS: all.map((f) => ({ FIELDNAME: f.name })) });
      const width = new Map(layout.FIELDS.map((f) => [f.FIELDNAME, Number(f.LENGTH)]));
      const keyWidth = keys.reduce((n, f) => n + width.get(f.name), 0);
      const groups = [];
      let cur = null;
      for (const f of fields.filter((x) => !x.key)) {
        const w = width.get(f.name);
        if (keyWidth + w > 512) {
          throw fail(SapError, `field ${info.table}-${f.name} needs ${w} characters, which with the key (${keyWidth}) ` +
            'does not fit RFC_READ_TABLE\'s 512-character line', { code: 'DATA_BUFFER_EXCEEDED', domain: 'rfc', action: 'table', table: info.table, field: f.name });
        }
        if (cur === null || cur.width + w > 512) {
          cur = { width: keyWidth, fields: [] };
          groups.push(cur);
        }
        cur.fields.push(f.name);
        cur.width += w;
      }
      if (groups.length === 0) groups.push({ width: keyWidth, fields: [] });
      const plan = { keys: keys.map((f) => f.name), groups: groups.map((g) => keys.map((f) => f.name).concat(g.fields)) };
      state.groups.set(info.table + ':' + id, plan);
      return plan;
    }

    // One page of rows: one RFC_READ_TABLE call, or one per field group joined by key.
    // rfcReadTable calls RFC_READ_TABLE and says in the table's terms what its
    // exceptions mean; DATA_BUFFER_EXCEEDED is left to the caller, who reads
    // the table in field groups instead.
    function* rfcReadTable(info, params) {
      try {
        return yield ['RFC_READ_TABLE', params];
      } catch (err) {
        const explain = err && READ_TABLE_ERRORS[err.key];
        if (!explain) throw err;
        const props = { code: err.key, domain: 'rfc', action: 'table', table: info.table, cause: err };
        for (const k of ['key', 'msgType', 'msgId', 'msgNo', 'msgV1', 'msgV2', 'msgV3', 'msgV4']) {
          if (err[k] !== undefined) props[k] = err[k];
        }
        throw fail(SapError, explain(info.table, err), props);
      }
    }

    // Rows come sorted by primary key where RFC_READ_TABLE can sort (GET_SORTED),
    // so that pages, field groups and a read without paging agree on the order.
    function* page(info, fields, options, skip, count) {
      const sorted = yield* metadataHasSorted();
      const base = { QUERY_TABLE: info.table, OPTIONS: options, ROWSKIPS: skip, ROWCOUNT: count };
      const id = info.table + ':' + fields.map((f) => f.name).join(',');
      if (!state.groups.has(id)) {
        const params = Object.assign({ FIELDS: fields.map((f) => ({ FIELDNAME: f.name })) }, base);
        if (sorted) params.GET_SORTED = 'X';
        try {
          return parseRows(yield* rfcReadTable(info, params));
        } catch (err) {
          if (!err || err.key !== 'DATA_BUFFER_EXCEEDED') throw err;
        }
      }
      const plan = yield* fieldGroups(info, fields, options);
      let rows = null, index = null;
      for (const group of plan.groups) {
        const params = Object.assign({ FIELDS: group.map((name) => ({ FIELDNAME: name })) }, base);
        if (sorted) params.GET_SORTED = 'X';
        const part = parseRows(yield* rfcReadTable(info, params));
        if (rows === null) {
          rows = part;
          index = new Map(rows.map((r) => [keyOf(r, plan.keys), r]));
          continue;
        }
        if (part.length !== rows.length) throw changed(info, plan);
        for (const r of part) {
          const target = index.get(keyOf(r, plan.keys));
          if (!target) throw changed(info, plan);
          Object.assign(target, r);
        }
      }
      // Rows come back with the fields in the order asked for.
      const names = fields.map((f) => f.name);
      return rows.map((r) => {
        const o = {};
        for (const n of names) o[n] = r[n];
        return o;
      });
    }

    function changed(info, plan) {
      return fail(SapError, `table ${info.table} changed while its rows were read in ${plan.groups.length} field groups ` +
        '(the groups no longer match by key); read again', { code: 'TABLE_CHANGED', domain: 'rfc', action: 'table', table: info.table });
    }

    function* prepare(table, opts) {
      const info = yield* fieldInfo(table);
      const fields = chooseFields(info, opts.fields);
      const options = whereLines(info, opts.where, opts.alpha !== false);
      return { info, fields, options };
    }

    function readPlan(table, opts) {
      return (function* () {
        const { info, fields, options } = yield* prepare(table, opts);
        const max = opts.max === undefined || opts.max === null ? 0 : nonNegative('max', opts.max);
        let skip = opts.skip === undefined ? 0 : nonNegative('skip', opts.skip);
        const batch = opts.batch === undefined ? 0 : positive('batch', opts.batch);
        if (batch === 0) return yield* page(info, fields, options, skip, max);
        const out = [];
        for (;;) {
          const want = max > 0 ? Math.min(batch, max - out.length) : batch;
          const rows = yield* page(info, fields, options, skip, want);
          for (const r of rows) out.push(r);
          skip += rows.length;
          if (rows.length < want || (max > 0 && out.length >= max)) return out;
        }
      })();
    }

    function nonNegative(name, v) {
      if (!Number.isInteger(v) || v < 0) throw new TypeError(`sap.table().read: ${name} must be a whole number >= 0, not ${v}`);
      return v;
    }
    function positive(name, v) {
      if (!Number.isInteger(v) || v < 1) throw new TypeError(`sap.table().rows: ${name} must be a whole number >= 1, not ${v}`);
      return v;
    }

    const READ_OPTIONS = new Set(['fields', 'where', 'max', 'skip', 'batch', 'alpha']);
    function checkOptions(method, opts) {
      if (opts === undefined || opts === null) return {};
      if (typeof opts !== 'object') throw new TypeError(`sap.table().${method}(options): options must be an object`);
      for (const k of Object.keys(opts)) {
        if (!READ_OPTIONS.has(k)) {
          throw new TypeError(`sap.table().${method}: unknown option ${k} (known: ${[...READ_OPTIONS].join(', ')})`);
        }
      }
      return opts;
    }

    function rowsIterator(table, opts) {
      const batch = opts.batch === undefined ? 1000 : positive('batch', opts.batch);
      let prepared = null, buffer = [], at = 0, skip = 0, finished = false, running = null;
      const nextPage = function* () {
        if (prepared === null) prepared = yield* prepare(table, opts);
        const { info, fields, options } = prepared;
        return yield* page(info, fields, options, skip, batch);
      };
      const took = (rows) => {
        buffer = rows; // the previous page is dropped here: memory stays one page
        at = 0;
        skip += rows.length;
        if (rows.length < batch) finished = true;
      };
      const failed = (err) => {
        finished = true;
        buffer = [];
        throw err;
      };
      // fetch replaces the buffer with the next page.
      async function fetch() {
        if (running) return running;
        running = runAsync(nextPage()).then(took, failed).finally(() => { running = null; });
        return running;
      }
      // fetchSync is fetch for the synchronous iterator: it waits like rfc.call.
      function fetchSync() {
        if (running) throw new Error('sap.table().rows(): a page is being read asynchronously; do not mix for...of with next()/forEach');
        try {
          took(runSync(nextPage()));
        } catch (err) {
          failed(err);
        }
      }
      const it = {
        async next() {
          while (at >= buffer.length) {
            if (finished) return { done: true, value: undefined };
            await fetch();
          }
          return { done: false, value: buffer[at++] };
        },
        async return(value) {
          finished = true;
          buffer = [];
          return { done: true, value };
        },
        // forEach(fn): calls fn for each row, awaiting it only when it returns
        // a promise; resolves to the number of rows. It is the loop to use
        // where for await is not available, and the fastest in any case.
        async forEach(fn) {
          let n = 0;
          for (;;) {
            while (at < buffer.length) {
              const r = fn(buffer[at++], n++);
              if (r !== null && typeof r === 'object' && typeof r.then === 'function') await r;
            }
            if (finished) return n;
            await fetch();
          }
        },
      };
      it[go.asyncIterator] = function () { return it; };
      // for (const row of table.rows()) reads the pages synchronously, as read() does.
      it[Symbol.iterator] = function* () {
        for (;;) {
          while (at < buffer.length) yield buffer[at++];
          if (finished) return;
          fetchSync();
        }
      };
      return it;
    }

    function table(name) {
      if (typeof name !== 'string' || name.trim() === '') {
        throw new TypeError("sap.table(name): name must be a table name, e.g. 'SFLIGHT'");
      }
      const tab = name.trim().toUpperCase();
      return Object.freeze({
        name: tab,
        fields: () => runSync(fieldInfo(tab)).fields.map((f) => Object.assign({}, f)),
        read: (opts) => runSync(readPlan(tab, checkOptions('read', opts))),
        readAsync: (opts) => {
          try {
            return runAsync(readPlan(tab, checkOptions('readAsync', opts)));
          } catch (err) {
            return Promise.reject(err);
          }
        },
        rows: (opts) => rowsIterator(tab, checkOptions('rows', opts)),
      });
    }

    return table;
  };
})
