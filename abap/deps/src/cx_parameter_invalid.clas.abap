* Stub of the SAP standard class, for abaplint only.
CLASS cx_parameter_invalid DEFINITION PUBLIC INHERITING FROM cx_dynamic_check CREATE PUBLIC.
ENDCLASS.

CLASS cx_parameter_invalid IMPLEMENTATION.
ENDCLASS.
