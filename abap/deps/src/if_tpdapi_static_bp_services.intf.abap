* Stub of the SAP standard object, for abaplint only. Written from SAP's
* documentation of the external debugger API (package STPDA_API) and its
* public use (the open-source vsp handler): names and signatures of the
* members the handler calls, nothing else. Verify against the system.
INTERFACE if_tpdapi_static_bp_services PUBLIC.
  METHODS set_external_bp_context_user
    IMPORTING
      i_ide_user     TYPE syuname
      i_request_user TYPE syuname
      i_ide_id       TYPE csequence
    RAISING
      cx_tpdapi_invalid_user
      cx_tpdapi_invalid_param
      cx_tpdapi_not_authorized
      cx_tpdapi_failure.
  METHODS create_line_breakpoint
    IMPORTING
      i_main_program TYPE csequence
      i_include      TYPE csequence OPTIONAL
      i_line_nr      TYPE i
    RETURNING
      VALUE(r_ref_bp) TYPE REF TO if_tpdapi_bp
    RAISING
      cx_tpdapi_existing
      cx_tpdapi_invalid_param
      cx_tpdapi_failure.
  METHODS create_statement_breakpoint
    IMPORTING
      i_statement     TYPE csequence
    RETURNING
      VALUE(r_ref_bp) TYPE REF TO if_tpdapi_bp
    RAISING
      cx_tpdapi_existing
      cx_tpdapi_invalid_param
      cx_tpdapi_failure.
  METHODS create_exception_breakpoint
    IMPORTING
      i_exception     TYPE csequence
    RETURNING
      VALUE(r_ref_bp) TYPE REF TO if_tpdapi_bp
    RAISING
      cx_tpdapi_existing
      cx_tpdapi_invalid_param
      cx_tpdapi_failure.
  METHODS delete_breakpoint
    IMPORTING
      i_ref_bp TYPE REF TO if_tpdapi_bp
    RAISING
      cx_tpdapi_failure.
ENDINTERFACE.
