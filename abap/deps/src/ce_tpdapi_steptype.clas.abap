* Stub of the SAP standard object, for abaplint only. Written from SAP's
* documentation of the external debugger API (package STPDA_API) and its
* public use (the open-source vsp handler): names and signatures of the
* members the handler calls, nothing else. Verify against the system.
* The step kinds are enumeration objects, read from class attributes.
CLASS ce_tpdapi_steptype DEFINITION PUBLIC FINAL CREATE PRIVATE.
  PUBLIC SECTION.
    INTERFACES ie_tpdapi_steptype.
    CLASS-DATA into TYPE REF TO ie_tpdapi_steptype READ-ONLY.
    CLASS-DATA over TYPE REF TO ie_tpdapi_steptype READ-ONLY.
    CLASS-DATA out TYPE REF TO ie_tpdapi_steptype READ-ONLY.
    CLASS-DATA continue TYPE REF TO ie_tpdapi_steptype READ-ONLY.
ENDCLASS.

CLASS ce_tpdapi_steptype IMPLEMENTATION.
ENDCLASS.
