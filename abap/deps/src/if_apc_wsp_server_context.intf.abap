* Stub of the SAP standard interface, for abaplint only (the handler does not
* call it; it only appears in ON_START/ON_MESSAGE signatures).
INTERFACE if_apc_wsp_server_context PUBLIC.
  INTERFACES if_apc_wsp_server_context_base.
ENDINTERFACE.
