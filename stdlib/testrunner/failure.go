package testrunner

import (
	"fmt"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/dop251/goja"

	"github.com/wsrfc/wsrfc/internal/lazyre"
	"github.com/wsrfc/wsrfc/runtime/engine"
	"github.com/wsrfc/wsrfc/runtime/inspect"
	"github.com/wsrfc/wsrfc/stdlib/expect"
)

// frameLocation finds the position in a cleaned stack line: "at f (file:1:2)" or "at file:1:2".
var frameLocation = lazyre.New(`^\s*at (?:.*? \()?(.+?):(\d+):(\d+)\)?$`)

// failureOf describes a thrown or rejected value. It must run on the loop
// goroutine. defined is the location to fall back on when the value's stack
// has no frame in the user's code (a rejection from a Go call, a thrown string).
func (r *Runner) failureOf(v goja.Value, defined string) *Failure {
	vm := r.rt.VM
	f := &Failure{Location: defined}
	obj, isObj := v.(*goja.Object)
	if !isObj || obj.ClassName() != "Error" {
		f.Type = "thrown value"
		f.Message = "thrown: " + inspect.Format(vm, v, inspect.Options{})
		return f
	}
	name := stringProp(obj, "name")
	message := stringProp(obj, "message")
	f.Type = name
	if f.Type == "" {
		f.Type = "Error"
	}
	if r.expect.IsAssertionError(obj) {
		f.Message = message
		if res, ok := obj.Get("matcherResult").(*goja.Object); ok && res.Get("hasValues").ToBoolean() {
			f.Expected = expect.FormatBlock(vm, res.Get("expected"))
			f.Actual = expect.FormatBlock(vm, res.Get("actual"))
		}
	} else {
		f.Message = f.Type + ": " + message
		if extra := extraProps(vm, obj); extra != "" {
			f.Message += "\n" + extra
		}
	}
	if m, ok := engine.ParseCompileMessage(message); ok && (name == "SyntaxError" || name == "ReferenceError") {
		// The stack is require's, not the file's: the place is in the message.
		f.Message = name + ": " + m.Text
		f.Location = r.display(m.File) + ":" + strconv.Itoa(m.Line)
		if m.Line != 1 { // columns on line 1 count the module wrapper too
			f.Location += ":" + strconv.Itoa(m.Column)
		}
		return f
	}
	f.Stack = r.userStack(stringProp(obj, "stack"))
	if m := frameLocation().FindStringSubmatch(firstLine(f.Stack)); m != nil {
		f.Location = m[1] + ":" + m[2] + ":" + m[3]
	}
	return f
}

func stringProp(o *goja.Object, name string) string {
	v := o.Get(name)
	if v == nil || goja.IsUndefined(v) || goja.IsNull(v) {
		return ""
	}
	return v.String()
}

func atoi(s string) int {
	n, _ := strconv.Atoi(s)
	return n
}

func firstLine(s string) string {
	line, _, _ := strings.Cut(s, "\n")
	return line
}

// extraProps renders the own enumerable properties of an error beyond name,
// message and stack, such as a SapError's code, domain, action and key.
func extraProps(vm *goja.Runtime, obj *goja.Object) string {
	extra := vm.NewObject()
	n := 0
	for _, k := range obj.Keys() {
		switch k {
		case "name", "message", "stack":
			continue
		}
		_ = extra.Set(k, obj.Get(k))
		n++
	}
	if n == 0 {
		return ""
	}
	return inspect.Format(vm, extra, inspect.Options{})
}

// userStack keeps the frames of a stack text that are in the user's code,
// without the matcher library, native functions or the runner, with paths
// relative to the working directory.
func (r *Runner) userStack(stack string) string {
	var out []string
	for _, line := range strings.Split(inspect.CleanStack(stack), "\n") {
		m := frameLocation().FindStringSubmatch(line)
		if m == nil || m[1] == expect.SourceName || strings.HasPrefix(m[1], "<") {
			continue
		}
		file, lineNo, col := m[1], atoi(m[2]), atoi(m[3])
		if filepath.IsAbs(file) {
			file = r.display(file)
		}
		prefix := line[:strings.LastIndex(line, m[1])]
		line = fmt.Sprintf("%s%s:%d:%d", prefix, file, lineNo, engine.ModuleColumn(lineNo, col))
		if strings.HasSuffix(m[0], ")") {
			line += ")"
		}
		out = append(out, line)
	}
	return strings.Join(out, "\n")
}
