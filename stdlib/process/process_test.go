package process_test

import (
	"bytes"
	"context"
	"runtime"
	"testing"

	"github.com/dop251/goja"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wsrfc/wsrfc/runtime/eventloop"
	"github.com/wsrfc/wsrfc/stdlib/process"
)

func TestProcessObject(t *testing.T) {
	vm := goja.New()
	l := eventloop.New(vm)
	var stdout, stderr bytes.Buffer
	p := process.Install(l, process.Options{
		Argv:   []string{"wsrfc", "script.js", "--flag"},
		Env:    []string{"HOME=/home/dev", "DB_PASSWORD=x", "Session_Cookie=y", "A=b=c"},
		Stdout: &stdout, Stderr: &stderr,
	})
	err := l.Run(context.Background(), func() error {
		_, err := vm.RunString(`
			process.stdout.write(process.argv.slice(2).join(','));
			process.stdout.write(new Uint8Array([10]));
			process.stderr.write(JSON.stringify(process.env));
			if (process.platform !== '` + map[string]string{"windows": "win32"}[runtime.GOOS] + `' && process.platform !== '` + runtime.GOOS + `') throw new Error(process.platform);
			if (typeof process.cwd() !== 'string') throw new Error('cwd');
			process.exitCode = 7;`)
		return err
	})
	require.NoError(t, err)
	assert.Equal(t, "--flag\n", stdout.String())
	assert.Equal(t, `{"HOME":"/home/dev","A":"b=c"}`, stderr.String())
	assert.Equal(t, 7, p.ExitCode())

	err = l.Run(context.Background(), func() error {
		_, err := vm.RunString(`process.exit()`)
		return err
	})
	var exit *process.ExitError
	require.ErrorAs(t, err, &exit)
	assert.Equal(t, 7, exit.Code, "exit() without a code uses process.exitCode")
}
