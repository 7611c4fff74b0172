// BAPIs do not raise exceptions: they report in RETURN (BAPIRET2 and its older
// cousins). sap.messages lists those messages in one shape, and the call option
// throwOnError (or the session-wide sap.rfc.throwOnError) turns an E, A or X
// message into a sap.BapiError.
//
//   wsrfc run --sim scripts/bapi_messages.js

const booking = { AIRLINEID: 'LH', CONNECTID: '9999', FLIGHTDATE: '20260112', CUSTOMERID: '00000003', CLASS: 'Y' };

// Without the option the result comes back, and its messages are yours to check.
const result = sap.rfc.call('BAPI_FLBOOKING_CREATEFROMDATA', { BOOKING_DATA: booking });
for (const m of sap.messages(result)) {
  console.log(`${m.type} ${m.id}/${m.number} ${m.message} (parameter ${m.parameter}, field ${m.field})`);
}

// With throwOnError the call throws instead.
try {
  sap.rfc.call('BAPI_FLBOOKING_CREATEFROMDATA', { BOOKING_DATA: booking }, { throwOnError: true });
} catch (e) {
  console.log(e instanceof sap.BapiError, e instanceof sap.SapError, e.code);
  console.log(e.message);
}

// A test run with a valid flight returns an S message only: no error.
sap.rfc.throwOnError = true; // from here on, for every call of this session
const ok = sap.rfc.call('BAPI_FLBOOKING_CREATEFROMDATA', { BOOKING_DATA: { ...booking, CONNECTID: '0400' }, TEST_RUN: 'X' });
console.log(sap.messages(ok).map((m) => `${m.type}: ${m.message}`).join('\n'));

// An all-initial RETURN (BAPI_TRANSACTION_ROLLBACK's) holds no message.
console.log(sap.messages(sap.rfc.call('BAPI_TRANSACTION_ROLLBACK')));
