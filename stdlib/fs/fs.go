// Package fs provides node's fs module (the synchronous calls scripts use most) and fs/promises, whose calls run
// on goroutines and settle on the event loop, so a slow disk never blocks timers or SAP calls. Errors carry
// node's code (ENOENT, EACCES, ...), syscall and path.
package fs

import (
	"errors"
	"fmt"
	"io"
	iofs "io/fs"
	"os"
	"path/filepath"
	"syscall"
	"time"

	"github.com/dop251/goja"
	"github.com/dop251/goja_nodejs/buffer"

	"github.com/wsrfc/wsrfc/runtime/eventloop"
)

// maxFileSize bounds what one read may load into memory.
const maxFileSize = 1 << 30

// Module is one runtime's fs: New builds require('fs'), Promises require('fs/promises').
type Module struct {
	loop  *eventloop.Loop
	vm    *goja.Runtime
	stdin io.Reader
}

// New creates the fs module for the loop's runtime. readFileSync(0) reads stdin to its end.
func New(loop *eventloop.Loop, stdin io.Reader) *Module {
	if stdin == nil {
		stdin = os.Stdin
	}
	return &Module{loop: loop, vm: loop.VM(), stdin: stdin}
}

// call is one fs operation: Go work that may run off the loop goroutine, and the conversion of its result to
// JavaScript, which must run on it.
type call struct {
	work   func() (any, error)
	result func(vm *goja.Runtime, v any) goja.Value
}

// ops parses the JavaScript arguments of each operation on the loop goroutine into a call.
func (m *Module) ops() map[string]func(goja.FunctionCall) call {
	return map[string]func(goja.FunctionCall) call{
		"readFile": func(c goja.FunctionCall) call {
			path, enc := c.Argument(0), encoding(c.Argument(1))
			var fd0 bool
			var name string
			if n, ok := path.Export().(int64); ok && n == 0 {
				fd0 = true
			} else {
				name = m.path(path, "path")
			}
			return call{
				work: func() (any, error) {
					if fd0 {
						return io.ReadAll(io.LimitReader(m.stdin, maxFileSize))
					}
					return readFile(name)
				},
				result: func(vm *goja.Runtime, v any) goja.Value { return decode(vm, v.([]byte), enc) },
			}
		},
		"writeFile": func(c goja.FunctionCall) call {
			name, data := m.path(c.Argument(0), "file"), m.data(c.Argument(1), c.Argument(2))
			return call{work: func() (any, error) { return nil, writeFile(name, data, os.O_TRUNC, "open") }}
		},
		"appendFile": func(c goja.FunctionCall) call {
			name, data := m.path(c.Argument(0), "path"), m.data(c.Argument(1), c.Argument(2))
			return call{work: func() (any, error) { return nil, writeFile(name, data, os.O_APPEND, "open") }}
		},
		"readdir": func(c goja.FunctionCall) call {
			name, withTypes := m.path(c.Argument(0), "path"), option(c.Argument(1), "withFileTypes")
			return call{
				work: func() (any, error) {
					entries, err := os.ReadDir(name) // sorted by name
					return entries, nodeError(err, "scandir", name)
				},
				result: func(vm *goja.Runtime, v any) goja.Value {
					entries := v.([]iofs.DirEntry)
					items := make([]any, len(entries))
					for i, e := range entries {
						if withTypes {
							items[i] = dirent(vm, name, e)
						} else {
							items[i] = e.Name()
						}
					}
					return vm.NewArray(items...)
				},
			}
		},
		"mkdir": func(c goja.FunctionCall) call {
			name, recursive := m.path(c.Argument(0), "path"), option(c.Argument(1), "recursive")
			return call{work: func() (any, error) {
				var err error
				if recursive {
					err = os.MkdirAll(name, 0o777)
				} else {
					err = os.Mkdir(name, 0o777)
				}
				return nil, nodeError(err, "mkdir", name)
			}}
		},
		"stat": func(c goja.FunctionCall) call {
			name := m.path(c.Argument(0), "path")
			return call{
				work: func() (any, error) {
					info, err := os.Stat(name)
					return info, nodeError(err, "stat", name)
				},
				result: func(vm *goja.Runtime, v any) goja.Value { return stats(vm, v.(iofs.FileInfo)) },
			}
		},
		"rm": func(c goja.FunctionCall) call {
			name := m.path(c.Argument(0), "path")
			recursive, force := option(c.Argument(1), "recursive"), option(c.Argument(1), "force")
			return call{work: func() (any, error) { return nil, remove(name, recursive, force) }}
		},
		"unlink": func(c goja.FunctionCall) call {
			name := m.path(c.Argument(0), "path")
			return call{work: func() (any, error) {
				if info, err := os.Lstat(name); err == nil && info.IsDir() {
					return nil, nodeError(&os.PathError{Op: "unlink", Path: name, Err: syscall.EISDIR}, "unlink", name)
				}
				return nil, nodeError(os.Remove(name), "unlink", name)
			}}
		},
		"rename": func(c goja.FunctionCall) call {
			from, to := m.path(c.Argument(0), "oldPath"), m.path(c.Argument(1), "newPath")
			return call{work: func() (any, error) { return nil, nodeError(os.Rename(from, to), "rename", from) }}
		},
		"copyFile": func(c goja.FunctionCall) call {
			from, to := m.path(c.Argument(0), "src"), m.path(c.Argument(1), "dest")
			return call{work: func() (any, error) {
				data, err := readFile(from)
				if err != nil {
					return nil, err
				}
				return nil, writeFile(to, data, os.O_TRUNC, "copyfile")
			}}
		},
	}
}

