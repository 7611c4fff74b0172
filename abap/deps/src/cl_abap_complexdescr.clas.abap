* Stub of the SAP standard class, for abaplint only.
CLASS cl_abap_complexdescr DEFINITION PUBLIC INHERITING FROM cl_abap_datadescr ABSTRACT CREATE PUBLIC.
ENDCLASS.

CLASS cl_abap_complexdescr IMPLEMENTATION.
ENDCLASS.
