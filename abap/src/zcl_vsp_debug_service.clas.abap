"! <p class="shorttext synchronized">ZADT_VSP: the debug domain</p>
"! The actions of docs/debugging.md with the request and reply shapes and the
"! error codes the simulator serves. SAP's debugger is reached only through
"! ZIF_VSP_DEBUGGER (ZCL_VSP_TPDAPI_DEBUGGER on a system), so this class
"! holds the protocol and the session's state and nothing system-specific.
"!
"! The model is SAP's external debugging: breakpoints are external
"! breakpoints of the logged-on user, so a call made by any other session of
"! the user stops at them; listen waits (bounded) for such a call; attach
"! takes it over; step, getStack and getVariables work on it; detach lets it
"! run to its end. The breakpoints this session set are deleted when it
"! closes. Only the user's own calls can be debugged, and every action but
"! getStatus needs the debug authority (S_DEVELOP, object type DEBUG).
"!
"! Breakpoint conditions are checked here, not by SAP: a call that stops at a
"! conditional breakpoint of this session is attached while listen waits, its
"! variables are read, and it is continued when the condition does not hold.
"! A call whose condition holds stays attached; attach then takes it over.
"! A condition that cannot be evaluated stops, as in the simulator, so that a
"! mistake shows instead of a silently ignored breakpoint.
CLASS zcl_vsp_debug_service DEFINITION
  PUBLIC
  FINAL
  CREATE PUBLIC.

  PUBLIC SECTION.
    INTERFACES zif_vsp_service.
    INTERFACES zif_vsp_events.

    CONSTANTS gc_debugger_class TYPE c LENGTH 30 VALUE 'ZCL_VSP_TPDAPI_DEBUGGER'.

    "! io_debugger replaces SAP's debugger (tests). Without it the TPDAPI
    "! implementation is created by name, so that a system without the API
    "! still runs the handler; the service then serves getStatus only.
    METHODS constructor
      IMPORTING
        io_debugger TYPE REF TO zif_vsp_debugger OPTIONAL.

    "! The actions the service can serve here, for the welcome's features.
    CLASS-METHODS served_actions
      IMPORTING
        io_debugger       TYPE REF TO zif_vsp_debugger OPTIONAL
      RETURNING
        VALUE(rt_actions) TYPE string_table.

    "! Every action of the domain, in the order of docs/debugging.md.
    CLASS-METHODS all_actions
      RETURNING
        VALUE(rt_actions) TYPE string_table.

  PROTECTED SECTION.
  PRIVATE SECTION.
    TYPES:
      BEGIN OF ty_breakpoint,
        id        TYPE string,
        handle    TYPE string,
        kind      TYPE string,
        program   TYPE string,
        include   TYPE string,
        line      TYPE i,
        uri       TYPE string,
        statement TYPE string,
        exception TYPE string,
        condition TYPE string,
      END OF ty_breakpoint.
    TYPES ty_breakpoints TYPE STANDARD TABLE OF ty_breakpoint WITH EMPTY KEY.

    CONSTANTS gc_listen_default TYPE i VALUE 60.
    CONSTANTS gc_listen_min TYPE i VALUE 1.
    CONSTANTS gc_listen_max TYPE i VALUE 240.
    "! Bounds the continue-and-check loop of a conditional breakpoint.
    CONSTANTS gc_max_condition_stops TYPE i VALUE 1000.

    DATA mo_debugger TYPE REF TO zif_vsp_debugger.
    DATA ms_context TYPE zif_vsp_service=>ty_context.
    DATA mt_breakpoints TYPE ty_breakpoints.
    DATA ms_attached TYPE zif_vsp_debugger=>ty_debuggee.
    "! Attached by a condition check in listen, not yet claimed by attach.
    DATA mv_held TYPE string.
    DATA mt_events TYPE zif_vsp_events=>ty_events.

    METHODS dispatch
      IMPORTING
        is_request     TYPE zif_vsp_service=>ty_request
      RETURNING
        VALUE(ro_data) TYPE REF TO zcl_vsp_json
      RAISING
        zcx_vsp_error.
    METHODS set_breakpoint
      IMPORTING
        io_params      TYPE REF TO zcl_vsp_json
      RETURNING
        VALUE(ro_data) TYPE REF TO zcl_vsp_json
      RAISING
        zcx_vsp_error.
    METHODS get_breakpoints
      RETURNING
        VALUE(ro_data) TYPE REF TO zcl_vsp_json.
    METHODS delete_breakpoint
      IMPORTING
        io_params      TYPE REF TO zcl_vsp_json
      RETURNING
        VALUE(ro_data) TYPE REF TO zcl_vsp_json
      RAISING
        zcx_vsp_error.
    METHODS listen
      IMPORTING
        is_request     TYPE zif_vsp_service=>ty_request
      RETURNING
        VALUE(ro_data) TYPE REF TO zcl_vsp_json
      RAISING
        zcx_vsp_error.
    METHODS get_debuggees
      IMPORTING
        io_params      TYPE REF TO zcl_vsp_json
      RETURNING
        VALUE(ro_data) TYPE REF TO zcl_vsp_json
      RAISING
        zcx_vsp_error.
    METHODS attach
      IMPORTING
        io_params      TYPE REF TO zcl_vsp_json
      RETURNING
        VALUE(ro_data) TYPE REF TO zcl_vsp_json
      RAISING
        zcx_vsp_error.
    METHODS step
      IMPORTING
        io_params      TYPE REF TO zcl_vsp_json
      RETURNING
        VALUE(ro_data) TYPE REF TO zcl_vsp_json
      RAISING
        zcx_vsp_error.
    METHODS get_stack
      RETURNING
        VALUE(ro_data) TYPE REF TO zcl_vsp_json
      RAISING
        zcx_vsp_error.
    METHODS get_variables
      IMPORTING
        io_params      TYPE REF TO zcl_vsp_json
      RETURNING
        VALUE(ro_data) TYPE REF TO zcl_vsp_json
      RAISING
        zcx_vsp_error.
    METHODS get_source
      IMPORTING
        io_params      TYPE REF TO zcl_vsp_json
      RETURNING
        VALUE(ro_data) TYPE REF TO zcl_vsp_json
      RAISING
        zcx_vsp_error.
    METHODS detach
      RETURNING
        VALUE(ro_data) TYPE REF TO zcl_vsp_json.
    METHODS get_status
      RETURNING
        VALUE(ro_data) TYPE REF TO zcl_vsp_json.

    METHODS require_attached
      RAISING
        zcx_vsp_error.
    "! Only the logged-on user's calls may be debugged.
    METHODS check_user
      IMPORTING
        io_params TYPE REF TO zcl_vsp_json
      RAISING
        zcx_vsp_error.
    "! Where the attached debuggee stands, into an attach or step reply.
    METHODS add_position
      IMPORTING
        io_data   TYPE REF TO zcl_vsp_json
        iv_reason TYPE string
      RAISING
        zcx_vsp_error.
    METHODS statement_at
      IMPORTING
        iv_include          TYPE string
        iv_line             TYPE i
      RETURNING
        VALUE(rv_statement) TYPE string.
    METHODS ended
      IMPORTING
        iv_step_type   TYPE string
      RETURNING
        VALUE(ro_data) TYPE REF TO zcl_vsp_json.
    "! Drops the debuggees whose conditional breakpoints do not hold; see the class comment.
    METHODS filter_conditions
      IMPORTING
        it_debuggees        TYPE zif_vsp_debugger=>ty_debuggees
      RETURNING
        VALUE(rt_debuggees) TYPE zif_vsp_debugger=>ty_debuggees
      RAISING
        zcx_vsp_error.
    "! abap_true when the stop of the attached debuggee is one to report.
    METHODS stop_holds
      RETURNING
        VALUE(rv_holds) TYPE abap_bool.
    METHODS breakpoint_json
      IMPORTING
        is_breakpoint  TYPE ty_breakpoint
        io_into        TYPE REF TO zcl_vsp_json
      RETURNING
        VALUE(ro_data) TYPE REF TO zcl_vsp_json.
    METHODS debuggee_json
      IMPORTING
        is_debuggee    TYPE zif_vsp_debugger=>ty_debuggee
        iv_same_server TYPE abap_bool
      RETURNING
        VALUE(ro_data) TYPE REF TO zcl_vsp_json.
    METHODS variables_json
      IMPORTING
        it_variables   TYPE zif_vsp_debugger=>ty_variables
        io_into        TYPE REF TO zcl_vsp_json
      RETURNING
        VALUE(ro_data) TYPE REF TO zcl_vsp_json.
    METHODS release_all.

    TYPES:
      BEGIN OF ty_target,
        program TYPE string,
        include TYPE string,
        line    TYPE i,
      END OF ty_target.
    "! The program (and include) an ADT URI names, and the line of its
    "! #start=line[,column] fragment.
    CLASS-METHODS target_from_uri
      IMPORTING
        iv_uri           TYPE string
      RETURNING
        VALUE(rs_target) TYPE ty_target.
    CLASS-METHODS create_debugger
      RETURNING
        VALUE(ro_debugger) TYPE REF TO zif_vsp_debugger.
    CLASS-METHODS param
      IMPORTING
        io_params       TYPE REF TO zcl_vsp_json
        iv_name         TYPE string
      RETURNING
        VALUE(rv_value) TYPE string.
    "! A number given as JSON number or digit string; iv_default when absent or unreadable.
    CLASS-METHODS int_param
      IMPORTING
        io_params       TYPE REF TO zcl_vsp_json
        iv_name         TYPE string
        iv_default      TYPE i DEFAULT 0
      RETURNING
        VALUE(rv_value) TYPE i.
    CLASS-METHODS new_id
      RETURNING
        VALUE(rv_id) TYPE string.
    CLASS-METHODS error
      IMPORTING
        iv_code    TYPE zcx_vsp_error=>ty_code
        iv_message TYPE string
      RAISING
        zcx_vsp_error.
