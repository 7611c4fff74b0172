// The STFC test modules every ABAP system ships: the smallest round trips that
// prove the connection, the logon and the type mapping work.
//
//   wsrfc test --sim scripts/stfc.test.js

describe('STFC_CONNECTION', () => {
  it('echoes the request text', () => {
    const r = sap.rfc.call('STFC_CONNECTION', { REQUTEXT: 'Hello SAP' });
    expect(r.ECHOTEXT).toBe('Hello SAP');
  });

  it('answers with the system and the logon data', () => {
    const r = sap.rfc.call('STFC_CONNECTION', { REQUTEXT: 'who are you?' });
    expect(r.RESPTEXT).toMatch(/Sysid: \w{3}/);
    expect(r.RESPTEXT).toContain(`Logon_Data: ${sap.session.client}/${sap.session.user}`);
  });

  it('works the same way asynchronously', async () => {
    const replies = await Promise.all(['a', 'b', 'c'].map((t) => sap.rfc.callAsync('STFC_CONNECTION', { REQUTEXT: t })));
    expect(replies.map((r) => r.ECHOTEXT)).toEqual(['a', 'b', 'c']);
  });
});

describe('STFC_STRUCTURE', () => {
  const sent = {
    RFCINT4: 42, RFCINT2: 7, RFCINT1: 1, RFCFLOAT: 1.5,
    RFCCHAR1: 'A', RFCCHAR2: 'BC', RFCCHAR4: 'DEFG',
    RFCHEX3: new Uint8Array([0x01, 0x02, 0x03]),
    RFCDATE: '20260115', RFCTIME: '123456',
    RFCDATA1: 'first', RFCDATA2: 'second',
  };
  let r;

  beforeAll(() => {
    r = sap.rfc.call('STFC_STRUCTURE', { IMPORTSTRUCT: sent, RFCTABLE: [sent] });
  });

  it('echoes the structure field by field, types included', () => {
    expect(r.ECHOSTRUCT).toStrictEqual(sent);
  });

  it('keeps the rows sent and appends one', () => {
    expect(r.RFCTABLE).toHaveLength(2);
    expect(r.RFCTABLE[0]).toEqual(sent);
  });

  it('fills the appended row from the import, each number plus one', () => {
    const added = r.RFCTABLE[1];
    expect(added).toEqual(expect.objectContaining({ RFCINT4: 43, RFCINT2: 8, RFCINT1: 2, RFCCHAR1: 'X', RFCCHAR2: 'YZ' }));
    expect(added.RFCFLOAT).toBeCloseTo(2.5);
    expect(added.RFCHEX3).toEqual(new Uint8Array([0xf1, 0xf2, 0xf3]));
    expect(added.RFCDATE).toMatch(/^\d{8}$/);
    expect(added.RFCTIME).toMatch(/^\d{6}$/);
  });
});
