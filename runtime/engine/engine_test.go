package engine_test

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/dop251/goja"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wsrfc/wsrfc/runtime/engine"
)

type result struct {
	stdout, stderr string
	err            error
}

func (r result) code() int { return engine.ExitCode(r.err) }

func newRuntime(t *testing.T, opts engine.Options) (*engine.Runtime, *bytes.Buffer, *bytes.Buffer) {
	t.Helper()
	var stdout, stderr bytes.Buffer
	opts.Stdout, opts.Stderr = &stdout, &stderr
	if opts.Env == nil {
		opts.Env = []string{}
	}
	rt, err := engine.New(opts)
	require.NoError(t, err)
	t.Cleanup(rt.Close)
	return rt, &stdout, &stderr
}

func runString(t *testing.T, src string, opts engine.Options) result {
	t.Helper()
	rt, stdout, stderr := newRuntime(t, opts)
	err := rt.RunString(context.Background(), "", src)
	return result{stdout.String(), stderr.String(), err}
}

func writeFiles(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, content := range files {
		path := filepath.Join(dir, name)
		require.NoError(t, os.MkdirAll(filepath.Dir(path), 0o755))
		require.NoError(t, os.WriteFile(path, []byte(content), 0o644))
	}
	return dir
}

// asyncModule provides require('async').later(value, ms): a promise resolved from another goroutine.
func asyncModule(rt *engine.Runtime) (goja.Value, error) {
	vm := rt.VM
	obj := vm.NewObject()
	err := obj.Set("later", func(call goja.FunctionCall) goja.Value {
		value := call.Argument(0).Export()
		delay := time.Duration(call.Argument(1).ToInteger()) * time.Millisecond
		p, resolve, _ := rt.Loop.NewPromise()
		go func() {
			time.Sleep(delay)
			resolve(value)
		}()
		return vm.ToValue(p)
	})
	return obj, err
}

func TestConsoleOutput(t *testing.T) {
	r := runString(t, `
		console.log('plain', 42, { a: 1, b: 'x', c: [1, 2, 3] });
		console.log('%s has %d items', 'list', 3);
		console.error(new Map([['k', 1]]));
		console.warn('warned');
		console.info(null, undefined, -0, 10n);`, engine.Options{})
	require.NoError(t, r.err)
	assert.Equal(t, "plain 42 { a: 1, b: 'x', c: [ 1, 2, 3 ] }\nlist has 3 items\nnull undefined -0 10n\n", r.stdout)
	assert.Equal(t, "Map(1) { 'k' => 1 }\nwarned\n", r.stderr)
}

func TestAwaitGoWorkKeepsProgramAlive(t *testing.T) {
	r := runString(t, `
		const { later } = require('async');
		(async () => {
			console.log('before');
			console.log('got', await later('value', 30));
		})();`, engine.Options{NativeModules: map[string]func(*engine.Runtime) (goja.Value, error){"async": asyncModule}})
	require.NoError(t, r.err)
	assert.Equal(t, "before\ngot value\n", r.stdout)
}

func TestTopLevelAwait(t *testing.T) {
	natives := map[string]func(*engine.Runtime) (goja.Value, error){"async": asyncModule}
	r := runString(t, "const { later } = require('async');\nconst r = await later(5, 10);\nconsole.log(r * 2);", engine.Options{NativeModules: natives})
	require.NoError(t, r.err)
	assert.Equal(t, "10\n", r.stdout)

	dir := writeFiles(t, map[string]string{"tla.js": "const v = await Promise.resolve('file');\nconsole.log(v, typeof module, typeof require);\n"})
	rt, stdout, _ := newRuntime(t, engine.Options{})
	require.NoError(t, rt.RunFile(context.Background(), filepath.Join(dir, "tla.js")))
	assert.Equal(t, "file object function\n", stdout.String())

	r = runString(t, "await null;\nthrow new Error('after await');", engine.Options{})
	assert.Equal(t, 1, r.code())
	assert.True(t, strings.HasPrefix(engine.FormatError(r.err), "Uncaught Error: after await\n    at "), engine.FormatError(r.err))
}

func TestUnhandledRejection(t *testing.T) {
	r := runString(t, `Promise.reject(new Error('nobody listens'));`, engine.Options{})
	assert.Equal(t, 1, r.code())
	text := engine.FormatError(r.err)
	assert.True(t, strings.HasPrefix(text, "Uncaught (in promise) Error: nobody listens\n    at [eval]:1:16"), text)

	r = runString(t, `Promise.reject('just a string');`, engine.Options{})
	assert.Equal(t, "Uncaught (in promise) 'just a string'", engine.FormatError(r.err))
}

