FUNCTION rfc_abap_install_and_run.
* On the handler's deny-list: must never run.
  RETURN.
ENDFUNCTION.
