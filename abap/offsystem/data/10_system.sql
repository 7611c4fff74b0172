-- SAP's RFC_RAISE_ERROR (group SRFC) and the simulator's ZDATATYPES: the
-- handler's exception and message texts, and UTCLONG through its codec.
-- RFC_RAISE_ERROR's MESSAGETYPE is LIKE SY-MSGTY on a system; open-abap has no
-- SYST structure, so here it is TYPE SYMSGTY, the data element behind that field.
INSERT INTO tfdir (funcname, pname, include, fmode, utask) VALUES
  ('RFC_RAISE_ERROR', 'SAPLSRFC', '01', 'R', ''),
  ('ZDATATYPES', 'SAPLZDATATYPES', '01', 'R', '');
INSERT INTO enlfdir (funcname, area, active, generated) VALUES
  ('RFC_RAISE_ERROR', 'SRFC', 'X', ''),
  ('ZDATATYPES', 'ZDATATYPES', 'X', '');
INSERT INTO tftit (spras, funcname, stext) VALUES
  ('E', 'RFC_RAISE_ERROR', 'Raise errors of every kind, for tests of RFC clients'),
  ('E', 'ZDATATYPES', 'Echo of the newer ABAP data types');
INSERT INTO fupararef (funcname, r3state, parameter, paramtype, structure, defaultval, reference, pposition, optional, type, class, ref_class, line_of, table_of) VALUES
  ('RFC_RAISE_ERROR', 'A', 'METHOD', 'I', 'STRING', '', '', '0001', 'X', 'X', '', '', '', ''),
  ('RFC_RAISE_ERROR', 'A', 'MESSAGETYPE', 'I', 'SYMSGTY', '''E''', '', '0002', 'X', 'X', '', '', '', ''),
  ('RFC_RAISE_ERROR', 'A', 'RAISE_EXCEPTION', 'X', '', '', '', '0003', '', '', '', '', '', ''),
  ('ZDATATYPES', 'A', 'IV_UTCLONG', 'I', 'UTCLONG', '', '', '0001', 'X', 'X', '', '', '', ''),
  ('ZDATATYPES', 'A', 'EV_UTCLONG', 'E', 'UTCLONG', '', '', '0002', '', 'X', '', '', '', '');
INSERT INTO funct (spras, funcname, parameter, kind, stext) VALUES
  ('E', 'RFC_RAISE_ERROR', 'METHOD', 'P', 'Which error: 0 message, 1/2 exception, 3/5/51 runtime error, 36 message from a caught error'),
  ('E', 'RFC_RAISE_ERROR', 'MESSAGETYPE', 'P', 'Message type of the messages sent'),
  ('E', 'RFC_RAISE_ERROR', 'RAISE_EXCEPTION', 'X', 'Exception raised for METHOD 1 and 2'),
  ('E', 'ZDATATYPES', 'IV_UTCLONG', 'P', 'Time stamp'),
  ('E', 'ZDATATYPES', 'EV_UTCLONG', 'P', 'Time stamp, echoed');
-- CONVERSION_EXIT_ALPHA_INPUT/OUTPUT (group ALFA): untyped parameters, not
-- remote-enabled. The handler refuses the call before it runs anything, so the
-- directory rows are all it reads.
INSERT INTO tfdir (funcname, pname, include, fmode, utask) VALUES
  ('CONVERSION_EXIT_ALPHA_INPUT', 'SAPLALFA', '01', '', ''),
  ('CONVERSION_EXIT_ALPHA_OUTPUT', 'SAPLALFA', '02', '', '');
INSERT INTO enlfdir (funcname, area, active, generated) VALUES
  ('CONVERSION_EXIT_ALPHA_INPUT', 'ALFA', 'X', ''),
  ('CONVERSION_EXIT_ALPHA_OUTPUT', 'ALFA', 'X', '');
INSERT INTO tftit (spras, funcname, stext) VALUES
  ('E', 'CONVERSION_EXIT_ALPHA_INPUT', 'Conversion exit ALPHA, external->internal'),
  ('E', 'CONVERSION_EXIT_ALPHA_OUTPUT', 'Conversion exit ALPHA, internal->external');
