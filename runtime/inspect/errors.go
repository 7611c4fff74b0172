package inspect

import (
	"strconv"
	"strings"

	"github.com/dop251/goja"

	"github.com/wsrfc/wsrfc/internal/lazyre"
)

// MaxStackFrames is how many frames a cleaned stack keeps, V8's default Error.stackTraceLimit.
const MaxStackFrames = 10

// gojaFramePC matches the bytecode offset goja appends to a frame position: "file.js:3:7(12)".
var gojaFramePC = lazyre.New(`(:\d+:\d+)\(\d+\)`)

// CleanStack rewrites a stack text produced by goja ("Error: x\n\tat f (file.js:3:7(12))\n") into node's form
// ("Error: x\n    at f (file.js:3:7)"): frames indented with four spaces, without bytecode offsets,
// at most MaxStackFrames of them and no trailing newline. Text that is already clean passes unchanged.
func CleanStack(stack string) string {
	lines := strings.Split(strings.TrimRight(stack, "\n"), "\n")
	out := lines[:0]
	frames := 0
	for _, line := range lines {
		if rest, ok := strings.CutPrefix(line, "\tat "); ok {
			line = "    at " + shortGoName(gojaFramePC().ReplaceAllString(rest, "$1"))
		}
		if strings.HasPrefix(line, "    at ") {
			frames++
			if frames > MaxStackFrames {
				continue
			}
		}
		out = append(out, line)
	}
	return strings.Join(out, "\n")
}

// shortGoName drops the import path from the Go function name goja shows for native frames:
// "github.com/x/sap.(*Client).Call (native)" becomes "sap.(*Client).Call (native)".
func shortGoName(frame string) string {
	name, ok := strings.CutSuffix(frame, " (native)")
	if !ok {
		return frame
	}
	if i := strings.LastIndexByte(name, '/'); i >= 0 {
		name = name[i+1:]
	}
	return name + " (native)"
}

// errorFacts are an Error's properties, read as data (accessors count as absent).
type errorFacts struct {
	name, message, stack goja.Value
	hasCause, hasErrors  bool
	cause                goja.Value
}

func (f *formatter) errorFacts(obj *goja.Object) errorFacts {
	info := f.items(f.call(f.helpers().errorInfo, obj))
	return errorFacts{name: info[0], message: info[1], stack: info[2], hasCause: info[3].ToBoolean(),
		hasErrors: info[4].ToBoolean(), cause: info[5]}
}

func primitiveText(v goja.Value) (string, bool) {
	if v == nil || goja.IsUndefined(v) || goja.IsNull(v) {
		return "", false
	}
	if _, isObj := v.(*goja.Object); isObj {
		return "", false
	}
	if s, ok := v.(*goja.Symbol); ok {
		return symbolString(s), true
	}
	return v.String(), true
}

// stackText is node's getStackString: the stack if it is truthy, else what Error.prototype.toString gives.
func (e errorFacts) stackText() string {
	if e.stack != nil && e.stack.ToBoolean() {
		if s, ok := primitiveText(e.stack); ok {
			return CleanStack(s)
		}
	}
	name, ok := primitiveText(e.name)
	if !ok && (e.name == nil || goja.IsUndefined(e.name)) {
		name = "Error"
	}
	msg, _ := primitiveText(e.message)
	switch {
	case name == "":
		return msg
	case msg == "":
		return name
	}
	return name + ": " + msg
}

