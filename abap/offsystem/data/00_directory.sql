-- Function directory of the off-system run: what TFDIR/ENLFDIR/TFTIT hold on a
-- system for the modules of the fake function group ZVSP_FAKE.
INSERT INTO tfdir (funcname, pname, include, fmode, utask) VALUES
  ('STFC_CONNECTION', 'SAPLSYST', '01', 'R', ''),
  ('BAPI_TRANSACTION_COMMIT', 'SAPLBAPT', '01', 'R', ''),
  ('RFC_ABAP_INSTALL_AND_RUN', 'SAPLSUTL', '01', 'R', '');
INSERT INTO enlfdir (funcname, area, active, generated) VALUES
  ('STFC_CONNECTION', 'SYST', 'X', ''),
  ('BAPI_TRANSACTION_COMMIT', 'BAPT', 'X', ''),
  ('RFC_ABAP_INSTALL_AND_RUN', 'SUTL', 'X', '');
INSERT INTO tftit (spras, funcname, stext) VALUES
  ('E', 'STFC_CONNECTION', 'RFC-compatible function module for connection tests'),
  ('E', 'BAPI_TRANSACTION_COMMIT', 'Execute external Commit when using BAPIs');
-- Interfaces as FUPARAREF rows: TYPE = 'X' for TYPE typings, blank for LIKE.
-- STFC_CONNECTION is typed LIKE SY-LISEL on a system; open-abap has no SYST
-- structure, so here it is TYPE SYLISEL, the data element behind that field.
INSERT INTO fupararef (funcname, r3state, parameter, paramtype, structure, defaultval, reference, pposition, optional, type, class, ref_class, line_of, table_of) VALUES
  ('STFC_CONNECTION', 'A', 'REQUTEXT', 'I', 'SYLISEL', '', '', '0001', '', 'X', '', '', '', ''),
  ('STFC_CONNECTION', 'A', 'ECHOTEXT', 'E', 'SYLISEL', '', '', '0002', '', 'X', '', '', '', ''),
  ('STFC_CONNECTION', 'A', 'RESPTEXT', 'E', 'SYLISEL', '', '', '0003', '', 'X', '', '', '', ''),
  ('BAPI_TRANSACTION_COMMIT', 'A', 'WAIT', 'I', 'BAPITA-WAIT', '', '', '0001', 'X', '', '', '', '', ''),
  ('BAPI_TRANSACTION_COMMIT', 'A', 'RETURN', 'E', 'BAPIRET2', '', '', '0002', '', 'X', '', '', '', '');
-- The simulator's contract modules (sim/contract_test.go, contractModules).
INSERT INTO tfdir (funcname, pname, include, fmode, utask) VALUES
  ('Z_CONTRACT_TYPES', 'SAPLZCONTRACT', '01', 'R', ''),
  ('Z_CONTRACT_FAIL', 'SAPLZCONTRACT', '02', 'R', ''),
  ('Z_CONTRACT_ROWS', 'SAPLZCONTRACT', '03', 'R', ''),
  ('Z_CONTRACT_LOCAL', 'SAPLZCONTRACT', '04', '', '');
INSERT INTO enlfdir (funcname, area, active, generated) VALUES
  ('Z_CONTRACT_TYPES', 'ZCONTRACT', 'X', ''),
  ('Z_CONTRACT_FAIL', 'ZCONTRACT', 'X', ''),
  ('Z_CONTRACT_ROWS', 'ZCONTRACT', 'X', ''),
  ('Z_CONTRACT_LOCAL', 'ZCONTRACT', 'X', '');
INSERT INTO tftit (spras, funcname, stext) VALUES
  ('E', 'Z_CONTRACT_TYPES', 'Contract test: every wire type'),
  ('E', 'Z_CONTRACT_FAIL', 'Contract test: ways to fail'),
  ('E', 'Z_CONTRACT_ROWS', 'Contract test: many rows'),
  ('E', 'Z_CONTRACT_LOCAL', 'Contract test: not remote-enabled');
