package readline_test

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wsrfc/wsrfc/runtime/engine"
)

func run(t *testing.T, src, stdin string) string {
	t.Helper()
	var out bytes.Buffer
	rt, err := engine.New(engine.Options{Stdout: &out, Stderr: &out, Env: []string{}, Stdin: strings.NewReader(stdin)})
	require.NoError(t, err)
	defer rt.Close()
	err = rt.RunString(context.Background(), "", src)
	require.NoError(t, err, engine.FormatError(err))
	return out.String()
}

func TestLinesOfStdin(t *testing.T) {
	out := run(t, `import readline from 'node:readline';
const rl = readline.createInterface({ input: process.stdin });
const lines = [];
for await (const line of rl) lines.push(line);
console.log(JSON.stringify(lines));`, "DEVELOPER\r\nNOBODY\n\nlast without newline")
	assert.Equal(t, `["DEVELOPER","NOBODY","","last without newline"]`+"\n", out)
}

func TestLineAndCloseEvents(t *testing.T) {
	out := run(t, `const rl = require('readline').createInterface({ input: process.stdin });
rl.on('line', (l) => console.log('line', l)).on('close', () => console.log('closed'));
try { rl.on('pause', () => {}); } catch (e) { console.log(e.message); }
try { require('readline').createInterface({ input: 42 }); } catch (e) { console.log(e.name); }`, "a\nb\n")
	assert.Equal(t, "readline: unsupported event 'pause'; use 'line' or 'close'\nTypeError\nline a\nline b\nclosed\n", out)
}
