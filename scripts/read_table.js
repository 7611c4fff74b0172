// Read a table page by page with RFC_READ_TABLE and turn its fixed-width DATA
// lines into objects, using the FIELDS offsets the module returns.
//
//   wsrfc run --sim scripts/read_table.js [TABLE] [PAGE_SIZE] [FIELD...]
//
// Any table: every field unless FIELDs are named (RFC_READ_TABLE returns at most 512 characters
// a row, so name the fields of wide tables). For a table of flights (CARRID, SEATSOCC) it also
// sums the occupied seats per airline.

/**
 * Yields the rows of a table as objects, reading pageSize rows per call.
 * WHERE clauses longer than 72 characters are split into OPTIONS lines.
 */
function* readTable(table, { fields = [], where = '', pageSize = 100 } = {}) {
  const options = (where.match(/.{1,72}/g) || []).map((TEXT) => ({ TEXT }));
  for (let skip = 0; ; skip += pageSize) {
    const r = sap.rfc.call('RFC_READ_TABLE', {
      QUERY_TABLE: table,
      FIELDS: fields.map((FIELDNAME) => ({ FIELDNAME })),
      OPTIONS: options,
      ROWSKIPS: skip,
      ROWCOUNT: pageSize,
    });
    for (const { WA } of r.DATA) {
      const row = {};
      for (const f of r.FIELDS) {
        const offset = Number(f.OFFSET);
        row[f.FIELDNAME] = WA.substring(offset, offset + Number(f.LENGTH)).trim();
      }
      yield row;
    }
    if (r.DATA.length < pageSize) return;
  }
}

const [table = 'SFLIGHT', pageSize = '25', ...fields] = process.argv.slice(2);
const seatsByAirline = {};
const first = [];
let rows = 0;
for (const row of readTable(table.toUpperCase(), { fields, pageSize: Number(pageSize) })) {
  rows++;
  if (first.length < 2) first.push(row);
  if ('CARRID' in row && 'SEATSOCC' in row) {
    seatsByAirline[row.CARRID] = (seatsByAirline[row.CARRID] || 0) + Number(row.SEATSOCC || 0);
  }
}
console.log(`${table}: ${rows} rows read in pages of ${pageSize}`);
console.log('the first rows:', first);
for (const [airline, seats] of Object.entries(seatsByAirline).sort()) {
  console.log(`  ${airline}  ${seats} seats occupied`);
}
