package standard

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wsrfc/wsrfc/protocol"
	"github.com/wsrfc/wsrfc/sim/core"
)

func TestWhereClauseEvaluation(t *testing.T) {
	tab := &core.Table{Name: "ZT", Line: protocol.Struct("ZT",
		protocol.F("NAME", protocol.Char(20)),
		protocol.F("CODE", protocol.Numc(4)),
		protocol.F("QTY", protocol.Int4()),
		protocol.F("LIMIT", protocol.Int4()),
		protocol.F("PRICE", protocol.Dec(9, 2)),
		protocol.F("DAY", protocol.Date()),
	)}
	row := func(name, code string, qty, limit int64, price, day string) map[string]any {
		return map[string]any{"NAME": name, "CODE": code, "QTY": qty, "LIMIT": limit, "PRICE": protocol.Decimal(price), "DAY": day}
	}
	data := []map[string]any{
		row("O'Hare", "0001", 5, 10, "9.99", "20260101"),
		row("100% pure", "0002", 10, 10, "100.00", "20260201"),
		row("plain", "0010", 0, 3, "0.00", "00000000"),
		row("", "0000", -2, 0, "-1.50", "20251231"),
	}
	match := func(where string) []string {
		t.Helper()
		c, err := parseWhere(tab, where)
		require.NoError(t, err, where)
		var names []string
		for _, r := range data {
			if c == nil || c.match(r) {
				names = append(names, r["NAME"].(string))
			}
		}
		return names
	}
	for where, want := range map[string][]string{
		"":                                  {"O'Hare", "100% pure", "plain", ""},
		"NAME = 'O''Hare'":                  {"O'Hare"},
		"NAME = `O'Hare`":                   {"O'Hare"},
		"NAME LIKE '100\\%%' ESCAPE '\\'":   {"100% pure"},
		"NAME LIKE '%a%'":                   {"O'Hare", "plain"},
		"NAME IS INITIAL":                   {""},
		"NAME IS NOT INITIAL AND QTY >= 5":  {"O'Hare", "100% pure"},
		"NAME IS NOT NULL AND CODE = '10'":  {"plain"},
		"NAME IS NULL":                      nil,
		"QTY < LIMIT":                       {"O'Hare", "plain", ""},
		"QTY = LIMIT":                       {"100% pure"},
		"QTY > -3 AND QTY < 1":              {"plain", ""},
		"PRICE > '9.9'":                     {"O'Hare", "100% pure"},
		"PRICE BETWEEN -2 AND 0":            {"plain", ""},
		"PRICE NOT BETWEEN -2 AND 0":        {"O'Hare", "100% pure"},
		"DAY >= '20260101'":                 {"O'Hare", "100% pure"},
		"DAY = '2026-02-01'":                {"100% pure"},
		"CODE IN ('1', '2')":                {"O'Hare", "100% pure"},
		"NOT NOT CODE = '0001'":             {"O'Hare"},
		"QTY=5 OR(QTY=0)":                   {"O'Hare", "plain"},
		"QTY = 5 OR QTY = 10 AND LIMIT = 3": {"O'Hare"},
		"(QTY = 5 OR QTY = 10) AND LIMIT = 10 AND NOT NAME LIKE 'O%'": {"100% pure"},
		"ZT~NAME = 'plain'": {"plain"},
	} {
		assert.Equal(t, want, match(where), where)
	}

	for _, bad := range []string{"NAME =", "NAME = 'x", "NAME == 'x'", "QTY > 'many'", "CODE = 'A1'", "QTY LIKE '1%'",
		"NAME LIKE 'a' ESCAPE 'ab'", "NAME = PRICE", "OTHER~NAME = 'x'", "NAME IS EMPTY", "NAME = 'x' ORDER BY NAME",
		"(NAME = 'x'", "NAME IN ('a' 'b')", "NAME BETWEEN 'a' OR 'b'", "NAME NOT = 'x'", "DAY = '2026'", "# = 1"} {
		_, err := parseWhere(tab, bad)
		var se *sqlError
		assert.ErrorAs(t, err, &se, bad)
	}
}

func TestSuspectWhereClauses(t *testing.T) {
	assert.Equal(t, "", rtSuspectWhere("CARRID = 'LH' AND CITY = 'SELECT'"), "keywords inside literals are data")
	assert.Equal(t, "", rtSuspectWhere("SELECTED = 'X'"), "only whole words count")
	assert.Equal(t, "keyword SELECT", rtSuspectWhere("CARRID IN ( SELECT CARRID FROM SPFLI )"))
	assert.Equal(t, "keyword DELETE", rtSuspectWhere("delete from x"))
	assert.Equal(t, "forbidden character", rtSuspectWhere("A = 'x|y'"))
	assert.Equal(t, "unbalanced parentheses", rtSuspectWhere("( A = 'x'"))
	assert.Equal(t, "", rtSuspectWhere("A = ')'"), "parentheses inside literals do not count")
}
