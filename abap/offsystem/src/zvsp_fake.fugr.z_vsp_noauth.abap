FUNCTION z_vsp_noauth.
* In function group ZVSP_NOAUTH, for which the fake AUTHORITY_CHECK_RFC
* refuses S_RFC: must never run.
  RETURN.
ENDFUNCTION.
