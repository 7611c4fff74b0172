* Project stub: open-abap-core has no copy. Checked against SAP's
* documentation of IF_APC_WSP_EXTENSION (abenapc.md), where it types the
* I_CONTEXT_BASE parameter of ON_ACCEPT, ON_CLOSE and ON_ERROR; the handler
* calls none of its methods, so the stub declares none.
INTERFACE if_apc_wsp_server_context_base PUBLIC.
ENDINTERFACE.
