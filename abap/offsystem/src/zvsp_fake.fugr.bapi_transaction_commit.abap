FUNCTION bapi_transaction_commit.
* Fake of SAP's module, without the AND WAIT the handler refuses anyway.
  COMMIT WORK.
  CLEAR return.
ENDFUNCTION.
