package main

import (
	"os/exec"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The command narrows to one P before the heavy initializers run, so that
// taking the other P away flushes an almost empty cache (internal/early).
// Go orders initialization by import path among the packages ready, so a
// new import of package procs could move it behind them unnoticed.
func TestTheCommandNarrowsBeforeTheEngineIsInitialized(t *testing.T) {
	cmd := exec.Command(wsrfcBinary, "--version")
	cmd.Env = []string{"GODEBUG=inittrace=1"}
	out, err := cmd.CombinedOutput()
	require.NoError(t, err, "%s", out)
	position := map[string]int{}
	n := 0
	for line := range strings.Lines(string(out)) {
		if f := strings.Fields(line); len(f) > 1 && f[0] == "init" {
			n++
			position[f[1]] = n
		}
	}
	early := position["github.com/wsrfc/wsrfc/cmd/wsrfc/internal/early"]
	require.NotZero(t, early, "internal/early did not initialize: %s", out)
	for _, heavy := range []string{"github.com/dop251/goja", "github.com/google/pprof/profile", "github.com/wsrfc/wsrfc/sim/standard"} {
		require.NotZero(t, position[heavy], "%s did not initialize", heavy)
		assert.Less(t, early, position[heavy], "internal/early must initialize before %s", heavy)
	}
}
