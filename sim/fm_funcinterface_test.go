package sim_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wsrfc/wsrfc/protocol"
	"github.com/wsrfc/wsrfc/sim"
	"github.com/wsrfc/wsrfc/sim/simtest"
)

func TestRFCGetFunctionInterface(t *testing.T) {
	t.Parallel()
	_, l := simtest.Start(t, sim.Config{})
	s := fmDeveloper(t, l)

	type row struct {
		class, name, tab, field, exid string
		pos, length                   int64
		optional                      string
	}
	read := func(fm, nonUnicode string) ([]row, map[string]any) {
		r := fmCall(t, s, "RFC_GET_FUNCTION_INTERFACE", map[string]any{"FUNCNAME": fm, "NONE_UNICODE_LENGTH": nonUnicode})
		var rows []row
		for _, p := range fmRows(r["PARAMS"]) {
			rows = append(rows, row{p["PARAMCLASS"].(string), p["PARAMETER"].(string), p["TABNAME"].(string),
				p["FIELDNAME"].(string), p["EXID"].(string), p["POSITION"].(int64), p["INTLENGTH"].(int64), p["OPTIONAL"].(string)})
		}
		return rows, r
	}

	// RFCTEST is 264 bytes in a Unicode system and 144 in a non-Unicode one
	// (the RFC SDK's description of STFC_STRUCTURE); SY-LISEL is SYST-LISEL.
	rows, r := read("STFC_STRUCTURE", "")
	assert.Equal(t, []row{
		{"E", "ECHOSTRUCT", "RFCTEST", "", "u", 1, 264, "X"},
		{"E", "RESPTEXT", "SYST", "LISEL", "C", 2, 510, "X"},
		{"I", "IMPORTSTRUCT", "RFCTEST", "", "u", 3, 264, ""},
		{"T", "RFCTABLE", "RFCTEST", "", "u", 4, 264, ""},
	}, rows)
	assert.Equal(t, "R", r["REMOTE_CALL"])
	rows, _ = read("STFC_STRUCTURE", "X")
	assert.Equal(t, []int64{144, 255, 144, 144}, []int64{rows[0].length, rows[1].length, rows[2].length, rows[3].length})

	// Every parameter of BS01_SALESORDER_GETDETAIL has the Unicode length the
	// RFC SDK reports for it (PyRFC tests/data/func_desc_BS01_SALESORDER_GETDETAIL.py),
	// which pins the alignment of integers and floats inside the structures.
	want := map[string]int64{
		"EXTENSIONOUT": 1980, "INTERNAL_USE": 2, "ORDER_ADDRESS": 1258, "ORDER_BILLINGDATES": 600,
		"ORDER_BILLINGPLANS": 332, "ORDER_BUSINESS": 1702, "ORDER_CFGS_CUBLBS": 538, "ORDER_CFGS_CUCFGS": 820,
		"ORDER_CFGS_CUINS": 492, "ORDER_CFGS_CUPRTS": 272, "ORDER_CFGS_CUREFS": 66, "ORDER_CFGS_CUVALS": 578,
		"ORDER_CFGS_CUVKS": 136, "ORDER_CONDITIONS": 736, "ORDER_COND_HEAD": 752, "ORDER_COND_ITEM": 940,
		"ORDER_COND_QTY_SCALE": 122, "ORDER_COND_VAL_SCALE": 134, "ORDER_CONTRACTS": 316, "ORDER_CREDITCARDS": 592,
		"ORDER_FLOWS": 672, "ORDER_HEADER": 1620, "ORDER_ITEMS": 3608, "ORDER_PARTNERS": 360,
		"ORDER_SCHEDULE_LINES": 624, "ORDER_SERVICES": 1130, "ORDER_SERVICES_COND": 488, "ORDER_SERVICES_TEXT": 316,
		"ORDER_STATUSHEADERS": 202, "ORDER_STATUSITEMS": 110, "ORDER_TEXTHEADERS": 770, "ORDER_TEXTLINES": 464,
		"RETURN": 1088, "SALESDOCUMENT": 20,
	}
	rows, _ = read("BS01_SALESORDER_GETDETAIL", "")
	got := map[string]int64{}
	for _, p := range rows {
		got[p.name] = p.length
	}
	assert.Equal(t, want, got)

	// Exceptions are rows of class X; every ABAP type has its letter.
	rows, _ = read("RFC_READ_TABLE", "")
	assert.Contains(t, rows, row{"X", "TABLE_NOT_AVAILABLE", "", "", "", 0, 0, ""})
	types := map[string]string{}
	rows, _ = read("/COE/RBP_FE_DATATYPES", "")
	for _, p := range rows {
		types[p.name] = p.exid
	}
	assert.Equal(t, map[string]string{"CS_STRUCT": "v", "CT_TABLE": "h", "CV_CKEY": "C", "CV_INT": "I", "ES_OUTPUT": "v",
		"EV_STRING": "g", "EV_XSTRING": "y", "IS_INPUT": "v", "IV_COUNT": "I", "IV_DECF16": "a", "IV_GENERATE": "C",
		"IV_LANGU": "C", "IV_LANGU_D": "C", "IV_STRING": "g", "IV_STRING_SIZE": "8", "IV_UNAME": "C", "IV_UNAME_DOM": "C",
		"IV_XSTRING": "y", "IV_XSTRING_SIZE": "8", "ET_OUTPUT": "u", "ET_RAW": "u", "EX_EXCEPTION1": ""}, types)
	rows, _ = read("ZDATATYPES", "")
	assert.Equal(t, "p", rows[0].exid, "UTCLONG")

	e := fmCallErr(t, s, "RFC_GET_FUNCTION_INTERFACE", map[string]any{"FUNCNAME": "Z_NOPE"}, protocol.CodeABAPException)
	assert.Equal(t, "FU_NOT_FOUND", e.Details.Key)
	assert.Equal(t, "Function module Z_NOPE does not exist", e.Message)
	assert.Equal(t, []string{"E", "FL", "046", "Z_NOPE"}, []string{e.Details.MsgType, e.Details.MsgID, e.Details.MsgNo, e.Details.MsgV1})
}

