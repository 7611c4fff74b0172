// The logical unit of work: BAPI_FLBOOKING_CREATEFROMDATA only registers a
// booking; BAPI_TRANSACTION_COMMIT in the same session writes it to SBOOK, and
// BAPI_TRANSACTION_ROLLBACK throws it away. The session is stateful, which is
// what makes this work from a script at all.
//
//   wsrfc test --sim scripts/luw.test.js

/** The number of SBOOK rows of an airline with a booking number. */
function bookingsWith(airline, bookingNumber) {
  const r = sap.rfc.call('RFC_READ_TABLE', {
    QUERY_TABLE: 'SBOOK',
    DELIMITER: '|',
    FIELDS: [{ FIELDNAME: 'BOOKID' }],
    OPTIONS: [{ TEXT: `CARRID = '${airline}' AND BOOKID = '${bookingNumber}'` }],
  });
  return r.DATA.length;
}

/** A flight with free economy seats, read from SFLIGHT. */
function flightWithFreeSeats() {
  const r = sap.rfc.call('RFC_READ_TABLE', {
    QUERY_TABLE: 'SFLIGHT',
    DELIMITER: '|',
    FIELDS: ['CARRID', 'CONNID', 'FLDATE', 'SEATSMAX', 'SEATSOCC'].map((f) => ({ FIELDNAME: f })),
    ROWCOUNT: 50,
  });
  const rows = r.DATA.map((d) => d.WA.split('|').map((s) => s.trim()));
  const free = rows.find(([, , , max, occupied]) => Number(occupied) + 2 < Number(max));
  if (!free) throw new Error('no flight with free economy seats in the first 50 rows of SFLIGHT');
  const [AIRLINEID, CONNECTID, FLIGHTDATE] = free;
  return { AIRLINEID, CONNECTID, FLIGHTDATE };
}

/** Creates a booking in the LUW; fails the test when RETURN has an error. */
function book(flight) {
  const r = sap.rfc.call('BAPI_FLBOOKING_CREATEFROMDATA', {
    BOOKING_DATA: {
      ...flight, CUSTOMERID: '00000003', CLASS: 'Y', COUNTER: '00000001', AGENCYNUM: '00000100', PASSNAME: 'Ada Lovelace',
    },
  });
  expect(r.RETURN.filter((m) => m.TYPE === 'E' || m.TYPE === 'A')).toEqual([]);
  expect(r.BOOKINGNUMBER).toMatch(/^\d{8}$/);
  return r;
}

describe('a flight booking in one LUW', () => {
  let flight;
  beforeAll(() => {
    flight = flightWithFreeSeats();
  });

  // Whatever a test leaves open is not committed by the next one.
  afterEach(() => {
    sap.rfc.call('BAPI_TRANSACTION_ROLLBACK');
  });

  it('is in SBOOK after BAPI_TRANSACTION_COMMIT', () => {
    const created = book(flight);
    expect(bookingsWith(created.AIRLINEID, created.BOOKINGNUMBER)).toBe(0);

    // No WAIT: COMMIT WORK AND WAIT is not allowed in a stateful APC session.
    const commit = sap.rfc.call('BAPI_TRANSACTION_COMMIT');
    expect(commit.RETURN.TYPE).toBe('');
    expect(bookingsWith(created.AIRLINEID, created.BOOKINGNUMBER)).toBe(1);
  });

  it('is gone after BAPI_TRANSACTION_ROLLBACK', () => {
    const created = book(flight);
    sap.rfc.call('BAPI_TRANSACTION_ROLLBACK');
    expect(bookingsWith(created.AIRLINEID, created.BOOKINGNUMBER)).toBe(0);

    // A commit afterwards has nothing left to write.
    sap.rfc.call('BAPI_TRANSACTION_COMMIT');
    expect(bookingsWith(created.AIRLINEID, created.BOOKINGNUMBER)).toBe(0);
  });

  it('refuses a commit with WAIT before it could end the session', () => {
    const created = book(flight);
    expect(() => sap.rfc.call('BAPI_TRANSACTION_COMMIT', { WAIT: 'X' })).toThrow(/COMMIT WORK AND WAIT/);
    // The session and its LUW survive the refusal: a plain commit still writes the booking.
    sap.rfc.call('BAPI_TRANSACTION_COMMIT');
    expect(bookingsWith(created.AIRLINEID, created.BOOKINGNUMBER)).toBe(1);
  });

  it('is refused for a flight that does not exist, with nothing to roll back', () => {
    const r = sap.rfc.call('BAPI_FLBOOKING_CREATEFROMDATA', {
      BOOKING_DATA: { ...flight, FLIGHTDATE: '19990101', CUSTOMERID: '00000003', CLASS: 'Y', COUNTER: '00000001', AGENCYNUM: '00000100' },
    });
    expect(r.RETURN.map((m) => m.TYPE)).toContain('E');
    expect(r.BOOKINGNUMBER).toBe('00000000');
  });
});
