package fs_test

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wsrfc/wsrfc/runtime/engine"
)

func run(t *testing.T, dir, src, stdin string) (string, error) {
	t.Helper()
	var out bytes.Buffer
	rt, err := engine.New(engine.Options{Stdout: &out, Stderr: &out, Env: []string{}, Stdin: strings.NewReader(stdin)})
	require.NoError(t, err)
	t.Cleanup(rt.Close)
	path := filepath.Join(dir, "main.mjs")
	require.NoError(t, os.WriteFile(path, []byte(src), 0o644))
	err = rt.RunFile(context.Background(), path)
	return out.String(), err
}

func TestSyncCallsRoundTripFiles(t *testing.T) {
	dir := t.TempDir()
	out, err := run(t, dir, `import fs from 'node:fs';
import path from 'node:path';
const d = path.join(import.meta.dirname, 'out', 'deep');
fs.mkdirSync(d, { recursive: true });
const f = path.join(d, 'report.csv');
fs.writeFileSync(f, 'a;b\n');
fs.appendFileSync(f, Buffer.from('1;2\n'));
console.log(JSON.stringify(fs.readFileSync(f, 'utf8')), fs.readFileSync(f).length, fs.readFileSync(f, { encoding: 'hex' }).slice(0, 4));
console.log(fs.existsSync(f), fs.existsSync(f + '.nope'), fs.readdirSync(d));
const st = fs.statSync(f);
console.log(st.size, st.isFile(), st.isDirectory(), st.mtime instanceof Date);
fs.renameSync(f, f + '.bak');
fs.copyFileSync(f + '.bak', f);
fs.unlinkSync(f + '.bak');
console.log(fs.readdirSync(d));
fs.rmSync(path.join(d, '..'), { recursive: true });
console.log(fs.existsSync(d));
`, "")
	require.NoError(t, err, engine.FormatError(err))
	assert.Equal(t, "\"a;b\\n1;2\\n\" 8 613b\ntrue false [ 'report.csv' ]\n8 true false true\n[ 'report.csv' ]\nfalse\n", out)
}

func TestErrorsCarryNodeCodes(t *testing.T) {
	dir := t.TempDir()
	require.NoError(t, os.Mkdir(filepath.Join(dir, "sub"), 0o755))
	out, err := run(t, dir, `import fs from 'fs';
const show = (f) => { try { f(); console.log('no error'); } catch (e) { console.log(e.code, e.syscall, e.message); } };
show(() => fs.readFileSync('`+dir+`/missing.txt'));
show(() => fs.mkdirSync('`+dir+`/sub'));
show(() => fs.readdirSync('`+dir+`/missing'));
show(() => fs.rmSync('`+dir+`/sub'));
show(() => fs.rmSync('`+dir+`/missing', { force: true }));
show(() => fs.writeFileSync('`+dir+`/x', 42));
`, "")
	require.NoError(t, err, engine.FormatError(err))
	lines := strings.Split(strings.TrimSpace(out), "\n")
	require.Len(t, lines, 6, out)
	assert.Equal(t, "ENOENT open ENOENT: no such file or directory, open '"+dir+"/missing.txt'", lines[0])
	assert.Equal(t, "EEXIST mkdir EEXIST: file exists, mkdir '"+dir+"/sub'", lines[1])
	assert.Equal(t, "ENOENT scandir ENOENT: no such file or directory, scandir '"+dir+"/missing'", lines[2])
	assert.Contains(t, lines[3], "ERR_FS_EISDIR rm Path is a directory")
	assert.Equal(t, "no error", lines[4], "force ignores a missing path")
	assert.Contains(t, lines[5], "ERR_INVALID_ARG_TYPE undefined The \"data\" argument must be a string, Buffer or Uint8Array")
}

func TestPermissionDenied(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("root bypasses file permissions; TestPermissionDeniedAsAnotherUser covers EACCES by running as nobody")
	}
	dir := t.TempDir()
	locked := filepath.Join(dir, "locked.txt")
	require.NoError(t, os.WriteFile(locked, []byte("x"), 0o000))
	out, err := run(t, dir, `import { readFile } from 'fs/promises';
try { await readFile('`+locked+`'); } catch (e) { console.log(e.code, e.message); }`, "")
	require.NoError(t, err)
	assert.Equal(t, "EACCES EACCES: permission denied, open '"+locked+"'\n", out)
}

func TestPromisesRunOffTheLoop(t *testing.T) {
	dir := t.TempDir()
	out, err := run(t, dir, `import { writeFile, readFile, readdir, stat, mkdir, rm } from 'node:fs/promises';
let ticks = 0;
const timer = setInterval(() => ticks++, 0);
await mkdir('`+dir+`/p');
await Promise.all([1, 2, 3].map((i) => writeFile('`+dir+`/p/' + i + '.json', JSON.stringify({ i }))));
const names = await readdir('`+dir+`/p');
const values = await Promise.all(names.map(async (n) => JSON.parse(await readFile('`+dir+`/p/' + n, 'utf8')).i));
console.log(names, values, (await stat('`+dir+`/p')).isDirectory());
try { await readFile('`+dir+`/none'); } catch (e) { console.log(e.code, e instanceof Error); }
await rm('`+dir+`/p', { recursive: true });
clearInterval(timer);
`, "")
	require.NoError(t, err, engine.FormatError(err))
	assert.Equal(t, "[ '1.json', '2.json', '3.json' ] [ 1, 2, 3 ] true\nENOENT true\n", out)
}

func TestStdin(t *testing.T) {
	dir := t.TempDir()
	out, err := run(t, dir, `import fs from 'fs';
console.log(JSON.stringify(fs.readFileSync(0, 'utf8')));`, "name\nDEVELOPER\n")
	require.NoError(t, err, engine.FormatError(err))
	assert.Equal(t, "\"name\\nDEVELOPER\\n\"\n", out)

	out, err = run(t, dir, `let text = '';
for await (const chunk of process.stdin) text += chunk;
console.log(text.split('\n').filter(Boolean).length);`, strings.Repeat("zeile ä\n", 20000))
	require.NoError(t, err, engine.FormatError(err))
	assert.Equal(t, "20000\n", out)
}

func TestReaddirWithFileTypes(t *testing.T) {
	dir := t.TempDir()
	require.NoError(t, os.Mkdir(filepath.Join(dir, "sub"), 0o755))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "a.csv"), nil, 0o644))
	out, err := run(t, dir, `import fs from 'fs';
import { readdir } from 'fs/promises';
const show = (es) => es.map((e) => e.name + (e.isFile() ? '' : e.isDirectory() ? '/' : '?') + (e.parentPath === '`+dir+`' ? '' : '!')).join(' ');
console.log(show(fs.readdirSync('`+dir+`', { withFileTypes: true })), show(await readdir('`+dir+`', { withFileTypes: true })));`, "")
	require.NoError(t, err, engine.FormatError(err))
	assert.Equal(t, "a.csv main.mjs sub/ a.csv main.mjs sub/\n", out)
}
