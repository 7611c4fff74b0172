// Scripted debugging: a breakpoint stops a call that another session makes;
// this session catches it, steps through the ABAP, reads variables and lets
// the call finish. Breakpoints belong to the user, as SAP's external
// breakpoints do, so any session of the same user stops at them.
//
//   wsrfc run --sim scripts/debugging.js

const pushes = [];
sap.on('debug', (e) => pushes.push(e.event));

// Line 16 of the module's include is the PERFORM inside the DO loop; stop there
// on the second pass only.
const bp = sap.debug.setBreakpoint({
  program: 'SAPLZWSR_DEBUG', include: 'LZWSR_DEBUGU01', line: 16, condition: 'lv_index = 2',
});
console.log(`breakpoint ${bp.kind} at ${bp.include}:${bp.line}`);

// Another session of the same user makes the call; it will stop at the breakpoint.
const caller = sap.open();
const pending = caller.rfc.callAsync('Z_WSR_DEBUG_DEMO', { IV_COUNT: 3 });

const caught = await sap.debug.listen({ timeout: 10 });
if (caught.status !== 'caught') throw new Error('no call stopped at the breakpoint');
const stop = sap.debug.attach({ debuggeeId: caught.debuggees[0].id });
console.log(`stopped in ${stop.procedure} at ${stop.include}:${stop.line}: ${stop.statement}`);

const local = (name) => sap.debug.getVariables({ scope: 'locals' }).variables.find((v) => v.name === name)?.value;
console.log(`  LV_INDEX = ${local('LV_INDEX')}`);

let at = sap.debug.step({ type: 'into' });
console.log(`step into   -> ${at.procedure} ${at.include}:${at.line}: ${at.statement}`);
console.log(`  IV_VALUE = ${local('IV_VALUE')}`);

at = sap.debug.step({ type: 'return' });
console.log(`step return -> ${at.procedure} ${at.include}:${at.line}`);
at = sap.debug.step({ type: 'over' });
console.log(`step over   -> ${at.procedure} ${at.include}:${at.line}: ${at.statement}`);
console.log(`  LV_SQUARE = ${local('LV_SQUARE')}`);

console.log('stack:');
for (const frame of sap.debug.getStack().stack) {
  console.log(`  #${frame.index} ${frame.procedure} (${frame.include}:${frame.line})`);
}

at = sap.debug.step({ type: 'continue' });
console.log(`continue    -> ${at.ended ? 'the call ran to its end' : `stopped again at line ${at.line}`}`);

const result = await pending;
console.log(`caller got EV_SUM = ${result.EV_SUM}, EV_TEXT = '${result.EV_TEXT}'`);

await new Promise((resolve) => setTimeout(resolve, 100)); // let the last push arrive
console.log(`pushes received: ${[...new Set(pushes)].sort().join(', ')}`);
sap.debug.deleteBreakpoint({ breakpointId: bp.breakpointId });
caller.close();
