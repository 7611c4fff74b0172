// The toolkit's promises, as scenarios: a failed BAPI inside a transaction
// leaves nothing behind for another session, wide rows come back whole, and
// long WHERE clauses and ALPHA keys select what they say.
//
//   wsrfc test --sim scripts/toolkit.test.js

const flight = { AIRLINEID: 'LH', CONNECTID: '0400', FLIGHTDATE: '20260119' };
const passenger = { CUSTOMERID: '00000002', CLASS: 'Y', COUNTER: '00000001', AGENCYNUM: '00000100', PASSNAME: 'Grace Hopper' };

/** The bookings of a passenger on the flight, as a second session sees them. */
function bookingsSeenElsewhere() {
  const other = sap.open();
  try {
    return other.table('SBOOK').read({
      fields: ['BOOKID'],
      where: { CARRID: flight.AIRLINEID, CONNID: flight.CONNECTID, FLDATE: flight.FLIGHTDATE, PASSNAME: passenger.PASSNAME },
    }).length;
  } finally {
    other.close();
  }
}

describe('sap.transaction', () => {
  it('rolls back every booking of the LUW when one BAPI reports an error', async () => {
    const before = bookingsSeenElsewhere();
    const failure = sap.transaction((tx) => {
      tx.rfc.call('BAPI_FLBOOKING_CREATEFROMDATA', { BOOKING_DATA: { ...flight, ...passenger } });
      tx.rfc.call('BAPI_FLBOOKING_CREATEFROMDATA', { BOOKING_DATA: { ...flight, ...passenger, CLASS: 'Q' } });
    });
    await expect(failure).rejects.toBeInstanceOf(sap.BapiError);
    expect(bookingsSeenElsewhere()).toBe(before);
  });

  it('commits and resolves to the callback value', async () => {
    const before = bookingsSeenElsewhere();
    const number = await sap.transaction((tx) =>
      tx.rfc.call('BAPI_FLBOOKING_CREATEFROMDATA', { BOOKING_DATA: { ...flight, ...passenger } }).BOOKINGNUMBER);
    expect(number).toMatch(/^\d{8}$/);
    expect(bookingsSeenElsewhere()).toBe(before + 1);
  });
});

describe('sap.table', () => {
  it('reads a row wider than 512 characters in one piece', () => {
    const [p] = sap.table('ZWSR_PARTNER').read({ where: { PARTNER: '4711' } });
    expect(p.PARTNER).toBe('0000004711');
    expect(p.NOTE1.length + p.NOTE2.length + p.NOTE3.length + p.NOTE4.length).toBe(528);
    expect(typeof p.RATING).toBe('number');
  });

  it('splits a long WHERE clause without breaking its literals', () => {
    const ids = ['00000001', '00000003', '00000005', '00000007'];
    const where = ids.map((id) => `( ID = '${id}' AND NAME <> 'nobody with this rather long name, really' )`).join(' OR ');
    expect(where.length).toBeGreaterThan(300);
    expect(sap.table('SCUSTOM').read({ fields: ['ID'], where }).map((c) => c.ID)).toEqual(ids);
  });

  it('names the field that does not exist', () => {
    expect(() => sap.table('SCARR').read({ fields: ['CARRNAME', 'NAME'] })).toThrow(/SCARR has no field NAME/);
  });
});
