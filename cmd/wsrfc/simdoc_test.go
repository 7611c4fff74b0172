package main

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestSimulatorDocExamplesRun keeps docs/simulator.md true: every define file in it loads, the shell
// session it shows prints what it says, and the scripts that use its modules run.
func TestSimulatorDocExamplesRun(t *testing.T) {
	raw, err := os.ReadFile("../../docs/simulator.md")
	require.NoError(t, err)
	blocks := regexp.MustCompile("(?s)```(\\w*)\n(.*?)```").FindAllStringSubmatch(string(raw), -1)
	dir := t.TempDir()
	var defines, scripts []string
	var shell string
	for _, b := range blocks {
		lang, body := b[1], b[2]
		switch {
		case lang == "js" && strings.Contains(body, "define({"):
			name := "define" + string(rune('a'+len(defines))) + ".js"
			if m := regexp.MustCompile(`^// (?:scripts/)?(\w+\.js)`).FindStringSubmatch(body); m != nil {
				name = m[1]
			}
			path := filepath.Join(dir, name)
			require.NoError(t, os.WriteFile(path, []byte(body), 0o600))
			defines = append(defines, path)
		case lang == "js":
			scripts = append(scripts, body)
		case lang == "" && strings.HasPrefix(body, "$ wsrfc "):
			shell = body
		}
	}
	require.GreaterOrEqual(t, len(defines), 4, "the worked examples")
	require.NotEmpty(t, shell)

	lines := strings.SplitN(shell, "\n", 2)
	args := strings.Fields(strings.TrimPrefix(lines[0], "$ wsrfc "))
	for i, a := range args {
		if strings.HasSuffix(a, ".js") {
			args[i] = filepath.Join(dir, a)
		}
	}
	code, out, errOut := runCLI(t, nil, args...)
	require.Equal(t, 0, code, errOut)
	assert.Equal(t, lines[1], out)

	for _, src := range scripts {
		args := []string{"run", "--sim"}
		for _, d := range defines {
			args = append(args, "--define", d)
		}
		code, _, errOut := runCLI(t, nil, append(args, "-e", src)...)
		assert.Equal(t, 0, code, "%s\n%s", src, errOut)
	}
}
