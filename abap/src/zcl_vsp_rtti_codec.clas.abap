"! <p class="shorttext synchronized">ZADT_VSP: typed JSON to and from ABAP data</p>
"! Converts between JSON and data objects of any depth, driven by RTTI:
"! <ul>
"! <li>CHAR/NUMC/DATS ('YYYYMMDD')/TIMS ('HHMMSS')/STRING: JSON strings
"!     (CHAR without trailing blanks, NUMC with its leading zeros)</li>
"! <li>INT1/INT2/INT4/INT8/FLTP: JSON numbers</li>
"! <li>DEC (CURR, QUAN)/DF16/DF34: decimal strings, exact, DEC with all
"!     its decimals ("666.0000")</li>
"! <li>RAW/XSTRING: base64 strings; upper-case hex digits for calls in the
"!     old handler's form, whose clients send and expect hex</li>
"! <li>structures: objects, tables: arrays</li>
"! </ul>
"! JSON has booleans, ABAP has CHAR1 flags: true/false into a character-like
"! field is 'X'/blank.
"! Decoding refuses what ABAP would silently truncate or round (TYPE_CONFLICT)
"! and structure fields that do not exist (PARAM_UNKNOWN); errors name the
"! value's path, e.g. IT_ITEMS[2].QUANTITY. DESCRIBE renders the type
"! descriptor that rfc.getMetadata sends as "dataType".
CLASS zcl_vsp_rtti_codec DEFINITION
  PUBLIC
  FINAL
  CREATE PUBLIC.

  PUBLIC SECTION.
    TYPES ty_wire_kind TYPE c LENGTH 8.

    "! The protocol's type kinds (protocol/types.go)
    CONSTANTS:
      BEGIN OF gc_kind,
        char       TYPE ty_wire_kind VALUE 'CHAR',
        numc       TYPE ty_wire_kind VALUE 'NUMC',
        date       TYPE ty_wire_kind VALUE 'DATS',
        time       TYPE ty_wire_kind VALUE 'TIMS',
        string     TYPE ty_wire_kind VALUE 'STRING',
        int1       TYPE ty_wire_kind VALUE 'INT1',
        int2       TYPE ty_wire_kind VALUE 'INT2',
        int4       TYPE ty_wire_kind VALUE 'INT4',
        int8       TYPE ty_wire_kind VALUE 'INT8',
        float      TYPE ty_wire_kind VALUE 'FLTP',
        dec        TYPE ty_wire_kind VALUE 'DEC',
        decfloat16 TYPE ty_wire_kind VALUE 'DF16',
        decfloat34 TYPE ty_wire_kind VALUE 'DF34',
        raw        TYPE ty_wire_kind VALUE 'RAW',
        xstring    TYPE ty_wire_kind VALUE 'XSTRING',
        struct     TYPE ty_wire_kind VALUE 'STRUCT',
        table      TYPE ty_wire_kind VALUE 'TABLE',
      END OF gc_kind.

    "! iv_max_output: encoding stops with TOO_LARGE once this many characters
    "! have been written (0: no limit), before a huge table fills the memory.
    "! iv_hex_bytes: RAW/XSTRING as hex digits (the old protocol) instead of
    "! base64.
    METHODS constructor
      IMPORTING
        iv_max_output TYPE i OPTIONAL
        iv_hex_bytes  TYPE abap_bool DEFAULT abap_false
      PREFERRED PARAMETER iv_max_output.

    "! Fills cg_data from JSON; iv_path names the value in error messages.
    METHODS decode
      IMPORTING
        io_json TYPE REF TO zcl_vsp_json
        iv_path TYPE string
      CHANGING
        cg_data TYPE any
      RAISING
        zcx_vsp_error.

    "! JSON for a data object. A table becomes an array whose items are the
    "! rendered rows, so that a large reply can be split between rows.
    METHODS encode
      IMPORTING
        ig_data        TYPE any
      RETURNING
        VALUE(ro_json) TYPE REF TO zcl_vsp_json
      RAISING
        zcx_vsp_error.

    "! The type descriptor { kind, name, ddic, length, decimals, fields, line }.
    "! Not bound for references, which JSON cannot carry.
    METHODS describe
      IMPORTING
        io_type        TYPE REF TO cl_abap_datadescr
      RETURNING
        VALUE(ro_json) TYPE REF TO zcl_vsp_json.

    "! The protocol kind of an elementary type, STRUCT or TABLE.
    CLASS-METHODS wire_kind
      IMPORTING
        io_type        TYPE REF TO cl_abap_datadescr
      RETURNING
        VALUE(rv_kind) TYPE ty_wire_kind.

  PROTECTED SECTION.
  PRIVATE SECTION.
    TYPES:
      BEGIN OF ty_component,
        name TYPE string,
        "! "NAME": ready to be written
        key  TYPE string,
        type TYPE REF TO cl_abap_datadescr,
      END OF ty_component.
    TYPES ty_components TYPE STANDARD TABLE OF ty_component WITH EMPTY KEY
                        WITH UNIQUE HASHED KEY by_name COMPONENTS name.
    TYPES:
      BEGIN OF ty_structure,
        type       TYPE REF TO cl_abap_structdescr,
        components TYPE ty_components,
      END OF ty_structure.

    CONSTANTS lc_digits TYPE string VALUE `0123456789`.

    DATA mv_max_output TYPE i.
    DATA mv_hex_bytes TYPE abap_bool.
    DATA mv_output TYPE i.
    "! Components per structure type: looked up once, not once per row
    DATA mt_structures TYPE HASHED TABLE OF ty_structure WITH UNIQUE KEY type.

    METHODS components_of
      IMPORTING
        io_type              TYPE REF TO cl_abap_structdescr
      RETURNING
        VALUE(rt_components) TYPE ty_components.
    METHODS collect_components
      IMPORTING
        io_type   TYPE REF TO cl_abap_structdescr
        iv_suffix TYPE string
      CHANGING
        ct_result TYPE ty_components.

    METHODS write_value
      IMPORTING
        ig_data  TYPE any
        io_type  TYPE REF TO cl_abap_datadescr
      CHANGING
        ct_parts TYPE string_table
      RAISING
        zcx_vsp_error.
    METHODS write_rows
      IMPORTING
        it_table TYPE ANY TABLE
        io_type  TYPE REF TO cl_abap_tabledescr
      CHANGING
        ct_parts TYPE string_table
      RAISING
        zcx_vsp_error.
    METHODS emit
      IMPORTING
        iv_part  TYPE string
      CHANGING
        ct_parts TYPE string_table
      RAISING
        zcx_vsp_error.
    METHODS elementary_json
      IMPORTING
        ig_data        TYPE any
        iv_type_kind   TYPE abap_typekind
      RETURNING
        VALUE(rv_json) TYPE string.

    METHODS decode_value
      IMPORTING
        io_json TYPE REF TO zcl_vsp_json
        iv_path TYPE string
        io_type TYPE REF TO cl_abap_datadescr
      CHANGING
        cg_data TYPE any
      RAISING
        zcx_vsp_error.
    METHODS decode_structure
      IMPORTING
        io_json TYPE REF TO zcl_vsp_json
        iv_path TYPE string
        io_type TYPE REF TO cl_abap_structdescr
      CHANGING
        cg_data TYPE any
      RAISING
        zcx_vsp_error.
    METHODS decode_table
      IMPORTING
        io_json TYPE REF TO zcl_vsp_json
        iv_path TYPE string
        io_type TYPE REF TO cl_abap_tabledescr
      CHANGING
        cg_data TYPE any
      RAISING
        zcx_vsp_error.
    METHODS decode_elementary
      IMPORTING
        io_json TYPE REF TO zcl_vsp_json
        iv_path TYPE string
        io_type TYPE REF TO cl_abap_datadescr
      CHANGING
        cg_data TYPE any
      RAISING
        zcx_vsp_error.
    METHODS decode_text
      IMPORTING
        iv_text TYPE string
        iv_path TYPE string
        io_type TYPE REF TO cl_abap_datadescr
      CHANGING
        cg_data TYPE any
      RAISING
        zcx_vsp_error.
    METHODS decode_integer
      IMPORTING
        iv_text TYPE string
        iv_path TYPE string
        iv_kind TYPE ty_wire_kind
      CHANGING
        cg_data TYPE any
      RAISING
        zcx_vsp_error.
    METHODS decode_float
      IMPORTING
        iv_text TYPE string
        iv_path TYPE string
      CHANGING
        cg_data TYPE any
      RAISING
        zcx_vsp_error.
    METHODS decode_decfloat
      IMPORTING
        iv_text TYPE string
        iv_path TYPE string
        iv_kind TYPE ty_wire_kind
      CHANGING
        cg_data TYPE any
      RAISING
        zcx_vsp_error.
    METHODS decode_bytes
      IMPORTING
        io_json TYPE REF TO zcl_vsp_json
        iv_path TYPE string
        io_type TYPE REF TO cl_abap_datadescr
      CHANGING
        cg_data TYPE any
      RAISING
        zcx_vsp_error.
    METHODS exact_decimal
      IMPORTING
        iv_text         TYPE string
        iv_path         TYPE string
        iv_digits       TYPE i
        iv_decimals     TYPE i
      RETURNING
        VALUE(rv_value) TYPE string
      RAISING
        zcx_vsp_error.
    METHODS scalar_text
      IMPORTING
        io_json        TYPE REF TO zcl_vsp_json
        iv_path        TYPE string
        iv_expected    TYPE string
      RETURNING
        VALUE(rv_text) TYPE string
      RAISING
        zcx_vsp_error.
    METHODS conflict
      IMPORTING
        iv_path   TYPE string
        iv_reason TYPE string
      RAISING
        zcx_vsp_error.
    CLASS-METHODS is_integer_text
      IMPORTING
        iv_text      TYPE string
      RETURNING
        VALUE(rv_ok) TYPE abap_bool.
    CLASS-METHODS is_base64
      IMPORTING
        iv_text      TYPE string
      RETURNING
        VALUE(rv_ok) TYPE abap_bool.
    CLASS-METHODS ddic_type_of
      IMPORTING
        io_type        TYPE REF TO cl_abap_datadescr
      RETURNING
        VALUE(rv_ddic) TYPE string.
    CLASS-METHODS type_name_of
      IMPORTING
        io_type        TYPE REF TO cl_abap_datadescr
      RETURNING
        VALUE(rv_name) TYPE string.
