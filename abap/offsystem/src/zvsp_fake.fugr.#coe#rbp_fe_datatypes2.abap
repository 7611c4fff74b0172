FUNCTION /coe/rbp_fe_datatypes2.
* The connectors' /COE/RBP_FE_DATATYPES2 as the simulator plays it
* (sim/fm_datatypes.go): echoes its integer and DECFLOAT parameters, so that
* INT8 and DECFLOAT16/34 go through the handler's codec both ways.
  ev_decf16 = iv_decf16.
  ev_decf34 = iv_decf34.
  ev_int1 = iv_int1.
  ev_int2 = iv_int2.
  ev_int4 = iv_int4.
  ev_int8 = iv_int8.
  CLEAR exp_issue115.
ENDFUNCTION.
