"! <p class="shorttext synchronized">ZADT_VSP: interface of one function module</p>
"! Reads a module's interface as SE37 shows it (FUNCTION_IMPORT_INTERFACE),
"! with short texts, and resolves every parameter's typing to an RTTI type
"! that data objects and JSON type descriptors are built from.
CLASS zcl_vsp_function_interface DEFINITION
  PUBLIC
  FINAL
  CREATE PRIVATE.

  PUBLIC SECTION.
    TYPES ty_param_kind TYPE c LENGTH 1.

    "! Directions from the module's point of view, as in SE37
    CONSTANTS:
      BEGIN OF gc_param_kind,
        importing TYPE ty_param_kind VALUE 'I',
        exporting TYPE ty_param_kind VALUE 'E',
        changing  TYPE ty_param_kind VALUE 'C',
        tables    TYPE ty_param_kind VALUE 'T',
      END OF gc_param_kind.

    TYPES:
      BEGIN OF ty_parameter,
        name        TYPE string,
        kind        TYPE ty_param_kind,
        "! the typing as written in the interface, e.g. SY-LISEL or BAPIRET2
        typing      TYPE string,
        optional    TYPE abap_bool,
        default     TYPE string,
        description TYPE string,
        "! not bound when JSON cannot fill the parameter (a reference, a type
        "! that no longer exists)
        type        TYPE REF TO cl_abap_datadescr,
        "! the typing is generic (untyped, ANY, CLIKE, ...): a STRING (or a
        "! table of strings) stands in for it
        generic     TYPE abap_bool,
      END OF ty_parameter.
    TYPES ty_parameters TYPE STANDARD TABLE OF ty_parameter WITH EMPTY KEY
                        WITH UNIQUE HASHED KEY by_name COMPONENTS name.

    TYPES:
      BEGIN OF ty_exception,
        name        TYPE string,
        description TYPE string,
      END OF ty_exception.
    TYPES ty_exceptions TYPE STANDARD TABLE OF ty_exception WITH EMPTY KEY.

    DATA name TYPE string READ-ONLY.
    DATA group TYPE string READ-ONLY.
    DATA description TYPE string READ-ONLY.
    DATA remote TYPE abap_bool READ-ONLY.
    "! The module declares class-based exceptions (RAISING): it takes no
    "! exception table, so classic exceptions and ERROR_MESSAGE cannot be mapped.
    DATA class_based TYPE abap_bool READ-ONLY.
    DATA parameters TYPE ty_parameters READ-ONLY.
    DATA exceptions TYPE ty_exceptions READ-ONLY.

    "! Public because SAP requires instance constructors of global classes in
    "! the public section; CREATE PRIVATE still makes LOAD the way to get one.
    METHODS constructor
      IMPORTING
        is_function TYPE zcl_vsp_authority=>ty_function.

    CLASS-METHODS load
      IMPORTING
        is_function         TYPE zcl_vsp_authority=>ty_function
      RETURNING
        VALUE(ro_interface) TYPE REF TO zcl_vsp_function_interface
      RAISING
        zcx_vsp_error.

    "! The parameter, or PARAM_UNKNOWN.
    METHODS parameter
      IMPORTING
        iv_name             TYPE string
      RETURNING
        VALUE(rs_parameter) TYPE ty_parameter
      RAISING
        zcx_vsp_error.

    "! The data of rfc.getMetadata.
    METHODS to_json
      IMPORTING
        io_codec       TYPE REF TO zcl_vsp_rtti_codec
      RETURNING
        VALUE(ro_json) TYPE REF TO zcl_vsp_json.

    CLASS-METHODS kind_name
      IMPORTING
        iv_kind        TYPE ty_param_kind
      RETURNING
        VALUE(rv_name) TYPE string.

  PROTECTED SECTION.
  PRIVATE SECTION.
    TYPES:
      BEGIN OF ty_resolved,
        type    TYPE REF TO cl_abap_datadescr,
        generic TYPE abap_bool,
      END OF ty_resolved.
    TYPES:
      BEGIN OF ty_text,
        parameter TYPE string,
        kind      TYPE c LENGTH 1,
        text      TYPE string,
      END OF ty_text.
    TYPES ty_texts TYPE HASHED TABLE OF ty_text WITH UNIQUE KEY parameter kind.

    METHODS read_interface
      RAISING
        zcx_vsp_error.
    METHODS read_texts
      RETURNING
        VALUE(rt_texts) TYPE ty_texts.
    METHODS add_parameter
      IMPORTING
        iv_name     TYPE csequence
        iv_kind     TYPE ty_param_kind
        iv_typing   TYPE csequence
        iv_optional TYPE abap_bool
        iv_default  TYPE csequence OPTIONAL
        it_texts    TYPE ty_texts.
    CLASS-METHODS resolve_type
      IMPORTING
        iv_typing          TYPE string
        iv_tables          TYPE abap_bool
      RETURNING
        VALUE(rs_resolved) TYPE ty_resolved.
    CLASS-METHODS describe_by_name
      IMPORTING
        iv_name        TYPE string
      RETURNING
        VALUE(ro_type) TYPE REF TO cl_abap_datadescr.