func TestBAPIUserGetList(t *testing.T) {
	t.Parallel()
	srv, l := simtest.Start(t, sim.Config{})
	srv.AddUser(sim.User{Name: "AUDITOR", Password: "x", Client: sim.DemoClient, FirstName: "Ada", LastName: "Audit", Locked: true})
	srv.AddUser(sim.User{Name: "CLERK", Password: "x", Client: sim.DemoClient, FirstName: "Carl", LastName: "Clerk"})
	srv.AddUser(sim.User{Name: "OTHER", Password: "x", Client: "002"})
	s := fmDeveloper(t, l)
	var all []string
	for _, u := range srv.Users(sim.DemoClient) {
		all = append(all, u.Name)
	}
	require.Equal(t, []string{"AUDITOR", "CLERK", sim.DemoUser}, all, "the users of the demo client")

	names := func(r map[string]any) []string {
		var out []string
		for _, u := range fmRows(r["USERLIST"]) {
			out = append(out, u["USERNAME"].(string))
		}
		return out
	}
	r := fmCall(t, s, "BAPI_USER_GETLIST", nil)
	assert.Equal(t, all, names(r), "every user of the client, in name order")
	assert.Equal(t, int64(len(all)), r["ROWS"])
	assert.Equal(t, "", fmRows(r["USERLIST"])[0]["LASTNAME"], "names only WITH_USERNAME")

	r = fmCall(t, s, "BAPI_USER_GETLIST", map[string]any{"MAX_ROWS": 1, "WITH_USERNAME": "X"})
	require.Equal(t, all[:1], names(r))
	first, _ := srv.LookupUser(sim.DemoClient, all[0])
	assert.Equal(t, first.LastName, fmRows(r["USERLIST"])[0]["LASTNAME"])

	rng := func(rows ...map[string]any) map[string]any {
		t := []any{}
		for _, r := range rows {
			t = append(t, r)
		}
		return map[string]any{"SELECTION_RANGE": t}
	}
	r = fmCall(t, s, "BAPI_USER_GETLIST", rng(map[string]any{"PARAMETER": "USERNAME", "SIGN": "I", "OPTION": "EQ", "LOW": sim.DemoUser}))
	assert.Equal(t, []string{sim.DemoUser}, names(r))
	r = fmCall(t, s, "BAPI_USER_GETLIST", rng(map[string]any{"PARAMETER": "USERNAME", "SIGN": "E", "OPTION": "EQ", "LOW": sim.DemoUser}))
	assert.NotContains(t, names(r), sim.DemoUser)
	assert.Len(t, names(r), len(all)-1)
	r = fmCall(t, s, "BAPI_USER_GETLIST", rng(
		map[string]any{"PARAMETER": "USERNAME", "SIGN": "I", "OPTION": "CP", "LOW": "*"},
		map[string]any{"PARAMETER": "ISLOCKED", "FIELD": "LOCAL_LOCK", "SIGN": "I", "OPTION": "EQ", "LOW": "L"}))
	assert.Equal(t, []string{"AUDITOR"}, names(r), "the criteria of different fields must all hold")
	r = fmCall(t, s, "BAPI_USER_GETLIST", rng(map[string]any{"PARAMETER": "ADDRESS", "FIELD": "LASTNAME", "SIGN": "I", "OPTION": "BT", "LOW": "B", "HIGH": "D"}))
	assert.Equal(t, []string{"CLERK"}, names(r))
}
