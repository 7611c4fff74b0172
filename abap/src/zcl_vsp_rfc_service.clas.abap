"! <p class="shorttext synchronized">ZADT_VSP: the rfc domain</p>
"! Actions: call, search, getMetadata, ping, commit, rollback.
"! <ul>
"! <li>call with params { function, parameters: {...} }: typed values in,
"!     { result: {...} } out. Without "parameters" the request comes from a
"!     client of the old handler: every other member is a parameter and the
"!     reply has the old shape { subrc, exports, tables } (plus "exception"
"!     with the name of a classic exception, which the old handler lost).</li>
"! <li>search with "max": { functions: [...], truncated }; without it the old
"!     reply, an array of { name } (at most 100). Only remote-enabled modules.</li>
"! <li>commit / rollback: COMMIT WORK / ROLLBACK WORK. Not COMMIT WORK AND
"!     WAIT: waiting is illegal in a stateful APC session (runtime error
"!     APC_ILLEGAL_STATEMENT ends the connection). Update modules therefore
"!     run asynchronously; their errors show in SM13, not in the reply.</li>
"! </ul>
CLASS zcl_vsp_rfc_service DEFINITION
  PUBLIC
  FINAL
  CREATE PUBLIC.

  PUBLIC SECTION.
    INTERFACES zif_vsp_service.

    "! Both optional: the router creates the service without arguments;
    "! tests pass doubles.
    METHODS constructor
      IMPORTING
        io_invoker   TYPE REF TO zif_vsp_function_invoker OPTIONAL
        io_authority TYPE REF TO zcl_vsp_authority OPTIONAL.

  PROTECTED SECTION.
  PRIVATE SECTION.
    CONSTANTS gc_legacy_search_limit TYPE i VALUE 100.

    TYPES:
      BEGIN OF ty_cached_interface,
        name      TYPE string,
        interface TYPE REF TO zcl_vsp_function_interface,
      END OF ty_cached_interface.

    DATA ms_context TYPE zif_vsp_service=>ty_context.
    DATA mo_invoker TYPE REF TO zif_vsp_function_invoker.
    DATA mo_authority TYPE REF TO zcl_vsp_authority.
    "! Interfaces read in this session: metadata of the same modules is asked
    "! for again and again by scripts.
    DATA mt_interfaces TYPE HASHED TABLE OF ty_cached_interface WITH UNIQUE KEY name.

    METHODS call
      IMPORTING
        io_params      TYPE REF TO zcl_vsp_json
      RETURNING
        VALUE(ro_data) TYPE REF TO zcl_vsp_json
      RAISING
        zcx_vsp_error.
    METHODS legacy_call
      IMPORTING
        io_call        TYPE REF TO zcl_vsp_function_call
      RETURNING
        VALUE(ro_data) TYPE REF TO zcl_vsp_json
      RAISING
        zcx_vsp_error.
    METHODS search
      IMPORTING
        io_params      TYPE REF TO zcl_vsp_json
      RETURNING
        VALUE(ro_data) TYPE REF TO zcl_vsp_json
      RAISING
        zcx_vsp_error.
    METHODS get_metadata
      IMPORTING
        io_params      TYPE REF TO zcl_vsp_json
      RETURNING
        VALUE(ro_data) TYPE REF TO zcl_vsp_json
      RAISING
        zcx_vsp_error.
    METHODS interface_of
      IMPORTING
        is_function         TYPE zcl_vsp_authority=>ty_function
      RETURNING
        VALUE(ro_interface) TYPE REF TO zcl_vsp_function_interface
      RAISING
        zcx_vsp_error.
    METHODS call_values
      IMPORTING
        io_params        TYPE REF TO zcl_vsp_json
      RETURNING
        VALUE(ro_values) TYPE REF TO zcl_vsp_json
      RAISING
        zcx_vsp_error.
    CLASS-METHODS refuse_blocking_commit
      IMPORTING
        iv_function TYPE csequence
        io_call     TYPE REF TO zcl_vsp_function_call
      RAISING
        zcx_vsp_error.
    CLASS-METHODS like_pattern
      IMPORTING
        iv_pattern     TYPE string
      RETURNING
        VALUE(rv_like) TYPE string.
    CLASS-METHODS required_string
      IMPORTING
        io_params       TYPE REF TO zcl_vsp_json
        iv_name         TYPE string
      RETURNING
        VALUE(rv_value) TYPE string
      RAISING
        zcx_vsp_error.
    CLASS-METHODS optional_string
      IMPORTING
        io_params       TYPE REF TO zcl_vsp_json
        iv_name         TYPE string
      RETURNING
        VALUE(rv_value) TYPE string
      RAISING
        zcx_vsp_error.
    CLASS-METHODS invalid_params
      IMPORTING
        iv_message TYPE string
      RAISING
        zcx_vsp_error.
