* Stub of the SAP standard class, for abaplint only.
CLASS cx_no_check DEFINITION PUBLIC INHERITING FROM cx_root ABSTRACT CREATE PUBLIC.
ENDCLASS.

CLASS cx_no_check IMPLEMENTATION.
ENDCLASS.
