package inspect

import (
	"strings"

	"github.com/dop251/goja"
)

// FormatArgs joins console.log-style arguments like node's util.format: a first string argument may hold
// %s %d %i %f %j %o %O %c and %% placeholders; the remaining arguments follow, separated by spaces,
// strings as they are and everything else inspected. It must be called on the goroutine that owns vm.
func FormatArgs(vm *goja.Runtime, args []goja.Value, colors bool) (out string) {
	if len(args) == 0 {
		return ""
	}
	f := newFormatter(vm, Options{Colors: colors})
	defer f.recoverTo(&out, args...)

	inspect := func(v goja.Value, opts Options) string {
		g := *f
		g.Options = opts.normalized()
		g.seen, g.circular, g.indentationLvl, g.currentDepth = nil, nil, 0, 0
		return g.formatValue(v, 0, false)
	}
	withColors := Options{Colors: colors}

	var b strings.Builder
	a := 0
	sep := ""
	if goja.IsString(args[0]) {
		first := args[0].String()
		if len(args) == 1 {
			return first
		}
		lastPos := 0
		for i := 0; i < len(first)-1; i++ {
			if first[i] != '%' {
				continue
			}
			i++
			next := first[i]
			if a+1 == len(args) {
				if next == '%' {
					b.WriteString(first[lastPos:i])
					lastPos = i + 1
				}
				continue
			}
			var text string
			switch next {
			case 's':
				a++
				arg := args[a]
				switch {
				case goja.IsNumber(arg):
					text = numberString(arg)
				case goja.IsBigInt(arg):
					text = arg.String() + "n"
				default:
					if _, isObj := arg.(*goja.Object); isObj {
						text = inspect(arg, Options{Depth: DepthTopLevel})
					} else if s, isSym := arg.(*goja.Symbol); isSym {
						text = symbolString(s)
					} else {
						text = fallback(arg)
					}
				}
			case 'j':
				a++
				v, err := f.helpers().json(goja.Undefined(), args[a])
				if err != nil {
					text = "<JSON.stringify failed: " + err.Error() + ">"
				} else {
					text = fallback(v)
				}
			case 'd', 'i', 'f':
				a++
				arg := args[a]
				if goja.IsBigInt(arg) && next != 'f' {
					text = arg.String() + "n"
					break
				}
				if _, isObj := arg.(*goja.Object); isObj { // converting would run the object's valueOf or toString
					text = "NaN"
					break
				}
				how := map[byte]string{'d': "number", 'i': "int", 'f': "float"}[next]
				text = numberString(f.call(f.helpers().toNumber, arg, vm.ToValue(how)))
			case 'O':
				a++
				text = inspect(args[a], withColors)
			case 'o':
				a++
				opts := withColors
				opts.Depth = 4
				text = inspect(args[a], opts)
			case 'c':
				a++
				text = ""
			case '%':
				b.WriteString(first[lastPos:i])
				lastPos = i + 1
				continue
			default:
				continue
			}
			if lastPos != i-1 {
				b.WriteString(first[lastPos : i-1])
			}
			b.WriteString(text)
			lastPos = i + 1
		}
		if lastPos != 0 {
			a++
			sep = " "
			if lastPos < len(first) {
				b.WriteString(first[lastPos:])
			}
		}
	}
	for ; a < len(args); a++ {
		b.WriteString(sep)
		if goja.IsString(args[a]) {
			b.WriteString(args[a].String())
		} else {
			b.WriteString(inspect(args[a], withColors))
		}
		sep = " "
	}
	return b.String()
}
