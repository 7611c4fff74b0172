* Stub of the SAP standard class, for abaplint only.
CLASS cl_abap_structdescr DEFINITION PUBLIC INHERITING FROM cl_abap_complexdescr CREATE PUBLIC.
  PUBLIC SECTION.
    METHODS get_components
      RETURNING
        VALUE(p_result) TYPE abap_component_tab.
ENDCLASS.

CLASS cl_abap_structdescr IMPLEMENTATION.
  METHOD get_components.
    CLEAR p_result.
  ENDMETHOD.
ENDCLASS.
