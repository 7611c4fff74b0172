* Stub of the SAP standard object, for abaplint only. Written from SAP's
* documentation of the external debugger API (package STPDA_API) and its
* public use (the open-source vsp handler): names and signatures of the
* members the handler calls, nothing else. Verify against the system.
INTERFACE if_tpdapi_session PUBLIC.
  METHODS get_control_services
    RETURNING
      VALUE(r_ref_control) TYPE REF TO if_tpdapi_control_services
    RAISING
      cx_tpdapi_failure.
  METHODS get_stack_handler
    RETURNING
      VALUE(r_ref_stack) TYPE REF TO if_tpdapi_stack_handler
    RAISING
      cx_tpdapi_failure.
  METHODS get_data_services
    RETURNING
      VALUE(r_ref_data) TYPE REF TO if_tpdapi_data_services
    RAISING
      cx_tpdapi_failure.
ENDINTERFACE.
