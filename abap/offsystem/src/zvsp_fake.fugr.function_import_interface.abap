FUNCTION function_import_interface.
* Fake of SAP's module: the interface comes from the rows of FUPARAREF (as
* SAP keeps it), TYPE typings in TYP, LIKE typings in DBFIELD/DBSTRUCT.
* A row of kind X whose CLASS is set is an exception class.
  DATA lv_name TYPE c LENGTH 30.
  DATA ls_import TYPE rsimp.
  DATA ls_export TYPE rsexp.
  DATA ls_changing TYPE rscha.
  DATA ls_tables TYPE rstbl.
  DATA ls_exception TYPE rsexc.
  DATA lt_rows TYPE STANDARD TABLE OF fupararef WITH EMPTY KEY.

  lv_name = to_upper( funcname ).
  SELECT SINGLE funcname FROM tfdir WHERE funcname = @lv_name INTO @DATA(lv_found).
  IF sy-subrc <> 0 OR lv_found IS INITIAL.
    RAISE function_not_found.
  ENDIF.
  SELECT * FROM fupararef WHERE funcname = @lv_name ORDER BY pposition INTO TABLE @lt_rows.
  LOOP AT lt_rows INTO DATA(ls_row).
    CASE ls_row-paramtype.
      WHEN 'I'.
        CLEAR ls_import.
        ls_import-parameter = ls_row-parameter.
        ls_import-default = ls_row-defaultval.
        ls_import-optional = ls_row-optional.
        ls_import-reference = ls_row-reference.
        IF ls_row-type = 'X'.
          ls_import-typ = ls_row-structure.
        ELSE.
          ls_import-dbfield = ls_row-structure.
        ENDIF.
        APPEND ls_import TO import_parameter.
      WHEN 'E'.
        CLEAR ls_export.
        ls_export-parameter = ls_row-parameter.
        ls_export-reference = ls_row-reference.
        IF ls_row-type = 'X'.
          ls_export-typ = ls_row-structure.
        ELSE.
          ls_export-dbfield = ls_row-structure.
        ENDIF.
        APPEND ls_export TO export_parameter.
      WHEN 'C'.
        CLEAR ls_changing.
        ls_changing-parameter = ls_row-parameter.
        ls_changing-default = ls_row-defaultval.
        ls_changing-optional = ls_row-optional.
        ls_changing-reference = ls_row-reference.
        IF ls_row-type = 'X'.
          ls_changing-typ = ls_row-structure.
        ELSE.
          ls_changing-dbfield = ls_row-structure.
        ENDIF.
        APPEND ls_changing TO changing_parameter.
      WHEN 'T'.
        CLEAR ls_tables.
        ls_tables-parameter = ls_row-parameter.
        ls_tables-optional = ls_row-optional.
        IF ls_row-type = 'X'.
          ls_tables-typ = ls_row-structure.
        ELSE.
          ls_tables-dbstruct = ls_row-structure.
        ENDIF.
        APPEND ls_tables TO tables_parameter.
      WHEN 'X'.
        CLEAR ls_exception.
        ls_exception-exception = ls_row-parameter.
        APPEND ls_exception TO exception_list.
        IF ls_row-class = 'X'.
          exception_classes = 'X'.
        ENDIF.
    ENDCASE.
  ENDLOOP.
ENDFUNCTION.
