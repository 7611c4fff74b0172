* Stub of the SAP standard class, for abaplint only.
CLASS cl_abap_datadescr DEFINITION PUBLIC INHERITING FROM cl_abap_typedescr ABSTRACT CREATE PUBLIC.
ENDCLASS.

CLASS cl_abap_datadescr IMPLEMENTATION.
ENDCLASS.
