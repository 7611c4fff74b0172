// The wsrfc side of the benchmarks, run by the wsrfc binary:
//
//   wsrfc run --url URL --client 001 --user DEVELOPER bench/cases.js CASE [COUNT]
//
// Cases as in peer.js (small, pipeline, readtable). Timing is inside JS so
// that the runtime's start and the logon are not counted. One JSON line out.
const [kase, countArg] = process.argv.slice(2);
const count = Number(countArg || 1000);
const blockSize = 200; // calls per timed block in case small
const now = typeof performance === 'object' && performance.now ? () => performance.now() : () => Date.now();
const text = 'hello from the benchmark';
const out = { client: 'wsrfc', case: kase };

if (kase === 'small') {
  for (let i = 0; i < 200; i++) sap.rfc.call('STFC_CONNECTION', { REQUTEXT: text });
  // Blocks of calls timed one by one (see peer.js); 200 calls make a block long
  // enough for Date.now's milliseconds.
  out.blockMs = [];
  for (let b = 0; b < count / blockSize; b++) {
    const t0 = now();
    for (let i = 0; i < blockSize; i++) {
      if (sap.rfc.call('STFC_CONNECTION', { REQUTEXT: text }).ECHOTEXT !== text) throw new Error('wrong echo');
    }
    out.blockMs.push(now() - t0);
  }
  out.blockSize = blockSize;
} else if (kase === 'pipeline') {
  for (let i = 0; i < 200; i++) sap.rfc.call('STFC_CONNECTION', { REQUTEXT: text });
  let t0 = now();
  for (let i = 0; i < count; i++) sap.rfc.call('STFC_CONNECTION', { REQUTEXT: `call ${i}` });
  out.sequentialMs = now() - t0;
  t0 = now();
  const all = await Promise.all(Array.from({ length: count }, (_, i) => sap.rfc.callAsync('STFC_CONNECTION', { REQUTEXT: `call ${i}` })));
  out.pipelinedMs = now() - t0;
  if (!all.every((r, i) => r.ECHOTEXT === `call ${i}`)) throw new Error('replies do not match their requests');
  out.calls = count;
} else if (kase === 'readtable') {
  const t0 = now();
  const r = sap.rfc.call('RFC_READ_TABLE', { QUERY_TABLE: 'ZWSR_VOLUME' });
  const f = r.FIELDS.find((x) => x.FIELDNAME === 'QUANTITY');
  const off = Number(f.OFFSET);
  const len = Number(f.LENGTH);
  let sum = 0;
  for (const { WA } of r.DATA) sum += Number(WA.substring(off, off + len));
  out.ms = now() - t0;
  out.rows = r.DATA.length;
  out.sum = sum;
} else {
  throw new Error(`unknown case ${kase}`);
}
console.log(JSON.stringify(out));
