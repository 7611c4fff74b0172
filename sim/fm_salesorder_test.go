package sim_test

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wsrfc/wsrfc/protocol"
	"github.com/wsrfc/wsrfc/sim"
	"github.com/wsrfc/wsrfc/sim/simtest"
)

// nucLength is the length of a flat line in the RFC layer's non-Unicode
// layout: characters and digits one byte each, packed numbers (digits+1)/2,
// integers and floats aligned to their size, the line to its widest member.
func nucLength(t *testing.T, typ *protocol.Type) int {
	t.Helper()
	off, align := 0, 1
	for _, f := range typ.Fields {
		n, a := 0, 1
		switch f.Kind {
		case protocol.KindChar, protocol.KindNumc, protocol.KindRaw, protocol.KindDate, protocol.KindTime:
			n = f.Length
		case protocol.KindDec:
			n = (f.Length + 1) / 2
		case protocol.KindInt1:
			n = 1
		case protocol.KindInt2:
			n, a = 2, 2
		case protocol.KindInt4:
			n, a = 4, 4
		case protocol.KindInt8, protocol.KindFloat:
			n, a = 8, 8
		default:
			t.Fatalf("%s.%s: %s is not flat", typ.Name, f.Name, f.Kind)
		}
		align = max(align, a)
		off = (off+a-1)/a*a + n
	}
	return (off + align - 1) / align * align
}

