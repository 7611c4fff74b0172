// Off-system run of the handler's ABAP Unit tests: transpiles abap/src (the
// deployable handler), abap/deps (stubs of SAP objects open-abap-core lacks)
// and abap/offsystem/src (test-only doubles: fake DDIC tables, a fake function
// group, an invoker without PARAMETER-TABLE) together with open-abap-core,
// then runs every ABAP Unit test class in Node.
//
// usage: node offsystem/run.mjs [--transpile-only]
// Prints one line per failed test and a summary line
//   ABAP Unit: <n> tests, <f> failed
// and exits non-zero on any failure. OPEN_ABAP_CORE names open-abap-core's
// folder (default: <repo>/../shared/vendor/open-abap-core); exit code 3 when it
// is missing.
import fs from "node:fs";
import path from "node:path";
import {spawnSync} from "node:child_process";
import {fileURLToPath} from "node:url";

const abapDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const outputDir = path.join(abapDir, "output");

export function openAbapCore() {
  const dir = process.env.OPEN_ABAP_CORE || path.resolve(abapDir, "..", "..", "shared", "vendor", "open-abap-core");
  return fs.existsSync(path.join(dir, "src")) ? dir : undefined;
}

// Objects of open-abap-core that abap/deps replaces with fuller definitions.
const replacedInCore = [
  "/src/tcp/if_apc_wsp_extension\\.intf\\.abap$",
  "/src/tcp/if_apc_wsp_message\\.intf\\.abap$",
  "/src/ddic/transparent/tfdir\\.tabl\\.xml$",
];

export function transpile(core) {
  const config = {
    input_folder: ["src", "deps/src", "offsystem/src"],
    // The real invoker's dynamic CALL FUNCTION ... PARAMETER-TABLE is dropped
    // by the transpiler; offsystem/src has one that calls the fakes directly.
    // SAP's debugger API (TPDAPI) does not exist off-system either: offsystem/src
    // has a debugger on which nothing stops, for the debug contract cases.
    exclude_filter: ["abap/src/zcl_vsp_function_invoker\\.clas\\.", "abap/src/zcl_vsp_tpdapi_debugger\\.clas\\.",
      "\\.sapc\\.xml$"],
    output_folder: "output",
    libs: [{name: "open-abap-core", folder: path.relative(abapDir, core), files: "/src/**", exclude_filter: replacedInCore}],
    write_unit_tests: true,
    write_source_map: false,
    options: {
      ignoreSyntaxCheck: false,
      addFilenames: true,
      addCommonJS: true,
      setup: {filename: "../offsystem/setup.mjs", preFunction: "setup"},
    },
  };
  fs.rmSync(outputDir, {recursive: true, force: true});
  fs.mkdirSync(outputDir, {recursive: true});
  const configFile = path.join(outputDir, "abap_transpile.json");
  fs.writeFileSync(configFile, JSON.stringify(config, null, 2));
  const bin = path.join(abapDir, "node_modules", ".bin", "abap_transpile");
  const res = spawnSync(bin, [configFile], {cwd: abapDir, encoding: "utf8"});
  if (res.status !== 0) {
    process.stdout.write(res.stdout + res.stderr);
    throw new Error("the transpiler failed (output above)");
  }
}

export function runUnitTests() {
  const res = spawnSync(process.execPath, [path.join(outputDir, "_unit_open.mjs")], {cwd: abapDir, encoding: "utf8"});
  const resultFile = path.join(outputDir, "output.json");
  if (res.status !== 0 || !fs.existsSync(resultFile)) {
    process.stdout.write(res.stdout + res.stderr);
    throw new Error("the ABAP Unit run did not finish (output above)");
  }
  const result = JSON.parse(fs.readFileSync(resultFile, "utf8"));
  const list = Array.isArray(result) ? result : (result.list ?? []);
  return list.map((t) => Object.fromEntries(Object.entries(t).map(([k, v]) => [k.toLowerCase(), v])));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const core = openAbapCore();
  if (core === undefined) {
    console.log("open-abap-core not found: set OPEN_ABAP_CORE to its folder");
    process.exit(3);
  }
  transpile(core);
  if (process.argv.includes("--transpile-only")) process.exit(0);
  const tests = runUnitTests();
  const limits = JSON.parse(fs.readFileSync(path.join(abapDir, "offsystem", "limits.json"), "utf8")).unitTests;
  let failed = 0;
  let known = 0;
  for (const t of tests) {
    const name = `${t.class_name.trim()} ${t.testclass_name.trim()}->${t.method_name.trim()}`;
    const passed = String(t.status).toUpperCase() === "SUCCESS";
    if (limits[name] !== undefined) {
      if (passed) {
        failed++;
        console.log(`FAIL ${name}: passes now; remove it from offsystem/limits.json`);
      } else {
        known++;
      }
    } else if (!passed) {
      failed++;
      console.log(`FAIL ${name}: ${t.message} ${t.expected ? `(expected ${t.expected}, actual ${t.actual})` : ""} ${t.js_location ?? ""}`);
    }
  }
  console.log(`ABAP Unit: ${tests.length} tests, ${failed} failed, ${known} known runtime limits (offsystem/limits.json)`);
  process.exit(failed === 0 && tests.length > 0 ? 0 : 1);
}
