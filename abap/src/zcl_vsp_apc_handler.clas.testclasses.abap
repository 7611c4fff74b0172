*"* Unit tests of the APC glue with doubles of the APC message API: no
*"* WebSocket is opened.

CLASS ltd_message DEFINITION FINAL FOR TESTING.
  PUBLIC SECTION.
    INTERFACES if_apc_wsp_message.
    DATA text TYPE string.
ENDCLASS.


CLASS ltd_message IMPLEMENTATION.

  METHOD if_apc_wsp_message~get_text.
    r_message = text.
  ENDMETHOD.

  METHOD if_apc_wsp_message~set_text.
    text = i_message.
  ENDMETHOD.

  METHOD if_apc_wsp_message~get_binary.
    CLEAR r_message.
  ENDMETHOD.

  METHOD if_apc_wsp_message~set_binary.
    RETURN.
  ENDMETHOD.

ENDCLASS.


"! Refuses the first refuse_first sends as APC refuses an oversized message.
CLASS ltd_message_manager DEFINITION FINAL FOR TESTING.
  PUBLIC SECTION.
    INTERFACES if_apc_wsp_message_manager.
    DATA refuse_first TYPE i.
    DATA sent TYPE string_table.
    DATA refused TYPE i.
ENDCLASS.


CLASS ltd_message_manager IMPLEMENTATION.

  METHOD if_apc_wsp_message_manager~create_message.
    r_message = NEW ltd_message( ).
  ENDMETHOD.

  METHOD if_apc_wsp_message_manager~send.
    IF refused < refuse_first.
      refused = refused + 1.
      RAISE EXCEPTION TYPE cx_apc_error.
    ENDIF.
    APPEND CAST ltd_message( i_message )->text TO sent.
  ENDMETHOD.

ENDCLASS.


CLASS ltcl_apc_handler DEFINITION FINAL FOR TESTING
  DURATION SHORT
  RISK LEVEL HARMLESS.

  PRIVATE SECTION.
    DATA mo_handler TYPE REF TO zcl_vsp_apc_handler.
    DATA mo_manager TYPE REF TO ltd_message_manager.

    METHODS setup.
    METHODS reply_is_sent FOR TESTING.
    METHODS refused_send_is_answered FOR TESTING.

    METHODS receive
      IMPORTING
        iv_text TYPE string.
ENDCLASS.


CLASS ltcl_apc_handler IMPLEMENTATION.

  METHOD setup.
    mo_handler = NEW #( ).
    mo_manager = NEW #( ).
  ENDMETHOD.


  METHOD receive.
    DATA(lo_message) = NEW ltd_message( ).
    lo_message->text = iv_text.
    mo_handler->if_apc_wsp_extension~on_message( i_message         = lo_message
                                                 i_message_manager = mo_manager
                                                 i_context         = VALUE #( ) ).
  ENDMETHOD.


  METHOD reply_is_sent.
    receive( `{"id":"1","domain":"system","action":"ping"}` ).
    cl_abap_unit_assert=>assert_equals( act = lines( mo_manager->sent ) exp = 1 ).
    cl_abap_unit_assert=>assert_char_cp( act = mo_manager->sent[ 1 ] exp = `{"id":"1","success":true,*` ).
  ENDMETHOD.


  METHOD refused_send_is_answered.
    " Before, a refused frame was swallowed and the client waited for its
    " timeout; now it gets an error under the request's id.
    mo_manager->refuse_first = 1.
    receive( `{"id":"2","domain":"system","action":"ping"}` ).
    cl_abap_unit_assert=>assert_equals( act = lines( mo_manager->sent ) exp = 1 ).
    cl_abap_unit_assert=>assert_char_cp( act = mo_manager->sent[ 1 ]
                                         exp = `{"id":"2","success":false,"error":{"code":"TOO_LARGE",*` ).
  ENDMETHOD.

ENDCLASS.
