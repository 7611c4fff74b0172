package sim_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wsrfc/wsrfc/protocol"
	"github.com/wsrfc/wsrfc/sim"
	"github.com/wsrfc/wsrfc/sim/simtest"
)

var fixedNow = time.Date(2026, 2, 3, 14, 15, 16, 0, time.UTC)

func TestMetadataParameterOrderFollowsSAP(t *testing.T) {
	t.Parallel()
	_, l := simtest.Start(t, sim.Config{})
	s := fmDeveloper(t, l)
	order := map[string][]string{
		"STFC_CONNECTION": {"ECHOTEXT", "RESPTEXT", "REQUTEXT"},
		"STFC_STRUCTURE":  {"ECHOSTRUCT", "RESPTEXT", "IMPORTSTRUCT", "RFCTABLE"},
		"STFC_DEEP_TABLE": {"EXPORT_TAB", "RESPTEXT", "IMPORT_TAB"},
		"STFC_CHANGING":   {"COUNTER", "RESULT", "START_VALUE"},
	}
	for fm, want := range order {
		m, err := s.Metadata(context.Background(), fm)
		require.NoError(t, err)
		var got []string
		for _, p := range m.Parameters {
			got = append(got, p.Name)
		}
		assert.Equal(t, want, got, fm)
	}
	m, err := s.Metadata(context.Background(), "STFC_STRUCTURE")
	require.NoError(t, err)
	p := m.Param("IMPORTSTRUCT")
	assert.Equal(t, "RFCTEST", p.Type)
	assert.Equal(t, "Importing structure", p.Description)
	var names []string
	for _, f := range p.DataType.Fields {
		names = append(names, f.Name+":"+f.Type.String())
	}
	assert.Equal(t, []string{"RFCFLOAT:FLTP", "RFCCHAR1:CHAR(1)", "RFCINT2:INT2", "RFCINT1:INT1", "RFCCHAR4:CHAR(4)",
		"RFCINT4:INT4", "RFCHEX3:RAW(3)", "RFCCHAR2:CHAR(2)", "RFCTIME:TIMS", "RFCDATE:DATS", "RFCDATA1:CHAR(50)", "RFCDATA2:CHAR(50)"}, names)
	assert.Equal(t, "SY-LISEL", m.Param("RESPTEXT").Type)
}

func TestSTFCStructureAppendsChangedCopy(t *testing.T) {
	t.Parallel()
	_, l := simtest.Start(t, sim.Config{Now: func() time.Time { return fixedNow }})
	s := fmDeveloper(t, l)
	in := map[string]any{"RFCFLOAT": 1.23456789, "RFCCHAR1": "A", "RFCCHAR2": "BC", "RFCCHAR4": "DEFG", "RFCINT1": 1,
		"RFCINT2": 2, "RFCINT4": 345, "RFCHEX3": []byte{1, 2, 3}, "RFCTIME": "121120", "RFCDATE": "20140101",
		"RFCDATA1": "1DATA1", "RFCDATA2": "DATA222"}
	out := fmCall(t, s, "STFC_STRUCTURE", map[string]any{"IMPORTSTRUCT": in, "RFCTABLE": []any{in}})
	echo := out["ECHOSTRUCT"].(map[string]any)
	assert.Equal(t, 1.23456789, echo["RFCFLOAT"])
	assert.Equal(t, "DEFG", echo["RFCCHAR4"])
	assert.Equal(t, []byte{1, 2, 3}, echo["RFCHEX3"])
	assert.Equal(t, "SAP R/3 Rel. 758   Sysid: WSR      Date: 20260203   Time: 141516", out["RESPTEXT"])
	table := fmRows(out["RFCTABLE"])
	require.Len(t, table, 2)
	assert.Equal(t, echo, table[0], "input rows come back unchanged")
	assert.Equal(t, map[string]any{"RFCFLOAT": 2.23456789, "RFCCHAR1": "X", "RFCINT2": int64(3), "RFCINT1": int64(2),
		"RFCCHAR4": "WSR", "RFCINT4": int64(346), "RFCHEX3": []byte{0xF1, 0xF2, 0xF3}, "RFCCHAR2": "YZ",
		"RFCTIME": "141516", "RFCDATE": "20260203", "RFCDATA1": "1DATA1", "RFCDATA2": "DATA222"}, table[1])
}

