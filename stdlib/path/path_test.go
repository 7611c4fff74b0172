package path_test

import (
	"bytes"
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wsrfc/wsrfc/runtime/engine"
)

func TestNodePathFunctions(t *testing.T) {
	var out bytes.Buffer
	rt, err := engine.New(engine.Options{Stdout: &out, Stderr: &out, Env: []string{}})
	require.NoError(t, err)
	defer rt.Close()
	err = rt.RunString(context.Background(), "", `const path = require('node:path');
const lines = [
  path.join('/a/b', '../c', 'd.txt'), path.join(''), path.basename('/x/report.csv'), path.basename('/x/report.csv', '.csv'),
  path.extname('a/b.tar.gz'), path.extname('.profile'), path.dirname('/a/b/c'), path.normalize('a//b/../c/'),
  path.isAbsolute('/x'), path.isAbsolute('x'), path.relative('/data/in', '/data/out/x.csv'), path.resolve('/a', 'b', '../c'),
  path.resolve('rel') === process.cwd() + '/rel', JSON.stringify(path.parse('/home/u/file.txt')),
  path.format({ dir: '/tmp', name: 'r', ext: '.json' }), path.sep,
];
console.log(lines.join('\n'));
try { path.join('a', 1); } catch (e) { console.log(e.code); }`)
	require.NoError(t, err, engine.FormatError(err))
	assert.Equal(t, `/a/c/d.txt
.
report.csv
report
.gz

/a/b
a/c/
true
false
../out/x.csv
/a/c
true
{"root":"/","dir":"/home/u","base":"file.txt","ext":".txt","name":"file"}
/tmp/r.json
/
ERR_INVALID_ARG_TYPE
`, out.String())
}