// Object builds require('fs'): every operation as name+"Sync", plus existsSync and fs.promises.
func (m *Module) Object() *goja.Object {
	vm := m.vm
	obj := vm.NewObject()
	for name, parse := range m.ops() {
		parse := parse
		_ = obj.Set(name+"Sync", func(c goja.FunctionCall) goja.Value {
			defer eventloop.ThrowOnPanic(vm)
			op := parse(c)
			v, err := op.work()
			if err != nil {
				panic(m.jsError(err))
			}
			if op.result == nil {
				return goja.Undefined()
			}
			return op.result(vm, v)
		})
	}
	_ = obj.Set("existsSync", func(c goja.FunctionCall) goja.Value {
		if !goja.IsString(c.Argument(0)) {
			return vm.ToValue(false)
		}
		_, err := os.Stat(c.Argument(0).String())
		return vm.ToValue(err == nil)
	})
	_ = obj.Set("promises", m.Promises())
	return obj
}

// Promises builds require('fs/promises'): the same operations, each returning a promise.
func (m *Module) Promises() *goja.Object {
	vm := m.vm
	obj := vm.NewObject()
	for name, parse := range m.ops() {
		parse := parse
		_ = obj.Set(name, func(c goja.FunctionCall) goja.Value {
			defer eventloop.ThrowOnPanic(vm)
			op := parse(c)
			p, resolve, reject := m.loop.NewPromise()
			go func() {
				v, err := op.work()
				if err != nil {
					reject(func(*goja.Runtime) goja.Value { return m.jsError(err) })
					return
				}
				if op.result == nil {
					resolve(nil)
					return
				}
				resolve(func(vm *goja.Runtime) goja.Value { return op.result(vm, v) })
			}()
			return vm.ToValue(p)
		})
	}
	return obj
}

func (m *Module) path(v goja.Value, what string) string {
	if goja.IsString(v) {
		return v.String()
	}
	if u, ok := v.(*goja.Object); ok && u.Get("href") != nil && u.Get("protocol") != nil {
		if u.Get("protocol").String() == "file:" {
			return u.Get("pathname").String()
		}
	}
	panic(m.typeError("ERR_INVALID_ARG_TYPE", fmt.Sprintf("The %q argument must be a string or a file: URL; received %s", what, describe(v))))
}

