*"* Unit tests of the JSON parser and writer. Non-ASCII characters are
*"* written as \u escapes here so that the source stays 7-bit.

CLASS ltcl_json DEFINITION FINAL FOR TESTING
  DURATION SHORT
  RISK LEVEL HARMLESS.

  PRIVATE SECTION.
    METHODS round_trip FOR TESTING RAISING zcx_vsp_error.
    METHODS escapes_are_decoded FOR TESTING RAISING zcx_vsp_error.
    METHODS control_characters_are_escaped FOR TESTING RAISING zcx_vsp_error.
    METHODS surrogate_pair_is_one_char FOR TESTING RAISING zcx_vsp_error.
    METHODS last_duplicate_member_wins FOR TESTING RAISING zcx_vsp_error.
    METHODS numbers_keep_their_text FOR TESTING RAISING zcx_vsp_error.
    METHODS invalid_documents_fail FOR TESTING.
    METHODS id_is_recovered FOR TESTING.
    METHODS utf8_length_counts_bytes FOR TESTING RAISING zcx_vsp_error.

    METHODS assert_parse_error
      IMPORTING
        iv_json TYPE string.
ENDCLASS.


CLASS ltcl_json IMPLEMENTATION.

  METHOD round_trip.
    DATA(lv_json) = `{"a":[1,2.5,-3e2,true,false,null],"b":{"c":"x\"y\\z","d":{}},"e":[]}`.
    cl_abap_unit_assert=>assert_equals( act = zcl_vsp_json=>parse( lv_json )->render( ) exp = lv_json ).
  ENDMETHOD.


  METHOD escapes_are_decoded.
    DATA(lo_node) = zcl_vsp_json=>parse( ` { "s" : "a\nb\tc\/d\"e\\f" } ` )->get( `s` ).
    cl_abap_unit_assert=>assert_equals(
      act = lo_node->text( )
      exp = |a{ cl_abap_char_utilities=>newline }b{ cl_abap_char_utilities=>horizontal_tab }c/d"e\\f| ).
  ENDMETHOD.


  METHOD control_characters_are_escaped.
    " A raw control character would make the frame invalid JSON for any client.
    DATA(lv_text) = zcl_vsp_json=>parse( `"\u0001\r\n\t\b\f"` )->text( ).
    cl_abap_unit_assert=>assert_equals( act = zcl_vsp_json=>quote( lv_text )
                                        exp = `"\u0001\u000D\n\t\u0008\u000C"` ).
  ENDMETHOD.


  METHOD surrogate_pair_is_one_char.
    " U+1F600 is one code point, two UTF-16 units in ABAP, four UTF-8 bytes.
    DATA(lv_text) = zcl_vsp_json=>parse( `"\ud83d\ude00"` )->text( ).
    cl_abap_unit_assert=>assert_equals( act = strlen( lv_text ) exp = 2 ).
    cl_abap_unit_assert=>assert_equals( act = zcl_vsp_json=>utf8_length( lv_text ) exp = 4 ).
  ENDMETHOD.


  METHOD last_duplicate_member_wins.
    DATA(lo_object) = zcl_vsp_json=>parse( `{"a":1,"a":2}` ).
    cl_abap_unit_assert=>assert_equals( act = lo_object->size( ) exp = 1 ).
    cl_abap_unit_assert=>assert_equals( act = lo_object->get( `a` )->text( ) exp = `2` ).
  ENDMETHOD.


  METHOD numbers_keep_their_text.
    " INT8 beyond 2^53 must not pass through floating point.
    DATA(lt_items) = zcl_vsp_json=>parse( `[9007199254740993]` )->items( ).
    DATA(lo_number) = lt_items[ 1 ].
    cl_abap_unit_assert=>assert_equals( act = lo_number->kind exp = zcl_vsp_json=>gc_kind-number ).
    cl_abap_unit_assert=>assert_equals( act = lo_number->text( ) exp = `9007199254740993` ).
  ENDMETHOD.


  METHOD invalid_documents_fail.
    assert_parse_error( `` ).
    assert_parse_error( `{"a":}` ).
    assert_parse_error( `[1,]` ).
    assert_parse_error( `"abc` ).
    assert_parse_error( `01` ).
    assert_parse_error( `1.` ).
    assert_parse_error( `{"a":1} x` ).
    assert_parse_error( `{a:1}` ).
    assert_parse_error( `"\x"` ).
    assert_parse_error( `"\u12G4"` ).
    assert_parse_error( |"a{ cl_abap_char_utilities=>horizontal_tab }b"| ).
  ENDMETHOD.


  METHOD assert_parse_error.
    TRY.
        zcl_vsp_json=>parse( iv_json ).
        cl_abap_unit_assert=>fail( |accepted: { iv_json }| ).
      CATCH zcx_vsp_error INTO DATA(lx_error).
        cl_abap_unit_assert=>assert_equals( act = lx_error->code exp = zcx_vsp_error=>gc_code-parse_error ).
    ENDTRY.
  ENDMETHOD.


  METHOD id_is_recovered.
    cl_abap_unit_assert=>assert_equals(
      act = zcl_vsp_json=>recover_member( iv_json = `{"domain":"rfc","id":"7","params":{` iv_name = `id` )
      exp = `7` ).
    cl_abap_unit_assert=>assert_equals(
      act = zcl_vsp_json=>recover_member( iv_json = `{"domain":` iv_name = `id` )
      exp = `` ).
  ENDMETHOD.


  METHOD utf8_length_counts_bytes.
    DATA(lv_text) = zcl_vsp_json=>parse( `"a\u00e9\u20ac"` )->text( ).
    cl_abap_unit_assert=>assert_equals( act = zcl_vsp_json=>utf8_length( lv_text ) exp = 6 ).
    cl_abap_unit_assert=>assert_equals( act = zcl_vsp_json=>utf8_length( `{"a":1}` ) exp = 7 ).
  ENDMETHOD.

ENDCLASS.
