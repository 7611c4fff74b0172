package engine

import (
	"strings"

	"github.com/dop251/goja"
	_ "github.com/dop251/goja_nodejs/buffer" // registers require('buffer')
	_ "github.com/dop251/goja_nodejs/url"    // registers require('url')

	"github.com/wsrfc/wsrfc/stdlib/fetch"
	"github.com/wsrfc/wsrfc/stdlib/fs"
	stdos "github.com/wsrfc/wsrfc/stdlib/os"
	"github.com/wsrfc/wsrfc/stdlib/path"
	"github.com/wsrfc/wsrfc/stdlib/readline"
	"github.com/wsrfc/wsrfc/stdlib/web"
)

// builtinModules are the node modules every runtime offers, as native modules: require('fs'), require('node:fs')
// and import fs from 'fs' all load them. Options.NativeModules may add more, not replace these.
var builtinModules = map[string]func(rt *Runtime) (goja.Value, error){
	"fs":          func(rt *Runtime) (goja.Value, error) { return rt.fsModule().Object(), nil },
	"fs/promises": func(rt *Runtime) (goja.Value, error) { return rt.fsModule().Promises(), nil },
	"path":        func(rt *Runtime) (goja.Value, error) { return path.New(rt.VM), nil },
	"os":          func(rt *Runtime) (goja.Value, error) { return stdos.New(rt.VM), nil },
	"buffer":      func(rt *Runtime) (goja.Value, error) { return rt.coreModule("buffer") },
	"url":         func(rt *Runtime) (goja.Value, error) { return rt.coreModule("url") },
	"readline":    func(rt *Runtime) (goja.Value, error) { return readline.New(rt.VM) },
}

func (r *Runtime) fsModule() *fs.Module {
	if r.fs == nil {
		r.fs = fs.New(r.Loop, r.opts.Stdin)
	}
	return r.fs
}

// coreModule loads one of goja_nodejs's modules, which its registry provides under their node names.
func (r *Runtime) coreModule(name string) (goja.Value, error) {
	return r.requireModule.Require(name)
}

// installLazyGlobals defines the web and node globals as accessors that build the value on first use, so that a
// script that never touches Buffer or URL does not pay for setting them up.
func (r *Runtime) installLazyGlobals() {
	lazy := func(name string, build func() goja.Value) {
		global := r.VM.GlobalObject()
		var value goja.Value
		getter := r.VM.ToValue(func(goja.FunctionCall) goja.Value {
			if value == nil {
				value = build()
				_ = global.DefineDataProperty(name, value, goja.FLAG_TRUE, goja.FLAG_FALSE, goja.FLAG_TRUE)
			}
			return value
		})
		setter := r.VM.ToValue(func(c goja.FunctionCall) goja.Value {
			value = c.Argument(0)
			_ = global.DefineDataProperty(name, value, goja.FLAG_TRUE, goja.FLAG_FALSE, goja.FLAG_TRUE)
			return goja.Undefined()
		})
		_ = global.DefineAccessorProperty(name, getter, setter, goja.FLAG_TRUE, goja.FLAG_FALSE)
	}
	fromModule := func(module, export string) func() goja.Value {
		return func() goja.Value {
			m, err := r.coreModule(module)
			if err != nil {
				panic(r.VM.NewGoError(err))
			}
			return m.ToObject(r.VM).Get(export)
		}
	}
	lazy("Buffer", func() goja.Value {
		ctor := fromModule("buffer", "Buffer")()
		// goja names native constructors after their Go function, which is what inspect would print.
		if obj, ok := ctor.(*goja.Object); ok {
			_ = obj.DefineDataProperty("name", r.VM.ToValue("Buffer"), goja.FLAG_FALSE, goja.FLAG_FALSE, goja.FLAG_TRUE)
			if complete, err := r.VM.RunString(bufferStatics); err == nil {
				if fn, ok := goja.AssertFunction(complete); ok {
					_, _ = fn(goja.Undefined(), obj)
				}
			}
		}
		return ctor
	})
	var globals *goja.Object
	for _, name := range web.Names {
		lazy(name, func() goja.Value {
			if globals == nil {
				g, err := web.New(r.VM)
				if err != nil {
					panic(r.VM.NewGoError(err))
				}
				globals = g
			}
			return globals.Get(name)
		})
	}
	var fetchGlobals *goja.Object
	for _, name := range fetch.Names {
		lazy(name, func() goja.Value {
			if fetchGlobals == nil {
				g, err := fetch.New(r.Loop, r.Context, nil)
				if err != nil {
					panic(r.VM.NewGoError(err))
				}
				fetchGlobals = g
			}
			return fetchGlobals.Get(name)
		})
	}
	lazy("URL", fromModule("url", "URL"))
	lazy("URLSearchParams", fromModule("url", "URLSearchParams"))
}

// nativeModule finds the loader of a native module: the host's, then the built-ins, also when named "node:x".
func (r *Runtime) nativeModule(name string) (func(rt *Runtime) (goja.Value, error), string, bool) {
	if load, ok := r.opts.NativeModules[name]; ok {
		return load, name, true
	}
	name = strings.TrimPrefix(name, "node:")
	load, ok := builtinModules[name]
	return load, name, ok
}

// bufferStatics adds the static Buffer methods node scripts commonly use that goja_nodejs lacks.
const bufferStatics = `(function (B) {
	if (!B.isBuffer) B.isBuffer = (v) => v instanceof B;
	if (!B.byteLength) B.byteLength = (v, enc) => typeof v === 'string' ? B.from(v, enc).length : v.byteLength;
	if (!B.isEncoding) B.isEncoding = (e) => ['utf8', 'utf-8', 'hex', 'base64', 'base64url', 'ascii', 'latin1', 'binary'].includes(String(e).toLowerCase());
})`
