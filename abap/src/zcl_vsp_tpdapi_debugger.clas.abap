"! <p class="shorttext synchronized">ZADT_VSP: the external debugger over SAP's TPDAPI</p>
"! ZIF_VSP_DEBUGGER on top of SAP's external-debugger API (CL_TPDAPI_SERVICE
"! and its interfaces), the API the ABAP Development Tools debug with. This is
"! the only class of the handler that names TPDAPI: on a system without the
"! API it alone does not activate, and the debug service serves getStatus.
"!
"! Breakpoints are external breakpoints in user mode: the IDE user and the
"! request user are both the logged-on user, so calls of that user stop and
"! no one else's. The IDE id is one per socket, so that the user's sessions
"! do not take over each other's listener or breakpoint context.
"!
"! Every TPDAPI exception ends here as ZCX_VSP_ERROR with the debug domain's
"! codes and SAP's text.
CLASS zcl_vsp_tpdapi_debugger DEFINITION
  PUBLIC
  FINAL
  CREATE PUBLIC.

  PUBLIC SECTION.
    INTERFACES zif_vsp_debugger.

  PROTECTED SECTION.
  PRIVATE SECTION.
    TYPES:
      BEGIN OF ty_handle,
        handle TYPE string,
        bp     TYPE REF TO if_tpdapi_bp,
      END OF ty_handle.

    DATA mo_service TYPE REF TO if_tpdapi_service.
    DATA mo_session TYPE REF TO if_tpdapi_session.
    DATA mv_ide_id TYPE if_tpdapi_service=>typ_ide_id.
    DATA mv_context_set TYPE abap_bool.
    DATA mv_listened TYPE abap_bool.
    DATA mt_handles TYPE STANDARD TABLE OF ty_handle WITH EMPTY KEY.
    DATA mv_next_handle TYPE i.

    METHODS service
      RETURNING
        VALUE(ro_service) TYPE REF TO if_tpdapi_service
      RAISING
        zcx_vsp_error.
    METHODS session
      RETURNING
        VALUE(ro_session) TYPE REF TO if_tpdapi_session
      RAISING
        zcx_vsp_error.
    METHODS ensure_context
      RAISING
        zcx_vsp_error.
    METHODS ide_id
      RETURNING
        VALUE(rv_ide_id) TYPE if_tpdapi_service=>typ_ide_id.
    METHODS to_debuggees
      IMPORTING
        it_debuggees        TYPE if_tpdapi_service=>typ_tab_debuggees
      RETURNING
        VALUE(rt_debuggees) TYPE zif_vsp_debugger=>ty_debuggees.
    CLASS-METHODS fail
      IMPORTING
        iv_code    TYPE zcx_vsp_error=>ty_code
        iv_message TYPE string
        ix_error   TYPE REF TO cx_root OPTIONAL
      RAISING
        zcx_vsp_error.
ENDCLASS.



