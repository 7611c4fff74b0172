*"* Unit tests of binding and outcome mapping. The interface is STFC_CONNECTION's,
*"* which every AS ABAP has; the module itself is never called: a test double
*"* stands in for the invoker.

CLASS ltd_invoker DEFINITION FINAL FOR TESTING.
  PUBLIC SECTION.
    INTERFACES zif_vsp_function_invoker.
    DATA outcome TYPE zif_vsp_function_invoker=>ty_outcome.
    DATA exceptions TYPE abap_func_excpbind_tab.
    DATA bindings TYPE abap_func_parmbind_tab.
ENDCLASS.


CLASS ltd_invoker IMPLEMENTATION.

  METHOD zif_vsp_function_invoker~invoke.
    FIELD-SYMBOLS <lv_echo> TYPE any.
    FIELD-SYMBOLS <lv_request> TYPE any.
    exceptions = it_exceptions.
    bindings = ct_parameters.
    " Plays STFC_CONNECTION: ECHOTEXT = REQUTEXT
    READ TABLE ct_parameters WITH TABLE KEY kind = abap_func_importing name = 'ECHOTEXT' INTO DATA(ls_echo).
    IF sy-subrc <> 0.
      CLEAR ls_echo.
    ENDIF.
    READ TABLE ct_parameters WITH TABLE KEY kind = abap_func_exporting name = 'REQUTEXT' INTO DATA(ls_request).
    IF sy-subrc = 0 AND ls_echo-value IS BOUND.
      ASSIGN ls_echo-value->* TO <lv_echo>.
      ASSIGN ls_request-value->* TO <lv_request>.
      <lv_echo> = <lv_request>.
    ENDIF.
    es_outcome = outcome.
  ENDMETHOD.

ENDCLASS.


CLASS ltcl_function_call DEFINITION FINAL FOR TESTING
  DURATION SHORT
  RISK LEVEL HARMLESS.

  PRIVATE SECTION.
    DATA mo_invoker TYPE REF TO ltd_invoker.
    DATA mo_call TYPE REF TO zcl_vsp_function_call.

    METHODS setup RAISING zcx_vsp_error.
    METHODS echo_is_returned FOR TESTING RAISING zcx_vsp_error.
    METHODS mandatory_parameter_missing FOR TESTING.
    METHODS exporting_cannot_be_passed FOR TESTING.
    METHODS exception_table_is_named FOR TESTING RAISING zcx_vsp_error.
    METHODS error_message_is_mapped FOR TESTING RAISING zcx_vsp_error.
    METHODS class_exception_is_mapped FOR TESTING RAISING zcx_vsp_error.
    METHODS abort_message_says_rolled_back FOR TESTING RAISING zcx_vsp_error.

    METHODS expect_error
      IMPORTING
        iv_code TYPE zcx_vsp_error=>ty_code
      RETURNING
        VALUE(rx_error) TYPE REF TO zcx_vsp_error.
ENDCLASS.


