// A test suite in TypeScript: wsrfc test picks up *.test.ts, and the helpers come from an ES module.
//
//   wsrfc test --sim scripts/users.test.ts

import { checkReturn, returnMessages } from './lib/bapi.mjs';

type Detail = { ADDRESS: { FULLNAME: string }; LOGONDATA: { USTYP: string }; RETURN: unknown };

const detail = async (name: string): Promise<Detail> =>
  (await sap.rfc.callAsync('BAPI_USER_GET_DETAIL', { USERNAME: name })) as Detail;

describe('BAPI_USER_GET_DETAIL', () => {
  it('reads an existing user', async () => {
    const d = await detail('DEVELOPER');
    expect(checkReturn(d)).toEqual([]);
    expect(d.ADDRESS.FULLNAME).toBe('Developer Trial');
    expect(d.LOGONDATA.USTYP).toBe('A');
  });

  it('reports a missing user in RETURN, not as an exception', async () => {
    const d = await detail('NOBODY');
    expect(returnMessages(d).map((m: { TYPE: string; NUMBER: string }) => `${m.TYPE}${m.NUMBER}`)).toEqual(['E124']);
    expect(() => checkReturn(d)).toThrow('User NOBODY does not exist (01/124)');
  });
});
