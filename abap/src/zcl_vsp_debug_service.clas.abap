"! <p class="shorttext synchronized">ZADT_VSP: the debug domain (skeleton)</p>
"! Registered behind the same ZIF_VSP_SERVICE as the rfc domain, so the
"! router serves two domains from its registry. Only getStatus is
"! implemented. The other actions of the old handler's debug domain are
"! answered with UNKNOWN_ACTION and a message that says they are planned:
"! they need TPDAPI and, to keep the socket responsive, ABAP timers and
"! push events instead of blocking calls (see docs/abap-install.md).
CLASS zcl_vsp_debug_service DEFINITION
  PUBLIC
  FINAL
  CREATE PUBLIC.

  PUBLIC SECTION.
    INTERFACES zif_vsp_service.

  PROTECTED SECTION.
  PRIVATE SECTION.
    DATA ms_context TYPE zif_vsp_service=>ty_context.

    METHODS get_status
      RETURNING
        VALUE(ro_data) TYPE REF TO zcl_vsp_json.
    CLASS-METHODS planned_actions
      RETURNING
        VALUE(rt_actions) TYPE string_table.
ENDCLASS.



CLASS zcl_vsp_debug_service IMPLEMENTATION.

  METHOD zif_vsp_service~initialize.
    ms_context = is_context.
  ENDMETHOD.


  METHOD zif_vsp_service~on_close.
    " No breakpoints or debuggee are held yet, so nothing is left behind.
    RETURN.
  ENDMETHOD.


  METHOD zif_vsp_service~handle.
    IF is_request-action = `getStatus`.
      ro_data = get_status( ).
      RETURN.
    ENDIF.

    DATA(lt_planned) = planned_actions( ).
    DATA(lv_planned) = concat_lines_of( table = lt_planned sep = `, ` ).
    IF line_exists( lt_planned[ table_line = is_request-action ] ).
      RAISE EXCEPTION TYPE zcx_vsp_error
        EXPORTING
          iv_code    = zcx_vsp_error=>gc_code-unknown_action
          iv_message = |debug action '{ is_request-action }' is planned but not implemented in handler |
                    && |version { zcl_vsp_router=>gc_version } (implemented: getStatus; planned: { lv_planned })|.
    ENDIF.
    RAISE EXCEPTION TYPE zcx_vsp_error
      EXPORTING
        iv_code    = zcx_vsp_error=>gc_code-unknown_action
        iv_message = |action '{ is_request-action }' is not supported in domain debug (supported: getStatus)|.
  ENDMETHOD.


  METHOD get_status.
    " The old handler's getStatus shape, so its clients can read it, plus
    " what this handler version implements.
    DATA(lo_implemented) = zcl_vsp_json=>new_array( )->append( zcl_vsp_json=>new_string( `getStatus` ) ).
    DATA(lo_planned) = zcl_vsp_json=>new_array( ).
    LOOP AT planned_actions( ) INTO DATA(lv_action).
      lo_planned->append( zcl_vsp_json=>new_string( lv_action ) ).
    ENDLOOP.
    ro_data = zcl_vsp_json=>new_object(
      )->set_string( iv_name = `sessionId` iv_value = ms_context-session
      )->set_string( iv_name = `user` iv_value = sy-uname
      )->set_integer( iv_name = `breakpointCount` iv_value = 0
      )->set_boolean( iv_name = `attached` iv_value = abap_false
      )->set_string( iv_name = `attachedDebuggee` iv_value = ``
      )->set_boolean( iv_name = `listenerActive` iv_value = abap_false
      )->set_boolean( iv_name = `debuggingAvailable` iv_value = abap_false
      )->set_integer( iv_name = `waitingDebuggees` iv_value = 0
      )->set( iv_name = `implemented` io_value = lo_implemented
      )->set( iv_name = `planned` io_value = lo_planned ).
  ENDMETHOD.


  METHOD planned_actions.
    rt_actions = VALUE #( ( `setBreakpoint` ) ( `getBreakpoints` ) ( `deleteBreakpoint` )
                          ( `listen` ) ( `getDebuggees` ) ( `attach` ) ( `step` )
                          ( `getStack` ) ( `getVariables` ) ( `detach` ) ).
  ENDMETHOD.

ENDCLASS.
