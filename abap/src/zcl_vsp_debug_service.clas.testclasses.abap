*"* Unit tests of the debug service against a double of ZIF_VSP_DEBUGGER.
*"* The double plays one call of the user that stops at his breakpoints:
*"* a fixed sequence of stops (program, include, line, procedure, variables)
*"* that step into/over/return walks one by one and continue walks to the
*"* next stop with a line breakpoint, as a debuggee in SAP's debugger would.
*"* ZCL_VSP_TPDAPI_DEBUGGER itself needs a system and is only linted here.

CLASS ltd_debugger DEFINITION FINAL FOR TESTING.
  PUBLIC SECTION.
    INTERFACES zif_vsp_debugger.

    TYPES:
      BEGIN OF ty_stop,
        program   TYPE string,
        include   TYPE string,
        line      TYPE i,
        procedure TYPE string,
        "! NAME=VALUE pairs separated by blanks
        variables TYPE string,
      END OF ty_stop.
    TYPES ty_stops TYPE STANDARD TABLE OF ty_stop WITH EMPTY KEY.
    TYPES:
      BEGIN OF ty_created,
        handle     TYPE string,
        breakpoint TYPE zif_vsp_debugger=>ty_breakpoint,
      END OF ty_created.

    DATA available TYPE abap_bool VALUE abap_true.
    DATA authorized TYPE abap_bool VALUE abap_true.
    DATA created TYPE STANDARD TABLE OF ty_created WITH EMPTY KEY.
    DATA deleted TYPE string_table.
    DATA listened_seconds TYPE i.
    DATA attached TYPE string.
    DATA detached TYPE abap_bool.
    DATA closed TYPE abap_bool.
    DATA stops TYPE ty_stops.
    DATA position TYPE i.
    "! The call waits as this debuggee once it reached a breakpoint.
    DATA debuggee_id TYPE string VALUE `DBG1`.

    "! Runs the call from its start to the first stop at a breakpoint.
    METHODS start_call.

  PRIVATE SECTION.
    DATA mv_waiting TYPE abap_bool.
    METHODS at_breakpoint
      IMPORTING
        iv_index     TYPE i
      RETURNING
        VALUE(rv_at) TYPE abap_bool.
    METHODS not_attached
      RAISING
        zcx_vsp_error.
ENDCLASS.


