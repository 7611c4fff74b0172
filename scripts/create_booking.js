// Create a flight booking and commit it: the BAPI only registers the booking in
// the session's LUW; BAPI_TRANSACTION_COMMIT in the same session writes it.
// A second session sees the booking only after the commit.
//
//   wsrfc run --sim scripts/create_booking.js

const other = sap.open(); // an independent session, to watch from outside

function bookingsOf(session, airline, customer) {
  const r = session.rfc.call('RFC_READ_TABLE', {
    QUERY_TABLE: 'SBOOK',
    DELIMITER: '|',
    FIELDS: [{ FIELDNAME: 'BOOKID' }],
    OPTIONS: [{ TEXT: `CARRID = '${airline}' AND CUSTOMID = '${customer}'` }],
  });
  return r.DATA.map((row) => row.WA.trim());
}

// Book the first Lufthansa flight that has economy seats left.
const flights = sap.rfc.call('RFC_READ_TABLE', {
  QUERY_TABLE: 'SFLIGHT', DELIMITER: '|',
  FIELDS: ['CONNID', 'FLDATE', 'SEATSMAX', 'SEATSOCC'].map((FIELDNAME) => ({ FIELDNAME })),
  OPTIONS: [{ TEXT: "CARRID = 'LH'" }],
}).DATA.map(({ WA }) => WA.split('|').map((s) => s.trim()));
const [connid, fldate] = flights.find(([, , max, occupied]) => Number(occupied) < Number(max));
const flight = { AIRLINEID: 'LH', CONNECTID: connid, FLIGHTDATE: fldate };
const booking = {
  AIRLINEID: flight.AIRLINEID, CONNECTID: flight.CONNECTID, FLIGHTDATE: flight.FLIGHTDATE, CUSTOMERID: '00000003',
  CLASS: 'Y', COUNTER: '00000001', AGENCYNUM: '00000100', PASSNAME: 'Ada Lovelace',
};

const created = sap.rfc.call('BAPI_FLBOOKING_CREATEFROMDATA', { BOOKING_DATA: booking });
const failed = created.RETURN.find((m) => m.TYPE === 'E' || m.TYPE === 'A');
if (failed) {
  console.log('booking refused:', failed.MESSAGE);
  sap.rfc.call('BAPI_TRANSACTION_ROLLBACK');
  process.exit(1);
}
console.log(`flight ${flight.AIRLINEID} ${flight.CONNECTID} on ${flight.FLIGHTDATE}`);
console.log(`created ${created.AIRLINEID} ${created.BOOKINGNUMBER} for ${created.TICKET_PRICE.FORCURAM} ${created.TICKET_PRICE.FORCURKEY}`);
console.log('seen by another session before commit:', bookingsOf(other, 'LH', '00000003').includes(created.BOOKINGNUMBER));

// Without WAIT: COMMIT WORK AND WAIT is not allowed in a stateful APC session.
sap.rfc.call('BAPI_TRANSACTION_COMMIT');
console.log('seen by another session after commit: ', bookingsOf(other, 'LH', '00000003').includes(created.BOOKINGNUMBER));
other.close();