func TestSTFCStructureFiveRowsGiveSix(t *testing.T) {
	t.Parallel()
	_, l := simtest.Start(t, sim.Config{})
	s := fmDeveloper(t, l)
	in := map[string]any{"RFCFLOAT": 1.23456789, "RFCINT2": 0x7FFE, "RFCINT1": 0x7F, "RFCCHAR4": "bcde",
		"RFCINT4": 0x7FFFFFFE, "RFCHEX3": []byte("fgh"), "RFCCHAR1": "a", "RFCCHAR2": "ij", "RFCTIME": "123456",
		"RFCDATE": "20161231", "RFCDATA1": strings.Repeat("k", 50), "RFCDATA2": strings.Repeat("l", 50)}
	table := []any{in, in, in, in, in}
	out := fmCall(t, s, "STFC_STRUCTURE", map[string]any{"IMPORTSTRUCT": in, "RFCTABLE": table})
	assert.True(t, strings.HasPrefix(out["RESPTEXT"].(string), "SAP"))
	got := fmRows(out["RFCTABLE"])
	require.Len(t, got, 6)
	last := got[5]
	assert.Equal(t, 2.23456789, last["RFCFLOAT"])
	assert.Equal(t, int64(32767), last["RFCINT2"])
	assert.Equal(t, int64(128), last["RFCINT1"])
	assert.Equal(t, int64(2147483647), last["RFCINT4"])
	assert.Equal(t, strings.Repeat("k", 50), last["RFCDATA1"])
}

func TestSTFCStructureIntegerEdges(t *testing.T) {
	t.Parallel()
	_, l := simtest.Start(t, sim.Config{})
	s := fmDeveloper(t, l)
	for _, c := range []struct{ in, want [3]int64 }{
		{[3]int64{254, 32766, 2147483646}, [3]int64{255, 32767, 2147483647}},
		{[3]int64{0, -32768, -2147483648}, [3]int64{1, -32767, -2147483647}},
	} {
		in := map[string]any{"RFCINT1": c.in[0], "RFCINT2": c.in[1], "RFCINT4": c.in[2]}
		out := fmCall(t, s, "STFC_STRUCTURE", map[string]any{"IMPORTSTRUCT": in, "RFCTABLE": []any{in}})
		echo := out["ECHOSTRUCT"].(map[string]any)
		assert.Equal(t, []any{c.in[0], c.in[1], c.in[2]}, []any{echo["RFCINT1"], echo["RFCINT2"], echo["RFCINT4"]})
		last := fmRows(out["RFCTABLE"])[1]
		assert.Equal(t, []any{c.want[0], c.want[1], c.want[2]}, []any{last["RFCINT1"], last["RFCINT2"], last["RFCINT4"]})
	}
	// Values outside the types never reach the server.
	_, err := s.Call(context.Background(), "STFC_STRUCTURE", map[string]any{"IMPORTSTRUCT": map[string]any{"RFCINT1": 256}})
	require.Error(t, err)
	_, err = s.Call(context.Background(), "STFC_STRUCTURE", map[string]any{"IMPORTSTRUCT": map[string]any{"XRFCCHAR1": "x"}})
	require.Error(t, err)
}

func TestSTFCStructureOverflowIsARuntimeError(t *testing.T) {
	t.Parallel()
	_, l := simtest.Start(t, sim.Config{})
	for _, in := range []map[string]any{{"RFCINT1": 255}, {"RFCINT2": 32767}, {"RFCINT4": 2147483647}} {
		s := fmDeveloper(t, l)
		_, err := s.Call(context.Background(), "STFC_STRUCTURE", map[string]any{"IMPORTSTRUCT": in})
		fmRequireEnded(t, s, err)
	}
}

func TestSTFCChanging(t *testing.T) {
	t.Parallel()
	_, l := simtest.Start(t, sim.Config{})
	s := fmDeveloper(t, l)
	out := fmCall(t, s, "STFC_CHANGING", map[string]any{"START_VALUE": 33, "COUNTER": 88})
	assert.Equal(t, int64(89), out["COUNTER"])
	assert.Equal(t, int64(121), out["RESULT"])
	fmCallErr(t, s, "STFC_CHANGING", map[string]any{"START_VALUE": 1}, protocol.CodeParamMissing)
}

