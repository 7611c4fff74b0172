"! <p class="shorttext synchronized">ZADT_VSP: failure of one request</p>
"! Every way a request can fail ends in this exception. The handler turns it
"! into the error object of the response: { code, message, details }. The codes
"! are the protocol's (docs/protocol.md); details carry what ABAP knows about
"! the failure so that a client can rebuild a T100 message or point at the
"! offending parameter.
CLASS zcx_vsp_error DEFINITION
  PUBLIC
  INHERITING FROM cx_static_check
  FINAL
  CREATE PUBLIC.

  PUBLIC SECTION.
    TYPES ty_code TYPE c LENGTH 24.

    "! Field names follow the sy-msg* system fields; empty fields are not sent.
    TYPES:
      BEGIN OF ty_details,
        key       TYPE string,
        class     TYPE string,
        msgty     TYPE string,
        msgid     TYPE string,
        msgno     TYPE string,
        msgv1     TYPE string,
        msgv2     TYPE string,
        msgv3     TYPE string,
        msgv4     TYPE string,
        parameter TYPE string,
        function  TYPE string,
      END OF ty_details.

    CONSTANTS:
      BEGIN OF gc_code,
        parse_error        TYPE ty_code VALUE 'PARSE_ERROR',
        unknown_domain     TYPE ty_code VALUE 'UNKNOWN_DOMAIN',
        unknown_action     TYPE ty_code VALUE 'UNKNOWN_ACTION',
        missing_param      TYPE ty_code VALUE 'MISSING_PARAM',
        func_not_found     TYPE ty_code VALUE 'FUNC_NOT_FOUND',
        service_exception  TYPE ty_code VALUE 'SERVICE_EXCEPTION',
        abap_exception     TYPE ty_code VALUE 'ABAP_EXCEPTION',
        abap_message       TYPE ty_code VALUE 'ABAP_MESSAGE',
        class_exception    TYPE ty_code VALUE 'CLASS_EXCEPTION',
        not_remote_enabled TYPE ty_code VALUE 'NOT_REMOTE_ENABLED',
        not_authorized     TYPE ty_code VALUE 'NOT_AUTHORIZED',
        function_denied    TYPE ty_code VALUE 'FUNCTION_DENIED',
        param_unknown      TYPE ty_code VALUE 'PARAM_UNKNOWN',
        param_missing      TYPE ty_code VALUE 'PARAM_MISSING',
        type_conflict      TYPE ty_code VALUE 'TYPE_CONFLICT',
        too_large          TYPE ty_code VALUE 'TOO_LARGE',
        protocol_error     TYPE ty_code VALUE 'PROTOCOL_ERROR',
        invalid_params     TYPE ty_code VALUE 'INVALID_PARAMS',
      END OF gc_code.

    DATA code TYPE ty_code READ-ONLY.
    DATA message TYPE string READ-ONLY.
    DATA details TYPE ty_details READ-ONLY.

    METHODS constructor
      IMPORTING
        iv_code     TYPE ty_code
        iv_message  TYPE csequence
        is_details  TYPE ty_details OPTIONAL
        io_previous TYPE REF TO cx_root OPTIONAL.

    METHODS if_message~get_text REDEFINITION.

  PROTECTED SECTION.
  PRIVATE SECTION.
ENDCLASS.



CLASS zcx_vsp_error IMPLEMENTATION.

  METHOD constructor ##ADT_SUPPRESS_GENERATION.
    super->constructor( previous = io_previous ).
    code = iv_code.
    message = iv_message.
    details = is_details.
  ENDMETHOD.


  METHOD if_message~get_text.
    result = message.
  ENDMETHOD.

ENDCLASS.
