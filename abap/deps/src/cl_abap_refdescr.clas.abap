* Stub of the SAP standard class, for abaplint only.
CLASS cl_abap_refdescr DEFINITION PUBLIC INHERITING FROM cl_abap_datadescr CREATE PUBLIC.
ENDCLASS.

CLASS cl_abap_refdescr IMPLEMENTATION.
ENDCLASS.
