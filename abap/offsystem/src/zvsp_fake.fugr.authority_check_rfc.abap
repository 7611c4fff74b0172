FUNCTION authority_check_rfc.
* Fake of SAP's S_RFC check: the test user is authorized for every function
* group but ZVSP_NOAUTH, which stands for a group without S_RFC.
  IF functiongroup = 'ZVSP_NOAUTH'.
    RAISE rfc_no_authority.
  ENDIF.
ENDFUNCTION.
