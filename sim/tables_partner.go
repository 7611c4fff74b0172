package sim

import (
	"fmt"
	"strings"

	"github.com/wsrfc/wsrfc/protocol"
)

// ZWSR_PARTNER exists only in the simulator: a customer table in the style of
// a business partner master whose line (635 characters) is wider than the
// 512-character DATA line of RFC_READ_TABLE, as KNA1, MARA or BUT000 are on a
// real system. None of the flight model's tables is that wide, and a real wide
// table would drag in dozens of fields that mean nothing without their
// application. Its key PARTNER has the data element BU_PARTNER, whose domain
// has the conversion exit ALPHA, so 4711 is stored as '0000004711'. Its
// authorization group ZWSR lets tests see RFC_READ_TABLE's NOT_AUTHORIZED.

// partnerAuthGroup is ZWSR_PARTNER's table authorization group.
const partnerAuthGroup = "ZWSR"

func (u *User) mayDisplayTable(t *Table) bool {
	if u.TableAuth == nil {
		return true
	}
	group := t.AuthGroup
	if group == "" {
		group = "&NC&"
	}
	for _, pat := range u.TableAuth {
		if wildcardMatch(pat, group) {
			return true
		}
	}
	return false
}

var partnerLine = protocol.Struct("ZWSR_PARTNER",
	ddicField("MANDT", "MANDT", ddicClnt()),
	ddicField("PARTNER", "BU_PARTNER", protocol.Char(10)),
	ddicField("NAME", "ZWSR_PARTNER_NAME", protocol.Char(40)),
	ddicField("CUSTOMER", "S_CUSTOMER", protocol.Numc(8)),
	ddicField("CREATED_ON", "ZWSR_CREATED_ON", protocol.Date()),
	ddicField("CREATED_AT", "ZWSR_CREATED_AT", protocol.Time()),
	ddicField("CREDIT_LIMIT", "ZWSR_CREDIT_LIMIT", ddicCurr(15, 2)),
	ddicField("CURRENCY", "WAERS", ddicCuky()),
	ddicField("RATING", "ZWSR_RATING", protocol.Int4()),
	ddicField("NOTE1", "ZWSR_NOTE", protocol.Char(132)),
	ddicField("NOTE2", "ZWSR_NOTE", protocol.Char(132)),
	ddicField("NOTE3", "ZWSR_NOTE", protocol.Char(132)),
	ddicField("NOTE4", "ZWSR_NOTE", protocol.Char(132)),
)

func init() {
	for k, v := range map[string]string{
		"BU_PARTNER": "Business Partner Number", "ZWSR_PARTNER_NAME": "Partner name",
		"ZWSR_CREDIT_LIMIT": "Credit limit", "ZWSR_RATING": "Rating (negative: blocked)", "ZWSR_NOTE": "Note line",
	} {
		ddicElementTexts[k] = v
	}
}

// partnerRows gives every flight customer a partner record; the notes fill
// their fields so that every row really is wider than 512 characters.
func partnerRows() []map[string]any {
	rows := make([]map[string]any, 0, len(demoCustomers))
	for i, c := range demoCustomers {
		name := c["NAME"].(string)
		note := func(n int) string {
			s := fmt.Sprintf("Note %d on %s: ", n, name)
			return s + strings.Repeat(string(rune('a'+(i+n)%26)), 132-len(s))
		}
		rating := int64(5 - i)
		limit := fmt.Sprintf("%d.%02d", 1000*(i+1)+i*37, (i*13)%100)
		if i == 3 {
			limit = "-250.50"
		}
		rows = append(rows, map[string]any{
			"PARTNER": AlphaInput(fmt.Sprint(4711+i), 10), "NAME": name, "CUSTOMER": c["ID"],
			"CREATED_ON": fmt.Sprintf("202601%02d", i+1), "CREATED_AT": fmt.Sprintf("%02d%02d00", 8+i, i*7),
			"CREDIT_LIMIT": limit, "CURRENCY": "EUR", "RATING": rating,
			"NOTE1": note(1), "NOTE2": note(2), "NOTE3": note(3), "NOTE4": note(4),
		})
	}
	return rows
}
