// Every ABAP elementary type, both ways, at its limits: each value goes from
// JavaScript into an ABAP field of /COE/RBP_FE_DATATYPES (the module SAP's own
// connectors test their type mapping with) and comes back in ES_OUTPUT.
// Expectations follow ABAP's conversion rules: CHAR loses trailing blanks and
// STRING keeps them, NUMC is padded with zeros, RAW with zero bytes, packed
// numbers keep all their decimals. Where ABAP's MOVE would cut or round a value
// (a CHAR too long, a DEC with more decimals than the field), wsrfc refuses it
// with TYPE_CONFLICT instead of losing data; FLTP rounds to the nearest binary
// number exactly as ABAP does.
//
//   wsrfc test --sim scripts/datatypes.test.js

/** Runs fn and returns what it threw (the test fails when it throws nothing). */
function thrownBy(fn) {
  try {
    fn();
  } catch (e) {
    return e;
  }
  throw new Error('expected an error, but the call succeeded');
}

const hex = (s) => new Uint8Array(s.match(/../g).map((b) => parseInt(b, 16)));
const zeros = (n) => new Uint8Array(n);
const concat = (...parts) => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
};
const bytes = (n) => {
  const b = new Uint8Array(n);
  for (let i = 0; i < n; i++) b[i] = (i * 7 + 3) % 256;
  return b;
};
// The bytes SAP's connectors test RAW and XSTRING with (node-rfc, PyRFC).
const XBYTES = hex('01414243444549500051fdfeff');

/** Sends one field of IS_INPUT and returns that field of ES_OUTPUT. */
function echo(field, value) {
  return sap.rfc.call('/COE/RBP_FE_DATATYPES', { IS_INPUT: { [field]: value }, IV_COUNT: 0 }).ES_OUTPUT[field];
}

