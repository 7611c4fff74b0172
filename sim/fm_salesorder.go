package sim

import (
	_ "embed"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"

	"github.com/wsrfc/wsrfc/protocol"
)

// The sales order read BAPIs that SAP's connectors use to test metadata of
// large interfaces (PyRFC tests/data/func_desc_*.py): BAPISDORDER_GETDETAILEDLIST
// and BS01_SALESORDER_GETDETAIL. Their interfaces, 35 structures of some 1,650
// fields, live in ddic/salesorder.json as the RFC metadata describes them: each
// field as NAME:CODE with CODE one of C<n> (CHAR), N<n> (NUMC), D (DATS),
// T (TIMS), P<digits>[.<decimals>] (packed), I (INT4), b (INT1), s (INT2),
// 8 (INT8), F (FLTP), X<n> (RAW), g (STRING), y (XSTRING). A packed field of
// n bytes holds 2n-1 digits, which is what ABAP, the RFC layer and the handler
// check; SE11 may show one digit less. The calls answer from one demo order.

//go:embed ddic/salesorder.json
var salesOrderDDIC []byte

// ddicInterfaces is the form of the files in ddic/.
type ddicInterfaces struct {
	Structures map[string][]string `json:"structures"`
	Functions  []struct {
		Name        string `json:"name"`
		Group       string `json:"group"`
		Description string `json:"description"`
		Parameters  []struct {
			Name     string `json:"name"`
			Kind     string `json:"kind"`
			Type     string `json:"type"` // a structure of Structures, or a field code
			Typing   string `json:"typing"`
			Optional bool   `json:"optional"`
			Default  string `json:"default"`
			Text     string `json:"text"`
		} `json:"parameters"`
	} `json:"functions"`
}

// loadDDICInterfaces defines the modules of a ddic/ file with the given handlers.
func loadDDICInterfaces(s *Server, raw []byte, handlers map[string]func(*Call) error) {
	var doc ddicInterfaces
	if err := json.Unmarshal(raw, &doc); err != nil {
		panic(fmt.Sprintf("sim: embedded DDIC interfaces: %v", err))
	}
	structs := make(map[string]*protocol.Type, len(doc.Structures))
	for name, codes := range doc.Structures {
		fields := make([]protocol.Field, len(codes))
		for i, c := range codes {
			fname, code, _ := strings.Cut(c, ":")
			fields[i] = protocol.F(fname, ddicCodeType(name+"-"+fname, code))
		}
		structs[name] = protocol.Struct(name, fields...)
	}
	for _, f := range doc.Functions {
		fn := &Function{Name: f.Name, Group: f.Group, Description: f.Description, Handler: handlers[f.Name]}
		for _, p := range f.Parameters {
			t := structs[p.Type]
			if t == nil {
				t = ddicCodeType(f.Name+"."+p.Name, p.Type)
			}
			if p.Kind == string(protocol.Tables) {
				t = protocol.TableOf("", t)
			}
			optional := p.Optional || p.Kind == string(protocol.Exporting)
			fn.Params = append(fn.Params, protocol.Parameter{Name: p.Name, Kind: protocol.ParamKind(p.Kind), Type: p.Typing,
				Optional: optional, Default: p.Default, Description: p.Text, DataType: t})
		}
		s.MustDefine(fn)
	}
}

// ddicCodeType reads one field code of a ddic/ file (see above).
func ddicCodeType(what, code string) *protocol.Type {
	bad := func() *protocol.Type { panic(fmt.Sprintf("sim: %s: unknown field code %q", what, code)) }
	if code == "" {
		return bad()
	}
	n := func(s string) int {
		v, err := strconv.Atoi(s)
		if err != nil || v <= 0 {
			bad()
		}
		return v
	}
	switch rest := code[1:]; code[0] {
	case 'C':
		return protocol.Char(n(rest))
	case 'N':
		return protocol.Numc(n(rest))
	case 'X':
		return protocol.Raw(n(rest))
	case 'P':
		digits, decimals, _ := strings.Cut(rest, ".")
		d := 0
		if decimals != "" {
			d = n(decimals)
		}
		return protocol.Dec(n(digits), d)
	case 'D':
		return protocol.Date()
	case 'T':
		return protocol.Time()
	case 'I':
		return protocol.Int4()
	case 'b':
		return protocol.Int1()
	case 's':
		return protocol.Int2()
	case '8':
		return protocol.Int8()
	case 'F':
		return protocol.Float()
	case 'g':
		return protocol.String()
	case 'y':
		return protocol.XString()
	}
	return bad()
}

// The demo order both BAPIs read: one standard order of two items.
const demoSalesOrder = "0000004711"

