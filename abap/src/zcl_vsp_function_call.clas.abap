"! <p class="shorttext synchronized">ZADT_VSP: one call of a function module</p>
"! Binds the caller's JSON values to data objects built from the module's
"! interface, runs the module through the invoker and maps how it ended:
"! <ul>
"! <li>only supplied IMPORTING and CHANGING parameters are passed, so the
"!     module's defaults apply to the others; a missing mandatory one is
"!     PARAM_MISSING before anything runs</li>
"! <li>all EXPORTING and TABLES parameters are received</li>
"! <li>classic exceptions are mapped by name (ABAP_EXCEPTION), E/A messages
"!     through ERROR_MESSAGE (ABAP_MESSAGE; type A has rolled back already),
"!     class-based exceptions by class (CLASS_EXCEPTION)</li>
"! </ul>
CLASS zcl_vsp_function_call DEFINITION
  PUBLIC
  FINAL
  CREATE PUBLIC.

  PUBLIC SECTION.
    TYPES:
      BEGIN OF ty_output,
        name  TYPE string,
        kind  TYPE zcl_vsp_function_interface=>ty_param_kind,
        value TYPE REF TO zcl_vsp_json,
      END OF ty_output.
    TYPES ty_outputs TYPE STANDARD TABLE OF ty_output WITH EMPTY KEY.

    METHODS constructor
      IMPORTING
        io_interface TYPE REF TO zcl_vsp_function_interface
        io_codec     TYPE REF TO zcl_vsp_rtti_codec
        io_invoker   TYPE REF TO zif_vsp_function_invoker.

    "! io_values: an object of parameter name to JSON value.
    METHODS bind
      IMPORTING
        io_values TYPE REF TO zcl_vsp_json
      RAISING
        zcx_vsp_error.

    "! Runs the module. A classic exception raises ABAP_EXCEPTION with
    "! details-key; its position in the interface is exception_index( ).
    METHODS execute
      RAISING
        zcx_vsp_error.

    "! EXPORTING, CHANGING (when supplied) and TABLES values after the call,
    "! in interface order.
    METHODS outputs
      RETURNING
        VALUE(rt_outputs) TYPE ty_outputs
      RAISING
        zcx_vsp_error.

    "! The data object bound to a supplied IMPORTING or CHANGING parameter
    "! after BIND; not bound when the caller left the parameter out.
    METHODS supplied_value
      IMPORTING
        iv_name         TYPE string
      RETURNING
        VALUE(rr_value) TYPE REF TO data.

    "! 1-based position of a classic exception in the interface, as the old
    "! protocol reports it in "subrc"; the count plus one when unknown.
    METHODS exception_index
      IMPORTING
        iv_exception    TYPE string
      RETURNING
        VALUE(rv_index) TYPE i.

  PROTECTED SECTION.
  PRIVATE SECTION.
    DATA mo_interface TYPE REF TO zcl_vsp_function_interface.
    DATA mo_codec TYPE REF TO zcl_vsp_rtti_codec.
    DATA mo_invoker TYPE REF TO zif_vsp_function_invoker.
    DATA mt_bindings TYPE abap_func_parmbind_tab.

    METHODS bind_value
      IMPORTING
        is_parameter TYPE zcl_vsp_function_interface=>ty_parameter
        io_value     TYPE REF TO zcl_vsp_json
      RAISING
        zcx_vsp_error.
    METHODS bind_receivers.
    METHODS check_mandatory
      RAISING
        zcx_vsp_error.
    METHODS exception_table
      RETURNING
        VALUE(rt_exceptions) TYPE abap_func_excpbind_tab.
    METHODS raise_outcome
      IMPORTING
        is_outcome TYPE zif_vsp_function_invoker=>ty_outcome
      RAISING
        zcx_vsp_error.
    METHODS raise_class_exception
      IMPORTING
        io_error TYPE REF TO cx_root
      RAISING
        zcx_vsp_error.
    CLASS-METHODS binding_kind
      IMPORTING
        iv_kind        TYPE zcl_vsp_function_interface=>ty_param_kind
      RETURNING
        VALUE(rv_kind) TYPE i.
    CLASS-METHODS message_details
      IMPORTING
        is_message        TYPE zif_vsp_function_invoker=>ty_message
      RETURNING
        VALUE(rs_details) TYPE zcx_vsp_error=>ty_details.
    CLASS-METHODS message_text
      IMPORTING
        is_message     TYPE zif_vsp_function_invoker=>ty_message
      RETURNING
        VALUE(rv_text) TYPE string.
