FUNCTION-POOL zvsp_fake.
* Off-system fakes of the SAP function modules the handler calls, and the
* modules the tests call through it. Never deployed (abap/offsystem).