func TestTimers(t *testing.T) {
	r := runString(t, `
		setTimeout(() => console.log('c'), 20);
		const t = setTimeout(() => console.log('cancelled'), 5);
		setTimeout(() => console.log('b'), 1);
		setTimeout(() => console.log('a'), 0);
		clearTimeout(t);
		Promise.resolve().then(() => console.log('microtask'));
		console.log('sync');`, engine.Options{})
	require.NoError(t, r.err)
	assert.Equal(t, "sync\nmicrotask\nb\na\nc\n", r.stdout)
}

func TestProcessExit(t *testing.T) {
	r := runString(t, `
		console.log('before');
		setTimeout(() => console.log('timer never runs'), 1);
		try { process.exit(3); } finally { console.log('finally does not run either'); }
		console.log('after');`, engine.Options{})
	assert.Equal(t, 3, r.code())
	assert.Equal(t, "before\n", r.stdout)
	assert.Equal(t, "", engine.FormatError(r.err))
	var exit *engine.ExitError
	require.ErrorAs(t, r.err, &exit)

	r = runString(t, `setTimeout(() => process.exit(), 1); process.exitCode = 5;`, engine.Options{})
	assert.Equal(t, 5, r.code())

	r = runString(t, `process.exitCode = 4; console.log('done')`, engine.Options{})
	assert.Equal(t, 4, r.code())
	assert.Equal(t, "done\n", r.stdout)

	r = runString(t, `(async () => { await null; process.exit(0); console.log('no'); })()`, engine.Options{})
	require.NoError(t, r.err)
	assert.Empty(t, r.stdout)
}

func TestProcessArgvAndEnv(t *testing.T) {
	r := runString(t, `
		console.log(JSON.stringify(process.argv));
		console.log(JSON.stringify(process.argv.slice(2)));
		console.log(JSON.stringify(process.env));
		process.stdout.write('no newline');
		process.stderr.write('err');`,
		engine.Options{
			ScriptPath: "/scripts/job.js",
			Args:       []string{"one", "two"},
			Env: []string{"SAP_USER=DEVELOPER", "SAP_PASSWORD=Down1oad", "GITHUB_TOKEN=t", "api_secret=s",
				"SAP_COOKIE=c", "PATH=/bin", "EMPTY="},
		})
	require.NoError(t, r.err)
	assert.Equal(t, `["wsrfc","/scripts/job.js","one","two"]`+"\n"+`["one","two"]`+"\n"+
		`{"SAP_USER":"DEVELOPER","PATH":"/bin","EMPTY":""}`+"\nno newline", r.stdout)
	assert.Equal(t, "err", r.stderr)
}

func TestRunawayRecursion(t *testing.T) {
	start := time.Now()
	r := runString(t, "function down(n) { return down(n + 1) + 1; }\ndown(0);", engine.Options{})
	assert.Less(t, time.Since(start), 10*time.Second)
	assert.Equal(t, 1, r.code())
	text := engine.FormatError(r.err)
	assert.True(t, strings.HasPrefix(text, "Uncaught RangeError: Maximum call stack size exceeded\n    at down ([eval]:1:"), text)
	assert.LessOrEqual(t, strings.Count(text, "\n"), 10)
}

func TestInterruptInfiniteLoop(t *testing.T) {
	rt, _, _ := newRuntime(t, engine.Options{})
	ctxSeen := rt.Context()
	go func() {
		time.Sleep(30 * time.Millisecond)
		rt.Interrupt("SIGINT")
	}()
	err := rt.RunString(context.Background(), "", `for (;;) {}`)
	assert.Equal(t, 130, engine.ExitCode(err))
	var interrupt *engine.InterruptError
	require.ErrorAs(t, err, &interrupt)
	assert.Error(t, ctxSeen.Err(), "the context bindings watch is cancelled")

	// The runtime can run again with a fresh context, as a REPL needs.
	require.NoError(t, rt.RunString(context.Background(), "", `1 + 1`))
	assert.NoError(t, rt.Context().Err())
}

func TestCallerContextCancel(t *testing.T) {
	rt, _, _ := newRuntime(t, engine.Options{})
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Millisecond)
	defer cancel()
	err := rt.RunString(ctx, "", `setInterval(() => {}, 5)`)
	require.ErrorIs(t, err, context.DeadlineExceeded)
	assert.Equal(t, 1, engine.ExitCode(err))
}

