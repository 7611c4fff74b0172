package repl

import (
	"strings"

	"github.com/dop251/goja/ast"
	"github.com/dop251/goja/parser"
	"github.com/dop251/goja/token"

	"github.com/wsrfc/wsrfc/runtime/engine"
)

// inputKind says what the console should do with the text typed so far.
type inputKind int

const (
	inputScript     inputKind = iota // run as a script (it may still fail to compile: goja reports that)
	inputAwait                       // top-level await: run the rewritten async program and await it
	inputIncomplete                  // wait for more lines
)

// input is a statement, ready to run.
type input struct {
	kind inputKind
	// source is what runs: the text as typed, or the rewritten async program.
	source string
	// declared are the names the input declares with let, const or class at the top level. Such names are
	// no properties of the global object, so completion learns them here.
	declared []string
}

// asyncPrefix and asyncSuffix wrap input that uses await into an async function, so that it parses.
const (
	asyncPrefix = "(async () => {\n"
	asyncSuffix = "\n})()"
)

// classify decides whether src is complete and how to run it. goja's parser is the judge: input that ends
// while a bracket, template or comment is open fails with "Unexpected end of input", which means "more is
// coming" rather than "wrong".
func classify(src string) input {
	if strings.TrimSpace(src) == "" {
		return input{kind: inputScript, source: src}
	}
	if objectLiteral, ok := asObjectLiteral(src); ok {
		return input{kind: inputScript, source: objectLiteral}
	}
	prog, err := parser.ParseFile(nil, "", src, 0)
	if err == nil && engine.AwaitAsName(src) {
		// `await (f)()` and `await [p][0]` parse as a script that calls or
		// indexes a variable named await; at a prompt they mean top-level
		// await, as in node's REPL.
		wrapped := asyncPrefix + src + asyncSuffix
		if wprog, werr := parser.ParseFile(nil, "", wrapped, 0); werr == nil {
			if rewritten, declared, ok := rewriteAwait(wrapped, wprog); ok {
				return input{kind: inputAwait, source: rewritten, declared: declared}
			}
		}
	}
	if err == nil {
		return input{kind: inputScript, source: src, declared: lexicalNames(prog.Body)}
	}
	if endsEarly(err, src, "") {
		return input{kind: inputIncomplete}
	}
	if !strings.Contains(src, "await") {
		return input{kind: inputScript, source: src}
	}
	wrapped := asyncPrefix + src + asyncSuffix
	prog, werr := parser.ParseFile(nil, "", wrapped, 0)
	if werr != nil {
		if endsEarly(werr, src, asyncPrefix) && !overCloses(src) {
			return input{kind: inputIncomplete}
		}
		// A real syntax error: running the wrapped text lets goja report it where the await is legal.
		return input{kind: inputScript, source: wrapped}
	}
	if rewritten, declared, ok := rewriteAwait(wrapped, prog); ok {
		return input{kind: inputAwait, source: rewritten, declared: declared}
	}
	return input{kind: inputScript, source: wrapped}
}

// classifyWhole classifies text that gets no more lines (a file, the end of the input): if it is
// incomplete, it runs anyway, so that the syntax error shows.
func classifyWhole(src string) input {
	in := classify(src)
	if in.kind == inputIncomplete {
		return input{kind: inputScript, source: src}
	}
	return in
}

// endsEarly reports whether a parse error means that the input stopped before the statement did: the parser
// ran out of input, or (for text wrapped in prefix and asyncSuffix) tripped over the suffix.
func endsEarly(err error, src, prefix string) bool {
	first := firstError(err)
	if first == nil {
		return false
	}
	if strings.Contains(first.Message, "end of input") {
		return true
	}
	if prefix == "" {
		return false
	}
	suffixLine := strings.Count(prefix, "\n") + strings.Count(src, "\n") + 2
	return first.Position.Line >= suffixLine
}

func firstError(err error) *parser.Error {
	switch e := err.(type) {
	case parser.ErrorList:
		if len(e) > 0 {
			return e[0]
		}
	case *parser.Error:
		return e
	}
	return nil
}

// overCloses reports whether src closes a bracket it never opened. Such text can make the wrapped form fail
// inside the suffix although nothing is missing, and waiting for more lines would never help.
func overCloses(src string) bool {
	depth := 0
	scanCode(src, func(c byte) {
		switch c {
		case '(', '[', '{':
			depth++
		case ')', ']', '}':
			depth--
		}
	})
	return depth < 0
}

// scanCode calls fn for each byte of src that is code: outside strings, template text and comments. It
// reports whether src ends inside a string, a template's text or a comment. Regular-expression literals are
// not recognised; the callers need a rough picture only.
func scanCode(src string, fn func(c byte)) (open bool) {
	var templates []int // brace depth at which each open template's ${ began
	depth := 0
	for i := 0; i < len(src); i++ {
		c := src[i]
		switch {
		case c == '/' && i+1 < len(src) && src[i+1] == '/':
			end := strings.IndexByte(src[i:], '\n')
			if end < 0 {
				return true
			}
			i += end
		case c == '/' && i+1 < len(src) && src[i+1] == '*':
			end := strings.Index(src[i+2:], "*/")
			if end < 0 {
				return true
			}
			i += end + 3
		case c == '\'' || c == '"':
			for i++; i < len(src) && src[i] != c && src[i] != '\n'; i++ {
				if src[i] == '\\' {
					i++
				}
			}
			if i >= len(src) {
				return true
			}
		case c == '`' || (c == '}' && len(templates) > 0 && templates[len(templates)-1] == depth):
			if c == '}' {
				templates = templates[:len(templates)-1]
			}
			closed := false
			for i++; i < len(src) && !closed; i++ { // template text up to the closing backquote or the next ${
				switch {
				case src[i] == '\\':
					i++
				case src[i] == '`':
					closed = true
				case src[i] == '$' && i+1 < len(src) && src[i+1] == '{':
					i++
					templates = append(templates, depth)
					closed = true
				}
			}
			i--
			if !closed {
				return true
			}
		default:
			switch c {
			case '{':
				depth++
			case '}':
				depth--
			}
			fn(c)
		}
	}
	return false
}