INSERT INTO fupararef (funcname, r3state, parameter, paramtype, structure, defaultval, reference, pposition, optional, type, class, ref_class, line_of, table_of) VALUES
  ('CONVERSION_EXIT_ALPHA_INPUT', 'A', 'INPUT', 'I', '', '', '', '0001', '', '', '', '', '', ''),
  ('CONVERSION_EXIT_ALPHA_INPUT', 'A', 'OUTPUT', 'E', '', '', '', '0002', '', '', '', '', '', ''),
  ('CONVERSION_EXIT_ALPHA_OUTPUT', 'A', 'INPUT', 'I', '', '', '', '0001', '', '', '', '', '', ''),
  ('CONVERSION_EXIT_ALPHA_OUTPUT', 'A', 'OUTPUT', 'E', '', '', '', '0002', '', '', '', '', '', '');
-- /COE/RBP_FE_DATATYPES2 (group /COE/RBP_FE_TEST): INT8 and DECFLOAT16/34
-- through the handler's codec.
INSERT INTO tfdir (funcname, pname, include, fmode, utask) VALUES
  ('/COE/RBP_FE_DATATYPES2', '/COE/SAPLRBP_FE_TEST', '02', 'R', '');
INSERT INTO enlfdir (funcname, area, active, generated) VALUES
  ('/COE/RBP_FE_DATATYPES2', '/COE/RBP_FE_TEST', 'X', '');
INSERT INTO tftit (spras, funcname, stext) VALUES
  ('E', '/COE/RBP_FE_DATATYPES2', 'RFC data types test: integers and decimal floating point');
INSERT INTO fupararef (funcname, r3state, parameter, paramtype, structure, defaultval, reference, pposition, optional, type, class, ref_class, line_of, table_of) VALUES
  ('/COE/RBP_FE_DATATYPES2', 'A', 'IV_DECF16', 'I', 'DECFLOAT16', '', '', '0001', 'X', 'X', '', '', '', ''),
  ('/COE/RBP_FE_DATATYPES2', 'A', 'IV_DECF161', 'I', 'DECFLOAT16', '''0.0''', '', '0002', 'X', 'X', '', '', '', ''),
  ('/COE/RBP_FE_DATATYPES2', 'A', 'IV_DECF34', 'I', 'DECFLOAT34', '', '', '0003', 'X', 'X', '', '', '', ''),
  ('/COE/RBP_FE_DATATYPES2', 'A', 'IV_INT1', 'I', 'INT1', '1', '', '0004', 'X', 'X', '', '', '', ''),
  ('/COE/RBP_FE_DATATYPES2', 'A', 'IV_INT2', 'I', 'INT2', '2', '', '0005', 'X', 'X', '', '', '', ''),
  ('/COE/RBP_FE_DATATYPES2', 'A', 'IV_INT4', 'I', 'INT4', '4', '', '0006', 'X', 'X', '', '', '', ''),
  ('/COE/RBP_FE_DATATYPES2', 'A', 'IV_INT8', 'I', 'INT8', '8', '', '0007', 'X', 'X', '', '', '', ''),
  ('/COE/RBP_FE_DATATYPES2', 'A', 'EV_DECF16', 'E', 'DECFLOAT16', '', '', '0008', '', 'X', '', '', '', ''),
  ('/COE/RBP_FE_DATATYPES2', 'A', 'EV_DECF34', 'E', 'DECFLOAT34', '', '', '0009', '', 'X', '', '', '', ''),
  ('/COE/RBP_FE_DATATYPES2', 'A', 'EV_INT1', 'E', 'INT1', '', '', '0010', '', 'X', '', '', '', ''),
  ('/COE/RBP_FE_DATATYPES2', 'A', 'EV_INT2', 'E', 'INT2', '', '', '0011', '', 'X', '', '', '', ''),
  ('/COE/RBP_FE_DATATYPES2', 'A', 'EV_INT4', 'E', 'INT4', '', '', '0012', '', 'X', '', '', '', ''),
  ('/COE/RBP_FE_DATATYPES2', 'A', 'EV_INT8', 'E', 'INT8', '', '', '0013', '', 'X', '', '', '', ''),
  ('/COE/RBP_FE_DATATYPES2', 'A', 'EXP_ISSUE115', 'E', '/COE/TT_TABNAME', '', '', '0014', '', 'X', '', '', '', '');
