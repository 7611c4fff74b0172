// What a script cost: sap.stats() counts the calls of every session, the bytes
// each way and the time per function module, and keeps the slowest calls.
// For a support case, `wsrfc run --trace FILE` writes every request and
// response as a JSON line with its timing (passwords redacted).
//
//   wsrfc run --sim scripts/stats.js
//   wsrfc run --sim --trace support.jsonl scripts/stats.js

sap.rfc.call('STFC_CONNECTION', { REQUTEXT: 'one' });
await Promise.all(['two', 'three'].map((REQUTEXT) => sap.rfc.callAsync('STFC_CONNECTION', { REQUTEXT })));
sap.table('SFLIGHT').read({ fields: ['CARRID', 'SEATSOCC'], max: 50 });

const stats = sap.stats();
console.log(`${stats.calls} calls, ${stats.requests} requests`);
for (const [fm, s] of Object.entries(stats.byFunction)) {
  console.log(`  ${fm.padEnd(20)} ${s.calls} call(s)`);
}
console.log('bytes sent and received:', stats.bytesSent > 0, stats.bytesReceived > stats.bytesSent);
console.log('slowest:', stats.slowest[0].function in stats.byFunction);