func TestSTFCDeepTypes(t *testing.T) {
	t.Parallel()
	_, l := simtest.Start(t, sim.Config{Now: func() time.Time { return fixedNow }})
	s := fmDeveloper(t, l)
	in := map[string]any{"I": 42, "C": "ΑΒΓΔΕΖΗΘΙΚ", "STR": "Greek: Μενέλαος Μαγκλής", "XSTR": []byte{0xDE, 0xAD, 0xBE, 0xEF}}
	out := fmCall(t, s, "STFC_DEEP_STRUCTURE", map[string]any{"IMPORTSTRUCT": in})
	assert.Equal(t, map[string]any{"I": int64(42), "C": "ΑΒΓΔΕΖΗΘΙΚ", "STR": "Greek: Μενέλαος Μαγκλής",
		"XSTR": []byte{0xDE, 0xAD, 0xBE, 0xEF}}, out["ECHOSTRUCT"])

	tab := []any{
		map[string]any{"I": 1, "C": "A", "STR": "Grüße 🌍", "XSTR": []byte{1}},
		map[string]any{"I": 2, "C": "", "STR": "", "XSTR": []byte{}},
	}
	out = fmCall(t, s, "STFC_DEEP_TABLE", map[string]any{"IMPORT_TAB": tab})
	got := fmRows(out["EXPORT_TAB"])
	require.Len(t, got, 3)
	assert.Equal(t, "Grüße 🌍", got[0]["STR"])
	assert.Equal(t, "", got[1]["STR"])
	assert.Equal(t, []byte{}, got[1]["XSTR"])
	assert.Equal(t, map[string]any{"I": int64(10), "C": "Appended", "STR": "20260203", "XSTR": []byte{0xDE, 0xAD, 0xBE, 0xEF}}, got[2])
}

func TestSTFCPerformance(t *testing.T) {
	t.Parallel()
	_, l := simtest.Start(t, sim.Config{})
	s := fmDeveloper(t, l)
	out := fmCall(t, s, "STFC_PERFORMANCE", map[string]any{"CHECKTAB": "X", "LGET0332": "10000", "LGET1000": "10000"})
	e332, e1000 := fmRows(out["ETAB0332"]), fmRows(out["ETAB1000"])
	require.Len(t, e332, 10000)
	require.Len(t, e1000, 10000)
	line := e332[41]["LINE1"].(string)
	assert.Equal(t, "Line Length: 0332   Line No.: 00042     0123456789", line[:50])
	assert.Equal(t, "89012345678901", e332[41]["LINE4"].(string)[18:])
	assert.Equal(t, "O", out["EXITCODE"])

	// What comes back can be sent in and passes the check.
	in := make([]any, 5)
	for i := range in {
		in[i] = e1000[i]
	}
	out = fmCall(t, s, "STFC_PERFORMANCE", map[string]any{"CHECKTAB": "X", "LGIT1000": "5", "ITAB1000": in})
	assert.Equal(t, "O", out["EXITCODE"])
	assert.Equal(t, "Import table (length 1000):  #Lines = 00005: OK,  Contents: OK", out["TEXT1000"])

	broken := map[string]any{}
	for k, v := range e1000[0] {
		broken[k] = v
	}
	broken["LINE2"] = strings.Repeat("x", 200)
	out = fmCall(t, s, "STFC_PERFORMANCE", map[string]any{"CHECKTAB": "X", "LGIT1000": "2", "ITAB1000": []any{e1000[0], broken}})
	assert.Equal(t, "E", out["EXITCODE"])
	assert.Contains(t, out["TEXT1000"], "ERROR at line 00002 position 0200")
	out = fmCall(t, s, "STFC_PERFORMANCE", map[string]any{"LGIT0332": "3"})
	assert.Equal(t, "E", out["EXITCODE"])
	assert.Equal(t, fmt.Sprintf("Import table (length 0332): ERROR:  #Lines = %05d  Expected: %05d", 0, 3), out["TEXT0332"])
}