// [type, field, value sent, value expected back]
const roundTrips = [
  // character-like
  ['CHAR(10)', 'ZCHAR', 'ABCDEFGHIJ', 'ABCDEFGHIJ'],
  ['CHAR(10) trailing blanks go', 'ZCHAR', 'abc       ', 'abc'],
  ['CHAR(10) leading blanks stay', 'ZCHAR', '   abc', '   abc'],
  ['CHAR(10) initial', 'ZCHAR', '', ''],
  ['CHAR(18) CJK', 'ZSHLP_MAT1', '四周远处都能望见', '四周远处都能望见'],
  ['CHAR(18) Latin-1 and Euro', 'ZSHLP_MAT1', 'a\xac\u1234\u20ac', 'a\xac\u1234\u20ac'],
  ['CHAR(18) nine emoji fill it: each takes two places, as in ABAP', 'ZSHLP_MAT1', '\u{1f4aa}'.repeat(9), '\u{1f4aa}'.repeat(9)],
  ['LCHR(257) full', 'ZLCHR', 'x'.repeat(257), 'x'.repeat(257)],
  ['CLNT', 'ZCLNT', '001', '001'],
  ['LANG', 'ZLANG', 'E', 'E'],
  ['CUKY', 'ZCUKY_DTEL', 'EUR', 'EUR'],
  ['UNIT', 'ZUNIT_DTEL', 'KG', 'KG'],
  ['NUMC(6) padded with zeros', 'ZNUMC', '42', '000042'],
  ['NUMC(6) full', 'ZNUMC', '999999', '999999'],
  ['NUMC(6) extra leading zeros dropped', 'ZNUMC', '000000123456', '123456'],
  ['NUMC(6) initial', 'ZNUMC', '', '000000'],
  ['ACCP (NUMC 6)', 'ZACCP', '202612', '202612'],
  ['STRING keeps trailing blanks', 'ZSTRING', 'abc   ', 'abc   '],
  ['STRING long', 'ZSTRING', 'äöü€'.repeat(25000), 'äöü€'.repeat(25000)],
  ['STRING control characters', 'ZSTRING', 'a\tb\nc\u0000d', 'a\tb\nc\u0000d'],
  ['STRING emoji', 'ZSTRING', '\u{1f4aa}', '\u{1f4aa}'],
  ['STRING initial', 'ZSTRING', '', ''],
  ['SSTRING(15) full, blanks kept', 'ZSSTRING', 'fifteen chars  ', 'fifteen chars  '],

  // date and time
  ['DATS', 'ZDATS', '20240229', '20240229'],
  ['DATS min', 'ZDATS', '00010101', '00010101'],
  ['DATS max', 'ZDATS', '99991231', '99991231'],
  ['DATS ISO form', 'ZDATS', '2024-02-29', '20240229'],
  ['DATS initial from empty', 'ZDATS', '', '00000000'],
  ['DATS initial', 'ZDATS', '00000000', '00000000'],
  ['TIMS min', 'ZTIMS', '000000', '000000'],
  ['TIMS max', 'ZTIMS', '235959', '235959'],
  ['TIMS with colons', 'ZTIMS', '12:34:56', '123456'],
  ['TIMS initial from empty', 'ZTIMS', '', '000000'],

  // integers
  ['INT1 min', 'ZINT1', 0, 0],
  ['INT1 max', 'ZINT1', 255, 255],
  ['INT2 min', 'ZINT2', -32768, -32768],
  ['INT2 max', 'ZINT2', 32767, 32767],
  ['PREC (INT2) min', 'ZPREC', -32768, -32768],
  ['INT4 min', 'ZINT4', -2147483648, -2147483648],
  ['INT4 max', 'ZINT4', 2147483647, 2147483647],

  // binary floating point
  ['FLTP', 'ZFLTP', 0.123456789, 0.123456789],
  ['FLTP keeps every bit', 'ZFLTP', 0.1 + 0.2, 0.30000000000000004],
  ['FLTP smallest normal', 'ZFLTP_MIN', 2.2250738585072014e-308, 2.2250738585072014e-308],
  ['FLTP largest', 'ZFLTP_MAX', Number.MAX_VALUE, 1.7976931348623157e308],
  ['FLTP smallest normal, negative', 'ZFLTP_MIN', -2.2250738585072014e-308, -2.2250738585072014e-308],
  ['FLTP largest, negative', 'ZFLTP_MAX', -Number.MAX_VALUE, -1.7976931348623157e308],
  ['FLTP initial', 'ZFLTP', 0, 0],

  // packed numbers: text with all the decimals of the field
  ['DEC(9,2) from text', 'ZDEC', '12345.67', '12345.67'],
  ['DEC(9,2) from a number', 'ZDEC', 12345.67, '12345.67'],
  ['DEC(9,2) missing decimals are zeros', 'ZDEC', '7', '7.00'],
  ['DEC(9,2) surplus zero decimals are no loss', 'ZDEC', '7.5000', '7.50'],
  ['DEC(9,2) max (DDIC length 8: five bytes hold 9 digits)', 'ZDEC', '9999999.99', '9999999.99'],
  ['DEC(9,2) min', 'ZDEC', '-9999999.99', '-9999999.99'],
  ['DEC(9,2) exponent form', 'ZDEC', '1.2345E3', '1234.50'],
  ['DEC(9,2) initial', 'ZDEC', '', '0.00'],
  ['DEC(21,7) beyond a double', 'ZDEC217', '99999999999999.9999999', '99999999999999.9999999'],
  ['DEC(21,7) min', 'ZDEC217', '-99999999999999.9999999', '-99999999999999.9999999'],
  ['CURR(9,2)', 'ZCURR', '1234.56', '1234.56'],
  ['CURR(9,2) from a number', 'ZCURR', 1234.56, '1234.56'],
  ['QUAN(9,4)', 'ZQUAN', '12.3456', '12.3456'],
  ['QUAN(9,4) max', 'ZQUAN', '99999.9999', '99999.9999'],
  ['QUAN(13,3) signed', 'ZQUAN_SIGN', '-12.345', '-12.345'],
  ['QUAN(13,3) max', 'ZQUAN_SIGN', '9999999999.999', '9999999999.999'],

  // decimal floating point: the text as sent
  ['DF16 smallest', 'ZDECF16_MIN', '1E-383', '1E-383'],
  ['DF16 largest', 'ZDECF16_MAX', '9.999999999999999E+384', '9.999999999999999E+384'],
  ['DF16 smallest, negative', 'ZDECF16_MIN', '-1E-383', '-1E-383'],
  ['DF16 largest, negative', 'ZDECF16_MAX', '-9.999999999999999E+384', '-9.999999999999999E+384'],
  ['DF16 16 digits', 'ZDECF16_MIN', '1234567890123456', '1234567890123456'],
  ['DF16 plain', 'ZDECF16_MIN', '12345.67', '12345.67'],
  ['DF34 smallest', 'ZDECF34_MIN', '1E-6143', '1E-6143'],
  ['DF34 largest', 'ZDECF34_MAX', '9.999999999999999999999999999999999E+6144', '9.999999999999999999999999999999999E+6144'],
  ['DF34 smallest, negative', 'ZDECF34_MIN', '-1E-6143', '-1E-6143'],
  ['DF34 largest, negative', 'ZDECF34_MAX', '-9.999999999999999999999999999999999E+6144', '-9.999999999999999999999999999999999E+6144'],
  ['DF34 34 digits', 'ZDECF34_MIN', '0.1234567890123456789012345678901234', '0.1234567890123456789012345678901234'],
  ['DF16 initial', 'ZDECF16_MIN', '', '0'],

  // bytes
  ['RAW(17) padded with zero bytes', 'ZRAW', XBYTES, concat(XBYTES, zeros(4))],
  ['RAW(17) full', 'ZRAW', bytes(17), bytes(17)],
  ['RAW(17) initial', 'ZRAW', new Uint8Array(0), zeros(17)],
  ['LRAW(257) full', 'ZLRAW', bytes(257), bytes(257)],
  ['XSTRING exact', 'ZRAWSTRING', XBYTES, XBYTES],
  ['XSTRING of 64 KiB', 'ZRAWSTRING', bytes(1 << 16), bytes(1 << 16)],
  ['XSTRING initial', 'ZRAWSTRING', new Uint8Array(0), new Uint8Array(0)],
];

