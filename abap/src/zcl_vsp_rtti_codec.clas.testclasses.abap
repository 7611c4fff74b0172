*"* Unit tests of the RTTI codec: the wire forms of every type, any depth,
*"* and the values it must refuse instead of truncating or rounding.

CLASS ltcl_codec DEFINITION FINAL FOR TESTING
  DURATION SHORT
  RISK LEVEL HARMLESS.

  PRIVATE SECTION.
    TYPES:
      BEGIN OF ty_item,
        posnr    TYPE n LENGTH 6,
        quantity TYPE p LENGTH 7 DECIMALS 3,
        tags     TYPE string_table,
      END OF ty_item.
    TYPES ty_items TYPE STANDARD TABLE OF ty_item WITH EMPTY KEY.
    TYPES:
      BEGIN OF ty_all,
        char10  TYPE c LENGTH 10,
        numc6   TYPE n LENGTH 6,
        dats    TYPE d,
        tims    TYPE t,
        string  TYPE string,
        int1    TYPE int1,
        int2    TYPE int2,
        int4    TYPE i,
        int8    TYPE int8,
        fltp    TYPE f,
        dec     TYPE p LENGTH 7 DECIMALS 4,
        df34    TYPE decfloat34,
        raw4    TYPE x LENGTH 4,
        xstring TYPE xstring,
        items   TYPE ty_items,
      END OF ty_all.

    DATA mo_codec TYPE REF TO zcl_vsp_rtti_codec.

    METHODS setup.
    METHODS every_type_round_trip FOR TESTING RAISING zcx_vsp_error.
    METHODS decimals_are_exact FOR TESTING RAISING zcx_vsp_error.
    METHODS table_is_array_of_rows FOR TESTING RAISING zcx_vsp_error.
    METHODS refuses_lossy_values FOR TESTING.
    METHODS refuses_int1_overflow FOR TESTING.
    METHODS bytes_as_hex_in_old_form FOR TESTING RAISING zcx_vsp_error.
    METHODS refuses_unknown_field FOR TESTING.
    METHODS describes_types FOR TESTING.
    METHODS output_limit FOR TESTING.

    METHODS assert_conflict
      IMPORTING
        iv_json      TYPE string
        iv_parameter TYPE string
        iv_code      TYPE zcx_vsp_error=>ty_code DEFAULT zcx_vsp_error=>gc_code-type_conflict.
ENDCLASS.


