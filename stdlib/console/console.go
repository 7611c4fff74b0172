// Package console provides the JavaScript console object, printing like node's console (util.format and
// util.inspect output, no timestamps).
package console

import (
	"io"
	"math"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/dop251/goja"

	"github.com/wsrfc/wsrfc/runtime/eventloop"
	"github.com/wsrfc/wsrfc/runtime/inspect"
)

// Console is the state behind one runtime's console object.
type Console struct {
	vm     *goja.Runtime
	stdout io.Writer
	stderr io.Writer
	colors bool

	// mu makes each message a single Write, so messages do not interleave when stdout and stderr share a writer.
	mu     sync.Mutex
	indent string
	counts map[string]int
	timers map[string]time.Time

	// Now is the clock for console.time; tests replace it.
	Now func() time.Time
}

// Install defines the global console on vm: log, info and debug write to stdout, error, warn and trace to
// stderr. colors enables ANSI colours in inspected values. It must be called on the goroutine that owns vm.
func Install(vm *goja.Runtime, stdout, stderr io.Writer, colors bool) *Console {
	c := &Console{
		vm: vm, stdout: stdout, stderr: stderr, colors: colors,
		counts: map[string]int{}, timers: map[string]time.Time{}, Now: time.Now,
	}
	// Capture the built-ins inspect relies on before any script can replace them.
	_ = inspect.Prepare(vm)

	obj := vm.NewObject()
	methods := map[string]func(goja.FunctionCall) goja.Value{
		"log":            c.printer(c.stdoutWriter),
		"info":           c.printer(c.stdoutWriter),
		"debug":          c.printer(c.stdoutWriter),
		"dirxml":         c.printer(c.stdoutWriter),
		"error":          c.printer(c.stderrWriter),
		"warn":           c.printer(c.stderrWriter),
		"dir":            c.dir,
		"table":          c.table,
		"time":           c.time,
		"timeEnd":        c.timeEnd,
		"timeLog":        c.timeLog,
		"assert":         c.assert,
		"count":          c.count,
		"countReset":     c.countReset,
		"group":          c.group,
		"groupCollapsed": c.group,
		"groupEnd":       c.groupEnd,
		"trace":          c.trace,
	}
	for name, fn := range methods {
		guarded := fn
		_ = obj.Set(name, func(call goja.FunctionCall) goja.Value {
			defer eventloop.ThrowOnPanic(vm)
			return guarded(call)
		})
	}
	_ = vm.Set("console", obj)
	return c
}

func (c *Console) stdoutWriter() io.Writer { return c.stdout }
func (c *Console) stderrWriter() io.Writer { return c.stderr }

// write prints text as one line (or block) at the current group indentation.
func (c *Console) write(w io.Writer, text string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.indent != "" {
		text = c.indent + strings.ReplaceAll(text, "\n", "\n"+c.indent)
	}
	_, _ = io.WriteString(w, text+"\n")
}

func (c *Console) format(args []goja.Value) string {
	return inspect.FormatArgs(c.vm, args, c.colors)
}

func (c *Console) printer(w func() io.Writer) func(goja.FunctionCall) goja.Value {
	return func(call goja.FunctionCall) goja.Value {
		c.write(w(), c.format(call.Arguments))
		return goja.Undefined()
	}
}

func (c *Console) dir(call goja.FunctionCall) goja.Value {
	opts := inspect.Options{Colors: c.colors}
	if o, ok := call.Argument(1).(*goja.Object); ok {
		if d := o.Get("depth"); d != nil && !goja.IsUndefined(d) {
			if goja.IsNull(d) {
				opts.Depth = inspect.Unlimited
			} else {
				opts.Depth = inspect.NodeDepth(d.ToFloat())
			}
		}
		if v := o.Get("colors"); v != nil && !goja.IsUndefined(v) {
			opts.Colors = v.ToBoolean()
		}
		if v := o.Get("maxArrayLength"); v != nil && goja.IsNumber(v) {
			opts.MaxArrayLength = limit(v.ToFloat())
		}
		if v := o.Get("breakLength"); v != nil && goja.IsNumber(v) {
			opts.BreakLength = limit(v.ToFloat())
		}
	}
	c.write(c.stdout, inspect.Format(c.vm, call.Argument(0), opts))
	return goja.Undefined()
}

func limit(n float64) int {
	switch {
	case n >= inspect.Unlimited:
		return inspect.Unlimited
	case n < 1:
		return -1
	}
	return int(n)
}

func (c *Console) table(call goja.FunctionCall) goja.Value {
	var columns []string
	if arg := call.Argument(1); !goja.IsUndefined(arg) {
		obj, ok := arg.(*goja.Object)
		if !ok || obj.ClassName() != "Array" {
			panic(c.vm.NewTypeError(`The "properties" argument of console.table must be an array of column names`))
		}
		columns = []string{}
		for _, k := range obj.Keys() {
			columns = append(columns, obj.Get(k).String())
		}
	}
	data := call.Argument(0)
	if _, ok := data.(*goja.Object); !ok {
		c.write(c.stdout, c.format([]goja.Value{data}))
		return goja.Undefined()
	}
	if c.colors {
		c.write(c.stdout, inspect.ColorTable(c.vm, data, columns))
	} else {
		c.write(c.stdout, inspect.Table(c.vm, data, columns))
	}
	return goja.Undefined()
}

