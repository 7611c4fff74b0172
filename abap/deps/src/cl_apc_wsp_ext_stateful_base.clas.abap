* Stub of the SAP standard class, for abaplint only. On a system ON_START and
* ON_MESSAGE are abstract here; the stub implements them empty because
* abaplint does not model "INTERFACES ... ABSTRACT METHODS".
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
