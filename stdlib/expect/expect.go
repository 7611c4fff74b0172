// Package expect is jest's expect() for wsrfc test scenarios: the matchers,
// .not, .resolves/.rejects and asymmetric matchers, with failure messages that
// show expected against received as a line diff in node's formatting.
package expect

import (
	_ "embed"
	"fmt"
	"strings"
	"sync"

	"github.com/dop251/goja"

	"github.com/wsrfc/wsrfc/runtime/inspect"
)

// SourceName is the file name the matchers run under. Stack frames in it are
// the library's, not the test's: a failure's location is the first frame
// outside it.
const SourceName = "wsrfc:expect.js"

//go:embed expect.js
var source string

// program is compiled on first use: at package init it took 4 ms of every start of the binary.
var program = sync.OnceValue(func() *goja.Program { return goja.MustCompile(SourceName, source, true) })

// Expect is one runtime's expect function and the runner's handle on it.
type Expect struct {
	vm             *goja.Runtime
	fn             *goja.Object
	reset          goja.Callable
	verify         goja.Callable
	assertionError *goja.Object // the AssertionError class
}

// New builds expect for vm without defining any global. It must be called on
// the goroutine that owns vm.
func New(vm *goja.Runtime) (*Expect, error) {
	factory, err := vm.RunProgram(program())
	if err != nil {
		return nil, fmt.Errorf("expect: %w", err)
	}
	build, ok := goja.AssertFunction(factory)
	if !ok {
		return nil, fmt.Errorf("expect: %s does not evaluate to a function", SourceName)
	}
	native := vm.NewObject()
	_ = native.Set("format", func(v goja.Value) string {
		return inspect.Format(vm, v, inspect.Options{Depth: 4})
	})
	_ = native.Set("formatBlock", func(v goja.Value) string { return FormatBlock(vm, v) })
	_ = native.Set("diff", Diff)
	out, err := build(goja.Undefined(), native)
	if err != nil {
		return nil, fmt.Errorf("expect: %w", err)
	}
	obj := out.ToObject(vm)
	fn := obj.Get("expect").ToObject(vm)
	control := obj.Get("control").ToObject(vm)
	reset, _ := goja.AssertFunction(control.Get("reset"))
	verify, _ := goja.AssertFunction(control.Get("verify"))
	return &Expect{vm: vm, fn: fn, reset: reset, verify: verify, assertionError: fn.Get("AssertionError").ToObject(vm)}, nil
}

// Install defines the global expect on vm and returns the handle.
func Install(vm *goja.Runtime) (*Expect, error) {
	e, err := New(vm)
	if err != nil {
		return nil, err
	}
	if err := vm.Set("expect", e.fn); err != nil {
		return nil, err
	}
	return e, nil
}

// StartTest forgets the assertion count and any expect.assertions(n) of the
// previous test.
func (e *Expect) StartTest() {
	_, _ = e.reset(goja.Undefined())
}

// Verify returns what expect.assertions(n) or expect.hasAssertions() in the
// test that just ended found missing, or "".
func (e *Expect) Verify() string {
	v, err := e.verify(goja.Undefined())
	if err != nil {
		return ""
	}
	return v.String()
}

// IsAssertionError reports whether v was thrown by a failed matcher (its
// message then already says expected and received).
func (e *Expect) IsAssertionError(v goja.Value) bool {
	o, ok := v.(*goja.Object)
	return ok && e.vm.InstanceOf(o, e.assertionError)
}

// FormatBlock renders a value with one entry per line, the layout the diffs
// compare line by line. Every entry ends with a comma, the last one too, so
// that adding an entry changes one line of the diff instead of two.
func FormatBlock(vm *goja.Runtime, v goja.Value) string {
	text := inspect.Format(vm, v, inspect.Options{Depth: 20, Compact: -1, MaxArrayLength: 500, BreakLength: 1})
	lines := strings.Split(text, "\n")
	for i := 0; i+1 < len(lines); i++ {
		next := strings.TrimLeft(lines[i+1], " ")
		closes := strings.HasPrefix(next, "}") || strings.HasPrefix(next, "]")
		if closes && !strings.HasSuffix(lines[i], ",") && !strings.HasSuffix(lines[i], "{") && !strings.HasSuffix(lines[i], "[") {
			lines[i] += ","
		}
	}
	return strings.Join(lines, "\n")
}
