FUNCTION z_contract_fail.
* The simulator's Z_CONTRACT_FAIL (sim/contract_test.go): every way a module
* can fail.
  CASE iv_mode.
    WHEN 'EXCEPTION'.
      " MESSAGE ... RAISING, which the transpiler does not emulate, as the
      " two steps it is: sy-msg* set, then the classic exception.
      MESSAGE e001(zcontract) WITH '42' INTO DATA(lv_text) ##NEEDED.
      RAISE not_found.
    WHEN 'RAISE'.
      RAISE invalid.
    WHEN 'MESSAGE'.
      MESSAGE e002(zcontract) WITH 'MESSAGE'.
      RETURN.
    WHEN 'CLASS'.
      RAISE EXCEPTION TYPE cx_sy_zerodivide.
  ENDCASE.
ENDFUNCTION.
