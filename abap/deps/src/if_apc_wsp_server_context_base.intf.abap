* Stub of the SAP standard interface, for abaplint only (the handler does not
* call it; it only appears in ON_CLOSE/ON_ERROR signatures).
INTERFACE if_apc_wsp_server_context_base PUBLIC.
ENDINTERFACE.
