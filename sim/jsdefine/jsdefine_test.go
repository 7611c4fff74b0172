package jsdefine_test

import (
	"context"
	"io"
	"os"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wsrfc/wsrfc/protocol"
	"github.com/wsrfc/wsrfc/session"
	"github.com/wsrfc/wsrfc/sim"
	"github.com/wsrfc/wsrfc/sim/jsdefine"
	"github.com/wsrfc/wsrfc/sim/simtest"
)

func dial(t *testing.T, srv *sim.Server) *session.Session {
	t.Helper()
	return simtest.Dial(t, simtest.Options(simtest.Serve(t, srv), sim.DemoUser, sim.DemoPassword))
}

const orders = `
define({
  name: 'z_orders_total',
  description: 'Totals the order lines',
  importing: { CUSTOMER: 'CHAR(10)', DISCOUNT: { type: 'DEC(5,2)', default: '0' } },
  exporting: { TOTAL: 'DEC(15,2)', LINES: 'INT4' },
  changing: { CALLS: 'INT4' },
  tables: { ITEMS: { QTY: 'INT4', PRICE: 'DEC(15,2)' } },
  exceptions: ['NO_ITEMS'],
  handler({ CUSTOMER, DISCOUNT, ITEMS, CALLS }) {
    if (ITEMS.length === 0) throw abap.exception('NO_ITEMS', 'Customer ' + CUSTOMER + ' ordered nothing');
    const cents = ITEMS.reduce((sum, i) => sum + i.QTY * Math.round(Number(i.PRICE) * 100), 0);
    const total = cents * (100 - Number(DISCOUNT)) / 100;
    return { TOTAL: (total / 100).toFixed(2), LINES: ITEMS.length, CALLS: CALLS + 1 };
  },
});`

func TestModulesDefinedInJSBehaveLikeABAPModules(t *testing.T) {
	srv := sim.New(sim.Config{})
	require.NoError(t, jsdefine.LoadSource(srv, "orders.js", orders))
	s := dial(t, srv)

	meta, err := s.Metadata(context.Background(), "Z_ORDERS_TOTAL")
	require.NoError(t, err)
	assert.Equal(t, "Totals the order lines", meta.Description)
	assert.Equal(t, protocol.KindDec, meta.Param("TOTAL").DataType.Kind)
	assert.True(t, meta.Param("DISCOUNT").Optional)
	assert.Equal(t, protocol.KindTable, meta.Param("ITEMS").DataType.Kind)

	out, err := s.Call(context.Background(), "Z_ORDERS_TOTAL", map[string]any{
		"CUSTOMER": "ACME", "DISCOUNT": "10", "CALLS": 4,
		"ITEMS": []any{map[string]any{"QTY": 2, "PRICE": "9.99"}, map[string]any{"QTY": 1, "PRICE": "0.02"}},
	})
	require.NoError(t, err)
	assert.Equal(t, protocol.Decimal("18.00"), out["TOTAL"])
	assert.Equal(t, int64(2), out["LINES"])
	assert.Equal(t, int64(5), out["CALLS"])

	_, err = s.Call(context.Background(), "Z_ORDERS_TOTAL", map[string]any{"CUSTOMER": "NOBODY"})
	var se *session.Error
	require.ErrorAs(t, err, &se)
	assert.Equal(t, protocol.CodeABAPException, se.Code)
	assert.Equal(t, "NO_ITEMS", se.Details.Key)
	assert.Contains(t, se.Message, "NOBODY ordered nothing")
}

func TestDefineErrorsNameTheProblem(t *testing.T) {
	srv := sim.New(sim.Config{})
	for src, want := range map[string]string{
		`define({ name: 'Z_X', handler: 1 })`:                               "handler must be a function",
		`define({ name: 'Z_X', importing: { A: 'CHAR(' }, handler() {} })`:  "unknown type",
		`define({ name: 'Z_X', importing: { A: 'WIDGET' }, handler() {} })`: "unknown type",
		`// nothing defined here`:                                           "defines no function module",
		`define({ name: 'Z_X', handler() {} }`:                              "orders.js",
	} {
		err := jsdefine.LoadSource(srv, "orders.js", src)
		require.Error(t, err, src)
		assert.Contains(t, err.Error(), want, src)
	}
}

func TestAThrowingHandlerIsARuntimeErrorThatEndsTheSession(t *testing.T) {
	srv := sim.New(sim.Config{})
	require.NoError(t, jsdefine.LoadSource(srv, "bad.js", `define({ name: 'Z_BAD', handler() { null.x } })`))
	s := dial(t, srv)
	_, err := s.Call(context.Background(), "Z_BAD", nil)
	var ce *session.ConnectionError
	require.ErrorAs(t, err, &ce)
	// The reason of a WebSocket close is short: where the handler failed and why fill it, since the
	// caller knows which module it called.
	assert.Contains(t, ce.Error(), "JS handler failed at bad.js:1:")
	assert.Contains(t, ce.Error(), "TypeError: Cannot read property 'x' of undefined")
}

