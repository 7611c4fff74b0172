* Stub of the SAP standard class, for abaplint only.
CLASS cx_sy_create_error DEFINITION PUBLIC INHERITING FROM cx_dynamic_check CREATE PUBLIC.
ENDCLASS.

CLASS cx_sy_create_error IMPLEMENTATION.
ENDCLASS.
