package engine

import (
	"strconv"
	"strings"

	"github.com/wsrfc/wsrfc/internal/lazyre"
)

// This file owns the positions goja reports in a script's source: the place
// its compiler writes into an error's message, and the columns on the first
// line of a file run inside a function wrapper — the engine's own wrappers
// below, and the one goja_nodejs puts around a file loaded through require.

// requireWrapperPrefix is what goja_nodejs puts in front of a module's first line (require/module.go).
const requireWrapperPrefix = "(function(exports,require,module,__filename,__dirname){"

// The engine's wrappers of a main script.
const (
	moduleWrapperPrefix = "(function (exports, require, module, __filename, __dirname) { "
	asyncModulePrefix   = "(async function (exports, require, module, __filename, __dirname) { "
	asyncInlinePrefix   = "(async () => { "
	asyncSuffix         = "\n})"
	// transpiledMainPrefix adds __main, through which a module with top-level await hands over its body's promise.
	transpiledMainPrefix = "(function (exports, require, module, __filename, __dirname, __main) { "
)

// wrapping is how a file's code was wrapped into a function: the length added in front of its first
// line, and its last line (what comes after is the wrapper's own code).
type wrapping struct{ prefixLen, lines int }

// noteWrapper records that path runs inside a function wrapper of the given length on line 1.
func (r *Runtime) noteWrapper(path string, prefixLen int, src string) {
	if r.wrapped == nil {
		r.wrapped = map[string]wrapping{}
	}
	r.wrapped[path] = wrapping{prefixLen: prefixLen, lines: strings.Count(src, "\n") + 1}
}

// compilerMessage is how goja's compiler writes a position: "file: Line 2:7 Unexpected token ; (and 2
// more errors)", behind "in module 'x': " when the file was required.
var compilerMessage = lazyre.New(`^(?:in module '[^']*': )*(.*): Line (\d+):(\d+) (.*?)(?: \(and \d+ more errors?\))?$`)

// CompileMessage is a compile error's message taken apart.
type CompileMessage struct {
	File         string
	Line, Column int // as goja counts them: in a required file, column on line 1 counts the wrapper
	Text         string
}

// ParseCompileMessage takes apart the message of a goja compile error; it
// reports false for a message without a position.
func ParseCompileMessage(msg string) (CompileMessage, bool) {
	m := compilerMessage().FindStringSubmatch(msg)
	if m == nil {
		return CompileMessage{}, false
	}
	line, _ := strconv.Atoi(m[2])
	col, _ := strconv.Atoi(m[3])
	return CompileMessage{File: m[1], Line: line, Column: col, Text: m[4]}, true
}

// ModuleColumn is the column in the file of a position goja reports in a
// file loaded through require.
func ModuleColumn(line, col int) int {
	return columnInFile(line, col, len(requireWrapperPrefix))
}

// columnInFile takes a wrapper of prefixLen bytes off a column on line 1.
func columnInFile(line, col, prefixLen int) int {
	if line == 1 && col > prefixLen {
		return col - prefixLen
	}
	return col
}
