* Stub of the SAP standard class, for abaplint only.
CLASS cx_uuid_error DEFINITION PUBLIC INHERITING FROM cx_static_check CREATE PUBLIC.
ENDCLASS.

CLASS cx_uuid_error IMPLEMENTATION.
ENDCLASS.
