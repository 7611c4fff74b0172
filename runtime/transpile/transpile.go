// Package transpile turns ES modules and TypeScript into the CommonJS that goja runs, with an inline source map
// so that stack traces name the original file, line and column. Plain scripts are left alone: esbuild only runs
// for files that need it, which keeps the start of ordinary scripts as fast as before.
package transpile

import (
	"encoding/base64"
	"encoding/json"
	"fmt"
	"net/url"
	"path/filepath"
	"strings"

	"github.com/evanw/esbuild/pkg/api"

	"github.com/wsrfc/wsrfc/internal/lazyre"
)

// moduleSyntax finds what goja cannot parse: import/export statements at the start of a line, dynamic import(),
// import.meta, and async iteration (for await, async generators), which esbuild lowers.
var moduleSyntax = lazyre.New(`(?m)^[ \t]*(?:import[ \t]*[\w{*'"]|export[ \t\n]+[\w{*]|export[ \t]*\{)` +
	`|\bimport[ \t]*\(|\bimport\.meta\b|\bfor[ \t]+await\b|\basync[ \t]*\*|\basync[ \t]+function[ \t]*\*`)

// IsTypeScript reports whether the file name has a TypeScript extension.
func IsTypeScript(path string) bool {
	switch filepath.Ext(path) {
	case ".ts", ".mts", ".cts":
		return true
	}
	return false
}

// Needed reports whether a file must go through Transform: TypeScript, .mjs, or a .js file using module or
// async-iteration syntax. A .cjs file is CommonJS by definition.
func Needed(path string, src []byte) bool {
	switch filepath.Ext(path) {
	case ".ts", ".mts", ".cts", ".mjs":
		return true
	case ".cjs", ".json":
		return false
	}
	return moduleSyntax().Match(src)
}

// SyntaxError is a parse error in the original source, with its position.
type SyntaxError struct {
	File         string
	Line, Column int // 1-based
	Message      string
}

func (e *SyntaxError) Error() string {
	return fmt.Sprintf("%s:%d:%d: %s", e.File, e.Line, e.Column, e.Message)
}

// unsupported lists what goja lacks and esbuild can lower; everything else goja parses natively is left as written.
var unsupported = map[string]bool{
	"async-generator": false,
	"for-await":       false,
	// goja has no import(): esbuild turns it into a promise of require().
	"dynamic-import": false,
}

func options(path string, format api.Format) api.TransformOptions {
	loader := api.LoaderJS
	if IsTypeScript(path) {
		loader = api.LoaderTS
	}
	// esbuild gives .mjs and .mts files node's interop, in which a default import of a converted ES module is its
	// whole namespace; as a .js/.ts file it honours __esModule, so import x from './y.mjs' gets y's default.
	// oneBasedColumns puts the real name back into the source map.
	sourcefile := path
	switch filepath.Ext(path) {
	case ".mjs":
		sourcefile += ".js"
	case ".mts":
		sourcefile += ".ts"
	}
	fileURL, _ := json.Marshal((&url.URL{Scheme: "file", Path: filepath.ToSlash(path)}).String())
	return api.TransformOptions{
		// import.meta has no CommonJS form of its own; the module wrapper's names stand in for it.
		Define: map[string]string{
			"import.meta.dirname":  "__dirname",
			"import.meta.filename": "__filename",
			"import.meta.url":      string(fileURL),
		},
		Loader:     loader,
		Format:     format,
		Sourcemap:  api.SourceMapInline,
		Sourcefile: sourcefile,
		// The map only needs positions; the original text is on disk.
		SourcesContent: api.SourcesContentExclude,
		Supported:      unsupported,
		Platform:       api.PlatformNode,
		LogLevel:       api.LogLevelSilent,
		// Without a tsconfig esbuild would treat TypeScript's class fields as the old "define" semantics.
		TsconfigRaw: `{"compilerOptions":{"useDefineForClassFields":true}}`,
	}
}