INSERT INTO fupararef (funcname, r3state, parameter, paramtype, structure, defaultval, reference, pposition, optional, type, class, ref_class, line_of, table_of) VALUES
  ('Z_CONTRACT_TYPES', 'A', 'IS_ALL', 'I', 'ZCONTRACT_ALL', '', '', '0001', '', 'X', '', '', '', ''),
  ('Z_CONTRACT_TYPES', 'A', 'IV_FLAG', 'I', 'FLAG', '''X''', '', '0002', 'X', 'X', '', '', '', ''),
  ('Z_CONTRACT_TYPES', 'A', 'ES_ALL', 'E', 'ZCONTRACT_ALL', '', '', '0003', '', 'X', '', '', '', ''),
  ('Z_CONTRACT_TYPES', 'A', 'EV_FLAG', 'E', 'FLAG', '', '', '0004', '', 'X', '', '', '', ''),
  ('Z_CONTRACT_TYPES', 'A', 'CV_COUNTER', 'C', 'INT4', '', '', '0005', 'X', 'X', '', '', '', ''),
  ('Z_CONTRACT_TYPES', 'A', 'ET_ITEMS', 'T', 'ZCONTRACT_ITEM', '', '', '0006', 'X', '', '', '', '', ''),
  ('Z_CONTRACT_FAIL', 'A', 'IV_MODE', 'I', 'CHAR10', '', '', '0001', '', 'X', '', '', '', ''),
  ('Z_CONTRACT_FAIL', 'A', 'NOT_FOUND', 'X', '', '', '', '0002', '', '', '', '', '', ''),
  ('Z_CONTRACT_FAIL', 'A', 'INVALID', 'X', '', '', '', '0003', '', '', '', '', '', ''),
  ('Z_CONTRACT_ROWS', 'A', 'IV_COUNT', 'I', 'INT4', '', '', '0001', '', 'X', '', '', '', ''),
  ('Z_CONTRACT_ROWS', 'A', 'ET_ROWS', 'T', 'ZCONTRACT_ROW', '', '', '0002', 'X', '', '', '', '', '');
-- Short texts of parameters (P) and exceptions (X), as SE37 shows them.
INSERT INTO funct (spras, funcname, parameter, kind, stext) VALUES
  ('E', 'Z_CONTRACT_TYPES', 'IS_ALL', 'P', 'All types'),
  ('E', 'Z_CONTRACT_TYPES', 'IV_FLAG', 'P', 'A flag with a default'),
  ('E', 'Z_CONTRACT_TYPES', 'ES_ALL', 'P', 'Echo of IS_ALL'),
  ('E', 'Z_CONTRACT_TYPES', 'EV_FLAG', 'P', 'Echo of IV_FLAG'),
  ('E', 'Z_CONTRACT_TYPES', 'CV_COUNTER', 'P', 'Incremented by one'),
  ('E', 'Z_CONTRACT_TYPES', 'ET_ITEMS', 'P', 'Two items'),
  ('E', 'Z_CONTRACT_FAIL', 'IV_MODE', 'P', 'EXCEPTION, RAISE, MESSAGE or CLASS'),
  ('E', 'Z_CONTRACT_FAIL', 'NOT_FOUND', 'X', 'Entry not found'),
  ('E', 'Z_CONTRACT_FAIL', 'INVALID', 'X', 'Invalid mode'),
  ('E', 'Z_CONTRACT_ROWS', 'IV_COUNT', 'P', 'Number of rows'),
  ('E', 'Z_CONTRACT_ROWS', 'ET_ROWS', 'P', 'The rows');
-- A module of a group the test user has no S_RFC for (fake AUTHORITY_CHECK_RFC).
INSERT INTO tfdir (funcname, pname, include, fmode, utask) VALUES ('Z_VSP_NOAUTH', 'SAPLZVSP_NOAUTH', '01', 'R', '');
INSERT INTO enlfdir (funcname, area, active, generated) VALUES ('Z_VSP_NOAUTH', 'ZVSP_NOAUTH', 'X', '');
