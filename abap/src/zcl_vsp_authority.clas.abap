"! <p class="shorttext synchronized">ZADT_VSP: may this user call this module?</p>
"! The handler calls function modules locally, so neither the RFC runtime's
"! remote-enabled check nor its automatic S_RFC check applies. This class
"! does both, in the order the protocol documents:
"! <ol>
"! <li>the module exists (FUNC_NOT_FOUND)</li>
"! <li>it is not on the deny-list (FUNCTION_DENIED)</li>
"! <li>it is remote-enabled (NOT_REMOTE_ENABLED)</li>
"! <li>the user has S_RFC for its function group or the module (NOT_AUTHORIZED)</li>
"! </ol>
"! The deny-list holds modules that run generic code or use statements that
"! end a stateful APC session. Administrators extend it with entries of the
"! TVARVC variable ZADT_VSP_DENY_LIST (transaction STVARV): SIGN I adds a
"! pattern, SIGN E exempts a built-in one; patterns use * as wildcard.
CLASS zcl_vsp_authority DEFINITION
  PUBLIC
  FINAL
  CREATE PUBLIC.

  PUBLIC SECTION.
    TYPES ty_function_name TYPE c LENGTH 30.
    TYPES:
      BEGIN OF ty_function,
        name  TYPE ty_function_name,
        group TYPE c LENGTH 26,
        "! TFDIR-FMODE: R remote-enabled, X/@ remote-enabled with basXML
        mode  TYPE c LENGTH 1,
      END OF ty_function.

    CONSTANTS gc_deny_variable TYPE c LENGTH 30 VALUE 'ZADT_VSP_DENY_LIST'.

    "! it_deny_list replaces the built-in list and the TVARVC entries (tests).
    METHODS constructor
      IMPORTING
        it_deny_list TYPE string_table OPTIONAL.

    "! All four gates; the module's directory entry when every gate passes.
    METHODS check_call
      IMPORTING
        iv_function        TYPE csequence
      RETURNING
        VALUE(rs_function) TYPE ty_function
      RAISING
        zcx_vsp_error.

    "! Only the first gate: the module's directory entry, or FUNC_NOT_FOUND.
    METHODS lookup
      IMPORTING
        iv_function        TYPE csequence
      RETURNING
        VALUE(rs_function) TYPE ty_function
      RAISING
        zcx_vsp_error.

    METHODS is_denied
      IMPORTING
        iv_function      TYPE csequence
      RETURNING
        VALUE(rv_denied) TYPE abap_bool.

    CLASS-METHODS is_remote_enabled
      IMPORTING
        iv_mode          TYPE csequence
      RETURNING
        VALUE(rv_remote) TYPE abap_bool.

    "! A function name as SE37 reads it: upper case, without surrounding blanks.
    CLASS-METHODS normalize_name
      IMPORTING
        iv_function    TYPE csequence
      RETURNING
        VALUE(rv_name) TYPE string.

  PROTECTED SECTION.
  PRIVATE SECTION.
    DATA mt_deny_list TYPE string_table.

    METHODS check_rfc_authority
      IMPORTING
        is_function TYPE ty_function
      RAISING
        zcx_vsp_error.
    METHODS apply_configured_entries.
    CLASS-METHODS raise_not_found
      IMPORTING
        iv_function TYPE string
      RAISING
        zcx_vsp_error.
ENDCLASS.



