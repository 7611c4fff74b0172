FUNCTION z_contract_local.
* Not remote-enabled (TFDIR-FMODE blank): the handler must refuse it.
  RETURN.
ENDFUNCTION.