func TestRequire(t *testing.T) {
	dir := writeFiles(t, map[string]string{
		"main.js":            "#!/usr/bin/env wsrfc\nconst util = require('./lib/util');\nconst data = require('./data.json');\nconsole.log(util.double(data.n), data.name, __filename.endsWith('main.js'), require.main === module);\n",
		"lib/util.js":        "exports.double = (x) => x * 2;\nconsole.log('loaded util from', require('path-check').where(__dirname));\n",
		"lib/path-check.js":  "",
		"data.json":          `{"n": 21, "name": "answer"}`,
		"node_modules/x.txt": "",
	})
	natives := map[string]func(*engine.Runtime) (goja.Value, error){
		"path-check": func(rt *engine.Runtime) (goja.Value, error) {
			obj := rt.VM.NewObject()
			return obj, obj.Set("where", func(call goja.FunctionCall) goja.Value {
				return rt.VM.ToValue(filepath.Base(call.Argument(0).String()))
			})
		},
	}
	rt, stdout, _ := newRuntime(t, engine.Options{NativeModules: natives})
	require.NoError(t, rt.RunFile(context.Background(), filepath.Join(dir, "main.js")))
	assert.Equal(t, "loaded util from lib\n42 answer true true\n", stdout.String())
}

func TestNativeModulesLoadOnce(t *testing.T) {
	loads := 0
	natives := map[string]func(*engine.Runtime) (goja.Value, error){
		"sap": func(rt *engine.Runtime) (goja.Value, error) {
			loads++
			return rt.VM.NewObject(), nil
		},
		"broken": func(*engine.Runtime) (goja.Value, error) {
			return nil, errors.New("no connection configured")
		},
	}
	rt, stdout, _ := newRuntime(t, engine.Options{NativeModules: natives})
	// A host makes a native module a global too by requiring it before the script runs.
	sap, err := rt.Require("sap")
	require.NoError(t, err)
	require.NoError(t, rt.VM.Set("sap", sap))
	err = rt.RunString(context.Background(), "", `
		console.log(require('sap') === sap, require('sap') === require('sap'));
		try { require('broken'); } catch (e) { console.log(e.message); }
		try { require('lodash'); } catch (e) { console.log(e.code, e.message); }
		try { require('./missing'); } catch (e) { console.log(e.message.startsWith("Cannot find module './missing' from '/")); }`)
	require.NoError(t, err)
	assert.Equal(t, "true true\nloading module 'broken' failed: no connection configured\n"+
		"MODULE_NOT_FOUND Cannot find module 'lodash'. Built-in modules: broken, buffer, fs, fs/promises, os, path, readline, sap, url. Local files need a relative path, e.g. require('./lodash')\ntrue\n", stdout.String())
	assert.Equal(t, 1, loads)
}

func TestErrorStackShowsFileLineColumn(t *testing.T) {
	dir := writeFiles(t, map[string]string{"app.js": "function check(x) {\n  if (!x) {\n    throw new TypeError('x is required');\n  }\n}\ncheck(0);\n"})
	path := filepath.Join(dir, "app.js")
	rt, _, _ := newRuntime(t, engine.Options{})
	err := rt.RunFile(context.Background(), path)
	assert.Equal(t, 1, engine.ExitCode(err))
	assert.Equal(t, "Uncaught TypeError: x is required\n    at check ("+path+":3:11)\n    at "+path+":6:6", engine.FormatError(err))
}

func TestThrownValuesAndExtraProperties(t *testing.T) {
	r := runString(t, "function f() {\n  throw 'x';\n}\nf();", engine.Options{})
	assert.Equal(t, "Uncaught 'x'\n    at f ([eval]:2:3)\n    at [eval]:4:2", engine.FormatError(r.err))

	r = runString(t, "const e = new Error('failed'); e.code = 'FUNC_NOT_FOUND'; throw e;", engine.Options{})
	assert.Equal(t, "Uncaught Error: failed\n    at [eval]:1:11 {\n  code: 'FUNC_NOT_FOUND'\n}", engine.FormatError(r.err))

	r = runString(t, "setTimeout(() => { null.x; }, 1);", engine.Options{})
	text := engine.FormatError(r.err)
	assert.True(t, strings.HasPrefix(text, "Uncaught TypeError: Cannot read property 'x' of ") && strings.Contains(text, "\n    at [eval]:1:"), text)
}