ENDCLASS.



CLASS zcl_vsp_function_interface IMPLEMENTATION.

  METHOD constructor.
    name = is_function-name.
    group = is_function-group.
    remote = zcl_vsp_authority=>is_remote_enabled( is_function-mode ).
  ENDMETHOD.


  METHOD load.
    ro_interface = NEW #( is_function ).
    ro_interface->read_interface( ).
  ENDMETHOD.


  METHOD read_interface.
    DATA lv_function TYPE zcl_vsp_authority=>ty_function_name.
    DATA lv_class_based TYPE c LENGTH 1.
    DATA lt_importing TYPE STANDARD TABLE OF rsimp.
    DATA lt_exporting TYPE STANDARD TABLE OF rsexp.
    DATA lt_changing TYPE STANDARD TABLE OF rscha.
    DATA lt_tables TYPE STANDARD TABLE OF rstbl.
    DATA lt_exceptions TYPE STANDARD TABLE OF rsexc.

    lv_function = name.
    TRY.
        CALL FUNCTION 'FUNCTION_IMPORT_INTERFACE'
          EXPORTING
            funcname           = lv_function
          IMPORTING
            exception_classes  = lv_class_based
          TABLES
            exception_list     = lt_exceptions
            export_parameter   = lt_exporting
            import_parameter   = lt_importing
            changing_parameter = lt_changing
            tables_parameter   = lt_tables
          EXCEPTIONS
            error_message      = 1
            function_not_found = 2
            invalid_name       = 3
            OTHERS             = 4.
      CATCH cx_sy_dyn_call_param_not_found.
        " A release whose FUNCTION_IMPORT_INTERFACE has no EXCEPTION_CLASSES:
        " such modules are then treated as having classic exceptions.
        CALL FUNCTION 'FUNCTION_IMPORT_INTERFACE'
          EXPORTING
            funcname           = lv_function
          TABLES
            exception_list     = lt_exceptions
            export_parameter   = lt_exporting
            import_parameter   = lt_importing
            changing_parameter = lt_changing
            tables_parameter   = lt_tables
          EXCEPTIONS
            error_message      = 1
            function_not_found = 2
            invalid_name       = 3
            OTHERS             = 4.
    ENDTRY.
    IF sy-subrc <> 0.
      RAISE EXCEPTION TYPE zcx_vsp_error
        EXPORTING
          iv_code    = zcx_vsp_error=>gc_code-func_not_found
          iv_message = |Function module { name } does not exist or its interface cannot be read|
          is_details = VALUE #( function = name msgty = sy-msgty msgid = sy-msgid msgno = sy-msgno
                                msgv1 = sy-msgv1 msgv2 = sy-msgv2 msgv3 = sy-msgv3 msgv4 = sy-msgv4 ).
    ENDIF.
    class_based = xsdbool( lv_class_based IS NOT INITIAL ).

    DATA(lt_texts) = read_texts( ).
    " Parameters in the order SAP's RFC connectors describe them (RFC_GET_FUNCTION_INTERFACE,
    " by parameter class): CHANGING, EXPORTING, IMPORTING, TABLES, each in SE37's order.
    LOOP AT lt_changing INTO DATA(ls_changing).
      add_parameter( iv_name     = ls_changing-parameter
                     iv_kind     = gc_param_kind-changing
                     iv_typing   = COND string( WHEN ls_changing-typ IS NOT INITIAL THEN ls_changing-typ
                                                ELSE ls_changing-dbfield )
                     iv_optional = xsdbool( ls_changing-optional IS NOT INITIAL )
                     iv_default  = ls_changing-default
                     it_texts    = lt_texts ).
    ENDLOOP.
    LOOP AT lt_exporting INTO DATA(ls_exporting).
      " EXPORTING parameters need not be received, so they count as optional.
      add_parameter( iv_name     = ls_exporting-parameter
                     iv_kind     = gc_param_kind-exporting
                     iv_typing   = COND string( WHEN ls_exporting-typ IS NOT INITIAL THEN ls_exporting-typ
                                                ELSE ls_exporting-dbfield )
                     iv_optional = abap_true
                     it_texts    = lt_texts ).
    ENDLOOP.
    LOOP AT lt_importing INTO DATA(ls_importing).
      add_parameter( iv_name     = ls_importing-parameter
                     iv_kind     = gc_param_kind-importing
                     iv_typing   = COND string( WHEN ls_importing-typ IS NOT INITIAL THEN ls_importing-typ
                                                ELSE ls_importing-dbfield )
                     iv_optional = xsdbool( ls_importing-optional IS NOT INITIAL )
                     iv_default  = ls_importing-default
                     it_texts    = lt_texts ).
    ENDLOOP.
    LOOP AT lt_tables INTO DATA(ls_tables).
      add_parameter( iv_name     = ls_tables-parameter
                     iv_kind     = gc_param_kind-tables
                     iv_typing   = COND string( WHEN ls_tables-typ IS NOT INITIAL THEN ls_tables-typ
                                                ELSE ls_tables-dbstruct )
                     iv_optional = xsdbool( ls_tables-optional IS NOT INITIAL )
                     it_texts    = lt_texts ).
    ENDLOOP.
    LOOP AT lt_exceptions INTO DATA(ls_exception).
      DATA(lv_exception) = CONV string( ls_exception-exception ).
      READ TABLE lt_texts WITH TABLE KEY parameter = lv_exception kind = 'X' INTO DATA(ls_text).
      APPEND VALUE #( name        = lv_exception
                      description = COND #( WHEN sy-subrc = 0 THEN ls_text-text ) ) TO exceptions.
    ENDLOOP.
  ENDMETHOD.


  METHOD read_texts.
    DATA lv_function TYPE zcl_vsp_authority=>ty_function_name.
    lv_function = name.
    SELECT SINGLE stext FROM tftit
      WHERE spras = @sy-langu AND funcname = @lv_function
      INTO @description.
    IF sy-subrc <> 0.
      CLEAR description.
    ENDIF.
    " Parameter (P) and exception (X) short texts, in the logon language
    SELECT parameter, kind, stext FROM funct
      WHERE spras = @sy-langu AND funcname = @lv_function
      INTO TABLE @DATA(lt_rows).
    IF sy-subrc <> 0.
      RETURN.
    ENDIF.
    LOOP AT lt_rows INTO DATA(ls_row).
      INSERT VALUE #( parameter = ls_row-parameter kind = ls_row-kind text = ls_row-stext ) INTO TABLE rt_texts.
    ENDLOOP.
  ENDMETHOD.


  METHOD add_parameter.
    DATA(lv_name) = CONV string( iv_name ).
    DATA(ls_resolved) = resolve_type( iv_typing = CONV #( iv_typing )
                                      iv_tables = xsdbool( iv_kind = gc_param_kind-tables ) ).
    READ TABLE it_texts WITH TABLE KEY parameter = lv_name kind = 'P' INTO DATA(ls_text).
    INSERT VALUE #( name        = lv_name
                    kind        = iv_kind
                    typing      = condense( iv_typing )
                    optional    = iv_optional
                    default     = condense( iv_default )
                    description = COND #( WHEN sy-subrc = 0 THEN ls_text-text )
                    type        = ls_resolved-type
                    generic     = ls_resolved-generic ) INTO TABLE parameters.
  ENDMETHOD.


  METHOD resolve_type.
    DATA(lv_typing) = to_upper( condense( iv_typing ) ).
    TRY.
        CASE lv_typing.
          WHEN `` OR `ANY` OR `DATA` OR `SIMPLE` OR `CLIKE` OR `CSEQUENCE` OR `STRING`.
            rs_resolved-generic = xsdbool( lv_typing <> `STRING` ).
            rs_resolved-type = cl_abap_elemdescr=>get_string( ).
          WHEN `XSEQUENCE` OR `XSTRING`.
            rs_resolved-generic = xsdbool( lv_typing <> `XSTRING` ).
            rs_resolved-type = cl_abap_elemdescr=>get_xstring( ).
          WHEN `TABLE` OR `ANY TABLE` OR `STANDARD TABLE` OR `INDEX TABLE`.
            rs_resolved-generic = abap_true.
            rs_resolved-type = cl_abap_tabledescr=>create( cl_abap_elemdescr=>get_string( ) ).
          WHEN OTHERS.
            rs_resolved-type = describe_by_name( lv_typing ).
            IF rs_resolved-type IS NOT BOUND AND strlen( lv_typing ) > 3 AND lv_typing(3) = `SY-`.
              " LIKE SY-field: the dictionary structure behind sy is SYST
              rs_resolved-type = describe_by_name( `SYST-` && substring( val = lv_typing off = 3 ) ).
            ENDIF.
            IF rs_resolved-type IS NOT BOUND AND lv_typing CA `_` AND lv_typing NA `-`.
              " A type of a type pool, e.g. ABAP_BOOL, is addressed through its pool.
              DATA(lv_pool) = segment( val = lv_typing index = 1 sep = `_` ).
              rs_resolved-type = describe_by_name( |\\TYPE-POOL={ lv_pool }\\TYPE={ lv_typing }| ).
            ENDIF.
        ENDCASE.
      CATCH cx_sy_table_creation cx_sy_strg_par_val.
        CLEAR rs_resolved-type.
    ENDTRY.

    IF iv_tables = abap_true AND rs_resolved-type IS BOUND
        AND rs_resolved-type->kind <> cl_abap_typedescr=>kind_table.
      " TABLES ... STRUCTURE s / TYPE s: a standard table of that line type
      TRY.
          rs_resolved-type = cl_abap_tabledescr=>create( rs_resolved-type ).
        CATCH cx_sy_table_creation.
          CLEAR rs_resolved-type.
      ENDTRY.
    ENDIF.
  ENDMETHOD.


  METHOD describe_by_name.
    DATA lo_type TYPE REF TO cl_abap_typedescr.
    cl_abap_typedescr=>describe_by_name( EXPORTING p_name = iv_name
                                         RECEIVING p_descr_ref = lo_type
                                         EXCEPTIONS type_not_found = 1 OTHERS = 2 ).
    IF sy-subrc <> 0 OR lo_type IS NOT BOUND.
      RETURN.
    ENDIF.
    " Classes and interfaces (TYPE REF TO) and data references have no JSON form.
    IF lo_type->kind = cl_abap_typedescr=>kind_elem
        OR lo_type->kind = cl_abap_typedescr=>kind_struct
        OR lo_type->kind = cl_abap_typedescr=>kind_table.
      ro_type ?= lo_type.
    ENDIF.
  ENDMETHOD.


  METHOD parameter.
    READ TABLE parameters WITH TABLE KEY by_name COMPONENTS name = iv_name INTO rs_parameter.
    IF sy-subrc <> 0.
      RAISE EXCEPTION TYPE zcx_vsp_error
        EXPORTING
          iv_code    = zcx_vsp_error=>gc_code-param_unknown
          iv_message = |function module { name } has no parameter { iv_name }|
          is_details = VALUE #( parameter = iv_name function = name ).
    ENDIF.
  ENDMETHOD.


  METHOD kind_name.
    rv_name = SWITCH #( iv_kind
                        WHEN gc_param_kind-importing THEN `importing`
                        WHEN gc_param_kind-exporting THEN `exporting`
                        WHEN gc_param_kind-changing THEN `changing`
                        WHEN gc_param_kind-tables THEN `tables` ).
  ENDMETHOD.


  METHOD to_json.
    " "function" is what old clients read; the other members are additions.
    ro_json = zcl_vsp_json=>new_object( )->set_string( iv_name = `function` iv_value = name
                                        )->set_string( iv_name = `name` iv_value = name ).
    IF group IS NOT INITIAL.
      ro_json->set_string( iv_name = `group` iv_value = group ).
    ENDIF.
    IF description IS NOT INITIAL.
      ro_json->set_string( iv_name = `description` iv_value = description ).
    ENDIF.
    IF remote = abap_true.
      ro_json->set_boolean( iv_name = `remote` iv_value = abap_true ).
    ENDIF.

    DATA(lo_parameters) = zcl_vsp_json=>new_array( ).
    LOOP AT parameters INTO DATA(ls_parameter).
      DATA(lo_parameter) = zcl_vsp_json=>new_object(
        )->set_string( iv_name = `name` iv_value = ls_parameter-name
        )->set_string( iv_name = `kind` iv_value = kind_name( ls_parameter-kind )
        )->set_string( iv_name = `type` iv_value = ls_parameter-typing
        )->set_boolean( iv_name = `optional` iv_value = ls_parameter-optional ).
      IF ls_parameter-default IS NOT INITIAL.
        lo_parameter->set_string( iv_name = `default` iv_value = ls_parameter-default ).
      ENDIF.
      IF ls_parameter-description IS NOT INITIAL.
        lo_parameter->set_string( iv_name = `description` iv_value = ls_parameter-description ).
      ENDIF.
      IF ls_parameter-type IS BOUND.
        DATA(lo_type) = io_codec->describe( ls_parameter-type ).
        IF lo_type IS BOUND AND ls_parameter-generic = abap_true.
          " A generic typing has no type of its own: a client sees the kind of the
          " stand-in the call binds, named by the typing (an untyped one takes text).
          lo_type->set_string( iv_name  = `name`
                               iv_value = COND #( WHEN ls_parameter-typing IS INITIAL THEN `CLIKE`
                                                  ELSE to_upper( ls_parameter-typing ) ) ).
        ENDIF.
        IF lo_type IS BOUND.
          lo_parameter->set( iv_name = `dataType` io_value = lo_type ).
        ENDIF.
      ENDIF.
      lo_parameters->append( lo_parameter ).
    ENDLOOP.
    ro_json->set( iv_name = `parameters` io_value = lo_parameters ).

    IF exceptions IS NOT INITIAL.
      DATA(lo_exceptions) = zcl_vsp_json=>new_array( ).
      LOOP AT exceptions INTO DATA(ls_exception).
        DATA(lo_exception) = zcl_vsp_json=>new_object( )->set_string( iv_name = `name` iv_value = ls_exception-name ).
        IF ls_exception-description IS NOT INITIAL.
          lo_exception->set_string( iv_name = `description` iv_value = ls_exception-description ).
        ENDIF.
        lo_exceptions->append( lo_exception ).
      ENDLOOP.
      ro_json->set( iv_name = `exceptions` io_value = lo_exceptions ).
    ENDIF.
  ENDMETHOD.

ENDCLASS.
