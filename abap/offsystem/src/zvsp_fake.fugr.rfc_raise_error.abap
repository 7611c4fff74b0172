FUNCTION rfc_raise_error.
* SAP's RFC_RAISE_ERROR (group SRFC) for the methods the contract cases send:
* 1 is MESSAGE e006(sr) ... RAISING raise_exception, 2 a plain RAISE, any
* other (0) a message of MESSAGETYPE. The runtime errors of methods 3, 5 and
* 51 end the session on a system and are not played here.
  CASE condense( method ).
    WHEN '1'.
      " MESSAGE ... RAISING as the two steps it is (see Z_CONTRACT_FAIL)
      MESSAGE e006(sr) WITH 'Method = 1' INTO DATA(lv_text) ##NEEDED.
      RAISE raise_exception.
    WHEN '2'.
      RAISE raise_exception.
    WHEN OTHERS.
      MESSAGE ID 'SR' TYPE messagetype NUMBER '006' WITH 'STRING'.
      RETURN.
  ENDCASE.
ENDFUNCTION.