// [type, field, value sent, what the TYPE_CONFLICT message says]
const refusals = [
  ['CHAR(10) one character too many', 'ZCHAR', 'ABCDEFGHIJK', '11 characters do not fit CHAR(10)'],
  ['LANG two characters', 'ZLANG', 'EN', '2 characters do not fit CHAR(1)'],
  ['CHAR(18) ten emoji are twenty places', 'ZSHLP_MAT1', '\u{1f4aa}'.repeat(10), '20 characters do not fit CHAR(18)'],
  ['NUMC(6) seven digits', 'ZNUMC', '1234567', '7 digits do not fit NUMC(6)'],
  ['NUMC(6) letters', 'ZNUMC', 'a1', 'NUMC takes digits only'],
  ['INT1 above 255', 'ZINT1', 256, 'outside the range of INT1 (0..255)'],
  ['INT1 below 0', 'ZINT1', -1, 'outside the range of INT1'],
  ['INT2 above max', 'ZINT2', 32768, 'outside the range of INT2 (-32768..32767)'],
  ['INT2 below min', 'ZINT2', -32769, 'outside the range of INT2'],
  ['INT4 above max', 'ZINT4', 2147483648, 'outside the range of INT4'],
  ['DEC(9,2) one digit too many', 'ZDEC', '10000000', 'does not fit DEC(9,2)'],
  ['DEC(9,2) a decimal ABAP would round away', 'ZDEC', '0.005', 'has more than 2 decimals'],
  ['DEC(9,2) from a number with more decimals', 'ZDEC', 1.005, 'has more than 2 decimals'],
  ['DEC(9,2) not a number', 'ZDEC', 'A', 'a decimal number is expected'],
  ['QUAN(9,4) five decimals', 'ZQUAN', '12.34567', 'has more than 4 decimals'],
  ['DF16 17 digits', 'ZDECF16_MIN', '12345678901234567', 'more than the 16 significant digits of DF16'],
  ['DF16 below the smallest', 'ZDECF16_MIN', '1E-384', 'outside the range of DF16'],
  ['DF16 above the largest', 'ZDECF16_MAX', '1E+385', 'outside the range of DF16'],
  ['DF34 35 digits', 'ZDECF34_MIN', '1.2345678901234567890123456789012345', 'more than the 34 significant digits of DF34'],
  ['DF34 above the largest', 'ZDECF34_MAX', '1E+6145', 'outside the range of DF34'],
  ['DF34 hexadecimal', 'ZDECF34_MAX', '0x10', 'a decimal floating-point number is expected'],
  ['RAW(17) 18 bytes', 'ZRAW', bytes(18), '18 bytes do not fit RAW(17)'],
  ['RAW(17) not bytes', 'ZRAW', 'zz', 'bytes (Uint8Array) or a hex string are expected'],
];