func TestSyntaxError(t *testing.T) {
	r := runString(t, "let a = 1;\nlet b = ;", engine.Options{})
	assert.Equal(t, 1, r.code())
	assert.Equal(t, "SyntaxError: Unexpected token ;\n    at [eval]:2:9", engine.FormatError(r.err))

	dir := writeFiles(t, map[string]string{"bad.js": "let x = );\n"})
	rt, _, _ := newRuntime(t, engine.Options{})
	err := rt.RunFile(context.Background(), filepath.Join(dir, "bad.js"))
	assert.Equal(t, "SyntaxError: Unexpected token )\n    at "+filepath.Join(dir, "bad.js")+":1:9", engine.FormatError(err))
}

func TestGoPanicDoesNotCrash(t *testing.T) {
	natives := map[string]func(*engine.Runtime) (goja.Value, error){
		"buggy": func(rt *engine.Runtime) (goja.Value, error) {
			obj := rt.VM.NewObject()
			return obj, obj.Set("crash", func(goja.FunctionCall) goja.Value {
				var m map[string]int
				m["x"]++
				return goja.Undefined()
			})
		},
	}
	r := runString(t, `require('buggy').crash()`, engine.Options{NativeModules: natives})
	assert.Equal(t, 1, r.code())
	assert.Contains(t, engine.FormatError(r.err), "internal error (Go panic)")
}

func TestGoErrorsReachCallers(t *testing.T) {
	sentinel := errors.New("logon failed")
	natives := map[string]func(*engine.Runtime) (goja.Value, error){
		"sap": func(rt *engine.Runtime) (goja.Value, error) {
			obj := rt.VM.NewObject()
			return obj, obj.Set("connect", func(goja.FunctionCall) goja.Value { panic(rt.VM.NewGoError(sentinel)) })
		},
	}
	r := runString(t, `require('sap').connect()`, engine.Options{NativeModules: natives})
	assert.ErrorIs(t, r.err, sentinel)
	// The Go function that threw is no frame a script's author can look at: only the script's are shown.
	assert.Equal(t, "Uncaught GoError: logon failed\n    at [eval]:1:23", engine.FormatError(r.err))
}

func TestFieldNames(t *testing.T) {
	type session struct {
		ID      string
		URLPath string
		MsgV1   string
		Secret  string `js:"-"`
	}
	rt, stdout, _ := newRuntime(t, engine.Options{})
	require.NoError(t, rt.VM.Set("s", &session{ID: "1", URLPath: "/x", MsgV1: "m", Secret: "hidden"}))
	require.NoError(t, rt.RunString(context.Background(), "", `console.log(s.id, s.urlPath, s.msgV1, s.secret)`))
	assert.Equal(t, "1 /x m undefined\n", stdout.String())
}

func TestStandardGlobals(t *testing.T) {
	r := runString(t, `console.log(typeof fetch, typeof setTimeout, typeof queueMicrotask, typeof process.exit, typeof require, typeof Buffer, typeof URL, typeof TextEncoder, typeof structuredClone, typeof performance.now, typeof window)`, engine.Options{})
	require.NoError(t, r.err)
	assert.Equal(t, "function function function function function function function function function function undefined\n", r.stdout)
}

func TestRequireByAbsolutePath(t *testing.T) {
	dir := t.TempDir()
	mod := filepath.Join(dir, "answer.js")
	require.NoError(t, os.WriteFile(mod, []byte("module.exports = 42;"), 0o644))
	var out bytes.Buffer
	rt, err := engine.New(engine.Options{Stdout: &out, Stderr: &out})
	require.NoError(t, err)
	defer rt.Close()
	require.NoError(t, rt.RunString(context.Background(), "", "console.log(require("+strconv.Quote(mod)+"))"))
	assert.Equal(t, "42\n", out.String())
}

func TestTopLevelAwaitOfAParenthesisedExpression(t *testing.T) {
	r := runString(t, "console.log(await (async () => 5)(), await [Promise.resolve(7)][0]);", engine.Options{})
	require.NoError(t, r.err, engine.FormatError(r.err))
	assert.Equal(t, "5 7\n", r.stdout)

	dir := writeFiles(t, map[string]string{"tla.js": "const v = await (async () => 'file')();\nconsole.log(v);\n"})
	rt, stdout, _ := newRuntime(t, engine.Options{})
	require.NoError(t, rt.RunFile(context.Background(), filepath.Join(dir, "tla.js")))
	assert.Equal(t, "file\n", stdout.String())

	// A script that means a variable named await still runs as one.
	r = runString(t, "var await = x => x * 2; console.log(await (21));", engine.Options{})
	require.NoError(t, r.err, engine.FormatError(r.err))
	assert.Equal(t, "42\n", r.stdout)
}
