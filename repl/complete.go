package repl

import (
	"context"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/dop251/goja"
	"github.com/dop251/goja/parser"

	"github.com/wsrfc/wsrfc/internal/lazyre"
	"github.com/wsrfc/wsrfc/protocol"
	"github.com/wsrfc/wsrfc/runtime/inspect"
	"github.com/wsrfc/wsrfc/session"
)

// Completion waits this long for the runtime (busy with a timer callback, say) and for SAP; a Tab that
// hangs is worse than one that completes nothing.
const (
	completionWait     = 2 * time.Second
	completionSAPWait  = 5 * time.Second
	functionSearchSize = 500
)

var (
	// functionArgument matches the start of a function-module name being typed: sap.rfc.call('BAPI_US
	functionArgument = lazyre.New(`rfc\s*\.\s*(?:call|callAsync|metadata)\s*\(\s*['"` + "`" + `]([A-Za-z0-9_/]*)$`)
	// parameterObject matches the parameters object of a call: sap.rfc.call('STFC_CONNECTION', {
	parameterObject = lazyre.New(`rfc\s*\.\s*(?:call|callAsync)\s*\(\s*['"` + "`" + `]([A-Za-z0-9_/]+)['"` + "`" + `]\s*,\s*\{`)
	// memberPath matches an identifier or a dotted path being typed at the end of the text: sap.rfc.ca
	memberPath = lazyre.New(`(?:^|[^\w$.\])'"` + "`" + `])((?:[A-Za-z_$][\w$]*\s*\??\.\s*)*)([A-Za-z_$][\w$]*)?$`)
	// paramKey matches the name being typed in key position of an object literal.
	paramKey  = lazyre.New(`(?:^|[{,])\s*([A-Za-z0-9_]*)$`)
	givenKeys = lazyre.New(`([A-Za-z0-9_]+)\s*:`)
	wordChars = lazyre.New(`[A-Za-z0-9_/]*$`)
)

// keywords are completed at the start of an expression, as node does.
var keywords = strings.Fields(`await async break case catch class const continue debugger default delete do else
	extends false finally for function if import in instanceof let new null return super switch this throw true
	try typeof undefined var void while yield`)

// Complete completes the word at the cursor, for the terminal's Tab key: dot commands, globals and object
// properties (read without running getters or functions), function-module names inside sap.rfc.call('...
// and the parameter names of the module being called inside its parameters object. It returns the text
// before the word, the candidates for the word and the text after the cursor. pos counts runes.
//
// It is called on the prompt's goroutine while Run drives the event loop; JavaScript values are read on the
// loop, and SAP is asked directly (the session is safe for concurrent use).
func (r *REPL) Complete(line string, pos int) (head string, completions []string, tail string) {
	if r.js.Load() == nil {
		return line, nil, ""
	}
	runes := []rune(line)
	if pos < 0 || pos > len(runes) {
		pos = len(runes)
	}
	before, tail := string(runes[:pos]), string(runes[pos:])

	if strings.HasPrefix(strings.TrimLeft(before, " "), ".") && len(r.buffer) == 0 {
		return r.completeCommand(before, tail)
	}
	// A call may have begun on an earlier line of the statement; the word being completed is on this one.
	statement := before
	if len(r.buffer) > 0 {
		statement = strings.Join(r.buffer, "\n") + "\n" + before
	}
	if m := functionArgument().FindStringSubmatch(statement); m != nil {
		return before[:len(before)-len(m[1])], r.functionNames(m[1]), tail
	}
	if fm, word, given, ok := parameterContext(statement); ok {
		return before[:len(before)-len(word)], r.parameterNames(fm, word, given), tail
	}
	if scanCode(before, func(byte) {}) {
		return before, nil, tail // inside a string or a comment
	}
	m := memberPath().FindStringSubmatchIndex(before)
	if m == nil {
		return before, nil, tail
	}
	path, word := "", ""
	if m[2] >= 0 {
		path = before[m[2]:m[3]]
	}
	if m[4] >= 0 {
		word = before[m[4]:m[5]]
	}
	if path == "" && word == "" {
		return before, nil, tail
	}
	return before[:len(before)-len(word)], r.jsNames(path, word), tail
}

