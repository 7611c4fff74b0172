// The same work on several systems at once with sap.each: one session per
// destination of the destinations file, the callback for each, every outcome
// collected in the order given; one system that is down does not stop the
// others. A table of outcomes goes to stderr, and the exit code is 1 if any
// failed. `wsrfc run --dest DEV,QAS,PRD script.js` runs a whole script the same way.
//
//   wsrfc run scripts/each.js DEV QAS PRD     (destinations from the destinations file)
//   wsrfc run --sim scripts/each.js            (two sessions on the built-in simulator)

const destinations = process.argv.slice(2).length ? process.argv.slice(2) : ['sim', 'sim'];
const outcomes = await sap.each(destinations, async (s, destination) => {
  const [info, carriers] = await Promise.all([
    s.rfc.callAsync('RFC_SYSTEM_INFO'),
    s.table('SCARR').readAsync({ fields: ['CARRID'] }),
  ]);
  return `${info.RFCSI_EXPORT.RFCSYSID}: ${carriers.length} airlines`;
}, { concurrency: 4 });

for (const o of outcomes) {
  console.log(o.destination.padEnd(8), 'error' in o ? `failed: ${o.error.message}` : o.value);
}
