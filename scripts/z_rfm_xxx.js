// Z_RFM_XXX, the provider module of SAP's "WebSocket RFC to Cloud" tutorial:
//   FUNCTION z_rfm_xxx IMPORTING input TYPE string EXPORTING output TYPE string.
//     output = input && ' How are you?'.
// Load it into the simulator with --define scripts/z_rfm_xxx.js.
define({
  name: 'Z_RFM_XXX',
  description: 'Tutorial provider module: appends a greeting',
  importing: { INPUT: 'STRING' },
  exporting: { OUTPUT: 'STRING' },
  handler({ INPUT }) {
    return { OUTPUT: INPUT + ' How are you?' };
  },
});