// formatError follows node's formatError: the stack, with the constructor name worked in when it differs from
// the error's name, and extra own properties (plus cause and errors) returned for printing after it.
func (f *formatter) formatError(obj *goja.Object, d description, props []property) (string, []property) {
	facts := f.errorFacts(obj)
	name := "Error"
	if s, ok := primitiveText(facts.name); ok {
		name = s
	}
	stack := facts.stackText()

	// goja's GoError carries the Go error in "value", which means nothing to a script author.
	goError := name == "GoError"
	// Hide name, message and stack keys whose values already show in the stack.
	if len(props) > 0 {
		kept := props[:0:0]
		for _, p := range props {
			if _, isSym := p.key.(*goja.Symbol); !isSym {
				key := p.key.String()
				var v goja.Value
				if goError && key == "value" {
					continue
				}
				switch key {
				case "name":
					v = facts.name
				case "message":
					v = facts.message
				case "stack":
					v = facts.stack
				}
				if v != nil {
					text, ok := primitiveText(v)
					if !ok {
						text = "undefined"
					}
					if strings.Contains(stack, text) {
						continue
					}
				}
			}
			kept = append(kept, p)
		}
		props = kept
	}
	hasKey := func(name string) bool {
		for _, p := range props {
			if _, isSym := p.key.(*goja.Symbol); !isSym && p.key.String() == name {
				return true
			}
		}
		return false
	}
	if facts.hasCause && !hasKey("cause") {
		props = append(props, property{key: f.vm.ToValue("cause")})
	}
	if facts.hasErrors && !hasKey("errors") {
		props = append(props, property{key: f.vm.ToValue("errors")})
	}

	stack = improveStack(stack, d, name)

	// Skip the message when looking for the first frame, since the message may contain "\n    at".
	pos := -1
	if msg, ok := primitiveText(facts.message); ok && msg != "" {
		if i := strings.Index(stack, msg); i > 0 {
			pos = i + len(msg)
		}
	}
	from := max(pos, 0)
	stackStart := strings.Index(stack[from:], "\n    at")
	if stackStart == -1 {
		stack = "[" + stack + "]"
	} else {
		stackStart += from
		lines := f.stackFrames(facts, stack[stackStart+1:])
		stack = stack[:stackStart] + "\n" + strings.Join(lines, "\n")
	}
	if f.indentationLvl != 0 {
		stack = strings.ReplaceAll(stack, "\n", "\n"+strings.Repeat(" ", f.indentationLvl))
	}
	return stack, props
}

// stackFrames replaces frames shared with the cause's stack by a "... n lines matching cause stack trace ..." line.
func (f *formatter) stackFrames(facts errorFacts, framesText string) []string {
	frames := strings.Split(framesText, "\n")
	cause, ok := facts.cause.(*goja.Object)
	if !ok || cause.ClassName() != "Error" {
		return frames
	}
	causeStack := f.errorFacts(cause).stackText()
	start := strings.Index(causeStack, "\n    at")
	if start == -1 {
		return frames
	}
	causeFrames := strings.Split(causeStack[start+1:], "\n")
	length, offset := identicalSequenceRange(frames, causeFrames)
	if length > 0 {
		skipped := length - 2
		msg := f.stylize("    ... "+strconv.Itoa(skipped)+" lines matching cause stack trace ...", styleUndefined)
		frames = append(frames[:offset+1], append([]string{msg}, frames[offset+1+skipped:]...)...)
	}
	return frames
}

func identicalSequenceRange(a, b []string) (length, offset int) {
	for i := 0; i < len(a)-3; i++ {
		pos := -1
		for j, s := range b {
			if s == a[i] {
				pos = j
				break
			}
		}
		if pos == -1 {
			continue
		}
		rest := len(b) - pos
		if rest > 3 {
			n := 1
			maxLen := min(len(a)-i, rest)
			for maxLen > n && a[i+n] == b[pos+n] {
				n++
			}
			if n > 3 {
				return n, i
			}
		}
	}
	return 0, 0
}

var (
	errorNameAtStart = lazyre.New(`^([A-Z][a-z_ A-Z0-9[\]()-]+)(?::|\n {4}at)`)
	errorNameOnly    = lazyre.New(`^([a-z_A-Z0-9-]*Error)$`)
)

// improveStack works the constructor name into the first line when it differs from the error's name,
// so that an instance of class ValidationError extends Error shows as "ValidationError: ...".
func improveStack(stack string, d description, name string) string {
	n := len(name)
	if d.hasCtr && !(strings.HasSuffix(name, "Error") && strings.HasPrefix(stack, name) &&
		(len(stack) == n || stack[n] == ':' || stack[n] == '\n')) {
		return stack
	}
	fallback := "Error"
	if !d.hasCtr {
		m := errorNameAtStart().FindStringSubmatch(stack)
		if m == nil {
			m = errorNameOnly().FindStringSubmatch(stack)
		}
		fallback = ""
		if m != nil {
			fallback = m[1]
		}
		n = len(fallback)
		if fallback == "" {
			fallback = "Error"
		}
	}
	prefix := strings.TrimSuffix(d.prefix(fallback, ""), " ")
	if name == prefix {
		return stack
	}
	if strings.Contains(prefix, name) {
		if n == 0 {
			return prefix + ": " + stack
		}
		return prefix + stack[n:]
	}
	return prefix + " [" + name + "]" + stack[n:]
}
