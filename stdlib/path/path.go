// Package path provides node's path module for the operating system wsrfc runs on, built on Go's path/filepath.
package path

import (
	"os"
	"path/filepath"
	"strings"

	"github.com/dop251/goja"
)

// New creates require('path') for vm.
func New(vm *goja.Runtime) *goja.Object {
	obj := vm.NewObject()
	str := func(c goja.FunctionCall, i int, what string) string {
		v := c.Argument(i)
		if !goja.IsString(v) {
			e := vm.NewTypeError("The \"" + what + "\" argument must be of type string")
			_ = e.Set("code", "ERR_INVALID_ARG_TYPE")
			panic(e)
		}
		return v.String()
	}
	all := func(c goja.FunctionCall) []string {
		parts := make([]string, len(c.Arguments))
		for i := range c.Arguments {
			parts[i] = str(c, i, "path")
		}
		return parts
	}
	set := func(name string, fn func(c goja.FunctionCall) any) {
		_ = obj.Set(name, func(c goja.FunctionCall) goja.Value { return vm.ToValue(fn(c)) })
	}
	set("join", func(c goja.FunctionCall) any {
		joined := filepath.Join(all(c)...)
		if joined == "" {
			return "."
		}
		return joined
	})
	set("resolve", func(c goja.FunctionCall) any { return resolve(all(c)) })
	set("normalize", func(c goja.FunctionCall) any {
		p := str(c, 0, "path")
		if p == "" {
			return "."
		}
		clean := filepath.Clean(p)
		if strings.HasSuffix(p, string(filepath.Separator)) && clean != string(filepath.Separator) {
			clean += string(filepath.Separator)
		}
		return clean
	})
	set("isAbsolute", func(c goja.FunctionCall) any { return filepath.IsAbs(str(c, 0, "path")) })
	set("dirname", func(c goja.FunctionCall) any { return filepath.Dir(str(c, 0, "path")) })
	set("basename", func(c goja.FunctionCall) any {
		base := basename(str(c, 0, "path"))
		if ext := c.Argument(1); goja.IsString(ext) && ext.String() != base {
			base = strings.TrimSuffix(base, ext.String())
		}
		return base
	})
	set("extname", func(c goja.FunctionCall) any { return extname(basename(str(c, 0, "path"))) })
	set("relative", func(c goja.FunctionCall) any {
		rel, err := filepath.Rel(resolve([]string{str(c, 0, "from")}), resolve([]string{str(c, 1, "to")}))
		if err != nil || rel == "." {
			return ""
		}
		return rel
	})
	_ = obj.Set("parse", func(c goja.FunctionCall) goja.Value {
		p := str(c, 0, "path")
		base := basename(p)
		ext := extname(base)
		dir := ""
		if strings.ContainsRune(p, filepath.Separator) {
			dir = filepath.Dir(p)
		}
		root := ""
		if filepath.IsAbs(p) {
			root = filepath.VolumeName(p) + string(filepath.Separator)
		}
		parsed := vm.NewObject()
		for _, kv := range [][2]string{{"root", root}, {"dir", dir}, {"base", base}, {"ext", ext}, {"name", strings.TrimSuffix(base, ext)}} {
			_ = parsed.Set(kv[0], kv[1])
		}
		return parsed
	})
	_ = obj.Set("format", func(c goja.FunctionCall) goja.Value {
		o := c.Argument(0).ToObject(vm)
		get := func(k string) string {
			if v := o.Get(k); v != nil && !goja.IsUndefined(v) && !goja.IsNull(v) {
				return v.String()
			}
			return ""
		}
		base := get("base")
		if base == "" {
			base = get("name") + get("ext")
		}
		dir := get("dir")
		if dir == "" {
			dir = get("root")
			return vm.ToValue(dir + base)
		}
		return vm.ToValue(dir + string(filepath.Separator) + base)
	})
	_ = obj.Set("sep", string(filepath.Separator))
	_ = obj.Set("delimiter", string(filepath.ListSeparator))
	_ = obj.Set("posix", obj)
	return obj
}

func resolve(parts []string) string {
	p := ""
	for i := len(parts) - 1; i >= 0 && !filepath.IsAbs(p); i-- {
		if parts[i] != "" {
			p = filepath.Join(parts[i], p)
		}
	}
	if !filepath.IsAbs(p) {
		cwd, _ := os.Getwd()
		p = filepath.Join(cwd, p)
	}
	return filepath.Clean(p)
}

// basename is node's: the last element, trailing separators ignored, "" for the root.
func basename(p string) string {
	p = strings.TrimRight(p, string(filepath.Separator))
	if p == "" {
		return ""
	}
	return filepath.Base(p)
}

// extname is node's: a leading dot does not start an extension (".profile" has none).
func extname(base string) string {
	i := strings.LastIndexByte(base, '.')
	if i <= 0 {
		return ""
	}
	return base[i:]
}
