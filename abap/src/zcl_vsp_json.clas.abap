"! <p class="shorttext synchronized">ZADT_VSP: JSON tree, parser and writer</p>
"! One instance is one JSON value. PARSE reads RFC 8259 JSON with a
"! recursive-descent parser (no regular expressions), RENDER writes it back
"! with every control character escaped, so a frame is always valid JSON.
"!
"! Numbers keep their text: the RTTI codec decides per target type how to
"! read them, so INT8 and packed numbers travel without a detour through
"! floating point. A "raw" node holds JSON text that was rendered elsewhere
"! (the codec renders table rows directly, which keeps large replies cheap).
CLASS zcl_vsp_json DEFINITION
  PUBLIC
  FINAL
  CREATE PRIVATE.

  PUBLIC SECTION.
    TYPES ty_kind TYPE c LENGTH 1.
    TYPES:
      BEGIN OF ty_member,
        name  TYPE string,
        value TYPE REF TO zcl_vsp_json,
      END OF ty_member.
    TYPES ty_members TYPE STANDARD TABLE OF ty_member WITH EMPTY KEY
                     WITH UNIQUE HASHED KEY by_name COMPONENTS name.
    TYPES ty_items TYPE STANDARD TABLE OF REF TO zcl_vsp_json WITH EMPTY KEY.

    CONSTANTS:
      BEGIN OF gc_kind,
        object  TYPE ty_kind VALUE 'O',
        array   TYPE ty_kind VALUE 'A',
        string  TYPE ty_kind VALUE 'S',
        number  TYPE ty_kind VALUE 'N',
        boolean TYPE ty_kind VALUE 'B',
        null    TYPE ty_kind VALUE 'Z',
        raw     TYPE ty_kind VALUE 'R',
      END OF gc_kind.

    "! Deeper documents are refused instead of risking a stack overflow,
    "! which would end the APC session.
    CONSTANTS gc_max_depth TYPE i VALUE 100.

    DATA kind TYPE ty_kind READ-ONLY.

    "! Public because SAP requires instance constructors of global classes in
    "! the public section; CREATE PRIVATE still keeps instantiation here.
    METHODS constructor
      IMPORTING
        iv_kind TYPE ty_kind
        iv_text TYPE string OPTIONAL.

    "! Parses a complete JSON text; anything else raises PARSE_ERROR.
    CLASS-METHODS parse
      IMPORTING
        iv_json        TYPE string
      RETURNING
        VALUE(ro_node) TYPE REF TO zcl_vsp_json
      RAISING
        zcx_vsp_error.

    "! The string value of a top-level member of a text that may not parse as
    "! a whole: members are read in order until the name is found or the text
    "! breaks. Used to answer a broken request under its own id.
    CLASS-METHODS recover_member
      IMPORTING
        iv_json         TYPE string
        iv_name         TYPE string
      RETURNING
        VALUE(rv_value) TYPE string.

    CLASS-METHODS new_object
      RETURNING
        VALUE(ro_node) TYPE REF TO zcl_vsp_json.
    CLASS-METHODS new_array
      RETURNING
        VALUE(ro_node) TYPE REF TO zcl_vsp_json.
    CLASS-METHODS new_string
      IMPORTING
        iv_value       TYPE csequence
      RETURNING
        VALUE(ro_node) TYPE REF TO zcl_vsp_json.
    "! iv_value must be a valid JSON number; callers pass ABAP-rendered numbers.
    CLASS-METHODS new_number
      IMPORTING
        iv_value       TYPE csequence
      RETURNING
        VALUE(ro_node) TYPE REF TO zcl_vsp_json.
    CLASS-METHODS new_integer
      IMPORTING
        iv_value       TYPE i
      RETURNING
        VALUE(ro_node) TYPE REF TO zcl_vsp_json.
    CLASS-METHODS new_boolean
      IMPORTING
        iv_value       TYPE abap_bool
      RETURNING
        VALUE(ro_node) TYPE REF TO zcl_vsp_json.
    CLASS-METHODS new_null
      RETURNING
        VALUE(ro_node) TYPE REF TO zcl_vsp_json.
    "! iv_json must be valid JSON; it is written out unchanged.
    CLASS-METHODS new_raw
      IMPORTING
        iv_json        TYPE string
      RETURNING
        VALUE(ro_node) TYPE REF TO zcl_vsp_json.

    "! A JSON string literal (with quotes) for any text.
    CLASS-METHODS quote
      IMPORTING
        iv_value       TYPE csequence
      RETURNING
        VALUE(rv_json) TYPE string.

    "! Size of a text in UTF-8 bytes, which is what frame limits count.
    CLASS-METHODS utf8_length
      IMPORTING
        iv_text          TYPE string
      RETURNING
        VALUE(rv_length) TYPE i.

    "! Sets (or replaces) a member of an object.
    METHODS set
      IMPORTING
        iv_name        TYPE csequence
        io_value       TYPE REF TO zcl_vsp_json
      RETURNING
        VALUE(ro_self) TYPE REF TO zcl_vsp_json.
    METHODS set_string
      IMPORTING
        iv_name        TYPE csequence
        iv_value       TYPE csequence
      RETURNING
        VALUE(ro_self) TYPE REF TO zcl_vsp_json.
    METHODS set_integer
      IMPORTING
        iv_name        TYPE csequence
        iv_value       TYPE i
      RETURNING
        VALUE(ro_self) TYPE REF TO zcl_vsp_json.
    METHODS set_boolean
      IMPORTING
        iv_name        TYPE csequence
        iv_value       TYPE abap_bool
      RETURNING
        VALUE(ro_self) TYPE REF TO zcl_vsp_json.
    "! Appends an item to an array.
    METHODS append
      IMPORTING
        io_item        TYPE REF TO zcl_vsp_json
      RETURNING
        VALUE(ro_self) TYPE REF TO zcl_vsp_json.

    "! The member of an object, or nothing (not bound) when it is absent.
    METHODS get
      IMPORTING
        iv_name         TYPE csequence
      RETURNING
        VALUE(ro_value) TYPE REF TO zcl_vsp_json.
    METHODS has
      IMPORTING
        iv_name       TYPE csequence
      RETURNING
        VALUE(rv_has) TYPE abap_bool.
    METHODS members
      RETURNING
        VALUE(rt_members) TYPE ty_members.
    METHODS items
      RETURNING
        VALUE(rt_items) TYPE ty_items.
    "! Number of members of an object or items of an array.
    METHODS size
      RETURNING
        VALUE(rv_count) TYPE i.
    "! The scalar: the unescaped string, the number's text, true/false, or the raw JSON.
    METHODS text
      RETURNING
        VALUE(rv_text) TYPE string.
    "! "a string", "an object", ...: for error messages about unexpected values.
    METHODS describe
      RETURNING
        VALUE(rv_text) TYPE string.
    METHODS render
      RETURNING
        VALUE(rv_json) TYPE string.

  PROTECTED SECTION.
  PRIVATE SECTION.
    CLASS-DATA gv_escape_set TYPE string.
    CLASS-DATA gv_control_chars TYPE string.

    DATA mv_text TYPE string.
    DATA mt_members TYPE ty_members.
    DATA mt_items TYPE ty_items.

    METHODS write
      CHANGING
        ct_parts TYPE string_table.
    CLASS-METHODS escape_set
      RETURNING
        VALUE(rv_set) TYPE string.
    CLASS-METHODS escape_char
      IMPORTING
        iv_char        TYPE string
      RETURNING
        VALUE(rv_json) TYPE string.
