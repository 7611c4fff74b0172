*"* Recursive-descent JSON parser (RFC 8259). It walks the text with an
*"* offset and copies string runs in one piece between quotes and
*"* backslashes, so large requests are read without a per-character loop.

CLASS lcl_parser DEFINITION DEFERRED.
CLASS zcl_vsp_json DEFINITION LOCAL FRIENDS lcl_parser.

CLASS lcl_parser DEFINITION FINAL CREATE PUBLIC.
  PUBLIC SECTION.
    METHODS constructor
      IMPORTING
        iv_json TYPE string.
    METHODS parse_document
      RETURNING
        VALUE(ro_node) TYPE REF TO zcl_vsp_json
      RAISING
        zcx_vsp_error.
    METHODS find_member
      IMPORTING
        iv_name         TYPE string
      RETURNING
        VALUE(rv_value) TYPE string.

  PRIVATE SECTION.
    CONSTANTS lc_digits TYPE string VALUE `0123456789`.

    DATA mv_json TYPE string.
    DATA mv_length TYPE i.
    DATA mv_pos TYPE i.
    DATA mv_depth TYPE i.
    DATA mv_whitespace TYPE string.
    DATA mv_control TYPE string.

    METHODS parse_value
      RETURNING
        VALUE(ro_node) TYPE REF TO zcl_vsp_json
      RAISING
        zcx_vsp_error.
    METHODS parse_object
      RETURNING
        VALUE(ro_node) TYPE REF TO zcl_vsp_json
      RAISING
        zcx_vsp_error.
    METHODS parse_array
      RETURNING
        VALUE(ro_node) TYPE REF TO zcl_vsp_json
      RAISING
        zcx_vsp_error.
    METHODS parse_string
      RETURNING
        VALUE(rv_text) TYPE string
      RAISING
        zcx_vsp_error.
    METHODS parse_escape
      RETURNING
        VALUE(rv_text) TYPE string
      RAISING
        zcx_vsp_error.
    METHODS parse_unicode_escape
      RETURNING
        VALUE(rv_text) TYPE string
      RAISING
        zcx_vsp_error.
    METHODS parse_hex4
      RETURNING
        VALUE(rv_unit) TYPE i
      RAISING
        zcx_vsp_error.
    METHODS parse_number
      RETURNING
        VALUE(rv_text) TYPE string
      RAISING
        zcx_vsp_error.
    METHODS parse_word
      IMPORTING
        iv_word TYPE string
      RAISING
        zcx_vsp_error.
    METHODS enter
      RAISING
        zcx_vsp_error.
    METHODS skip_whitespace.
    METHODS peek
      RETURNING
        VALUE(rv_char) TYPE string.
    METHODS expect
      IMPORTING
        iv_char TYPE string
      RAISING
        zcx_vsp_error.
    METHODS fail
      IMPORTING
        iv_reason TYPE string
      RAISING
        zcx_vsp_error.
    CLASS-METHODS is_json_number
      IMPORTING
        iv_text          TYPE string
      RETURNING
        VALUE(rv_number) TYPE abap_bool.
    CLASS-METHODS digits_at
      IMPORTING
        iv_text         TYPE string
        iv_offset       TYPE i
      RETURNING
        VALUE(rv_count) TYPE i.
    CLASS-METHODS utf8_text
      IMPORTING
        iv_code_point  TYPE i
      RETURNING
        VALUE(rv_text) TYPE string.
    CLASS-METHODS append_byte
      IMPORTING
        iv_value TYPE i
      CHANGING
        cv_bytes TYPE xstring.
ENDCLASS.



