* Project stub, replacing open-abap-core's copy (which lacks SET_TEXT; see
* "exclude" in abaplint.json). Checked against SAP's documentation of the APC
* message API (abenapc.md and SE24): GET_TEXT/SET_TEXT/GET_BINARY/SET_BINARY,
* each raising CX_APC_ERROR.
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
