"! <p class="shorttext synchronized">ZADT_VSP: a domain service</p>
"! One implementation per protocol domain (rfc, debug, ...). The router
"! creates a service on the first request of its domain, hands it the session
"! context once, and then passes it every request of that domain. A service
"! answers with the data of the reply or raises ZCX_VSP_ERROR; it never sends
"! frames itself, so framing, size limits and chunking stay in one place.
INTERFACE zif_vsp_service
  PUBLIC.

  TYPES:
    BEGIN OF ty_context,
      session         TYPE string,
      max_reply_bytes TYPE i,
    END OF ty_context.

  TYPES:
    BEGIN OF ty_request,
      id      TYPE string,
      domain  TYPE string,
      action  TYPE string,
      "! Always an object: an absent params member arrives as {}.
      params  TYPE REF TO zcl_vsp_json,
      "! Milliseconds, 0 when absent. A running function module cannot be
      "! interrupted in ABAP, so services may only use it to refuse work.
      timeout TYPE int8,
    END OF ty_request.

  METHODS initialize
    IMPORTING
      is_context TYPE ty_context.

  METHODS handle
    IMPORTING
      is_request     TYPE ty_request
    RETURNING
      VALUE(ro_data) TYPE REF TO zcl_vsp_json
    RAISING
      zcx_vsp_error.

  "! The socket is closing: release whatever the service holds for the session.
  METHODS on_close.

ENDINTERFACE.
