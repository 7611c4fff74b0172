"! <p class="shorttext synchronized">ZADT_VSP: runs one function module</p>
"! The only place that calls a function module dynamically. Keeping it behind
"! an interface lets the binding and error mapping around it be tested with a
"! test double, without calling anything.
INTERFACE zif_vsp_function_invoker
  PUBLIC.

  TYPES:
    BEGIN OF ty_message,
      msgty TYPE sy-msgty,
      msgid TYPE sy-msgid,
      msgno TYPE sy-msgno,
      msgv1 TYPE sy-msgv1,
      msgv2 TYPE sy-msgv2,
      msgv3 TYPE sy-msgv3,
      msgv4 TYPE sy-msgv4,
    END OF ty_message.

  TYPES:
    BEGIN OF ty_outcome,
      "! 0, or the value of the exception-table entry the module raised
      subrc   TYPE i,
      "! sy-msg* after the call: the message of MESSAGE ... RAISING or of an
      "! E/A message caught through ERROR_MESSAGE
      message TYPE ty_message,
      "! a class-based exception the call raised (bound only then)
      error   TYPE REF TO cx_root,
    END OF ty_outcome.

  METHODS invoke
    IMPORTING
      iv_function   TYPE csequence
      it_exceptions TYPE abap_func_excpbind_tab
    EXPORTING
      es_outcome    TYPE ty_outcome
    CHANGING
      ct_parameters TYPE abap_func_parmbind_tab.

ENDINTERFACE.
