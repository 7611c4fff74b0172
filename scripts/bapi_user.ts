// bapi_user.js in TypeScript: wsrfc strips the types, and errors point at lines of this file.
//
//   wsrfc run --sim scripts/bapi_user.ts [USERNAME...]

interface BapiReturn {
  TYPE: 'S' | 'E' | 'W' | 'I' | 'A' | 'X' | '';
  ID: string;
  NUMBER: string;
  MESSAGE: string;
}

interface UserDetail {
  ADDRESS: { FIRSTNAME: string; LASTNAME: string };
  ISLOCKED: { LOCAL_LOCK: string };
  RETURN: BapiReturn[] | BapiReturn;
}

/** Throws when a BAPI's RETURN holds an error (type E or A), returns the rest. */
function checkReturn(result: UserDetail): BapiReturn[] {
  const messages: BapiReturn[] = ([] as BapiReturn[]).concat(result.RETURN || []);
  const errors = messages.filter((m) => m.TYPE === 'E' || m.TYPE === 'A');
  if (errors.length > 0) {
    const e = errors[0];
    throw new Error(`${e.MESSAGE} (${e.ID}/${e.NUMBER})`);
  }
  return messages;
}

const users: string[] = process.argv.slice(2).length ? process.argv.slice(2) : ['DEVELOPER', 'NOBODY'];
for (const name of users) {
  const detail = sap.rfc.call('BAPI_USER_GET_DETAIL', { USERNAME: name }) as UserDetail;
  try {
    checkReturn(detail);
    const a = detail.ADDRESS;
    console.log(`${name}: ${a.FIRSTNAME} ${a.LASTNAME}, locked: ${detail.ISLOCKED.LOCAL_LOCK === 'L' ? 'yes' : 'no'}`);
  } catch (err) {
    console.log(`${name}: ${(err as Error).message}`);
  }
}
