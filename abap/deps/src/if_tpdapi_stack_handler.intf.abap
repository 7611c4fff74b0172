* Stub of the SAP standard object, for abaplint only. Written from SAP's
* documentation of the external debugger API (package STPDA_API) and its
* public use (the open-source vsp handler): names and signatures of the
* members the handler calls, nothing else. Verify against the system.
INTERFACE if_tpdapi_stack_handler PUBLIC.
  TYPES:
    BEGIN OF typ_str_stack,
      program     TYPE string,
      include     TYPE string,
      line        TYPE i,
      procname    TYPE c LENGTH 100,
      flg_active  TYPE abap_bool,
      flg_sysprog TYPE abap_bool,
      stacktype   TYPE string,
    END OF typ_str_stack.
  TYPES typ_tab_stack TYPE STANDARD TABLE OF typ_str_stack WITH DEFAULT KEY.
  METHODS get_stack
    RETURNING
      VALUE(r_tab_stack) TYPE typ_tab_stack
    RAISING
      cx_tpdapi_failure.
ENDINTERFACE.