CLASS ltd_debugger IMPLEMENTATION.

  METHOD start_call.
    DO lines( stops ) TIMES.
      IF at_breakpoint( sy-index ) = abap_true.
        position = sy-index.
        mv_waiting = abap_true.
        RETURN.
      ENDIF.
    ENDDO.
  ENDMETHOD.


  METHOD at_breakpoint.
    READ TABLE stops INDEX iv_index INTO DATA(ls_stop).
    IF sy-subrc <> 0.
      RETURN.
    ENDIF.
    LOOP AT created INTO DATA(ls_created)
         WHERE breakpoint-kind = zif_vsp_debugger=>gc_kind-line AND breakpoint-program = ls_stop-program
           AND breakpoint-line = ls_stop-line.
      IF NOT line_exists( deleted[ table_line = ls_created-handle ] ).
        rv_at = abap_true.
        RETURN.
      ENDIF.
    ENDLOOP.
  ENDMETHOD.


  METHOD not_attached.
    IF attached IS INITIAL.
      RAISE EXCEPTION TYPE zcx_vsp_error
        EXPORTING
          iv_code    = zif_vsp_debugger=>gc_code-not_attached
          iv_message = `the double has no debuggee attached`.
    ENDIF.
  ENDMETHOD.


  METHOD zif_vsp_debugger~is_available.
    rv_available = available.
  ENDMETHOD.


  METHOD zif_vsp_debugger~is_authorized.
    rv_authorized = authorized.
  ENDMETHOD.


  METHOD zif_vsp_debugger~create_breakpoint.
    rv_handle = |H{ lines( created ) + 1 }|.
    APPEND VALUE #( handle = rv_handle breakpoint = is_breakpoint ) TO created.
  ENDMETHOD.


  METHOD zif_vsp_debugger~delete_breakpoint.
    APPEND iv_handle TO deleted.
  ENDMETHOD.


  METHOD zif_vsp_debugger~listen.
    listened_seconds = iv_seconds.
    rt_debuggees = zif_vsp_debugger~waiting_debuggees( ).
  ENDMETHOD.


  METHOD zif_vsp_debugger~waiting_debuggees.
    IF mv_waiting = abap_false OR attached IS NOT INITIAL.
      RETURN.
    ENDIF.
    DATA(ls_stop) = VALUE #( stops[ position ] OPTIONAL ).
    APPEND VALUE #( id = debuggee_id host = `host1` user = sy-uname program = ls_stop-program
                    same_server = abap_true ) TO rt_debuggees.
  ENDMETHOD.


  METHOD zif_vsp_debugger~attach.
    IF mv_waiting = abap_false OR iv_debuggee_id <> debuggee_id OR attached IS NOT INITIAL.
      RAISE EXCEPTION TYPE zcx_vsp_error
        EXPORTING
          iv_code    = zif_vsp_debugger=>gc_code-attach_failed
          iv_message = |the double has no debuggee { iv_debuggee_id }|.
    ENDIF.
    attached = iv_debuggee_id.
  ENDMETHOD.


  METHOD zif_vsp_debugger~step.
    not_attached( ).
    IF iv_type = zif_vsp_debugger=>gc_step-continue.
      DO.
        position = position + 1.
        IF position > lines( stops ) OR at_breakpoint( position ) = abap_true.
          EXIT.
        ENDIF.
      ENDDO.
    ELSE.
      position = position + 1.
    ENDIF.
    IF position > lines( stops ).
      CLEAR: attached, mv_waiting.
      rv_ended = abap_true.
    ENDIF.
  ENDMETHOD.


  METHOD zif_vsp_debugger~stack.
    not_attached( ).
    DATA(ls_stop) = VALUE #( stops[ position ] OPTIONAL ).
    APPEND VALUE #( program = ls_stop-program include = ls_stop-include line = ls_stop-line
                    procedure = ls_stop-procedure kind = `FORM` active = abap_true ) TO rt_stack.
    APPEND VALUE #( program = ls_stop-program include = ls_stop-include line = 1
                    procedure = `CALLER` kind = `FUNCTION` ) TO rt_stack.
  ENDMETHOD.


  METHOD zif_vsp_debugger~variable.
    not_attached( ).
    DATA(ls_stop) = VALUE #( stops[ position ] OPTIONAL ).
    SPLIT ls_stop-variables AT ` ` INTO TABLE DATA(lt_pairs).
    LOOP AT lt_pairs INTO DATA(lv_pair).
      SPLIT lv_pair AT `=` INTO DATA(lv_name) DATA(lv_value).
      IF lv_name = iv_name.
        rs_variable = VALUE #( name = lv_name value = lv_value type = `I` ).
        RETURN.
      ENDIF.
    ENDLOOP.
    IF iv_name CP `SY-*`.
      rs_variable = VALUE #( name = iv_name value = `0` type = `I` ).
      RETURN.
    ENDIF.
    RAISE EXCEPTION TYPE zcx_vsp_error
      EXPORTING
        iv_code    = zif_vsp_debugger=>gc_code-not_found
        iv_message = |no variable { iv_name }|.
  ENDMETHOD.


  METHOD zif_vsp_debugger~locals.
    not_attached( ).
    DATA(ls_stop) = VALUE #( stops[ position ] OPTIONAL ).
    SPLIT ls_stop-variables AT ` ` INTO TABLE DATA(lt_pairs).
    LOOP AT lt_pairs INTO DATA(lv_pair).
      SPLIT lv_pair AT `=` INTO DATA(lv_name) DATA(lv_value).
      APPEND VALUE #( name = lv_name value = lv_value type = `I` ) TO rt_variables.
    ENDLOOP.
  ENDMETHOD.


  METHOD zif_vsp_debugger~read_source.
    IF iv_include <> `LZDEMOU01`.
      RAISE EXCEPTION TYPE zcx_vsp_error
        EXPORTING
          iv_code    = zif_vsp_debugger=>gc_code-not_found
          iv_message = |Include { iv_include } not found|.
    ENDIF.
    DO 20 TIMES.
      APPEND |  statement { sy-index }.| TO rt_lines.
    ENDDO.
  ENDMETHOD.


  METHOD zif_vsp_debugger~detach.
    detached = abap_true.
    CLEAR: attached, mv_waiting.
  ENDMETHOD.


  METHOD zif_vsp_debugger~close.
    closed = abap_true.
  ENDMETHOD.

ENDCLASS.


