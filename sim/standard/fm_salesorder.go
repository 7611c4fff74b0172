package standard

import (
	"slices"

	"github.com/wsrfc/wsrfc/sim/core"
	"github.com/wsrfc/wsrfc/sim/ddic"
)

// The sales order read BAPIs that SAP's connectors use to test metadata of
// large interfaces (PyRFC tests/data/func_desc_*.py): BAPISDORDER_GETDETAILEDLIST
// and BS01_SALESORDER_GETDETAIL. Their interfaces, 35 structures of some 1,650
// fields, are data (sim/ddic/salesorder.json, see ddic.SalesOrderInterfaces). The
// calls answer from one demo order.

// The demo order both BAPIs read: one standard order of two items.
const demoSalesOrder = "0000004711"

func demoOrderHeader() map[string]any {
	return map[string]any{
		"DOC_NUMBER": demoSalesOrder, "REC_DATE": FlightBaseDate, "REC_TIME": "101500", "CREATED_BY": core.DemoUser,
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
			"DIVISION": "00", "CREATED_BY": core.DemoUser, "REC_TIME": "101500",
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

func installSalesOrderBAPIs(s *core.Server) {
	handlers := map[string]func(*core.Call) error{
		"BAPISDORDER_GETDETAILEDLIST": sdOrderGetDetailedList,
		"BS01_SALESORDER_GETDETAIL":   bs01SalesOrderGetDetail,
	}
	for _, f := range ddic.SalesOrderInterfaces() {
		s.MustDefine(&core.Function{Name: f.Name, Group: f.Group, Description: f.Description,
			Params: slices.Clone(f.Params), Handler: handlers[f.Name]})
	}
}

// sdOrderGetDetailedList returns, for each document asked for that exists, the
// parts I_BAPI_VIEW selects. Document numbers are compared in their internal
// form (with leading zeros), as the BAPI reads VBAK; others find nothing.
func sdOrderGetDetailedList(c *core.Call) error {
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
func bs01SalesOrderGetDetail(c *core.Call) error {
	doc := c.String("SALESDOCUMENT")
	if doc != demoSalesOrder {
		m := core.T100("E", "V1", "302", "SD document & is not in the database or has been archived", doc)
		c.Set("RETURN", []any{bapiReturn(c.Session, m, "SALESDOCUMENT")})
		return nil
	}
	c.Set("ORDER_HEADER", demoOrderHeader())
	c.Set("ORDER_ITEMS", asRows(demoOrderItems()))
	c.Set("ORDER_PARTNERS", demoOrderPartners())
	c.Set("ORDER_STATUSHEADERS", demoOrderStatus())
	return nil
}
