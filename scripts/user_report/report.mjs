// Check the users listed in a CSV file against SAP and write a JSON and a CSV report: the CSV is parsed by
// papaparse from this folder's node_modules (npm ci installs it), the users are read with
// BAPI_USER_GET_DETAIL in parallel, and the reports go to a folder of their own.
//
//   cd scripts/user_report && npm ci
//   wsrfc run --sim scripts/user_report/report.mjs [users.csv] [output folder]

import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import Papa from 'papaparse';
import { returnMessages } from '../lib/bapi.mjs';

const csvFile = process.argv[2] || path.join(import.meta.dirname, 'users.csv');
const outDir = process.argv[3] || path.join(os.tmpdir(), 'wsrfc-user-report');

const parsed = Papa.parse(await fs.readFile(csvFile, 'utf8'), {
  header: true,
  skipEmptyLines: true,
  transformHeader: (h) => h.trim().toLowerCase(),
  transform: (value) => value.trim(),
});
if (parsed.errors.length > 0) {
  const e = parsed.errors[0];
  throw new Error(`${csvFile}, row ${e.row + 2}: ${e.message}`);
}

// SAP user names are upper case; the same user listed twice is read once.
const rows = parsed.data.map((r) => ({ ...r, user: r.user.toUpperCase() }));
const names = [...new Set(rows.map((r) => r.user))];
const details = new Map(await Promise.all(names.map(async (name) =>
  [name, await sap.rfc.callAsync('BAPI_USER_GET_DETAIL', { USERNAME: name })])));

const report = rows.map(({ user, department }) => {
  const d = details.get(user);
  const error = returnMessages(d).find((m) => 'EAX'.includes(m.TYPE));
  return {
    user,
    department,
    exists: !error,
    fullName: error ? '' : d.ADDRESS.FULLNAME,
    userType: error ? '' : d.LOGONDATA.USTYP,
    locked: !error && d.ISLOCKED.LOCAL_LOCK === 'L',
    validTo: error ? '' : d.LOGONDATA.GLTGB,
    message: error ? error.MESSAGE : '',
  };
});

await fs.mkdir(outDir, { recursive: true });
await Promise.all([
  fs.writeFile(path.join(outDir, 'users.json'), JSON.stringify(report, null, 2) + '\n'),
  fs.writeFile(path.join(outDir, 'users.csv'), Papa.unparse(report, { delimiter: ';', newline: '\n' }) + '\n'),
]);

for (const r of report) {
  console.log(`${r.user.padEnd(10)} ${r.department.padEnd(6)} ${r.exists ? `${r.fullName}, type ${r.userType}${r.locked ? ', locked' : ''}` : r.message}`);
}
const missing = report.filter((r) => !r.exists).length;
console.log(`${rows.length} rows, ${names.length} users read in parallel: ${report.length - missing} found, ${missing} missing`);
console.error(`reports written: ${path.join(outDir, 'users.json')}, ${path.join(outDir, 'users.csv')}`);
