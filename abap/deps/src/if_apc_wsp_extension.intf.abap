* Stub of the SAP standard interface, for abaplint only. None of the methods
* declares exceptions, so a handler must catch everything itself.
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