CLASS ltcl_debug_service DEFINITION FINAL FOR TESTING
  DURATION SHORT
  RISK LEVEL HARMLESS.

  PRIVATE SECTION.
    DATA mo_double TYPE REF TO ltd_debugger.
    DATA mo_service TYPE REF TO zcl_vsp_debug_service.

    METHODS setup.
    METHODS line_breakpoint_is_registered FOR TESTING RAISING zcx_vsp_error.
    METHODS breakpoint_from_uri FOR TESTING RAISING zcx_vsp_error.
    METHODS breakpoint_errors FOR TESTING RAISING zcx_vsp_error.
    METHODS delete_breakpoint FOR TESTING RAISING zcx_vsp_error.
    METHODS unauthorized_user FOR TESTING RAISING zcx_vsp_error.
    METHODS system_without_debugger FOR TESTING RAISING zcx_vsp_error.
    METHODS listen_is_bounded FOR TESTING RAISING zcx_vsp_error.
    METHODS only_own_debuggees FOR TESTING RAISING zcx_vsp_error.
    METHODS catch_step_and_finish FOR TESTING RAISING zcx_vsp_error.
    METHODS attach_errors FOR TESTING RAISING zcx_vsp_error.
    METHODS step_needs_a_debuggee FOR TESTING RAISING zcx_vsp_error.
    METHODS condition_skips_stops FOR TESTING RAISING zcx_vsp_error.
    METHODS kept_call_is_released FOR TESTING RAISING zcx_vsp_error.
    METHODS detach_lets_it_run FOR TESTING RAISING zcx_vsp_error.
    METHODS close_cleans_up FOR TESTING RAISING zcx_vsp_error.
    METHODS unknown_action FOR TESTING RAISING zcx_vsp_error.

    METHODS request
      IMPORTING
        iv_action      TYPE string
        iv_params      TYPE string DEFAULT `{}`
        iv_timeout     TYPE int8 DEFAULT 0
      RETURNING
        VALUE(rv_json) TYPE string
      RAISING
        zcx_vsp_error.
    METHODS assert_error
      IMPORTING
        iv_action  TYPE string
        iv_params  TYPE string DEFAULT `{}`
        iv_code    TYPE zcx_vsp_error=>ty_code
        iv_message TYPE string DEFAULT `*`.
    METHODS breakpoint_id
      IMPORTING
        iv_json      TYPE string
      RETURNING
        VALUE(rv_id) TYPE string
      RAISING
        zcx_vsp_error.
ENDCLASS.


