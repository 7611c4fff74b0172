* Stub of the SAP standard interface, for abaplint only. The handler calls the
* text methods positionally, so it does not depend on the parameter names.
INTERFACE if_apc_wsp_message PUBLIC.
  METHODS get_text
    RETURNING
      VALUE(r_message) TYPE string
    RAISING
      cx_apc_error.
  METHODS set_text
    IMPORTING
      !i_message TYPE string
    RAISING
      cx_apc_error.
  METHODS get_binary
    RETURNING
      VALUE(r_message) TYPE xstring
    RAISING
      cx_apc_error.
  METHODS set_binary
    IMPORTING
      !i_message TYPE xstring
    RAISING
      cx_apc_error.
ENDINTERFACE.
