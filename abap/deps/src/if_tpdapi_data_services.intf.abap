* Stub of the SAP standard object, for abaplint only. Written from SAP's
* documentation of the external debugger API (package STPDA_API) and its
* public use (the open-source vsp handler): names and signatures of the
* members the handler calls, nothing else. Verify against the system.
* The line types of the parameter and local lists: only NAME is used.
INTERFACE if_tpdapi_data_services PUBLIC.
  TYPES:
    BEGIN OF typ_str_variable,
      name TYPE string,
    END OF typ_str_variable.
  TYPES typ_tab_parameters TYPE STANDARD TABLE OF typ_str_variable WITH DEFAULT KEY.
  TYPES typ_tab_locals TYPE STANDARD TABLE OF typ_str_variable WITH DEFAULT KEY.
  METHODS get_data
    IMPORTING
      VALUE(i_name)     TYPE csequence
    RETURNING
      VALUE(r_ref_data) TYPE REF TO if_tpdapi_data
    RAISING
      cx_tpdapi_failure.
  METHODS get_parameters
    IMPORTING
      VALUE(i_flg_with_quickinfo) TYPE abap_bool OPTIONAL
    RETURNING
      VALUE(r_tab_parameters)     TYPE typ_tab_parameters
    RAISING
      cx_tpdapi_failure.
  METHODS get_locals
    IMPORTING
      VALUE(i_flg_with_quickinfo) TYPE abap_bool OPTIONAL
      VALUE(i_flg_with_constants) TYPE abap_bool DEFAULT abap_true
    RETURNING
      VALUE(r_tab_locals)         TYPE typ_tab_locals
    RAISING
      cx_tpdapi_failure.
ENDINTERFACE.
