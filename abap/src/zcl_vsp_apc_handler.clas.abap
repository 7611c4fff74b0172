"! <p class="shorttext synchronized">ZADT_VSP: stateful APC WebSocket handler</p>
"! The push channel ZADT_VSP (/sap/bc/apc/sap/zadt_vsp). Deliberately thin:
"! text in, frames out; everything else is ZCL_VSP_ROUTER's.
"! <ul>
"! <li>Stateful: one ABAP session per WebSocket, so a script's calls share
"!     function-group memory and one SAP LUW (commit/rollback in later
"!     messages, as with a pinned RFC connection).</li>
"! <li>Nothing may escape ON_MESSAGE: an exception or an E/A message there
"!     ends the APC session and closes the socket without ON_CLOSE.</li>
"! <li>The message manager of the current call is used, never one kept from
"!     ON_START.</li>
"! <li>ON_CLOSE rolls back whatever the client left uncommitted.</li>
"! </ul>
CLASS zcl_vsp_apc_handler DEFINITION
  PUBLIC
  INHERITING FROM cl_apc_wsp_ext_stateful_base
  FINAL
  CREATE PUBLIC.

  PUBLIC SECTION.
    METHODS if_apc_wsp_extension~on_start REDEFINITION.
    METHODS if_apc_wsp_extension~on_message REDEFINITION.
    METHODS if_apc_wsp_extension~on_close REDEFINITION.
    METHODS if_apc_wsp_extension~on_error REDEFINITION.

  PROTECTED SECTION.
  PRIVATE SECTION.
    DATA mo_router TYPE REF TO zcl_vsp_router.

    METHODS router
      RETURNING
        VALUE(ro_router) TYPE REF TO zcl_vsp_router.
    METHODS send
      IMPORTING
        io_message_manager TYPE REF TO if_apc_wsp_message_manager
        it_frames          TYPE string_table.
    METHODS send_text
      IMPORTING
        io_message_manager TYPE REF TO if_apc_wsp_message_manager
        iv_text            TYPE string
      RAISING
        cx_apc_error.
    METHODS end_session.
ENDCLASS.



CLASS zcl_vsp_apc_handler IMPLEMENTATION.

  METHOD if_apc_wsp_extension~on_start.
    TRY.
        send( io_message_manager = i_message_manager
              it_frames          = VALUE #( ( router( )->welcome( ) ) ) ).
      CATCH cx_root ##NO_HANDLER.
        " Without a welcome the client gives up on its own; the session must
        " not end with a runtime error here.
    ENDTRY.
  ENDMETHOD.


  METHOD if_apc_wsp_extension~on_message.
    DATA lt_frames TYPE string_table.
    TRY.
        DATA(lv_text) = i_message->get_text( ).
        lt_frames = router( )->handle( lv_text ).
      CATCH cx_apc_error.
        " A binary frame has no text; the protocol is text only.
        lt_frames = router( )->binary_frame( ).
      CATCH cx_root ##NO_HANDLER.
        " ZCL_VSP_ROUTER answers every text itself; this is the guard that
        " keeps an unforeseen error from ending the APC session.
    ENDTRY.
    send( io_message_manager = i_message_manager it_frames = lt_frames ).
  ENDMETHOD.


  METHOD if_apc_wsp_extension~on_close.
    end_session( ).
  ENDMETHOD.


  METHOD if_apc_wsp_extension~on_error.
    end_session( ).
  ENDMETHOD.


  METHOD end_session.
    " A dropped socket must not leave half a unit of work behind: registered
    " update modules and PERFORM ON COMMIT routines of an uncommitted LUW are
    " discarded. (After a runtime error this method does not run; the
    " runtime error rolls back by itself.)
    TRY.
        IF mo_router IS BOUND.
          mo_router->close( ).
        ENDIF.
        ROLLBACK WORK.
      CATCH cx_root ##NO_HANDLER.
        " The session ends either way.
    ENDTRY.
  ENDMETHOD.


  METHOD router.
    IF mo_router IS NOT BOUND.
      mo_router = NEW #( ).
    ENDIF.
    ro_router = mo_router.
  ENDMETHOD.


  METHOD send.
    " Every send is a database commit in APC (except in update tasks), which
    " is why the router builds all frames of a reply before the first goes out.
    LOOP AT it_frames INTO DATA(lv_frame).
      TRY.
          send_text( io_message_manager = io_message_manager iv_text = lv_frame ).
        CATCH cx_root INTO DATA(lx_error).
          " A frame APC refused (too large, say): the rest of the reply is
          " dropped and the client gets an error under the request's id
          " instead of waiting for its timeout.
          TRY.
              send_text( io_message_manager = io_message_manager
                         iv_text            = router( )->undeliverable( iv_frame  = lv_frame
                                                                        iv_reason = lx_error->get_text( ) ) ).
            CATCH cx_root ##NO_HANDLER.
              " The socket is gone; there is no one left to tell.
          ENDTRY.
          RETURN.
      ENDTRY.
    ENDLOOP.
  ENDMETHOD.


  METHOD send_text.
    DATA(lo_message) = io_message_manager->create_message( ).
    lo_message->set_text( iv_text ).
    io_message_manager->send( lo_message ).
  ENDMETHOD.

ENDCLASS.
