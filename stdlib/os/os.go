// Package os provides node's os module: the facts about the machine scripts need to place and name files.
package os

import (
	"os"
	"runtime"

	"github.com/dop251/goja"
)

// New creates require('os') for vm.
func New(vm *goja.Runtime) *goja.Object {
	obj := vm.NewObject()
	eol := "\n"
	if runtime.GOOS == "windows" {
		eol = "\r\n"
	}
	_ = obj.Set("EOL", eol)
	_ = obj.Set("homedir", func(goja.FunctionCall) goja.Value {
		home, err := os.UserHomeDir()
		if err != nil {
			panic(vm.NewGoError(err))
		}
		return vm.ToValue(home)
	})
	_ = obj.Set("tmpdir", func(goja.FunctionCall) goja.Value { return vm.ToValue(os.TempDir()) })
	_ = obj.Set("hostname", func(goja.FunctionCall) goja.Value {
		name, err := os.Hostname()
		if err != nil {
			panic(vm.NewGoError(err))
		}
		return vm.ToValue(name)
	})
	_ = obj.Set("platform", func(goja.FunctionCall) goja.Value { return vm.ToValue(Platform()) })
	_ = obj.Set("type", func(goja.FunctionCall) goja.Value {
		names := map[string]string{"linux": "Linux", "darwin": "Darwin", "windows": "Windows_NT"}
		if n, ok := names[runtime.GOOS]; ok {
			return vm.ToValue(n)
		}
		return vm.ToValue(runtime.GOOS)
	})
	_ = obj.Set("arch", func(goja.FunctionCall) goja.Value {
		arches := map[string]string{"amd64": "x64", "386": "ia32"}
		if a, ok := arches[runtime.GOARCH]; ok {
			return vm.ToValue(a)
		}
		return vm.ToValue(runtime.GOARCH)
	})
	_ = obj.Set("availableParallelism", func(goja.FunctionCall) goja.Value { return vm.ToValue(runtime.NumCPU()) })
	return obj
}

// Platform is node's name for the operating system (process.platform, os.platform()).
func Platform() string {
	if runtime.GOOS == "windows" {
		return "win32"
	}
	return runtime.GOOS
}
