package web_test

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wsrfc/wsrfc/runtime/engine"
)

func run(t *testing.T, src string) string {
	t.Helper()
	var out bytes.Buffer
	rt, err := engine.New(engine.Options{Stdout: &out, Stderr: &out, Env: []string{}})
	require.NoError(t, err)
	defer rt.Close()
	err = rt.RunString(context.Background(), "", src)
	require.NoError(t, err, engine.FormatError(err))
	return out.String()
}

func TestTextCodecsAndBase64(t *testing.T) {
	out := run(t, `const bytes = new TextEncoder().encode('Grüße €');
console.log(bytes.length, new TextDecoder().decode(bytes), new TextDecoder('utf8').decode(bytes.buffer));
console.log(JSON.stringify(new TextDecoder().decode(new Uint8Array([0xEF, 0xBB, 0xBF, 0x41, 0xFF]))));
try { new TextDecoder('utf-8', { fatal: true }).decode(new Uint8Array([0xFF])); } catch (e) { console.log(e.name); }
try { new TextDecoder('latin1'); } catch (e) { console.log(e.name); }
console.log(btoa('user:pass'), atob('dXNlcjpwYXNz'), atob(' dXNl cg== '));
try { btoa('€'); } catch (e) { console.log(e.name); }
try { atob('*'); } catch (e) { console.log(e.name); }`)
	assert.Equal(t, "11 Grüße € Grüße €\n\"A\uFFFD\"\nTypeError\nRangeError\ndXNlcjpwYXNz user:pass user\nInvalidCharacterError\nInvalidCharacterError\n", out)
}

func TestStructuredCloneAndPerformance(t *testing.T) {
	out := run(t, `const src = { when: new Date(0), tags: new Set(['a']), byId: new Map([[1, { n: 'x' }]]), re: /x/gi, bytes: new Uint8Array([1, 2]), list: [1, { deep: true }] };
src.self = src;
const c = structuredClone(src);
console.log(c !== src, c.self === c, c.when.getTime(), c.tags.has('a'), c.byId.get(1).n, c.byId.get(1) !== src.byId.get(1), c.re.flags, c.bytes[1], c.list[1].deep);
try { structuredClone({ f() {} }); } catch (e) { console.log(e.name); }
const t0 = performance.now();
let x = 0; for (let i = 0; i < 1e5; i++) x += i;
console.log(typeof t0, performance.now() >= t0, performance.timeOrigin > 1.7e12);`)
	assert.Equal(t, "true true 0 true x true gi 2 true\nDataCloneError\nnumber true true\n", out)
}

func TestBufferSubset(t *testing.T) {
	out := run(t, `const b = Buffer.from('héllo');
console.log(b.toString('hex'), b.toString('base64'), Buffer.from('68c3a96c6c6f', 'hex').toString(), Buffer.from('aMOpbGxv', 'base64').toString('utf8'));
console.log(Buffer.concat([Buffer.from('a'), Buffer.from('b')]).toString(), Buffer.alloc(3).length, b.equals(Buffer.from('héllo')), Buffer.isBuffer(b), b instanceof Uint8Array);
console.log(require('buffer').Buffer === Buffer, require('node:url').URL === URL);`)
	assert.Equal(t, "68c3a96c6c6f aMOpbGxv héllo héllo\nab 3 true true true\ntrue true\n", out)
}

func TestBufferPrintsLikeNode(t *testing.T) {
	out := run(t, `console.log(Buffer.from('hé'), Buffer.alloc(0), new Uint8Array([1]));
console.log(Buffer.alloc(52, 1));`)
	assert.Equal(t, "<Buffer 68 c3 a9> <Buffer > Uint8Array(1) [ 1 ]\n<Buffer"+strings.Repeat(" 01", 50)+" ... 2 more bytes>\n", out)
}