// Values of the wrong JS type, or that no field of the type can hold, are
// refused before anything is sent, as SAP's node-rfc refuses them: a TypeError
// naming the field (docs/values.md).
const typeErrors = [
  ['CHAR(1) from a boolean', 'ZCHECKBOX', true, "a string (CHAR(1)) expected, got the boolean true"],
  ['FLTP from a string', 'ZFLTP', '0.30000000000000001', 'a number (FLTP) expected'],
  ['FLTP from text beyond the largest', 'ZFLTP_MAX', '1.8E+308', 'a number (FLTP) expected'],
  ['DATS too short', 'ZDATS', '2024022', "a date 'YYYYMMDD' expected"],
  ['DATS a day that does not exist', 'ZDATS', '20230229', 'is not a day of the calendar'],
  ['TIMS too short', 'ZTIMS', '2359', "a time 'HHMMSS' expected"],
  ['INT4 not whole', 'ZINT4', 1 + Number.EPSILON, 'INT4 takes an integer'],
  ['INT4 Infinity', 'ZINT4', Infinity, 'INT4 takes an integer, got Infinity'],
  ['INT4 from a string', 'ZINT4', '42', 'INT4'],
  ['FLTP Infinity', 'ZFLTP', Infinity, 'FLTP takes a finite number, got Infinity'],
  ['FLTP NaN', 'ZFLTP', NaN, 'FLTP takes a finite number, got NaN'],
];

describe('/COE/RBP_FE_DATATYPES: each type to ABAP and back', () => {
  for (const [type, field, sent, expected] of roundTrips) {
    it(`${type}: ${field}`, () => {
      const got = echo(field, sent);
      expect(typeof got).toBe(typeof expected);
      expect(got).toStrictEqual(expected);
    });
  }
});

describe('/COE/RBP_FE_DATATYPES: values ABAP cannot hold are refused, not cut', () => {
  for (const [type, field, sent, reason] of refusals) {
    it(`${type}: ${field}`, () => {
      const e = thrownBy(() => echo(field, sent));
      expect(e).toBeInstanceOf(sap.SapError);
      expect(e.code).toBe('TYPE_CONFLICT');
      expect(e.parameter).toBe(`IS_INPUT.${field}`);
      expect(e.message).toContain(reason);
    });
  }
});