CLASS ltcl_debug_service IMPLEMENTATION.

  METHOD setup.
    mo_double = NEW #( ).
    mo_double->stops = VALUE #(
      ( program = `SAPLZDEMO` include = `LZDEMOU01` line = 15 procedure = `Z_DEMO` variables = `LV_INDEX=1` )
      ( program = `SAPLZDEMO` include = `LZDEMOU01` line = 16 procedure = `Z_DEMO` variables = `LV_INDEX=1` )
      ( program = `SAPLZDEMO` include = `LZDEMOF01` line = 6 procedure = `SQUARE` variables = `IV_VALUE=1` )
      ( program = `SAPLZDEMO` include = `LZDEMOU01` line = 15 procedure = `Z_DEMO` variables = `LV_INDEX=2` )
      ( program = `SAPLZDEMO` include = `LZDEMOU01` line = 16 procedure = `Z_DEMO` variables = `LV_INDEX=2` )
      ( program = `SAPLZDEMO` include = `LZDEMOF01` line = 6 procedure = `SQUARE` variables = `IV_VALUE=2` ) ).
    mo_service = NEW #( io_debugger = mo_double ).
    mo_service->zif_vsp_service~initialize( VALUE #( session = `S1` max_reply_bytes = 1000000 ) ).
  ENDMETHOD.


  METHOD request.
    rv_json = mo_service->zif_vsp_service~handle( VALUE #( id      = `d1`
                                                           domain  = `debug`
                                                           action  = iv_action
                                                           params  = zcl_vsp_json=>parse( iv_params )
                                                           timeout = iv_timeout ) )->render( ).
  ENDMETHOD.


  METHOD assert_error.
    TRY.
        DATA(lv_json) = request( iv_action = iv_action iv_params = iv_params ).
        cl_abap_unit_assert=>fail( |{ iv_action } { iv_params } should fail with { iv_code }, got { lv_json }| ).
      CATCH zcx_vsp_error INTO DATA(lx_error).
        cl_abap_unit_assert=>assert_equals( act = lx_error->code exp = iv_code msg = |{ iv_action } { iv_params }| ).
        cl_abap_unit_assert=>assert_char_cp( act = lx_error->message exp = iv_message ).
    ENDTRY.
  ENDMETHOD.


  METHOD breakpoint_id.
    DATA(lo_reply) = zcl_vsp_json=>parse( iv_json ).
    rv_id = lo_reply->get( `breakpointId` )->text( ).
  ENDMETHOD.


  METHOD line_breakpoint_is_registered.
    DATA(lv_json) = request( iv_action = `setBreakpoint`
                             iv_params = `{"program":"saplzdemo","include":"LZDEMOU01","line":16}` ).
    cl_abap_unit_assert=>assert_char_cp(
      act = lv_json
      exp = `{"breakpointId":"*","kind":"line","registered":true,"program":"SAPLZDEMO","include":"LZDEMOU01","line":16}` ).
    cl_abap_unit_assert=>assert_equals( act = lines( mo_double->created ) exp = 1 ).
    cl_abap_unit_assert=>assert_equals( act = mo_double->created[ 1 ]-breakpoint
                                        exp = VALUE zif_vsp_debugger=>ty_breakpoint( kind = `line` program = `SAPLZDEMO`
                                                                                     include = `LZDEMOU01` line = 16 ) ).
    DATA(lv_id) = breakpoint_id( lv_json ).
    cl_abap_unit_assert=>assert_equals(
      act = request( `getBreakpoints` )
      exp = |\{"breakpoints":[\{"id":"{ lv_id }","kind":"line","program":"SAPLZDEMO","include":"LZDEMOU01","line":16\}]\}| ).

    lv_json = request( iv_action = `setBreakpoint` iv_params = `{"kind":"statement","statement":"perform"}` ).
    cl_abap_unit_assert=>assert_char_cp( act = lv_json exp = `*"kind":"statement","registered":true,"statement":"PERFORM"}` ).
    lv_json = request( iv_action = `setBreakpoint` iv_params = `{"kind":"exception","exception":"cx_sy_zerodivide"}` ).
    cl_abap_unit_assert=>assert_char_cp( act = lv_json exp = `*"exception":"CX_SY_ZERODIVIDE"}` ).
    cl_abap_unit_assert=>assert_equals( act = lines( mo_double->created ) exp = 3 ).
  ENDMETHOD.


  METHOD breakpoint_from_uri.
    DATA(lv_json) = request( iv_action = `setBreakpoint`
                             iv_params = `{"uri":"/sap/bc/adt/programs/programs/zdemo/source/main#start=12,3"}` ).
    cl_abap_unit_assert=>assert_char_cp( act = lv_json exp = `*"program":"ZDEMO","uri":"*","line":12}` ).
    lv_json = request( iv_action = `setBreakpoint`
                       iv_params = `{"uri":"/sap/bc/adt/oo/classes/zcl_demo/source/main","line":"7"}` ).
    cl_abap_unit_assert=>assert_char_cp( act = lv_json exp = `*"program":"ZCL_DEMO======================CP",*"line":7}` ).
  ENDMETHOD.


  METHOD breakpoint_errors.
    assert_error( iv_action = `setBreakpoint` iv_params = `{"line":3}` iv_code = zcx_vsp_error=>gc_code-invalid_params
                  iv_message = `A line breakpoint needs program or uri*` ).
    assert_error( iv_action = `setBreakpoint` iv_params = `{"program":"ZDEMO"}`
                  iv_code = zcx_vsp_error=>gc_code-invalid_params iv_message = `*positive line*` ).
    assert_error( iv_action = `setBreakpoint` iv_params = `{"uri":"/sap/bc/adt/nothing/here"}`
                  iv_code = zif_vsp_debugger=>gc_code-invalid_uri ).
    assert_error( iv_action = `setBreakpoint` iv_params = `{"kind":"watch","program":"ZDEMO","line":1}`
                  iv_code = zif_vsp_debugger=>gc_code-invalid_kind iv_message = `Invalid breakpoint kind 'watch'*` ).
    assert_error( iv_action = `setBreakpoint` iv_params = `{"kind":"statement"}`
                  iv_code = zcx_vsp_error=>gc_code-invalid_params ).
    assert_error( iv_action = `setBreakpoint` iv_params = `{"kind":"exception"}`
                  iv_code = zcx_vsp_error=>gc_code-invalid_params ).
    assert_error( iv_action = `setBreakpoint` iv_params = `{"program":"ZDEMO","line":1,"condition":"lv_x ="}`
                  iv_code = zcx_vsp_error=>gc_code-invalid_params iv_message = `Condition "lv_x =" cannot be read*` ).
    request( iv_action = `setBreakpoint` iv_params = `{"program":"ZDEMO","line":1}` ).
    assert_error( iv_action = `setBreakpoint` iv_params = `{"program":"zdemo","line":1}`
                  iv_code = zif_vsp_debugger=>gc_code-breakpoint_exists ).
    cl_abap_unit_assert=>assert_equals( act = lines( mo_double->created ) exp = 1 ).
  ENDMETHOD.


  METHOD delete_breakpoint.
    DATA(lv_id) = breakpoint_id( request( iv_action = `setBreakpoint` iv_params = `{"program":"ZDEMO","line":1}` ) ).
    assert_error( iv_action = `deleteBreakpoint` iv_code = zcx_vsp_error=>gc_code-invalid_params ).
    assert_error( iv_action = `deleteBreakpoint` iv_params = `{"breakpointId":"NOPE"}`
                  iv_code = zif_vsp_debugger=>gc_code-not_found iv_message = `Breakpoint NOPE not found` ).
    cl_abap_unit_assert=>assert_equals( act = request( iv_action = `deleteBreakpoint`
                                                       iv_params = |\{"breakpointId":"{ to_lower( lv_id ) }"\}| )
                                        exp = |\{"deleted":"{ lv_id }"\}| ).
    cl_abap_unit_assert=>assert_equals( act = mo_double->deleted exp = VALUE string_table( ( `H1` ) ) ).
    cl_abap_unit_assert=>assert_equals( act = request( `getBreakpoints` ) exp = `{"breakpoints":[]}` ).
  ENDMETHOD.


  METHOD unauthorized_user.
    mo_double->authorized = abap_false.
    assert_error( iv_action = `setBreakpoint` iv_params = `{"program":"ZDEMO","line":1}`
                  iv_code = zcx_vsp_error=>gc_code-not_authorized iv_message = `*S_DEVELOP*DEBUG*` ).
    assert_error( iv_action = `listen` iv_code = zcx_vsp_error=>gc_code-not_authorized ).
    cl_abap_unit_assert=>assert_initial( mo_double->created ).
    cl_abap_unit_assert=>assert_char_cp( act = request( `getStatus` )
                                         exp = `*"debuggingAvailable":true,"authorized":false,*` ).
  ENDMETHOD.


  METHOD system_without_debugger.
    mo_double->available = abap_false.
    assert_error( iv_action = `setBreakpoint` iv_params = `{"program":"ZDEMO","line":1}`
                  iv_code = zcx_vsp_error=>gc_code-unknown_action iv_message = `*served: getStatus*` ).
    cl_abap_unit_assert=>assert_char_cp( act = request( `getStatus` ) exp = `*"debuggingAvailable":false,*` ).
    cl_abap_unit_assert=>assert_equals( act = zcl_vsp_debug_service=>served_actions( mo_double )
                                        exp = VALUE string_table( ( `getStatus` ) ) ).
    mo_double->available = abap_true.
    cl_abap_unit_assert=>assert_equals( act = zcl_vsp_debug_service=>served_actions( mo_double )
                                        exp = zcl_vsp_debug_service=>all_actions( ) ).
  ENDMETHOD.


  METHOD listen_is_bounded.
    cl_abap_unit_assert=>assert_equals( act = request( iv_action = `listen` iv_params = `{"timeout":999}` )
                                        exp = `{"status":"timeout","debuggees":[]}` ).
    cl_abap_unit_assert=>assert_equals( act = mo_double->listened_seconds exp = 240 ).
    request( iv_action = `listen` iv_params = `{"timeout":0}` ).
    cl_abap_unit_assert=>assert_equals( act = mo_double->listened_seconds exp = 1 ).
    request( `listen` ).
    cl_abap_unit_assert=>assert_equals( act = mo_double->listened_seconds exp = 60 ).
    " The request's own timeout (ms) bounds the wait too.
    request( iv_action = `listen` iv_params = `{"timeout":"30"}` iv_timeout = 5000 ).
    cl_abap_unit_assert=>assert_equals( act = mo_double->listened_seconds exp = 5 ).
  ENDMETHOD.


  METHOD only_own_debuggees.
    assert_error( iv_action = `listen` iv_params = `{"user":"SOMEONE_ELSE"}` iv_code = zcx_vsp_error=>gc_code-not_authorized
                  iv_message = `*only his own calls*` ).
    assert_error( iv_action = `getDebuggees` iv_params = `{"user":"SOMEONE_ELSE"}`
                  iv_code = zcx_vsp_error=>gc_code-not_authorized ).
    cl_abap_unit_assert=>assert_equals( act = request( iv_action = `getDebuggees` iv_params = |\{"user":"{ sy-uname }"\}| )
                                        exp = `{"debuggees":[]}` ).
  ENDMETHOD.


  METHOD catch_step_and_finish.
    DATA(lv_breakpoint) = breakpoint_id( request( iv_action = `setBreakpoint` iv_params = `{"program":"SAPLZDEMO","line":16}` ) ).
    mo_double->start_call( ).
    cl_abap_unit_assert=>assert_equals(
      act = request( iv_action = `listen` iv_params = `{"timeout":10}` )
      exp = |\{"status":"caught","debuggees":[\{"id":"DBG1","host":"host1","user":"{ sy-uname }",|
         && |"program":"SAPLZDEMO","include":"","line":0,"sameServer":true\}]\}| ).
    cl_abap_unit_assert=>assert_equals(
      act = request( iv_action = `attach` iv_params = `{"debuggeeId":"dbg1"}` )
      exp = |\{"attached":true,"debuggeeId":"DBG1","program":"SAPLZDEMO","include":"LZDEMOU01","line":16,|
         && |"procedure":"Z_DEMO","statement":"statement 16.","reason":"breakpoint","breakpointId":"{ lv_breakpoint }"\}| ).
    cl_abap_unit_assert=>assert_char_cp( act = request( `getStatus` )
                                         exp = `*"attached":true,"attachedDebuggee":"DBG1",*` ).

    cl_abap_unit_assert=>assert_equals(
      act = request( iv_action = `step` iv_params = `{"type":"into"}` )
      exp = `{"stepped":"into","program":"SAPLZDEMO","include":"LZDEMOF01","line":6,"procedure":"SQUARE","statement":"",`
         && `"reason":"step"}` ).
    cl_abap_unit_assert=>assert_equals(
      act = request( iv_action = `getVariables` iv_params = `{"scope":"locals"}` )
      exp = `{"scope":"locals","variables":[{"name":"IV_VALUE","value":"1","type":"I","scope":"locals"}]}` ).
    cl_abap_unit_assert=>assert_char_cp(
      act = request( `getVariables` )
      exp = `{"scope":"system","variables":[{"name":"SY-SUBRC","value":"0","type":"I","scope":"system"},*` ).
    cl_abap_unit_assert=>assert_char_cp(
      act = request( `getStack` )
      exp = `{"stack":[{"index":0,"program":"SAPLZDEMO","include":"LZDEMOF01","line":6,"procedure":"SQUARE",`
         && `"kind":"FORM","active":true,"system":false},{"index":1,*"active":false,*}]}` ).
    cl_abap_unit_assert=>assert_equals(
      act = request( iv_action = `getSource` iv_params = `{"include":"lzdemou01"}` )
      exp = `{"include":"LZDEMOU01","lines":["  statement 1.","  statement 2.","  statement 3.","  statement 4.",`
         && `"  statement 5.","  statement 6.","  statement 7.","  statement 8.","  statement 9.","  statement 10.",`
         && `"  statement 11.","  statement 12.","  statement 13.","  statement 14.","  statement 15.",`
         && `"  statement 16.","  statement 17.","  statement 18.","  statement 19.","  statement 20."]}` ).

    " Continue stops at the breakpoint's next pass, then runs to the end.
    cl_abap_unit_assert=>assert_char_cp( act = request( iv_action = `step` iv_params = `{"type":"continue"}` )
                                         exp = `{"stepped":"continue",*"line":16,*"reason":"breakpoint","breakpointId":"*"}` ).
    cl_abap_unit_assert=>assert_equals( act = mo_service->zif_vsp_events~take_events( ) exp = VALUE zif_vsp_events=>ty_events( ) ).
    cl_abap_unit_assert=>assert_equals(
      act = request( iv_action = `step` iv_params = `{"type":"continue"}` )
      exp = `{"stepped":"continue","ended":true,"message":"Debuggee ended","reason":"completed","aborted":false}` ).
    DATA(lt_events) = mo_service->zif_vsp_events~take_events( ).
    cl_abap_unit_assert=>assert_equals( act = lines( lt_events ) exp = 1 ).
    cl_abap_unit_assert=>assert_equals( act = lt_events[ 1 ]-event exp = `ended` ).
    cl_abap_unit_assert=>assert_char_cp( act = lt_events[ 1 ]-data->render( ) exp = `{"id":"DBG1",*"reason":"completed",*` ).
    cl_abap_unit_assert=>assert_initial( mo_service->zif_vsp_events~take_events( ) ).
    assert_error( iv_action = `getStack` iv_code = zif_vsp_debugger=>gc_code-not_attached ).
  ENDMETHOD.


  METHOD attach_errors.
    assert_error( iv_action = `attach` iv_code = zcx_vsp_error=>gc_code-invalid_params iv_message = `debuggeeId is required` ).
    assert_error( iv_action = `attach` iv_params = `{"debuggeeId":"OTHER"}` iv_code = zif_vsp_debugger=>gc_code-attach_failed
                  iv_message = `Cannot attach to debuggee OTHER: no such debuggee` ).
    request( iv_action = `setBreakpoint` iv_params = `{"program":"SAPLZDEMO","line":15}` ).
    mo_double->start_call( ).
    request( iv_action = `attach` iv_params = `{"debuggeeId":"DBG1"}` ).
    assert_error( iv_action = `attach` iv_params = `{"debuggeeId":"DBG1"}` iv_code = zif_vsp_debugger=>gc_code-already_attached
                  iv_message = `Already attached to debuggee DBG1; detach first` ).
  ENDMETHOD.


  METHOD step_needs_a_debuggee.
    assert_error( iv_action = `step` iv_code = zif_vsp_debugger=>gc_code-not_attached iv_message = `No debuggee attached` ).
    assert_error( iv_action = `getVariables` iv_code = zif_vsp_debugger=>gc_code-not_attached ).
    assert_error( iv_action = `getSource` iv_code = zcx_vsp_error=>gc_code-invalid_params ).
    request( iv_action = `setBreakpoint` iv_params = `{"program":"SAPLZDEMO","line":15}` ).
    mo_double->start_call( ).
    request( iv_action = `attach` iv_params = `{"debuggeeId":"DBG1"}` ).
    assert_error( iv_action = `step` iv_params = `{"type":"sideways"}` iv_code = zif_vsp_debugger=>gc_code-invalid_step_type
                  iv_message = `Invalid step type 'sideways' (into, over, return or continue)` ).
    assert_error( iv_action = `getVariables` iv_params = `{"frame":5}` iv_code = zcx_vsp_error=>gc_code-invalid_params
                  iv_message = `frame 5 does not exist; the stack has 2 frames` ).
  ENDMETHOD.


  METHOD condition_skips_stops.
    request( iv_action = `setBreakpoint`
             iv_params = `{"program":"SAPLZDEMO","include":"LZDEMOU01","line":16,"condition":"lv_index = 2"}` ).
    mo_double->start_call( ).
    " The first pass (LV_INDEX = 1) is continued inside listen; the second is reported.
    cl_abap_unit_assert=>assert_char_cp( act = request( `listen` )
                                         exp = `{"status":"caught","debuggees":[{"id":"DBG1",*"line":16,*}]}` ).
    cl_abap_unit_assert=>assert_equals( act = mo_double->position exp = 5 ).
    cl_abap_unit_assert=>assert_char_cp( act = request( `getStatus` ) exp = `*"attached":false,*` ).
    cl_abap_unit_assert=>assert_char_cp( act = request( iv_action = `attach` iv_params = `{"debuggeeId":"DBG1"}` )
                                         exp = `{"attached":true,"debuggeeId":"DBG1",*"line":16,*` ).
    cl_abap_unit_assert=>assert_equals(
      act = request( iv_action = `getVariables` iv_params = `{"scope":"locals"}` )
      exp = `{"scope":"locals","variables":[{"name":"LV_INDEX","value":"2","type":"I","scope":"locals"}]}` ).
  ENDMETHOD.


  METHOD kept_call_is_released.
    request( iv_action = `setBreakpoint`
             iv_params = `{"program":"SAPLZDEMO","include":"LZDEMOU01","line":16,"condition":"lv_index = 2"}` ).
    mo_double->start_call( ).
    request( `listen` ).
    cl_abap_unit_assert=>assert_equals( act = mo_double->attached exp = `DBG1` ).
    cl_abap_unit_assert=>assert_equals( act = request( `detach` )
                                        exp = `{"detached":true,"message":"No active debug session"}` ).
    cl_abap_unit_assert=>assert_true( mo_double->detached ).
    cl_abap_unit_assert=>assert_initial( mo_double->attached ).
  ENDMETHOD.


  METHOD detach_lets_it_run.
    cl_abap_unit_assert=>assert_equals( act = request( `detach` )
                                        exp = `{"detached":true,"message":"No active debug session"}` ).
    request( iv_action = `setBreakpoint` iv_params = `{"program":"SAPLZDEMO","line":15}` ).
    mo_double->start_call( ).
    request( iv_action = `attach` iv_params = `{"debuggeeId":"DBG1"}` ).
    cl_abap_unit_assert=>assert_equals( act = request( `detach` ) exp = `{"detached":true,"debuggeeId":"DBG1"}` ).
    cl_abap_unit_assert=>assert_true( mo_double->detached ).
    assert_error( iv_action = `step` iv_code = zif_vsp_debugger=>gc_code-not_attached ).
  ENDMETHOD.


  METHOD close_cleans_up.
    request( iv_action = `setBreakpoint` iv_params = `{"program":"SAPLZDEMO","line":15}` ).
    request( iv_action = `setBreakpoint` iv_params = `{"program":"SAPLZDEMO","line":16}` ).
    mo_double->start_call( ).
    request( iv_action = `attach` iv_params = `{"debuggeeId":"DBG1"}` ).
    mo_service->zif_vsp_service~on_close( ).
    cl_abap_unit_assert=>assert_equals( act = mo_double->deleted exp = VALUE string_table( ( `H1` ) ( `H2` ) ) ).
    cl_abap_unit_assert=>assert_true( mo_double->detached ).
    cl_abap_unit_assert=>assert_true( mo_double->closed ).
  ENDMETHOD.


  METHOD unknown_action.
    assert_error( iv_action = `evaluate` iv_code = zcx_vsp_error=>gc_code-unknown_action
                  iv_message = `Action 'evaluate' not supported (debug actions: setBreakpoint, *)` ).
  ENDMETHOD.

