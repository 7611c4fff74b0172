* Stub of the SAP standard class, for abaplint only: the RTTI members the
* handler uses, with the signatures of AS ABAP 7.50.
CLASS cl_abap_typedescr DEFINITION PUBLIC ABSTRACT CREATE PUBLIC.
  PUBLIC SECTION.
    CONSTANTS kind_elem TYPE abap_typecategory VALUE 'E'.
    CONSTANTS kind_struct TYPE abap_typecategory VALUE 'S'.
    CONSTANTS kind_table TYPE abap_typecategory VALUE 'T'.
    CONSTANTS kind_ref TYPE abap_typecategory VALUE 'R'.
    CONSTANTS kind_class TYPE abap_typecategory VALUE 'C'.
    CONSTANTS kind_intf TYPE abap_typecategory VALUE 'I'.

    CONSTANTS typekind_char TYPE abap_typekind VALUE 'C'.
    CONSTANTS typekind_num TYPE abap_typekind VALUE 'N'.
    CONSTANTS typekind_date TYPE abap_typekind VALUE 'D'.
    CONSTANTS typekind_time TYPE abap_typekind VALUE 'T'.
    CONSTANTS typekind_string TYPE abap_typekind VALUE 'g'.
    CONSTANTS typekind_int TYPE abap_typekind VALUE 'I'.
    CONSTANTS typekind_int1 TYPE abap_typekind VALUE 'b'.
    CONSTANTS typekind_int2 TYPE abap_typekind VALUE 's'.
    CONSTANTS typekind_int8 TYPE abap_typekind VALUE '8'.
    CONSTANTS typekind_float TYPE abap_typekind VALUE 'F'.
    CONSTANTS typekind_packed TYPE abap_typekind VALUE 'P'.
    CONSTANTS typekind_decfloat16 TYPE abap_typekind VALUE 'a'.
    CONSTANTS typekind_decfloat34 TYPE abap_typekind VALUE 'e'.
    CONSTANTS typekind_hex TYPE abap_typekind VALUE 'X'.
    CONSTANTS typekind_xstring TYPE abap_typekind VALUE 'y'.

    DATA absolute_name TYPE abap_abstypename READ-ONLY.
    DATA type_kind TYPE abap_typekind READ-ONLY.
    DATA length TYPE i READ-ONLY.
    DATA decimals TYPE i READ-ONLY.
    DATA kind TYPE abap_typecategory READ-ONLY.

    CLASS-METHODS describe_by_name
      IMPORTING
        !p_name            TYPE any
      RETURNING
        VALUE(p_descr_ref) TYPE REF TO cl_abap_typedescr
      EXCEPTIONS
        type_not_found.
    CLASS-METHODS describe_by_data
      IMPORTING
        !p_data            TYPE any
      RETURNING
        VALUE(p_descr_ref) TYPE REF TO cl_abap_typedescr.
    CLASS-METHODS describe_by_object_ref
      IMPORTING
        !p_object_ref      TYPE REF TO object
      RETURNING
        VALUE(p_descr_ref) TYPE REF TO cl_abap_typedescr
      EXCEPTIONS
        reference_is_initial.
    METHODS get_relative_name
      RETURNING
        VALUE(p_relative_name) TYPE string.
    METHODS is_ddic_type
      RETURNING
        VALUE(p_abap_bool) TYPE abap_bool.
ENDCLASS.

CLASS cl_abap_typedescr IMPLEMENTATION.
  METHOD describe_by_name.
    CLEAR p_descr_ref.
  ENDMETHOD.
  METHOD describe_by_data.
    CLEAR p_descr_ref.
  ENDMETHOD.
  METHOD describe_by_object_ref.
    CLEAR p_descr_ref.
  ENDMETHOD.
  METHOD get_relative_name.
    p_relative_name = absolute_name.
  ENDMETHOD.
  METHOD is_ddic_type.
    p_abap_bool = abap_false.
  ENDMETHOD.
ENDCLASS.
