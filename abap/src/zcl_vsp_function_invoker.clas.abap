"! <p class="shorttext synchronized">ZADT_VSP: dynamic CALL FUNCTION</p>
"! The handler's only dynamic function call. Every classic exception of the
"! module is mapped by name, plus ERROR_MESSAGE and OTHERS: without
"! ERROR_MESSAGE a MESSAGE TYPE 'E' or 'A' in the module would terminate the
"! APC session instead of coming back as an error.
CLASS zcl_vsp_function_invoker DEFINITION
  PUBLIC
  FINAL
  CREATE PUBLIC.

  PUBLIC SECTION.
    INTERFACES zif_vsp_function_invoker.

  PROTECTED SECTION.
  PRIVATE SECTION.
ENDCLASS.



CLASS zcl_vsp_function_invoker IMPLEMENTATION.

  METHOD zif_vsp_function_invoker~invoke.
    " A plain RAISE leaves sy-msg* as they were; clearing them first keeps a
    " message of an earlier call from being reported with this exception.
    CLEAR: sy-msgty, sy-msgid, sy-msgno, sy-msgv1, sy-msgv2, sy-msgv3, sy-msgv4.
    " The statement wants tables it may write to (a remote call would fill
    " the message references), so the exception table is a local copy.
    DATA(lt_exceptions) = it_exceptions.
    CLEAR es_outcome.
    TRY.
        IF lt_exceptions IS INITIAL.
          " Modules with class-based exceptions accept no exception table.
          CALL FUNCTION iv_function
            PARAMETER-TABLE ct_parameters.
        ELSE.
          CALL FUNCTION iv_function
            PARAMETER-TABLE ct_parameters
            EXCEPTION-TABLE lt_exceptions.
        ENDIF.
        es_outcome-subrc = sy-subrc.
        es_outcome-message = VALUE #( msgty = sy-msgty msgid = sy-msgid msgno = sy-msgno
                                      msgv1 = sy-msgv1 msgv2 = sy-msgv2 msgv3 = sy-msgv3 msgv4 = sy-msgv4 ).
      CATCH cx_root INTO es_outcome-error.
        " Reported by the caller as CLASS_EXCEPTION or, for the CX_SY_DYN_CALL_*
        " family, as a parameter error; nothing may escape to the APC runtime.
    ENDTRY.
  ENDMETHOD.

ENDCLASS.
