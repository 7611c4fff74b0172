* Stub of the SAP standard class, for abaplint only.
CLASS cl_abap_tabledescr DEFINITION PUBLIC INHERITING FROM cl_abap_complexdescr CREATE PUBLIC.
  PUBLIC SECTION.
    CLASS-METHODS create
      IMPORTING
        !p_line_type    TYPE REF TO cl_abap_datadescr
      RETURNING
        VALUE(p_result) TYPE REF TO cl_abap_tabledescr
      RAISING
        cx_sy_table_creation.
    METHODS get_table_line_type
      RETURNING
        VALUE(p_descr_ref) TYPE REF TO cl_abap_datadescr.
ENDCLASS.

CLASS cl_abap_tabledescr IMPLEMENTATION.
  METHOD create.
    CREATE OBJECT p_result.
  ENDMETHOD.
  METHOD get_table_line_type.
    CLEAR p_descr_ref.
  ENDMETHOD.
ENDCLASS.
