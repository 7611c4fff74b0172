* Stub of the SAP standard class, for abaplint only.
CLASS cx_sy_codepage_converter_init DEFINITION PUBLIC INHERITING FROM cx_dynamic_check CREATE PUBLIC.
ENDCLASS.

CLASS cx_sy_codepage_converter_init IMPLEMENTATION.
ENDCLASS.
