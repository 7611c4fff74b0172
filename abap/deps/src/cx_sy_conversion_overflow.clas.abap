* Stub of the SAP standard class, for abaplint only.
CLASS cx_sy_conversion_overflow DEFINITION PUBLIC INHERITING FROM cx_sy_conversion_error CREATE PUBLIC.
ENDCLASS.

CLASS cx_sy_conversion_overflow IMPLEMENTATION.
ENDCLASS.
