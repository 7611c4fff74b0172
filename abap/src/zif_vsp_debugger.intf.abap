"! <p class="shorttext synchronized">ZADT_VSP: the external debugger, as the debug service needs it</p>
"! The one door between the debug domain and SAP's debugger. The service
"! (ZCL_VSP_DEBUG_SERVICE) keeps the protocol: parameters, replies, error
"! codes, which breakpoints belong to the session. An implementation only
"! talks to the debugger: ZCL_VSP_TPDAPI_DEBUGGER over SAP's external
"! debugger API (TPDAPI); unit tests use a double that plays a debuggee.
"!
"! Every method acts for the logged-on user (sy-uname): breakpoints are his
"! external breakpoints, debuggees are calls of his that stopped at them.
"! Failures are ZCX_VSP_ERROR with the codes of GC_CODE or the protocol's.
INTERFACE zif_vsp_debugger
  PUBLIC.

  "! The debug domain's error codes, as the old handler and the simulator name them.
  CONSTANTS:
    BEGIN OF gc_code,
      not_attached          TYPE zcx_vsp_error=>ty_code VALUE 'NOT_ATTACHED',
      already_attached      TYPE zcx_vsp_error=>ty_code VALUE 'ALREADY_ATTACHED',
      attach_failed         TYPE zcx_vsp_error=>ty_code VALUE 'ATTACH_FAILED',
      invalid_step_type     TYPE zcx_vsp_error=>ty_code VALUE 'INVALID_STEP_TYPE',
      step_failed           TYPE zcx_vsp_error=>ty_code VALUE 'STEP_FAILED',
      invalid_kind          TYPE zcx_vsp_error=>ty_code VALUE 'INVALID_KIND',
      invalid_uri           TYPE zcx_vsp_error=>ty_code VALUE 'INVALID_URI',
      breakpoint_exists     TYPE zcx_vsp_error=>ty_code VALUE 'BREAKPOINT_EXISTS',
      set_breakpoint_failed TYPE zcx_vsp_error=>ty_code VALUE 'SET_BREAKPOINT_FAILED',
      listener_conflict     TYPE zcx_vsp_error=>ty_code VALUE 'LISTENER_CONFLICT',
      not_found             TYPE zcx_vsp_error=>ty_code VALUE 'NOT_FOUND',
      debugger_failed       TYPE zcx_vsp_error=>ty_code VALUE 'DEBUGGER_FAILED',
    END OF gc_code.

  CONSTANTS:
    BEGIN OF gc_kind,
      line      TYPE string VALUE `line`,
      statement TYPE string VALUE `statement`,
      exception TYPE string VALUE `exception`,
    END OF gc_kind.

  CONSTANTS:
    BEGIN OF gc_step,
      into     TYPE string VALUE `into`,
      over     TYPE string VALUE `over`,
      return   TYPE string VALUE `return`,
      continue TYPE string VALUE `continue`,
    END OF gc_step.

  "! Where to stop. Line breakpoints name the main program, optionally the
  "! include, and the line of that include (or of the main program).
  TYPES:
    BEGIN OF ty_breakpoint,
      kind      TYPE string,
      program   TYPE string,
      include   TYPE string,
      line      TYPE i,
      statement TYPE string,
      exception TYPE string,
    END OF ty_breakpoint.

  TYPES:
    BEGIN OF ty_debuggee,
      id          TYPE string,
      host        TYPE string,
      user        TYPE string,
      program     TYPE string,
      include     TYPE string,
      line        TYPE i,
      same_server TYPE abap_bool,
    END OF ty_debuggee.
  TYPES ty_debuggees TYPE STANDARD TABLE OF ty_debuggee WITH EMPTY KEY.

  "! One frame of the debuggee's ABAP stack; the active frame comes first.
  TYPES:
    BEGIN OF ty_frame,
      program   TYPE string,
      include   TYPE string,
      line      TYPE i,
      procedure TYPE string,
      kind      TYPE string,
      active    TYPE abap_bool,
      system    TYPE abap_bool,
    END OF ty_frame.
  TYPES ty_stack TYPE STANDARD TABLE OF ty_frame WITH EMPTY KEY.

  TYPES:
    BEGIN OF ty_variable,
      name  TYPE string,
      value TYPE string,
      type  TYPE string,
      scope TYPE string,
    END OF ty_variable.
  TYPES ty_variables TYPE STANDARD TABLE OF ty_variable WITH EMPTY KEY.

  "! Whether the system offers the external debugger at all.
  METHODS is_available
    RETURNING
      VALUE(rv_available) TYPE abap_bool.

  "! The user's debugging authority (S_DEVELOP, object type DEBUG, display).
  METHODS is_authorized
    RETURNING
      VALUE(rv_authorized) TYPE abap_bool.

  "! Creates an external breakpoint of the user; the handle deletes it again.
  "! Conditions are the service's business: it checks them at the stop.
  METHODS create_breakpoint
    IMPORTING
      is_breakpoint    TYPE ty_breakpoint
    RETURNING
      VALUE(rv_handle) TYPE string
    RAISING
      zcx_vsp_error.

  METHODS delete_breakpoint
    IMPORTING
      iv_handle TYPE string
    RAISING
      zcx_vsp_error.

  "! Waits at most iv_seconds for calls of the user that stopped at his
  "! breakpoints; an empty result means the time passed.
  METHODS listen
    IMPORTING
      iv_seconds          TYPE i
    RETURNING
      VALUE(rt_debuggees) TYPE ty_debuggees
    RAISING
      zcx_vsp_error.

  "! The user's stopped calls that no debugger has taken, without waiting.
  METHODS waiting_debuggees
    RETURNING
      VALUE(rt_debuggees) TYPE ty_debuggees
    RAISING
      zcx_vsp_error.

  METHODS attach
    IMPORTING
      iv_debuggee_id TYPE string
    RAISING
      zcx_vsp_error.

  "! One step of gc_step; rv_ended says the debuggee ran to its end.
  METHODS step
    IMPORTING
      iv_type         TYPE string
    RETURNING
      VALUE(rv_ended) TYPE abap_bool
    RAISING
      zcx_vsp_error.

  METHODS stack
    RETURNING
      VALUE(rt_stack) TYPE ty_stack
    RAISING
      zcx_vsp_error.

  "! The value of one variable of the active frame (SY-SUBRC, LV_X, ...).
  METHODS variable
    IMPORTING
      iv_name            TYPE string
    RETURNING
      VALUE(rs_variable) TYPE ty_variable
    RAISING
      zcx_vsp_error.

  "! Parameters and local data of the active frame, with their values.
  METHODS locals
    RETURNING
      VALUE(rt_variables) TYPE ty_variables
    RAISING
      zcx_vsp_error.

  "! The lines of an include (or main program) as the debugger shows them;
  "! NOT_FOUND when there is no such source.
  METHODS read_source
    IMPORTING
      iv_include      TYPE string
    RETURNING
      VALUE(rt_lines) TYPE string_table
    RAISING
      zcx_vsp_error.

  "! Lets the attached debuggee run to its end without stopping again.
  METHODS detach.

  "! Ends listening and the external breakpoint context of the session.
  METHODS close.

ENDINTERFACE.
