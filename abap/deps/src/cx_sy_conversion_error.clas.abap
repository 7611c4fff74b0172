* Stub of the SAP standard class, for abaplint only.
CLASS cx_sy_conversion_error DEFINITION PUBLIC INHERITING FROM cx_dynamic_check CREATE PUBLIC.
ENDCLASS.

CLASS cx_sy_conversion_error IMPLEMENTATION.
ENDCLASS.
