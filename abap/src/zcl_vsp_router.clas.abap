"! <p class="shorttext synchronized">ZADT_VSP: envelope, domain registry, dispatch</p>
"! Everything the APC handler does apart from talking to the APC runtime:
"! <ul>
"! <li>the welcome frame (version, protocol 2, domains, features, system, limits)</li>
"! <li>reading the envelope {id, domain, action, params, timeout} with a real
"!     JSON parser; a broken request is answered with PARSE_ERROR under its
"!     id when the id can be recovered, else with a system/protocolError push</li>
"! <li>the system domain (ping) and the registry of the other domains: each
"!     service is created on the first request of its domain, not before,
"!     so a domain that cannot load takes no other domain with it</li>
"! <li>turning every outcome into frames, errors included; nothing raises</li>
"! </ul>
CLASS zcl_vsp_router DEFINITION
  PUBLIC
  FINAL
  CREATE PUBLIC.

  PUBLIC SECTION.
    CONSTANTS gc_version TYPE string VALUE `1.0.0`.
    "! TVARVC parameter (STVARV) that overrides the reply limit, in bytes.
    CONSTANTS gc_reply_limit_variable TYPE c LENGTH 30 VALUE 'ZADT_VSP_MAX_REPLY_BYTES'.
    CONSTANTS gc_protocol TYPE i VALUE 2.

    TYPES:
      BEGIN OF ty_registration,
        domain     TYPE string,
        class_name TYPE c LENGTH 30,
      END OF ty_registration.
    TYPES ty_registry TYPE STANDARD TABLE OF ty_registration WITH EMPTY KEY.

    "! is_limits replaces the defaults and the configured reply limit;
    "! it_registry replaces the built-in domains (rfc, debug), for tests.
    METHODS constructor
      IMPORTING
        is_limits   TYPE zcl_vsp_framer=>ty_limits OPTIONAL
        it_registry TYPE ty_registry OPTIONAL.

    METHODS welcome
      RETURNING
        VALUE(rv_frame) TYPE string.

    "! The frames that answer one inbound text frame, in sending order.
    METHODS handle
      IMPORTING
        iv_text          TYPE string
      RETURNING
        VALUE(rt_frames) TYPE string_table.

    "! The answer to a binary frame: the protocol has text frames only.
    METHODS binary_frame
      RETURNING
        VALUE(rt_frames) TYPE string_table.

    "! The frame to send instead of a frame APC refused: an error under the
    "! refused frame's id (a system/protocolError push without one).
    METHODS undeliverable
      IMPORTING
        iv_frame        TYPE string
        iv_reason       TYPE string
      RETURNING
        VALUE(rv_frame) TYPE string.

    "! The session ends: services release their state. The open LUW is the
    "! handler's to roll back.
    METHODS close.

    "! The default limits with the reply limit an administrator configured
    "! (iv_configured: the TVARVC value; ignored unless a positive integer).
    CLASS-METHODS configured_limits
      IMPORTING
        iv_configured    TYPE csequence
      RETURNING
        VALUE(rs_limits) TYPE zcl_vsp_framer=>ty_limits.

  PROTECTED SECTION.
  PRIVATE SECTION.
    TYPES:
      BEGIN OF ty_service,
        domain  TYPE string,
        service TYPE REF TO zif_vsp_service,
      END OF ty_service.

    DATA mo_framer TYPE REF TO zcl_vsp_framer.
    DATA mt_registry TYPE ty_registry.
    DATA mt_services TYPE HASHED TABLE OF ty_service WITH UNIQUE KEY domain.
    DATA mv_session TYPE string.

    METHODS process
      IMPORTING
        iv_text          TYPE string
      RETURNING
        VALUE(rt_frames) TYPE string_table
      RAISING
        zcx_vsp_error.
    METHODS read_envelope
      IMPORTING
        io_root           TYPE REF TO zcl_vsp_json
      RETURNING
        VALUE(rs_request) TYPE zif_vsp_service=>ty_request
      RAISING
        zcx_vsp_error.
    METHODS dispatch
      IMPORTING
        is_request     TYPE zif_vsp_service=>ty_request
      RETURNING
        VALUE(ro_data) TYPE REF TO zcl_vsp_json
      RAISING
        zcx_vsp_error.
    METHODS system_action
      IMPORTING
        is_request     TYPE zif_vsp_service=>ty_request
      RETURNING
        VALUE(ro_data) TYPE REF TO zcl_vsp_json
      RAISING
        zcx_vsp_error.
    METHODS service_for
      IMPORTING
        iv_domain         TYPE string
      RETURNING
        VALUE(ro_service) TYPE REF TO zif_vsp_service
      RAISING
        zcx_vsp_error.
    "! An error that belongs to no request: answered under the id when the
    "! text still has one, else pushed as system/protocolError.
    METHODS unanswerable
      IMPORTING
        iv_text          TYPE string
        io_error         TYPE REF TO zcx_vsp_error
      RETURNING
        VALUE(rt_frames) TYPE string_table.
    METHODS protocol_error_push
      IMPORTING
        iv_code         TYPE csequence
        iv_message      TYPE string
      RETURNING
        VALUE(rv_frame) TYPE string.
    METHODS pushes_of
      IMPORTING
        iv_domain        TYPE string
      RETURNING
        VALUE(rt_frames) TYPE string_table.
    CLASS-METHODS string_member
      IMPORTING
        io_root         TYPE REF TO zcl_vsp_json
        iv_name         TYPE string
      RETURNING
        VALUE(rv_value) TYPE string
      RAISING
        zcx_vsp_error.
    CLASS-METHODS parse_error
      IMPORTING
        iv_message TYPE string
      RAISING
        zcx_vsp_error.
    CLASS-METHODS new_session_id
      RETURNING
        VALUE(rv_session) TYPE string.
