* Stub of the SAP standard class, for abaplint only.
CLASS cx_parameter_invalid_range DEFINITION PUBLIC INHERITING FROM cx_parameter_invalid CREATE PUBLIC.
ENDCLASS.

CLASS cx_parameter_invalid_range IMPLEMENTATION.
ENDCLASS.