CLASS ltcl_function_call IMPLEMENTATION.

  METHOD setup.
    mo_invoker = NEW #( ).
    DATA(ls_function) = NEW zcl_vsp_authority( VALUE #( ) )->lookup( `STFC_CONNECTION` ).
    mo_call = NEW #( io_interface = zcl_vsp_function_interface=>load( ls_function )
                     io_codec     = NEW #( )
                     io_invoker   = mo_invoker ).
  ENDMETHOD.


  METHOD echo_is_returned.
    mo_call->bind( zcl_vsp_json=>parse( `{"REQUTEXT":"hi"}` ) ).
    mo_call->execute( ).
    DATA(lt_outputs) = mo_call->outputs( ).
    cl_abap_unit_assert=>assert_equals( act = lt_outputs[ name = `ECHOTEXT` ]-value->render( ) exp = `"hi"` ).
    " Importing parameters are not echoed; only exporting ones are received.
    cl_abap_unit_assert=>assert_false( xsdbool( line_exists( lt_outputs[ name = `REQUTEXT` ] ) ) ).
  ENDMETHOD.


  METHOD mandatory_parameter_missing.
    TRY.
        mo_call->bind( zcl_vsp_json=>new_object( ) ).
        cl_abap_unit_assert=>fail( `no PARAM_MISSING` ).
      CATCH zcx_vsp_error INTO DATA(lx_error).
        cl_abap_unit_assert=>assert_equals( act = lx_error->code exp = zcx_vsp_error=>gc_code-param_missing ).
        cl_abap_unit_assert=>assert_equals( act = lx_error->details-parameter exp = `REQUTEXT` ).
    ENDTRY.
  ENDMETHOD.


  METHOD exporting_cannot_be_passed.
    TRY.
        mo_call->bind( zcl_vsp_json=>parse( `{"REQUTEXT":"hi","ECHOTEXT":"x"}` ) ).
        cl_abap_unit_assert=>fail( `EXPORTING parameter accepted` ).
      CATCH zcx_vsp_error INTO DATA(lx_error).
        cl_abap_unit_assert=>assert_equals( act = lx_error->code exp = zcx_vsp_error=>gc_code-param_unknown ).
    ENDTRY.
  ENDMETHOD.


  METHOD exception_table_is_named.
    mo_call->bind( zcl_vsp_json=>parse( `{"REQUTEXT":"hi"}` ) ).
    mo_call->execute( ).
    " STFC_CONNECTION declares no exceptions: ERROR_MESSAGE and OTHERS only
    cl_abap_unit_assert=>assert_equals( act = mo_invoker->exceptions[ name = 'ERROR_MESSAGE' ]-value exp = 1 ).
    cl_abap_unit_assert=>assert_equals( act = mo_invoker->exceptions[ name = 'OTHERS' ]-value exp = 2 ).
  ENDMETHOD.


  METHOD error_message_is_mapped.
    mo_call->bind( zcl_vsp_json=>parse( `{"REQUTEXT":"hi"}` ) ).
    mo_invoker->outcome = VALUE #( subrc = 1 message = VALUE #( msgty = 'E' msgid = '00' msgno = '001' msgv1 = 'A' ) ).
    DATA(lx_error) = expect_error( zcx_vsp_error=>gc_code-abap_message ).
    cl_abap_unit_assert=>assert_equals( act = lx_error->details-msgid exp = `00` ).
    cl_abap_unit_assert=>assert_equals( act = lx_error->details-msgno exp = `001` ).
  ENDMETHOD.


  METHOD abort_message_says_rolled_back.
    mo_call->bind( zcl_vsp_json=>parse( `{"REQUTEXT":"hi"}` ) ).
    mo_invoker->outcome = VALUE #( subrc = 1 message = VALUE #( msgty = 'A' msgid = '00' msgno = '001' msgv1 = 'A' ) ).
    DATA(lx_error) = expect_error( zcx_vsp_error=>gc_code-abap_message ).
    cl_abap_unit_assert=>assert_equals( act = lx_error->details-msgty exp = `A` ).
    cl_abap_unit_assert=>assert_char_cp( act = lx_error->message exp = `*rolled back*` ).
  ENDMETHOD.


  METHOD class_exception_is_mapped.
    mo_call->bind( zcl_vsp_json=>parse( `{"REQUTEXT":"hi"}` ) ).
    mo_invoker->outcome-error = NEW cx_sy_dyn_call_illegal_type( ).
    DATA(lx_error) = expect_error( zcx_vsp_error=>gc_code-type_conflict ).
    cl_abap_unit_assert=>assert_equals( act = lx_error->details-class exp = `CX_SY_DYN_CALL_ILLEGAL_TYPE` ).
  ENDMETHOD.


  METHOD expect_error.
    TRY.
        mo_call->execute( ).
        cl_abap_unit_assert=>fail( |no { iv_code }| ).
      CATCH zcx_vsp_error INTO rx_error.
        cl_abap_unit_assert=>assert_equals( act = rx_error->code exp = iv_code ).
    ENDTRY.
  ENDMETHOD.

ENDCLASS.