// TestSalesOrderBAPIInterfaces compares the interfaces, as getMetadata sends
// them, with the RFC metadata SAP's PyRFC tests hold for these modules
// (tests/data/func_desc_*.py): parameter kinds and optionality, line types and
// their lengths, which pin every field's type and size.
func TestSalesOrderBAPIInterfaces(t *testing.T) {
	t.Parallel()
	_, l := simtest.Start(t, sim.Config{})
	s := fmDeveloper(t, l)
	cases := map[string]map[string]struct {
		kind     protocol.ParamKind
		line     string
		length   int
		optional bool
	}{
		"BAPISDORDER_GETDETAILEDLIST": {
			"I_BAPI_VIEW": {protocol.Importing, "ORDER_VIEW", 17, false}, "SALES_DOCUMENTS": {protocol.Tables, "SALES_KEY", 10, false},
			"EXTENSIONOUT": {protocol.Tables, "BAPIPAREX", 990, true}, "ORDER_ADDRESS_OUT": {protocol.Tables, "BAPISDCOAD", 629, true},
			"ORDER_BILLINGDATES_OUT": {protocol.Tables, "BAPISDBPLD", 424, true}, "ORDER_BILLINGPLANS_OUT": {protocol.Tables, "BAPISDBPL", 166, true},
			"ORDER_BUSINESS_OUT": {protocol.Tables, "BAPISDBUSI", 891, true}, "ORDER_CFGS_CUBLBS_OUT": {protocol.Tables, "BAPICUBLBM", 269, true},
			"ORDER_CFGS_CUCFGS_OUT": {protocol.Tables, "BAPICUCFGM", 410, true}, "ORDER_CFGS_CUINS_OUT": {protocol.Tables, "BAPICUINSM", 246, true},
			"ORDER_CFGS_CUPRTS_OUT": {protocol.Tables, "BAPICUPRTM", 136, true}, "ORDER_CFGS_CUREFS_OUT": {protocol.Tables, "BAPICUREFM", 33, true},
			"ORDER_CFGS_CUVALS_OUT": {protocol.Tables, "BAPICUVALM", 289, true}, "ORDER_CFGS_CUVKS_OUT": {protocol.Tables, "BAPICUVKM", 68, true},
			"ORDER_CONDITIONS_OUT": {protocol.Tables, "BAPISDCOND", 464, true}, "ORDER_COND_HEAD": {protocol.Tables, "BAPICONDHD", 376, true},
			"ORDER_COND_ITEM": {protocol.Tables, "BAPICONDIT", 558, true}, "ORDER_COND_QTY_SCALE": {protocol.Tables, "BAPICONDQS", 72, true},
			"ORDER_COND_VAL_SCALE": {protocol.Tables, "BAPICONDVS", 81, true}, "ORDER_CONTRACTS_OUT": {protocol.Tables, "BAPISDCNTR", 158, true},
			"ORDER_CREDITCARDS_OUT": {protocol.Tables, "BAPICCARDM", 317, true}, "ORDER_FLOWS_OUT": {protocol.Tables, "BAPISDFLOW", 376, true},
			"ORDER_HEADERS_OUT": {protocol.Tables, "BAPISDHD", 825, true}, "ORDER_ITEMS_OUT": {protocol.Tables, "BAPISDIT", 1608, true},
			"ORDER_PARTNERS_OUT": {protocol.Tables, "BAPISDPART", 180, true}, "ORDER_SCHEDULES_OUT": {protocol.Tables, "BAPISDHEDU", 344, true},
			"ORDER_STATUSHEADERS_OUT": {protocol.Tables, "BAPISDHDST", 101, true}, "ORDER_STATUSITEMS_OUT": {protocol.Tables, "BAPISDITST", 55, true},
			"ORDER_TEXTHEADERS_OUT": {protocol.Tables, "BAPISDTEHD", 385, true}, "ORDER_TEXTLINES_OUT": {protocol.Tables, "BAPITEXTLI", 232, true},
			"I_MEMORY_READ": {protocol.Importing, "", 1, true}, "I_WITH_HEADER_CONDITIONS": {protocol.Importing, "", 1, true},
		},
		"BS01_SALESORDER_GETDETAIL": {
			"ORDER_HEADER": {protocol.Exporting, "BAPISDHD", 825, true}, "INTERNAL_USE": {protocol.Importing, "", 1, true},
			"SALESDOCUMENT": {protocol.Importing, "", 10, false}, "EXTENSIONOUT": {protocol.Tables, "BAPIPAREX", 990, true},
			"ORDER_ADDRESS": {protocol.Tables, "BAPISDCOAD", 629, true}, "ORDER_BILLINGDATES": {protocol.Tables, "BAPISDBPLD", 424, true},
			"ORDER_BILLINGPLANS": {protocol.Tables, "BAPISDBPL", 166, true}, "ORDER_BUSINESS": {protocol.Tables, "BAPISDBUSI", 891, true},
			"ORDER_CFGS_CUBLBS": {protocol.Tables, "BAPICUBLBM", 269, true}, "ORDER_CFGS_CUCFGS": {protocol.Tables, "BAPICUCFGM", 410, true},
			"ORDER_CFGS_CUINS": {protocol.Tables, "BAPICUINSM", 246, true}, "ORDER_CFGS_CUPRTS": {protocol.Tables, "BAPICUPRTM", 136, true},
			"ORDER_CFGS_CUREFS": {protocol.Tables, "BAPICUREFM", 33, true}, "ORDER_CFGS_CUVALS": {protocol.Tables, "BAPICUVALM", 289, true},
			"ORDER_CFGS_CUVKS": {protocol.Tables, "BAPICUVKM", 68, true}, "ORDER_CONDITIONS": {protocol.Tables, "BAPISDCOND", 464, true},
			"ORDER_COND_HEAD": {protocol.Tables, "BAPICONDHD", 376, true}, "ORDER_COND_ITEM": {protocol.Tables, "BAPICONDIT", 558, true},
			"ORDER_COND_QTY_SCALE": {protocol.Tables, "BAPICONDQS", 72, true}, "ORDER_COND_VAL_SCALE": {protocol.Tables, "BAPICONDVS", 81, true},
			"ORDER_CONTRACTS": {protocol.Tables, "BAPISDCNTR", 158, true}, "ORDER_CREDITCARDS": {protocol.Tables, "BAPICCARDM", 317, true},
			"ORDER_FLOWS": {protocol.Tables, "BAPISDFLOW", 376, true}, "ORDER_ITEMS": {protocol.Tables, "BAPISDITBOS", 1992, true},
			"ORDER_PARTNERS": {protocol.Tables, "BAPISDPART", 180, true}, "ORDER_SCHEDULE_LINES": {protocol.Tables, "BAPISDHEDU", 344, true},
			"ORDER_SERVICES": {protocol.Tables, "BAPISDESLLBOS", 648, true}, "ORDER_SERVICES_COND": {protocol.Tables, "BAPIBOSCD", 296, true},
			"ORDER_SERVICES_TEXT": {protocol.Tables, "BAPIESLLTX", 158, true}, "ORDER_STATUSHEADERS": {protocol.Tables, "BAPISDHDST", 101, true},
			"ORDER_STATUSITEMS": {protocol.Tables, "BAPISDITST", 55, true}, "ORDER_TEXTHEADERS": {protocol.Tables, "BAPISDTEHD", 385, true},
			"ORDER_TEXTLINES": {protocol.Tables, "BAPITEXTLI", 232, true}, "RETURN": {protocol.Tables, "BAPIRET2", 548, false},
		},
	}
	for fm, params := range cases {
		meta, err := s.Metadata(context.Background(), fm)
		require.NoError(t, err, fm)
		require.Len(t, meta.Parameters, len(params), fm)
		for _, p := range meta.Parameters {
			want, ok := params[p.Name]
			if !assert.True(t, ok, "%s has no parameter %s", fm, p.Name) {
				continue
			}
			assert.Equal(t, want.kind, p.Kind, "%s.%s", fm, p.Name)
			if p.Kind != protocol.Exporting {
				assert.Equal(t, want.optional, p.Optional, "%s.%s optional", fm, p.Name)
			}
			line := p.DataType
			if line.Kind == protocol.KindTable {
				line = line.Line
			}
			if want.line == "" {
				assert.Equal(t, protocol.KindChar, line.Kind, "%s.%s", fm, p.Name)
				assert.Equal(t, want.length, line.Length, "%s.%s", fm, p.Name)
				continue
			}
			assert.Equal(t, want.line, line.Name, "%s.%s", fm, p.Name)
			assert.Equal(t, want.length, nucLength(t, line), "%s.%s: line length of %s", fm, p.Name, line.Name)
		}
	}
}

