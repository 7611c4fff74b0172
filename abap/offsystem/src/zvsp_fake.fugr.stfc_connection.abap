FUNCTION stfc_connection.
* Fake of SAP's connection test module.
  echotext = requtext.
  resptext = |SAP R/3 Rel. 750 Sysid: { sy-sysid } Client: { sy-mandt }|.
ENDFUNCTION.
