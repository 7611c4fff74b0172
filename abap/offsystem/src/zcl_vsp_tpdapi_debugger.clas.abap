"! <p class="shorttext synchronized">Off-system stand-in for the TPDAPI debugger</p>
"! Replaces abap/src's ZCL_VSP_TPDAPI_DEBUGGER in the off-system run, where
"! SAP's debugger does not exist: a system on which the user may debug and
"! no call of his has stopped at a breakpoint. That is the state every debug
"! contract case starts from, so the cases check the debug service itself
"! (parameters, replies, codes) against the simulator. Stepping through a
"! stopped call is covered by ZCL_VSP_DEBUG_SERVICE's unit tests, and on a
"! system only.
CLASS zcl_vsp_tpdapi_debugger DEFINITION
  PUBLIC
  FINAL
  CREATE PUBLIC.

  PUBLIC SECTION.
    INTERFACES zif_vsp_debugger.

  PROTECTED SECTION.
  PRIVATE SECTION.
    DATA mv_handles TYPE i.
    METHODS not_attached
      RAISING
        zcx_vsp_error.
ENDCLASS.



CLASS zcl_vsp_tpdapi_debugger IMPLEMENTATION.

  METHOD not_attached.
    RAISE EXCEPTION TYPE zcx_vsp_error
      EXPORTING
        iv_code    = zif_vsp_debugger=>gc_code-not_attached
        iv_message = `No debuggee attached`.
  ENDMETHOD.


  METHOD zif_vsp_debugger~is_available.
    rv_available = abap_true.
  ENDMETHOD.


  METHOD zif_vsp_debugger~is_authorized.
    rv_authorized = abap_true.
  ENDMETHOD.


  METHOD zif_vsp_debugger~create_breakpoint.
    mv_handles = mv_handles + 1.
    rv_handle = |{ mv_handles }|.
  ENDMETHOD.


  METHOD zif_vsp_debugger~delete_breakpoint.
    RETURN.
  ENDMETHOD.


  METHOD zif_vsp_debugger~listen.
    " Nothing stops off-system: the wait ends at once instead of after iv_seconds.
    CLEAR rt_debuggees.
  ENDMETHOD.


  METHOD zif_vsp_debugger~waiting_debuggees.
    CLEAR rt_debuggees.
  ENDMETHOD.


  METHOD zif_vsp_debugger~attach.
    RAISE EXCEPTION TYPE zcx_vsp_error
      EXPORTING
        iv_code    = zif_vsp_debugger=>gc_code-attach_failed
        iv_message = |Cannot attach to debuggee { iv_debuggee_id }: no such debuggee|.
  ENDMETHOD.


  METHOD zif_vsp_debugger~step.
    not_attached( ).
  ENDMETHOD.


  METHOD zif_vsp_debugger~stack.
    not_attached( ).
  ENDMETHOD.


  METHOD zif_vsp_debugger~variable.
    not_attached( ).
  ENDMETHOD.


  METHOD zif_vsp_debugger~locals.
    not_attached( ).
  ENDMETHOD.


  METHOD zif_vsp_debugger~read_source.
    RAISE EXCEPTION TYPE zcx_vsp_error
      EXPORTING
        iv_code    = zif_vsp_debugger=>gc_code-not_found
        iv_message = |Include { iv_include } not found|.
  ENDMETHOD.


  METHOD zif_vsp_debugger~detach.
    RETURN.
  ENDMETHOD.


  METHOD zif_vsp_debugger~close.
    RETURN.
  ENDMETHOD.

ENDCLASS.