CLASS zcl_vsp_authority IMPLEMENTATION.

  METHOD constructor.
    IF it_deny_list IS SUPPLIED.
      mt_deny_list = it_deny_list.
      RETURN.
    ENDIF.
    " Generic code execution, and CALL TRANSACTION / SUBMIT, which are
    " illegal in a stateful APC session and would end it with a dump.
    mt_deny_list = VALUE #( ( `RFC_ABAP_INSTALL_AND_RUN` )
                            ( `SUBMIT_REPORT` )
                            ( `RFC_CALL_TRANSACTION_USING` )
                            ( `RFC_CALL_TRANSACTION` )
                            ( `ABAP4_CALL_TRANSACTION` ) ).
    apply_configured_entries( ).
  ENDMETHOD.


  METHOD apply_configured_entries.
    SELECT sign, low FROM tvarvc
      WHERE name = @gc_deny_variable
      INTO TABLE @DATA(lt_entries).
    IF sy-subrc <> 0.
      RETURN.
    ENDIF.
    LOOP AT lt_entries INTO DATA(ls_entry).
      DATA(lv_pattern) = normalize_name( ls_entry-low ).
      IF lv_pattern IS INITIAL.
        CONTINUE.
      ENDIF.
      IF ls_entry-sign = 'E'.
        DELETE mt_deny_list WHERE table_line = lv_pattern.
      ELSE.
        APPEND lv_pattern TO mt_deny_list.
      ENDIF.
    ENDLOOP.
  ENDMETHOD.


  METHOD check_call.
    rs_function = lookup( iv_function ).

    IF is_denied( rs_function-name ) = abap_true.
      RAISE EXCEPTION TYPE zcx_vsp_error
        EXPORTING
          iv_code    = zcx_vsp_error=>gc_code-function_denied
          iv_message = |function module { rs_function-name } is on the handler's deny-list |
                    && |(it runs generic code or statements that end an APC session)|
          is_details = VALUE #( function = rs_function-name ).
    ENDIF.

    IF is_remote_enabled( rs_function-mode ) = abap_false.
      RAISE EXCEPTION TYPE zcx_vsp_error
        EXPORTING
          iv_code    = zcx_vsp_error=>gc_code-not_remote_enabled
          iv_message = |function module { rs_function-name } is not remote-enabled|
          is_details = VALUE #( function = rs_function-name ).
    ENDIF.

    check_rfc_authority( rs_function ).
  ENDMETHOD.


  METHOD lookup.
    DATA lv_name TYPE ty_function_name.
    " A declared target rather than INTO @DATA( ): the abaplint transpiler,
    " which runs these classes off-system, cannot infer a join's row type.
    DATA:
      BEGIN OF ls_entry,
        funcname TYPE tfdir-funcname,
        fmode    TYPE tfdir-fmode,
        area     TYPE enlfdir-area,
      END OF ls_entry.
    DATA(lv_normalized) = normalize_name( iv_function ).
    IF lv_normalized IS INITIAL OR strlen( lv_normalized ) > 30.
      raise_not_found( lv_normalized ).
    ENDIF.
    lv_name = lv_normalized.
    SELECT SINGLE t~funcname, t~fmode, e~area
      FROM tfdir AS t
      LEFT OUTER JOIN enlfdir AS e ON e~funcname = t~funcname
      WHERE t~funcname = @lv_name
      INTO @ls_entry.
    IF sy-subrc <> 0.
      raise_not_found( lv_normalized ).
    ENDIF.
    rs_function = VALUE #( name = ls_entry-funcname group = ls_entry-area mode = ls_entry-fmode ).
  ENDMETHOD.


  METHOD raise_not_found.
    RAISE EXCEPTION TYPE zcx_vsp_error
      EXPORTING
        iv_code    = zcx_vsp_error=>gc_code-func_not_found
        iv_message = |Function module { iv_function } does not exist|
        is_details = VALUE #( function = iv_function msgty = 'E' msgid = 'FL' msgno = '046'
                              msgv1 = iv_function ).
  ENDMETHOD.


  METHOD is_denied.
    DATA(lv_name) = normalize_name( iv_function ).
    LOOP AT mt_deny_list INTO DATA(lv_pattern).
      IF lv_name CP lv_pattern.
        rv_denied = abap_true.
        RETURN.
      ENDIF.
    ENDLOOP.
  ENDMETHOD.


  METHOD is_remote_enabled.
    rv_remote = xsdbool( iv_mode = 'R' OR iv_mode = 'X' OR iv_mode = '@' ).
  ENDMETHOD.


  METHOD normalize_name.
    rv_name = to_upper( condense( iv_function ) ).
  ENDMETHOD.


  METHOD check_rfc_authority.
    " AUTHORITY_CHECK_RFC is what the RFC runtime calls for inbound calls:
    " S_RFC with RFC_TYPE FUGR for the group, then FUNC for the module.
    " Both names are 30 characters, as the S_RFC field RFC_NAME.
    DATA lv_group TYPE c LENGTH 30.
    DATA lv_name TYPE c LENGTH 30.
    lv_group = is_function-group.
    lv_name = is_function-name.
    TRY.
        CALL FUNCTION 'AUTHORITY_CHECK_RFC'
          EXPORTING
            userid             = sy-uname
            functiongroup      = lv_group
            functionname       = lv_name
          EXCEPTIONS
            function_not_exist = 1
            user_dont_exist    = 2
            rfc_no_authority   = 3
            error_message      = 4
            OTHERS             = 5.
        DATA(lv_subrc) = sy-subrc.
      CATCH cx_root INTO DATA(lx_error).
        " If the check cannot run, the call is refused: fail closed.
        lv_subrc = 99.
    ENDTRY.
    IF lv_subrc = 0.
      RETURN.
    ENDIF.

    DATA(lv_message) = |user { sy-uname } has no RFC authorization for function module |
                    && |{ is_function-name } (S_RFC, function group { is_function-group })|.
    IF lx_error IS BOUND.
      lv_message = |{ lv_message }: the check failed: { lx_error->get_text( ) }|.
    ENDIF.
    RAISE EXCEPTION TYPE zcx_vsp_error
      EXPORTING
        iv_code    = zcx_vsp_error=>gc_code-not_authorized
        iv_message = lv_message
        is_details = VALUE #( function = is_function-name msgty = 'E' msgid = '00' msgno = '139'
                              msgv1 = sy-uname msgv2 = is_function-name ).
  ENDMETHOD.

ENDCLASS.