CLASS zcl_vsp_tpdapi_debugger IMPLEMENTATION.

  METHOD fail.
    DATA(lv_message) = iv_message.
    DATA(lv_class) = ``.
    IF ix_error IS BOUND.
      lv_message = |{ lv_message }: { ix_error->get_text( ) }|.
      lv_class = cl_abap_typedescr=>describe_by_object_ref( ix_error )->get_relative_name( ).
    ENDIF.
    RAISE EXCEPTION TYPE zcx_vsp_error
      EXPORTING
        iv_code     = iv_code
        iv_message  = lv_message
        is_details  = VALUE #( class = lv_class )
        io_previous = ix_error.
  ENDMETHOD.


  METHOD ide_id.
    IF mv_ide_id IS INITIAL.
      TRY.
          mv_ide_id = cl_system_uuid=>create_uuid_c32_static( ).
        CATCH cx_uuid_error.
          DATA lv_now TYPE p LENGTH 11 DECIMALS 7.
          GET TIME STAMP FIELD lv_now.
          mv_ide_id = |VSP{ lv_now }|.
      ENDTRY.
    ENDIF.
    rv_ide_id = mv_ide_id.
  ENDMETHOD.


  METHOD service.
    IF mo_service IS NOT BOUND.
      mo_service = cl_tpdapi_service=>s_get_instance( ).
    ENDIF.
    IF mo_service IS NOT BOUND.
      fail( iv_code = zif_vsp_debugger=>gc_code-debugger_failed iv_message = `SAP's debugger service is not available` ).
    ENDIF.
    ro_service = mo_service.
  ENDMETHOD.


  METHOD session.
    IF mo_session IS NOT BOUND.
      fail( iv_code = zif_vsp_debugger=>gc_code-not_attached iv_message = `No debuggee attached` ).
    ENDIF.
    ro_session = mo_session.
  ENDMETHOD.


  METHOD ensure_context.
    IF mv_context_set = abap_true.
      RETURN.
    ENDIF.
    DATA(lo_service) = service( ).
    TRY.
        " Without an activated session the kernel offers the stopped call to
        " no one; the terminal id is the IDE id, one per socket.
        lo_service->activate_session_for_ext_debug( i_ide_user    = sy-uname
                                                    i_terminal_id = ide_id( )
                                                    i_ide_id      = ide_id( ) ).
        lo_service->get_static_bp_services( )->set_external_bp_context_user( i_ide_user     = sy-uname
                                                                            i_request_user = sy-uname
                                                                            i_ide_id       = ide_id( ) ).
      CATCH cx_tpdapi_not_authorized INTO DATA(lx_authority).
        fail( iv_code = zcx_vsp_error=>gc_code-not_authorized
              iv_message = |SAP refused external debugging to user { sy-uname }| ix_error = lx_authority ).
      CATCH cx_root INTO DATA(lx_error).
        fail( iv_code = zif_vsp_debugger=>gc_code-debugger_failed
              iv_message = `The external breakpoint context cannot be set` ix_error = lx_error ).
    ENDTRY.
    mv_context_set = abap_true.
  ENDMETHOD.


  METHOD zif_vsp_debugger~is_available.
    TRY.
        rv_available = cl_tpdapi_service=>is_debugging_available( ).
      CATCH cx_root.
        rv_available = abap_false.
    ENDTRY.
  ENDMETHOD.


  METHOD zif_vsp_debugger~is_authorized.
    " The debugger's own check: display authority for object type DEBUG.
    AUTHORITY-CHECK OBJECT 'S_DEVELOP'
      ID 'DEVCLASS' DUMMY
      ID 'OBJTYPE' FIELD 'DEBUG'
      ID 'OBJNAME' DUMMY
      ID 'P_GROUP' DUMMY
      ID 'ACTVT' FIELD '03'.
    rv_authorized = xsdbool( sy-subrc = 0 ).
  ENDMETHOD.


  METHOD zif_vsp_debugger~create_breakpoint.
    ensure_context( ).
    DATA lo_bp TYPE REF TO if_tpdapi_bp.
    TRY.
        DATA(lo_bp_services) = service( )->get_static_bp_services( ).
        CASE is_breakpoint-kind.
          WHEN zif_vsp_debugger=>gc_kind-line.
            IF is_breakpoint-include IS INITIAL.
              lo_bp = lo_bp_services->create_line_breakpoint( i_main_program = is_breakpoint-program
                                                              i_line_nr      = is_breakpoint-line ).
            ELSE.
              lo_bp = lo_bp_services->create_line_breakpoint( i_main_program = is_breakpoint-program
                                                              i_include      = is_breakpoint-include
                                                              i_line_nr      = is_breakpoint-line ).
            ENDIF.
          WHEN zif_vsp_debugger=>gc_kind-statement.
            lo_bp = lo_bp_services->create_statement_breakpoint( i_statement = is_breakpoint-statement ).
          WHEN zif_vsp_debugger=>gc_kind-exception.
            lo_bp = lo_bp_services->create_exception_breakpoint( i_exception = is_breakpoint-exception ).
        ENDCASE.
      CATCH cx_tpdapi_existing INTO DATA(lx_existing).
        fail( iv_code = zif_vsp_debugger=>gc_code-breakpoint_exists
              iv_message = `The breakpoint already exists` ix_error = lx_existing ).
      CATCH cx_root INTO DATA(lx_error).
        fail( iv_code = zif_vsp_debugger=>gc_code-set_breakpoint_failed
              iv_message = `SAP refused the breakpoint` ix_error = lx_error ).
    ENDTRY.
    mv_next_handle = mv_next_handle + 1.
    rv_handle = |{ mv_next_handle }|.
    APPEND VALUE #( handle = rv_handle bp = lo_bp ) TO mt_handles.
  ENDMETHOD.


  METHOD zif_vsp_debugger~delete_breakpoint.
    READ TABLE mt_handles WITH KEY handle = iv_handle INTO DATA(ls_handle).
    IF sy-subrc <> 0.
      fail( iv_code = zif_vsp_debugger=>gc_code-not_found iv_message = |Breakpoint handle { iv_handle } not found| ).
    ENDIF.
    DELETE mt_handles WHERE handle = iv_handle.
    TRY.
        service( )->get_static_bp_services( )->delete_breakpoint( ls_handle-bp ).
      CATCH cx_root INTO DATA(lx_error).
        fail( iv_code = zif_vsp_debugger=>gc_code-debugger_failed
              iv_message = `SAP could not delete the breakpoint` ix_error = lx_error ).
    ENDTRY.
  ENDMETHOD.


  METHOD zif_vsp_debugger~listen.
    ensure_context( ).
    DATA(lo_service) = service( ).
    TRY.
        lo_service->check_listener_conflict_user( i_user = sy-uname i_ide_id = ide_id( ) ).
      CATCH cx_abdbg_actext_conflict_lis INTO DATA(lx_conflict).
        fail( iv_code = zif_vsp_debugger=>gc_code-listener_conflict
              iv_message = |Another session is already listening for debuggees of { sy-uname }| ix_error = lx_conflict ).
      CATCH cx_root INTO DATA(lx_check).
        fail( iv_code = zif_vsp_debugger=>gc_code-debugger_failed
              iv_message = `The listener cannot start` ix_error = lx_check ).
    ENDTRY.
    mv_listened = abap_true.
    TRY.
        lo_service->start_listener_for_user( i_request_user = sy-uname
                                             i_ide_user     = sy-uname
                                             i_ide_id       = ide_id( )
                                             i_timeout      = iv_seconds ).
        rt_debuggees = to_debuggees( lo_service->get_waiting_debuggees( i_ide_id       = ide_id( )
                                                                        i_request_user = sy-uname
                                                                        i_ide_user     = sy-uname ) ).
      CATCH cx_abdbg_actext_lis_timeout.
        CLEAR rt_debuggees.
      CATCH cx_abdbg_actext_conflict_lis INTO DATA(lx_late_conflict).
        fail( iv_code = zif_vsp_debugger=>gc_code-listener_conflict
              iv_message = |Another session is already listening for debuggees of { sy-uname }| ix_error = lx_late_conflict ).
      CATCH cx_root INTO DATA(lx_error).
        fail( iv_code = zif_vsp_debugger=>gc_code-debugger_failed iv_message = `Listening failed` ix_error = lx_error ).
    ENDTRY.
  ENDMETHOD.


  METHOD zif_vsp_debugger~waiting_debuggees.
    TRY.
        rt_debuggees = to_debuggees( service( )->get_waiting_debuggees( i_ide_id       = ide_id( )
                                                                        i_request_user = sy-uname
                                                                        i_ide_user     = sy-uname ) ).
      CATCH cx_root INTO DATA(lx_error).
        fail( iv_code = zif_vsp_debugger=>gc_code-debugger_failed
              iv_message = `The waiting debuggees cannot be read` ix_error = lx_error ).
    ENDTRY.
  ENDMETHOD.


  METHOD to_debuggees.
    LOOP AT it_debuggees INTO DATA(ls_debuggee).
      " Only the user's own calls, whatever the API hands out.
      IF ls_debuggee-debuggee_user <> sy-uname.
        CONTINUE.
      ENDIF.
      APPEND VALUE #( id          = condense( CONV string( ls_debuggee-debuggee_id ) )
                      host        = ls_debuggee-host
                      user        = ls_debuggee-debuggee_user
                      program     = ls_debuggee-program
                      same_server = ls_debuggee-is_same_server ) TO rt_debuggees.
    ENDLOOP.
  ENDMETHOD.


  METHOD zif_vsp_debugger~attach.
    DATA lv_id TYPE if_tpdapi_service=>typ_debuggee_id.
    lv_id = iv_debuggee_id.
    TRY.
        mo_session = service( )->attach_debuggee( lv_id ).
      CATCH cx_root INTO DATA(lx_error).
        CLEAR mo_session.
        fail( iv_code = zif_vsp_debugger=>gc_code-attach_failed
              iv_message = |Cannot attach to debuggee { iv_debuggee_id }| ix_error = lx_error ).
    ENDTRY.
  ENDMETHOD.


  METHOD zif_vsp_debugger~step.
    DATA lo_type TYPE REF TO ie_tpdapi_steptype.
    CASE iv_type.
      WHEN zif_vsp_debugger=>gc_step-into.
        lo_type = ce_tpdapi_steptype=>into.
      WHEN zif_vsp_debugger=>gc_step-over.
        lo_type = ce_tpdapi_steptype=>over.
      WHEN zif_vsp_debugger=>gc_step-return.
        lo_type = ce_tpdapi_steptype=>out.
      WHEN zif_vsp_debugger=>gc_step-continue.
        lo_type = ce_tpdapi_steptype=>continue.
      WHEN OTHERS.
        fail( iv_code = zif_vsp_debugger=>gc_code-invalid_step_type iv_message = |Invalid step type '{ iv_type }'| ).
    ENDCASE.
    DATA(lo_session) = session( ).
    TRY.
        lo_session->get_control_services( )->debug_step( lo_type ).
      CATCH cx_tpdapi_debuggee_ended.
        CLEAR mo_session.
        rv_ended = abap_true.
      CATCH cx_root INTO DATA(lx_error).
        fail( iv_code = zif_vsp_debugger=>gc_code-step_failed iv_message = `The step failed` ix_error = lx_error ).
    ENDTRY.
  ENDMETHOD.


  METHOD zif_vsp_debugger~stack.
    DATA(lo_session) = session( ).
    TRY.
        DATA(lt_stack) = lo_session->get_stack_handler( )->get_stack( ).
      CATCH cx_root INTO DATA(lx_error).
        fail( iv_code = zif_vsp_debugger=>gc_code-debugger_failed iv_message = `The stack cannot be read` ix_error = lx_error ).
    ENDTRY.
    " The active frame first, then the callers in the API's order.
    LOOP AT lt_stack INTO DATA(ls_frame).
      DATA(ls_out) = VALUE zif_vsp_debugger=>ty_frame( program   = ls_frame-program
                                                       include   = ls_frame-include
                                                       line      = ls_frame-line
                                                       procedure = condense( CONV string( ls_frame-procname ) )
                                                       kind      = ls_frame-stacktype
                                                       active    = ls_frame-flg_active
                                                       system    = ls_frame-flg_sysprog ).
      IF ls_frame-flg_active = abap_true.
        INSERT ls_out INTO rt_stack INDEX 1.
      ELSE.
        APPEND ls_out TO rt_stack.
      ENDIF.
    ENDLOOP.
  ENDMETHOD.


  METHOD zif_vsp_debugger~variable.
    DATA(lo_session) = session( ).
    TRY.
        rs_variable = VALUE #( name  = iv_name
                               value = lo_session->get_data_services( )->get_data( iv_name )->get_quickinfo( ) ).
      CATCH cx_root INTO DATA(lx_error).
        fail( iv_code = zif_vsp_debugger=>gc_code-not_found iv_message = |Variable { iv_name } cannot be read|
              ix_error = lx_error ).
    ENDTRY.
  ENDMETHOD.


  METHOD zif_vsp_debugger~locals.
    DATA(lo_session) = session( ).
    DATA lt_names TYPE string_table.
    TRY.
        DATA(lo_data) = lo_session->get_data_services( ).
        LOOP AT lo_data->get_parameters( ) INTO DATA(ls_parameter).
          APPEND to_upper( ls_parameter-name ) TO lt_names.
        ENDLOOP.
        LOOP AT lo_data->get_locals( i_flg_with_constants = abap_false ) INTO DATA(ls_local).
          APPEND to_upper( ls_local-name ) TO lt_names.
        ENDLOOP.
      CATCH cx_root INTO DATA(lx_error).
        fail( iv_code = zif_vsp_debugger=>gc_code-debugger_failed iv_message = `The local data cannot be read`
              ix_error = lx_error ).
    ENDTRY.
    LOOP AT lt_names INTO DATA(lv_name).
      TRY.
          APPEND zif_vsp_debugger~variable( lv_name ) TO rt_variables.
        CATCH zcx_vsp_error ##NO_HANDLER.
          " A field symbol not yet assigned has no value to show.
      ENDTRY.
    ENDLOOP.
  ENDMETHOD.


  METHOD zif_vsp_debugger~read_source.
    DATA lv_include TYPE c LENGTH 40.
    lv_include = iv_include.
    READ REPORT lv_include INTO rt_lines.
    IF sy-subrc <> 0.
      fail( iv_code = zif_vsp_debugger=>gc_code-not_found iv_message = |Include { iv_include } not found| ).
    ENDIF.
  ENDMETHOD.


  METHOD zif_vsp_debugger~detach.
    IF mo_session IS NOT BOUND.
      RETURN.
    ENDIF.
    TRY.
        " Ends the debugger, not the debuggee: the call runs on to its end.
        mo_session->get_control_services( )->end_debugger( ).
      CATCH cx_root ##NO_HANDLER.
        " The debuggee ended meanwhile; nothing is left to release.
    ENDTRY.
    CLEAR mo_session.
  ENDMETHOD.


  METHOD zif_vsp_debugger~close.
    zif_vsp_debugger~detach( ).
    IF mv_listened = abap_true AND mo_service IS BOUND.
      TRY.
          mo_service->stop_listener_for_user( i_request_user = sy-uname ).
        CATCH cx_root ##NO_HANDLER.
          " No listener left to stop.
      ENDTRY.
    ENDIF.
    CLEAR: mv_listened, mv_context_set, mt_handles.
  ENDMETHOD.

ENDCLASS.
