FUNCTION z_contract_rows.
* The simulator's Z_CONTRACT_ROWS (sim/contract_test.go).
  CLEAR et_rows[].
  DO iv_count TIMES.
    APPEND VALUE zcontract_row( row = sy-index text = |row { sy-index } of a reply split into frames| ) TO et_rows.
  ENDDO.
ENDFUNCTION.