func TestSalesOrderBAPIsReadTheDemoOrder(t *testing.T) {
	t.Parallel()
	_, l := simtest.Start(t, sim.Config{})
	s := fmDeveloper(t, l)

	view := map[string]any{"HEADER": "X", "ITEM": "X", "PARTNER": "X", "STATUS_H": "X"}
	r := fmCall(t, s, "BAPISDORDER_GETDETAILEDLIST", map[string]any{
		"I_BAPI_VIEW": view, "SALES_DOCUMENTS": []any{map[string]any{"VBELN": "0000004711"}, map[string]any{"VBELN": "0000009999"}},
	})
	headers, items := fmRows(r["ORDER_HEADERS_OUT"]), fmRows(r["ORDER_ITEMS_OUT"])
	require.Len(t, headers, 1)
	assert.Equal(t, "0000004711", headers[0]["DOC_NUMBER"])
	assert.Equal(t, fmDec("1750.000000000"), headers[0]["NET_VAL_HD"], "29 digits, 9 decimals")
	require.Len(t, items, 2)
	assert.Equal(t, []any{"000010", "000020"}, []any{items[0]["ITM_NUMBER"], items[1]["ITM_NUMBER"]})
	assert.Equal(t, fmDec("5.000"), items[0]["REQ_QTY"])
	assert.Len(t, fmRows(r["ORDER_PARTNERS_OUT"]), 1)
	assert.Len(t, fmRows(r["ORDER_STATUSHEADERS_OUT"]), 1)
	assert.Empty(t, fmRows(r["ORDER_CONDITIONS_OUT"]), "what the view does not select stays empty")

	r = fmCall(t, s, "BAPISDORDER_GETDETAILEDLIST", map[string]any{"I_BAPI_VIEW": map[string]any{"HEADER": "X"},
		"SALES_DOCUMENTS": []any{map[string]any{"VBELN": "4711"}}})
	assert.Empty(t, fmRows(r["ORDER_HEADERS_OUT"]), "document numbers are read in their internal form, with leading zeros")

	r = fmCall(t, s, "BS01_SALESORDER_GETDETAIL", map[string]any{"SALESDOCUMENT": "0000004711"})
	assert.Equal(t, "0000004711", r["ORDER_HEADER"].(map[string]any)["DOC_NUMBER"])
	assert.Len(t, fmRows(r["ORDER_ITEMS"]), 2)
	assert.Empty(t, fmRows(r["RETURN"]))

	r = fmCall(t, s, "BS01_SALESORDER_GETDETAIL", map[string]any{"SALESDOCUMENT": "0000000001"})
	ret := fmRows(r["RETURN"])
	require.Len(t, ret, 1)
	assert.Equal(t, map[string]any{"TYPE": "E", "ID": "V1", "NUMBER": "302", "MESSAGE_V1": "0000000001",
		"MESSAGE": "SD document 0000000001 is not in the database or has been archived"},
		map[string]any{"TYPE": ret[0]["TYPE"], "ID": ret[0]["ID"], "NUMBER": ret[0]["NUMBER"], "MESSAGE_V1": ret[0]["MESSAGE_V1"], "MESSAGE": ret[0]["MESSAGE"]})
	assert.Equal(t, "", r["ORDER_HEADER"].(map[string]any)["DOC_NUMBER"], "no header for a document that does not exist")
}
