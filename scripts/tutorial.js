// SAP's "WebSocket RFC to Cloud" tutorial, scripted: call the provider module
// Z_RFM_XXX with 'Hello world!' and print what it answers.
//
// On a real system, Z_RFM_XXX is the module you created in SE37. On the
// built-in simulator there is none, so the script loads a JavaScript stand-in.
if (sap.sim) sap.sim.load('z_rfm_xxx.js');

const result = sap.rfc.call('Z_RFM_XXX', { INPUT: 'Hello world!' });
console.log(result.OUTPUT);