// data reads writeFile's data: a string (in options' encoding, utf8 by default) or bytes.
func (m *Module) data(v, options goja.Value) []byte {
	if goja.IsString(v) {
		if enc := encoding(options); enc != "" && enc != "utf8" && enc != "utf-8" {
			return buffer.DecodeBytes(m.vm, v, m.vm.ToValue(enc))
		}
		return []byte(v.String())
	}
	if b, ok := v.Export().([]byte); ok {
		return b
	}
	if ab, ok := v.Export().(goja.ArrayBuffer); ok {
		return ab.Bytes()
	}
	panic(m.typeError("ERR_INVALID_ARG_TYPE", "The \"data\" argument must be a string, Buffer or Uint8Array; received "+describe(v)))
}

func (m *Module) typeError(code, msg string) *goja.Object {
	e := m.vm.NewTypeError(msg)
	_ = e.Set("code", code)
	return e
}

func describe(v goja.Value) string {
	if v == nil || goja.IsUndefined(v) {
		return "undefined"
	}
	if goja.IsNull(v) {
		return "null"
	}
	return "type " + v.ExportType().String()
}

// encoding reads an encoding given as a string or as options.encoding; "" means bytes.
func encoding(v goja.Value) string {
	if goja.IsString(v) {
		return v.String()
	}
	if o, ok := v.(*goja.Object); ok {
		if e := o.Get("encoding"); e != nil && goja.IsString(e) {
			return e.String()
		}
	}
	return ""
}

func option(v goja.Value, name string) bool {
	if o, ok := v.(*goja.Object); ok {
		if x := o.Get(name); x != nil {
			return x.ToBoolean()
		}
	}
	return false
}

func decode(vm *goja.Runtime, data []byte, enc string) goja.Value {
	switch enc {
	case "":
		return buffer.WrapBytes(vm, data)
	case "utf8", "utf-8":
		return vm.ToValue(string(data))
	}
	return buffer.EncodeBytes(vm, data, vm.ToValue(enc))
}

func readFile(name string) ([]byte, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, nodeError(err, "open", name)
	}
	defer f.Close()
	if info, err := f.Stat(); err == nil && info.IsDir() {
		return nil, nodeError(syscall.EISDIR, "read", "")
	}
	data, err := io.ReadAll(io.LimitReader(f, maxFileSize+1))
	if err != nil {
		return nil, nodeError(err, "read", name)
	}
	if len(data) > maxFileSize {
		return nil, fmt.Errorf("%s is larger than %d bytes; read it in parts", name, maxFileSize)
	}
	return data, nil
}

func writeFile(name string, data []byte, mode int, syscallName string) error {
	f, err := os.OpenFile(name, os.O_WRONLY|os.O_CREATE|mode, 0o666)
	if err != nil {
		return nodeError(err, syscallName, name)
	}
	if _, err := f.Write(data); err != nil {
		f.Close()
		return nodeError(err, "write", name)
	}
	return nodeError(f.Close(), "close", name)
}

func remove(name string, recursive, force bool) error {
	info, err := os.Lstat(name)
	switch {
	case err != nil && force && errors.Is(err, iofs.ErrNotExist):
		return nil
	case err != nil:
		return nodeError(err, "rm", name)
	case info.IsDir() && !recursive:
		return &Error{Code: "ERR_FS_EISDIR", Message: fmt.Sprintf("Path is a directory: rm returned EISDIR (is a directory) %s; pass { recursive: true } to remove it with its contents", name), Syscall: "rm", Path: name}
	case info.IsDir():
		return nodeError(os.RemoveAll(name), "rm", name)
	}
	return nodeError(os.Remove(name), "rm", name)
}

func stats(vm *goja.Runtime, info iofs.FileInfo) goja.Value {
	obj := vm.NewObject()
	mtime := info.ModTime()
	_ = obj.Set("size", info.Size())
	_ = obj.Set("mode", uint32(info.Mode().Perm())|modeType(info.Mode()))
	_ = obj.Set("mtimeMs", float64(mtime.UnixNano())/float64(time.Millisecond))
	if date, err := vm.New(vm.Get("Date"), vm.ToValue(mtime.UnixMilli())); err == nil {
		_ = obj.Set("mtime", date)
	}
	isDir, isFile, isLink := info.IsDir(), info.Mode().IsRegular(), info.Mode()&iofs.ModeSymlink != 0
	_ = obj.Set("isDirectory", func(goja.FunctionCall) goja.Value { return vm.ToValue(isDir) })
	_ = obj.Set("isFile", func(goja.FunctionCall) goja.Value { return vm.ToValue(isFile) })
	_ = obj.Set("isSymbolicLink", func(goja.FunctionCall) goja.Value { return vm.ToValue(isLink) })
	return obj
}

