package sim_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wsrfc/wsrfc/sim"
	"github.com/wsrfc/wsrfc/sim/simtest"
)

func TestAlphaConversionExit(t *testing.T) {
	for _, c := range []struct {
		in     string
		length int
		want   string
	}{
		{"4711", 10, "0000004711"},
		{"  4711 ", 10, "0000004711"},
		{"0000004711", 10, "0000004711"},
		{"ABC", 10, "ABC"},
		{"47 11", 10, "47 11"},
		{"12A", 10, "12A"},
		{"", 10, ""},
		{"   ", 10, ""},
		{"123456789012", 10, "1234567890"},
		{"0", 4, "0000"},
	} {
		assert.Equal(t, c.want, sim.AlphaInput(c.in, c.length), "ALPHA input of %q into %d characters", c.in, c.length)
	}
	for in, want := range map[string]string{
		"0000004711": "4711", "0000000000": "", "ABC": "ABC", "00A1": "A1", " 0012": " 0012", "4711      ": "4711",
	} {
		assert.Equal(t, want, sim.AlphaOutput(in), "ALPHA output of %q", in)
	}
}

func TestFieldInfoDescribesAWideTable(t *testing.T) {
	_, l := simtest.Start(t, sim.Config{})
	s := fmDeveloper(t, l)
	out := fmCall(t, s, "DDIF_FIELDINFO_GET", map[string]any{"TABNAME": "ZWSR_PARTNER"})
	rows := fmRows(out["DFIES_TAB"])
	require.Len(t, rows, 13)
	byName := map[string]map[string]any{}
	for _, r := range rows {
		byName[r["FIELDNAME"].(string)] = r
	}
	assert.Equal(t, "X", byName["MANDT"]["KEYFLAG"])
	assert.Equal(t, "X", byName["PARTNER"]["KEYFLAG"])
	assert.Equal(t, "ALPHA", byName["PARTNER"]["CONVEXIT"])
	assert.Equal(t, "", byName["NAME"]["KEYFLAG"])
	assert.Equal(t, "CURR", byName["CREDIT_LIMIT"]["DATATYPE"])
	assert.Equal(t, "P", byName["CREDIT_LIMIT"]["INTTYPE"])
	assert.Equal(t, "000015", byName["CREDIT_LIMIT"]["LENG"])
	assert.Equal(t, "000002", byName["CREDIT_LIMIT"]["DECIMALS"])
	assert.Equal(t, "I", byName["RATING"]["INTTYPE"])
	assert.Equal(t, "000168", byName["RATING"]["OFFSET"], "INT4 aligned at 4 bytes after 84 characters and a P(8)")
	x := out["X030L_WA"].(map[string]any)
	assert.Equal(t, int64(13), x["FLDCNT"])
	assert.Equal(t, int64(26), x["KEYLEN"], "MANDT and PARTNER: 13 characters of 2 bytes")

	// The line is wider than RFC_READ_TABLE's DATA line.
	fmCallErr(t, s, "RFC_READ_TABLE", map[string]any{"QUERY_TABLE": "ZWSR_PARTNER"}, "ABAP_EXCEPTION")
	fmCallErr(t, s, "DDIF_FIELDINFO_GET", map[string]any{"TABNAME": "ZWSR_PARTNER", "FIELDNAME": "NOPE"}, "ABAP_EXCEPTION")
	fmCallErr(t, s, "CONVERSION_EXIT_ALPHA_INPUT", map[string]any{"INPUT": "1"}, "NOT_REMOTE_ENABLED")
}

func TestReadTableChecksTheTableAuthorizationGroup(t *testing.T) {
	srv, l := simtest.Start(t, sim.Config{})
	srv.AddUser(sim.User{Name: "CLERK", Password: "Clerk1!", Client: sim.DemoClient, RFCAuth: []string{"*"}, TableAuth: []string{"&NC&"}})
	s := fmLogon(t, l, "CLERK", "Clerk1!")
	out := fmCall(t, s, "RFC_READ_TABLE", map[string]any{"QUERY_TABLE": "SCARR", "ROWCOUNT": int64(1)})
	assert.Len(t, fmRows(out["DATA"]), 1, "tables without an authorization group")
	se := fmCallErr(t, s, "RFC_READ_TABLE", map[string]any{"QUERY_TABLE": "ZWSR_PARTNER", "FIELDS": []any{map[string]any{"FIELDNAME": "PARTNER"}}}, "ABAP_EXCEPTION")
	assert.Equal(t, "NOT_AUTHORIZED", se.Details.Key)

	srv.AddUser(sim.User{Name: "AUDITOR", Password: "Audit1!", Client: sim.DemoClient, RFCAuth: []string{"*"}, TableAuth: []string{"ZW*"}})
	a := fmLogon(t, l, "AUDITOR", "Audit1!")
	out = fmCall(t, a, "RFC_READ_TABLE", map[string]any{"QUERY_TABLE": "ZWSR_PARTNER", "FIELDS": []any{map[string]any{"FIELDNAME": "PARTNER"}}})
	assert.Len(t, fmRows(out["DATA"]), 8)
	fmCallErr(t, a, "RFC_READ_TABLE", map[string]any{"QUERY_TABLE": "SCARR"}, "ABAP_EXCEPTION")
}
