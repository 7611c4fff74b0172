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
    METHODS old_shape_tables_are_split FOR TESTING.
    METHODS row_over_frame_is_too_large FOR TESTING.
    METHODS unsplittable_is_too_large FOR TESTING.
    METHODS default_reply_limit_is_bounded FOR TESTING.

    METHODS rows
      IMPORTING
        iv_count       TYPE i
        iv_text        TYPE string DEFAULT `twenty characters..`
      RETURNING
        VALUE(ro_rows) TYPE REF TO zcl_vsp_json.
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

  METHOD rows.
    ro_rows = zcl_vsp_json=>new_array( ).
    DO iv_count TIMES.
      ro_rows->append( zcl_vsp_json=>new_raw( |\{"ROW":{ sy-index },"TEXT":"{ iv_text }"\}| ) ).
    ENDDO.
  ENDMETHOD.


  METHOD old_shape_tables_are_split.
    " The old call shape {subrc, exports, tables} is split like "result".
    DATA(lo_data) = zcl_vsp_json=>new_object( )->set_integer( iv_name = `subrc` iv_value = 0
      )->set( iv_name = `exports` io_value = zcl_vsp_json=>new_object( )
      )->set( iv_name = `tables` io_value = zcl_vsp_json=>new_object( )->set( iv_name = `T` io_value = rows( 20 ) ) ).
    DATA(lt_frames) = NEW zcl_vsp_framer( VALUE #( max_request_bytes = 1000 max_frame_bytes = 256 max_reply_bytes = 100000 )
                        )->success( iv_id = `o` io_data = lo_data ).
    cl_abap_unit_assert=>assert_true( xsdbool( lines( lt_frames ) > 2 ) ).
    LOOP AT lt_frames INTO DATA(lv_frame).
      cl_abap_unit_assert=>assert_true( xsdbool( strlen( lv_frame ) <= 256 ) ).
      IF sy-tabix < lines( lt_frames ).
        cl_abap_unit_assert=>assert_char_cp( act = lv_frame exp = `{"id":"o","success":true,"more":true,"data":{"tables":{"T":[*]}}}` ).
      ELSE.
        cl_abap_unit_assert=>assert_equals( act = lv_frame
                                            exp = `{"id":"o","success":true,"data":{"subrc":0,"exports":{},"tables":{"T":[]}}}` ).
      ENDIF.
    ENDLOOP.
  ENDMETHOD.


  METHOD row_over_frame_is_too_large.
    DATA(lo_data) = zcl_vsp_json=>new_object( )->set(
      iv_name = `result` io_value = zcl_vsp_json=>new_object( )->set( iv_name = `T` io_value = rows( iv_count = 3 iv_text = repeat( val = `x` occ = 300 ) ) ) ).
    DATA(lt_frames) = NEW zcl_vsp_framer( VALUE #( max_request_bytes = 1000 max_frame_bytes = 256 max_reply_bytes = 100000 )
                        )->success( iv_id = `r` io_data = lo_data ).
    cl_abap_unit_assert=>assert_equals( act = lines( lt_frames ) exp = 1 ).
    cl_abap_unit_assert=>assert_char_cp( act = lt_frames[ 1 ] exp = `{"id":"r","success":false,"error":{"code":"TOO_LARGE",*` ).
  ENDMETHOD.


  METHOD unsplittable_is_too_large.
    DATA(lt_frames) = NEW zcl_vsp_framer( VALUE #( max_request_bytes = 1000 max_frame_bytes = 256 max_reply_bytes = 100000 )
                        )->success( iv_id = `u` io_data = zcl_vsp_json=>new_string( repeat( val = `x` occ = 1000 ) ) ).
    cl_abap_unit_assert=>assert_equals( act = lines( lt_frames ) exp = 1 ).
    cl_abap_unit_assert=>assert_char_cp( act = lt_frames[ 1 ] exp = `{"id":"u","success":false,"error":{"code":"TOO_LARGE",*` ).
  ENDMETHOD.


  METHOD default_reply_limit_is_bounded.
    " The reply exists several times over while it is built: 64 MB ended in
    " memory dumps, the default must stay within 8-16 MB.
    DATA(ls_limits) = NEW zcl_vsp_framer( )->limits.
    cl_abap_unit_assert=>assert_true( xsdbool( ls_limits-max_reply_bytes BETWEEN 8388608 AND 16777216 ) ).
  ENDMETHOD.

ENDCLASS.
