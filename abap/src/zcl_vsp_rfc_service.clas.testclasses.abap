*"* Unit tests of the rfc domain's own rules. BAPI_TRANSACTION_COMMIT exists
*"* on every AS ABAP; it is never run: a test double stands in for the invoker.

CLASS ltd_invoker DEFINITION FINAL FOR TESTING.
  PUBLIC SECTION.
    INTERFACES zif_vsp_function_invoker.
    DATA calls TYPE i.
ENDCLASS.


CLASS ltd_invoker IMPLEMENTATION.

  METHOD zif_vsp_function_invoker~invoke.
    calls = calls + 1.
    CLEAR es_outcome.
  ENDMETHOD.

ENDCLASS.


CLASS ltcl_rfc_service DEFINITION FINAL FOR TESTING
  DURATION SHORT
  RISK LEVEL HARMLESS.

  PRIVATE SECTION.
    DATA mo_invoker TYPE REF TO ltd_invoker.
    DATA mo_service TYPE REF TO zif_vsp_service.

    METHODS setup.
    METHODS wait_is_refused_in_every_form FOR TESTING RAISING zcx_vsp_error.
    METHODS commit_without_wait_runs FOR TESTING RAISING zcx_vsp_error.

    METHODS commit
      IMPORTING
        iv_parameters   TYPE string
      RETURNING
        VALUE(rv_code) TYPE string
      RAISING
        zcx_vsp_error.
ENDCLASS.


CLASS ltcl_rfc_service IMPLEMENTATION.

  METHOD setup.
    mo_invoker = NEW #( ).
    mo_service = NEW zcl_vsp_rfc_service( io_invoker   = mo_invoker
                                          io_authority = NEW zcl_vsp_authority( VALUE #( ) ) ).
    mo_service->initialize( VALUE #( session = `t` max_reply_bytes = 100000 ) ).
  ENDMETHOD.


  METHOD commit.
    TRY.
        mo_service->handle( VALUE #(
          id     = `1`
          domain = `rfc`
          action = `call`
          params = zcl_vsp_json=>parse( |\{"function":"BAPI_TRANSACTION_COMMIT","parameters":{ iv_parameters }\}| ) ) ).
      CATCH zcx_vsp_error INTO DATA(lx_error).
        rv_code = lx_error->code.
    ENDTRY.
  ENDMETHOD.


  METHOD wait_is_refused_in_every_form.
    " WAIT = anything but blank makes the module COMMIT WORK AND WAIT, which
    " ends a stateful APC session: refused whatever its JSON form.
    LOOP AT VALUE string_table( ( `{"WAIT":"X"}` ) ( `{"WAIT":true}` ) ( `{"WAIT":1}` ) ( `{"WAIT":"x"}` ) )
         INTO DATA(lv_parameters).
      cl_abap_unit_assert=>assert_equals( act = commit( lv_parameters )
                                          exp = zcx_vsp_error=>gc_code-function_denied
                                          msg = lv_parameters ).
    ENDLOOP.
    cl_abap_unit_assert=>assert_equals( act = mo_invoker->calls exp = 0 ).
  ENDMETHOD.


  METHOD commit_without_wait_runs.
    LOOP AT VALUE string_table( ( `{}` ) ( `{"WAIT":false}` ) ( `{"WAIT":""}` ) ( `{"WAIT":" "}` ) )
         INTO DATA(lv_parameters).
      cl_abap_unit_assert=>assert_equals( act = commit( lv_parameters ) exp = `` msg = lv_parameters ).
    ENDLOOP.
    cl_abap_unit_assert=>assert_equals( act = mo_invoker->calls exp = 4 ).
  ENDMETHOD.

ENDCLASS.