ENDCLASS.


CLASS ltcl_condition DEFINITION FINAL FOR TESTING
  DURATION SHORT
  RISK LEVEL HARMLESS.

  PRIVATE SECTION.
    DATA mo_double TYPE REF TO ltd_debugger.

    METHODS setup.
    METHODS comparisons FOR TESTING RAISING zcx_vsp_error.
    METHODS unreadable FOR TESTING.
    METHODS unknown_variable FOR TESTING.
    METHODS holds
      IMPORTING
        iv_condition    TYPE string
      RETURNING
        VALUE(rv_holds) TYPE abap_bool
      RAISING
        zcx_vsp_error.
ENDCLASS.


CLASS ltcl_condition IMPLEMENTATION.

  METHOD setup.
    mo_double = NEW #( ).
    mo_double->stops = VALUE #( ( program = `P` line = 1 variables = `LV_INDEX=2 LV_NAME=abc LV_BIG=10` ) ).
    mo_double->position = 1.
    mo_double->attached = `X`.
  ENDMETHOD.


  METHOD holds.
    rv_holds = zcl_vsp_debug_condition=>parse( iv_condition )->holds( mo_double ).
  ENDMETHOD.


  METHOD comparisons.
    cl_abap_unit_assert=>assert_true( holds( `lv_index = 2` ) ).
    cl_abap_unit_assert=>assert_false( holds( `lv_index <> 2` ) ).
    cl_abap_unit_assert=>assert_true( holds( `lv_index EQ 2.0` ) ).
    " Numbers compare as numbers: 10 > 9 although '10' < '9' as text.
    cl_abap_unit_assert=>assert_true( holds( `lv_big > 9` ) ).
    cl_abap_unit_assert=>assert_true( holds( `lv_name = 'abc'` ) ).
    cl_abap_unit_assert=>assert_true( holds( `lv_name<>'ab''c'` ) ).
    cl_abap_unit_assert=>assert_false( holds( `lv_index = 1 AND lv_name = 'abc'` ) ).
    cl_abap_unit_assert=>assert_true( holds( `lv_index = 1 OR lv_name = 'abc'` ) ).
    cl_abap_unit_assert=>assert_true( holds( `lv_index = 2 AND lv_big >= 10 OR lv_index = 7` ) ).
    cl_abap_unit_assert=>assert_true( holds( `sy-subrc LE 0` ) ).
  ENDMETHOD.


  METHOD unreadable.
    LOOP AT VALUE string_table( ( `` ) ( `lv_index` ) ( `lv_index = ` ) ( `lv_index ! 2` ) ( `lv_x = 'open` )
                                ( `a = 1 AND` ) ( `a = 1 XOR b = 2` ) ( `= = 1` ) ) INTO DATA(lv_condition).
      TRY.
          zcl_vsp_debug_condition=>parse( lv_condition ).
          cl_abap_unit_assert=>fail( |"{ lv_condition }" should not parse| ).
        CATCH zcx_vsp_error INTO DATA(lx_error).
          cl_abap_unit_assert=>assert_equals( act = lx_error->code exp = zcx_vsp_error=>gc_code-invalid_params ).
      ENDTRY.
    ENDLOOP.
  ENDMETHOD.


  METHOD unknown_variable.
    TRY.
        holds( `lv_nope = 1` ).
        cl_abap_unit_assert=>fail( `an unknown variable cannot be compared` ).
      CATCH zcx_vsp_error INTO DATA(lx_error).
        cl_abap_unit_assert=>assert_equals( act = lx_error->code exp = zif_vsp_debugger=>gc_code-not_found ).
    ENDTRY.
  ENDMETHOD.

ENDCLASS.
