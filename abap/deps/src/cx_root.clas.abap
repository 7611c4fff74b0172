* Stub of the SAP standard class, for abaplint only: only the members the
* handler uses, with the signatures of AS ABAP 7.50.
CLASS cx_root DEFINITION PUBLIC ABSTRACT CREATE PUBLIC.
  PUBLIC SECTION.
    INTERFACES if_message.
    ALIASES get_text FOR if_message~get_text.
    ALIASES get_longtext FOR if_message~get_longtext.
    DATA textid TYPE c LENGTH 32 READ-ONLY.
    DATA previous TYPE REF TO cx_root READ-ONLY.
    METHODS constructor
      IMPORTING
        !textid   LIKE textid OPTIONAL
        !previous TYPE REF TO cx_root OPTIONAL.
    METHODS get_source_position
      EXPORTING
        !program_name TYPE csequence
        !include_name TYPE csequence
        !source_line  TYPE i.
ENDCLASS.

CLASS cx_root IMPLEMENTATION.
  METHOD constructor.
    me->textid = textid.
    me->previous = previous.
  ENDMETHOD.
  METHOD if_message~get_text.
    CLEAR result.
  ENDMETHOD.
  METHOD if_message~get_longtext.
    CLEAR result.
  ENDMETHOD.
  METHOD get_source_position.
    CLEAR: program_name, include_name, source_line.
  ENDMETHOD.
ENDCLASS.
