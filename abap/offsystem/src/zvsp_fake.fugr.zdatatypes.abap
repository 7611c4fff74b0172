FUNCTION zdatatypes.
* The simulator's ZDATATYPES (sim/fm_datatypes.go): echoes a UTCLONG, so that
* the time stamp goes through the handler's codec both ways.
  ev_utclong = iv_utclong.
ENDFUNCTION.
