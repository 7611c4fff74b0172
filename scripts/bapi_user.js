// Read a user with BAPI_USER_GET_DETAIL and check its RETURN messages, as every
// BAPI caller must: BAPIs do not raise exceptions, they report in RETURN.
//
//   wsrfc run --sim scripts/bapi_user.js [USERNAME...]

/** Throws when a BAPI's RETURN holds an error (type E or A), returns the rest. */
function checkReturn(result) {
  const messages = [].concat(result.RETURN || []);
  const errors = messages.filter((m) => m.TYPE === 'E' || m.TYPE === 'A');
  if (errors.length > 0) {
    const e = errors[0];
    throw new Error(`${e.MESSAGE} (${e.ID}/${e.NUMBER})`);
  }
  return messages;
}

const users = process.argv.slice(2).length ? process.argv.slice(2) : ['DEVELOPER', 'NOBODY'];
for (const name of users) {
  const detail = sap.rfc.call('BAPI_USER_GET_DETAIL', { USERNAME: name });
  try {
    checkReturn(detail);
    const a = detail.ADDRESS;
    console.log(`${name}: ${a.FIRSTNAME} ${a.LASTNAME}, locked: ${detail.ISLOCKED.LOCAL_LOCK === 'L' ? 'yes' : 'no'}`);
  } catch (err) {
    console.log(`${name}: ${err.message}`);
  }
}
