// The wsrfc side of the benchmarks, run by the wsrfc binary:
//
//   wsrfc run --url URL --client 001 --user DEVELOPER bench/cases.js CASE [COUNT]
//
// Cases as in peer.js (small, pipeline, readtable). Timing is inside JS so
// that the runtime's start and the logon are not counted. CPU is that of the
// timed part only, from /proc/self/stat (in clock ticks of 10 ms). One JSON
// line out.
import { readFileSync } from 'node:fs';

const [kase, countArg] = process.argv.slice(2);
const count = Number(countArg || 1000);
const blockSize = 200; // calls per timed block in case small
const now = typeof performance === 'object' && performance.now ? () => performance.now() : () => Date.now();
// utime + stime, fields 14 and 15 of /proc/self/stat, counted after the
// command name, which ends with the last ')'.
const cpuMs = () => {
  const stat = readFileSync('/proc/self/stat', 'utf8');
  const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(f[11]) + Number(f[12])) * 10;
};
const text = 'hello from the benchmark';
const out = { client: 'wsrfc', case: kase };
const burst = async (first) => {
  const t0 = now();
  const all = await Promise.all(Array.from({ length: count }, (_, i) => sap.rfc.callAsync('STFC_CONNECTION', { REQUTEXT: `call ${first + i}` })));
  const ms = now() - t0;
  if (!all.every((r, i) => r.ECHOTEXT === `call ${first + i}`)) throw new Error('replies do not match their requests');
  return ms;
};

// engineBurst is the part of a burst no binding can avoid: as many promises,
// already resolved, through Promise.all, with no request at all.
const engineBurst = async (n) => {
  const t0 = now();
  const all = await Promise.all(Array.from({ length: n }, (_, i) => Promise.resolve({ ECHOTEXT: `call ${i}` })));
  const ms = now() - t0;
  if (all.length !== n) throw new Error('engine burst lost promises');
  return ms;
};

if (kase === 'pipeline') out.coldMs = await burst(0); // the first burst of the session
if (kase === 'small') {
  for (let i = 0; i < 200; i++) sap.rfc.call('STFC_CONNECTION', { REQUTEXT: text });
  // Blocks of calls timed one by one (see peer.js); 200 calls make a block long
  // enough for a clock of milliseconds.
  const cpu0 = cpuMs();
  out.blockMs = [];
  for (let b = 0; b < count / blockSize; b++) {
    const t0 = now();
    for (let i = 0; i < blockSize; i++) {
      if (sap.rfc.call('STFC_CONNECTION', { REQUTEXT: text }).ECHOTEXT !== text) throw new Error('wrong echo');
    }
    out.blockMs.push(now() - t0);
  }
  out.cpuMs = cpuMs() - cpu0;
  out.blockSize = blockSize;
} else if (kase === 'pipeline') {
  for (let i = 0; i < 200; i++) sap.rfc.call('STFC_CONNECTION', { REQUTEXT: text });
  const n = Math.min(count, 1000);
  const t0 = now();
  for (let i = 0; i < n; i++) sap.rfc.call('STFC_CONNECTION', { REQUTEXT: `call ${i}` });
  out.sequentialMs = now() - t0;
  out.sequentialCalls = n;
  out.pipelinedMs = await burst(count);
  out.calls = count;
  out.engineMs = await engineBurst(count);
} else if (kase === 'readtable') {
  const t0 = now();
  const cpu0 = cpuMs();
  const r = sap.rfc.call('RFC_READ_TABLE', {
    QUERY_TABLE: 'ZWSR_VOLUME',
    ROWCOUNT: count,
    FIELDS: ['ROW_ID', 'CREATED_ON', 'AMOUNT', 'QUANTITY'].map((FIELDNAME) => ({ FIELDNAME })), // see readTableFields in roles.go
  });
  const f = r.FIELDS.find((x) => x.FIELDNAME === 'QUANTITY');
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
console.log(JSON.stringify(out));
