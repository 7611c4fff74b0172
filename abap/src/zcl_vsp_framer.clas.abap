"! <p class="shorttext synchronized">ZADT_VSP: response frames and size limits</p>
"! Renders replies, errors and pushes as text frames:
"! <ul>
"! <li>{"id":..,"success":true,"data":..}</li>
"! <li>{"id":..,"success":false,"error":{"code":..,"message":..,"details":{..}}}</li>
"! <li>{"event":..,"domain":..,"data":..} (no id: a push)</li>
"! </ul>
"! A reply above max_reply_bytes becomes TOO_LARGE. A reply above
"! max_frame_bytes whose data has a "result" (typed call) or "tables" (old
"! call shape) object with tables is split: frames with "more":true carry
"! {"result":{"TABLE":[rows...]}} pieces, the last frame the rest, and the
"! client merges them (objects merged, arrays concatenated). A reply that
"! cannot be split into frames below max_frame_bytes (no tables, or one row
"! larger than a frame) is TOO_LARGE: 7.50 cannot send large APC messages,
"! and an oversized frame would leave the client waiting. Splitting happens only here, after the service returned,
"! i.e. after the call and its commit or rollback: every send is a database
"! commit in APC, so no frame may leave while the outcome is still open.
CLASS zcl_vsp_framer DEFINITION
  PUBLIC
  FINAL
  CREATE PUBLIC.

  PUBLIC SECTION.
    TYPES:
      BEGIN OF ty_limits,
        max_request_bytes TYPE i,
        max_frame_bytes   TYPE i,
        max_reply_bytes   TYPE i,
      END OF ty_limits.

    "! Frames stay below APC's default message size of about 1 MB; a reply
    "! may be larger and travels in several frames. A reply is bounded by
    "! 16 MB: it exists several times over in memory while it is encoded and
    "! framed, and the codec stops at this size before rendering the rest.
    CONSTANTS:
      BEGIN OF gc_default_limits,
        max_request_bytes TYPE i VALUE 8388608,
        max_frame_bytes   TYPE i VALUE 524288,
        max_reply_bytes   TYPE i VALUE 16777216,
      END OF gc_default_limits.

    DATA limits TYPE ty_limits READ-ONLY.

    METHODS constructor
      IMPORTING
        is_limits TYPE ty_limits OPTIONAL.

    METHODS success
      IMPORTING
        iv_id            TYPE string
        io_data          TYPE REF TO zcl_vsp_json
      RETURNING
        VALUE(rt_frames) TYPE string_table.

    METHODS failure
      IMPORTING
        iv_id           TYPE string
        io_error        TYPE REF TO zcx_vsp_error
      RETURNING
        VALUE(rv_frame) TYPE string.

    METHODS push
      IMPORTING
        iv_event        TYPE string
        iv_domain       TYPE string
        io_data         TYPE REF TO zcl_vsp_json
      RETURNING
        VALUE(rv_frame) TYPE string.

    "! The error object { code, message, details }.
    CLASS-METHODS error_json
      IMPORTING
        io_error       TYPE REF TO zcx_vsp_error
      RETURNING
        VALUE(ro_json) TYPE REF TO zcl_vsp_json.

  PROTECTED SECTION.
  PRIVATE SECTION.
    METHODS split
      IMPORTING
        iv_id            TYPE string
        io_data          TYPE REF TO zcl_vsp_json
      RETURNING
        VALUE(rt_frames) TYPE string_table.
    METHODS split_rows
      IMPORTING
        iv_head      TYPE string
        iv_container TYPE string
        iv_name      TYPE string
        io_rows      TYPE REF TO zcl_vsp_json
      CHANGING
        ct_frames    TYPE string_table.
    CLASS-METHODS without_tables
      IMPORTING
        io_data        TYPE REF TO zcl_vsp_json
        iv_container   TYPE string
      RETURNING
        VALUE(ro_data) TYPE REF TO zcl_vsp_json.
ENDCLASS.