CLASS lcl_parser IMPLEMENTATION.

  METHOD constructor.
    mv_json = iv_json.
    mv_length = strlen( iv_json ).
    zcl_vsp_json=>escape_set( ).
    mv_control = zcl_vsp_json=>gv_control_chars.
    mv_whitespace = ` ` && cl_abap_char_utilities=>horizontal_tab && cl_abap_char_utilities=>newline
                    && substring( val = cl_abap_char_utilities=>cr_lf len = 1 ).
  ENDMETHOD.


  METHOD parse_document.
    skip_whitespace( ).
    IF mv_pos >= mv_length.
      fail( `the text is empty` ).
    ENDIF.
    ro_node = parse_value( ).
    skip_whitespace( ).
    IF mv_pos < mv_length.
      fail( `unexpected text after the JSON value` ).
    ENDIF.
  ENDMETHOD.


  METHOD find_member.
    TRY.
        skip_whitespace( ).
        expect( `{` ).
        DO.
          skip_whitespace( ).
          IF peek( ) <> `"`.
            RETURN.
          ENDIF.
          DATA(lv_key) = parse_string( ).
          skip_whitespace( ).
          expect( `:` ).
          skip_whitespace( ).
          IF lv_key = iv_name.
            IF peek( ) = `"`.
              rv_value = parse_string( ).
            ENDIF.
            RETURN.
          ENDIF.
          parse_value( ).
          skip_whitespace( ).
          IF peek( ) <> `,`.
            RETURN.
          ENDIF.
          mv_pos = mv_pos + 1.
        ENDDO.
      CATCH zcx_vsp_error.
        CLEAR rv_value.
    ENDTRY.
  ENDMETHOD.


  METHOD parse_value.
    skip_whitespace( ).
    DATA(lv_char) = peek( ).
    CASE lv_char.
      WHEN ``.
        fail( `unexpected end of the text` ).
      WHEN `{`.
        ro_node = parse_object( ).
      WHEN `[`.
        ro_node = parse_array( ).
      WHEN `"`.
        ro_node = zcl_vsp_json=>new_string( parse_string( ) ).
      WHEN `t`.
        parse_word( `true` ).
        ro_node = zcl_vsp_json=>new_boolean( abap_true ).
      WHEN `f`.
        parse_word( `false` ).
        ro_node = zcl_vsp_json=>new_boolean( abap_false ).
      WHEN `n`.
        parse_word( `null` ).
        ro_node = zcl_vsp_json=>new_null( ).
      WHEN OTHERS.
        IF lv_char CA `-0123456789`.
          ro_node = zcl_vsp_json=>new_number( parse_number( ) ).
        ELSE.
          fail( |unexpected character '{ lv_char }'| ).
        ENDIF.
    ENDCASE.
  ENDMETHOD.


  METHOD parse_object.
    enter( ).
    mv_pos = mv_pos + 1.
    ro_node = zcl_vsp_json=>new_object( ).
    skip_whitespace( ).
    IF peek( ) = `}`.
      mv_pos = mv_pos + 1.
      mv_depth = mv_depth - 1.
      RETURN.
    ENDIF.
    DO.
      skip_whitespace( ).
      IF peek( ) <> `"`.
        fail( `a member name (a string) is expected` ).
      ENDIF.
      DATA(lv_name) = parse_string( ).
      skip_whitespace( ).
      expect( `:` ).
      " Duplicate names: the last one wins, as in Go's encoding/json.
      ro_node->set( iv_name = lv_name io_value = parse_value( ) ).
      skip_whitespace( ).
      CASE peek( ).
        WHEN `,`.
          mv_pos = mv_pos + 1.
        WHEN `}`.
          mv_pos = mv_pos + 1.
          EXIT.
        WHEN OTHERS.
          fail( `',' or '}' is expected` ).
      ENDCASE.
    ENDDO.
    mv_depth = mv_depth - 1.
  ENDMETHOD.


  METHOD parse_array.
    enter( ).
    mv_pos = mv_pos + 1.
    ro_node = zcl_vsp_json=>new_array( ).
    skip_whitespace( ).
    IF peek( ) = `]`.
      mv_pos = mv_pos + 1.
      mv_depth = mv_depth - 1.
      RETURN.
    ENDIF.
    DO.
      ro_node->append( parse_value( ) ).
      skip_whitespace( ).
      CASE peek( ).
        WHEN `,`.
          mv_pos = mv_pos + 1.
        WHEN `]`.
          mv_pos = mv_pos + 1.
          EXIT.
        WHEN OTHERS.
          fail( `',' or ']' is expected` ).
      ENDCASE.
    ENDDO.
    mv_depth = mv_depth - 1.
  ENDMETHOD.


  METHOD parse_string.
    DATA lt_parts TYPE string_table.
    mv_pos = mv_pos + 1.
    DO.
      DATA(lv_stop) = find_any_of( val = mv_json sub = `"\` off = mv_pos ).
      IF lv_stop < 0.
        fail( `unterminated string` ).
      ENDIF.
      IF lv_stop > mv_pos.
        DATA(lv_run) = substring( val = mv_json off = mv_pos len = lv_stop - mv_pos ).
        IF lv_run CA mv_control.
          mv_pos = mv_pos + sy-fdpos.
          fail( `control character in a string (it must be escaped)` ).
        ENDIF.
        APPEND lv_run TO lt_parts.
      ENDIF.
      mv_pos = lv_stop + 1.
      IF substring( val = mv_json off = lv_stop len = 1 ) = `"`.
        EXIT.
      ENDIF.
      APPEND parse_escape( ) TO lt_parts.
    ENDDO.
    rv_text = concat_lines_of( table = lt_parts ).
  ENDMETHOD.


  METHOD parse_escape.
    DATA(lv_char) = peek( ).
    mv_pos = mv_pos + 1.
    CASE lv_char.
      WHEN `"`.
        rv_text = `"`.
      WHEN `\`.
        rv_text = `\`.
      WHEN `/`.
        rv_text = `/`.
      WHEN `b`.
        rv_text = substring( val = mv_control off = 8 len = 1 ).
      WHEN `f`.
        rv_text = substring( val = mv_control off = 12 len = 1 ).
      WHEN `n`.
        rv_text = cl_abap_char_utilities=>newline.
      WHEN `r`.
        rv_text = substring( val = cl_abap_char_utilities=>cr_lf len = 1 ).
      WHEN `t`.
        rv_text = cl_abap_char_utilities=>horizontal_tab.
      WHEN `u`.
        rv_text = parse_unicode_escape( ).
      WHEN OTHERS.
        mv_pos = mv_pos - 1.
        fail( |invalid escape sequence '\\{ lv_char }'| ).
    ENDCASE.
  ENDMETHOD.


  METHOD parse_unicode_escape.
    " ABAP strings are UTF-16 like JSON's \u escapes, but there is no literal
    " for a code point, so it is encoded as UTF-8 and converted. A surrogate
    " pair becomes one code point; a lone surrogate becomes U+FFFD, as in Go.
    CONSTANTS lc_replacement TYPE i VALUE 65533.
    DATA lv_code_point TYPE i.
    DATA(lv_unit) = parse_hex4( ).
    IF lv_unit >= 55296 AND lv_unit <= 56319.
      lv_code_point = lc_replacement.
      IF mv_pos + 6 <= mv_length AND substring( val = mv_json off = mv_pos len = 2 ) = `\u`.
        DATA(lv_saved) = mv_pos.
        mv_pos = mv_pos + 2.
        DATA(lv_low) = parse_hex4( ).
        IF lv_low >= 56320 AND lv_low <= 57343.
          lv_code_point = 65536 + ( lv_unit - 55296 ) * 1024 + ( lv_low - 56320 ).
        ELSE.
          mv_pos = lv_saved.
        ENDIF.
      ENDIF.
    ELSEIF lv_unit >= 56320 AND lv_unit <= 57343.
      lv_code_point = lc_replacement.
    ELSE.
      lv_code_point = lv_unit.
    ENDIF.
    rv_text = utf8_text( lv_code_point ).
  ENDMETHOD.


  METHOD parse_hex4.
    DATA lv_unit TYPE x LENGTH 2.
    IF mv_pos + 4 > mv_length.
      fail( `incomplete \u escape` ).
    ENDIF.
    DATA(lv_hex) = to_upper( substring( val = mv_json off = mv_pos len = 4 ) ).
    IF lv_hex CN `0123456789ABCDEF`.
      fail( `invalid \u escape` ).
    ENDIF.
    lv_unit = lv_hex.
    rv_unit = lv_unit.
    mv_pos = mv_pos + 4.
  ENDMETHOD.


  METHOD parse_number.
    DATA(lv_end) = find_any_not_of( val = mv_json sub = `0123456789+-.eE` off = mv_pos ).
    IF lv_end < 0.
      lv_end = mv_length.
    ENDIF.
    rv_text = substring( val = mv_json off = mv_pos len = lv_end - mv_pos ).
    IF is_json_number( rv_text ) = abap_false.
      fail( |invalid number '{ rv_text }'| ).
    ENDIF.
    mv_pos = lv_end.
  ENDMETHOD.


  METHOD is_json_number.
    " -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?
    DATA(lv_length) = strlen( iv_text ).
    DATA(lv_pos) = 0.
    IF lv_pos < lv_length AND iv_text+lv_pos(1) = `-`.
      lv_pos = lv_pos + 1.
    ENDIF.
    DATA(lv_digits) = digits_at( iv_text = iv_text iv_offset = lv_pos ).
    IF lv_digits = 0 OR ( lv_digits > 1 AND iv_text+lv_pos(1) = `0` ).
      RETURN.
    ENDIF.
    lv_pos = lv_pos + lv_digits.
    IF lv_pos < lv_length AND iv_text+lv_pos(1) = `.`.
      lv_digits = digits_at( iv_text = iv_text iv_offset = lv_pos + 1 ).
      IF lv_digits = 0.
        RETURN.
      ENDIF.
      lv_pos = lv_pos + 1 + lv_digits.
    ENDIF.
    IF lv_pos < lv_length AND iv_text+lv_pos(1) CA `eE`.
      lv_pos = lv_pos + 1.
      IF lv_pos < lv_length AND iv_text+lv_pos(1) CA `+-`.
        lv_pos = lv_pos + 1.
      ENDIF.
      lv_digits = digits_at( iv_text = iv_text iv_offset = lv_pos ).
      IF lv_digits = 0.
        RETURN.
      ENDIF.
      lv_pos = lv_pos + lv_digits.
    ENDIF.
    rv_number = xsdbool( lv_pos = lv_length ).
  ENDMETHOD.


  METHOD digits_at.
    IF iv_offset >= strlen( iv_text ).
      RETURN.
    ENDIF.
    DATA(lv_end) = find_any_not_of( val = iv_text sub = lc_digits off = iv_offset ).
    IF lv_end < 0.
      lv_end = strlen( iv_text ).
    ENDIF.
    rv_count = lv_end - iv_offset.
  ENDMETHOD.


  METHOD parse_word.
    DATA(lv_length) = strlen( iv_word ).
    IF mv_pos + lv_length > mv_length
        OR substring( val = mv_json off = mv_pos len = lv_length ) <> iv_word.
      fail( |'{ iv_word }' is expected| ).
    ENDIF.
    mv_pos = mv_pos + lv_length.
  ENDMETHOD.


  METHOD enter.
    mv_depth = mv_depth + 1.
    IF mv_depth > zcl_vsp_json=>gc_max_depth.
      fail( |nesting deeper than { zcl_vsp_json=>gc_max_depth } levels| ).
    ENDIF.
  ENDMETHOD.


  METHOD skip_whitespace.
    IF mv_pos >= mv_length.
      RETURN.
    ENDIF.
    DATA(lv_next) = find_any_not_of( val = mv_json sub = mv_whitespace off = mv_pos ).
    mv_pos = COND #( WHEN lv_next < 0 THEN mv_length ELSE lv_next ).
  ENDMETHOD.


  METHOD peek.
    IF mv_pos < mv_length.
      rv_char = substring( val = mv_json off = mv_pos len = 1 ).
    ENDIF.
  ENDMETHOD.


  METHOD expect.
    IF peek( ) <> iv_char.
      fail( |'{ iv_char }' is expected| ).
    ENDIF.
    mv_pos = mv_pos + 1.
  ENDMETHOD.


  METHOD fail.
    RAISE EXCEPTION TYPE zcx_vsp_error
      EXPORTING
        iv_code    = zcx_vsp_error=>gc_code-parse_error
        iv_message = |{ iv_reason } at offset { mv_pos }|.
  ENDMETHOD.


  METHOD utf8_text.
    DATA lv_bytes TYPE xstring.
    IF iv_code_point < 128.
      append_byte( EXPORTING iv_value = iv_code_point CHANGING cv_bytes = lv_bytes ).
    ELSEIF iv_code_point < 2048.
      append_byte( EXPORTING iv_value = 192 + iv_code_point DIV 64 CHANGING cv_bytes = lv_bytes ).
      append_byte( EXPORTING iv_value = 128 + iv_code_point MOD 64 CHANGING cv_bytes = lv_bytes ).
    ELSEIF iv_code_point < 65536.
      append_byte( EXPORTING iv_value = 224 + iv_code_point DIV 4096 CHANGING cv_bytes = lv_bytes ).
      append_byte( EXPORTING iv_value = 128 + ( iv_code_point DIV 64 ) MOD 64 CHANGING cv_bytes = lv_bytes ).
      append_byte( EXPORTING iv_value = 128 + iv_code_point MOD 64 CHANGING cv_bytes = lv_bytes ).
    ELSE.
      append_byte( EXPORTING iv_value = 240 + iv_code_point DIV 262144 CHANGING cv_bytes = lv_bytes ).
      append_byte( EXPORTING iv_value = 128 + ( iv_code_point DIV 4096 ) MOD 64 CHANGING cv_bytes = lv_bytes ).
      append_byte( EXPORTING iv_value = 128 + ( iv_code_point DIV 64 ) MOD 64 CHANGING cv_bytes = lv_bytes ).
      append_byte( EXPORTING iv_value = 128 + iv_code_point MOD 64 CHANGING cv_bytes = lv_bytes ).
    ENDIF.
    TRY.
        rv_text = cl_abap_codepage=>convert_from( lv_bytes ).
      CATCH cx_root.
        " The bytes are well-formed UTF-8 by construction; should a system
        " still refuse them, the character is dropped rather than the request.
        CLEAR rv_text.
    ENDTRY.
  ENDMETHOD.


  METHOD append_byte.
    DATA lv_byte TYPE x LENGTH 1.
    lv_byte = iv_value.
    CONCATENATE cv_bytes lv_byte INTO cv_bytes IN BYTE MODE.
  ENDMETHOD.

ENDCLASS.
