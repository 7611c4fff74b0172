* Stub of the SAP standard class, for abaplint only.
CLASS cx_sy_dyn_call_parameter_error DEFINITION PUBLIC INHERITING FROM cx_sy_dyn_call_error CREATE PUBLIC.
ENDCLASS.

CLASS cx_sy_dyn_call_parameter_error IMPLEMENTATION.
ENDCLASS.
