* Project stub: open-abap-core has only the stateless base. Checked against
* SAP's ABAP keyword documentation (abenapc.md, "APC Handler Class") and the
* class builder signature: abstract, INTERFACES if_apc_wsp_extension. On a
* system ON_START and ON_MESSAGE are abstract; the stub implements every method
* empty because abaplint does not model "INTERFACES ... ABSTRACT METHODS".
CLASS cl_apc_wsp_ext_stateful_base DEFINITION PUBLIC ABSTRACT CREATE PUBLIC.
  PUBLIC SECTION.
    INTERFACES if_apc_wsp_extension.
ENDCLASS.

CLASS cl_apc_wsp_ext_stateful_base IMPLEMENTATION.
  METHOD if_apc_wsp_extension~on_accept.
    e_connect_mode = 0.
  ENDMETHOD.
  METHOD if_apc_wsp_extension~on_start.
    RETURN.
  ENDMETHOD.
  METHOD if_apc_wsp_extension~on_message.
    RETURN.
  ENDMETHOD.
  METHOD if_apc_wsp_extension~on_close.
    RETURN.
  ENDMETHOD.
  METHOD if_apc_wsp_extension~on_error.
    RETURN.
  ENDMETHOD.
ENDCLASS.
