* Stub of the SAP standard class, for abaplint only.
CLASS cl_http_utility DEFINITION PUBLIC CREATE PUBLIC.
  PUBLIC SECTION.
    CLASS-METHODS encode_x_base64
      IMPORTING
        !unencoded     TYPE xstring
      RETURNING
        VALUE(encoded) TYPE string.
    CLASS-METHODS decode_x_base64
      IMPORTING
        !encoded       TYPE string
      RETURNING
        VALUE(decoded) TYPE xstring.
ENDCLASS.

CLASS cl_http_utility IMPLEMENTATION.
  METHOD encode_x_base64.
    CLEAR encoded.
  ENDMETHOD.
  METHOD decode_x_base64.
    CLEAR decoded.
  ENDMETHOD.
ENDCLASS.