CLASS ltcl_codec IMPLEMENTATION.

  METHOD setup.
    mo_codec = NEW #( ).
  ENDMETHOD.


  METHOD every_type_round_trip.
    DATA ls_all TYPE ty_all.
    mo_codec->decode(
      EXPORTING
        io_json = zcl_vsp_json=>parse(
          `{"CHAR10":"abc   ","NUMC6":"42","DATS":"2024-01-31","TIMS":"23:59:59","STRING":" x ",` &&
          `"INT1":255,"INT2":-32768,"INT4":2147483647,"INT8":9007199254740993,"FLTP":1.5,` &&
          `"DEC":"-666","DF34":"12345.6789","RAW4":"3q2+7w==","XSTRING":"AAEC/w==",` &&
          `"ITEMS":[{"POSNR":"10","QUANTITY":"1.5","TAGS":["red","large"]},{"POSNR":20}]}` )
        iv_path = `IS_ALL`
      CHANGING
        cg_data = ls_all ).

    cl_abap_unit_assert=>assert_equals( act = |{ ls_all-int8 }| exp = `9007199254740993` ).
    cl_abap_unit_assert=>assert_equals( act = |{ ls_all-dats }| exp = `20240131` ).
    cl_abap_unit_assert=>assert_equals(
      act = mo_codec->encode( ls_all )->render( )
      exp = `{"CHAR10":"abc","NUMC6":"000042","DATS":"20240131","TIMS":"235959","STRING":" x ",` &&
            `"INT1":255,"INT2":-32768,"INT4":2147483647,"INT8":9007199254740993,"FLTP":1.5,` &&
            `"DEC":"-666.0000","DF34":"12345.6789","RAW4":"3q2+7w==","XSTRING":"AAEC/w==",` &&
            `"ITEMS":[{"POSNR":"000010","QUANTITY":"1.500","TAGS":["red","large"]},` &&
            `{"POSNR":"000020","QUANTITY":"0.000","TAGS":[]}]}` ).
  ENDMETHOD.


  METHOD decimals_are_exact.
    DATA lv_dec TYPE p LENGTH 7 DECIMALS 3.
    mo_codec->decode( EXPORTING io_json = zcl_vsp_json=>parse( `"1.5E2"` ) iv_path = `P` CHANGING cg_data = lv_dec ).
    cl_abap_unit_assert=>assert_equals( act = |{ lv_dec }| exp = `150.000` ).
    mo_codec->decode( EXPORTING io_json = zcl_vsp_json=>parse( `1e-3` ) iv_path = `P` CHANGING cg_data = lv_dec ).
    cl_abap_unit_assert=>assert_equals( act = |{ lv_dec }| exp = `0.001` ).
    mo_codec->decode( EXPORTING io_json = zcl_vsp_json=>parse( `"-2.500"` ) iv_path = `P` CHANGING cg_data = lv_dec ).
    cl_abap_unit_assert=>assert_equals( act = |{ lv_dec }| exp = `-2.500` ).
  ENDMETHOD.


  METHOD table_is_array_of_rows.
    DATA lt_items TYPE ty_items.
    lt_items = VALUE #( ( posnr = '1' ) ( posnr = '2' ) ).
    DATA(lo_json) = mo_codec->encode( lt_items ).
    cl_abap_unit_assert=>assert_equals( act = lo_json->kind exp = zcl_vsp_json=>gc_kind-array ).
    cl_abap_unit_assert=>assert_equals( act = lo_json->size( ) exp = 2 ).
    DATA(lt_rows) = lo_json->items( ).
    cl_abap_unit_assert=>assert_equals( act = lt_rows[ 2 ]->render( )
                                        exp = `{"POSNR":"000002","QUANTITY":"0.000","TAGS":[]}` ).
  ENDMETHOD.


  METHOD refuses_lossy_values.
    assert_conflict( iv_json = `{"CHAR10":"ABCDEFGHIJK"}` iv_parameter = `IS_ALL.CHAR10` ).
    assert_conflict( iv_json = `{"NUMC6":"12a"}` iv_parameter = `IS_ALL.NUMC6` ).
    assert_conflict( iv_json = `{"NUMC6":"1234567"}` iv_parameter = `IS_ALL.NUMC6` ).
    assert_conflict( iv_json = `{"DATS":"31.01.2024"}` iv_parameter = `IS_ALL.DATS` ).
    assert_conflict( iv_json = `{"INT4":2147483648}` iv_parameter = `IS_ALL.INT4` ).
    assert_conflict( iv_json = `{"INT4":1.5}` iv_parameter = `IS_ALL.INT4` ).
    assert_conflict( iv_json = `{"INT4":true}` iv_parameter = `IS_ALL.INT4` ).
    assert_conflict( iv_json = `{"DEC":"1.23456"}` iv_parameter = `IS_ALL.DEC` ).
    assert_conflict( iv_json = `{"DEC":"1234567890"}` iv_parameter = `IS_ALL.DEC` ).
    assert_conflict( iv_json = `{"RAW4":"AAECAwQ="}` iv_parameter = `IS_ALL.RAW4` ).
    assert_conflict( iv_json = `{"XSTRING":"not base64"}` iv_parameter = `IS_ALL.XSTRING` ).
    assert_conflict( iv_json = `{"ITEMS":{}}` iv_parameter = `IS_ALL.ITEMS` ).
    assert_conflict( iv_json = `{"ITEMS":[{},{"QUANTITY":"x"}]}` iv_parameter = `IS_ALL.ITEMS[1].QUANTITY` ).
  ENDMETHOD.


  METHOD refuses_int1_overflow.
    assert_conflict( iv_json = `{"INT1":256}` iv_parameter = `IS_ALL.INT1` ).
  ENDMETHOD.


  METHOD bytes_as_hex_in_old_form.
    " Old clients send and expect RAW/XSTRING as hex; read as base64, CAFE
    " silently became other bytes.
    DATA ls_all TYPE ty_all.
    mo_codec = NEW #( iv_hex_bytes = abap_true ).
    mo_codec->decode( EXPORTING io_json = zcl_vsp_json=>parse( `{"RAW4":"CAFE","XSTRING":"00ff"}` ) iv_path = `IS_ALL`
                      CHANGING cg_data = ls_all ).
    cl_abap_unit_assert=>assert_equals( act = ls_all-raw4 exp = 'CAFE0000' ).
    cl_abap_unit_assert=>assert_equals( act = ls_all-xstring exp = '00FF' ).
    cl_abap_unit_assert=>assert_char_cp( act = mo_codec->encode( ls_all )->render( )
                                         exp = `*"RAW4":"CAFE0000","XSTRING":"00FF"*` ).
    assert_conflict( iv_json = `{"XSTRING":"CAF"}` iv_parameter = `IS_ALL.XSTRING` ).
    assert_conflict( iv_json = `{"XSTRING":"3q2+7w=="}` iv_parameter = `IS_ALL.XSTRING` ).
    assert_conflict( iv_json = `{"RAW4":"CAFEBABE00"}` iv_parameter = `IS_ALL.RAW4` ).
  ENDMETHOD.


  METHOD refuses_unknown_field.
    assert_conflict( iv_json      = `{"ITEMS":[{"NOPE":1}]}`
                     iv_parameter = `IS_ALL.ITEMS[0].NOPE`
                     iv_code      = zcx_vsp_error=>gc_code-param_unknown ).
  ENDMETHOD.


  METHOD assert_conflict.
    DATA ls_all TYPE ty_all.
    TRY.
        mo_codec->decode( EXPORTING io_json = zcl_vsp_json=>parse( iv_json ) iv_path = `IS_ALL`
                          CHANGING cg_data = ls_all ).
        cl_abap_unit_assert=>fail( |accepted: { iv_json }| ).
      CATCH zcx_vsp_error INTO DATA(lx_error).
        cl_abap_unit_assert=>assert_equals( act = lx_error->code exp = iv_code msg = iv_json ).
        cl_abap_unit_assert=>assert_equals( act = lx_error->details-parameter exp = iv_parameter msg = iv_json ).
    ENDTRY.
  ENDMETHOD.


  METHOD describes_types.
    DATA ls_item TYPE ty_item.
    DATA(lo_type) = CAST cl_abap_datadescr( cl_abap_typedescr=>describe_by_data( ls_item ) ).
    cl_abap_unit_assert=>assert_equals(
      act = mo_codec->describe( lo_type )->render( )
      exp = `{"kind":"STRUCT","fields":[{"kind":"NUMC","length":6,"name":"POSNR"},` &&
            `{"kind":"DEC","length":13,"decimals":3,"name":"QUANTITY"},` &&
            `{"kind":"TABLE","name":"TAGS","line":{"kind":"STRING"}}]}` ).
  ENDMETHOD.


  METHOD output_limit.
    DATA lt_items TYPE ty_items.
    DO 100 TIMES.
      APPEND VALUE #( posnr = sy-index ) TO lt_items.
    ENDDO.
    TRY.
        NEW zcl_vsp_rtti_codec( 200 )->encode( lt_items ).
        cl_abap_unit_assert=>fail( `no TOO_LARGE` ).
      CATCH zcx_vsp_error INTO DATA(lx_error).
        cl_abap_unit_assert=>assert_equals( act = lx_error->code exp = zcx_vsp_error=>gc_code-too_large ).
    ENDTRY.
  ENDMETHOD.

ENDCLASS.
