* Project stub, replacing open-abap-core's copy (which lacks ON_ACCEPT,
* ON_CLOSE and ON_ERROR; see "exclude" in abaplint.json). Checked against SAP's
* ABAP keyword documentation (abenapc.md: ON_ACCEPT, ON_START, ON_MESSAGE,
* ON_CLOSE, ON_ERROR) and SE24's signature. None of the methods declares
* exceptions, so a handler must catch everything itself.
INTERFACE if_apc_wsp_extension PUBLIC.
  METHODS on_accept
    IMPORTING
      !i_context_base TYPE REF TO if_apc_wsp_server_context_base
    EXPORTING
      !e_connect_mode TYPE i.
  METHODS on_start
    IMPORTING
      !i_context         TYPE REF TO if_apc_wsp_server_context
      !i_message_manager TYPE REF TO if_apc_wsp_message_manager.
  METHODS on_message
    IMPORTING
      !i_message         TYPE REF TO if_apc_wsp_message
      !i_message_manager TYPE REF TO if_apc_wsp_message_manager
      !i_context         TYPE REF TO if_apc_wsp_server_context.
  METHODS on_close
    IMPORTING
      !i_reason       TYPE string
      !i_code         TYPE i
      !i_context_base TYPE REF TO if_apc_wsp_server_context_base.
  METHODS on_error
    IMPORTING
      !i_reason       TYPE string
      !i_code         TYPE i
      !i_context_base TYPE REF TO if_apc_wsp_server_context_base.
ENDINTERFACE.