ENDCLASS.



CLASS zcl_vsp_rfc_service IMPLEMENTATION.

  METHOD constructor.
    mo_invoker = COND #( WHEN io_invoker IS BOUND THEN io_invoker ELSE NEW zcl_vsp_function_invoker( ) ).
    mo_authority = COND #( WHEN io_authority IS BOUND THEN io_authority ELSE NEW zcl_vsp_authority( ) ).
  ENDMETHOD.


  METHOD zif_vsp_service~initialize.
    ms_context = is_context.
  ENDMETHOD.


  METHOD zif_vsp_service~on_close.
    " Nothing of this service outlives the session; the handler rolls back
    " the open LUW itself.
    CLEAR mt_interfaces.
  ENDMETHOD.


  METHOD zif_vsp_service~handle.
    CASE is_request-action.
      WHEN `call`.
        ro_data = call( is_request-params ).
      WHEN `search`.
        ro_data = search( is_request-params ).
      WHEN `getMetadata`.
        ro_data = get_metadata( is_request-params ).
      WHEN `ping`.
        ro_data = zcl_vsp_json=>new_object( )->set_boolean( iv_name = `pong` iv_value = abap_true
                                            )->set_string( iv_name = `timestamp` iv_value = |{ sy-datum }{ sy-uzeit }| ).
      WHEN `commit`.
        COMMIT WORK.
        ro_data = zcl_vsp_json=>new_object( )->set_boolean( iv_name = `committed` iv_value = abap_true ).
      WHEN `rollback`.
        ROLLBACK WORK.
        ro_data = zcl_vsp_json=>new_object( )->set_boolean( iv_name = `rolledBack` iv_value = abap_true ).
      WHEN OTHERS.
        RAISE EXCEPTION TYPE zcx_vsp_error
          EXPORTING
            iv_code    = zcx_vsp_error=>gc_code-unknown_action
            iv_message = |action '{ is_request-action }' is not supported in domain rfc |
                      && |(supported: call, search, getMetadata, ping, commit, rollback)|.
    ENDCASE.
  ENDMETHOD.


  METHOD call.
    DATA(lv_function) = required_string( io_params = io_params iv_name = `function` ).
    DATA(lo_values) = call_values( io_params ).
    DATA(ls_function) = mo_authority->check_call( lv_function ).

    " The old form (no "parameters") is an old client's: bytes travel as hex.
    DATA(lv_old_form) = xsdbool( io_params->has( `parameters` ) = abap_false ).
    DATA(lo_call) = NEW zcl_vsp_function_call( io_interface = interface_of( ls_function )
                                               io_codec     = NEW #( iv_max_output = ms_context-max_reply_bytes
                                                                     iv_hex_bytes  = lv_old_form )
                                               io_invoker   = mo_invoker ).
    lo_call->bind( lo_values ).
    refuse_blocking_commit( iv_function = ls_function-name io_call = lo_call ).

    IF lv_old_form = abap_true.
      ro_data = legacy_call( lo_call ).
      RETURN.
    ENDIF.

    lo_call->execute( ).
    DATA(lo_result) = zcl_vsp_json=>new_object( ).
    LOOP AT lo_call->outputs( ) INTO DATA(ls_output).
      lo_result->set( iv_name = ls_output-name io_value = ls_output-value ).
    ENDLOOP.
    ro_data = zcl_vsp_json=>new_object( )->set( iv_name = `result` io_value = lo_result ).
  ENDMETHOD.


  METHOD call_values.
    IF io_params->has( `parameters` ) = abap_true.
      ro_values = io_params->get( `parameters` ).
      IF ro_values->kind = zcl_vsp_json=>gc_kind-null.
        ro_values = zcl_vsp_json=>new_object( ).
      ELSEIF ro_values->kind <> zcl_vsp_json=>gc_kind-object.
        invalid_params( `params.parameters must be a JSON object` ).
      ENDIF.
      RETURN.
    ENDIF.
    " An old client: the parameters are the other members, flat. "" means
    " "not supplied" there (the old handler skipped empty values), so the
    " module's default applies.
    ro_values = zcl_vsp_json=>new_object( ).
    LOOP AT io_params->members( ) INTO DATA(ls_member) WHERE name <> `function`.
      IF ls_member-value IS BOUND AND ls_member-value->kind = zcl_vsp_json=>gc_kind-string
          AND ls_member-value->text( ) IS INITIAL.
        CONTINUE.
      ENDIF.
      ro_values->set( iv_name = ls_member-name io_value = ls_member-value ).
    ENDLOOP.
  ENDMETHOD.


  METHOD legacy_call.
    " The old reply keeps a classic exception a success with a non-zero
    " subrc, as old clients expect; the exception's name is added.
    TRY.
        io_call->execute( ).
      CATCH zcx_vsp_error INTO DATA(lx_error).
        IF lx_error->code <> zcx_vsp_error=>gc_code-abap_exception.
          RAISE EXCEPTION lx_error.
        ENDIF.
        ro_data = zcl_vsp_json=>new_object(
          )->set_integer( iv_name = `subrc` iv_value = io_call->exception_index( lx_error->details-key )
          )->set_string( iv_name = `exception` iv_value = lx_error->details-key
          )->set( iv_name = `exports` io_value = zcl_vsp_json=>new_object( )
          )->set( iv_name = `tables` io_value = zcl_vsp_json=>new_object( ) ).
        RETURN.
    ENDTRY.

    DATA(lo_exports) = zcl_vsp_json=>new_object( ).
    DATA(lo_tables) = zcl_vsp_json=>new_object( ).
    LOOP AT io_call->outputs( ) INTO DATA(ls_output).
      IF ls_output-kind = zcl_vsp_function_interface=>gc_param_kind-tables.
        lo_tables->set( iv_name = ls_output-name io_value = ls_output-value ).
      ELSE.
        lo_exports->set( iv_name = ls_output-name io_value = ls_output-value ).
      ENDIF.
    ENDLOOP.
    ro_data = zcl_vsp_json=>new_object( )->set_integer( iv_name = `subrc` iv_value = 0
                                        )->set( iv_name = `exports` io_value = lo_exports
                                        )->set( iv_name = `tables` io_value = lo_tables ).
  ENDMETHOD.


  METHOD refuse_blocking_commit.
    " BAPI_TRANSACTION_COMMIT with WAIT = 'X' runs COMMIT WORK AND WAIT, which
    " ends a stateful APC session with a runtime error: refuse it up front.
    " The bound value decides, not its JSON form: true, 1 and "X" all end up
    " as a non-blank WAIT, and the module waits for anything but blank.
    FIELD-SYMBOLS <lg_wait> TYPE any.
    IF iv_function <> 'BAPI_TRANSACTION_COMMIT'.
      RETURN.
    ENDIF.
    DATA(lr_wait) = io_call->supplied_value( `WAIT` ).
    IF lr_wait IS NOT BOUND.
      RETURN.
    ENDIF.
    ASSIGN lr_wait->* TO <lg_wait>.
    IF <lg_wait> IS INITIAL.
      RETURN.
    ENDIF.
    RAISE EXCEPTION TYPE zcx_vsp_error
      EXPORTING
        iv_code    = zcx_vsp_error=>gc_code-function_denied
        iv_message = |BAPI_TRANSACTION_COMMIT with WAIT runs COMMIT WORK AND WAIT, which ends an APC |
                  && |session; call it without WAIT or use rfc.commit|
        is_details = VALUE #( function = iv_function parameter = `WAIT` ).
  ENDMETHOD.


  METHOD interface_of.
    DATA(lv_name) = CONV string( is_function-name ).
    READ TABLE mt_interfaces WITH TABLE KEY name = lv_name INTO DATA(ls_cached).
    IF sy-subrc <> 0.
      ls_cached = VALUE #( name = lv_name interface = zcl_vsp_function_interface=>load( is_function ) ).
      INSERT ls_cached INTO TABLE mt_interfaces.
    ENDIF.
    ro_interface = ls_cached-interface.
  ENDMETHOD.


  METHOD get_metadata.
    DATA(lv_function) = required_string( io_params = io_params iv_name = `function` ).
    " Like SE37, the interface of any existing module can be read; the call
    " gates (remote-enabled, S_RFC) apply to rfc.call.
    DATA(ls_function) = mo_authority->lookup( lv_function ).
    ro_data = interface_of( ls_function )->to_json( NEW zcl_vsp_rtti_codec( ) ).
  ENDMETHOD.


  METHOD search.
    DATA lv_max TYPE i.
    " A declared row type: the abaplint transpiler cannot infer a join's.
    TYPES:
      BEGIN OF ty_hit,
        funcname TYPE tfdir-funcname,
        area     TYPE enlfdir-area,
        stext    TYPE tftit-stext,
      END OF ty_hit.
    DATA lt_hits TYPE STANDARD TABLE OF ty_hit WITH EMPTY KEY.
    DATA(lo_max) = io_params->get( `max` ).
    IF lo_max IS BOUND AND lo_max->kind <> zcl_vsp_json=>gc_kind-null.
      IF lo_max->kind <> zcl_vsp_json=>gc_kind-number.
        invalid_params( `max must be a number` ).
      ENDIF.
      TRY.
          lv_max = lo_max->text( ).
        CATCH cx_sy_conversion_error.
          invalid_params( `max must be an integer` ).
      ENDTRY.
    ENDIF.
    DATA(lv_limit) = COND i( WHEN lv_max > 0 THEN lv_max ELSE gc_legacy_search_limit ).
    DATA(lv_fetch) = lv_limit + 1.
    DATA(lv_like) = like_pattern( optional_string( io_params = io_params iv_name = `pattern` ) ).
    " A copy rather than @sy-langu in the join condition, which the abaplint
    " transpiler (the off-system run) renders wrongly.
    DATA(lv_language) = sy-langu.

    SELECT t~funcname, e~area, x~stext
      FROM tfdir AS t
      INNER JOIN enlfdir AS e ON e~funcname = t~funcname
      LEFT OUTER JOIN tftit AS x ON x~funcname = t~funcname AND x~spras = @lv_language
      WHERE t~funcname LIKE @lv_like ESCAPE '#'
        AND ( t~fmode = 'R' OR t~fmode = 'X' OR t~fmode = '@' )
      ORDER BY t~funcname
      INTO TABLE @lt_hits
      UP TO @lv_fetch ROWS.
    IF sy-subrc <> 0.
      CLEAR lt_hits.
    ENDIF.
    DATA(lv_truncated) = xsdbool( lines( lt_hits ) > lv_limit ).
    IF lv_truncated = abap_true.
      " UP TO limit + 1 ROWS: the one extra row only tells that there are more.
      DELETE lt_hits INDEX lv_fetch.
    ENDIF.

    ro_data = zcl_vsp_json=>new_array( ).
    IF lv_max = 0.
      " The old reply: names only
      LOOP AT lt_hits INTO DATA(ls_hit).
        ro_data->append( zcl_vsp_json=>new_object( )->set_string( iv_name = `name` iv_value = ls_hit-funcname ) ).
      ENDLOOP.
      RETURN.
    ENDIF.
    LOOP AT lt_hits INTO ls_hit.
      DATA(lo_function) = zcl_vsp_json=>new_object( )->set_string( iv_name = `name` iv_value = ls_hit-funcname
                                                    )->set_string( iv_name = `group` iv_value = ls_hit-area ).
      IF ls_hit-stext IS NOT INITIAL.
        lo_function->set_string( iv_name = `description` iv_value = ls_hit-stext ).
      ENDIF.
      ro_data->append( lo_function->set_boolean( iv_name = `remote` iv_value = abap_true ) ).
    ENDLOOP.
    ro_data = zcl_vsp_json=>new_object( )->set( iv_name = `functions` io_value = ro_data
                                        )->set_boolean( iv_name = `truncated` iv_value = lv_truncated ).
  ENDMETHOD.


  METHOD like_pattern.
    " SAP wildcards (* any run, ? one character; % too, as old clients sent
    " it) become LIKE wildcards; a literal _ is escaped, so RFC_READ_TABLE no
    " longer matches RFCXREADXTABLE.
    DATA lt_parts TYPE string_table.
    DATA(lv_pattern) = zcl_vsp_authority=>normalize_name( iv_pattern ).
    IF lv_pattern IS INITIAL.
      lv_pattern = `*`.
    ENDIF.
    DO strlen( lv_pattern ) TIMES.
      DATA(lv_char) = substring( val = lv_pattern off = sy-index - 1 len = 1 ).
      CASE lv_char.
        WHEN `*` OR `%`.
          APPEND `%` TO lt_parts.
        WHEN `?`.
          APPEND `_` TO lt_parts.
        WHEN `_`.
          APPEND `#_` TO lt_parts.
        WHEN `#`.
          APPEND `##` TO lt_parts.
        WHEN OTHERS.
          APPEND lv_char TO lt_parts.
      ENDCASE.
    ENDDO.
    rv_like = concat_lines_of( table = lt_parts ).
  ENDMETHOD.


  METHOD required_string.
    rv_value = optional_string( io_params = io_params iv_name = iv_name ).
    " A function result cannot be the operand of IS INITIAL.
    IF condense( rv_value ) = ``.
      RAISE EXCEPTION TYPE zcx_vsp_error
        EXPORTING
          iv_code    = zcx_vsp_error=>gc_code-missing_param
          iv_message = |{ iv_name } is required|.
    ENDIF.
  ENDMETHOD.


  METHOD optional_string.
    DATA(lo_value) = io_params->get( iv_name ).
    IF lo_value IS NOT BOUND OR lo_value->kind = zcl_vsp_json=>gc_kind-null.
      RETURN.
    ENDIF.
    IF lo_value->kind <> zcl_vsp_json=>gc_kind-string.
      invalid_params( |{ iv_name } must be a string| ).
    ENDIF.
    rv_value = lo_value->text( ).
  ENDMETHOD.


  METHOD invalid_params.
    RAISE EXCEPTION TYPE zcx_vsp_error
      EXPORTING
        iv_code    = zcx_vsp_error=>gc_code-invalid_params
        iv_message = iv_message.
  ENDMETHOD.

ENDCLASS.