describe('/COE/RBP_FE_DATATYPES: the whole structure', () => {
  const input = {
    ZACCP: '202612', ZCHAR: 'ABCDEFGHIJ', ZCLNT: '001', ZCURR: '1234.56', ZDATS: '20261231', ZDEC: '-12345.67',
    ZFLTP: 0.123456789, ZINT1: 255, ZINT2: -32768, ZINT4: 2147483647, ZLANG: 'E', ZLCHR: 'long text',
    ZLRAW: bytes(257), ZNUMC: '000042', ZPREC: 99, ZQUAN: '12.3456', ZRAW: bytes(17), ZRAWSTRING: XBYTES,
    ZSTRING: 'a string ', ZSSTRING: 'short string', ZTIMS: '235959', ZUNIT_DTEL: 'KG', ZCUKY_DTEL: 'EUR',
    ZCHECKBOX: 'X', ZFVAL_LEIN_STATU: 'A', ZSHLP_DEBI: '0000004711', ZSHLP_PRODH: 'PRODH', ZSHLP_MAT1: 'MAT-1',
    ZQUAN_SIGN: '-12.345', ZDECF16_MIN: '1E-383', ZDECF16_MAX: '9.999999999999999E+384', ZDECF34_MIN: '1E-6143',
    ZDECF34_MAX: '9.999999999999999999999999999999999E+6144', ZFLTP_MIN: 2.2250738585072014e-308,
    ZFLTP_MAX: 1.7976931348623157e308, ZDEC217: '12345678901234.1234567',
  };

  it('echoes every field at once, in the interface order', () => {
    const r = sap.rfc.call('/COE/RBP_FE_DATATYPES', { IS_INPUT: input, IV_COUNT: 0 });
    expect(r.ES_OUTPUT).toStrictEqual(input);
    expect(Object.keys(r.ES_OUTPUT)).toEqual(Object.keys(input));
  });

  it('returns initial values for the fields not sent', () => {
    const out = sap.rfc.call('/COE/RBP_FE_DATATYPES', { IS_INPUT: {}, IV_COUNT: 0 }).ES_OUTPUT;
    expect(out).toEqual(expect.objectContaining({
      ZACCP: '000000', ZCHAR: '', ZCURR: '0.00', ZDATS: '00000000', ZDEC: '0.00', ZDEC217: '0.0000000',
      ZFLTP: 0, ZINT1: 0, ZINT4: 0, ZNUMC: '000000', ZQUAN: '0.0000', ZQUAN_SIGN: '0.000', ZRAW: zeros(17),
      ZRAWSTRING: new Uint8Array(0), ZSTRING: '', ZTIMS: '000000', ZDECF16_MIN: '0', ZDECF34_MAX: '0',
    }));
  });

  it('copies the flat fields into IV_COUNT table rows, numbered', () => {
    const r = sap.rfc.call('/COE/RBP_FE_DATATYPES', { IS_INPUT: input, IV_COUNT: 3 });
    expect(r.ET_OUTPUT).toHaveLength(3);
    expect(r.ET_OUTPUT.map((row) => row.COUNTER)).toEqual([1, 2, 3]);
    const { ZLCHR, ZLRAW, ZRAWSTRING, ZSTRING, ZSSTRING, ZDEC217, ...flat } = input;
    expect(r.ET_OUTPUT[2]).toStrictEqual({ COUNTER: 3, ...flat });
  });

  it('generates IV_COUNT rows, 100 unless told otherwise', () => {
    expect(sap.rfc.call('/COE/RBP_FE_DATATYPES', { IS_INPUT: {} }).ET_OUTPUT).toHaveLength(100);
    expect(sap.rfc.call('/COE/RBP_FE_DATATYPES', { IS_INPUT: {}, IV_GENERATE: '' }).ET_OUTPUT).toHaveLength(0);
  });

  it('repeats IV_STRING and IV_XSTRING, and cuts the bytes into 1022-byte lines', () => {
    const r = sap.rfc.call('/COE/RBP_FE_DATATYPES', {
      IS_INPUT: {}, IV_COUNT: 0, IV_STRING: 'ab ', IV_STRING_SIZE: 3, IV_XSTRING: bytes(700), IV_XSTRING_SIZE: 2,
    });
    expect(r.EV_STRING).toBe('ab ab ab ');
    expect(r.EV_XSTRING).toStrictEqual(concat(bytes(700), bytes(700)));
    expect(r.ET_RAW).toHaveLength(2);
    expect(r.ET_RAW[0].LINE).toStrictEqual(concat(bytes(700), bytes(700)).slice(0, 1022));
    expect(r.ET_RAW[1].LINE).toStrictEqual(concat(concat(bytes(700), bytes(700)).slice(1022), zeros(644)));
  });

  it('gives the CHANGING parameters back as passed', () => {
    const row = { ...input };
    for (const deep of ['ZLCHR', 'ZLRAW', 'ZRAWSTRING', 'ZSTRING', 'ZSSTRING', 'ZDEC217']) delete row[deep];
    const r = sap.rfc.call('/COE/RBP_FE_DATATYPES', {
      IS_INPUT: {}, IV_COUNT: 0, CS_STRUCT: input, CT_TABLE: [{ COUNTER: 7, ...row }], CV_CKEY: 'USD', CV_INT: -5,
    });
    expect(r.CS_STRUCT).toStrictEqual(input);
    expect(r.CT_TABLE).toStrictEqual([{ COUNTER: 7, ...row }]);
    expect(r.CV_CKEY).toBe('USD');
    expect(r.CV_INT).toBe(-5);
  });

  it('names the first bad field of a table row in the error', () => {
    const e = thrownBy(() => sap.rfc.call('/COE/RBP_FE_DATATYPES', { IS_INPUT: {}, CT_TABLE: [{}, { ZINT1: 300 }] }));
    expect(e.code).toBe('TYPE_CONFLICT');
    expect(e.parameter).toBe('CT_TABLE[1].ZINT1');
  });

  it('describes each field with its DDIC type', () => {
    const meta = sap.rfc.metadata('/COE/RBP_FE_DATATYPES');
    const fields = meta.parameters.find((p) => p.name === 'IS_INPUT').dataType.fields;
    const kind = (name) => fields.find((f) => f.name === name);
    expect(kind('ZCURR')).toEqual(expect.objectContaining({ kind: 'DEC', ddic: 'CURR', length: 9, decimals: 2 }));
    expect(kind('ZQUAN_SIGN')).toEqual(expect.objectContaining({ kind: 'DEC', ddic: 'QUAN', length: 13, decimals: 3 }));
    expect(kind('ZRAW')).toEqual(expect.objectContaining({ kind: 'RAW', length: 17 }));
    expect(kind('ZACCP')).toEqual(expect.objectContaining({ kind: 'NUMC', ddic: 'ACCP', length: 6 }));
    expect(kind('ZDECF34_MAX')).toEqual(expect.objectContaining({ kind: 'DF34', ddic: 'D34R' }));
    expect(kind('ZSSTRING')).toEqual(expect.objectContaining({ kind: 'STRING', ddic: 'SSTR' }));
    expect(kind('ZSTRING')).toStrictEqual({ name: 'ZSTRING', kind: 'STRING' });
  });
});