ENDCLASS.



CLASS zcl_vsp_json IMPLEMENTATION.

  METHOD constructor.
    kind = iv_kind.
    mv_text = iv_text.
  ENDMETHOD.


  METHOD parse.
    DATA(lo_parser) = NEW lcl_parser( iv_json ).
    ro_node = lo_parser->parse_document( ).
  ENDMETHOD.


  METHOD recover_member.
    DATA(lo_parser) = NEW lcl_parser( iv_json ).
    rv_value = lo_parser->find_member( iv_name ).
  ENDMETHOD.


  METHOD new_object.
    ro_node = NEW #( gc_kind-object ).
  ENDMETHOD.


  METHOD new_array.
    ro_node = NEW #( gc_kind-array ).
  ENDMETHOD.


  METHOD new_string.
    " A csequence keeps trailing blanks only when it is a string; callers pass
    " CHAR fields on purpose when trailing blanks carry no meaning.
    DATA lv_text TYPE string.
    lv_text = iv_value.
    ro_node = NEW #( iv_kind = gc_kind-string iv_text = lv_text ).
  ENDMETHOD.


  METHOD new_number.
    ro_node = NEW #( iv_kind = gc_kind-number iv_text = condense( iv_value ) ).
  ENDMETHOD.


  METHOD new_integer.
    ro_node = NEW #( iv_kind = gc_kind-number iv_text = |{ iv_value }| ).
  ENDMETHOD.


  METHOD new_boolean.
    ro_node = NEW #( iv_kind = gc_kind-boolean
                     iv_text = COND #( WHEN iv_value = abap_true THEN `true` ELSE `false` ) ).
  ENDMETHOD.


  METHOD new_null.
    ro_node = NEW #( gc_kind-null ).
  ENDMETHOD.


  METHOD new_raw.
    ro_node = NEW #( iv_kind = gc_kind-raw iv_text = iv_json ).
  ENDMETHOD.


  METHOD quote.
    DATA lv_value TYPE string.
    lv_value = iv_value.
    DATA(lv_set) = escape_set( ).
    IF lv_value NA lv_set.
      rv_json = `"` && lv_value && `"`.
      RETURN.
    ENDIF.

    " Copy the runs between special characters in one piece each.
    DATA lt_parts TYPE string_table.
    APPEND `"` TO lt_parts.
    DATA(lv_length) = strlen( lv_value ).
    DATA(lv_pos) = 0.
    WHILE lv_pos < lv_length.
      DATA(lv_next) = find_any_of( val = lv_value sub = lv_set off = lv_pos ).
      IF lv_next < 0.
        APPEND substring( val = lv_value off = lv_pos ) TO lt_parts.
        EXIT.
      ENDIF.
      IF lv_next > lv_pos.
        APPEND substring( val = lv_value off = lv_pos len = lv_next - lv_pos ) TO lt_parts.
      ENDIF.
      APPEND escape_char( substring( val = lv_value off = lv_next len = 1 ) ) TO lt_parts.
      lv_pos = lv_next + 1.
    ENDWHILE.
    APPEND `"` TO lt_parts.
    rv_json = concat_lines_of( table = lt_parts ).
  ENDMETHOD.


  METHOD escape_char.
    CASE iv_char.
      WHEN `"`.
        rv_json = `\"`.
      WHEN `\`.
        rv_json = `\\`.
      WHEN cl_abap_char_utilities=>newline.
        rv_json = `\n`.
      WHEN cl_abap_char_utilities=>horizontal_tab.
        rv_json = `\t`.
      WHEN OTHERS.
        " Any other control character: \u00XX, its code is its position in
        " the table of control characters.
        DATA lv_code TYPE x LENGTH 1.
        lv_code = find( val = gv_control_chars sub = iv_char ).
        rv_json = |\\u00{ lv_code }|.
    ENDCASE.
  ENDMETHOD.


  METHOD escape_set.
    " U+0000..U+001F are built from their UTF-8 bytes, which are the code
    " points themselves; there is no literal for them in ABAP source.
    IF gv_escape_set IS INITIAL.
      DATA lv_bytes TYPE xstring.
      DATA lv_byte TYPE x LENGTH 1.
      DO 32 TIMES.
        lv_byte = sy-index - 1.
        CONCATENATE lv_bytes lv_byte INTO lv_bytes IN BYTE MODE.
      ENDDO.
      TRY.
          gv_control_chars = cl_abap_codepage=>convert_from( lv_bytes ).
        CATCH cx_root.
          " Cannot happen for these 32 bytes; without them only quote and
          " backslash are escaped, which still renders \n and \t correctly.
          gv_control_chars = cl_abap_char_utilities=>newline && cl_abap_char_utilities=>horizontal_tab.
      ENDTRY.
      gv_escape_set = `"\` && gv_control_chars.
    ENDIF.
    rv_set = gv_escape_set.
  ENDMETHOD.


  METHOD utf8_length.
    " Printable ASCII is one byte per character; only other text needs the
    " conversion. Rendered JSON never contains raw control characters.
    CONSTANTS lc_ascii TYPE string
      VALUE ` !"#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\]^_``abcdefghijklmnopqrstuvwxyz{|}~`.
    IF iv_text CO lc_ascii.
      rv_length = strlen( iv_text ).
      RETURN.
    ENDIF.
    TRY.
        rv_length = xstrlen( cl_abap_codepage=>convert_to( iv_text ) ).
      CATCH cx_root.
        " Worst case of UTF-16 to UTF-8: never under-estimate a size limit.
        rv_length = 3 * strlen( iv_text ).
    ENDTRY.
  ENDMETHOD.


  METHOD set.
    DATA lv_name TYPE string.
    lv_name = iv_name.
    READ TABLE mt_members WITH TABLE KEY by_name COMPONENTS name = lv_name
         ASSIGNING FIELD-SYMBOL(<ls_member>).
    IF sy-subrc = 0.
      <ls_member>-value = io_value.
    ELSE.
      INSERT VALUE #( name = lv_name value = io_value ) INTO TABLE mt_members.
    ENDIF.
    ro_self = me.
  ENDMETHOD.


  METHOD set_string.
    ro_self = set( iv_name = iv_name io_value = new_string( iv_value ) ).
  ENDMETHOD.


  METHOD set_integer.
    ro_self = set( iv_name = iv_name io_value = new_integer( iv_value ) ).
  ENDMETHOD.


  METHOD set_boolean.
    ro_self = set( iv_name = iv_name io_value = new_boolean( iv_value ) ).
  ENDMETHOD.


  METHOD append.
    APPEND io_item TO mt_items.
    ro_self = me.
  ENDMETHOD.


  METHOD get.
    DATA lv_name TYPE string.
    lv_name = iv_name.
    READ TABLE mt_members WITH TABLE KEY by_name COMPONENTS name = lv_name
         INTO DATA(ls_member).
    IF sy-subrc = 0.
      ro_value = ls_member-value.
    ENDIF.
  ENDMETHOD.


  METHOD has.
    DATA lv_name TYPE string.
    lv_name = iv_name.
    rv_has = xsdbool( line_exists( mt_members[ KEY by_name COMPONENTS name = lv_name ] ) ).
  ENDMETHOD.


  METHOD members.
    rt_members = mt_members.
  ENDMETHOD.


  METHOD items.
    rt_items = mt_items.
  ENDMETHOD.


  METHOD size.
    rv_count = COND #( WHEN kind = gc_kind-object THEN lines( mt_members ) ELSE lines( mt_items ) ).
  ENDMETHOD.


  METHOD text.
    rv_text = mv_text.
  ENDMETHOD.


  METHOD describe.
    rv_text = SWITCH #( kind
                        WHEN gc_kind-object THEN `an object`
                        WHEN gc_kind-array THEN `an array`
                        WHEN gc_kind-string THEN `a string`
                        WHEN gc_kind-number THEN `a number`
                        WHEN gc_kind-boolean THEN `a boolean`
                        WHEN gc_kind-null THEN `null`
                        ELSE `a JSON value` ).
  ENDMETHOD.


  METHOD render.
    " Parts are joined once at the end: appending to one growing string
    " would copy it again and again for large replies.
    DATA lt_parts TYPE string_table.
    write( CHANGING ct_parts = lt_parts ).
    rv_json = concat_lines_of( table = lt_parts ).
  ENDMETHOD.


  METHOD write.
    CASE kind.
      WHEN gc_kind-object.
        APPEND `{` TO ct_parts.
        LOOP AT mt_members INTO DATA(ls_member).
          IF sy-tabix > 1.
            APPEND `,` TO ct_parts.
          ENDIF.
          APPEND quote( ls_member-name ) TO ct_parts.
          APPEND `:` TO ct_parts.
          IF ls_member-value IS BOUND.
            ls_member-value->write( CHANGING ct_parts = ct_parts ).
          ELSE.
            APPEND `null` TO ct_parts.
          ENDIF.
        ENDLOOP.
        APPEND `}` TO ct_parts.
      WHEN gc_kind-array.
        APPEND `[` TO ct_parts.
        LOOP AT mt_items INTO DATA(lo_item).
          IF sy-tabix > 1.
            APPEND `,` TO ct_parts.
          ENDIF.
          IF lo_item IS BOUND.
            lo_item->write( CHANGING ct_parts = ct_parts ).
          ELSE.
            APPEND `null` TO ct_parts.
          ENDIF.
        ENDLOOP.
        APPEND `]` TO ct_parts.
      WHEN gc_kind-string.
        APPEND quote( mv_text ) TO ct_parts.
      WHEN gc_kind-null.
        APPEND `null` TO ct_parts.
      WHEN OTHERS.
        " number, boolean and raw carry their JSON text
        APPEND mv_text TO ct_parts.
    ENDCASE.
  ENDMETHOD.

ENDCLASS.