ENDCLASS.



CLASS zcl_vsp_rtti_codec IMPLEMENTATION.

  METHOD constructor.
    mv_max_output = iv_max_output.
    mv_hex_bytes = iv_hex_bytes.
  ENDMETHOD.


  METHOD wire_kind.
    CASE io_type->kind.
      WHEN cl_abap_typedescr=>kind_struct.
        rv_kind = gc_kind-struct.
        RETURN.
      WHEN cl_abap_typedescr=>kind_table.
        rv_kind = gc_kind-table.
        RETURN.
    ENDCASE.
    rv_kind = SWITCH #( io_type->type_kind
                        WHEN cl_abap_typedescr=>typekind_char THEN gc_kind-char
                        WHEN cl_abap_typedescr=>typekind_num THEN gc_kind-numc
                        WHEN cl_abap_typedescr=>typekind_date THEN gc_kind-date
                        WHEN cl_abap_typedescr=>typekind_time THEN gc_kind-time
                        WHEN cl_abap_typedescr=>typekind_int1 THEN gc_kind-int1
                        WHEN cl_abap_typedescr=>typekind_int2 THEN gc_kind-int2
                        WHEN cl_abap_typedescr=>typekind_int THEN gc_kind-int4
                        WHEN cl_abap_typedescr=>typekind_int8 THEN gc_kind-int8
                        WHEN cl_abap_typedescr=>typekind_float THEN gc_kind-float
                        WHEN cl_abap_typedescr=>typekind_packed THEN gc_kind-dec
                        WHEN cl_abap_typedescr=>typekind_decfloat16 THEN gc_kind-decfloat16
                        WHEN cl_abap_typedescr=>typekind_decfloat34 THEN gc_kind-decfloat34
                        WHEN cl_abap_typedescr=>typekind_hex THEN gc_kind-raw
                        WHEN cl_abap_typedescr=>typekind_xstring THEN gc_kind-xstring
                        " string, and types newer than the protocol (UTCLONG, ...),
                        " travel as their text
                        ELSE gc_kind-string ).
  ENDMETHOD.


  METHOD components_of.
    READ TABLE mt_structures WITH TABLE KEY type = io_type INTO DATA(ls_structure).
    IF sy-subrc <> 0.
      ls_structure-type = io_type.
      collect_components( EXPORTING io_type = io_type iv_suffix = ``
                          CHANGING ct_result = ls_structure-components ).
      INSERT ls_structure INTO TABLE mt_structures.
    ENDIF.
    rt_components = ls_structure-components.
  ENDMETHOD.


  METHOD collect_components.
    " Includes (.INCLUDE, INCLUDE TYPE ... RENAMING WITH SUFFIX) are
    " flattened: their fields are fields of the structure, as in SE11.
    LOOP AT io_type->get_components( ) INTO DATA(ls_component).
      IF ls_component-as_include = abap_true.
        collect_components( EXPORTING io_type = CAST #( ls_component-type )
                                      iv_suffix = iv_suffix && ls_component-suffix
                            CHANGING ct_result = ct_result ).
      ELSE.
        DATA(lv_name) = ls_component-name && iv_suffix.
        INSERT VALUE #( name = lv_name
                        key  = zcl_vsp_json=>quote( lv_name ) && `:`
                        type = ls_component-type ) INTO TABLE ct_result.
      ENDIF.
    ENDLOOP.
  ENDMETHOD.


  METHOD encode.
    DATA lt_parts TYPE string_table.
    DATA(lo_type) = CAST cl_abap_datadescr( cl_abap_typedescr=>describe_by_data( ig_data ) ).
    IF lo_type->kind <> cl_abap_typedescr=>kind_table.
      write_value( EXPORTING ig_data = ig_data io_type = lo_type CHANGING ct_parts = lt_parts ).
      ro_json = zcl_vsp_json=>new_raw( concat_lines_of( table = lt_parts ) ).
      RETURN.
    ENDIF.

    FIELD-SYMBOLS <lt_table> TYPE ANY TABLE.
    ASSIGN ig_data TO <lt_table>.
    DATA(lo_line) = CAST cl_abap_tabledescr( lo_type )->get_table_line_type( ).
    ro_json = zcl_vsp_json=>new_array( ).
    LOOP AT <lt_table> ASSIGNING FIELD-SYMBOL(<lg_row>).
      CLEAR lt_parts.
      write_value( EXPORTING ig_data = <lg_row> io_type = lo_line CHANGING ct_parts = lt_parts ).
      ro_json->append( zcl_vsp_json=>new_raw( concat_lines_of( table = lt_parts ) ) ).
    ENDLOOP.
  ENDMETHOD.


  METHOD write_value.
    FIELD-SYMBOLS <lg_field> TYPE any.
    CASE io_type->kind.
      WHEN cl_abap_typedescr=>kind_elem.
        emit( EXPORTING iv_part = elementary_json( ig_data = ig_data iv_type_kind = io_type->type_kind )
              CHANGING ct_parts = ct_parts ).
      WHEN cl_abap_typedescr=>kind_struct.
        APPEND `{` TO ct_parts.
        LOOP AT components_of( CAST #( io_type ) ) INTO DATA(ls_component).
          IF sy-tabix > 1.
            APPEND `,` TO ct_parts.
          ENDIF.
          emit( EXPORTING iv_part = ls_component-key CHANGING ct_parts = ct_parts ).
          ASSIGN COMPONENT ls_component-name OF STRUCTURE ig_data TO <lg_field>.
          IF sy-subrc = 0.
            write_value( EXPORTING ig_data = <lg_field> io_type = ls_component-type
                         CHANGING ct_parts = ct_parts ).
          ELSE.
            APPEND `null` TO ct_parts.
          ENDIF.
        ENDLOOP.
        APPEND `}` TO ct_parts.
      WHEN cl_abap_typedescr=>kind_table.
        FIELD-SYMBOLS <lt_table> TYPE ANY TABLE.
        ASSIGN ig_data TO <lt_table>.
        write_rows( EXPORTING it_table = <lt_table> io_type = CAST #( io_type ) CHANGING ct_parts = ct_parts ).
      WHEN OTHERS.
        " Data and object references have no JSON form.
        APPEND `null` TO ct_parts.
    ENDCASE.
  ENDMETHOD.


  METHOD write_rows.
    " A counter, not sy-tabix: LOOP over a hashed table leaves sy-tabix 0.
    DATA lv_row TYPE i.
    DATA(lo_line) = io_type->get_table_line_type( ).
    APPEND `[` TO ct_parts.
    LOOP AT it_table ASSIGNING FIELD-SYMBOL(<lg_row>).
      lv_row = lv_row + 1.
      IF lv_row > 1.
        APPEND `,` TO ct_parts.
      ENDIF.
      write_value( EXPORTING ig_data = <lg_row> io_type = lo_line CHANGING ct_parts = ct_parts ).
    ENDLOOP.
    APPEND `]` TO ct_parts.
  ENDMETHOD.


  METHOD emit.
    APPEND iv_part TO ct_parts.
    mv_output = mv_output + strlen( iv_part ).
    IF mv_max_output > 0 AND mv_output > mv_max_output.
      RAISE EXCEPTION TYPE zcx_vsp_error
        EXPORTING
          iv_code    = zcx_vsp_error=>gc_code-too_large
          iv_message = |the reply is larger than the handler's limit of { mv_max_output } bytes; |
                    && |ask for fewer rows (ROWCOUNT) or fields|.
    ENDIF.
  ENDMETHOD.


  METHOD elementary_json.
    " String templates render numbers in mathematical notation with a leading
    " minus and "." as decimal separator, packed numbers with all their
    " decimals, and character fields without trailing blanks: exactly the
    " protocol's forms, independent of user settings.
    CASE iv_type_kind.
      WHEN cl_abap_typedescr=>typekind_int
          OR cl_abap_typedescr=>typekind_int1
          OR cl_abap_typedescr=>typekind_int2
          OR cl_abap_typedescr=>typekind_int8
          OR cl_abap_typedescr=>typekind_float.
        rv_json = |{ ig_data }|.
      WHEN cl_abap_typedescr=>typekind_hex
          OR cl_abap_typedescr=>typekind_xstring.
        DATA lv_bytes TYPE xstring.
        lv_bytes = ig_data.
        IF mv_hex_bytes = abap_true.
          " xstring to string: upper-case hex digits
          rv_json = zcl_vsp_json=>quote( |{ lv_bytes }| ).
        ELSE.
          rv_json = zcl_vsp_json=>quote( cl_http_utility=>encode_x_base64( lv_bytes ) ).
        ENDIF.
      WHEN OTHERS.
        " CHAR, NUMC, DATS, TIMS, STRING and, as exact decimal strings, DEC and DF16/DF34
        rv_json = zcl_vsp_json=>quote( |{ ig_data }| ).
    ENDCASE.
  ENDMETHOD.


  METHOD describe.
    ro_json = zcl_vsp_json=>new_object( ).
    CASE io_type->kind.
      WHEN cl_abap_typedescr=>kind_elem.
        DATA(lv_kind) = wire_kind( io_type ).
        ro_json->set_string( iv_name = `kind` iv_value = lv_kind ).
        DATA(lv_name) = type_name_of( io_type ).
        IF lv_name IS NOT INITIAL.
          ro_json->set_string( iv_name = `name` iv_value = lv_name ).
        ENDIF.
        DATA(lv_ddic) = ddic_type_of( io_type ).
        IF lv_ddic IS NOT INITIAL AND lv_ddic <> lv_kind
            AND NOT ( lv_ddic = `STRG` AND lv_kind = gc_kind-string )
            AND NOT ( lv_ddic = `RSTR` AND lv_kind = gc_kind-xstring ).
          ro_json->set_string( iv_name = `ddic` iv_value = lv_ddic ).
        ENDIF.
        " Lengths count characters for CHAR/NUMC, digits for DEC, bytes for RAW.
        CASE lv_kind.
          WHEN gc_kind-char OR gc_kind-numc.
            ro_json->set_integer( iv_name = `length` iv_value = io_type->length / cl_abap_char_utilities=>charsize ).
          WHEN gc_kind-date.
            ro_json->set_integer( iv_name = `length` iv_value = 8 ).
          WHEN gc_kind-time.
            ro_json->set_integer( iv_name = `length` iv_value = 6 ).
          WHEN gc_kind-dec.
            ro_json->set_integer( iv_name = `length` iv_value = 2 * io_type->length - 1 ).
            IF io_type->decimals > 0.
              ro_json->set_integer( iv_name = `decimals` iv_value = io_type->decimals ).
            ENDIF.
          WHEN gc_kind-raw.
            ro_json->set_integer( iv_name = `length` iv_value = io_type->length ).
        ENDCASE.

      WHEN cl_abap_typedescr=>kind_struct.
        ro_json->set_string( iv_name = `kind` iv_value = gc_kind-struct ).
        lv_name = type_name_of( io_type ).
        IF lv_name IS NOT INITIAL.
          ro_json->set_string( iv_name = `name` iv_value = lv_name ).
        ENDIF.
        DATA(lo_fields) = zcl_vsp_json=>new_array( ).
        LOOP AT components_of( CAST #( io_type ) ) INTO DATA(ls_component).
          DATA(lo_field) = describe( ls_component-type ).
          IF lo_field IS BOUND.
            " A field's "name" is the component name, not its type's name.
            lo_fields->append( lo_field->set_string( iv_name = `name` iv_value = ls_component-name ) ).
          ENDIF.
        ENDLOOP.
        ro_json->set( iv_name = `fields` io_value = lo_fields ).

      WHEN cl_abap_typedescr=>kind_table.
        ro_json->set_string( iv_name = `kind` iv_value = gc_kind-table ).
        lv_name = type_name_of( io_type ).
        IF lv_name IS NOT INITIAL.
          ro_json->set_string( iv_name = `name` iv_value = lv_name ).
        ENDIF.
        DATA(lo_line) = describe( CAST cl_abap_tabledescr( io_type )->get_table_line_type( ) ).
        IF lo_line IS BOUND.
          ro_json->set( iv_name = `line` io_value = lo_line ).
        ENDIF.

      WHEN OTHERS.
        CLEAR ro_json.
    ENDCASE.
  ENDMETHOD.


  METHOD type_name_of.
    " Only dictionary types have a name a user can look up; technical names of
    " types built at runtime (%_T...) are left out.
    IF io_type->is_ddic_type( ) = abap_true.
      rv_name = io_type->get_relative_name( ).
    ENDIF.
  ENDMETHOD.


  METHOD ddic_type_of.
    DATA lo_element TYPE REF TO cl_abap_elemdescr.
    DATA ls_field TYPE dfies.
    IF io_type->is_ddic_type( ) = abap_false.
      RETURN.
    ENDIF.
    lo_element ?= io_type.
    lo_element->get_ddic_field( RECEIVING p_flddescr = ls_field
                                EXCEPTIONS not_found = 1 no_ddic_type = 2 OTHERS = 3 ).
    IF sy-subrc = 0.
      rv_ddic = ls_field-datatype.
    ENDIF.
  ENDMETHOD.


  METHOD decode.
    DATA(lo_type) = CAST cl_abap_datadescr( cl_abap_typedescr=>describe_by_data( cg_data ) ).
    decode_value( EXPORTING io_json = io_json iv_path = iv_path io_type = lo_type
                  CHANGING cg_data = cg_data ).
  ENDMETHOD.


  METHOD decode_value.
    IF io_json IS NOT BOUND OR io_json->kind = zcl_vsp_json=>gc_kind-null.
      " null stands for the initial value, as an absent field does
      CLEAR cg_data.
      RETURN.
    ENDIF.
    CASE io_type->kind.
      WHEN cl_abap_typedescr=>kind_elem.
        decode_elementary( EXPORTING io_json = io_json iv_path = iv_path io_type = io_type
                           CHANGING cg_data = cg_data ).
      WHEN cl_abap_typedescr=>kind_struct.
        decode_structure( EXPORTING io_json = io_json iv_path = iv_path io_type = CAST #( io_type )
                          CHANGING cg_data = cg_data ).
      WHEN cl_abap_typedescr=>kind_table.
        decode_table( EXPORTING io_json = io_json iv_path = iv_path io_type = CAST #( io_type )
                      CHANGING cg_data = cg_data ).
      WHEN OTHERS.
        conflict( iv_path = iv_path iv_reason = `a reference cannot be passed as JSON` ).
    ENDCASE.
  ENDMETHOD.


  METHOD decode_structure.
    FIELD-SYMBOLS <lg_field> TYPE any.
    IF io_json->kind <> zcl_vsp_json=>gc_kind-object.
      conflict( iv_path = iv_path iv_reason = |a structure (object) is expected, got { io_json->describe( ) }| ).
    ENDIF.
    DATA(lt_components) = components_of( io_type ).
    DATA(lt_members) = io_json->members( ).
    " Unknown fields first: a misspelt field must not pass as "left initial".
    LOOP AT lt_members INTO DATA(ls_member).
      IF NOT line_exists( lt_components[ KEY by_name COMPONENTS name = ls_member-name ] ).
        RAISE EXCEPTION TYPE zcx_vsp_error
          EXPORTING
            iv_code    = zcx_vsp_error=>gc_code-param_unknown
            iv_message = |field '{ ls_member-name }' not found in { iv_path }|
            is_details = VALUE #( parameter = |{ iv_path }.{ ls_member-name }| ).
      ENDIF.
    ENDLOOP.
    LOOP AT lt_members INTO ls_member.
      DATA(ls_component) = lt_components[ KEY by_name COMPONENTS name = ls_member-name ].
      ASSIGN COMPONENT ls_member-name OF STRUCTURE cg_data TO <lg_field>.
      IF sy-subrc <> 0.
        conflict( iv_path = |{ iv_path }.{ ls_member-name }| iv_reason = `the field cannot be addressed` ).
      ENDIF.
      decode_value( EXPORTING io_json = ls_member-value
                              iv_path = |{ iv_path }.{ ls_member-name }|
                              io_type = ls_component-type
                    CHANGING cg_data = <lg_field> ).
    ENDLOOP.
  ENDMETHOD.


  METHOD decode_table.
    FIELD-SYMBOLS <lt_table> TYPE ANY TABLE.
    FIELD-SYMBOLS <lg_line> TYPE any.
    DATA lr_line TYPE REF TO data.
    IF io_json->kind <> zcl_vsp_json=>gc_kind-array.
      conflict( iv_path = iv_path iv_reason = |a table (array) is expected, got { io_json->describe( ) }| ).
    ENDIF.
    ASSIGN cg_data TO <lt_table>.
    CLEAR <lt_table>.
    DATA(lo_line) = io_type->get_table_line_type( ).
    CREATE DATA lr_line TYPE HANDLE lo_line.
    ASSIGN lr_line->* TO <lg_line>.
    LOOP AT io_json->items( ) INTO DATA(lo_item).
      DATA(lv_path) = |{ iv_path }[{ sy-tabix - 1 }]|.
      CLEAR <lg_line>.
      decode_value( EXPORTING io_json = lo_item iv_path = lv_path io_type = lo_line
                    CHANGING cg_data = <lg_line> ).
      INSERT <lg_line> INTO TABLE <lt_table>.
      IF sy-subrc <> 0.
        conflict( iv_path = lv_path iv_reason = `duplicate key in a table with a unique key` ).
      ENDIF.
    ENDLOOP.
  ENDMETHOD.


  METHOD decode_elementary.
    CASE io_type->type_kind.
      WHEN cl_abap_typedescr=>typekind_hex OR cl_abap_typedescr=>typekind_xstring.
        decode_bytes( EXPORTING io_json = io_json iv_path = iv_path io_type = io_type
                      CHANGING cg_data = cg_data ).
      WHEN OTHERS.
        DATA(lv_kind) = wire_kind( io_type ).
        " COND, not SWITCH: SWITCH takes one operand per WHEN.
        DATA(lv_expected) = COND string(
          WHEN lv_kind = gc_kind-int1 OR lv_kind = gc_kind-int2 OR lv_kind = gc_kind-int4 OR lv_kind = gc_kind-int8
          THEN `an integer`
          WHEN lv_kind = gc_kind-float THEN `a number`
          WHEN lv_kind = gc_kind-dec OR lv_kind = gc_kind-decfloat16 OR lv_kind = gc_kind-decfloat34
          THEN `a decimal number`
          ELSE `text` ).
        DATA(lv_text) = COND string(
          " ABAP's boolean is a CHAR1 flag: true is 'X', false is blank
          WHEN lv_expected = `text` AND io_json->kind = zcl_vsp_json=>gc_kind-boolean
          THEN COND #( WHEN io_json->text( ) = `true` THEN `X` ELSE `` )
          ELSE scalar_text( io_json = io_json iv_path = iv_path iv_expected = lv_expected ) ).
        decode_text( EXPORTING iv_text = lv_text
                               iv_path = iv_path
                               io_type = io_type
                     CHANGING cg_data = cg_data ).
    ENDCASE.
  ENDMETHOD.


  METHOD decode_text.
    DATA(lv_kind) = wire_kind( io_type ).
    DATA(lv_text) = iv_text.
    CASE lv_kind.
      WHEN gc_kind-char.
        lv_text = shift_right( val = lv_text sub = ` ` ).
        DATA(lv_capacity) = io_type->length / cl_abap_char_utilities=>charsize.
        IF strlen( lv_text ) > lv_capacity.
          conflict( iv_path = iv_path iv_reason = |{ strlen( lv_text ) } characters do not fit CHAR({ lv_capacity })| ).
        ENDIF.
        cg_data = lv_text.

      WHEN gc_kind-numc.
        lv_text = condense( lv_text ).
        lv_capacity = io_type->length / cl_abap_char_utilities=>charsize.
        IF lv_text CN lc_digits.
          conflict( iv_path = iv_path iv_reason = |NUMC takes digits only, got "{ lv_text }"| ).
        ENDIF.
        IF strlen( lv_text ) > lv_capacity.
          lv_text = shift_left( val = lv_text sub = `0` ).
          IF strlen( lv_text ) > lv_capacity.
            conflict( iv_path = iv_path iv_reason = |{ strlen( lv_text ) } digits do not fit NUMC({ lv_capacity })| ).
          ENDIF.
        ENDIF.
        cg_data = lv_text.

      WHEN gc_kind-date.
        lv_text = condense( lv_text ).
        IF strlen( lv_text ) = 10 AND lv_text+4(1) = `-` AND lv_text+7(1) = `-`.
          lv_text = lv_text(4) && lv_text+5(2) && lv_text+8(2).
        ENDIF.
        IF lv_text IS INITIAL.
          CLEAR cg_data.
          RETURN.
        ENDIF.
        IF strlen( lv_text ) <> 8 OR lv_text CN lc_digits.
          conflict( iv_path = iv_path iv_reason = |a date YYYYMMDD is expected, got "{ lv_text }"| ).
        ENDIF.
        cg_data = lv_text.

      WHEN gc_kind-time.
        lv_text = condense( lv_text ).
        IF strlen( lv_text ) = 8 AND lv_text+2(1) = `:` AND lv_text+5(1) = `:`.
          lv_text = lv_text(2) && lv_text+3(2) && lv_text+6(2).
        ENDIF.
        IF lv_text IS INITIAL.
          CLEAR cg_data.
          RETURN.
        ENDIF.
        IF strlen( lv_text ) <> 6 OR lv_text CN lc_digits.
          conflict( iv_path = iv_path iv_reason = |a time HHMMSS is expected, got "{ lv_text }"| ).
        ENDIF.
        cg_data = lv_text.

      WHEN gc_kind-int1 OR gc_kind-int2 OR gc_kind-int4 OR gc_kind-int8.
        decode_integer( EXPORTING iv_text = lv_text iv_path = iv_path iv_kind = lv_kind
                        CHANGING cg_data = cg_data ).

      WHEN gc_kind-float.
        decode_float( EXPORTING iv_text = lv_text iv_path = iv_path CHANGING cg_data = cg_data ).

      WHEN gc_kind-dec.
        cg_data = exact_decimal( iv_text     = lv_text
                                 iv_path     = iv_path
                                 iv_digits   = 2 * io_type->length - 1
                                 iv_decimals = io_type->decimals ).

      WHEN gc_kind-decfloat16 OR gc_kind-decfloat34.
        decode_decfloat( EXPORTING iv_text = lv_text iv_path = iv_path iv_kind = lv_kind
                         CHANGING cg_data = cg_data ).

      WHEN OTHERS.
        " STRING, and newer types that take their text form
        TRY.
            cg_data = lv_text.
          CATCH cx_sy_conversion_error INTO DATA(lx_conversion).
            conflict( iv_path = iv_path iv_reason = lx_conversion->get_text( ) ).
        ENDTRY.
    ENDCASE.
  ENDMETHOD.


  METHOD decode_integer.
    CONSTANTS lc_min_int2 TYPE int8 VALUE -32768.
    CONSTANTS lc_max_int2 TYPE int8 VALUE 32767.
    CONSTANTS lc_min_int4 TYPE int8 VALUE -2147483648.
    CONSTANTS lc_max_int4 TYPE int8 VALUE 2147483647.
    DATA lv_value TYPE int8.
    DATA lv_min TYPE int8.
    DATA lv_max TYPE int8.
    DATA(lv_text) = condense( iv_text ).
    IF is_integer_text( lv_text ) = abap_false.
      conflict( iv_path = iv_path iv_reason = |an integer is expected, got "{ lv_text }"| ).
    ENDIF.
    TRY.
        lv_value = lv_text.
      CATCH cx_sy_conversion_error.
        conflict( iv_path = iv_path iv_reason = |{ lv_text } is outside the range of INT8| ).
    ENDTRY.
    CASE iv_kind.
      WHEN gc_kind-int1.
        lv_min = 0.
        lv_max = 255.
      WHEN gc_kind-int2.
        lv_min = lc_min_int2.
        lv_max = lc_max_int2.
      WHEN gc_kind-int4.
        lv_min = lc_min_int4.
        lv_max = lc_max_int4.
      WHEN OTHERS.
        cg_data = lv_value.
        RETURN.
    ENDCASE.
    IF lv_value < lv_min OR lv_value > lv_max.
      conflict( iv_path = iv_path iv_reason = |{ lv_text } is outside the range of { iv_kind } ({ lv_min }..{ lv_max })| ).
    ENDIF.
    cg_data = lv_value.
  ENDMETHOD.


  METHOD decode_float.
    DATA lv_value TYPE f.
    DATA(lv_text) = to_upper( condense( iv_text ) ).
    " ABAP reads an empty text as 0; a number must be given.
    IF lv_text IS INITIAL.
      conflict( iv_path = iv_path iv_reason = `a floating-point number is expected, got ""` ).
    ENDIF.
    TRY.
        lv_value = lv_text.
      CATCH cx_sy_conversion_error.
        conflict( iv_path = iv_path iv_reason = |a floating-point number is expected, got "{ lv_text }"| ).
    ENDTRY.
    cg_data = lv_value.
  ENDMETHOD.


  METHOD decode_decfloat.
    DATA lv_value TYPE decfloat34.
    DATA(lv_text) = to_upper( condense( iv_text ) ).
    IF lv_text IS INITIAL.
      CLEAR cg_data.
      RETURN.
    ENDIF.
    " Significant digits of the mantissa: assigning more would round silently.
    DATA(lv_mantissa) = lv_text.
    FIND `E` IN lv_mantissa MATCH OFFSET DATA(lv_exponent_at).
    IF sy-subrc = 0.
      lv_mantissa = lv_mantissa(lv_exponent_at).
    ENDIF.
    lv_mantissa = replace( val = lv_mantissa sub = `.` with = `` occ = 0 ).
    lv_mantissa = replace( val = lv_mantissa sub = `-` with = `` occ = 0 ).
    lv_mantissa = replace( val = lv_mantissa sub = `+` with = `` occ = 0 ).
    lv_mantissa = shift_left( val = lv_mantissa sub = `0` ).
    lv_mantissa = shift_right( val = lv_mantissa sub = `0` ).
    DATA(lv_max_digits) = COND i( WHEN iv_kind = gc_kind-decfloat16 THEN 16 ELSE 34 ).
    IF strlen( lv_mantissa ) > lv_max_digits.
      conflict( iv_path = iv_path
                iv_reason = |{ lv_text } has more than the { lv_max_digits } significant digits of { iv_kind }| ).
    ENDIF.
    TRY.
        lv_value = lv_text.
        cg_data = lv_value.
      CATCH cx_sy_conversion_overflow.
        conflict( iv_path = iv_path
                  iv_reason = |{ lv_text } is outside the range of { iv_kind } | &&
                              COND string( WHEN iv_kind = gc_kind-decfloat16
                                           THEN `(magnitudes from 1E-383 to below 1E385)`
                                           ELSE `(magnitudes from 1E-6143 to below 1E6145)` ) ).
      CATCH cx_sy_conversion_error.
        conflict( iv_path = iv_path iv_reason = |a decimal floating-point number is expected, got "{ lv_text }"| ).
    ENDTRY.
  ENDMETHOD.


  METHOD decode_bytes.
    DATA lv_bytes TYPE xstring.
    DATA(lv_form) = COND string( WHEN mv_hex_bytes = abap_true THEN `hex` ELSE `base64` ).
    IF io_json->kind <> zcl_vsp_json=>gc_kind-string.
      conflict( iv_path = iv_path iv_reason = |bytes (a { lv_form } string) are expected, got { io_json->describe( ) }| ).
    ENDIF.
    DATA(lv_text) = io_json->text( ).
    IF mv_hex_bytes = abap_true.
      " Checked first: ABAP's string to xstring conversion stops silently at
      " the first character that is no hex digit.
      IF lv_text CN `0123456789ABCDEFabcdef` OR strlen( lv_text ) MOD 2 <> 0.
        conflict( iv_path = iv_path iv_reason = `hex bytes (an even number of hex digits) are expected` ).
      ENDIF.
      lv_bytes = to_upper( lv_text ).
    ELSE.
      IF is_base64( lv_text ) = abap_false.
        conflict( iv_path = iv_path iv_reason = `base64 bytes are expected` ).
      ENDIF.
      lv_bytes = cl_http_utility=>decode_x_base64( lv_text ).
    ENDIF.
    IF io_type->type_kind = cl_abap_typedescr=>typekind_hex AND xstrlen( lv_bytes ) > io_type->length.
      conflict( iv_path = iv_path iv_reason = |{ xstrlen( lv_bytes ) } bytes do not fit RAW({ io_type->length })| ).
    ENDIF.
    " A shorter value is padded with zero bytes on the right, as ABAP does.
    cg_data = lv_bytes.
  ENDMETHOD.


  METHOD exact_decimal.
    " Packed numbers are assigned from a plain decimal text that has exactly
    " the type's decimals: ABAP's own conversion would round extra decimals
    " away and cannot read exponents, so the text is normalised here first.
    DATA(lv_text) = to_upper( condense( iv_text ) ).
    DATA(lv_sign) = ``.
    IF lv_text IS INITIAL.
      rv_value = `0`.
      RETURN.
    ENDIF.
    IF lv_text(1) = `-` OR lv_text(1) = `+`.
      IF lv_text(1) = `-`.
        lv_sign = `-`.
      ENDIF.
      lv_text = substring( val = lv_text off = 1 ).
    ENDIF.

    DATA(lv_exponent) = 0.
    FIND `E` IN lv_text MATCH OFFSET DATA(lv_exponent_at).
    IF sy-subrc = 0.
      DATA(lv_exponent_text) = substring( val = lv_text off = lv_exponent_at + 1 ).
      lv_text = lv_text(lv_exponent_at).
      IF is_integer_text( shift_left( val = lv_exponent_text sub = `+` ) ) = abap_false
          OR strlen( lv_exponent_text ) > 4.
        conflict( iv_path = iv_path iv_reason = |a decimal number is expected, got "{ iv_text }"| ).
      ENDIF.
      lv_exponent = shift_left( val = lv_exponent_text sub = `+` ).
    ENDIF.

    SPLIT lv_text AT `.` INTO DATA(lv_integer) DATA(lv_fraction) DATA(lv_rest).
    IF lv_rest IS NOT INITIAL
        OR ( lv_integer IS INITIAL AND lv_fraction IS INITIAL )
        OR lv_integer CN lc_digits OR lv_fraction CN lc_digits
        OR abs( lv_exponent ) > 64.
      conflict( iv_path = iv_path iv_reason = |a decimal number is expected, got "{ iv_text }"| ).
    ENDIF.

    " value = digits * 10^-scale
    DATA(lv_digits) = lv_integer && lv_fraction.
    DATA(lv_scale) = strlen( lv_fraction ) - lv_exponent.
    IF lv_scale > iv_decimals.
      DATA(lv_surplus) = lv_scale - iv_decimals.
      WHILE strlen( lv_digits ) <= lv_surplus.
        lv_digits = `0` && lv_digits.
      ENDWHILE.
      DATA(lv_cut) = strlen( lv_digits ) - lv_surplus.
      IF lv_digits+lv_cut CN `0`.
        conflict( iv_path = iv_path iv_reason = |{ iv_text } has more than { iv_decimals } decimals| ).
      ENDIF.
      lv_digits = lv_digits(lv_cut).
    ELSE.
      DO iv_decimals - lv_scale TIMES.
        lv_digits = lv_digits && `0`.
      ENDDO.
    ENDIF.

    lv_digits = shift_left( val = lv_digits sub = `0` ).
    IF strlen( lv_digits ) > iv_digits.
      conflict( iv_path = iv_path iv_reason = |{ iv_text } does not fit DEC({ iv_digits },{ iv_decimals })| ).
    ENDIF.
    WHILE strlen( lv_digits ) <= iv_decimals.
      lv_digits = `0` && lv_digits.
    ENDWHILE.
    DATA(lv_point) = strlen( lv_digits ) - iv_decimals.
    rv_value = lv_sign && lv_digits(lv_point).
    IF iv_decimals > 0.
      rv_value = rv_value && `.` && lv_digits+lv_point.
    ENDIF.
  ENDMETHOD.


  METHOD scalar_text.
    CASE io_json->kind.
      WHEN zcl_vsp_json=>gc_kind-string OR zcl_vsp_json=>gc_kind-number.
        rv_text = io_json->text( ).
      WHEN OTHERS.
        conflict( iv_path = iv_path iv_reason = |{ iv_expected } is expected, got { io_json->describe( ) }| ).
    ENDCASE.
  ENDMETHOD.


  METHOD conflict.
    RAISE EXCEPTION TYPE zcx_vsp_error
      EXPORTING
        iv_code    = zcx_vsp_error=>gc_code-type_conflict
        iv_message = |{ iv_path }: { iv_reason }|
        is_details = VALUE #( parameter = iv_path ).
  ENDMETHOD.


  METHOD is_integer_text.
    DATA(lv_digits) = iv_text.
    IF strlen( lv_digits ) > 0 AND lv_digits(1) = `-`.
      lv_digits = substring( val = lv_digits off = 1 ).
    ENDIF.
    rv_ok = xsdbool( lv_digits IS NOT INITIAL AND lv_digits CO lc_digits ).
  ENDMETHOD.


  METHOD is_base64.
    " Standard alphabet with padding, as Go's encoding/base64 writes it.
    CONSTANTS lc_alphabet TYPE string VALUE `ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/`.
    DATA(lv_length) = strlen( iv_text ).
    IF lv_length MOD 4 <> 0.
      RETURN.
    ENDIF.
    DATA(lv_body) = shift_right( val = iv_text sub = `=` ).
    rv_ok = xsdbool( lv_length - strlen( lv_body ) <= 2 AND lv_body CO lc_alphabet ).
  ENDMETHOD.

ENDCLASS.
