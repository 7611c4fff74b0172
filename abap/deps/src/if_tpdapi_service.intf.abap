* Stub of the SAP standard object, for abaplint only. Written from SAP's
* documentation of the external debugger API (package STPDA_API) and its
* public use (the open-source vsp handler): names and signatures of the
* members the handler calls, nothing else. Verify against the system.
INTERFACE if_tpdapi_service PUBLIC.
  TYPES typ_terminal_id TYPE c LENGTH 32.
  TYPES typ_ide_id TYPE c LENGTH 32.
  TYPES typ_debuggee_id TYPE c LENGTH 32.
  TYPES:
    BEGIN OF typ_str_debuggee,
      debuggee_id    TYPE typ_debuggee_id,
      debuggee_user  TYPE syuname,
      host           TYPE string,
      program        TYPE string,
      is_same_server TYPE abap_bool,
    END OF typ_str_debuggee.
  TYPES typ_tab_debuggees TYPE STANDARD TABLE OF typ_str_debuggee WITH DEFAULT KEY.
  METHODS get_static_bp_services
    RETURNING
      VALUE(r_ref_services) TYPE REF TO if_tpdapi_static_bp_services
    RAISING
      cx_tpdapi_failure.
  METHODS activate_session_for_ext_debug
    IMPORTING
      i_ide_user    TYPE syuname
      i_terminal_id TYPE typ_terminal_id
      i_ide_id      TYPE typ_ide_id
    RAISING
      cx_tpdapi_failure.
  METHODS check_listener_conflict_user
    IMPORTING
      i_user   TYPE syuname
      i_ide_id TYPE typ_ide_id
    RAISING
      cx_abdbg_actext_conflict_lis
      cx_tpdapi_invalid_user
      cx_tpdapi_failure.
  METHODS start_listener_for_user
    IMPORTING
      i_request_user TYPE syuname
      i_ide_user     TYPE syuname
      i_ide_id       TYPE typ_ide_id
      i_timeout      TYPE i
    RAISING
      cx_abdbg_actext_lis_timeout
      cx_abdbg_actext_conflict_lis
      cx_tpdapi_failure.
  METHODS stop_listener_for_user
    IMPORTING
      i_request_user TYPE syuname
    RAISING
      cx_tpdapi_failure.
  METHODS get_waiting_debuggees
    IMPORTING
      i_terminal_id  TYPE typ_terminal_id OPTIONAL
      i_ide_id       TYPE typ_ide_id OPTIONAL
      i_request_user TYPE syuname
      i_ide_user     TYPE syuname
    RETURNING
      VALUE(r_tab_debuggees) TYPE typ_tab_debuggees
    RAISING
      cx_tpdapi_failure.
  METHODS attach_debuggee
    IMPORTING
      i_debuggee_id TYPE typ_debuggee_id
    RETURNING
      VALUE(r_ref_session) TYPE REF TO if_tpdapi_session
    RAISING
      cx_tpdapi_failure.
ENDINTERFACE.
