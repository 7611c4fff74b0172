* Stub of the SAP standard class, for abaplint only. The constant values are
* placeholders: abaplint checks names and types, not the characters.
CLASS cl_abap_char_utilities DEFINITION PUBLIC FINAL CREATE PUBLIC.
  PUBLIC SECTION.
    CONSTANTS charsize TYPE i VALUE 2.
    CONSTANTS horizontal_tab TYPE c LENGTH 1 VALUE ' '.
    CONSTANTS newline TYPE c LENGTH 1 VALUE ' '.
    CONSTANTS cr_lf TYPE c LENGTH 2 VALUE '  '.
ENDCLASS.

CLASS cl_abap_char_utilities IMPLEMENTATION.
ENDCLASS.