// completeCommand completes a dot command's name, or the function module of .meta.
func (r *REPL) completeCommand(before, tail string) (string, []string, string) {
	trimmed := strings.TrimLeft(before, " ")
	name, arg, hasArg := strings.Cut(trimmed[1:], " ")
	if !hasArg {
		var out []string
		for _, c := range commands {
			if strings.HasPrefix(c.name, name) {
				out = append(out, "."+c.name)
			}
		}
		return before[:len(before)-len(trimmed)], out, tail
	}
	if name == "meta" {
		word := wordChars().FindString(arg)
		return before[:len(before)-len(word)], r.functionNames(word), tail
	}
	return before, nil, tail
}

// onLoop runs fn on the runtime's goroutine and returns its result, or nil when the runtime does not get
// to it in time.
func (r *REPL) onLoop(fn func(vm *goja.Runtime) []string) []string {
	res := make(chan []string, 1)
	if !r.js.Load().Loop.RunOnLoop(func(vm *goja.Runtime) error {
		res <- fn(vm)
		return nil
	}) {
		return nil
	}
	select {
	case names := <-res:
		return names
	case <-time.After(completionWait):
		return nil
	}
}

// jsNames lists the names that complete word: globals, declared names and keywords for a bare word, the
// properties of the object at path (like "sap.rfc.") otherwise.
func (r *REPL) jsNames(path, word string) []string {
	keys := splitPath(path)
	names := r.onLoop(func(vm *goja.Runtime) []string {
		if len(keys) == 0 {
			names := inspect.MemberNames(vm, vm.GlobalObject(), word != "")
			for name := range r.declared {
				names = append(names, name)
			}
			return append(names, keywords...)
		}
		v := r.lookupGlobal(vm, keys[0])
		for _, k := range keys[1:] {
			if v = inspect.DataProperty(vm, v, k); v == nil {
				return nil
			}
		}
		return inspect.MemberNames(vm, v, word != "")
	})
	return filterNames(names, word)
}

// lookupGlobal reads a global name: a property of the global object, or a let, const or class binding
// declared in the console (those are no properties, and reading a binding runs no code).
func (r *REPL) lookupGlobal(vm *goja.Runtime, name string) goja.Value {
	if v := inspect.DataProperty(vm, vm.GlobalObject(), name); v != nil {
		return v
	}
	if r.declared[name] && parser.IsIdentifier(name) {
		if v, err := vm.RunString(name); err == nil {
			return v
		}
	}
	return nil
}

// splitPath turns "sap . rfc ?." into ["sap", "rfc"].
func splitPath(path string) []string {
	var keys []string
	for _, k := range strings.Split(path, ".") {
		k = strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(k), "?"))
		if k != "" {
			keys = append(keys, k)
		}
	}
	return keys
}

// filterNames keeps the identifiers that start with word, sorted and once each. Names with two leading
// underscores (__proto__, __defineGetter__) only show when asked for.
func filterNames(names []string, word string) []string {
	seen := map[string]bool{}
	var out []string
	for _, n := range names {
		if seen[n] || !strings.HasPrefix(n, word) || !parser.IsIdentifier(n) {
			continue
		}
		if strings.HasPrefix(n, "__") && !strings.HasPrefix(word, "_") {
			continue
		}
		seen[n] = true
		out = append(out, n)
	}
	sort.Strings(out)
	return out
}

