// The bapi_user.js example as an ES module: it imports its helpers from a module of its own and the sap
// module by name, and awaits at top level.
//
//   wsrfc run --sim scripts/users_esm.mjs [USERNAME...]

import { rfc } from 'sap';
import describeUser, { checkReturn } from './lib/bapi.mjs';

const users = process.argv.length > 2 ? process.argv.slice(2) : ['DEVELOPER', 'NOBODY'];
const details = await Promise.all(users.map((name) => rfc.callAsync('BAPI_USER_GET_DETAIL', { USERNAME: name })));
users.forEach((name, i) => {
  try {
    checkReturn(details[i]);
    console.log(describeUser(name, details[i]));
  } catch (err) {
    console.log(`${name}: ${err.message}`);
  }
});
