package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wsrfc/wsrfc/types"
)

func wsrfcInit(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var stdout, stderr bytes.Buffer
	env := &environment{stdin: strings.NewReader(""), stdout: &stdout, stderr: &stderr, getenv: func(string) string { return "" }}
	return run(env, append([]string{"init"}, args...)), stdout.String(), stderr.String()
}

func TestInitWritesEditorConfig(t *testing.T) {
	dir := t.TempDir()
	code, _, stderr := wsrfcInit(t, dir)
	require.Equal(t, 0, code, stderr)
	dts, err := os.ReadFile(filepath.Join(dir, "wsrfc.d.ts"))
	require.NoError(t, err)
	assert.Equal(t, types.Declarations, dts)
	assert.Contains(t, string(dts), "declare function define(definition: FunctionModuleDefinition): void;")
	var cfg struct {
		CompilerOptions map[string]any `json:"compilerOptions"`
		Include         []string       `json:"include"`
	}
	data, err := os.ReadFile(filepath.Join(dir, "jsconfig.json"))
	require.NoError(t, err)
	require.NoError(t, json.Unmarshal(data, &cfg))
	assert.Equal(t, true, cfg.CompilerOptions["checkJs"])
	assert.Contains(t, cfg.Include, "wsrfc.d.ts")

	code, _, stderr = wsrfcInit(t, dir)
	assert.Equal(t, 1, code, "an existing config is not overwritten")
	assert.Contains(t, stderr, "jsconfig.json exists")

	tsDir := t.TempDir()
	require.NoError(t, os.WriteFile(filepath.Join(tsDir, "job.ts"), []byte("const x: number = 1;\n"), 0o644))
	code, _, stderr = wsrfcInit(t, tsDir)
	require.Equal(t, 0, code, stderr)
	assert.FileExists(t, filepath.Join(tsDir, "tsconfig.json"), "a folder with .ts files gets a tsconfig.json")
}