// asObjectLiteral reads input such as `{ a: 1 }` as an object, not a block, as node's REPL does.
func asObjectLiteral(src string) (string, bool) {
	t := strings.TrimSpace(src)
	if !strings.HasPrefix(t, "{") || !strings.HasSuffix(t, "}") {
		return "", false
	}
	wrapped := "(" + t + "\n)"
	if _, err := parser.ParseFile(nil, "", wrapped, 0); err != nil {
		return "", false
	}
	return wrapped, true
}

// lexicalNames lists the names of top-level let, const and class declarations.
func lexicalNames(body []ast.Statement) []string {
	var names []string
	for _, st := range body {
		switch d := st.(type) {
		case *ast.LexicalDeclaration:
			for _, b := range d.List {
				names = bindingNames(b.Target, names)
			}
		case *ast.ClassDeclaration:
			if d.Class.Name != nil {
				names = append(names, string(d.Class.Name.Name))
			}
		}
	}
	return names
}

// rewriteAwait turns the statements of an async wrapper into a program whose top-level declarations outlive
// it, the way node's REPL does: declarations are hoisted in front of the async function and become
// assignments inside it, and the value of a final expression statement is returned, boxed so that a promise
// it yields is shown rather than awaited. It reports false for shapes it does not handle.
func rewriteAwait(wrapped string, prog *ast.Program) (string, []string, bool) {
	body, ok := asyncBody(prog)
	if !ok {
		return "", nil, false
	}
	text := func(n ast.Node) string { return wrapped[n.Idx0()-1 : n.Idx1()-1] }
	var hoisted, inner strings.Builder
	var declared []string
	for i, st := range body.List {
		last := i == len(body.List)-1
		switch s := st.(type) {
		case *ast.VariableStatement:
			var names []string
			for _, b := range s.List {
				names = bindingNames(b.Target, names)
			}
			hoisted.WriteString("var " + strings.Join(names, ", ") + ";\n")
			assignBindings(&inner, s.List, text)
		case *ast.LexicalDeclaration:
			var names []string
			for _, b := range s.List {
				names = bindingNames(b.Target, names)
			}
			// A const becomes a let: its value arrives later, inside the async function.
			hoisted.WriteString("let " + strings.Join(names, ", ") + ";\n")
			assignBindings(&inner, s.List, text)
			declared = append(declared, names...)
		case *ast.FunctionDeclaration:
			hoisted.WriteString(text(s) + "\n")
		case *ast.ClassDeclaration:
			if s.Class.Name == nil {
				return "", nil, false
			}
			name := string(s.Class.Name.Name)
			hoisted.WriteString("let " + name + ";\n")
			inner.WriteString(name + " = " + text(s) + ";\n")
			declared = append(declared, name)
		case *ast.ExpressionStatement:
			if last {
				inner.WriteString("return { value: (\n" + text(s) + "\n) };\n")
			} else {
				inner.WriteString(text(s) + ";\n")
			}
		default:
			inner.WriteString(text(st) + "\n")
		}
	}
	out := hoisted.String() + asyncPrefix + inner.String() + asyncSuffix
	if _, err := parser.ParseFile(nil, "", out, 0); err != nil {
		return "", nil, false
	}
	return out, declared, true
}

// asyncBody finds the block of `(async () => { ... })()`.
func asyncBody(prog *ast.Program) (*ast.BlockStatement, bool) {
	if len(prog.Body) != 1 {
		return nil, false
	}
	es, ok := prog.Body[0].(*ast.ExpressionStatement)
	if !ok {
		return nil, false
	}
	call, ok := es.Expression.(*ast.CallExpression)
	if !ok {
		return nil, false
	}
	arrow, ok := call.Callee.(*ast.ArrowFunctionLiteral)
	if !ok {
		return nil, false
	}
	block, ok := arrow.Body.(*ast.BlockStatement)
	return block, ok
}

// assignBindings writes `void (target = initializer);` for each binding that has an initializer.
func assignBindings(w *strings.Builder, list []*ast.Binding, text func(ast.Node) string) {
	for _, b := range list {
		if b.Initializer == nil {
			continue
		}
		w.WriteString("void (" + text(b) + ");\n")
	}
}

// bindingNames appends the identifiers a binding target declares, looking into destructuring patterns.
func bindingNames(target ast.Expression, names []string) []string {
	switch t := target.(type) {
	case *ast.Identifier:
		names = append(names, string(t.Name))
	case *ast.ArrayPattern:
		for _, e := range t.Elements {
			names = bindingNames(e, names)
		}
		if t.Rest != nil {
			names = bindingNames(t.Rest, names)
		}
	case *ast.ObjectPattern:
		for _, p := range t.Properties {
			switch p := p.(type) {
			case *ast.PropertyShort:
				names = append(names, string(p.Name.Name))
			case *ast.PropertyKeyed:
				names = bindingNames(p.Value, names)
			}
		}
		if t.Rest != nil {
			names = bindingNames(t.Rest, names)
		}
	case *ast.AssignExpression: // a default value: [a = 1]
		if t.Operator == token.ASSIGN {
			names = bindingNames(t.Left, names)
		}
	case *ast.SpreadElement:
		names = bindingNames(t.Expression, names)
	}
	return names
}