CLASS zcl_vsp_framer IMPLEMENTATION.

  METHOD constructor.
    limits = COND #( WHEN is_limits IS INITIAL THEN gc_default_limits ELSE is_limits ).
  ENDMETHOD.


  METHOD success.
    DATA(lv_data) = io_data->render( ).
    DATA(lv_bytes) = zcl_vsp_json=>utf8_length( lv_data ).
    IF lv_bytes > limits-max_reply_bytes.
      APPEND failure( iv_id    = iv_id
                      io_error = NEW zcx_vsp_error(
                        iv_code    = zcx_vsp_error=>gc_code-too_large
                        iv_message = |the reply has { lv_bytes } bytes, more than the handler's limit of |
                                  && |{ limits-max_reply_bytes }; ask for fewer rows (ROWCOUNT) or fields| ) )
             TO rt_frames.
      RETURN.
    ENDIF.

    DATA(lv_frame) = `{"id":` && zcl_vsp_json=>quote( iv_id ) && `,"success":true,"data":` && lv_data && `}`.
    IF zcl_vsp_json=>utf8_length( lv_frame ) <= limits-max_frame_bytes.
      APPEND lv_frame TO rt_frames.
      RETURN.
    ENDIF.
    rt_frames = split( iv_id = iv_id io_data = io_data ).
    DATA(lv_fits) = xsdbool( rt_frames IS NOT INITIAL ).
    LOOP AT rt_frames INTO DATA(lv_part).
      IF zcl_vsp_json=>utf8_length( lv_part ) > limits-max_frame_bytes.
        lv_fits = abap_false.
        EXIT.
      ENDIF.
    ENDLOOP.
    IF lv_fits = abap_false.
      CLEAR rt_frames.
      " Nothing row-shaped to split, or a row larger than a frame: no frame
      " may exceed the limit, so the reply is refused rather than lost.
      APPEND failure( iv_id    = iv_id
                      io_error = NEW zcx_vsp_error(
                        iv_code    = zcx_vsp_error=>gc_code-too_large
                        iv_message = |the reply ({ lv_bytes } bytes) cannot be split into frames of at most |
                                  && |{ limits-max_frame_bytes } bytes; ask for fewer rows or fields| ) )
             TO rt_frames.
    ENDIF.
  ENDMETHOD.


  METHOD split.
    IF io_data->kind <> zcl_vsp_json=>gc_kind-object.
      RETURN.
    ENDIF.
    " "result" for typed calls, "tables" for the old call shape
    DATA(lv_container) = `result`.
    DATA(lo_result) = io_data->get( lv_container ).
    IF lo_result IS NOT BOUND OR lo_result->kind <> zcl_vsp_json=>gc_kind-object.
      lv_container = `tables`.
      lo_result = io_data->get( lv_container ).
    ENDIF.
    IF lo_result IS NOT BOUND OR lo_result->kind <> zcl_vsp_json=>gc_kind-object.
      RETURN.
    ENDIF.

    DATA lt_tables TYPE string_table.
    LOOP AT lo_result->members( ) INTO DATA(ls_member).
      IF ls_member-value IS BOUND AND ls_member-value->kind = zcl_vsp_json=>gc_kind-array.
        APPEND ls_member-name TO lt_tables.
      ENDIF.
    ENDLOOP.
    IF lt_tables IS INITIAL.
      RETURN.
    ENDIF.
    SORT lt_tables.

    DATA(lv_head) = `{"id":` && zcl_vsp_json=>quote( iv_id ) && `,"success":true`.
    LOOP AT lt_tables INTO DATA(lv_name).
      split_rows( EXPORTING iv_head      = lv_head
                            iv_container = lv_container
                            iv_name      = lv_name
                            io_rows      = lo_result->get( lv_name )
                  CHANGING ct_frames = rt_frames ).
    ENDLOOP.
    " The last frame names every table (empty now) and carries the rest.
    APPEND lv_head && `,"data":` && without_tables( io_data = io_data iv_container = lv_container )->render( ) && `}`
      TO rt_frames.
  ENDMETHOD.


  METHOD split_rows.
    DATA lt_rows TYPE string_table.
    DATA(lv_prefix) = iv_head && `,"more":true,"data":{` && zcl_vsp_json=>quote( iv_container ) && `:{`
                   && zcl_vsp_json=>quote( iv_name ) && `:[`.
    DATA(lv_suffix) = `]}}}`.
    DATA(lv_budget) = limits-max_frame_bytes - zcl_vsp_json=>utf8_length( lv_prefix ) - strlen( lv_suffix ).
    DATA(lv_used) = 0.

    LOOP AT io_rows->items( ) INTO DATA(lo_row).
      DATA(lv_row) = lo_row->render( ).
      DATA(lv_size) = zcl_vsp_json=>utf8_length( lv_row ) + 1.
      " A row larger than a frame still goes whole, in a frame of its own.
      IF lt_rows IS NOT INITIAL AND lv_used + lv_size > lv_budget.
        APPEND lv_prefix && concat_lines_of( table = lt_rows sep = `,` ) && lv_suffix TO ct_frames.
        CLEAR: lt_rows, lv_used.
      ENDIF.
      APPEND lv_row TO lt_rows.
      lv_used = lv_used + lv_size.
    ENDLOOP.
    IF lt_rows IS NOT INITIAL.
      APPEND lv_prefix && concat_lines_of( table = lt_rows sep = `,` ) && lv_suffix TO ct_frames.
    ENDIF.
  ENDMETHOD.


  METHOD without_tables.
    DATA(lo_result) = zcl_vsp_json=>new_object( ).
    LOOP AT io_data->get( iv_container )->members( ) INTO DATA(ls_member).
      IF ls_member-value IS BOUND AND ls_member-value->kind = zcl_vsp_json=>gc_kind-array.
        lo_result->set( iv_name = ls_member-name io_value = zcl_vsp_json=>new_array( ) ).
      ELSE.
        lo_result->set( iv_name = ls_member-name io_value = ls_member-value ).
      ENDIF.
    ENDLOOP.
    ro_data = zcl_vsp_json=>new_object( ).
    LOOP AT io_data->members( ) INTO ls_member.
      ro_data->set( iv_name = ls_member-name
                    io_value = COND #( WHEN ls_member-name = iv_container THEN lo_result ELSE ls_member-value ) ).
    ENDLOOP.
  ENDMETHOD.


  METHOD failure.
    rv_frame = zcl_vsp_json=>new_object( )->set_string( iv_name = `id` iv_value = iv_id
                                         )->set_boolean( iv_name = `success` iv_value = abap_false
                                         )->set( iv_name = `error` io_value = error_json( io_error )
                                         )->render( ).
  ENDMETHOD.


  METHOD push.
    rv_frame = zcl_vsp_json=>new_object( )->set_string( iv_name = `event` iv_value = iv_event
                                         )->set_string( iv_name = `domain` iv_value = iv_domain
                                         )->set( iv_name = `data` io_value = io_data
                                         )->render( ).
  ENDMETHOD.


  METHOD error_json.
    ro_json = zcl_vsp_json=>new_object( )->set_string( iv_name = `code` iv_value = io_error->code
                                        )->set_string( iv_name = `message` iv_value = io_error->message ).
    DATA(ls_details) = io_error->details.
    IF ls_details IS INITIAL.
      RETURN.
    ENDIF.
    " Member names as the protocol's ErrorDetails; empty ones are left out.
    DATA(lo_details) = zcl_vsp_json=>new_object( ).
    DATA(lt_fields) = VALUE string_table(
      ( `key` ) ( `class` ) ( `msgType` ) ( `msgId` ) ( `msgNo` )
      ( `msgV1` ) ( `msgV2` ) ( `msgV3` ) ( `msgV4` ) ( `parameter` ) ( `function` ) ).
    DATA(lt_values) = VALUE string_table(
      ( ls_details-key ) ( ls_details-class ) ( ls_details-msgty ) ( ls_details-msgid ) ( ls_details-msgno )
      ( ls_details-msgv1 ) ( ls_details-msgv2 ) ( ls_details-msgv3 ) ( ls_details-msgv4 )
      ( ls_details-parameter ) ( ls_details-function ) ).
    LOOP AT lt_fields INTO DATA(lv_field).
      DATA(lv_value) = lt_values[ sy-tabix ].
      IF lv_value IS NOT INITIAL.
        lo_details->set_string( iv_name = lv_field iv_value = lv_value ).
      ENDIF.
    ENDLOOP.
    ro_json->set( iv_name = `details` io_value = lo_details ).
  ENDMETHOD.

ENDCLASS.
