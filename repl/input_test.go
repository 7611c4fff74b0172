package repl

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestClassifyWaitsForTheRestOfAStatement(t *testing.T) {
	for _, src := range []string{
		"{",
		"function f() {",
		"foo(",
		"[1, 2",
		"1 +",
		"x = { a:",
		"if (x)",
		"`template",
		"`a ${b",
		"/* comment",
		"const r = await sap.rfc.callAsync('X', {",
		"await f(",
		"sap.rfc.call('STFC_CONNECTION', {\n  REQUTEXT: 'hi',",
	} {
		assert.Equal(t, inputIncomplete, classify(src).kind, "%q", src)
	}
}

func TestClassifyCompleteInput(t *testing.T) {
	for src, want := range map[string]inputKind{
		"1 + 1":                              inputScript,
		"function f() {\n  return 1\n}":      inputScript,
		"1 )":                                inputScript, // a syntax error: goja reports it when it runs
		"'unterminated":                      inputScript,
		"await 1":                            inputAwait,
		"const x = await Promise.resolve(1)": inputAwait,
		"await x; }":                         inputScript, // over-closed: an error, not a wait for more
		"":                                   inputScript,
	} {
		assert.Equal(t, want, classify(src).kind, "%q", src)
	}
}

func TestClassifyReadsBracesAsAnObject(t *testing.T) {
	in := classify("{ a: 1, b: 'x' }")
	assert.Equal(t, inputScript, in.kind)
	assert.Equal(t, "({ a: 1, b: 'x' }\n)", in.source)
	assert.Equal(t, "{ let x = 1 }", classify("{ let x = 1 }").source, "a block stays a block")
}

func TestClassifyCollectsLexicalNames(t *testing.T) {
	assert.ElementsMatch(t, []string{"a", "b", "c", "C"}, classify("let a = 1, {b, x: [c]} = o; class C {}").declared)
	assert.ElementsMatch(t, []string{"r", "s"}, classify("const [r, ...s] = await p").declared)
}

func TestRewriteAwaitHoistsDeclarations(t *testing.T) {
	in := classify("var v = 1\nconst {a, b} = await p\nfunction f() {}\nclass K {}\nawait f()")
	require.Equal(t, inputAwait, in.kind)
	assert.Equal(t, "var v;\nlet a, b;\nfunction f() {}\nlet K;\n"+
		"(async () => {\nvoid (v = 1);\nvoid ({a, b} = await p);\nK = class K {};\nreturn { value: (\nawait f()\n) };\n\n})()",
		in.source)
}

func TestScanCodeSkipsStringsAndComments(t *testing.T) {
	var code []byte
	open := scanCode("a('}' + `x${b}y`) // ]\n;", func(c byte) { code = append(code, c) })
	assert.False(t, open)
	assert.Equal(t, "a( + b) ;", string(code))
	assert.True(t, scanCode("f('abc", func(byte) {}), "an open string")
	assert.True(t, scanCode("`abc", func(byte) {}), "an open template")
	assert.True(t, scanCode("x /* c", func(byte) {}), "an open comment")
	assert.True(t, scanCode("x // c", func(byte) {}), "a comment to the end")
}
