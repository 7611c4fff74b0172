package transpile_test

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/wsrfc/wsrfc/runtime/transpile"
)

func TestNeededOnlyForModuleSyntaxTypeScriptAndMjs(t *testing.T) {
	cases := []struct {
		path, src string
		want      bool
	}{
		{"a.js", "console.log(1)", false},
		{"a.js", "const x = require('./imports.js'); // import later", false},
		{"a.js", "const s = 'export default';", false},
		{"a.js", "import fs from 'node:fs';", true},
		{"a.js", "  export function f() {}", true},
		{"a.js", "export { a, b };", true},
		{"a.js", "const m = await import('./m.js');", true},
		{"a.js", "for await (const x of y) {}", true},
		{"a.js", "async function* g() {}", true},
		{"a.cjs", "import fs from 'fs';", false},
		{"a.mjs", "console.log(1)", true},
		{"a.ts", "console.log(1)", true},
	}
	for _, c := range cases {
		assert.Equal(t, c.want, transpile.Needed(c.path, []byte(c.src)), "%s: %q", c.path, c.src)
	}
}

func TestEntryWithTopLevelAwaitHoistsImportsAndDropsExports(t *testing.T) {
	src := "import { a } from './a.js';\nconst v = await a();\nexport { v };\nexport * from './b.js';\nexport const w = 2;\n"
	code, async, err := transpile.Entry("/x/main.mjs", []byte(src))
	assert.NoError(t, err)
	assert.True(t, async)
	assert.Contains(t, code, `require("./a.js")`)
	assert.Contains(t, code, `require("./b.js")`, "a re-export still loads its module")
	assert.Contains(t, code, "__main((async () => {")
	assert.Contains(t, code, "const w = 2;")
}

func TestTransformRejectsTopLevelAwaitInImportedModules(t *testing.T) {
	_, err := transpile.Transform("/x/lib.mjs", []byte("export const v = await 1;\n"))
	var syntax *transpile.SyntaxError
	assert.ErrorAs(t, err, &syntax)
	assert.Equal(t, "/x/lib.mjs", syntax.File)
	assert.Equal(t, 1, syntax.Line)
}

func TestEntryWithTopLevelAwaitKeepsDefaultExportsValid(t *testing.T) {
	for _, src := range []string{
		"await 1;\nexport default { a: 1, b: 2 };\n",
		"await 1;\nexport default function main() {}\nmain();\n",
		"await 1;\nexport default class Job {}\nnew Job();\n",
	} {
		code, async, err := transpile.Entry("/x/main.mjs", []byte(src))
		assert.NoError(t, err, src)
		assert.True(t, async)
		assert.NotContains(t, code, "export", src)
	}
}
