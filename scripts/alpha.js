// The ALPHA conversion exit, computed locally (CONVERSION_EXIT_ALPHA_INPUT and
// _OUTPUT are not remote-enabled): purely numeric values are stored right-
// aligned with leading zeros, anything else as typed.
//
//   wsrfc run --sim scripts/alpha.js [VALUE LENGTH]

const [value, length] = process.argv.slice(2);
if (value !== undefined) {
  console.log(sap.convert.alpha.input(value, Number(length || 10)));
} else {
  for (const [v, n] of [['4711', 10], [' 4711 ', 10], ['ABC', 10], ['47 11', 10], ['', 10], [17, 18]]) {
    console.log(JSON.stringify(v), n, '->', JSON.stringify(sap.convert.alpha.input(v, n)));
  }
  for (const v of ['0000004711', '0000000000', 'ABC']) {
    console.log(JSON.stringify(v), '->', JSON.stringify(sap.convert.alpha.output(v)));
  }
  // sap.table converts literals compared with ALPHA fields (opt out with alpha: false).
  const found = sap.table('ZWSR_PARTNER').read({ fields: ['PARTNER', 'NAME'], where: "PARTNER IN ( '4711' , '4718' )" });
  console.log(found.map((p) => `${p.PARTNER} ${p.NAME}`).join(', '));
  console.log(sap.table('ZWSR_PARTNER').read({ fields: ['PARTNER'], where: "PARTNER = '4711'", alpha: false }).length, 'rows without ALPHA');
}
