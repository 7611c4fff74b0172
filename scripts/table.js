// Tables read with sap.table over RFC_READ_TABLE: fields and types from the
// ABAP Dictionary (DDIF_FIELDINFO_GET), rows wider than RFC_READ_TABLE's 512
// characters read in field groups and joined by key, WHERE clauses of any
// length split into 72-character OPTIONS lines, ALPHA keys converted, paging
// and a stream of pages for tables of any size.
//
//   wsrfc run --sim scripts/table.js

// Typed rows: numbers as numbers, amounts as exact decimal strings, dates as 'YYYYMMDD'.
const flights = sap.table('SFLIGHT').read({
  fields: ['CARRID', 'CONNID', 'FLDATE', 'PRICE', 'CURRENCY', 'SEATSMAX', 'SEATSOCC'],
  where: { CARRID: 'LH', CONNID: '0400' },
  max: 2,
});
console.log(flights);

// ZWSR_PARTNER's line is 635 characters: read in field groups, one row per key.
const [partner] = sap.table('ZWSR_PARTNER').read({ where: "PARTNER = '4714'" }); // ALPHA: '0000004714'
console.log(partner.PARTNER, partner.NAME, partner.CREDIT_LIMIT, partner.RATING, `${Object.keys(partner).length} fields`,
  `NOTE4 has ${partner.NOTE4.length} characters`);

// A WHERE clause far longer than one 72-character OPTIONS line, quotes and all.
const names = ['SAP AG', 'Maria Rossi', 'Akira Tanaka', "O'Neill & Partners", 'Travel Ltd.', 'Anna Schmidt'];
const where = names.map((n) => `NAME = '${n.replace(/'/g, "''")}'`).join(' OR ') + " OR CITY LIKE 'New%'";
const customers = sap.table('SCUSTOM').read({ fields: ['ID', 'NAME', 'CITY'], where });
console.log(`${where.length}-character WHERE:`, customers.map((c) => `${c.ID} ${c.NAME}`).join(', '));

// Paging.
const page = sap.table('SFLIGHT').read({ fields: ['CARRID', 'CONNID', 'FLDATE'], skip: 10, max: 3 });
console.log('rows 11-13:', page.map((f) => `${f.CARRID} ${f.CONNID} ${f.FLDATE}`).join(' | '));

// A stream of pages: one page in memory at a time. `for (const row of table.rows(...))`
// does the same synchronously, and `await table.rows(...).forEach(fn)` is the fastest.
let rows = 0;
let quantity = 0;
for await (const row of sap.table('ZWSR_VOLUME').rows({ fields: ['ROW_ID', 'QUANTITY'], where: "ROW_ID <= '0000005000'", batch: 1000 })) {
  rows++;
  quantity += row.QUANTITY;
}
console.log(`streamed ${rows} rows, total quantity ${quantity}`);

// Errors name what is wrong.
try {
  sap.table('SFLIGHT').read({ fields: ['CARRID', 'SEATS'] });
} catch (e) {
  console.log(`${e.code}: ${e.message}`);
}
