// Plays the contract cases of sim/testdata/contract against the transpiled
// handler's router (ZCL_VSP_ROUTER): the request text in, the frames out,
// compared with the documented response as sim/contract_test.go compares the
// simulator's. Cases listed in sim/testdata/handler_differences.json, by
// name or by the function module they call or describe, are skipped with
// their reason, and must still differ: a listed case that passes fails the
// run until its entry is removed.
//
// usage (after node offsystem/run.mjs --transpile-only):
//   node offsystem/contract.mjs
// Prints "contract: <n> cases, <f> failed, <d> listed differences".
import fs from "node:fs";
import path from "node:path";
import {fileURLToPath} from "node:url";

const abapDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const caseDir = path.join(abapDir, "..", "sim", "testdata", "contract");
const listedDifferences = JSON.parse(fs.readFileSync(path.join(caseDir, "..", "handler_differences.json"), "utf8"));
const differences = listedDifferences.cases;
const functionDifferences = listedDifferences.functions ?? {};

await import(path.join(abapDir, "output", "init.mjs"));
// The cases are written for the simulator's demo logon.
abap.builtin.sy.get().mandt.set("001");
abap.builtin.sy.get().uname.set("DEVELOPER");

function match(where, want, got, diffs) {
  const fail = (msg) => diffs.push(`${where}: ${msg}`);
  if (typeof want === "string") {
    if (want === "<any>") return;
    if (want === "<string>") { if (typeof got !== "string") fail(`want a string, got ${JSON.stringify(got)}`); return; }
    if (want === "<number>") { if (typeof got !== "number") fail(`want a number, got ${JSON.stringify(got)}`); return; }
    if (want === "<bool>") { if (typeof got !== "boolean") fail(`want a boolean, got ${JSON.stringify(got)}`); return; }
    if (got !== want) fail(`want ${JSON.stringify(want)}, got ${JSON.stringify(got)}`);
  } else if (typeof want === "number" || typeof want === "boolean" || want === null) {
    if (got !== want) fail(`want ${JSON.stringify(want)}, got ${JSON.stringify(got)}`);
  } else if (Array.isArray(want)) {
    if (!Array.isArray(got)) { fail(`want an array, got ${JSON.stringify(got)}`); return; }
    const open = want.length > 0 && want[want.length - 1] === "<...>";
    const items = open ? want.slice(0, -1) : want;
    if (got.length < items.length || (!open && got.length !== items.length)) { fail(`want ${items.length} items, got ${got.length}`); return; }
    items.forEach((w, i) => match(`${where}[${i}]`, w, got[i], diffs));
  } else {
    if (got === null || typeof got !== "object" || Array.isArray(got)) { fail(`want an object, got ${JSON.stringify(got)}`); return; }
    for (const k of [...new Set([...Object.keys(want), ...Object.keys(got)])].sort()) {
      if (!(k in want)) diffs.push(`${where}.${k}: unexpected member (${JSON.stringify(got[k])})`);
      else if (!(k in got)) diffs.push(`${where}.${k}: missing`);
      else match(`${where}.${k}`, want[k], got[k], diffs);
    }
  }
}

function merge(dst, src) {
  if (src !== null && typeof src === "object" && !Array.isArray(src)) {
    if (dst === null || typeof dst !== "object" || Array.isArray(dst)) return src;
    for (const [k, v] of Object.entries(src)) dst[k] = k in dst ? merge(dst[k], v) : v;
    return dst;
  }
  if (Array.isArray(src) && Array.isArray(dst)) return dst.concat(src);
  return src;
}

async function play(c) {
  const limits = new abap.types.Structure({
    max_request_bytes: new abap.types.Integer().set(8388608),
    max_frame_bytes: new abap.types.Integer().set(c.server?.maxFrameBytes || 524288),
    max_reply_bytes: new abap.types.Integer().set(16777216),
  });
  const router = await new abap.Classes["ZCL_VSP_ROUTER"]().constructor_({is_limits: limits});
  let frames;
  if (c.welcome) {
    frames = [(await router.welcome()).get()];
  } else {
    const text = c.requestText || JSON.stringify(c.request);
    frames = (await router.handle({iv_text: new abap.types.String().set(text)})).array().map((f) => f.get());
  }
  const parsed = frames.map((f) => JSON.parse(f));
  if (!c.chunked) {
    if (parsed.length !== 1) throw new Error(`${parsed.length} frames, want 1`);
    return parsed[0];
  }
  if (parsed.length < 2) throw new Error(`want a reply split into frames, got ${parsed.length}`);
  const merged = {};
  let data;
  for (const f of parsed) {
    data = merge(data, f.data);
    for (const [k, v] of Object.entries(f)) if (k !== "more" && k !== "data") merged[k] = v;
  }
  merged.data = data;
  return merged;
}

let failed = 0;
let listed = 0;
const names = fs.readdirSync(caseDir).filter((n) => n.endsWith(".json")).sort();
for (const name of names) {
  const c = JSON.parse(fs.readFileSync(path.join(caseDir, name), "utf8"));
  const id = name.replace(/\.json$/, "");
  const functionName = String(c.request?.params?.function ?? "").toUpperCase();
  const reason = differences[id] ?? functionDifferences[functionName];
  const diffs = [];
  try {
    match("$", c.response, await play(c), diffs);
  } catch (e) {
    diffs.push(`$: ${e.message ?? e}`);
  }
  if (reason !== undefined) {
    listed++;
    if (diffs.length === 0) {
      failed++;
      console.log(`FAIL ${id}: the handler answers as documented now; remove its entry (the case or ${functionName || "its module"}) from handler_differences.json`);
    }
  } else if (diffs.length > 0) {
    failed++;
    console.log(`FAIL ${id}:\n  ${diffs.join("\n  ")}`);
  }
}
for (const id of Object.keys(differences)) {
  if (!names.includes(`${id}.json`)) {
    failed++;
    console.log(`FAIL ${id}: listed in handler_differences.json but there is no such case`);
  }
}
const calledFunctions = new Set(names.map((n) => String(JSON.parse(fs.readFileSync(path.join(caseDir, n), "utf8")).request?.params?.function ?? "").toUpperCase()));
for (const name of Object.keys(functionDifferences)) {
  if (!calledFunctions.has(name)) {
    failed++;
    console.log(`FAIL ${name}: listed under functions in handler_differences.json but no case calls or describes it`);
  }
}
console.log(`contract: ${names.length} cases, ${failed} failed, ${listed} listed differences`);
process.exit(failed === 0 ? 0 : 1);