ENDCLASS.



CLASS zcl_vsp_function_call IMPLEMENTATION.

  METHOD constructor.
    mo_interface = io_interface.
    mo_codec = io_codec.
    mo_invoker = io_invoker.
  ENDMETHOD.


  METHOD bind.
    LOOP AT io_values->members( ) INTO DATA(ls_member).
      DATA(ls_parameter) = mo_interface->parameter( ls_member-name ).
      IF ls_parameter-kind = zcl_vsp_function_interface=>gc_param_kind-exporting.
        RAISE EXCEPTION TYPE zcx_vsp_error
          EXPORTING
            iv_code    = zcx_vsp_error=>gc_code-param_unknown
            iv_message = |{ ls_parameter-name } is an EXPORTING parameter of { mo_interface->name } |
                      && |and cannot be passed in|
            is_details = VALUE #( parameter = ls_parameter-name function = mo_interface->name ).
      ENDIF.
      bind_value( is_parameter = ls_parameter io_value = ls_member-value ).
    ENDLOOP.
    check_mandatory( ).
    bind_receivers( ).
  ENDMETHOD.


  METHOD bind_value.
    DATA lr_value TYPE REF TO data.
    FIELD-SYMBOLS <lg_value> TYPE any.
    IF is_parameter-type IS NOT BOUND.
      RAISE EXCEPTION TYPE zcx_vsp_error
        EXPORTING
          iv_code    = zcx_vsp_error=>gc_code-type_conflict
          iv_message = |{ is_parameter-name }: parameters typed { is_parameter-typing } cannot be passed as JSON|
          is_details = VALUE #( parameter = is_parameter-name function = mo_interface->name ).
    ENDIF.
    TRY.
        CREATE DATA lr_value TYPE HANDLE is_parameter-type.
      CATCH cx_sy_create_data_error INTO DATA(lx_create).
        RAISE EXCEPTION TYPE zcx_vsp_error
          EXPORTING
            iv_code     = zcx_vsp_error=>gc_code-type_conflict
            iv_message  = |{ is_parameter-name }: { lx_create->get_text( ) }|
            is_details  = VALUE #( parameter = is_parameter-name function = mo_interface->name )
            io_previous = lx_create.
    ENDTRY.
    ASSIGN lr_value->* TO <lg_value>.
    mo_codec->decode( EXPORTING io_json = io_value iv_path = is_parameter-name
                      CHANGING cg_data = <lg_value> ).
    INSERT VALUE #( name  = is_parameter-name
                    kind  = binding_kind( is_parameter-kind )
                    value = lr_value ) INTO TABLE mt_bindings.
  ENDMETHOD.


  METHOD check_mandatory.
    LOOP AT mo_interface->parameters INTO DATA(ls_parameter)
         WHERE optional = abap_false
           AND ( kind = zcl_vsp_function_interface=>gc_param_kind-importing
              OR kind = zcl_vsp_function_interface=>gc_param_kind-changing ).
      IF NOT line_exists( mt_bindings[ name = ls_parameter-name ] ).
        RAISE EXCEPTION TYPE zcx_vsp_error
          EXPORTING
            iv_code    = zcx_vsp_error=>gc_code-param_missing
            iv_message = |mandatory parameter { ls_parameter-name } of { mo_interface->name } was not supplied|
            is_details = VALUE #( parameter = ls_parameter-name function = mo_interface->name
                                  class = `CX_SY_DYN_CALL_PARAM_MISSING` ).
      ENDIF.
    ENDLOOP.
  ENDMETHOD.


  METHOD bind_receivers.
    " Every EXPORTING parameter and every TABLES parameter the caller left
    " out is received, so the reply shows all of them. Generic EXPORTING
    " parameters are skipped: a STRING stand-in could clash with what the
    " module assigns.
    DATA lr_value TYPE REF TO data.
    LOOP AT mo_interface->parameters INTO DATA(ls_parameter)
         WHERE kind = zcl_vsp_function_interface=>gc_param_kind-exporting
            OR kind = zcl_vsp_function_interface=>gc_param_kind-tables.
      IF ls_parameter-type IS NOT BOUND
          OR ( ls_parameter-generic = abap_true
               AND ls_parameter-kind = zcl_vsp_function_interface=>gc_param_kind-exporting )
          OR line_exists( mt_bindings[ name = ls_parameter-name ] ).
        CONTINUE.
      ENDIF.
      TRY.
          CREATE DATA lr_value TYPE HANDLE ls_parameter-type.
        CATCH cx_sy_create_data_error.
          CONTINUE.
      ENDTRY.
      INSERT VALUE #( name  = ls_parameter-name
                      kind  = binding_kind( ls_parameter-kind )
                      value = lr_value ) INTO TABLE mt_bindings.
    ENDLOOP.
  ENDMETHOD.


  METHOD binding_kind.
    " The parameter table names directions from the caller's side.
    rv_kind = SWITCH #( iv_kind
                        WHEN zcl_vsp_function_interface=>gc_param_kind-importing THEN abap_func_exporting
                        WHEN zcl_vsp_function_interface=>gc_param_kind-exporting THEN abap_func_importing
                        WHEN zcl_vsp_function_interface=>gc_param_kind-changing THEN abap_func_changing
                        ELSE abap_func_tables ).
  ENDMETHOD.


  METHOD execute.
    mo_invoker->invoke( EXPORTING iv_function   = mo_interface->name
                                  it_exceptions = exception_table( )
                        IMPORTING es_outcome    = DATA(ls_outcome)
                        CHANGING  ct_parameters = mt_bindings ).
    raise_outcome( ls_outcome ).
  ENDMETHOD.


  METHOD exception_table.
    " Modules with class-based exceptions take no exception table at all.
    IF mo_interface->class_based = abap_true.
      RETURN.
    ENDIF.
    LOOP AT mo_interface->exceptions INTO DATA(ls_exception).
      INSERT VALUE #( name = ls_exception-name value = sy-tabix ) INTO TABLE rt_exceptions.
    ENDLOOP.
    DATA(lv_count) = lines( mo_interface->exceptions ).
    INSERT VALUE #( name = 'ERROR_MESSAGE' value = lv_count + 1 ) INTO TABLE rt_exceptions.
    INSERT VALUE #( name = 'OTHERS' value = lv_count + 2 ) INTO TABLE rt_exceptions.
  ENDMETHOD.


  METHOD raise_outcome.
    IF is_outcome-error IS BOUND.
      raise_class_exception( is_outcome-error ).
    ENDIF.
    IF is_outcome-subrc = 0.
      RETURN.
    ENDIF.

    DATA(lv_count) = lines( mo_interface->exceptions ).
    DATA(ls_details) = message_details( is_outcome-message ).

    IF is_outcome-subrc = lv_count + 1.
      " MESSAGE TYPE 'E' or 'A' without RAISING, caught by ERROR_MESSAGE. A
      " type A message has rolled back the open LUW, including work of
      " earlier calls the client has not committed yet: the reply says so.
      DATA(lv_message) = message_text( is_outcome-message ).
      IF is_outcome-message-msgty = 'A'.
        lv_message = |{ lv_message } (type A message: the open LUW was rolled back)|.
      ENDIF.
      RAISE EXCEPTION TYPE zcx_vsp_error
        EXPORTING
          iv_code    = zcx_vsp_error=>gc_code-abap_message
          iv_message = lv_message
          is_details = ls_details.
    ENDIF.

    READ TABLE mo_interface->exceptions INDEX is_outcome-subrc INTO DATA(ls_exception).
    ls_details-key = COND #( WHEN sy-subrc = 0 THEN ls_exception-name ELSE `OTHERS` ).
    DATA(lv_text) = message_text( is_outcome-message ).
    RAISE EXCEPTION TYPE zcx_vsp_error
      EXPORTING
        iv_code    = zcx_vsp_error=>gc_code-abap_exception
        iv_message = COND #( WHEN lv_text IS NOT INITIAL THEN lv_text ELSE |exception { ls_details-key }| )
        is_details = ls_details.
  ENDMETHOD.


  METHOD raise_class_exception.
    DATA(lv_class) = cl_abap_typedescr=>describe_by_object_ref( io_error )->get_relative_name( ).
    DATA(ls_details) = VALUE zcx_vsp_error=>ty_details( class = lv_class ).
    " Errors of the call itself, not of the module: reported as parameter
    " errors, with the class kept in the details.
    DATA(lv_code) = SWITCH zcx_vsp_error=>ty_code( lv_class
                      WHEN `CX_SY_DYN_CALL_ILLEGAL_TYPE` THEN zcx_vsp_error=>gc_code-type_conflict
                      WHEN `CX_SY_DYN_CALL_PARAM_MISSING` THEN zcx_vsp_error=>gc_code-param_missing
                      WHEN `CX_SY_DYN_CALL_PARAM_NOT_FOUND` THEN zcx_vsp_error=>gc_code-param_unknown
                      WHEN `CX_SY_DYN_CALL_ILLEGAL_FUNC` THEN zcx_vsp_error=>gc_code-func_not_found
                      ELSE zcx_vsp_error=>gc_code-class_exception ).
    RAISE EXCEPTION TYPE zcx_vsp_error
      EXPORTING
        iv_code     = lv_code
        iv_message  = io_error->get_text( )
        is_details  = ls_details
        io_previous = io_error.
  ENDMETHOD.


  METHOD message_details.
    IF is_message-msgid IS INITIAL.
      RETURN.
    ENDIF.
    rs_details = VALUE #( msgty = is_message-msgty
                          msgid = condense( is_message-msgid )
                          msgno = is_message-msgno
                          msgv1 = condense( is_message-msgv1 )
                          msgv2 = condense( is_message-msgv2 )
                          msgv3 = condense( is_message-msgv3 )
                          msgv4 = condense( is_message-msgv4 ) ).
  ENDMETHOD.


  METHOD message_text.
    " MESSAGE ... INTO only renders the text: nothing is sent, so this is
    " safe in APC even for types E and A.
    IF is_message-msgid IS INITIAL.
      RETURN.
    ENDIF.
    DATA(lv_type) = COND sy-msgty( WHEN is_message-msgty IS INITIAL THEN 'E' ELSE is_message-msgty ).
    MESSAGE ID is_message-msgid TYPE lv_type NUMBER is_message-msgno
            WITH is_message-msgv1 is_message-msgv2 is_message-msgv3 is_message-msgv4
            INTO rv_text.
  ENDMETHOD.


  METHOD outputs.
    FIELD-SYMBOLS <lg_value> TYPE any.
    LOOP AT mo_interface->parameters INTO DATA(ls_parameter)
         WHERE kind <> zcl_vsp_function_interface=>gc_param_kind-importing.
      " The table key of abap_func_parmbind_tab is KIND NAME: both are needed.
      READ TABLE mt_bindings WITH TABLE KEY kind = binding_kind( ls_parameter-kind )
                                            name = CONV abap_parmname( ls_parameter-name )
                                 INTO DATA(ls_binding).
      IF sy-subrc <> 0.
        " an optional CHANGING parameter the caller did not supply
        CONTINUE.
      ENDIF.
      ASSIGN ls_binding-value->* TO <lg_value>.
      APPEND VALUE #( name  = ls_parameter-name
                      kind  = ls_parameter-kind
                      value = mo_codec->encode( <lg_value> ) ) TO rt_outputs.
    ENDLOOP.
  ENDMETHOD.


  METHOD supplied_value.
    LOOP AT mt_bindings INTO DATA(ls_binding)
         WHERE name = iv_name
           AND ( kind = abap_func_exporting OR kind = abap_func_changing ).
      rr_value = ls_binding-value.
      RETURN.
    ENDLOOP.
  ENDMETHOD.



  METHOD exception_index.
    READ TABLE mo_interface->exceptions WITH KEY name = iv_exception TRANSPORTING NO FIELDS.
    rv_index = COND #( WHEN sy-subrc = 0 THEN sy-tabix ELSE lines( mo_interface->exceptions ) + 1 ).
  ENDMETHOD.

ENDCLASS.