func demoOrderHeader() map[string]any {
	return map[string]any{
		"DOC_NUMBER": demoSalesOrder, "REC_DATE": FlightBaseDate, "REC_TIME": "101500", "CREATED_BY": DemoUser,
		"DOC_DATE": FlightBaseDate, "SD_DOC_CAT": "C", "DOC_TYPE": "TA", "NET_VAL_HD": "1750.00",
		"CURRENCY": "EUR", "CURREN_ISO": "EUR", "SALES_ORG": "1000", "DISTR_CHAN": "10", "DIVISION": "00",
		"REQ_DATE_H": "20260112", "PURCH_NO": "PO-4711", "SOLD_TO": "0000100000",
	}
}

func demoOrderItems() []map[string]any {
	item := func(pos, material, text, qty, price, value string) map[string]any {
		return map[string]any{
			"DOC_NUMBER": demoSalesOrder, "ITM_NUMBER": pos, "MATERIAL": material, "SHORT_TEXT": text,
			"ITEM_CATEG": "TAN", "REQ_QTY": qty, "SALES_UNIT": "ST", "ISOCODUNIT": "PCE", "NET_PRICE": price,
			"COND_P_UNT": "1", "COND_UNIT": "ST", "NET_VALUE": value, "CURRENCY": "EUR", "CURREN_ISO": "EUR",
			"DIVISION": "00", "CREATED_BY": DemoUser, "REC_TIME": "101500",
		}
	}
	return []map[string]any{
		item("000010", "M-01", "Sunny Xa1 monitor", "5", "250.00", "1250.00"),
		item("000020", "M-05", "Flat screen stand", "2", "250.00", "500.00"),
	}
}

func demoOrderPartners() []any {
	return []any{map[string]any{"SD_DOC": demoSalesOrder, "ITM_NUMBER": "000000", "PARTN_ROLE": "AG", "CUSTOMER": "0000100000"}}
}

func demoOrderStatus() []any {
	return []any{map[string]any{"SD_DOC": demoSalesOrder, "SD_DOC_CAT": "C", "OVERALLREJ": "A", "DELIV_STAT": "A", "PRC_STAT_H": "A"}}
}

func asRows(items []map[string]any) []any {
	rows := make([]any, len(items))
	for i, it := range items {
		rows[i] = it
	}
	return rows
}

func installSalesOrderBAPIs(s *Server) {
	loadDDICInterfaces(s, salesOrderDDIC, map[string]func(*Call) error{
		"BAPISDORDER_GETDETAILEDLIST": sdOrderGetDetailedList,
		"BS01_SALESORDER_GETDETAIL":   bs01SalesOrderGetDetail,
	})
}

// sdOrderGetDetailedList returns, for each document asked for that exists, the
// parts I_BAPI_VIEW selects. Document numbers are compared in their internal
// form (with leading zeros), as the BAPI reads VBAK; others find nothing.
func sdOrderGetDetailedList(c *Call) error {
	view := c.Struct("I_BAPI_VIEW")
	found := false
	for _, row := range c.Table("SALES_DOCUMENTS") {
		if m, _ := row.(map[string]any); m != nil && m["VBELN"] == demoSalesOrder {
			found = true
		}
	}
	if !found {
		return nil
	}
	if view["HEADER"] == "X" {
		c.Set("ORDER_HEADERS_OUT", []any{demoOrderHeader()})
	}
	if view["ITEM"] == "X" {
		c.Set("ORDER_ITEMS_OUT", asRows(demoOrderItems()))
	}
	if view["PARTNER"] == "X" {
		c.Set("ORDER_PARTNERS_OUT", demoOrderPartners())
	}
	if view["STATUS_H"] == "X" {
		c.Set("ORDER_STATUSHEADERS_OUT", demoOrderStatus())
	}
	return nil
}

// bs01SalesOrderGetDetail reads one order; an unknown number is reported in
// RETURN with the message sales documents give for it (V1 302).
func bs01SalesOrderGetDetail(c *Call) error {
	doc := c.String("SALESDOCUMENT")
	if doc != demoSalesOrder {
		m := T100("E", "V1", "302", "SD document & is not in the database or has been archived", doc)
		c.Set("RETURN", []any{bapiReturn(c.Session, m, "SALESDOCUMENT")})
		return nil
	}
	c.Set("ORDER_HEADER", demoOrderHeader())
	c.Set("ORDER_ITEMS", asRows(demoOrderItems()))
	c.Set("ORDER_PARTNERS", demoOrderPartners())
	c.Set("ORDER_STATUSHEADERS", demoOrderStatus())
	return nil
}
