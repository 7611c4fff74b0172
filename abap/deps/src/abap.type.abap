* Stub of type pool ABAP, for abaplint only: the RTTI and dynamic-call types
* and constants the handler uses, as AS ABAP 7.50 defines them.
TYPE-POOL abap.

TYPES abap_typekind TYPE c LENGTH 1.
TYPES abap_typecategory TYPE c LENGTH 1.
TYPES abap_abstypename TYPE c LENGTH 200.
TYPES abap_parmname TYPE c LENGTH 30.
TYPES abap_excpname TYPE c LENGTH 30.

TYPES: BEGIN OF abap_componentdescr,
         name       TYPE string,
         type       TYPE REF TO cl_abap_datadescr,
         as_include TYPE abap_bool,
         suffix     TYPE string,
       END OF abap_componentdescr.
TYPES abap_component_tab TYPE STANDARD TABLE OF abap_componentdescr WITH KEY name.

TYPES: BEGIN OF abap_func_parmbind,
         kind      TYPE i,
         name      TYPE abap_parmname,
         value     TYPE REF TO data,
         tables_wa TYPE REF TO data,
       END OF abap_func_parmbind.
TYPES abap_func_parmbind_tab TYPE SORTED TABLE OF abap_func_parmbind WITH UNIQUE KEY name.

TYPES: BEGIN OF abap_func_excpbind,
         name    TYPE abap_excpname,
         message TYPE REF TO data,
         value   TYPE i,
       END OF abap_func_excpbind.
TYPES abap_func_excpbind_tab TYPE HASHED TABLE OF abap_func_excpbind WITH UNIQUE KEY name.

CONSTANTS abap_func_exporting TYPE i VALUE 10.
CONSTANTS abap_func_importing TYPE i VALUE 20.
CONSTANTS abap_func_tables TYPE i VALUE 30.
CONSTANTS abap_func_changing TYPE i VALUE 40.
