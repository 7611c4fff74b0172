// Failures are thrown as sap.SapError with a code a script can branch on;
// ABAP's classic exceptions carry their name in key and the T100 message.
//
//   wsrfc test --sim scripts/errors.test.js

/** Runs fn and returns what it threw (the test fails when it throws nothing). */
function thrownBy(fn) {
  try {
    fn();
  } catch (e) {
    return e;
  }
  throw new Error('expected an error, but the call succeeded');
}

describe('errors of rfc.call', () => {
  it('FUNC_NOT_FOUND for a function module that does not exist', () => {
    const e = thrownBy(() => sap.rfc.call('Z_DOES_NOT_EXIST'));
    expect(e).toBeInstanceOf(sap.SapError);
    expect(e).toBeInstanceOf(Error);
    expect(e.code).toBe('FUNC_NOT_FOUND');
    expect(e.domain).toBe('rfc');
    expect(e.message).toContain('Z_DOES_NOT_EXIST');
  });

  it('PARAM_UNKNOWN for a misspelt parameter', () => {
    expect(() => sap.rfc.call('STFC_CONNECTION', { REQUTXT: 'typo' })).toThrow(sap.SapError);
    const e = thrownBy(() => sap.rfc.call('STFC_CONNECTION', { REQUTXT: 'typo' }));
    expect(e.code).toBe('PARAM_UNKNOWN');
    expect(e.message).toMatch(/REQUTXT/);
  });

  it('ABAP_EXCEPTION with its key for RFC_RAISE_ERROR METHOD 1', () => {
    const e = thrownBy(() => sap.rfc.call('RFC_RAISE_ERROR', { METHOD: '1', MESSAGETYPE: 'E' }));
    expect(e).toBeInstanceOf(sap.SapError);
    expect(e).not.toBeInstanceOf(sap.ConnectionError);
    expect(e).toEqual(expect.objectContaining({ code: 'ABAP_EXCEPTION', key: 'RAISE_EXCEPTION', msgId: 'SR', msgNo: '006' }));
  });

  it('rejects the promise of callAsync the same way', async () => {
    await expect(sap.rfc.callAsync('Z_DOES_NOT_EXIST')).rejects.toThrow(sap.SapError);
    await expect(sap.rfc.callAsync('RFC_RAISE_ERROR', { METHOD: '1' })).rejects.toHaveProperty('key', 'RAISE_EXCEPTION');
  });

  it('leaves the session usable after an error', () => {
    thrownBy(() => sap.rfc.call('Z_DOES_NOT_EXIST'));
    expect(sap.rfc.call('STFC_CONNECTION', { REQUTEXT: 'still here' }).ECHOTEXT).toBe('still here');
  });
});
