// Many calls in flight on one session: callAsync returns a promise, the replies
// are matched by id. Compare with the same calls one after the other.
//
//   wsrfc run --sim scripts/pipelined.js [COUNT]

const count = Number(process.argv[2] || 200);
const texts = Array.from({ length: count }, (_, i) => `call ${i}`);

let t0 = Date.now();
for (const REQUTEXT of texts) sap.rfc.call('STFC_CONNECTION', { REQUTEXT });
const sequentialMs = Date.now() - t0;

t0 = Date.now();
const results = await Promise.all(texts.map((REQUTEXT) => sap.rfc.callAsync('STFC_CONNECTION', { REQUTEXT })));
const pipelinedMs = Date.now() - t0;

const allEchoed = results.every((r, i) => r.ECHOTEXT === texts[i]);
console.log(`${results.length} calls pipelined, every reply matched its request: ${allEchoed}`);
// Timings vary from run to run, so they go to stderr.
console.error(`sequential ${sequentialMs} ms, pipelined ${pipelinedMs} ms`);

// Different modules at once, too.
const [flights, user, info] = await Promise.all([
  sap.rfc.callAsync('BAPI_FLIGHT_GETLIST', { AIRLINE: 'LH' }),
  sap.rfc.callAsync('BAPI_USER_GET_DETAIL', { USERNAME: 'DEVELOPER' }),
  sap.rfc.callAsync('RFC_SYSTEM_INFO'),
]);
console.log(`LH flights: ${flights.FLIGHT_LIST.length}, user: ${user.ADDRESS.LASTNAME}, system: ${info.RFCSI_EXPORT.RFCSYSID}`);
