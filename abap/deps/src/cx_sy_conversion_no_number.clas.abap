* Stub of the SAP standard class, for abaplint only.
CLASS cx_sy_conversion_no_number DEFINITION PUBLIC INHERITING FROM cx_sy_conversion_error CREATE PUBLIC.
ENDCLASS.

CLASS cx_sy_conversion_no_number IMPLEMENTATION.
ENDCLASS.
