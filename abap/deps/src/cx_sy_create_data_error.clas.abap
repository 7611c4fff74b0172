* Stub of the SAP standard class, for abaplint only.
CLASS cx_sy_create_data_error DEFINITION PUBLIC INHERITING FROM cx_sy_create_error CREATE PUBLIC.
ENDCLASS.

CLASS cx_sy_create_data_error IMPLEMENTATION.
ENDCLASS.
