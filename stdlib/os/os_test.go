package os_test

import (
	"bytes"
	"context"
	"os"
	"runtime"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wsrfc/wsrfc/runtime/engine"
)

func TestOSFacts(t *testing.T) {
	var out bytes.Buffer
	rt, err := engine.New(engine.Options{Stdout: &out, Stderr: &out, Env: []string{}})
	require.NoError(t, err)
	defer rt.Close()
	err = rt.RunString(context.Background(), "", `const os = require('os');
console.log([JSON.stringify(os.EOL), os.homedir(), os.tmpdir(), os.hostname(), os.platform(), os.platform() === process.platform, os.availableParallelism() > 0].join(' '));`)
	require.NoError(t, err, engine.FormatError(err))
	home, _ := os.UserHomeDir()
	host, _ := os.Hostname()
	eol := `"\n"`
	if runtime.GOOS == "windows" {
		eol = `"\r\n"`
	}
	assert.Equal(t, eol+" "+home+" "+os.TempDir()+" "+host+" "+runtime.GOOS+" true true\n", out.String())
}
