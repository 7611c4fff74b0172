// BAPIs do not throw: they report problems in their RETURN table, and every
// caller has to look. BAPI_USER_GET_DETAIL for a user that exists and one that
// does not shows both sides.
//
//   wsrfc test --sim scripts/bapi.test.js

/** The messages of type E (error) or A (abort) in a BAPI's RETURN. */
function errorsIn(result) {
  return [].concat(result.RETURN || []).filter((m) => m.TYPE === 'E' || m.TYPE === 'A');
}

describe('BAPI_USER_GET_DETAIL', () => {
  describe('for the logged-on user', () => {
    let detail;
    beforeAll(() => {
      detail = sap.rfc.call('BAPI_USER_GET_DETAIL', { USERNAME: sap.session.user });
    });

    it('returns no error messages', () => {
      expect(errorsIn(detail)).toEqual([]);
    });

    it('returns the address and the lock state', () => {
      expect(detail.ADDRESS.LASTNAME).not.toBe('');
      expect(detail.ADDRESS).toHaveProperty('FULLNAME', expect.stringContaining(detail.ADDRESS.LASTNAME));
      expect(detail.ISLOCKED.LOCAL_LOCK).toBe('U');
    });

    it('returns the logon data with a validity period', () => {
      expect(detail.LOGONDATA.GLTGB).toMatch(/^\d{8}$/);
      expect(detail.LOGONDATA.GLTGV < detail.LOGONDATA.GLTGB).toBeTruthy();
    });
  });

  describe('for a user that does not exist', () => {
    let detail;
    beforeAll(() => {
      detail = sap.rfc.call('BAPI_USER_GET_DETAIL', { USERNAME: 'NO_SUCH_USER' });
    });

    it('does not throw but reports error 01/124 in RETURN', () => {
      const [error] = errorsIn(detail);
      expect(error).toBeDefined();
      expect(error).toEqual(expect.objectContaining({ TYPE: 'E', ID: '01', NUMBER: '124', MESSAGE_V1: 'NO_SUCH_USER' }));
      expect(error.MESSAGE).toContain('NO_SUCH_USER');
    });

    it('returns empty structures', () => {
      expect(detail.ADDRESS.LASTNAME).toBe('');
    });
  });
});
