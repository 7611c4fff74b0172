// The peer a user would pick instead of wsrfc: Node.js with the ws package,
// talking to the same simulator with the same request envelopes and
// JSON.parse-ing every reply frame, the way a hand-written client would.
//
//   node bench/peer.js CASE URL [COUNT]
//
// CASE is small (COUNT sequential calls), pipeline (COUNT at once on the fresh
// session, then up to 1,000 sequential, then COUNT at once again), readtable
// (the first COUNT rows of ZWSR_VOLUME, then the sum of QUANTITY) or oneshot
// (connect, one call, print, exit: the cold-start one-liner). CPU is that of
// the timed part only, from process.cpuUsage.
// It prints one JSON line with its measurements on stdout.
'use strict';

const WebSocket = require('ws');

const [, , kase, url, countArg] = process.argv;
const count = Number(countArg || 1000);
const blockSize = 200; // calls per timed block in case small
const now = () => Number(process.hrtime.bigint()) / 1e6;
const cpuMs = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };
const auth = 'Basic ' + Buffer.from('DEVELOPER:Down1oad').toString('base64');

// mergeData folds a continuation frame into what came before, as the protocol
// says: objects member by member, arrays appended, anything else replaced.
// Rows are appended in place: concat would copy everything before on every
// frame, quadratic in the size of the table.
function mergeData(dst, src) {
  if (Array.isArray(src)) {
    if (!Array.isArray(dst)) return src;
    for (let i = 0; i < src.length; i++) dst.push(src[i]);
    return dst;
  }
  if (src && typeof src === 'object') {
    if (!dst || typeof dst !== 'object' || Array.isArray(dst)) return src;
    for (const k of Object.keys(src)) dst[k] = k in dst ? mergeData(dst[k], src[k]) : src[k];
    return dst;
  }
  return src;
}

function connect(target) {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(target, { headers: { Authorization: auth } });
    const pending = new Map();
    let next = 0;
    const client = {
      call(fn, parameters) {
        const id = `rfc_${++next}`;
        return new Promise((res, rej) => {
          pending.set(id, { res, rej, data: undefined });
          ws.send(JSON.stringify({ id, domain: 'rfc', action: 'call', params: { function: fn, parameters }, timeout: 120000 }));
        });
      },
      close() { ws.close(); },
    };
    ws.on('error', reject);
    ws.on('message', (raw) => {
      const f = JSON.parse(raw);
      if (f.id === 'welcome') return resolve(client);
      const p = pending.get(f.id);
      if (!p) return;
      if (!f.success) {
        pending.delete(f.id);
        return p.rej(new Error(`${f.error.code}: ${f.error.message}`));
      }
      p.data = p.data === undefined ? f.data : mergeData(p.data, f.data);
      if (f.more) return;
      pending.delete(f.id);
      p.res(p.data.result);
    });
  });
}

async function main() {
  if (kase === 'oneshot') {
    const c = await connect(url);
    console.log((await c.call('STFC_CONNECTION', { REQUTEXT: 'hi' })).ECHOTEXT);
    c.close();
    return;
  }
  const c = await connect(url);
  const out = { client: 'node', case: kase };
  const text = 'hello from the benchmark';
  const burst = async (first) => {
    const t0 = now();
    const all = await Promise.all(Array.from({ length: count }, (_, i) => c.call('STFC_CONNECTION', { REQUTEXT: `call ${first + i}` })));
    const ms = now() - t0;
    if (!all.every((r, i) => r.ECHOTEXT === `call ${first + i}`)) throw new Error('replies do not match their requests');
    return ms;
  };
  if (kase === 'pipeline') out.coldMs = await burst(0); // the first burst of the session
  if (kase === 'small') {
    for (let i = 0; i < 200; i++) await c.call('STFC_CONNECTION', { REQUTEXT: text });
    // Blocks of calls timed one by one: the median block is robust against a
    // moment of load on a shared machine.
    const cpu0 = cpuMs();
    out.blockMs = [];
    for (let b = 0; b < count / blockSize; b++) {
      const t0 = now();
      for (let i = 0; i < blockSize; i++) {
        const r = await c.call('STFC_CONNECTION', { REQUTEXT: text });
        if (r.ECHOTEXT !== text) throw new Error('wrong echo');
      }
      out.blockMs.push(now() - t0);
    }
    out.cpuMs = cpuMs() - cpu0;
    out.blockSize = blockSize;
  } else if (kase === 'pipeline') {
    for (let i = 0; i < 200; i++) await c.call('STFC_CONNECTION', { REQUTEXT: text });
    const n = Math.min(count, 1000);
    const t0 = now();
    for (let i = 0; i < n; i++) await c.call('STFC_CONNECTION', { REQUTEXT: `call ${i}` });
    out.sequentialMs = now() - t0;
    out.sequentialCalls = n;
    out.pipelinedMs = await burst(count);
    out.calls = count;
    // The part of a burst no client can avoid (see cases.js).
    const t1 = now();
    const all = await Promise.all(Array.from({ length: count }, (_, i) => Promise.resolve({ ECHOTEXT: `call ${i}` })));
    out.engineMs = now() - t1;
    if (all.length !== count) throw new Error('engine burst lost promises');
  } else if (kase === 'readtable') {
    const t0 = now();
    const cpu0 = cpuMs();
      const r = await c.call('RFC_READ_TABLE', {
      QUERY_TABLE: 'ZWSR_VOLUME',
      ROWCOUNT: count,
      FIELDS: ['ROW_ID', 'CREATED_ON', 'AMOUNT', 'QUANTITY'].map((FIELDNAME) => ({ FIELDNAME })), // see readTableFields in roles.go
    });
    const f = r.FIELDS.find((x) => x.FIELDNAME.trim() === 'QUANTITY');
    const off = Number(f.OFFSET);
    const len = Number(f.LENGTH);
    let sum = 0;
    for (const { WA } of r.DATA) sum += Number(WA.substring(off, off + len));
    out.ms = now() - t0;
    out.cpuMs = cpuMs() - cpu0;
    out.rows = r.DATA.length;
    out.sum = sum;
  } else {
    throw new Error(`unknown case ${kase}`);
  }
  c.close();
  console.log(JSON.stringify(out));
}

main().catch((e) => {
  console.error(e.stack || String(e));
  process.exit(1);
});
