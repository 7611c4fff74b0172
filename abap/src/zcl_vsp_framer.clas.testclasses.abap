*"* Unit tests of framing: single frames, splitting between rows, limits.

CLASS ltcl_framer DEFINITION FINAL FOR TESTING
  DURATION SHORT
  RISK LEVEL HARMLESS.

  PRIVATE SECTION.
    METHODS small_reply_is_one_frame FOR TESTING.
    METHODS large_reply_is_split_by_rows FOR TESTING.
    METHODS reply_over_limit_is_too_large FOR TESTING.
    METHODS details_use_protocol_names FOR TESTING.
    METHODS push_has_no_id FOR TESTING.
ENDCLASS.


CLASS ltcl_framer IMPLEMENTATION.

  METHOD small_reply_is_one_frame.
    DATA(lt_frames) = NEW zcl_vsp_framer( )->success(
      iv_id = `1` io_data = zcl_vsp_json=>new_object( )->set_integer( iv_name = `a` iv_value = 1 ) ).
    cl_abap_unit_assert=>assert_equals( act = lt_frames exp = VALUE string_table( ( `{"id":"1","success":true,"data":{"a":1}}` ) ) ).
  ENDMETHOD.


  METHOD large_reply_is_split_by_rows.
    DATA(lo_rows) = zcl_vsp_json=>new_array( ).
    DO 20 TIMES.
      lo_rows->append( zcl_vsp_json=>new_raw( |\{"ROW":{ sy-index },"TEXT":"twenty characters.."\}| ) ).
    ENDDO.
    DATA(lo_data) = zcl_vsp_json=>new_object( )->set(
      iv_name = `result`
      io_value = zcl_vsp_json=>new_object( )->set( iv_name = `ET_ROWS` io_value = lo_rows
                                           )->set_string( iv_name = `EV_X` iv_value = `x` ) ).
    DATA(lo_framer) = NEW zcl_vsp_framer( VALUE #( max_request_bytes = 1000 max_frame_bytes = 256 max_reply_bytes = 100000 ) ).

    DATA(lt_frames) = lo_framer->success( iv_id = `k` io_data = lo_data ).

    cl_abap_unit_assert=>assert_true( xsdbool( lines( lt_frames ) > 2 ) ).
    LOOP AT lt_frames INTO DATA(lv_frame).
      IF sy-tabix < lines( lt_frames ).
        cl_abap_unit_assert=>assert_char_cp( act = lv_frame exp = `{"id":"k","success":true,"more":true,"data":{"result":{"ET_ROWS":[*]}}}` ).
        cl_abap_unit_assert=>assert_true( xsdbool( strlen( lv_frame ) <= 256 ) ).
      ELSE.
        cl_abap_unit_assert=>assert_equals( act = lv_frame
                                            exp = `{"id":"k","success":true,"data":{"result":{"ET_ROWS":[],"EV_X":"x"}}}` ).
      ENDIF.
    ENDLOOP.
  ENDMETHOD.


  METHOD reply_over_limit_is_too_large.
    DATA(lo_framer) = NEW zcl_vsp_framer( VALUE #( max_request_bytes = 100 max_frame_bytes = 100 max_reply_bytes = 10 ) ).
    DATA(lt_frames) = lo_framer->success( iv_id = `1` io_data = zcl_vsp_json=>new_string( `more than ten bytes` ) ).
    cl_abap_unit_assert=>assert_equals( act = lines( lt_frames ) exp = 1 ).
    cl_abap_unit_assert=>assert_char_cp( act = lt_frames[ 1 ] exp = `{"id":"1","success":false,"error":{"code":"TOO_LARGE",*` ).
  ENDMETHOD.


  METHOD details_use_protocol_names.
    DATA(lv_frame) = NEW zcl_vsp_framer( )->failure(
      iv_id    = `e`
      io_error = NEW zcx_vsp_error( iv_code    = zcx_vsp_error=>gc_code-abap_exception
                                    iv_message = `Entry 42 not found`
                                    is_details = VALUE #( key = `NOT_FOUND` msgty = `E` msgid = `ZX` msgno = `001` msgv1 = `42` ) ) ).
    cl_abap_unit_assert=>assert_equals(
      act = lv_frame
      exp = `{"id":"e","success":false,"error":{"code":"ABAP_EXCEPTION","message":"Entry 42 not found",` &&
            `"details":{"key":"NOT_FOUND","msgType":"E","msgId":"ZX","msgNo":"001","msgV1":"42"}}}` ).
  ENDMETHOD.


  METHOD push_has_no_id.
    cl_abap_unit_assert=>assert_equals(
      act = NEW zcl_vsp_framer( )->push( iv_event = `protocolError` iv_domain = `system` io_data = zcl_vsp_json=>new_object( ) )
      exp = `{"event":"protocolError","domain":"system","data":{}}` ).
  ENDMETHOD.

ENDCLASS.
