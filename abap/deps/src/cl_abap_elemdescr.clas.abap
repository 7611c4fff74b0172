* Stub of the SAP standard class, for abaplint only.
CLASS cl_abap_elemdescr DEFINITION PUBLIC INHERITING FROM cl_abap_datadescr CREATE PUBLIC.
  PUBLIC SECTION.
    DATA output_length TYPE i READ-ONLY.
    CLASS-METHODS get_string
      RETURNING
        VALUE(p_result) TYPE REF TO cl_abap_elemdescr.
    CLASS-METHODS get_xstring
      RETURNING
        VALUE(p_result) TYPE REF TO cl_abap_elemdescr.
    METHODS get_ddic_field
      IMPORTING
        !p_langu          TYPE sy-langu DEFAULT sy-langu
      RETURNING
        VALUE(p_flddescr) TYPE dfies
      EXCEPTIONS
        not_found
        no_ddic_type.
ENDCLASS.

CLASS cl_abap_elemdescr IMPLEMENTATION.
  METHOD get_string.
    CREATE OBJECT p_result.
  ENDMETHOD.
  METHOD get_xstring.
    CREATE OBJECT p_result.
  ENDMETHOD.
  METHOD get_ddic_field.
    CLEAR p_flddescr.
  ENDMETHOD.
ENDCLASS.