func TestDefinedStructuresKeepTheirFieldOrderAndAsyncHandlersAreAwaited(t *testing.T) {
	srv := sim.New(sim.Config{})
	require.NoError(t, jsdefine.LoadSource(srv, "async.js", `
define({
  name: 'Z_ASYNC',
  importing: { FAIL: { type: 'CHAR(1)', default: '' } },
  exporting: { RESULT: { ZULU: 'CHAR(4)', ALPHA: 'INT4', MIKE: 'STRING' } },
  exceptions: ['REFUSED'],
  async handler({ FAIL }) {
    const alpha = await Promise.resolve(41);
    if (FAIL === 'X') throw abap.exception('REFUSED', 'told to fail');
    return { RESULT: { ZULU: 'last', ALPHA: alpha + 1, MIKE: 'mid' } };
  },
});`))
	s := dial(t, srv)
	meta, err := s.Metadata(context.Background(), "Z_ASYNC")
	require.NoError(t, err)
	var names []string
	for _, f := range meta.Param("RESULT").DataType.Fields {
		names = append(names, f.Name)
	}
	assert.Equal(t, []string{"ZULU", "ALPHA", "MIKE"}, names, "fields as declared")

	out, err := s.Call(context.Background(), "Z_ASYNC", nil)
	require.NoError(t, err)
	assert.Equal(t, map[string]any{"ZULU": "last", "ALPHA": int64(42), "MIKE": "mid"}, out["RESULT"])

	_, err = s.Call(context.Background(), "Z_ASYNC", map[string]any{"FAIL": "X"})
	var se *session.Error
	require.ErrorAs(t, err, &se, "a rejected promise with abap.exception is the exception")
	assert.Equal(t, "REFUSED", se.Details.Key)
}

func TestDefineMistakesPointAtTheScriptNotAtGo(t *testing.T) {
	srv := sim.New(sim.Config{})
	err := jsdefine.LoadSource(srv, "types.js", "\n  define({ name: 'Z_T', importing: { A: 'CHR(3)' }, handler() {} })")
	require.Error(t, err)
	assert.Regexp(t, `^--define types\.js:2:\d+: define Z_T: parameter A: unknown type "CHR\(3\)"`, err.Error())
	assert.Contains(t, err.Error(), "types are CHAR(n), NUMC(n), DATS")
	assert.NotContains(t, err.Error(), "native")
	assert.NotContains(t, err.Error(), "github.com")

	err = jsdefine.LoadSource(srv, "syntax.js", "define({ name: 'Z_S', handler() { ")
	require.Error(t, err)
	assert.Equal(t, 1, strings.Count(err.Error(), "SyntaxError"), err.Error())
	assert.Contains(t, err.Error(), "--define syntax.js: SyntaxError: Line 1:")
}

func TestAThrowingHandlerSaysWhereItFailed(t *testing.T) {
	srv := sim.New(sim.Config{})
	require.NoError(t, jsdefine.LoadSource(srv, "bad.js", "define({ name: 'Z_BAD',\n  handler() { return missing.x } })"))
	s := dial(t, srv)
	_, err := s.Call(context.Background(), "Z_BAD", nil)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "JS handler failed at bad.js:2:")
	assert.Contains(t, err.Error(), "ReferenceError: missing is not defined")
}

func TestAModuleDefinedInJSCanTakeAUTCLong(t *testing.T) {
	srv := sim.New(sim.Config{})
	require.NoError(t, jsdefine.LoadSource(srv, "stamp.js", `define({
  name: 'Z_NEXT_SECOND',
  importing: { IV_AT: 'UTCLONG' },
  exporting: { EV_AT: 'UTCLONG' },
  handler({ IV_AT }) { return { EV_AT: new Date(Date.parse(IV_AT.slice(0, 23) + 'Z') + 1000).toISOString() }; },
});`))
	s := dial(t, srv)
	meta, err := s.Metadata(context.Background(), "Z_NEXT_SECOND")
	require.NoError(t, err)
	assert.Equal(t, protocol.KindUTCLong, meta.Param("IV_AT").DataType.Kind)
	out, err := s.Call(context.Background(), "Z_NEXT_SECOND", map[string]any{"IV_AT": "2026-12-31T23:59:59.5"})
	require.NoError(t, err)
	assert.Equal(t, "2027-01-01T00:00:00.5000000", out["EV_AT"])
}

// A define file runs on the same engine as scripts: console prints values as
// console.log in a script does (to stderr, stdout belongs to the script), and
// node's built-ins load.
func TestDefineFilesHaveTheScriptsConsoleAndRequire(t *testing.T) {
	r, w, err := os.Pipe()
	require.NoError(t, err)
	stderr := os.Stderr
	os.Stderr = w
	t.Cleanup(func() { os.Stderr = stderr })

	srv := sim.New(sim.Config{})
	require.NoError(t, jsdefine.LoadSource(srv, "log.js", `
const path = require('path');
console.log('loaded', { file: path.basename('/x/log.js'), sizes: [1, 2] });
define({ name: 'Z_LOG', exporting: { OUT: 'STRING' }, handler() {
  console.log('called', { n: 1 });
  return { OUT: path.join('a', 'b') };
} });`))
	os.Stderr = stderr
	out, err := dial(t, srv).Call(context.Background(), "Z_LOG", nil)
	require.NoError(t, err)
	assert.Equal(t, "a/b", out["OUT"])
	require.NoError(t, w.Close())
	logged, err := io.ReadAll(r)
	require.NoError(t, err)
	assert.Equal(t, "loaded { file: 'log.js', sizes: [ 1, 2 ] }\ncalled { n: 1 }\n", string(logged))
}