ENDCLASS.



CLASS zcl_vsp_debug_service IMPLEMENTATION.

  METHOD constructor.
    IF io_debugger IS SUPPLIED.
      mo_debugger = io_debugger.
    ELSE.
      mo_debugger = create_debugger( ).
    ENDIF.
  ENDMETHOD.


  METHOD create_debugger.
    " By name: the TPDAPI class does not activate on a system without the
    " API, and this class must still activate there.
    TRY.
        CREATE OBJECT ro_debugger TYPE (gc_debugger_class).
      CATCH cx_sy_create_object_error.
        CLEAR ro_debugger.
    ENDTRY.
  ENDMETHOD.


  METHOD all_actions.
    rt_actions = VALUE #( ( `setBreakpoint` ) ( `getBreakpoints` ) ( `deleteBreakpoint` ) ( `listen` )
                          ( `getDebuggees` ) ( `attach` ) ( `step` ) ( `getStack` ) ( `getVariables` )
                          ( `getSource` ) ( `detach` ) ( `getStatus` ) ).
  ENDMETHOD.


  METHOD served_actions.
    DATA(lo_debugger) = io_debugger.
    IF lo_debugger IS NOT BOUND.
      lo_debugger = create_debugger( ).
    ENDIF.
    IF lo_debugger IS BOUND AND lo_debugger->is_available( ) = abap_true.
      rt_actions = all_actions( ).
    ELSE.
      rt_actions = VALUE #( ( `getStatus` ) ).
    ENDIF.
  ENDMETHOD.


  METHOD zif_vsp_service~initialize.
    ms_context = is_context.
  ENDMETHOD.


  METHOD zif_vsp_service~on_close.
    release_all( ).
  ENDMETHOD.


  METHOD zif_vsp_events~take_events.
    rt_events = mt_events.
    CLEAR mt_events.
  ENDMETHOD.


  METHOD release_all.
    IF mo_debugger IS NOT BOUND.
      RETURN.
    ENDIF.
    IF ms_attached-id IS NOT INITIAL OR mv_held IS NOT INITIAL.
      mo_debugger->detach( ).
      CLEAR: ms_attached, mv_held.
    ENDIF.
    LOOP AT mt_breakpoints INTO DATA(ls_breakpoint).
      TRY.
          mo_debugger->delete_breakpoint( ls_breakpoint-handle ).
        CATCH zcx_vsp_error ##NO_HANDLER.
          " Gone already; the others must still be deleted.
      ENDTRY.
    ENDLOOP.
    CLEAR mt_breakpoints.
    mo_debugger->close( ).
  ENDMETHOD.


  METHOD zif_vsp_service~handle.
    DATA(lt_actions) = all_actions( ).
    IF NOT line_exists( lt_actions[ table_line = is_request-action ] ).
      error( iv_code    = zcx_vsp_error=>gc_code-unknown_action
             iv_message = |Action '{ is_request-action }' not supported|
                       && | (debug actions: { concat_lines_of( table = lt_actions sep = `, ` ) })| ).
    ENDIF.
    IF is_request-action = `getStatus`.
      ro_data = get_status( ).
      RETURN.
    ENDIF.
    IF mo_debugger IS NOT BOUND OR mo_debugger->is_available( ) = abap_false.
      error( iv_code    = zcx_vsp_error=>gc_code-unknown_action
             iv_message = |action '{ is_request-action }' is not served: this system offers no external |
                       && |debugger to the handler (ZCL_VSP_TPDAPI_DEBUGGER and SAP's TPDAPI; served: getStatus)| ).
    ENDIF.
    IF mo_debugger->is_authorized( ) = abap_false.
      error( iv_code    = zcx_vsp_error=>gc_code-not_authorized
             iv_message = |user { sy-uname } may not debug: authorization object S_DEVELOP with |
                       && |OBJTYPE DEBUG and ACTVT 03 is needed|  ).
    ENDIF.
    ro_data = dispatch( is_request ).
  ENDMETHOD.


  METHOD dispatch.
    DATA(lo_params) = is_request-params.
    CASE is_request-action.
      WHEN `setBreakpoint`.
        ro_data = set_breakpoint( lo_params ).
      WHEN `getBreakpoints`.
        ro_data = get_breakpoints( ).
      WHEN `deleteBreakpoint`.
        ro_data = delete_breakpoint( lo_params ).
      WHEN `listen`.
        ro_data = listen( is_request ).
      WHEN `getDebuggees`.
        ro_data = get_debuggees( lo_params ).
      WHEN `attach`.
        ro_data = attach( lo_params ).
      WHEN `step`.
        ro_data = step( lo_params ).
      WHEN `getStack`.
        ro_data = get_stack( ).
      WHEN `getVariables`.
        ro_data = get_variables( lo_params ).
      WHEN `getSource`.
        ro_data = get_source( lo_params ).
      WHEN `detach`.
        ro_data = detach( ).
    ENDCASE.
  ENDMETHOD.


  METHOD param.
    IF io_params IS NOT BOUND.
      RETURN.
    ENDIF.
    DATA(lo_value) = io_params->get( iv_name ).
    IF lo_value IS NOT BOUND.
      RETURN.
    ENDIF.
    IF lo_value->kind = zcl_vsp_json=>gc_kind-string OR lo_value->kind = zcl_vsp_json=>gc_kind-number.
      rv_value = condense( lo_value->text( ) ).
    ENDIF.
  ENDMETHOD.


  METHOD int_param.
    rv_value = iv_default.
    DATA(lv_text) = param( io_params = io_params iv_name = iv_name ).
    IF lv_text IS INITIAL.
      RETURN.
    ENDIF.
    " 1.5 seconds reads as 1, as the old handler's digit pattern reads it.
    SPLIT lv_text AT '.' INTO DATA(lv_whole) DATA(lv_fraction).
    IF lv_fraction IS NOT INITIAL AND lv_fraction CN '0123456789'.
      RETURN.
    ENDIF.
    DATA(lv_digits) = lv_whole.
    IF strlen( lv_digits ) > 0 AND lv_digits(1) = '-'.
      lv_digits = substring( val = lv_digits off = 1 ).
    ENDIF.
    IF lv_digits IS INITIAL OR lv_digits CN '0123456789' OR strlen( lv_digits ) > 9.
      RETURN.
    ENDIF.
    rv_value = lv_whole.
  ENDMETHOD.


  METHOD new_id.
    TRY.
        rv_id = cl_system_uuid=>create_uuid_c32_static( ).
      CATCH cx_uuid_error.
        DATA lv_now TYPE p LENGTH 11 DECIMALS 7.
        GET TIME STAMP FIELD lv_now.
        rv_id = |BP{ lv_now }|.
        REPLACE ALL OCCURRENCES OF `.` IN rv_id WITH ``.
    ENDTRY.
  ENDMETHOD.


  METHOD target_from_uri.
    SPLIT iv_uri AT '#' INTO DATA(lv_path) DATA(lv_fragment).
    SPLIT lv_path AT '?' INTO lv_path DATA(lv_query) ##NEEDED.
    SPLIT lv_path AT '/' INTO TABLE DATA(lt_segments).
    DATA(lv_group) = ``.
    LOOP AT lt_segments INTO DATA(lv_segment).
      DATA(lv_next) = sy-tabix + 1.
      READ TABLE lt_segments INDEX lv_next INTO DATA(lv_name).
      IF sy-subrc <> 0.
        EXIT.
      ENDIF.
      " Namespaces arrive escaped: /ABC/PROG as %2FABC%2FPROG.
      REPLACE ALL OCCURRENCES OF REGEX `%2F` IN lv_name WITH `/` IGNORING CASE.
      lv_name = to_upper( lv_name ).
      " The last match wins: /programs/programs/NAME names NAME.
      CASE to_lower( lv_segment ).
        WHEN `programs`.
          rs_target = VALUE #( program = lv_name ).
        WHEN `includes`.
          rs_target = VALUE #( program = lv_name include = lv_name ).
        WHEN `groups`.
          lv_group = lv_name.
        WHEN `fmodules`.
          DATA lv_function TYPE c LENGTH 30.
          lv_function = lv_name.
          SELECT SINGLE pname, include FROM tfdir WHERE funcname = @lv_function INTO @DATA(ls_tfdir).
          IF sy-subrc = 0.
            " A function group's main program is SAPL<group>; module N is in L<group>UNN.
            DATA(lv_group_name) = substring( val = condense( ls_tfdir-pname ) off = 4 ).
            rs_target = VALUE #( program = condense( ls_tfdir-pname )
                                 include = |L{ lv_group_name }U{ ls_tfdir-include }| ).
          ELSEIF lv_group IS NOT INITIAL.
            rs_target = VALUE #( program = |SAPL{ lv_group }| ).
          ELSE.
            CLEAR rs_target.
          ENDIF.
        WHEN `classes`.
          " A class pool is CLASSNAME padded with = to 30 characters, then CP.
          rs_target = VALUE #( program = |{ lv_name WIDTH = 30 PAD = '=' }CP| ).
      ENDCASE.
    ENDLOOP.
    FIND REGEX `^start=(\d+)` IN lv_fragment SUBMATCHES DATA(lv_line).
    IF sy-subrc = 0 AND strlen( lv_line ) <= 9.
      rs_target-line = lv_line.
    ENDIF.
  ENDMETHOD.


  METHOD error.
    RAISE EXCEPTION TYPE zcx_vsp_error
      EXPORTING
        iv_code    = iv_code
        iv_message = iv_message.
  ENDMETHOD.


  METHOD set_breakpoint.
    DATA ls_breakpoint TYPE ty_breakpoint.
    ls_breakpoint-kind = to_lower( param( io_params = io_params iv_name = `kind` ) ).
    IF ls_breakpoint-kind IS INITIAL.
      ls_breakpoint-kind = zif_vsp_debugger=>gc_kind-line.
    ENDIF.

    CASE ls_breakpoint-kind.
      WHEN zif_vsp_debugger=>gc_kind-line.
        ls_breakpoint-program = to_upper( param( io_params = io_params iv_name = `program` ) ).
        ls_breakpoint-include = to_upper( param( io_params = io_params iv_name = `include` ) ).
        ls_breakpoint-uri = param( io_params = io_params iv_name = `uri` ).
        ls_breakpoint-line = int_param( io_params = io_params iv_name = `line` ).
        IF ls_breakpoint-program IS INITIAL AND ls_breakpoint-uri IS INITIAL.
          error( iv_code    = zcx_vsp_error=>gc_code-invalid_params
                 iv_message = `A line breakpoint needs program or uri, and line` ).
        ENDIF.
        IF ls_breakpoint-program IS INITIAL.
          DATA(ls_target) = target_from_uri( ls_breakpoint-uri ).
          IF ls_target-program IS INITIAL.
            error( iv_code    = zif_vsp_debugger=>gc_code-invalid_uri
                   iv_message = |Cannot derive a program from URI { ls_breakpoint-uri }| ).
          ENDIF.
          ls_breakpoint-program = ls_target-program.
          ls_breakpoint-include = ls_target-include.
          IF ls_breakpoint-line <= 0.
            ls_breakpoint-line = ls_target-line.
          ENDIF.
        ENDIF.
        IF ls_breakpoint-line <= 0.
          error( iv_code    = zcx_vsp_error=>gc_code-invalid_params
                 iv_message = `A line breakpoint needs a positive line number` ).
        ENDIF.
      WHEN zif_vsp_debugger=>gc_kind-statement.
        ls_breakpoint-statement = to_upper( param( io_params = io_params iv_name = `statement` ) ).
        IF ls_breakpoint-statement IS INITIAL.
          error( iv_code    = zcx_vsp_error=>gc_code-invalid_params
                 iv_message = `A statement breakpoint needs statement (an ABAP keyword such as PERFORM)` ).
        ENDIF.
      WHEN zif_vsp_debugger=>gc_kind-exception.
        ls_breakpoint-exception = to_upper( param( io_params = io_params iv_name = `exception` ) ).
        IF ls_breakpoint-exception IS INITIAL.
          error( iv_code    = zcx_vsp_error=>gc_code-invalid_params
                 iv_message = `An exception breakpoint needs exception (a class such as CX_SY_ZERODIVIDE)` ).
        ENDIF.
      WHEN OTHERS.
        error( iv_code    = zif_vsp_debugger=>gc_code-invalid_kind
               iv_message = |Invalid breakpoint kind '{ ls_breakpoint-kind }' (line, statement or exception)| ).
    ENDCASE.

    ls_breakpoint-condition = param( io_params = io_params iv_name = `condition` ).
    IF ls_breakpoint-condition IS NOT INITIAL.
      TRY.
          zcl_vsp_debug_condition=>parse( ls_breakpoint-condition ).
        CATCH zcx_vsp_error INTO DATA(lx_condition).
          error( iv_code    = zcx_vsp_error=>gc_code-invalid_params
                 iv_message = |Condition "{ ls_breakpoint-condition }" cannot be read: { lx_condition->message }| ).
      ENDTRY.
    ENDIF.

    LOOP AT mt_breakpoints INTO DATA(ls_other)
         WHERE kind = ls_breakpoint-kind AND program = ls_breakpoint-program AND include = ls_breakpoint-include
           AND line = ls_breakpoint-line AND statement = ls_breakpoint-statement
           AND exception = ls_breakpoint-exception.
      error( iv_code    = zif_vsp_debugger=>gc_code-breakpoint_exists
             iv_message = |Breakpoint { ls_other-id } already exists at this position| ).
    ENDLOOP.

    ls_breakpoint-handle = mo_debugger->create_breakpoint( VALUE #( kind      = ls_breakpoint-kind
                                                                   program   = ls_breakpoint-program
                                                                   include   = ls_breakpoint-include
                                                                   line      = ls_breakpoint-line
                                                                   statement = ls_breakpoint-statement
                                                                   exception = ls_breakpoint-exception ) ).
    ls_breakpoint-id = new_id( ).
    APPEND ls_breakpoint TO mt_breakpoints.

    ro_data = breakpoint_json(
      is_breakpoint = ls_breakpoint
      io_into       = zcl_vsp_json=>new_object( )->set_string( iv_name = `breakpointId` iv_value = ls_breakpoint-id
                                                )->set_string( iv_name = `kind` iv_value = ls_breakpoint-kind
                                                )->set_boolean( iv_name = `registered` iv_value = abap_true ) ).
  ENDMETHOD.


  METHOD breakpoint_json.
    ro_data = io_into.
    IF is_breakpoint-program IS NOT INITIAL.
      ro_data->set_string( iv_name = `program` iv_value = is_breakpoint-program ).
    ENDIF.
    IF is_breakpoint-include IS NOT INITIAL.
      ro_data->set_string( iv_name = `include` iv_value = is_breakpoint-include ).
    ENDIF.
    IF is_breakpoint-uri IS NOT INITIAL.
      ro_data->set_string( iv_name = `uri` iv_value = is_breakpoint-uri ).
    ENDIF.
    IF is_breakpoint-kind = zif_vsp_debugger=>gc_kind-line.
      ro_data->set_integer( iv_name = `line` iv_value = is_breakpoint-line ).
    ENDIF.
    IF is_breakpoint-statement IS NOT INITIAL.
      ro_data->set_string( iv_name = `statement` iv_value = is_breakpoint-statement ).
    ENDIF.
    IF is_breakpoint-exception IS NOT INITIAL.
      ro_data->set_string( iv_name = `exception` iv_value = is_breakpoint-exception ).
    ENDIF.
    IF is_breakpoint-condition IS NOT INITIAL.
      ro_data->set_string( iv_name = `condition` iv_value = is_breakpoint-condition ).
    ENDIF.
  ENDMETHOD.


  METHOD get_breakpoints.
    DATA(lo_list) = zcl_vsp_json=>new_array( ).
    LOOP AT mt_breakpoints INTO DATA(ls_breakpoint).
      lo_list->append( breakpoint_json(
        is_breakpoint = ls_breakpoint
        io_into       = zcl_vsp_json=>new_object( )->set_string( iv_name = `id` iv_value = ls_breakpoint-id
                                                  )->set_string( iv_name = `kind` iv_value = ls_breakpoint-kind ) ) ).
    ENDLOOP.
    ro_data = zcl_vsp_json=>new_object( )->set( iv_name = `breakpoints` io_value = lo_list ).
  ENDMETHOD.


  METHOD delete_breakpoint.
    DATA(lv_id) = to_upper( param( io_params = io_params iv_name = `breakpointId` ) ).
    IF lv_id IS INITIAL.
      error( iv_code = zcx_vsp_error=>gc_code-invalid_params iv_message = `breakpointId is required` ).
    ENDIF.
    READ TABLE mt_breakpoints WITH KEY id = lv_id INTO DATA(ls_breakpoint).
    IF sy-subrc <> 0.
      error( iv_code = zif_vsp_debugger=>gc_code-not_found iv_message = |Breakpoint { lv_id } not found| ).
    ENDIF.
    mo_debugger->delete_breakpoint( ls_breakpoint-handle ).
    DELETE mt_breakpoints WHERE id = lv_id.
    ro_data = zcl_vsp_json=>new_object( )->set_string( iv_name = `deleted` iv_value = lv_id ).
  ENDMETHOD.


  METHOD check_user.
    DATA(lv_user) = to_upper( param( io_params = io_params iv_name = `user` ) ).
    IF lv_user IS NOT INITIAL AND lv_user <> sy-uname.
      error( iv_code    = zcx_vsp_error=>gc_code-not_authorized
             iv_message = |user { sy-uname } may debug only his own calls, not those of { lv_user }| ).
    ENDIF.
  ENDMETHOD.


  METHOD listen.
    check_user( is_request-params ).
    DATA(lv_seconds) = int_param( io_params = is_request-params iv_name = `timeout` iv_default = gc_listen_default ).
    lv_seconds = nmin( val1 = nmax( val1 = lv_seconds val2 = gc_listen_min ) val2 = gc_listen_max ).
    " The caller's own deadline bounds the wait too: a reply after it is lost.
    IF is_request-timeout > 0.
      lv_seconds = nmin( val1 = lv_seconds val2 = nmax( val1 = gc_listen_min val2 = is_request-timeout DIV 1000 ) ).
    ENDIF.

    DATA lt_caught TYPE zif_vsp_debugger=>ty_debuggees.
    IF mv_held IS NOT INITIAL.
      " A debuggee kept by an earlier condition check is still the user's to take.
      APPEND ms_attached TO lt_caught.
    ELSE.
      lt_caught = filter_conditions( mo_debugger->listen( lv_seconds ) ).
    ENDIF.

    DATA(lo_list) = zcl_vsp_json=>new_array( ).
    LOOP AT lt_caught INTO DATA(ls_debuggee).
      lo_list->append( debuggee_json( is_debuggee = ls_debuggee iv_same_server = abap_true ) ).
    ENDLOOP.
    ro_data = zcl_vsp_json=>new_object(
      )->set_string( iv_name = `status` iv_value = COND #( WHEN lt_caught IS INITIAL THEN `timeout` ELSE `caught` )
      )->set( iv_name = `debuggees` io_value = lo_list ).
  ENDMETHOD.


  METHOD filter_conditions.
    LOOP AT it_debuggees INTO DATA(ls_debuggee).
      IF ms_attached-id IS NOT INITIAL.
        " Attached already: the others are checked on a later listen.
        APPEND ls_debuggee TO rt_debuggees.
        CONTINUE.
      ENDIF.
      " SAP's list of waiting calls may name the program only, without the line.
      DATA(lv_conditional) = abap_false.
      LOOP AT mt_breakpoints INTO DATA(ls_breakpoint)
           WHERE kind = zif_vsp_debugger=>gc_kind-line AND condition IS NOT INITIAL
             AND program = ls_debuggee-program.
        IF ls_debuggee-line = 0 OR ls_breakpoint-line = ls_debuggee-line.
          lv_conditional = abap_true.
        ENDIF.
      ENDLOOP.
      IF lv_conditional = abap_false.
        APPEND ls_debuggee TO rt_debuggees.
        CONTINUE.
      ENDIF.

      TRY.
          mo_debugger->attach( ls_debuggee-id ).
        CATCH zcx_vsp_error ##NO_HANDLER.
          " Taken or ended meanwhile: nothing to report.
          CONTINUE.
      ENDTRY.
      ms_attached = ls_debuggee.
      DATA(lv_reported) = abap_false.
      DO gc_max_condition_stops TIMES.
        IF stop_holds( ) = abap_true.
          lv_reported = abap_true.
          EXIT.
        ENDIF.
        TRY.
            DATA(lv_ended) = mo_debugger->step( zif_vsp_debugger=>gc_step-continue ).
          CATCH zcx_vsp_error.
            lv_ended = abap_true.
        ENDTRY.
        IF lv_ended = abap_true.
          EXIT.
        ENDIF.
      ENDDO.
      IF lv_reported = abap_true.
        mv_held = ls_debuggee-id.
        TRY.
            DATA(lt_stack) = mo_debugger->stack( ).
            READ TABLE lt_stack INDEX 1 INTO DATA(ls_frame).
            IF sy-subrc = 0.
              ms_attached-program = ls_frame-program.
              ms_attached-include = ls_frame-include.
              ms_attached-line = ls_frame-line.
            ENDIF.
          CATCH zcx_vsp_error ##NO_HANDLER.
            " The reply then names where the call first stopped.
        ENDTRY.
        APPEND ms_attached TO rt_debuggees.
      ELSE.
        IF lv_ended = abap_false.
          mo_debugger->detach( ).
        ENDIF.
        CLEAR ms_attached.
      ENDIF.
    ENDLOOP.
  ENDMETHOD.


  METHOD stop_holds.
    TRY.
        DATA(lt_stack) = mo_debugger->stack( ).
      CATCH zcx_vsp_error.
        rv_holds = abap_true.
        RETURN.
    ENDTRY.
    READ TABLE lt_stack INDEX 1 INTO DATA(ls_frame).
    IF sy-subrc <> 0.
      rv_holds = abap_true.
      RETURN.
    ENDIF.
    DATA(lv_matched) = abap_false.
    LOOP AT mt_breakpoints INTO DATA(ls_breakpoint)
         WHERE kind = zif_vsp_debugger=>gc_kind-line AND program = ls_frame-program AND line = ls_frame-line.
      IF ls_breakpoint-include IS NOT INITIAL AND ls_breakpoint-include <> ls_frame-include.
        CONTINUE.
      ENDIF.
      lv_matched = abap_true.
      IF ls_breakpoint-condition IS INITIAL.
        rv_holds = abap_true.
        RETURN.
      ENDIF.
      TRY.
          IF zcl_vsp_debug_condition=>parse( ls_breakpoint-condition )->holds( mo_debugger ) = abap_true.
            rv_holds = abap_true.
            RETURN.
          ENDIF.
        CATCH zcx_vsp_error.
          rv_holds = abap_true.
          RETURN.
      ENDTRY.
    ENDLOOP.
    " A stop at no breakpoint of this session (another session's, a
    " statement or exception breakpoint) is the user's to see.
    IF lv_matched = abap_false.
      rv_holds = abap_true.
    ENDIF.
  ENDMETHOD.


  METHOD debuggee_json.
    ro_data = zcl_vsp_json=>new_object(
      )->set_string( iv_name = `id` iv_value = is_debuggee-id
      )->set_string( iv_name = `host` iv_value = is_debuggee-host
      )->set_string( iv_name = `user` iv_value = is_debuggee-user
      )->set_string( iv_name = `program` iv_value = is_debuggee-program
      )->set_string( iv_name = `include` iv_value = is_debuggee-include
      )->set_integer( iv_name = `line` iv_value = is_debuggee-line ).
    IF iv_same_server = abap_true.
      ro_data->set_boolean( iv_name = `sameServer` iv_value = is_debuggee-same_server ).
    ENDIF.
  ENDMETHOD.


  METHOD get_debuggees.
    check_user( io_params ).
    DATA(lo_list) = zcl_vsp_json=>new_array( ).
    LOOP AT mo_debugger->waiting_debuggees( ) INTO DATA(ls_debuggee).
      lo_list->append( debuggee_json( is_debuggee = ls_debuggee iv_same_server = abap_false ) ).
    ENDLOOP.
    ro_data = zcl_vsp_json=>new_object( )->set( iv_name = `debuggees` io_value = lo_list ).
  ENDMETHOD.


  METHOD attach.
    DATA(lv_id) = to_upper( param( io_params = io_params iv_name = `debuggeeId` ) ).
    IF lv_id IS INITIAL.
      error( iv_code = zcx_vsp_error=>gc_code-invalid_params iv_message = `debuggeeId is required` ).
    ENDIF.
    IF mv_held IS NOT INITIAL AND mv_held <> lv_id.
      " The caller chose another debuggee than the one a condition check kept.
      mo_debugger->detach( ).
      CLEAR: mv_held, ms_attached.
    ENDIF.
    IF mv_held IS NOT INITIAL.
      CLEAR mv_held.
    ELSEIF ms_attached-id IS NOT INITIAL.
      error( iv_code    = zif_vsp_debugger=>gc_code-already_attached
             iv_message = |Already attached to debuggee { ms_attached-id }; detach first| ).
    ELSE.
      " Only the user's own stopped calls: SAP lists no one else's.
      DATA(lt_waiting) = mo_debugger->waiting_debuggees( ).
      READ TABLE lt_waiting WITH KEY id = lv_id INTO DATA(ls_debuggee).
      IF sy-subrc <> 0.
        error( iv_code    = zif_vsp_debugger=>gc_code-attach_failed
               iv_message = |Cannot attach to debuggee { lv_id }: no such debuggee| ).
      ENDIF.
      mo_debugger->attach( lv_id ).
      ms_attached = ls_debuggee.
    ENDIF.
    ro_data = zcl_vsp_json=>new_object( )->set_boolean( iv_name = `attached` iv_value = abap_true
                                        )->set_string( iv_name = `debuggeeId` iv_value = lv_id ).
    add_position( io_data = ro_data iv_reason = `breakpoint` ).
  ENDMETHOD.


  METHOD require_attached.
    IF ms_attached-id IS INITIAL OR mv_held IS NOT INITIAL.
      error( iv_code = zif_vsp_debugger=>gc_code-not_attached iv_message = `No debuggee attached` ).
    ENDIF.
  ENDMETHOD.


  METHOD add_position.
    DATA(lt_stack) = mo_debugger->stack( ).
    READ TABLE lt_stack INDEX 1 INTO DATA(ls_frame).
    IF sy-subrc <> 0.
      RETURN.
    ENDIF.
    io_data->set_string( iv_name = `program` iv_value = ls_frame-program
          )->set_string( iv_name = `include` iv_value = ls_frame-include
          )->set_integer( iv_name = `line` iv_value = ls_frame-line
          )->set_string( iv_name = `procedure` iv_value = ls_frame-procedure
          )->set_string( iv_name = `statement` iv_value = statement_at( iv_include = ls_frame-include
                                                                        iv_line    = ls_frame-line )
          )->set_string( iv_name = `reason` iv_value = iv_reason ).
    " The simulator names the breakpoint a stop is at; so does the handler for its own line breakpoints.
    IF iv_reason = `breakpoint`.
      LOOP AT mt_breakpoints INTO DATA(ls_breakpoint)
           WHERE kind = zif_vsp_debugger=>gc_kind-line AND program = ls_frame-program AND line = ls_frame-line.
        IF ls_breakpoint-include IS INITIAL OR ls_breakpoint-include = ls_frame-include.
          io_data->set_string( iv_name = `breakpointId` iv_value = ls_breakpoint-id ).
          EXIT.
        ENDIF.
      ENDLOOP.
    ENDIF.
  ENDMETHOD.


  METHOD statement_at.
    TRY.
        DATA(lt_lines) = mo_debugger->read_source( iv_include ).
      CATCH zcx_vsp_error.
        RETURN.
    ENDTRY.
    READ TABLE lt_lines INDEX iv_line INTO DATA(lv_line).
    IF sy-subrc = 0.
      rv_statement = condense( lv_line ).
    ENDIF.
  ENDMETHOD.


  METHOD step.
    DATA(lv_type) = to_lower( param( io_params = io_params iv_name = `type` ) ).
    IF lv_type IS INITIAL.
      lv_type = zif_vsp_debugger=>gc_step-into.
    ENDIF.
    require_attached( ).
    IF lv_type <> zif_vsp_debugger=>gc_step-into AND lv_type <> zif_vsp_debugger=>gc_step-over
       AND lv_type <> zif_vsp_debugger=>gc_step-return AND lv_type <> zif_vsp_debugger=>gc_step-continue.
      error( iv_code    = zif_vsp_debugger=>gc_code-invalid_step_type
             iv_message = |Invalid step type '{ lv_type }' (into, over, return or continue)| ).
    ENDIF.
    IF mo_debugger->step( lv_type ) = abap_true.
      ro_data = ended( lv_type ).
      RETURN.
    ENDIF.
    ro_data = zcl_vsp_json=>new_object( )->set_string( iv_name = `stepped` iv_value = lv_type ).
    add_position( io_data = ro_data
                  iv_reason = COND #( WHEN lv_type = zif_vsp_debugger=>gc_step-continue THEN `breakpoint` ELSE `step` ) ).
  ENDMETHOD.


  METHOD ended.
    DATA(ls_debuggee) = ms_attached.
    CLEAR ms_attached.
    ro_data = zcl_vsp_json=>new_object( )->set_string( iv_name = `stepped` iv_value = iv_step_type
                                        )->set_boolean( iv_name = `ended` iv_value = abap_true
                                        )->set_string( iv_name = `message` iv_value = `Debuggee ended`
                                        )->set_string( iv_name = `reason` iv_value = `completed`
                                        )->set_boolean( iv_name = `aborted` iv_value = abap_false ).
    APPEND VALUE #( event = `ended`
                    data  = zcl_vsp_json=>new_object(
                      )->set_string( iv_name = `id` iv_value = ls_debuggee-id
                      )->set_string( iv_name = `user` iv_value = ls_debuggee-user
                      )->set_string( iv_name = `program` iv_value = ls_debuggee-program
                      )->set_string( iv_name = `reason` iv_value = `completed`
                      )->set_string( iv_name = `message` iv_value = `Debuggee ended`
                      )->set_boolean( iv_name = `aborted` iv_value = abap_false ) ) TO mt_events.
  ENDMETHOD.


  METHOD get_stack.
    require_attached( ).
    DATA(lo_list) = zcl_vsp_json=>new_array( ).
    LOOP AT mo_debugger->stack( ) INTO DATA(ls_frame).
      lo_list->append( zcl_vsp_json=>new_object(
        )->set_integer( iv_name = `index` iv_value = sy-tabix - 1
        )->set_string( iv_name = `program` iv_value = ls_frame-program
        )->set_string( iv_name = `include` iv_value = ls_frame-include
        )->set_integer( iv_name = `line` iv_value = ls_frame-line
        )->set_string( iv_name = `procedure` iv_value = ls_frame-procedure
        )->set_string( iv_name = `kind` iv_value = ls_frame-kind
        )->set_boolean( iv_name = `active` iv_value = ls_frame-active
        )->set_boolean( iv_name = `system` iv_value = ls_frame-system ) ).
    ENDLOOP.
    ro_data = zcl_vsp_json=>new_object( )->set( iv_name = `stack` io_value = lo_list ).
  ENDMETHOD.


  METHOD get_variables.
    require_attached( ).
    DATA(lv_scope) = to_lower( param( io_params = io_params iv_name = `scope` ) ).
    IF lv_scope IS INITIAL.
      lv_scope = `system`.
    ENDIF.
    DATA(lv_frame) = int_param( io_params = io_params iv_name = `frame` ).
    IF lv_frame <> 0.
      DATA(lv_frames) = lines( mo_debugger->stack( ) ).
      IF lv_frame < 0 OR lv_frame >= lv_frames.
        error( iv_code    = zcx_vsp_error=>gc_code-invalid_params
               iv_message = |frame { lv_frame } does not exist; the stack has { lv_frames } frames| ).
      ENDIF.
      error( iv_code    = zcx_vsp_error=>gc_code-invalid_params
             iv_message = |frame { lv_frame }: this handler reads the variables of the active frame (0) only| ).
    ENDIF.

    DATA lt_variables TYPE zif_vsp_debugger=>ty_variables.
    IF lv_scope = `system` OR lv_scope = `all`.
      " The old handler's eight system fields.
      LOOP AT VALUE string_table( ( `SY-SUBRC` ) ( `SY-TABIX` ) ( `SY-INDEX` ) ( `SY-DBCNT` )
                                  ( `SY-UNAME` ) ( `SY-DATUM` ) ( `SY-UZEIT` ) ( `SY-CPROG` ) ) INTO DATA(lv_name).
        TRY.
            DATA(ls_variable) = mo_debugger->variable( lv_name ).
            ls_variable-scope = `system`.
            APPEND ls_variable TO lt_variables.
          CATCH zcx_vsp_error ##NO_HANDLER.
            " A field the debugger cannot read is left out, as the old handler does.
        ENDTRY.
      ENDLOOP.
    ENDIF.
    IF lv_scope = `locals` OR lv_scope = `all`.
      LOOP AT mo_debugger->locals( ) INTO ls_variable.
        ls_variable-scope = `locals`.
        APPEND ls_variable TO lt_variables.
      ENDLOOP.
    ENDIF.
    ro_data = variables_json( it_variables = lt_variables
                              io_into      = zcl_vsp_json=>new_object( )->set_string( iv_name = `scope` iv_value = lv_scope ) ).
  ENDMETHOD.


  METHOD variables_json.
    DATA(lo_list) = zcl_vsp_json=>new_array( ).
    LOOP AT it_variables INTO DATA(ls_variable).
      lo_list->append( zcl_vsp_json=>new_object( )->set_string( iv_name = `name` iv_value = ls_variable-name
                                                 )->set_string( iv_name = `value` iv_value = ls_variable-value
                                                 )->set_string( iv_name = `type` iv_value = ls_variable-type
                                                 )->set_string( iv_name = `scope` iv_value = ls_variable-scope ) ).
    ENDLOOP.
    ro_data = io_into->set( iv_name = `variables` io_value = lo_list ).
  ENDMETHOD.


  METHOD get_source.
    DATA lv_program TYPE string.
    DATA(lv_include) = to_upper( param( io_params = io_params iv_name = `include` ) ).
    IF lv_include IS INITIAL.
      lv_include = to_upper( param( io_params = io_params iv_name = `program` ) ).
    ENDIF.
    IF lv_include IS INITIAL.
      IF ms_attached-id IS INITIAL OR mv_held IS NOT INITIAL.
        error( iv_code = zcx_vsp_error=>gc_code-invalid_params
               iv_message = `include is required when no debuggee is attached` ).
      ENDIF.
      DATA(lt_stack) = mo_debugger->stack( ).
      READ TABLE lt_stack INDEX 1 INTO DATA(ls_frame).
      IF sy-subrc = 0.
        lv_include = ls_frame-include.
        lv_program = ls_frame-program.
      ENDIF.
    ENDIF.
    DATA(lo_lines) = zcl_vsp_json=>new_array( ).
    LOOP AT mo_debugger->read_source( lv_include ) INTO DATA(lv_line).
      lo_lines->append( zcl_vsp_json=>new_string( lv_line ) ).
    ENDLOOP.
    ro_data = zcl_vsp_json=>new_object( ).
    IF lv_program IS NOT INITIAL.
      ro_data->set_string( iv_name = `program` iv_value = lv_program ).
    ENDIF.
    ro_data->set_string( iv_name = `include` iv_value = lv_include )->set( iv_name = `lines` io_value = lo_lines ).
  ENDMETHOD.


  METHOD detach.
    IF mv_held IS NOT INITIAL.
      " Nobody took the call a condition check kept: it runs on, as a call does
      " that nobody attaches to.
      mo_debugger->detach( ).
      CLEAR: mv_held, ms_attached.
    ENDIF.
    IF ms_attached-id IS INITIAL.
      ro_data = zcl_vsp_json=>new_object( )->set_boolean( iv_name = `detached` iv_value = abap_true
                                          )->set_string( iv_name = `message` iv_value = `No active debug session` ).
      RETURN.
    ENDIF.
    DATA(lv_id) = ms_attached-id.
    mo_debugger->detach( ).
    CLEAR ms_attached.
    ro_data = zcl_vsp_json=>new_object( )->set_boolean( iv_name = `detached` iv_value = abap_true
                                        )->set_string( iv_name = `debuggeeId` iv_value = lv_id ).
  ENDMETHOD.


  METHOD get_status.
    DATA(lv_available) = xsdbool( mo_debugger IS BOUND AND mo_debugger->is_available( ) = abap_true ).
    DATA(lv_authorized) = abap_false.
    DATA(lv_waiting) = 0.
    IF lv_available = abap_true.
      lv_authorized = mo_debugger->is_authorized( ).
    ENDIF.
    IF lv_authorized = abap_true.
      TRY.
          lv_waiting = lines( mo_debugger->waiting_debuggees( ) ).
        CATCH zcx_vsp_error ##NO_HANDLER.
          " The count is a hint; the status itself must not fail.
      ENDTRY.
    ENDIF.
    DATA(lv_attached) = COND string( WHEN mv_held IS INITIAL THEN ms_attached-id ).
    ro_data = zcl_vsp_json=>new_object(
      )->set_string( iv_name = `sessionId` iv_value = ms_context-session
      )->set_string( iv_name = `user` iv_value = sy-uname
      )->set_integer( iv_name = `breakpointCount` iv_value = lines( mt_breakpoints )
      )->set_boolean( iv_name = `attached` iv_value = xsdbool( lv_attached IS NOT INITIAL )
      )->set_string( iv_name = `attachedDebuggee` iv_value = lv_attached
      )->set_boolean( iv_name = `listenerActive` iv_value = abap_false
      )->set_boolean( iv_name = `debuggingAvailable` iv_value = lv_available
      )->set_boolean( iv_name = `authorized` iv_value = lv_authorized
      )->set_integer( iv_name = `waitingDebuggees` iv_value = lv_waiting ).
  ENDMETHOD.

ENDCLASS.
