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
