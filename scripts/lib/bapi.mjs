// Helpers for BAPI callers, as an ES module that examples import.

/** The BAPI's RETURN messages (a structure or a table) as one array. */
export function returnMessages(result) {
  return [].concat(result.RETURN || []).filter((m) => m.TYPE);
}

/** Throws when a BAPI's RETURN holds an error (type E, A or X), returns the messages otherwise. */
export function checkReturn(result) {
  const messages = returnMessages(result);
  const error = messages.find((m) => 'EAX'.includes(m.TYPE));
  if (error) {
    const e = new Error(`${error.MESSAGE} (${error.ID}/${error.NUMBER})`);
    e.messages = messages;
    throw e;
  }
  return messages;
}

/** One line about a user from BAPI_USER_GET_DETAIL's result. */
export default function describeUser(name, detail) {
  const a = detail.ADDRESS;
  return `${name}: ${a.FIRSTNAME} ${a.LASTNAME}, locked: ${detail.ISLOCKED.LOCAL_LOCK === 'L' ? 'yes' : 'no'}`;
}