describe('INT8 and DECFLOAT parameters: /COE/RBP_FE_DATATYPES2', () => {
  const int8 = [
    ['a safe integer stays a number', 9007199254740991, 9007199254740991],
    ['the smallest safe integer', -9007199254740991, -9007199254740991],
    ['beyond 2^53 is a BigInt', 9007199254740993n, 9007199254740993n],
    ['max', 9223372036854775807n, 9223372036854775807n],
    ['min', -9223372036854775808n, -9223372036854775808n],
    ['a small BigInt becomes a number', 42n, 42],
  ];
  for (const [what, sent, expected] of int8) {
    it(`INT8 ${what}`, () => {
      const got = sap.rfc.call('/COE/RBP_FE_DATATYPES2', { IV_INT8: sent }).EV_INT8;
      expect(typeof got).toBe(typeof expected);
      expect(got).toBe(expected);
    });
  }

  it('INT8 beyond max is refused', () => {
    const e = thrownBy(() => sap.rfc.call('/COE/RBP_FE_DATATYPES2', { IV_INT8: 9223372036854775808n }));
    expect(e.code).toBe('TYPE_CONFLICT');
    expect(e.message).toContain('outside the range of INT8');
  });

  it('the defaults of the importing parameters come back', () => {
    const r = sap.rfc.call('/COE/RBP_FE_DATATYPES2');
    expect(r).toEqual(expect.objectContaining({ EV_INT1: 1, EV_INT2: 2, EV_INT4: 4, EV_INT8: 8, EV_DECF16: '0', EV_DECF34: '0' }));
    expect(r.EXP_ISSUE115).toEqual([]);
  });
});

