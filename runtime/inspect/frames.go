package inspect

import (
	"strconv"
	"strings"

	"github.com/dop251/goja"
)

// FrameString renders one goja stack frame as node prints it after "at ": "fn (file.js:3:7)", "file.js:3:7"
// for anonymous top-level code, or "fn (native)" for Go functions.
func FrameString(f goja.StackFrame) string {
	pos := f.Position()
	if pos.Filename == "" && pos.Line == 0 {
		if name := f.FuncName(); name != "" && name != "<native>" {
			return shortGoName(name + " (native)")
		}
		return "native"
	}
	file := pos.Filename
	if file == "" {
		file = f.SrcName()
	}
	loc := file + ":" + strconv.Itoa(pos.Line) + ":" + strconv.Itoa(pos.Column)
	if name := f.FuncName(); name != "" && name != "<anonymous>" {
		return name + " (" + loc + ")"
	}
	return loc
}

// StackFrames renders frames as node's stack lines ("    at ..."), at most MaxStackFrames of them.
func StackFrames(frames []goja.StackFrame) string {
	lines := make([]string, 0, min(len(frames), MaxStackFrames))
	for _, f := range frames {
		if len(lines) == MaxStackFrames {
			break
		}
		lines = append(lines, "    at "+FrameString(f))
	}
	return strings.Join(lines, "\n")
}
