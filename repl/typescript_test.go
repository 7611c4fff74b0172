package repl

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestTypeAnnotationsAreAccepted(t *testing.T) {
	h := newHarness(t, Options{})
	err := h.run(lines(
		"let n: number = 40 + 2",
		"n",
		"interface Person { name: string }",
		"const shout = (p: Person): string => p.name.toUpperCase()",
		"shout({ name: 'ada' } as Person)",
		"let broken: = 1",
	)...)
	require.Error(t, err, "the last line fails")
	assert.Equal(t, "undefined\n42\nundefined\nundefined\n'ADA'\n", h.out.String())
	assert.Contains(t, h.errOut.String(), "SyntaxError", "what neither JavaScript nor TypeScript parses stays an error")
}

func TestNewGlobalsComplete(t *testing.T) {
	h := newHarness(t, Options{})
	var names, textNames []string
	require.NoError(t, h.run(
		step{line: "", do: func() { _, names, _ = h.r.Complete("fet", 3) }},
		step{line: "", do: func() { _, textNames, _ = h.r.Complete("TextD", 5) }},
	))
	assert.Contains(t, names, "fetch")
	assert.Contains(t, textNames, "TextDecoder")
}