ENDCLASS.



CLASS zcl_vsp_router IMPLEMENTATION.

  METHOD constructor.
    IF is_limits IS INITIAL.
      SELECT SINGLE low FROM tvarvc
        WHERE name = @gc_reply_limit_variable AND type = 'P' AND numb = '0000'
        INTO @DATA(lv_configured).
      IF sy-subrc <> 0.
        CLEAR lv_configured.
      ENDIF.
      mo_framer = NEW #( configured_limits( lv_configured ) ).
    ELSE.
      mo_framer = NEW #( is_limits ).
    ENDIF.
    mt_registry = COND #( WHEN it_registry IS SUPPLIED THEN it_registry
                          ELSE VALUE #( ( domain = `rfc` class_name = 'ZCL_VSP_RFC_SERVICE' )
                                        ( domain = `debug` class_name = 'ZCL_VSP_DEBUG_SERVICE' ) ) ).
    mv_session = new_session_id( ).
  ENDMETHOD.


  METHOD configured_limits.
    rs_limits = zcl_vsp_framer=>gc_default_limits.
    DATA(lv_text) = condense( CONV string( iv_configured ) ).
    IF lv_text = `` OR lv_text CN `0123456789` OR strlen( lv_text ) > 9.
      RETURN.
    ENDIF.
    DATA(lv_bytes) = CONV i( lv_text ).
    IF lv_bytes > 0.
      rs_limits-max_reply_bytes = lv_bytes.
    ENDIF.
  ENDMETHOD.


  METHOD new_session_id.
    TRY.
        rv_session = cl_system_uuid=>create_uuid_c32_static( ).
      CATCH cx_uuid_error.
        " Unique enough within one system for a session that lives as long
        " as its socket.
        DATA lv_now TYPE p LENGTH 11 DECIMALS 7.
        GET TIME STAMP FIELD lv_now.
        rv_session = |VSP{ lv_now }{ sy-uname }|.
    ENDTRY.
  ENDMETHOD.


  METHOD welcome.
    DATA(lo_domains) = zcl_vsp_json=>new_array( )->append( zcl_vsp_json=>new_string( `system` ) ).
    LOOP AT mt_registry INTO DATA(ls_registration).
      lo_domains->append( zcl_vsp_json=>new_string( ls_registration-domain ) ).
    ENDLOOP.
    DATA(lo_features) = zcl_vsp_json=>new_array( ).
    LOOP AT VALUE string_table( ( `rfc.typed` ) ( `rfc.exceptions` ) ( `rfc.metadata` ) ( `rfc.search` )
                                ( `rfc.luw` ) ( `frames.chunked` ) ( `push` ) ) INTO DATA(lv_feature).
      lo_features->append( zcl_vsp_json=>new_string( lv_feature ) ).
    ENDLOOP.
    " One feature per debug action the debug service can serve on this
    " system, so that clients refuse the others before sending.
    IF line_exists( mt_registry[ domain = `debug` ] ).
      LOOP AT zcl_vsp_debug_service=>served_actions( ) INTO DATA(lv_action).
        lo_features->append( zcl_vsp_json=>new_string( |debug.{ lv_action }| ) ).
      ENDLOOP.
    ENDIF.
    DATA(lo_system) = zcl_vsp_json=>new_object(
      )->set_string( iv_name = `sysid` iv_value = sy-sysid
      )->set_string( iv_name = `client` iv_value = sy-mandt
      )->set_string( iv_name = `user` iv_value = sy-uname
      )->set_string( iv_name = `language` iv_value = sy-langu
      )->set_string( iv_name = `release` iv_value = sy-saprl
      )->set_string( iv_name = `host` iv_value = sy-host ).
    DATA(lo_limits) = zcl_vsp_json=>new_object(
      )->set_integer( iv_name = `maxRequestBytes` iv_value = mo_framer->limits-max_request_bytes
      )->set_integer( iv_name = `maxFrameBytes` iv_value = mo_framer->limits-max_frame_bytes
      )->set_integer( iv_name = `maxReplyBytes` iv_value = mo_framer->limits-max_reply_bytes
      )->set_integer( iv_name = `maxDepth` iv_value = zcl_vsp_json=>gc_max_depth ).
    DATA(lo_welcome) = zcl_vsp_json=>new_object(
      )->set_string( iv_name = `session` iv_value = mv_session
      )->set_string( iv_name = `version` iv_value = gc_version
      )->set( iv_name = `domains` io_value = lo_domains
      )->set_integer( iv_name = `protocol` iv_value = gc_protocol
      )->set( iv_name = `features` io_value = lo_features
      )->set( iv_name = `system` io_value = lo_system
      )->set( iv_name = `limits` io_value = lo_limits ).
    " A welcome is far below any frame limit: it is always exactly one frame.
    DATA(lt_frames) = mo_framer->success( iv_id = `welcome` io_data = lo_welcome ).
    READ TABLE lt_frames INDEX 1 INTO rv_frame.
    IF sy-subrc <> 0.
      CLEAR rv_frame.
    ENDIF.
  ENDMETHOD.


  METHOD handle.
    TRY.
        rt_frames = process( iv_text ).
      CATCH zcx_vsp_error INTO DATA(lx_error).
        rt_frames = unanswerable( iv_text = iv_text io_error = lx_error ).
      CATCH cx_root INTO DATA(lx_root).
        " Last line of defence: an exception leaving ON_MESSAGE would end the
        " APC session, so even a bug here only costs this one request.
        CLEAR rt_frames.
        APPEND protocol_error_push( iv_code = zcx_vsp_error=>gc_code-service_exception
                                    iv_message = lx_root->get_text( ) ) TO rt_frames.
    ENDTRY.
  ENDMETHOD.


  METHOD binary_frame.
    APPEND protocol_error_push( iv_code    = zcx_vsp_error=>gc_code-protocol_error
                                iv_message = `binary frames are not supported; send JSON text frames` ) TO rt_frames.
  ENDMETHOD.


  METHOD process.
    DATA(lv_bytes) = zcl_vsp_json=>utf8_length( iv_text ).
    IF lv_bytes > mo_framer->limits-max_request_bytes.
      RAISE EXCEPTION TYPE zcx_vsp_error
        EXPORTING
          iv_code    = zcx_vsp_error=>gc_code-too_large
          iv_message = |the request has { lv_bytes } bytes; the handler accepts at most |
                    && |{ mo_framer->limits-max_request_bytes }|.
    ENDIF.

    DATA(ls_request) = read_envelope( zcl_vsp_json=>parse( iv_text ) ).
    TRY.
        DATA(lo_data) = dispatch( ls_request ).
      CATCH zcx_vsp_error INTO DATA(lx_error).
        APPEND mo_framer->failure( iv_id = ls_request-id io_error = lx_error ) TO rt_frames.
        RETURN.
      CATCH cx_root INTO DATA(lx_root).
        APPEND mo_framer->failure(
          iv_id    = ls_request-id
          io_error = NEW zcx_vsp_error(
            iv_code     = zcx_vsp_error=>gc_code-service_exception
            iv_message  = lx_root->get_text( )
            is_details  = VALUE #( class = cl_abap_typedescr=>describe_by_object_ref( lx_root )->get_relative_name( ) )
            io_previous = lx_root ) ) TO rt_frames.
        RETURN.
    ENDTRY.
    rt_frames = mo_framer->success( iv_id = ls_request-id io_data = lo_data ).
    APPEND LINES OF pushes_of( ls_request-domain ) TO rt_frames.
  ENDMETHOD.


  METHOD pushes_of.
    " Events a service queued while it answered go out after the reply.
    READ TABLE mt_services WITH TABLE KEY domain = iv_domain INTO DATA(ls_service).
    IF sy-subrc <> 0.
      RETURN.
    ENDIF.
    IF ls_service-service IS NOT INSTANCE OF zif_vsp_events.
      RETURN.
    ENDIF.
    DATA lo_events TYPE REF TO zif_vsp_events.
    lo_events ?= ls_service-service.
    LOOP AT lo_events->take_events( ) INTO DATA(ls_event).
      APPEND mo_framer->push( iv_event = ls_event-event iv_domain = iv_domain io_data = ls_event-data ) TO rt_frames.
    ENDLOOP.
  ENDMETHOD.


  METHOD read_envelope.
    IF io_root->kind <> zcl_vsp_json=>gc_kind-object.
      parse_error( `a request must be a JSON object` ).
    ENDIF.
    rs_request-id = string_member( io_root = io_root iv_name = `id` ).
    IF rs_request-id IS INITIAL.
      " Without an id there is nothing to answer to; unanswerable( ) pushes.
      RAISE EXCEPTION TYPE zcx_vsp_error
        EXPORTING
          iv_code    = zcx_vsp_error=>gc_code-parse_error
          iv_message = `the request has no id`.
    ENDIF.
    rs_request-domain = string_member( io_root = io_root iv_name = `domain` ).
    rs_request-action = string_member( io_root = io_root iv_name = `action` ).

    DATA(lo_timeout) = io_root->get( `timeout` ).
    IF lo_timeout IS BOUND AND lo_timeout->kind <> zcl_vsp_json=>gc_kind-null.
      IF lo_timeout->kind <> zcl_vsp_json=>gc_kind-number.
        parse_error( `timeout must be a number of milliseconds` ).
      ENDIF.
      TRY.
          rs_request-timeout = lo_timeout->text( ).
        CATCH cx_sy_conversion_error.
          parse_error( `timeout must be an integer number of milliseconds` ).
      ENDTRY.
    ENDIF.

    rs_request-params = io_root->get( `params` ).
    IF rs_request-params IS NOT BOUND OR rs_request-params->kind = zcl_vsp_json=>gc_kind-null.
      rs_request-params = zcl_vsp_json=>new_object( ).
    ENDIF.
  ENDMETHOD.


  METHOD string_member.
    DATA(lo_value) = io_root->get( iv_name ).
    IF lo_value IS NOT BOUND OR lo_value->kind = zcl_vsp_json=>gc_kind-null.
      RETURN.
    ENDIF.
    IF lo_value->kind <> zcl_vsp_json=>gc_kind-string.
      parse_error( |{ iv_name } must be a string| ).
    ENDIF.
    rv_value = lo_value->text( ).
  ENDMETHOD.


  METHOD parse_error.
    RAISE EXCEPTION TYPE zcx_vsp_error
      EXPORTING
        iv_code    = zcx_vsp_error=>gc_code-parse_error
        iv_message = |the request is not valid: { iv_message }|.
  ENDMETHOD.


  METHOD unanswerable.
    DATA(lv_id) = zcl_vsp_json=>recover_member( iv_json = iv_text iv_name = `id` ).
    DATA(lv_message) = io_error->message.
    IF io_error->code = zcx_vsp_error=>gc_code-parse_error AND lv_message NP `the request*`.
      lv_message = |the request is not valid JSON: { lv_message }|.
    ENDIF.
    IF lv_id IS NOT INITIAL.
      APPEND mo_framer->failure( iv_id = lv_id
                                 io_error = NEW zcx_vsp_error( iv_code    = io_error->code
                                                               iv_message = lv_message
                                                               is_details = io_error->details ) ) TO rt_frames.
    ELSE.
      APPEND protocol_error_push( iv_code = io_error->code iv_message = lv_message ) TO rt_frames.
    ENDIF.
  ENDMETHOD.


  METHOD protocol_error_push.
    rv_frame = mo_framer->push( iv_event  = `protocolError`
                                iv_domain = `system`
                                io_data   = zcl_vsp_json=>new_object( )->set_string( iv_name = `code` iv_value = iv_code
                                                                    )->set_string( iv_name = `message` iv_value = iv_message ) ).
  ENDMETHOD.


  METHOD dispatch.
    IF is_request-domain = `system`.
      ro_data = system_action( is_request ).
      RETURN.
    ENDIF.
    DATA(lo_service) = service_for( is_request-domain ).
    IF is_request-params->kind <> zcl_vsp_json=>gc_kind-object.
      RAISE EXCEPTION TYPE zcx_vsp_error
        EXPORTING
          iv_code    = zcx_vsp_error=>gc_code-invalid_params
          iv_message = `params must be a JSON object`.
    ENDIF.
    ro_data = lo_service->handle( is_request ).
  ENDMETHOD.


  METHOD system_action.
    IF is_request-action <> `ping`.
      RAISE EXCEPTION TYPE zcx_vsp_error
        EXPORTING
          iv_code    = zcx_vsp_error=>gc_code-unknown_action
          iv_message = |action '{ is_request-action }' is not supported in domain system (supported: ping)|.
    ENDIF.
    ro_data = zcl_vsp_json=>new_object( )->set_boolean( iv_name = `pong` iv_value = abap_true
                                        )->set_string( iv_name = `timestamp` iv_value = |{ sy-datum }T{ sy-uzeit }| ).
  ENDMETHOD.


  METHOD service_for.
    READ TABLE mt_services WITH TABLE KEY domain = iv_domain INTO DATA(ls_service).
    IF sy-subrc = 0.
      ro_service = ls_service-service.
      RETURN.
    ENDIF.

    READ TABLE mt_registry WITH KEY domain = iv_domain INTO DATA(ls_registration).
    IF sy-subrc <> 0.
      RAISE EXCEPTION TYPE zcx_vsp_error
        EXPORTING
          iv_code    = zcx_vsp_error=>gc_code-unknown_domain
          iv_message = |Domain '{ iv_domain }' not found|.
    ENDIF.

    TRY.
        CREATE OBJECT ro_service TYPE (ls_registration-class_name).
      CATCH cx_sy_create_object_error INTO DATA(lx_create).
        RAISE EXCEPTION TYPE zcx_vsp_error
          EXPORTING
            iv_code     = zcx_vsp_error=>gc_code-service_exception
            iv_message  = |the service of domain { iv_domain } ({ ls_registration-class_name }) |
                       && |cannot be created: { lx_create->get_text( ) }|
            is_details  = VALUE #( class = ls_registration-class_name )
            io_previous = lx_create.
    ENDTRY.
    ro_service->initialize( VALUE #( session         = mv_session
                                     max_reply_bytes = mo_framer->limits-max_reply_bytes ) ).
    INSERT VALUE #( domain = iv_domain service = ro_service ) INTO TABLE mt_services.
  ENDMETHOD.


  METHOD undeliverable.
    DATA(lv_id) = zcl_vsp_json=>recover_member( iv_json = iv_frame iv_name = `id` ).
    DATA(lv_message) = |the reply could not be sent ({ zcl_vsp_json=>utf8_length( iv_frame ) } bytes): { iv_reason }|.
    IF lv_id IS INITIAL OR lv_id = `welcome`.
      rv_frame = protocol_error_push( iv_code = zcx_vsp_error=>gc_code-too_large iv_message = lv_message ).
      RETURN.
    ENDIF.
    rv_frame = mo_framer->failure( iv_id    = lv_id
                                   io_error = NEW zcx_vsp_error( iv_code    = zcx_vsp_error=>gc_code-too_large
                                                                 iv_message = lv_message ) ).
  ENDMETHOD.


  METHOD close.
    LOOP AT mt_services INTO DATA(ls_service).
      TRY.
          ls_service-service->on_close( ).
        CATCH cx_root ##NO_HANDLER.
          " One service failing to clean up must not keep the others from it.
      ENDTRY.
    ENDLOOP.
    CLEAR mt_services.
  ENDMETHOD.

ENDCLASS.