// Transform turns a module into CommonJS for goja_nodejs's require: import becomes require, export fills
// exports, import() becomes a promise of require, and types are stripped. Top-level await is an error here,
// because require is synchronous; only the entry module may use it (see Entry).
func Transform(path string, src []byte) (string, error) {
	res := api.Transform(string(src), options(path, api.FormatCommonJS))
	if len(res.Errors) > 0 {
		err := syntaxError(path, res.Errors[0])
		if strings.Contains(res.Errors[0].Text, "Top-level await") {
			err.Message = "top-level await works only in the script wsrfc runs, not in the modules it imports " +
				"(they load synchronously); export an async function instead"
		}
		return "", err
	}
	return oneBasedColumns(string(res.Code), path), nil
}

// Entry transforms the main module. It returns async true when the module uses top-level await: the code then
// calls __main with the promise of the module's body, which the caller must pass as a sixth wrapper argument
// after CommonJS's (exports, require, module, __filename, __dirname), to report a rejection as uncaught.
func Entry(path string, src []byte) (code string, async bool, err error) {
	res := api.Transform(string(src), options(path, api.FormatCommonJS))
	if len(res.Errors) == 0 {
		return oneBasedColumns(string(res.Code), path), false, nil
	}
	if !strings.Contains(res.Errors[0].Text, "Top-level await") {
		return "", false, syntaxError(path, res.Errors[0])
	}
	// CommonJS cannot express top-level await. Print the module as ESM first (types stripped, one import
	// declaration per statement), hoist the imports as ES semantics do anyway, wrap the rest in an async
	// function, and convert that. Both steps keep the line numbers, and esbuild chains the two source maps.
	esm := api.Transform(string(src), options(path, api.FormatESModule))
	if len(esm.Errors) > 0 {
		return "", false, syntaxError(path, esm.Errors[0])
	}
	wrapped := wrapAsync(string(esm.Code))
	res = api.Transform(wrapped, options(path, api.FormatCommonJS))
	if len(res.Errors) > 0 {
		return "", false, syntaxError(path, res.Errors[0])
	}
	return oneBasedColumns(string(res.Code), path), true, nil
}

// wrapAsync rewrites esbuild's ESM output so that everything but the import declarations runs in an async
// function handed to __main. esbuild prints top-level statements unindented and import declarations as
// whole statements, so they can be recognised line by line; exports of the entry module are dropped, since
// nothing imports the entry module.
func wrapAsync(esm string) string {
	lines := strings.Split(esm, "\n")
	var imports []string
	var export []string // an export list being read, which esbuild may print over several lines
	inImport := false
	for i, line := range lines {
		switch {
		case inImport:
			imports = append(imports, line)
			lines[i] = ""
			inImport = !strings.HasSuffix(line, ";")
		case export != nil:
			export = append(export, line)
			lines[i] = ""
		case isImportDeclaration(line):
			imports = append(imports, line)
			lines[i] = ""
			inImport = !strings.HasSuffix(line, ";")
		case strings.HasPrefix(line, "export {") || strings.HasPrefix(line, "export *"):
			export = []string{line}
			lines[i] = ""
		case strings.HasPrefix(line, "export default "):
			rest := strings.TrimPrefix(line, "export default ")
			if strings.HasPrefix(rest, "function") || strings.HasPrefix(rest, "async function") || strings.HasPrefix(rest, "class") {
				lines[i] = rest // a declaration stays one, so its name is bound
			} else {
				lines[i] = "var __default = " + rest // an expression, which may start with { like a block
			}
		case strings.HasPrefix(line, "export "):
			lines[i] = strings.TrimPrefix(line, "export ")
		}
		if export != nil && strings.HasSuffix(line, ";") {
			// A re-export still loads its module.
			if _, from, ok := strings.Cut(strings.Join(export, " "), "} from "); ok {
				imports = append(imports, "import "+from)
			} else if _, from, ok := strings.Cut(export[0], " from "); ok && strings.HasPrefix(export[0], "export *") {
				imports = append(imports, "import "+from)
			}
			export = nil
		}
	}
	mapLine := ""
	for i := len(lines) - 1; i >= 0; i-- {
		if strings.HasPrefix(lines[i], "//# sourceMappingURL=") {
			mapLine, lines[i] = lines[i], ""
			break
		}
	}
	head := strings.Join(imports, " ") + " __main((async () => {"
	lines[0] = head + lines[0]
	return strings.Join(lines, "\n") + "\n})());\n" + mapLine + "\n"
}

