* Stub of the SAP standard class, for abaplint only.
CLASS cl_abap_codepage DEFINITION PUBLIC FINAL CREATE PUBLIC.
  PUBLIC SECTION.
    CLASS-METHODS convert_to
      IMPORTING
        !source       TYPE csequence
        !codepage     TYPE csequence DEFAULT `UTF-8`
      RETURNING
        VALUE(result) TYPE xstring
      RAISING
        cx_parameter_invalid_range
        cx_sy_codepage_converter_init
        cx_sy_conversion_codepage.
    CLASS-METHODS convert_from
      IMPORTING
        !source       TYPE xsequence
        !codepage     TYPE csequence DEFAULT `UTF-8`
      RETURNING
        VALUE(result) TYPE string
      RAISING
        cx_parameter_invalid_range
        cx_sy_codepage_converter_init
        cx_sy_conversion_codepage.
ENDCLASS.

CLASS cl_abap_codepage IMPLEMENTATION.
  METHOD convert_to.
    CLEAR result.
  ENDMETHOD.
  METHOD convert_from.
    CLEAR result.
  ENDMETHOD.
ENDCLASS.