// parameterContext finds the cursor in key position of the parameters object of sap.rfc.call(FM, {...:
// it returns the function module, the key typed so far and the keys already given.
func parameterContext(before string) (fm, word string, given []string, ok bool) {
	all := parameterObject().FindAllStringSubmatchIndex(before, -1)
	if len(all) == 0 {
		return "", "", nil, false
	}
	m := all[len(all)-1]
	fm, rest := before[m[2]:m[3]], before[m[1]:]
	depth := 0
	if open := scanCode(rest, func(c byte) {
		switch c {
		case '{', '[', '(':
			depth++
		case '}', ']', ')':
			depth--
		}
	}); open || depth != 0 {
		return "", "", nil, false
	}
	key := paramKey().FindStringSubmatch(rest)
	if key == nil {
		return "", "", nil, false
	}
	for _, g := range givenKeys().FindAllStringSubmatch(rest, -1) {
		given = append(given, strings.ToUpper(g[1]))
	}
	return fm, key[1], given, true
}

// parameterNames lists the parameters a caller passes (importing, changing, tables) that start with word.
func (r *REPL) parameterNames(fm, word string, given []string) []string {
	s := r.completionSession()
	if s == nil {
		return nil
	}
	ctx, cancel := context.WithTimeout(context.Background(), completionSAPWait)
	defer cancel()
	meta, err := s.Metadata(ctx, fm)
	if err != nil {
		return nil
	}
	prefix := strings.ToUpper(word)
	var out []string
	for _, p := range meta.Parameters {
		if p.Kind == protocol.Exporting || !strings.HasPrefix(p.Name, prefix) || contains(given, p.Name) {
			continue
		}
		out = append(out, p.Name)
	}
	sort.Strings(out)
	return out
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// functionNames lists function modules whose names start with prefix.
func (r *REPL) functionNames(prefix string) []string {
	s := r.completionSession()
	if s == nil {
		return nil
	}
	return r.completionCache.lookup(s, prefix)
}

// completionSession returns the session to ask SAP for names: the open one, or a new one when opening it
// cannot stop to ask for a password. Opening notifies JavaScript listeners, so it happens on the loop.
func (r *REPL) completionSession() *session.Session {
	if r.sap == nil {
		return nil
	}
	if s := r.sap.Current(); s != nil || !r.opts.CompletionOpensSession {
		return s
	}
	opened := make(chan *session.Session, 1)
	if !r.js.Load().Loop.RunOnLoop(func(*goja.Runtime) error {
		s, _ := r.sap.Session()
		opened <- s
		return nil
	}) {
		return nil
	}
	select {
	case s := <-opened:
		return s
	case <-time.After(completionSAPWait):
		return nil
	}
}

// functionNames caches rfc.search answers for completion. A complete answer for a prefix also answers
// every longer prefix, so typing on after a Tab costs no round trip.
type functionNames struct {
	mu       sync.Mutex
	session  *session.Session // the cache belongs to one session: another system has other modules
	byPrefix map[string][]string
}

func newFunctionNames() *functionNames { return &functionNames{byPrefix: map[string][]string{}} }

func (c *functionNames) lookup(s *session.Session, prefix string) []string {
	prefix = strings.ToUpper(prefix)
	c.mu.Lock()
	if c.session != s {
		c.session, c.byPrefix = s, map[string][]string{}
	}
	for known, names := range c.byPrefix {
		if strings.HasPrefix(prefix, known) {
			c.mu.Unlock()
			return withPrefix(names, prefix)
		}
	}
	c.mu.Unlock()

	ctx, cancel := context.WithTimeout(context.Background(), completionSAPWait)
	defer cancel()
	res, err := s.Search(ctx, prefix+"*", functionSearchSize)
	if err != nil {
		return nil
	}
	names := make([]string, 0, len(res.Functions))
	for _, f := range res.Functions {
		names = append(names, f.Name)
	}
	sort.Strings(names)
	if !res.Truncated {
		c.mu.Lock()
		if c.session == s {
			c.byPrefix[prefix] = names
		}
		c.mu.Unlock()
	}
	return withPrefix(names, prefix)
}

func withPrefix(names []string, prefix string) []string {
	var out []string
	for _, n := range names {
		if strings.HasPrefix(n, prefix) {
			out = append(out, n)
		}
	}
	return out
}