// dirent is node's fs.Dirent: a directory entry's name, folder and type.
func dirent(vm *goja.Runtime, dir string, e iofs.DirEntry) *goja.Object {
	obj := vm.NewObject()
	_ = obj.Set("name", e.Name())
	_ = obj.Set("parentPath", dir)
	t := e.Type()
	_ = obj.Set("isDirectory", func(goja.FunctionCall) goja.Value { return vm.ToValue(t.IsDir()) })
	_ = obj.Set("isFile", func(goja.FunctionCall) goja.Value { return vm.ToValue(t.IsRegular()) })
	_ = obj.Set("isSymbolicLink", func(goja.FunctionCall) goja.Value { return vm.ToValue(t&iofs.ModeSymlink != 0) })
	return obj
}

// modeType gives the S_IFMT bits node reports in stats.mode.
func modeType(m iofs.FileMode) uint32 {
	switch {
	case m.IsDir():
		return 0o040000
	case m&iofs.ModeSymlink != 0:
		return 0o120000
	case m.IsRegular():
		return 0o100000
	}
	return 0
}

// jsError turns an *Error into node's error object (message "ENOENT: no such file or directory, open 'x'",
// with code, errno, syscall and path) and anything else into a plain Error.
func (m *Module) jsError(err error) goja.Value {
	var fe *Error
	if !errors.As(err, &fe) {
		return m.vm.NewGoError(err)
	}
	obj := newError(m.vm, fe.Message)
	_ = obj.Set("code", fe.Code)
	if fe.Errno != 0 {
		_ = obj.Set("errno", -fe.Errno)
	}
	_ = obj.Set("syscall", fe.Syscall)
	if fe.Path != "" {
		_ = obj.Set("path", fe.Path)
	}
	return obj
}

// Error is a failed file operation in node's terms.
type Error struct {
	Code    string // ENOENT, EACCES, ...
	Errno   int
	Message string
	Syscall string
	Path    string
	Err     error
}

func (e *Error) Error() string { return e.Message }
func (e *Error) Unwrap() error { return e.Err }

var codes = map[syscall.Errno]string{
	syscall.ENOENT: "ENOENT", syscall.EACCES: "EACCES", syscall.EPERM: "EPERM", syscall.EEXIST: "EEXIST",
	syscall.ENOTDIR: "ENOTDIR", syscall.EISDIR: "EISDIR", syscall.ENOTEMPTY: "ENOTEMPTY", syscall.EROFS: "EROFS",
	syscall.EBUSY: "EBUSY", syscall.EMFILE: "EMFILE", syscall.ENOSPC: "ENOSPC", syscall.EXDEV: "EXDEV",
}

// nodeError wraps an OS error with node's code and message; nil stays nil.
func nodeError(err error, syscallName, path string) error {
	if err == nil {
		return nil
	}
	var errno syscall.Errno
	if !errors.As(err, &errno) {
		return err
	}
	code, ok := codes[errno]
	if !ok {
		return err
	}
	msg := fmt.Sprintf("%s: %s, %s", code, errno.Error(), syscallName)
	if path != "" {
		msg += " '" + filepath.ToSlash(path) + "'"
	}
	return &Error{Code: code, Errno: int(errno), Message: msg, Syscall: syscallName, Path: path, Err: err}
}

// newError makes a plain Error, as node throws, rather than goja's GoError.
func newError(vm *goja.Runtime, msg string) *goja.Object {
	if ctor, ok := goja.AssertConstructor(vm.Get("Error")); ok {
		if obj, err := ctor(nil, vm.ToValue(msg)); err == nil {
			return obj
		}
	}
	return vm.NewGoError(errors.New(msg))
}
