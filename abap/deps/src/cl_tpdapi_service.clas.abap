* Stub of the SAP standard object, for abaplint only. Written from SAP's
* documentation of the external debugger API (package STPDA_API) and its
* public use (the open-source vsp handler): names and signatures of the
* members the handler calls, nothing else. Verify against the system.
CLASS cl_tpdapi_service DEFINITION PUBLIC CREATE PRIVATE.
  PUBLIC SECTION.
    CLASS-METHODS s_get_instance
      RETURNING
        VALUE(r_ref_service) TYPE REF TO if_tpdapi_service.
    CLASS-METHODS is_debugging_available
      RETURNING
        VALUE(r_flg_available) TYPE abap_bool.
ENDCLASS.

CLASS cl_tpdapi_service IMPLEMENTATION.
  METHOD s_get_instance.
    CLEAR r_ref_service.
  ENDMETHOD.
  METHOD is_debugging_available.
    CLEAR r_flg_available.
  ENDMETHOD.
ENDCLASS.