func isImportDeclaration(line string) bool {
	if !strings.HasPrefix(line, "import") || len(line) < 7 {
		return false
	}
	switch line[6] {
	case ' ', '{', '*', '"', '\'':
		return true
	}
	return false
}

func syntaxError(path string, msg api.Message) *SyntaxError {
	e := &SyntaxError{File: path, Line: 1, Column: 1, Message: msg.Text}
	if loc := msg.Location; loc != nil {
		e.Line, e.Column = loc.Line, loc.Column+1
	}
	return e
}

const mapComment = "//# sourceMappingURL=data:application/json;base64,"

// oneBasedColumns names path as the source and makes the inline source map's columns 1-based. goja looks up a
// source map with a 1-based generated column and reports the original column as found, while source maps count
// columns from 0; shifted, mapped frames read like unmapped ones (and node's). Columns are stored as deltas:
// generated ones restart on every line, original ones run through the whole map, so only the first segment of
// each line, and the first segment that names an original position, change.
func oneBasedColumns(code, path string) string {
	i := strings.LastIndex(code, mapComment)
	if i < 0 {
		return code
	}
	raw, err := base64.StdEncoding.DecodeString(strings.TrimSpace(code[i+len(mapComment):]))
	if err != nil {
		return code
	}
	var sm map[string]any
	if json.Unmarshal(raw, &sm) != nil {
		return code
	}
	mappings, _ := sm["mappings"].(string)
	sm["mappings"] = oneBasedMappings(mappings)
	sm["sources"] = []string{path}
	out, err := json.Marshal(sm)
	if err != nil {
		return code
	}
	return code[:i] + mapComment + base64.StdEncoding.EncodeToString(out) + "\n"
}

const vlqChars = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"

func oneBasedMappings(mappings string) string {
	lines := strings.Split(mappings, ";")
	originalShifted := false
	for i, line := range lines {
		if line == "" {
			continue
		}
		segments := strings.Split(line, ",")
		for j, seg := range segments {
			fields, ok := decodeVLQ(seg)
			if !ok || len(fields) == 0 {
				return mappings
			}
			if j == 0 {
				fields[0]++ // generated columns restart at every line
			}
			if !originalShifted && len(fields) >= 4 {
				fields[3]++
				originalShifted = true
			}
			segments[j] = encodeVLQ(fields)
			if j > 0 && originalShifted {
				break
			}
		}
		lines[i] = strings.Join(segments, ",")
	}
	return strings.Join(lines, ";")
}

func decodeVLQ(s string) ([]int, bool) {
	var out []int
	value, shift := 0, 0
	for i := 0; i < len(s); i++ {
		digit := strings.IndexByte(vlqChars, s[i])
		if digit < 0 {
			return nil, false
		}
		value += (digit & 31) << shift
		if digit&32 != 0 {
			shift += 5
			continue
		}
		if value&1 != 0 {
			out = append(out, -(value >> 1))
		} else {
			out = append(out, value>>1)
		}
		value, shift = 0, 0
	}
	return out, shift == 0
}

func encodeVLQ(fields []int) string {
	var b strings.Builder
	for _, v := range fields {
		u := v << 1
		if v < 0 {
			u = (-v)<<1 | 1
		}
		for {
			digit := u & 31
			u >>= 5
			if u > 0 {
				digit |= 32
			}
			b.WriteByte(vlqChars[digit])
			if u == 0 {
				break
			}
		}
	}
	return b.String()
}

// StripTypes removes TypeScript's type syntax from a script and leaves everything else as written, for the REPL:
// `let n: number = 1` runs as `let n = 1`.
func StripTypes(src string) (string, error) {
	res := api.Transform(src, api.TransformOptions{
		Loader:      api.LoaderTS,
		Supported:   unsupported,
		LogLevel:    api.LogLevelSilent,
		TsconfigRaw: `{"compilerOptions":{"useDefineForClassFields":true,"verbatimModuleSyntax":true}}`,
	})
	if len(res.Errors) > 0 {
		return "", syntaxError("[repl]", res.Errors[0])
	}
	return string(res.Code), nil
}
