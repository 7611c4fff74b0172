package engine

import (
	"errors"
	"fmt"
	"path/filepath"
	"strings"

	"github.com/dop251/goja"
	"github.com/dop251/goja_nodejs/require"

	"github.com/wsrfc/wsrfc/runtime/eventloop"
	"github.com/wsrfc/wsrfc/runtime/transpile"
)

// installRequire sets up node-style module loading from OS files (relative paths, index.js, package.json main,
// node_modules, JSON files) through goja_nodejs, behind a require function that also serves the native modules
// and explains failures.
func (r *Runtime) installRequire() error {
	registry := require.NewRegistry(
		require.WithLoader(func(path string) ([]byte, error) {
			data, err := loadSource(path)
			if err == nil && !strings.HasSuffix(path, ".json") {
				r.noteWrapper(path, len(requireWrapperPrefix), string(data))
			}
			return data, err
		}),
		require.WithPathResolver(r.resolvePath),
	)
	r.requireModule = registry.Enable(r.VM)
	fn, ok := r.VM.ToValue(r.require).(*goja.Object)
	if !ok {
		return errors.New("setting up require() failed")
	}
	r.requireFn = fn
	// goja_nodejs hands the global require to every module it loads, so modules get this one too.
	return r.VM.Set("require", fn)
}

// Require loads a module as require(name) would from the working directory; for Go callers on the loop
// goroutine, e.g. a host that makes a native module a global too.
func (r *Runtime) Require(name string) (goja.Value, error) {
	fn, _ := goja.AssertFunction(r.requireFn)
	return fn(goja.Undefined(), r.VM.ToValue(name))
}

func (r *Runtime) require(call goja.FunctionCall) goja.Value {
	vm := r.VM
	defer eventloop.ThrowOnPanic(vm)
	arg := call.Argument(0)
	if !goja.IsString(arg) || arg.String() == "" {
		panic(vm.NewTypeError("require() needs a module name or path as a non-empty string"))
	}
	name := arg.String()
	if _, native, ok := r.nativeModule(name); ok {
		return r.loadNative(native)
	}
	v, err := r.requireModule.Require(name)
	if err == nil {
		return v
	}
	var exception *goja.Exception
	var syntax *goja.CompilerSyntaxError
	var transpiled *transpile.SyntaxError
	switch {
	case errors.Is(err, require.InvalidModuleError), errors.Is(err, require.NoSuchBuiltInModuleError),
		errors.Is(err, require.ModuleFileDoesNotExistError):
		panic(r.moduleNotFound(name))
	case errors.As(err, &exception):
		panic(exception) // the module threw; rethrow it unchanged
	case errors.As(err, &syntax):
		panic(r.newError("SyntaxError", "in module '"+name+"': "+syntax.Message))
	case errors.As(err, &transpiled):
		panic(r.newError("SyntaxError", "in module '"+name+"': "+transpiled.Error()))
	case isUncatchable(err):
		panic(err)
	}
	panic(vm.NewGoError(fmt.Errorf("require('%s') failed: %w", name, err)))
}

func isUncatchable(err error) bool {
	var interrupted *goja.InterruptedError
	var overflow *goja.StackOverflowError
	return errors.As(err, &interrupted) || errors.As(err, &overflow)
}

func (r *Runtime) loadNative(name string) goja.Value {
	if v, ok := r.natives[name]; ok {
		return v
	}
	load, _, _ := r.nativeModule(name)
	v, err := load(r)
	if err != nil {
		var exception *goja.Exception
		if errors.As(err, &exception) {
			panic(exception)
		}
		panic(r.VM.NewGoError(fmt.Errorf("loading module '%s' failed: %w", name, err)))
	}
	r.natives[name] = v
	return v
}

func (r *Runtime) moduleNotFound(name string) *goja.Object {
	var msg string
	if isPath(name) {
		from := r.cwd
		if frames := r.VM.CaptureCallStack(2, nil); len(frames) > 1 {
			if dir := filepath.Dir(frames[1].SrcName()); filepath.IsAbs(dir) {
				from = dir
			}
		}
		msg = fmt.Sprintf("Cannot find module '%s' from '%s'", name, from)
	} else {
		msg = fmt.Sprintf("Cannot find module '%s'. ", name)
		if natives := r.nativeNames(); natives != "" {
			msg += "Built-in modules: " + natives + ". "
		}
		msg += "Local files need a relative path, e.g. require('./" + name + "')"
	}
	obj := r.newError("Error", msg)
	_ = obj.Set("code", "MODULE_NOT_FOUND")
	return obj
}

func isPath(name string) bool {
	return name == "." || name == ".." || strings.HasPrefix(name, "./") || strings.HasPrefix(name, "../") ||
		strings.HasPrefix(name, "/") || filepath.IsAbs(name)
}

// newError creates an instance of the named global error constructor (Error, TypeError, SyntaxError...).
func (r *Runtime) newError(ctorName, msg string) *goja.Object {
	if ctor, ok := goja.AssertConstructor(r.VM.Get(ctorName)); ok {
		if obj, err := ctor(nil, r.VM.ToValue(msg)); err == nil {
			return obj
		}
	}
	return r.VM.NewGoError(errors.New(msg))
}

// resolvePath resolves relative to the working directory when the requiring code has no file of its own
// (inline code, the REPL or Go).
func (r *Runtime) resolvePath(base, path string) string {
	if filepath.IsAbs(path) {
		return filepath.Clean(path) // require('/abs/x.js') names the file itself
	}
	if !filepath.IsAbs(base) {
		base = filepath.Join(r.cwd, base)
	}
	return require.DefaultPathResolver(base, path)
}

// loadSource reads module files; a "#!" first line is turned into a comment, which keeps line numbers. ES
// modules and TypeScript are turned into CommonJS. As in TypeScript, a module asked for as x.js (or x, which
// goja_nodejs tries as x.js) may be x.ts, and x.mjs may be x.mts.
func loadSource(path string) ([]byte, error) {
	data, err := require.DefaultSourceLoader(path)
	if errors.Is(err, require.ModuleFileDoesNotExistError) {
		if ts, ok := typeScriptTwin(path); ok {
			if tsData, tsErr := require.DefaultSourceLoader(ts); tsErr == nil {
				path, data, err = ts, tsData, nil
			}
		}
	}
	if err != nil {
		return nil, err
	}
	if len(data) >= 2 && data[0] == '#' && data[1] == '!' {
		data = append([]byte("//"), data[2:]...)
	}
	if transpile.Needed(path, data) {
		code, err := transpile.Transform(path, data)
		if err != nil {
			return nil, err
		}
		return []byte(code), nil
	}
	return data, nil
}

func typeScriptTwin(path string) (string, bool) {
	switch {
	case strings.HasSuffix(path, ".js"):
		return strings.TrimSuffix(path, ".js") + ".ts", true
	case strings.HasSuffix(path, ".mjs"):
		return strings.TrimSuffix(path, ".mjs") + ".mts", true
	case strings.HasSuffix(path, ".cjs"):
		return strings.TrimSuffix(path, ".cjs") + ".cts", true
	}
	return "", false
}
