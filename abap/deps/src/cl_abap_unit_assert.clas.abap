* Stub of the SAP standard class, for abaplint only: the assertions the unit
* tests use, with the signatures of AS ABAP 7.50.
CLASS cl_abap_unit_assert DEFINITION PUBLIC CREATE PUBLIC.
  PUBLIC SECTION.
    CLASS-METHODS assert_equals
      IMPORTING
        !act              TYPE any
        !exp              TYPE any
        !msg              TYPE csequence OPTIONAL
      RETURNING
        VALUE(assertion_failed) TYPE abap_bool.
    CLASS-METHODS assert_true
      IMPORTING
        !act              TYPE abap_bool
        !msg              TYPE csequence OPTIONAL
      RETURNING
        VALUE(assertion_failed) TYPE abap_bool.
    CLASS-METHODS assert_false
      IMPORTING
        !act              TYPE abap_bool
        !msg              TYPE csequence OPTIONAL
      RETURNING
        VALUE(assertion_failed) TYPE abap_bool.
    CLASS-METHODS assert_bound
      IMPORTING
        !act              TYPE any
        !msg              TYPE csequence OPTIONAL
      RETURNING
        VALUE(assertion_failed) TYPE abap_bool.
    CLASS-METHODS assert_char_cp
      IMPORTING
        !act              TYPE csequence
        !exp              TYPE csequence
        !msg              TYPE csequence OPTIONAL
      RETURNING
        VALUE(assertion_failed) TYPE abap_bool.
    CLASS-METHODS fail
      IMPORTING
        !msg TYPE csequence OPTIONAL.
ENDCLASS.

CLASS cl_abap_unit_assert IMPLEMENTATION.
  METHOD assert_equals.
    assertion_failed = abap_false.
  ENDMETHOD.
  METHOD assert_true.
    assertion_failed = abap_false.
  ENDMETHOD.
  METHOD assert_false.
    assertion_failed = abap_false.
  ENDMETHOD.
  METHOD assert_bound.
    assertion_failed = abap_false.
  ENDMETHOD.
  METHOD assert_char_cp.
    assertion_failed = abap_false.
  ENDMETHOD.
  METHOD fail.
    RETURN.
  ENDMETHOD.
ENDCLASS.
