// A safe LUW with sap.transaction: the booking BAPI only registers its insert;
// the transaction commits (BAPI_TRANSACTION_COMMIT, without WAIT) when the
// callback returns and no BAPI reported an E, A or X message, and rolls back
// and rethrows otherwise. A second session (sap.open) sees what was committed.
//
//   wsrfc run --sim scripts/transaction.js

const flight = { AIRLINEID: 'LH', CONNECTID: '0400', FLIGHTDATE: '20260112' };
const passenger = { CUSTOMERID: '00000003', CLASS: 'Y', COUNTER: '00000001', AGENCYNUM: '00000100' };

function book(tx, extra) {
  const r = tx.rfc.call('BAPI_FLBOOKING_CREATEFROMDATA', {
    BOOKING_DATA: { ...flight, ...passenger, PASSNAME: 'Ada Lovelace', ...extra },
  });
  return r.BOOKINGNUMBER;
}

/** Whether another session finds the booking in SBOOK. */
function committed(number) {
  const other = sap.open();
  try {
    return other.table('SBOOK').read({ fields: ['BOOKID'], where: { CARRID: 'LH', BOOKID: number } }).length === 1;
  } finally {
    other.close();
  }
}

// 1. Both bookings succeed: one commit for the two.
const [first, second] = await sap.transaction((tx) => [book(tx), book(tx, { PASSNAME: 'Charles Babbage' })]);
console.log(`committed ${first} and ${second}:`, committed(first) && committed(second));

// 2. The second booking names a flight that does not exist: its RETURN holds
//    an E message, so the first booking is rolled back with it.
let kept;
try {
  await sap.transaction((tx) => {
    kept = book(tx);
    book(tx, { CONNECTID: '9999' });
  });
} catch (e) {
  console.log(`${e.name} (${e.code}), rolled back: ${e.rolledBack}`);
  for (const m of e.messages) console.log(`  ${m.function} ${m.type} ${m.id}/${m.number} ${m.message}`);
}
console.log(`booking ${kept} committed:`, committed(kept));

// 3. An LUW cannot be nested: the inner transaction is refused, the outer rolled back.
try {
  await sap.transaction(async () => {
    await sap.transaction(() => 'inner');
  });
} catch (e) {
  console.log(`${e.code}: ${e.message}`);
}
