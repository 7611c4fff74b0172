package main

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wsrfc/wsrfc/destination"
)

var update = flag.Bool("update", false, "rewrite the expected output of the examples")

// TestExamples runs every example in scripts/ against the simulator, as a user
// would with `wsrfc run --sim`, and compares its output with scripts/expected.
func TestExamples(t *testing.T) {
	scripts, err := filepath.Glob("../../scripts/*.js")
	require.NoError(t, err)
	ran := 0
	for _, script := range scripts {
		name := strings.TrimSuffix(filepath.Base(script), ".js")
		src, err := os.ReadFile(script)
		require.NoError(t, err)
		if strings.HasSuffix(name, ".test") || bytes.Contains(src, []byte("\ndefine(")) {
			continue // test suites run under wsrfc test; define files are loaded, not run
		}
		ran++
		t.Run(name, func(t *testing.T) {
			defer destination.StopSimulators() // every example starts on a fresh system
			var stdout, stderr bytes.Buffer
			env := &environment{stdin: strings.NewReader(""), stdout: &stdout, stderr: &stderr, getenv: func(string) string { return "" }}
			code := run(env, []string{"run", "--sim", script})
			require.Equal(t, 0, code, "exit code; stderr:\n%s", stderr.String())
			golden := filepath.Join("../../scripts/expected", name+".out")
			if *update {
				require.NoError(t, os.WriteFile(golden, stdout.Bytes(), 0o644))
			}
			want, err := os.ReadFile(golden)
			require.NoError(t, err, "every example needs its expected output in scripts/expected (go test ./cmd/wsrfc -run TestExamples -update)")
			assert.Equal(t, string(want), stdout.String())
		})
	}
	require.NotZero(t, ran, "no examples found")
}
