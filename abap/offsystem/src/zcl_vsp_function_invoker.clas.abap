"! <p class="shorttext synchronized">ZADT_VSP off-system: runs a fake module</p>
"! Stands in for src/zcl_vsp_function_invoker in the off-system run only: the
"! abaplint transpiler drops PARAMETER-TABLE and EXCEPTION-TABLE of a dynamic
"! CALL FUNCTION. This one hands the parameter table to the transpiled module
"! itself (abap.FunctionModules[name]) and maps what comes back the way the
"! kernel does:
"! <ul>
"! <li>a classic exception (RAISE) to its value in the exception table, else
"!     OTHERS</li>
"! <li>a MESSAGE of type E or A (which the transpiler only logs) to
"!     ERROR_MESSAGE when the table has it, type A with a ROLLBACK WORK; fake
"!     modules RETURN right after such a message, as a real one would end
"!     there</li>
"! <li>a class-based exception to rs_outcome-error</li>
"! </ul>
"! <li>literal DEFAULT values of IMPORTING parameters the caller left out
"!     are passed from FUPARAREF, which the transpiler does not do</li>
"! A missing module raises CX_SY_DYN_CALL_ILLEGAL_FUNC like the kernel.
CLASS zcl_vsp_function_invoker DEFINITION
  PUBLIC
  FINAL
  CREATE PUBLIC.

  PUBLIC SECTION.
    INTERFACES zif_vsp_function_invoker.

  PROTECTED SECTION.
  PRIVATE SECTION.
    TYPES:
      BEGIN OF ty_default,
        name  TYPE string,
        value TYPE string,
      END OF ty_default.
    TYPES ty_defaults TYPE STANDARD TABLE OF ty_default WITH EMPTY KEY.
    "! Literal defaults ('X', 42) of IMPORTING parameters, by lower-case name.
    METHODS defaults
      IMPORTING
        iv_function        TYPE string
      RETURNING
        VALUE(rt_defaults) TYPE ty_defaults.
ENDCLASS.



CLASS zcl_vsp_function_invoker IMPLEMENTATION.

  METHOD zif_vsp_function_invoker~invoke.
    DATA lv_name TYPE string.
    DATA lv_parameter TYPE string.
    DATA lv_kind TYPE i.
    DATA lv_classic TYPE string.
    DATA lr_value TYPE REF TO data.
    DATA lv_exists TYPE abap_bool.
    DATA lv_default TYPE string.

    CLEAR es_outcome.
    CLEAR: sy-msgty, sy-msgid, sy-msgno, sy-msgv1, sy-msgv2, sy-msgv3, sy-msgv4.
    lv_name = to_upper( condense( iv_function ) ).
    WRITE '@KERNEL lv_exists.set(abap.FunctionModules[lv_name.get()] === undefined ? " " : "X");'.
    TRY.
        IF lv_exists = abap_false.
          RAISE EXCEPTION TYPE cx_sy_dyn_call_illegal_func.
        ENDIF.
        WRITE '@KERNEL const params = {exporting: {}, importing: {}, changing: {}, tables: {}};'.
        LOOP AT ct_parameters INTO DATA(ls_parameter).
          lv_parameter = to_lower( condense( ls_parameter-name ) ).
          lv_kind = ls_parameter-kind.
          lr_value = ls_parameter-value.
          WRITE '@KERNEL const kind = {10: "exporting", 20: "importing", 30: "tables", 40: "changing"}[lv_kind.get()];'.
          WRITE '@KERNEL params[kind][lv_parameter.get()] = lr_value.getPointer();'.
        ENDLOOP.
        LOOP AT defaults( lv_name ) INTO DATA(ls_default).
          lv_parameter = ls_default-name.
          lv_default = ls_default-value.
          WRITE '@KERNEL if (params.exporting[lv_parameter.get()] === undefined) params.exporting[lv_parameter.get()] = new abap.types.String().set(lv_default.get());'.
        ENDLOOP.
        WRITE '@KERNEL try {'.
        WRITE '@KERNEL   await abap.FunctionModules[lv_name.get()](params);'.
        WRITE '@KERNEL } catch (e) {'.
        WRITE '@KERNEL   if (e.classic === undefined) throw e;'.
        WRITE '@KERNEL   lv_classic.set(e.classic.toUpperCase());'.
        WRITE '@KERNEL }'.
      CATCH cx_root INTO es_outcome-error.
        RETURN.
    ENDTRY.

    IF lv_classic IS NOT INITIAL.
      READ TABLE it_exceptions WITH TABLE KEY name = CONV abap_excpname( lv_classic ) INTO DATA(ls_exception).
      IF sy-subrc <> 0.
        READ TABLE it_exceptions WITH TABLE KEY name = 'OTHERS' INTO ls_exception.
      ENDIF.
      es_outcome-subrc = ls_exception-value.
    ELSEIF sy-msgty = 'E' OR sy-msgty = 'A'.
      READ TABLE it_exceptions WITH TABLE KEY name = 'ERROR_MESSAGE' INTO ls_exception.
      IF sy-subrc = 0.
        es_outcome-subrc = ls_exception-value.
      ENDIF.
      IF sy-msgty = 'A'.
        ROLLBACK WORK.
      ENDIF.
    ENDIF.
    es_outcome-message = VALUE #( msgty = sy-msgty msgid = sy-msgid msgno = sy-msgno
                                  msgv1 = sy-msgv1 msgv2 = sy-msgv2 msgv3 = sy-msgv3 msgv4 = sy-msgv4 ).
  ENDMETHOD.

  METHOD defaults.
    DATA lv_parameter TYPE string.
    DATA lv_default TYPE string.
    DATA lv_name TYPE c LENGTH 30.
    lv_name = iv_function.
    SELECT parameter, defaultval FROM fupararef
      WHERE funcname = @lv_name AND paramtype = 'I'
      INTO TABLE @DATA(lt_defaults).
    LOOP AT lt_defaults INTO DATA(ls_default) WHERE defaultval IS NOT INITIAL.
      lv_parameter = to_lower( condense( ls_default-parameter ) ).
      lv_default = condense( ls_default-defaultval ).
      IF lv_default CP `'*'`.
        lv_default = substring( val = lv_default off = 1 len = strlen( lv_default ) - 2 ).
      ELSEIF lv_default CN `0123456789`.
        CONTINUE.
      ENDIF.
      APPEND VALUE #( name = lv_parameter value = lv_default ) TO rt_defaults.
    ENDLOOP.
  ENDMETHOD.


ENDCLASS.
