// Package process provides the JavaScript process object: argv, a filtered env snapshot, exit and exitCode,
// platform and stdout/stderr writers.
package process

import (
	"fmt"
	"io"
	"os"
	"runtime"
	"strings"

	"github.com/dop251/goja"

	"github.com/wsrfc/wsrfc/internal/lazyre"
	"github.com/wsrfc/wsrfc/runtime/eventloop"
)

// ExitError is how process.exit(code), or a non-zero process.exitCode when the script ends, reaches Go:
// runs return it so that the command can exit with Code.
type ExitError struct{ Code int }

func (e *ExitError) Error() string { return fmt.Sprintf("script exited with code %d", e.Code) }

// secretName matches environment variables that scripts must not see, since their values are credentials.
var secretName = lazyre.New(`(?i)PASSWORD|SECRET|TOKEN|COOKIE`)

// Options configure the process object.
type Options struct {
	Argv   []string // the whole argv: "wsrfc", the script path, then the script's arguments
	Env    []string // "NAME=value" entries; nil means os.Environ()
	Stdout io.Writer
	Stderr io.Writer
	Stdin  io.Reader // nil means os.Stdin
}

// Process is the Go side of one runtime's process object.
type Process struct {
	obj *goja.Object
}

// Install defines the global process on the loop's runtime. It must be called on the loop goroutine.
func Install(l *eventloop.Loop, opts Options) *Process {
	vm := l.VM()
	obj := vm.NewObject()
	p := &Process{obj: obj}

	argv := make([]any, len(opts.Argv))
	for i, a := range opts.Argv {
		argv[i] = a
	}
	env := opts.Env
	if env == nil {
		env = os.Environ()
	}
	envObj := vm.NewObject()
	for _, kv := range env {
		name, value, ok := strings.Cut(kv, "=")
		if !ok || name == "" || secretName().MatchString(name) {
			continue
		}
		_ = envObj.Set(name, value)
	}

	_ = obj.Set("argv", vm.NewArray(argv...))
	_ = obj.Set("env", envObj)
	_ = obj.Set("platform", platform())
	_ = obj.Set("exitCode", goja.Undefined())
	_ = obj.Set("cwd", func(goja.FunctionCall) goja.Value {
		dir, err := os.Getwd()
		if err != nil {
			panic(vm.NewGoError(fmt.Errorf("process.cwd: %w", err)))
		}
		return vm.ToValue(dir)
	})
	_ = obj.Set("exit", func(call goja.FunctionCall) goja.Value {
		code := p.ExitCode()
		if arg := call.Argument(0); !goja.IsUndefined(arg) && !goja.IsNull(arg) {
			code = int(arg.ToInteger())
		}
		// Abort interrupts the running script; the run then returns this error.
		l.Abort(&ExitError{Code: code})
		return goja.Undefined()
	})
	_ = obj.Set("stdout", stream(vm, opts.Stdout))
	_ = obj.Set("stderr", stream(vm, opts.Stderr))
	stdin := opts.Stdin
	if stdin == nil {
		stdin = os.Stdin
	}
	// Built on first use: most scripts never read stdin.
	var stdinObj *goja.Object
	_ = obj.DefineAccessorProperty("stdin", vm.ToValue(func(goja.FunctionCall) goja.Value {
		if stdinObj == nil {
			stdinObj = stdinObject(l, stdin)
		}
		return stdinObj
	}), nil, goja.FLAG_FALSE, goja.FLAG_TRUE)
	_ = vm.Set("process", obj)
	return p
}

// ExitCode reads process.exitCode as an integer (0 when unset). Call it on the loop goroutine.
func (p *Process) ExitCode() int {
	v := p.obj.Get("exitCode")
	if v == nil || goja.IsUndefined(v) || goja.IsNull(v) {
		return 0
	}
	return int(v.ToInteger())
}

func stream(vm *goja.Runtime, w io.Writer) *goja.Object {
	if w == nil {
		w = io.Discard
	}
	obj := vm.NewObject()
	_ = obj.Set("write", func(call goja.FunctionCall) goja.Value {
		chunk := call.Argument(0)
		var data []byte
		if b, ok := chunk.Export().([]byte); ok {
			data = b
		} else {
			data = []byte(chunk.String())
		}
		if _, err := w.Write(data); err != nil {
			panic(vm.NewGoError(fmt.Errorf("write failed: %w", err)))
		}
		return vm.ToValue(true)
	})
	_ = obj.Set("isTTY", isTerminal(w))
	return obj
}

func platform() string {
	if runtime.GOOS == "windows" {
		return "win32" // node's name
	}
	return runtime.GOOS
}
