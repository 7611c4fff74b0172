package engine_test

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wsrfc/wsrfc/runtime/engine"
)

func runFile(t *testing.T, dir, name string) result {
	t.Helper()
	rt, stdout, stderr := newRuntime(t, engine.Options{})
	err := rt.RunFile(context.Background(), filepath.Join(dir, name))
	return result{stdout.String(), stderr.String(), err}
}

func TestESModulesImportExportAndInterop(t *testing.T) {
	dir := writeFiles(t, map[string]string{
		"main.mjs": `import { twice } from './lib.mjs';
import lib, * as ns from './lib.mjs';
import legacy from './legacy.js';
import { named } from './legacy.js';
import pkg from 'pkg';
export const unused = 1;
const dyn = await import('./lib.mjs');
console.log(twice(2), lib.name, typeof ns.twice, legacy(3), named, pkg.id, dyn.twice(5));
`,
		"lib.mjs":                       "export function twice(n) { return 2 * n; }\nexport default { name: 'lib' };\n",
		"legacy.js":                     "module.exports = (n) => n + 1;\nmodule.exports.named = 'n';\n",
		"node_modules/pkg/package.json": `{"main": "main.js"}`,
		"node_modules/pkg/main.js":      "exports.id = 'pkg';\n",
		"cjs.js":                        "const lib = require('./lib.mjs');\nconsole.log(lib.twice(4), lib.default.name);\n",
	})
	r := runFile(t, dir, "main.mjs")
	require.NoError(t, r.err, r.stderr)
	assert.Equal(t, "4 lib function 4 n pkg 10\n", r.stdout)

	r = runFile(t, dir, "cjs.js")
	require.NoError(t, r.err)
	assert.Equal(t, "8 lib\n", r.stdout, "CommonJS requires an ES module and sees its exports")
}

func TestESModuleErrorsPointAtTheOriginalLine(t *testing.T) {
	dir := writeFiles(t, map[string]string{
		"main.js":  "import { check } from './check.js';\n\nawait null;\ncheck(-1);\n",
		"check.js": "export function check(n) {\n  if (n < 0) {\n    throw new RangeError('negative: ' + n);\n  }\n}\n",
	})
	r := runFile(t, dir, "main.js")
	require.Error(t, r.err)
	text := engine.FormatError(r.err)
	assert.Contains(t, text, "Uncaught RangeError: negative: -1")
	assert.Contains(t, text, "at check ("+filepath.Join(dir, "check.js")+":3:11)")
	assert.Contains(t, text, filepath.Join(dir, "main.js")+":4:1")
}

func TestTypeScriptRunsWithSourceMappedErrors(t *testing.T) {
	dir := writeFiles(t, map[string]string{
		"main.ts": `import { greet, type Person } from './greet';

const p: Person = { name: 'Ada' };
console.log(greet(p));
const bad = { name: '' } as Person;
console.log(greet(bad));
`,
		"greet.ts": `export interface Person { name: string }

export function greet(p: Person): string {
  if (!p.name) throw new TypeError('a person needs a name');
  return 'hello ' + p.name;
}
`,
	})
	r := runFile(t, dir, "main.ts")
	require.Error(t, r.err)
	assert.Equal(t, "hello Ada\n", r.stdout)
	text := engine.FormatError(r.err)
	assert.Contains(t, text, "Uncaught TypeError: a person needs a name")
	assert.Contains(t, text, "at greet ("+filepath.Join(dir, "greet.ts")+":4:22)")
	assert.Contains(t, text, filepath.Join(dir, "main.ts")+":6:")
}

func TestTopLevelAwaitRejectionInAnESModuleIsUncaught(t *testing.T) {
	dir := writeFiles(t, map[string]string{
		"main.mjs": "import path from './p.mjs';\nawait Promise.resolve();\nthrow new Error('after await ' + path);\n",
		"p.mjs":    "export default 'p';\n",
	})
	r := runFile(t, dir, "main.mjs")
	require.Error(t, r.err)
	assert.Equal(t, 1, r.code())
	assert.Contains(t, engine.FormatError(r.err), "Uncaught Error: after await p")
}

func TestModuleSyntaxErrorNamesFileAndLine(t *testing.T) {
	dir := writeFiles(t, map[string]string{
		"main.ts":    "const a: number = 1;\nlet b = ;\n",
		"imp.mjs":    "import './broken.mjs';\n",
		"broken.mjs": "export const x = {;\n",
	})
	r := runFile(t, dir, "main.ts")
	require.Error(t, r.err)
	assert.Contains(t, engine.FormatError(r.err), "SyntaxError: Unexpected \";\"\n    at "+filepath.Join(dir, "main.ts")+":2:9")

	r = runFile(t, dir, "imp.mjs")
	require.Error(t, r.err)
	assert.Contains(t, engine.FormatError(r.err), "SyntaxError: in module './broken.mjs': "+filepath.Join(dir, "broken.mjs")+":1:19")
}

func TestAsyncIterationIsLowered(t *testing.T) {
	dir := writeFiles(t, map[string]string{
		"gen.js": "async function* count(n) { for (let i = 0; i < n; i++) yield i; }\n" +
			"(async () => { const seen = []; for await (const i of count(3)) seen.push(i); console.log(seen.join(',')); })();\n",
	})
	r := runFile(t, dir, "gen.js")
	require.NoError(t, r.err, engine.FormatError(r.err))
	assert.Equal(t, "0,1,2\n", r.stdout)
}

func TestImportMeta(t *testing.T) {
	dir := writeFiles(t, map[string]string{
		"main.mjs": "console.log(import.meta.dirname === __dirname, import.meta.filename, import.meta.url);\n",
	})
	r := runFile(t, dir, "main.mjs")
	require.NoError(t, r.err, engine.FormatError(r.err))
	file := filepath.Join(dir, "main.mjs")
	assert.Equal(t, "true "+file+" file://"+file+"\n", r.stdout)
}

func TestInlineCodeMayBeAnESModule(t *testing.T) {
	r := runString(t, "import path from 'node:path';\nconst v = await Promise.resolve(path.basename('/a/b.csv'));\nconsole.log(v);\n", engine.Options{})
	require.NoError(t, r.err, engine.FormatError(r.err))
	assert.Equal(t, "b.csv\n", r.stdout)
}

func TestUnsupportedBuiltinNamesTheOnesThatExist(t *testing.T) {
	dir := writeFiles(t, map[string]string{"main.mjs": "import cp from 'node:child_process';\n"})
	r := runFile(t, dir, "main.mjs")
	require.Error(t, r.err)
	text := engine.FormatError(r.err)
	assert.Contains(t, text, "Cannot find module 'node:child_process'. Built-in modules: buffer, fs, fs/promises, os, path, readline, url.")
	assert.Contains(t, text, "code: 'MODULE_NOT_FOUND'")
}

func TestTopLevelAwaitInAnImportedModuleIsExplained(t *testing.T) {
	dir := writeFiles(t, map[string]string{
		"main.mjs": "import { v } from './lib.mjs';\n",
		"lib.mjs":  "export const v = await 1;\n",
	})
	r := runFile(t, dir, "main.mjs")
	require.Error(t, r.err)
	assert.Contains(t, engine.FormatError(r.err), "top-level await works only in the script wsrfc runs")
}
