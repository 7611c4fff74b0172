package testrunner

import (
	"bytes"
	"encoding/xml"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestHooksRunInJestOrder(t *testing.T) {
	o := run(t, Options{}, map[string]string{"order.test.js": `
globalThis.log = [];
const later = (what) => new Promise((resolve) => setTimeout(() => { log.push(what); resolve(); }, 1));
beforeAll(() => later('root beforeAll'));
afterAll(() => { log.push('root afterAll'); });
beforeEach(() => { log.push('root beforeEach'); });
afterEach(async () => { await later('root afterEach'); });
test('t1', () => { log.push('t1'); });
describe('inner', () => {
  beforeAll(() => { log.push('inner beforeAll'); });
  afterAll(() => { log.push('inner afterAll'); });
  beforeEach(() => { log.push('inner beforeEach'); });
  afterEach(() => { log.push('inner afterEach'); });
  test('t2', async () => { await later('t2'); });
  describe('empty of runnable tests', () => {
    beforeAll(() => { log.push('never: no test runs here'); });
    it.skip('skipped', () => {});
  });
});
`})
	assert.Equal(t, []any{
		"root beforeAll",
		"root beforeEach", "t1", "root afterEach",
		"inner beforeAll",
		"root beforeEach", "inner beforeEach", "t2", "inner afterEach", "root afterEach",
		"inner afterAll",
		"root afterAll",
	}, o.global("log"))
	assert.Equal(t, "2 passed, 0 failed, 1 skipped", o.summary.Line())
}

func TestOnlyAndSkip(t *testing.T) {
	o := run(t, Options{}, map[string]string{
		"a.test.js": `
globalThis.ran = [];
it('not only', () => { ran.push('a1'); });
it.only('only test', () => { ran.push('a2'); });
describe.only('only suite', () => {
  it('inside', () => { ran.push('a3'); });
  it.skip('skipped inside only', () => { ran.push('never'); });
});
describe('plain', () => { it('also not only', () => { ran.push('never'); }); });
`,
		"b.test.js": `
it('runs: .only in another file does not count here', () => { ran.push('b1'); });
it.skip('skip', () => { ran.push('never'); });
xit('xit', () => { ran.push('never'); });
it.todo('write this one');
describe.skip('skipped suite', () => {
  beforeAll(() => { ran.push('never: hook of a skipped suite'); });
  it('in it', () => { ran.push('never'); });
});
`})
	assert.Equal(t, []any{"a2", "a3", "b1"}, o.global("ran"))
	assert.Equal(t, Skipped, o.test(t, "not only").Status)
	assert.Equal(t, Passed, o.test(t, "only suite > inside").Status)
	assert.Equal(t, Todo, o.test(t, "write this one").Status)
	assert.Equal(t, Skipped, o.test(t, "skipped suite > in it").Status)
	assert.Equal(t, "3 passed, 0 failed, 7 skipped", o.summary.Line())
	assert.True(t, o.summary.OK())
}

func TestAsyncTests(t *testing.T) {
	o := run(t, Options{}, map[string]string{"async.test.js": `
it('awaits', async () => {
  const v = await new Promise((resolve) => setTimeout(() => resolve(42), 5));
  expect(v).toBe(42);
});
it('fails on a rejection', () => Promise.reject(new TypeError('nope')));
it('fails on an assertion after await', async () => {
  await null;
  expect(1).toBe(2);
});
it('resolves matchers', async () => {
  await expect(Promise.resolve({ a: 1 })).resolves.toEqual({ a: 1 });
  await expect(Promise.reject(new Error('bad'))).rejects.toThrow('bad');
});
it('takes a done callback', (done) => { setTimeout(done, 5); });
it('fails through done(error)', (done) => { setTimeout(() => done(new Error('from done')), 5); });
it('counts assertions', async () => {
  expect.assertions(2);
  expect(1).toBe(1);
});
`})
	assert.Equal(t, Passed, o.test(t, "awaits").Status)
	assert.Contains(t, o.test(t, "fails on a rejection").Failure.Message, "TypeError: nope")
	assert.Contains(t, o.test(t, "fails on an assertion after await").Failure.Message, "Expected: 2")
	assert.Equal(t, Passed, o.test(t, "resolves matchers").Status)
	assert.Equal(t, Passed, o.test(t, "takes a done callback").Status)
	assert.Contains(t, o.test(t, "fails through done(error)").Failure.Message, "Error: from done")
	assert.Contains(t, o.test(t, "counts assertions").Failure.Message, "expected 2 assertion(s) to be called but received 1")
	assert.Equal(t, "3 passed, 4 failed, 0 skipped", o.summary.Line())
}

func TestTimeouts(t *testing.T) {
	start := time.Now()
	o := run(t, Options{TestTimeout: 150 * time.Millisecond}, map[string]string{"timeouts.test.js": `
it('never settles and nothing is pending', () => new Promise(() => {}));
it('never calls done', (done) => {});
it('never settles while a timer keeps the loop busy', () => {
  const keepAlive = setInterval(() => {}, 10);
  return new Promise(() => {}).finally(() => clearInterval(keepAlive));
});
it('loops forever synchronously', () => { for (;;) {} });
it('runs after the timeouts', () => { expect(true).toBe(true); });
it('gets more time with a third argument', () => new Promise((r) => setTimeout(r, 250)), 1000);
`})
	for _, name := range []string{"never settles while a timer keeps the loop busy", "loops forever synchronously"} {
		f := o.test(t, name).Failure
		require.NotNil(t, f, name)
		assert.Contains(t, f.Message, "Exceeded timeout of 150 ms for a test", name)
		assert.Regexp(t, `timeouts\.test\.js:\d+:\d+$`, f.Location, "a timeout points at the test's definition")
	}
	assert.Equal(t, Passed, o.test(t, "runs after the timeouts").Status)
	assert.Equal(t, Passed, o.test(t, "gets more time with a third argument").Status)
	assert.Contains(t, o.test(t, "never settles and nothing is pending").Failure.Message, "never settles")
	assert.Contains(t, o.test(t, "never calls done").Failure.Message, "never called it")
	assert.Less(t, time.Since(start), 3*time.Second)
	assert.Contains(t, o.out, "left 1 timer(s) or call(s) running", "the abandoned interval is reported")
}

func TestLeftoverWorkDoesNotHangTheRun(t *testing.T) {
	o := run(t, Options{}, map[string]string{"leftover.test.js": `
describe('leftovers', () => {
  it('starts an interval and forgets it', () => { setInterval(() => {}, 1000); });
  it('still runs', () => {});
});
`})
	assert.Equal(t, "2 passed, 0 failed, 0 skipped", o.summary.Line())
	assert.Regexp(t, `\n    ✓ starts an interval and forgets it[^\n]*\n    ⚠ "leftovers > starts an interval`, o.out, "the warning keeps the tree's indentation")
	assert.Contains(t, o.out, `"leftovers > starts an interval and forgets it" left 1 timer(s) or call(s) running`)
	assert.Equal(t, 1, o.summary.Abandoned)
	assert.Contains(t, o.out, "still pending when the run ended; they were abandoned")
}

func TestFailureLocationPointsAtTheAssertion(t *testing.T) {
	o := run(t, Options{}, map[string]string{"loc.test.js": `
function helperThatThrows() {
  throw new RangeError('out of range');
}
describe('where', () => {
  it('fails an assertion', () => {
    const answer = 41;
    expect(answer).toBe(42);
  });
  it('throws in a helper', () => {
    helperThatThrows();
  });
});
`})
	f := o.test(t, "where > fails an assertion").Failure
	require.NotNil(t, f)
	assert.Regexp(t, regexp.QuoteMeta(filepath.Join(o.dir, "loc.test.js"))+`:7:24$`, f.Location)
	assert.Equal(t, "AssertionError", f.Type)
	assert.Equal(t, "42", f.Expected)
	assert.Equal(t, "41", f.Actual)
	assert.Contains(t, o.out, "> 7 |     expect(answer).toBe(42);", "the report shows the source line")

	f = o.test(t, "where > throws in a helper").Failure
	assert.Equal(t, "RangeError: out of range", f.Message)
	assert.Regexp(t, `loc\.test\.js:2:9$`, f.Location, "the throw itself, inside the helper")
	assert.Contains(t, f.Stack, "loc.test.js:10:", "the caller is in the stack")
	assert.NotContains(t, f.Stack, "expect.js")

	lines := strings.Split(strings.TrimRight(o.out, "\n"), "\n")
	assert.Equal(t, "0 passed, 2 failed, 0 skipped", lines[len(lines)-1], "the summary is the last line")

	// Columns on a file's first line do not count require's module wrapper.
	o = run(t, Options{}, map[string]string{"first.test.js": "it('x', () => { expect(1).toBe(2) })\n"})
	assert.Regexp(t, `first\.test\.js:1:31$`, o.test(t, "x").Failure.Location)
	assert.Contains(t, o.test(t, "x").Failure.Stack, "first.test.js:1:31")
}

func TestLoadErrorsFailTheFileOnly(t *testing.T) {
	o := run(t, Options{}, map[string]string{
		"a_syntax.test.js":         "it('x', () => {\n  let = ;\n});\n",
		"b_throws.test.js":         "it('declared', () => {});\nthrow new Error('top level');\n",
		"c_async_describe.test.js": "describe('bad', async () => {});\n",
		"d_ok.test.js":             "it('runs anyway', () => {});\n",
	})
	files := o.summary.Files
	require.Len(t, files, 4)
	require.NotNil(t, files[0].LoadError)
	assert.Contains(t, files[0].LoadError.Message, "SyntaxError")
	assert.Contains(t, files[0].LoadError.Location, "a_syntax.test.js:2")
	require.NotNil(t, files[1].LoadError)
	assert.Contains(t, files[1].LoadError.Message, "Error: top level")
	assert.Regexp(t, `b_throws\.test\.js:2:\d+$`, files[1].LoadError.Location)
	assert.Empty(t, files[1].Tests, "a file that failed to load runs none of its tests")
	require.NotNil(t, files[2].LoadError)
	assert.Contains(t, files[2].LoadError.Message, "describe callbacks declare tests synchronously")
	assert.Equal(t, "1 passed, 3 failed, 0 skipped", o.summary.Line())
}

func TestHookFailures(t *testing.T) {
	o := run(t, Options{}, map[string]string{"hooks.test.js": `
globalThis.cleaned = false;
describe('setup fails', () => {
  beforeAll(() => { throw new Error('no connection'); });
  afterAll(() => { cleaned = true; });
  it('a', () => {});
  describe('nested', () => { it('b', () => {}); });
});
describe('teardown fails', () => {
  afterAll(() => { throw new Error('cannot clean up'); });
  it('c', () => {});
});
describe('each fails', () => {
  beforeEach(() => { throw new Error('before each'); });
  afterEach(() => { globalThis.afterEachRan = true; });
  it('d', () => { globalThis.bodyRan = true; });
});
it('defines a test while running', () => { it('nested', () => {}); });
`})
	for _, name := range []string{"setup fails > a", "setup fails > nested > b"} {
		assert.Contains(t, o.test(t, name).Failure.Message, `"beforeAll" hook failed: Error: no connection`)
	}
	assert.Equal(t, true, o.global("cleaned"), "afterAll runs after a failed beforeAll")
	assert.Equal(t, Passed, o.test(t, "teardown fails > c").Status)
	hook := o.test(t, `teardown fails > "afterAll" hook`)
	assert.Equal(t, "afterAll", hook.Hook)
	assert.Contains(t, hook.Failure.Message, "cannot clean up")
	assert.Contains(t, o.test(t, "each fails > d").Failure.Message, `"beforeEach" hook failed`)
	assert.Nil(t, o.global("bodyRan"))
	assert.Equal(t, true, o.global("afterEachRan"))
	assert.Contains(t, o.test(t, "defines a test while running").Failure.Message, "must be called while the test file loads")
	assert.Equal(t, "1 passed, 5 failed, 0 skipped", o.summary.Line())
}

func TestGrepAndBail(t *testing.T) {
	files := map[string]string{
		"a.test.js": `
describe('STFC', () => {
  it('echoes', () => {});
  it('fails', () => { throw new Error('first failure'); });
  it('after the failure', () => { globalThis.afterRan = true; });
  afterAll(() => { globalThis.afterAllRan = true; });
});
it('other', () => {});
`,
		"b.test.js": `it('in the next file', () => {});`,
	}
	o := run(t, Options{Grep: regexp.MustCompile(`STFC echo|^other$`)}, files)
	assert.Equal(t, "2 passed, 0 failed, 0 skipped", o.summary.Line(), "only matching tests are reported")

	o = run(t, Options{Grep: regexp.MustCompile(`nothing matches this`)}, files)
	assert.False(t, o.summary.OK())
	assert.Contains(t, o.out, "no test matched --grep nothing matches this")

	o = run(t, Options{Bail: true}, files)
	assert.True(t, o.summary.Bailed)
	assert.Equal(t, "1 passed, 1 failed, 0 skipped", o.summary.Line())
	assert.Nil(t, o.global("afterRan"))
	assert.Equal(t, true, o.global("afterAllRan"), "afterAll still tidies up")
	assert.Len(t, o.summary.Files, 1, "no file runs after the bail")
	assert.Contains(t, o.out, "--bail")
}

func TestJUnitReport(t *testing.T) {
	path := filepath.Join(t.TempDir(), "junit.xml")
	o := run(t, Options{Reporter: NewJUnit(path)}, map[string]string{
		"a.test.js": `
describe('outer', () => {
  describe('inner', () => {
    it('passes', () => {});
    it('fails <&>', () => { expect('a').toBe('b'); });
  });
  it.skip('skipped', () => {});
});
it('top level', () => {});
`,
		"b.test.js": "let = ;",
	})
	require.Equal(t, "2 passed, 2 failed, 1 skipped", o.summary.Line())
	data, err := os.ReadFile(path)
	require.NoError(t, err)

	// The schema as CI servers read it, written out here independently of the reporter's types.
	type problem struct {
		Message string `xml:"message,attr"`
		Type    string `xml:"type,attr"`
		Text    string `xml:",chardata"`
	}
	var doc struct {
		Tests    int `xml:"tests,attr"`
		Failures int `xml:"failures,attr"`
		Errors   int `xml:"errors,attr"`
		Skipped  int `xml:"skipped,attr"`
		Suites   []struct {
			Name  string `xml:"name,attr"`
			Tests int    `xml:"tests,attr"`
			Cases []struct {
				Name      string    `xml:"name,attr"`
				Classname string    `xml:"classname,attr"`
				Time      float64   `xml:"time,attr"`
				Failure   *problem  `xml:"failure"`
				Error     *problem  `xml:"error"`
				Skipped   *struct{} `xml:"skipped"`
			} `xml:"testcase"`
		} `xml:"testsuite"`
	}
	require.NoError(t, xml.Unmarshal(data, &doc), "valid XML:\n%s", data)
	assert.Equal(t, 5, doc.Tests)
	assert.Equal(t, 1, doc.Failures)
	assert.Equal(t, 1, doc.Errors)
	assert.Equal(t, 1, doc.Skipped)
	require.Len(t, doc.Suites, 2)
	a := doc.Suites[0]
	assert.True(t, strings.HasSuffix(a.Name, "a.test.js"))
	assert.Equal(t, 4, a.Tests)
	require.Len(t, a.Cases, 4)
	assert.Equal(t, "outer > inner", a.Cases[1].Classname)
	assert.Equal(t, "fails <&>", a.Cases[1].Name)
	require.NotNil(t, a.Cases[1].Failure)
	assert.Equal(t, "AssertionError", a.Cases[1].Failure.Type)
	assert.Contains(t, a.Cases[1].Failure.Message, "expect(received).toBe(expected)")
	assert.Contains(t, a.Cases[1].Failure.Text, "a.test.js:4:")
	assert.NotNil(t, a.Cases[2].Skipped)
	assert.Equal(t, a.Name, a.Cases[3].Classname, "a top-level test's class is its file")
	assert.Regexp(t, `^\d+\.\d{3}$`, xmlAttr(t, data, "testcase", "time"))
	require.NotNil(t, doc.Suites[1].Cases[0].Error, "a file that does not load is an <error>")
	assert.Equal(t, "Test file failed to load: SyntaxError: Unexpected token ;", doc.Suites[1].Cases[0].Error.Message)
}

// xmlAttr reads an attribute of the first element with that name as text.
func xmlAttr(t *testing.T, data []byte, element, attr string) string {
	t.Helper()
	dec := xml.NewDecoder(bytes.NewReader(data))
	for {
		tok, err := dec.Token()
		require.NoError(t, err)
		if se, ok := tok.(xml.StartElement); ok && se.Name.Local == element {
			for _, a := range se.Attr {
				if a.Name.Local == attr {
					return a.Value
				}
			}
		}
	}
}

func TestTAPReport(t *testing.T) {
	var tap bytes.Buffer
	run(t, Options{Reporter: NewTAP(&tap)}, map[string]string{"a.test.js": `
describe('suite #1', () => {
  it('passes', () => {});
  it('fails', () => { expect([1, 2]).toEqual([1, 3]); });
  it.skip('skipped', () => {});
  it.todo('later');
});
`})
	out := tap.String()
	lines := strings.Split(strings.TrimRight(out, "\n"), "\n")
	assert.Equal(t, "TAP version 14", lines[0])
	assert.Regexp(t, `^# Subtest: .*a\.test\.js$`, lines[1])
	assert.Regexp(t, `^    ok 1 - suite \\#1 > passes # time=\d+ms$`, lines[2])
	assert.Regexp(t, `^    not ok 2 - suite \\#1 > fails # time=\d+ms$`, lines[3])
	assert.Equal(t, "      ---", lines[4])
	assert.Contains(t, out, "      severity: fail\n")
	assert.Regexp(t, `      at: ".*a\.test\.js:3:\d+"`, out)
	assert.Contains(t, out, "    ok 3 - suite \\#1 > skipped # SKIP\n")
	assert.Contains(t, out, "    not ok 4 - suite \\#1 > later # TODO\n")
	assert.Contains(t, out, "    1..4\n")
	assert.Regexp(t, `(?m)^not ok 1 - .*a\.test\.js # time=\d+ms$`, out)
	assert.Equal(t, "1..1", lines[len(lines)-2])
	assert.Equal(t, "1 passed, 1 failed, 2 skipped", lines[len(lines)-1])
}

func TestDiscover(t *testing.T) {
	dir := t.TempDir()
	for _, f := range []string{"b.test.js", "a/x.test.js", "a/t.test.ts", "a/helper.js", "a/helper.ts", "node_modules/m/y.test.js", ".hidden/z.test.js", "c.js"} {
		p := filepath.Join(dir, f)
		require.NoError(t, os.MkdirAll(filepath.Dir(p), 0o755))
		require.NoError(t, os.WriteFile(p, nil, 0o644))
	}
	files, err := Discover([]string{dir, filepath.Join(dir, "c.js"), filepath.Join(dir, "b.test.js")})
	require.NoError(t, err)
	assert.Equal(t, []string{filepath.Join(dir, "a/t.test.ts"), filepath.Join(dir, "a/x.test.js"), filepath.Join(dir, "b.test.js"), filepath.Join(dir, "c.js")}, files)

	_, err = Discover([]string{filepath.Join(dir, "missing")})
	assert.ErrorContains(t, err, "no such file")
}
