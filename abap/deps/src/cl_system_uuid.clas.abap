* Stub of the SAP standard class, for abaplint only.
CLASS cl_system_uuid DEFINITION PUBLIC FINAL CREATE PUBLIC.
  PUBLIC SECTION.
    CLASS-METHODS create_uuid_c32_static
      RETURNING
        VALUE(uuid) TYPE sysuuid_c32
      RAISING
        cx_uuid_error.
ENDCLASS.

CLASS cl_system_uuid IMPLEMENTATION.
  METHOD create_uuid_c32_static.
    CLEAR uuid.
  ENDMETHOD.
ENDCLASS.
