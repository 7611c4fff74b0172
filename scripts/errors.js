// What goes wrong, and how a script tells the cases apart: every failure is a
// sap.SapError with a code; ABAP exceptions carry their name (key) and the
// message fields; a dead connection is a sap.ConnectionError.
//
//   wsrfc run --sim scripts/errors.js

function attempt(label, fn) {
  try {
    fn();
    console.log(`${label}: ok`);
  } catch (e) {
    if (!(e instanceof sap.SapError)) throw e; // a bug in this script, not an SAP error
    const abap = e.key ? ` key=${e.key}` : '';
    const msg = e.msgId ? ` msg=${e.msgId}/${e.msgNo}` : '';
    console.log(`${label}: ${e.name} ${e.code}${abap}${msg} - ${e.message}`);
  }
}

attempt('unknown module', () => sap.rfc.call('Z_DOES_NOT_EXIST'));
attempt('unknown parameter', () => sap.rfc.call('STFC_CONNECTION', { REQUTXT: 'typo' }));
attempt('value too long', () => sap.rfc.call('STFC_STRUCTURE', { IMPORTSTRUCT: { RFCCHAR4: 'ABCDE' } }));
attempt('classic exception', () => sap.rfc.call('RFC_RAISE_ERROR', { METHOD: '1', MESSAGETYPE: 'E' }));
attempt('error message', () => sap.rfc.call('RFC_RAISE_ERROR', { METHOD: '0', MESSAGETYPE: 'E' }));
attempt('timeout', () => sap.rfc.call('RFC_PING_AND_WAIT', { SECONDS: 1 }, { timeout: 200 }));

// A runtime error (short dump) ends the SAP session; the next call says so.
attempt('runtime error', () => sap.rfc.call('RFC_RAISE_ERROR', { METHOD: '3', MESSAGETYPE: 'E' }));
attempt('after the dump', () => sap.rfc.call('RFC_PING'));
sap.connect(); // a new session
attempt('new session', () => sap.rfc.call('RFC_PING'));
