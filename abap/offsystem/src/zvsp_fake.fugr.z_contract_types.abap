FUNCTION z_contract_types.
* The simulator's Z_CONTRACT_TYPES (sim/contract_test.go): echoes, counts
* and returns two items with a nested table.
  es_all = is_all.
  ev_flag = iv_flag.
  cv_counter = cv_counter + 1.
  CLEAR et_items[].
  APPEND VALUE zcontract_item( posnr = '10' quantity = '1.5' tags = VALUE #( ( 'red' ) ( 'large' ) ) ) TO et_items.
  APPEND VALUE zcontract_item( posnr = '20' quantity = '-2' ) TO et_items.
ENDFUNCTION.
