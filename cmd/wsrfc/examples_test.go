package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var update = flag.Bool("update", false, "rewrite the expected output of the examples")

// TestExamples runs every example in scripts/ against the simulator, as a user
// would with `wsrfc run --sim`, and compares its output with scripts/expected.
func TestExamples(t *testing.T) {
	var scripts []string
	for _, pattern := range []string{"*.js", "*.mjs", "*.ts"} {
		found, err := filepath.Glob("../../scripts/" + pattern)
		require.NoError(t, err)
		scripts = append(scripts, found...)
	}
	ran := 0
	for _, script := range scripts {
		// x.js keeps its historic x.out; other kinds keep their extension (x.ts.out), so a port shares no file.
		name := strings.TrimSuffix(filepath.Base(script), ".js")
		name = strings.TrimSuffix(name, ".ts")
		if !strings.HasSuffix(script, ".js") {
			name = filepath.Base(script)
		}
		src, err := os.ReadFile(script)
		require.NoError(t, err)
		if strings.Contains(name, ".test") || bytes.Contains(src, []byte("\ndefine(")) {
			continue // test suites run under wsrfc test; define files are loaded, not run
		}
		ran++
		t.Run(name, func(t *testing.T) {
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

// TestUserReportExample installs the example's npm dependencies as a user would (npm ci), runs it on the
// simulator and checks its output and both reports.
func TestUserReportExample(t *testing.T) {
	npm, err := exec.LookPath("npm")
	if err != nil {
		t.Skip("npm is not installed; the example needs it to install its CSV parser")
	}
	dir, err := filepath.Abs("../../scripts/user_report")
	require.NoError(t, err)
	install := exec.Command(npm, "ci", "--no-audit", "--no-fund")
	install.Dir = dir
	if out, err := install.CombinedOutput(); err != nil {
		t.Fatalf("npm ci in %s failed: %v\n%s", dir, err, out)
	}
	outDir := t.TempDir()
	var stdout, stderr bytes.Buffer
	env := &environment{stdin: strings.NewReader(""), stdout: &stdout, stderr: &stderr, getenv: func(string) string { return "" }}
	code := run(env, []string{"run", "--sim", filepath.Join(dir, "report.mjs"), "", outDir})
	require.Equal(t, 0, code, "exit code; stderr:\n%s", stderr.String())
	golden := "../../scripts/expected/user_report.out"
	if *update {
		require.NoError(t, os.WriteFile(golden, stdout.Bytes(), 0o644))
	}
	want, err := os.ReadFile(golden)
	require.NoError(t, err)
	assert.Equal(t, string(want), stdout.String())

	var report []map[string]any
	data, err := os.ReadFile(filepath.Join(outDir, "users.json"))
	require.NoError(t, err)
	require.NoError(t, json.Unmarshal(data, &report))
	require.Len(t, report, 5)
	assert.Equal(t, map[string]any{"user": "DEVELOPER", "department": "Basis", "exists": true, "fullName": "Developer Trial",
		"userType": "A", "locked": false, "validTo": "99991231", "message": ""}, report[0])
	assert.Equal(t, "User NOBODY does not exist", report[3]["message"])
	csv, err := os.ReadFile(filepath.Join(outDir, "users.csv"))
	require.NoError(t, err)
	lines := strings.Split(strings.TrimSpace(string(csv)), "\n")
	require.Len(t, lines, 6)
	assert.Equal(t, "user;department;exists;fullName;userType;locked;validTo;message", lines[0])
	assert.Equal(t, "NOBODY;Sales;false;;;false;;User NOBODY does not exist", lines[4])
}