func label(call goja.FunctionCall) string {
	if arg := call.Argument(0); !goja.IsUndefined(arg) {
		return arg.String()
	}
	return "default"
}

func (c *Console) warning(text string) {
	c.write(c.stderr, "Warning: "+text)
}

func (c *Console) time(call goja.FunctionCall) goja.Value {
	name := label(call)
	if _, exists := c.timers[name]; exists {
		c.warning("Label '" + name + "' already exists for console.time()")
		return goja.Undefined()
	}
	c.timers[name] = c.Now()
	return goja.Undefined()
}

func (c *Console) timeEnd(call goja.FunctionCall) goja.Value {
	name := label(call)
	start, ok := c.timers[name]
	if !ok {
		c.warning("No such label '" + name + "' for console.timeEnd()")
		return goja.Undefined()
	}
	delete(c.timers, name)
	c.write(c.stdout, name+": "+formatDuration(c.Now().Sub(start)))
	return goja.Undefined()
}

func (c *Console) timeLog(call goja.FunctionCall) goja.Value {
	name := label(call)
	start, ok := c.timers[name]
	if !ok {
		c.warning("No such label '" + name + "' for console.timeLog()")
		return goja.Undefined()
	}
	text := name + ": " + formatDuration(c.Now().Sub(start))
	if len(call.Arguments) > 1 {
		text += " " + c.format(call.Arguments[1:])
	}
	c.write(c.stdout, text)
	return goja.Undefined()
}

// formatDuration prints like node's console.time: "1.234ms", "1.500s", "1:02.500 (m:ss.mmm)".
func formatDuration(d time.Duration) string {
	ms := float64(d) / float64(time.Millisecond)
	const second, minute, hour = 1000.0, 60000.0, 3600000.0
	var hours, minutes, seconds float64
	if ms >= second {
		if ms >= minute {
			if ms >= hour {
				hours = math.Floor(ms / hour)
				ms = math.Mod(ms, hour)
			}
			minutes = math.Floor(ms / minute)
			ms = math.Mod(ms, minute)
		}
		seconds = ms / second
	}
	if hours != 0 || minutes != 0 {
		secs, frac, _ := strings.Cut(strconv.FormatFloat(seconds, 'f', 3, 64), ".")
		pad := func(s string) string {
			if len(s) < 2 {
				return "0" + s
			}
			return s
		}
		if hours != 0 {
			return strconv.Itoa(int(hours)) + ":" + pad(strconv.Itoa(int(minutes))) + ":" + pad(secs) + "." + frac + " (h:mm:ss.mmm)"
		}
		return strconv.Itoa(int(minutes)) + ":" + pad(secs) + "." + frac + " (m:ss.mmm)"
	}
	if seconds != 0 {
		return strconv.FormatFloat(seconds, 'f', 3, 64) + "s"
	}
	rounded, _ := strconv.ParseFloat(strconv.FormatFloat(ms, 'f', 3, 64), 64)
	return strconv.FormatFloat(rounded, 'f', -1, 64) + "ms"
}

func (c *Console) assert(call goja.FunctionCall) goja.Value {
	if call.Argument(0).ToBoolean() {
		return goja.Undefined()
	}
	// As node: the first data argument is appended to "Assertion failed: " and may hold format placeholders.
	args := append([]goja.Value(nil), call.Arguments[min(1, len(call.Arguments)):]...)
	if len(args) == 0 {
		args = []goja.Value{c.vm.ToValue("Assertion failed")}
	} else {
		first := args[0].String()
		if _, isObj := args[0].(*goja.Object); isObj || !goja.IsString(args[0]) {
			first = inspect.FormatArgs(c.vm, args[:1], false)
		}
		args[0] = c.vm.ToValue("Assertion failed: " + first)
	}
	c.write(c.stderr, c.format(args))
	return goja.Undefined()
}

func (c *Console) count(call goja.FunctionCall) goja.Value {
	name := label(call)
	c.counts[name]++
	c.write(c.stdout, name+": "+strconv.Itoa(c.counts[name]))
	return goja.Undefined()
}

func (c *Console) countReset(call goja.FunctionCall) goja.Value {
	name := label(call)
	if _, ok := c.counts[name]; !ok {
		c.warning("Count for '" + name + "' does not exist")
		return goja.Undefined()
	}
	c.counts[name] = 0
	return goja.Undefined()
}

func (c *Console) group(call goja.FunctionCall) goja.Value {
	if len(call.Arguments) > 0 {
		c.write(c.stdout, c.format(call.Arguments))
	}
	c.mu.Lock()
	c.indent += "  "
	c.mu.Unlock()
	return goja.Undefined()
}

func (c *Console) groupEnd(goja.FunctionCall) goja.Value {
	c.mu.Lock()
	c.indent = c.indent[:max(0, len(c.indent)-2)]
	c.mu.Unlock()
	return goja.Undefined()
}

func (c *Console) trace(call goja.FunctionCall) goja.Value {
	text := "Trace"
	if len(call.Arguments) > 0 {
		text += ": " + c.format(call.Arguments)
	}
	frames := c.vm.CaptureCallStack(inspect.MaxStackFrames+1, nil)
	if len(frames) > 0 {
		frames = frames[1:] // console.trace itself
	}
	if stack := inspect.StackFrames(frames); stack != "" {
		text += "\n" + stack
	}
	c.write(c.stderr, text)
	return goja.Undefined()
}