describe('UTCLONG: ZDATATYPES', () => {
  const utclong = (v) => sap.rfc.call('ZDATATYPES', { IV_UTCLONG: v }).EV_UTCLONG;
  const accepted = [
    ['min', '0001-01-01T00:00:00.0000000', '0001-01-01T00:00:00.0000000'],
    ['max', '9999-12-31T23:59:59.9999999', '9999-12-31T23:59:59.9999999'],
    ['initial', '0000-00-00T00:00:00.0000000', '0000-00-00T00:00:00.0000000'],
    ['initial from empty', '', '0000-00-00T00:00:00.0000000'],
    ['Z and fewer digits', '2026-02-28T12:34:56.5Z', '2026-02-28T12:34:56.5000000'],
    ['no fraction', '2026-02-28T12:34:56', '2026-02-28T12:34:56.0000000'],
    ['a leap day', '2024-02-29T00:00:00.0000001', '2024-02-29T00:00:00.0000001'],
    ['a Date, in UTC', new Date(Date.UTC(2026, 0, 5, 8, 9, 10, 789)), '2026-01-05T08:09:10.7890000'],
    ['a Date.toISOString()', new Date(Date.UTC(2026, 0, 5, 8, 9, 10, 789)).toISOString(), '2026-01-05T08:09:10.7890000'],
  ];
  for (const [what, sent, expected] of accepted) {
    it(`accepts ${what}`, () => expect(utclong(sent)).toBe(expected));
  }

  const refused = [
    ['a number', 1, 'a UTC time stamp string YYYY-MM-DDThh:mm:ss.fffffff is expected, got a number'],
    ['an illegal format', '1', 'a UTC time stamp YYYY-MM-DDThh:mm:ss.fffffff is expected, got "1"'],
    ['an offset other than UTC', '2026-01-05T08:09:10+01:00', 'a UTC time stamp'],
    ['digits below 100 ns', '2026-01-05T08:09:10.12345678', 'more precise than the 100 ns of UTCLONG'],
    ['a day that does not exist', '2026-02-29T00:00:00', 'is not a valid date and time'],
    ['hour 24', '2026-01-05T24:00:00', 'is not a valid date and time'],
  ];
  for (const [what, sent, reason] of refused) {
    it(`refuses ${what}`, () => {
      const e = thrownBy(() => utclong(sent));
      expect(e.code).toBe('TYPE_CONFLICT');
      expect(e.message).toContain(reason);
    });
  }
});

describe('deep tables: rows with STRING and XSTRING, STFC_DEEP_TABLE', () => {
  it('keeps every row exact, empty strings and bytes included, and appends its own', () => {
    const rows = [
      { I: 42, C: 'UNICODE', STR: 'Grüße \u{1f30d}', XSTR: hex('deadbeef') },
      { I: -2147483648, C: 'ΑΒΓΔΕΖΗΘΙΚ', STR: '', XSTR: new Uint8Array(0) },
      { I: 0, C: '', STR: 'x'.repeat(100000), XSTR: bytes(5000) },
    ];
    const r = sap.rfc.call('STFC_DEEP_TABLE', { IMPORT_TAB: rows });
    expect(r.EXPORT_TAB.slice(0, 3)).toStrictEqual(rows);
    expect(r.EXPORT_TAB[3]).toEqual(expect.objectContaining({ I: 10, C: 'Appended', XSTR: hex('deadbeef') }));
  });

  it('refuses a CHAR(10) of eleven characters in the third row, naming the row', () => {
    const e = thrownBy(() => sap.rfc.call('STFC_DEEP_TABLE', { IMPORT_TAB: [{}, {}, { C: 'ΑΒΓΔΕΖΗΘΙΚΛ' }] }));
    expect(e.code).toBe('TYPE_CONFLICT');
    expect(e.parameter).toBe('IMPORT_TAB[2].C');
  });
});

describe('/COE/RBP_FE_DATATYPES: values of the wrong JS type are TypeErrors, sent nowhere', () => {
  for (const [type, field, sent, reason] of typeErrors) {
    it(`${type}: ${field}`, () => {
      const before = sap.stats().bytesSent;
      const e = thrownBy(() => echo(field, sent));
      expect(e).toBeInstanceOf(TypeError);
      expect(e.message).toContain(`IS_INPUT.${field}`);
      expect(e.message).toContain(reason);
      expect(sap.stats().bytesSent).toBe(before);
    });
  }
});
