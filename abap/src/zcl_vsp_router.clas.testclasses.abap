*"* Unit tests of the router: envelope handling and the system domain. The
*"* rfc domain is covered by ZCL_VSP_FUNCTION_CALL's tests and, end to end,
*"* by the contract examples in sim/testdata/contract.

CLASS ltcl_router DEFINITION FINAL FOR TESTING
  DURATION SHORT
  RISK LEVEL HARMLESS.

  PRIVATE SECTION.
    DATA mo_router TYPE REF TO zcl_vsp_router.

    METHODS setup.
    METHODS welcome_announces_protocol FOR TESTING.
    METHODS welcome_lists_debug_actions FOR TESTING.
    METHODS system_ping FOR TESTING.
    METHODS broken_json_keeps_its_id FOR TESTING.
    METHODS no_id_is_pushed FOR TESTING.
    METHODS unknown_domain FOR TESTING.
    METHODS service_that_cannot_load FOR TESTING.
    METHODS request_over_limit FOR TESTING.
    METHODS reply_limit_is_configurable FOR TESTING.

    METHODS single_frame
      IMPORTING
        iv_text         TYPE string
      RETURNING
        VALUE(rv_frame) TYPE string.
ENDCLASS.


CLASS ltcl_router IMPLEMENTATION.

  METHOD setup.
    mo_router = NEW #( it_registry = VALUE #( ( domain = `broken` class_name = 'ZCL_VSP_NO_SUCH_CLASS' ) ) ).
  ENDMETHOD.


  METHOD single_frame.
    DATA(lt_frames) = mo_router->handle( iv_text ).
    cl_abap_unit_assert=>assert_equals( act = lines( lt_frames ) exp = 1 ).
    rv_frame = lt_frames[ 1 ].
  ENDMETHOD.


  METHOD welcome_lists_debug_actions.
    " One feature per debug action the debug service serves; off-system the
    " stand-in debugger is available, so all of them.
    DATA(lv_welcome) = NEW zcl_vsp_router( )->welcome( ).
    LOOP AT zcl_vsp_debug_service=>all_actions( ) INTO DATA(lv_action).
      cl_abap_unit_assert=>assert_char_cp( act = lv_welcome exp = |*"debug.{ lv_action }"*| ).
    ENDLOOP.
    cl_abap_unit_assert=>assert_char_np( act = mo_router->welcome( ) exp = `*"debug.*` ).
  ENDMETHOD.


  METHOD welcome_announces_protocol.
    DATA(lv_welcome) = mo_router->welcome( ).
    cl_abap_unit_assert=>assert_char_cp( act = lv_welcome
                                         exp = `{"id":"welcome","success":true,"data":{"session":"*","version":"1.0.0",*` ).
    cl_abap_unit_assert=>assert_char_cp( act = lv_welcome exp = `*"protocol":2,*"frames.chunked"*"limits":{*` ).
  ENDMETHOD.


  METHOD system_ping.
    cl_abap_unit_assert=>assert_char_cp( act = single_frame( `{"id":"1","domain":"system","action":"ping"}` )
                                         exp = `{"id":"1","success":true,"data":{"pong":true,"timestamp":"*T*"}}` ).
  ENDMETHOD.


  METHOD broken_json_keeps_its_id.
    cl_abap_unit_assert=>assert_char_cp( act = single_frame( `{"id":"p1","domain":"rfc","action":` )
                                         exp = `{"id":"p1","success":false,"error":{"code":"PARSE_ERROR",*` ).
  ENDMETHOD.


  METHOD no_id_is_pushed.
    cl_abap_unit_assert=>assert_equals(
      act = single_frame( `{"domain":"system","action":"ping"}` )
      exp = `{"event":"protocolError","domain":"system","data":{"code":"PARSE_ERROR","message":"the request has no id"}}` ).
  ENDMETHOD.


  METHOD unknown_domain.
    cl_abap_unit_assert=>assert_equals(
      act = single_frame( `{"id":"2","domain":"nope","action":"x"}` )
      exp = `{"id":"2","success":false,"error":{"code":"UNKNOWN_DOMAIN","message":"Domain 'nope' not found"}}` ).
  ENDMETHOD.


  METHOD service_that_cannot_load.
    " A domain whose class is missing fails on its own; the router stays up.
    cl_abap_unit_assert=>assert_char_cp( act = single_frame( `{"id":"3","domain":"broken","action":"x"}` )
                                         exp = `{"id":"3","success":false,"error":{"code":"SERVICE_EXCEPTION",*` ).
    cl_abap_unit_assert=>assert_char_cp( act = single_frame( `{"id":"4","domain":"system","action":"ping"}` )
                                         exp = `{"id":"4","success":true,*` ).
  ENDMETHOD.


  METHOD reply_limit_is_configurable.
    cl_abap_unit_assert=>assert_equals( act = zcl_vsp_router=>configured_limits( `4194304` )-max_reply_bytes
                                        exp = 4194304 ).
    " Anything but a positive byte count keeps the default.
    LOOP AT VALUE string_table( ( `` ) ( `abc` ) ( `-5` ) ( `0` ) ( `99999999999` ) ) INTO DATA(lv_value).
      cl_abap_unit_assert=>assert_equals( act = zcl_vsp_router=>configured_limits( lv_value )
                                          exp = zcl_vsp_framer=>gc_default_limits
                                          msg = lv_value ).
    ENDLOOP.
  ENDMETHOD.


  METHOD request_over_limit.
    mo_router = NEW #( is_limits = VALUE #( max_request_bytes = 40 max_frame_bytes = 1000 max_reply_bytes = 1000 ) ).
    cl_abap_unit_assert=>assert_char_cp(
      act = single_frame( `{"id":"5","domain":"system","action":"ping","params":{"padding":"xxxxxxxx"}}` )
      exp = `{"id":"5","success":false,"error":{"code":"TOO_LARGE",*` ).
  ENDMETHOD.

ENDCLASS.
