package standard

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/wsrfc/wsrfc/protocol"
	"github.com/wsrfc/wsrfc/sim/core"
	"github.com/wsrfc/wsrfc/sim/ddic"
)

// The demo database: SAP's client table, the flight data model (SCARR, SPFLI,
// SFLIGHT, SBOOK, SCUSTOM) with the number range its booking BAPI draws from,
// TFDIR as SE37 maintains it, and a generated volume table for benchmarks.
// Their line types and rows are data (package ddic); what is computed stays
// here: T000's rows follow the configuration, TFDIR's the registered modules,
// and ZWSR_VOLUME's are generated.

// FlightBaseDate is the first flight date of the demo flight data: every
// connection flies weekly from then on (sim/ddic/rows/sflight.csv). Dates are
// fixed, not relative to today, so scripts and tests get the same rows on
// every run.
const FlightBaseDate = "20260105"

// DefaultVolumeRows is the size of ZWSR_VOLUME when core.Config.VolumeRows is zero.
const DefaultVolumeRows = 100000

// DDIC built-in types of the interfaces still written in Go; CLNT, CUKY, UNIT, LANG travel as
// CHAR and CURR, QUAN as DEC (see protocol.Kind), but SE11 shows them like this.
func ddicClnt() *protocol.Type                { return protocol.Char(3).AsDDIC("CLNT") }
func ddicCuky() *protocol.Type                { return protocol.Char(5).AsDDIC("CUKY") }
func ddicUnit() *protocol.Type                { return protocol.Char(3).AsDDIC("UNIT") }
func ddicLang() *protocol.Type                { return protocol.Char(1).AsDDIC("LANG") }
func ddicCurr(digits, dec int) *protocol.Type { return protocol.Dec(digits, dec).AsDDIC("CURR") }
func ddicQuan(digits, dec int) *protocol.Type { return protocol.Dec(digits, dec).AsDDIC("QUAN") }

// ddicField declares a table field typed by a data element.
func ddicField(name, element string, t *protocol.Type) protocol.Field {
	return protocol.F(name, t.Named(element))
}

// demoDerivedTables are tables whose rows SAP maintains as a side effect of other
// work (SE37 writes TFDIR); the simulator computes them at read time from the
// server's state, so modules defined after start-up show up too.
var demoDerivedTables = map[string]func(s *core.Server) []map[string]any{
	"TFDIR": tfdirRows,
}

// ddicCrossClient lists tables with a client column that are not client-specific: T000
// lists the clients themselves (ABAP Dictionary: the documented exception).
var ddicCrossClient = map[string]bool{"T000": true}

// ddicClientSpecific reports whether Open SQL adds "MANDT = sy-mandt" to every
// access: the first field is of DDIC type CLNT.
func ddicClientSpecific(t *core.Table) bool {
	if ddicCrossClient[t.Name] || len(t.Line.Fields) == 0 {
		return false
	}
	return t.Line.Fields[0].Type.DDIC == "CLNT"
}

// installTables defines the demo tables. Every server gets its own rows, read
// on the table's first use; the line types are shared and never modified.
func installTables(s *core.Server) {
	cfg := s.Config()
	demo := func(name, text string, keys []string) *core.Table {
		t := &core.Table{Name: name, Description: text, Line: ddic.Struct(name), Keys: keys, Load: func() []map[string]any {
			rows, err := ddic.Rows(name)
			if err != nil {
				panic(fmt.Sprintf("demo data of %s: %v", name, err))
			}
			return rows
		}}
		s.DB.Define(t)
		return t
	}

	t000 := demoClientRows(cfg, demoDate(FlightBaseDate))
	for i, r := range t000 {
		n, err := protocol.Normalize(ddic.Struct("T000"), r, fmt.Sprintf("T000[%d]", i))
		if err != nil {
			panic(fmt.Sprintf("demo data of T000: %v", err))
		}
		t000[i] = n.(map[string]any)
	}
	s.DB.Define(&core.Table{Name: "T000", Description: "Clients", Line: ddic.Struct("T000"), Keys: []string{"MANDT"}, Rows: t000})
	demo("SCARR", "Airline", []string{"MANDT", "CARRID"})
	demo("SPFLI", "Flight schedule", []string{"MANDT", "CARRID", "CONNID"})
	demo("SFLIGHT", "Flight", []string{"MANDT", "CARRID", "CONNID", "FLDATE"})
	demo("SCUSTOM", "Flight customers", []string{"MANDT", "ID"})
	demo("SBOOK", "Single flight booking", []string{"MANDT", "CARRID", "CONNID", "FLDATE", "BOOKID"})
	demo("NRIV", "Number range intervals", []string{"CLIENT", "OBJECT", "SUBOBJECT", "NRRANGENR", "TOYEAR"})
	s.DB.Define(&core.Table{Name: "TFDIR", Description: "Function Module (rows computed from the registered modules when read)",
		Line: ddic.Struct("TFDIR"), Keys: []string{"FUNCNAME"}})
	partner := demo("ZWSR_PARTNER", "Partners with notes: a line wider than RFC_READ_TABLE's 512 characters", []string{"MANDT", "PARTNER"})
	partner.AuthGroup = partnerAuthGroup

	rows := cfg.VolumeRows
	if rows <= 0 {
		rows = DefaultVolumeRows
	}
	s.DB.Define(&core.Table{Name: "ZWSR_VOLUME", Line: ddic.Struct("ZWSR_VOLUME"), Keys: []string{"ROW_ID"}, Count: rows, Generate: volumeRow,
		Description: "Generated rows for throughput tests: QUANTITY = ROW_ID mod 100 + 1, AMOUNT = (ROW_ID * 7919 mod 1000000) / 100"})
}

func demoDate(yyyymmdd string) time.Time {
	t, err := time.Parse("20060102", yyyymmdd)
	if err != nil {
		panic(err)
	}
	return t
}

func demoClientRows(cfg core.Config, base time.Time) []map[string]any {
	changed := base.AddDate(0, -6, 0).Format("20060102")
	rows := []map[string]any{
		{"MANDT": "000", "MTEXT": "SAP AG Konzern", "ORT01": "Walldorf", "MWAERS": "EUR", "CCCATEGORY": "S",
			"CCCORACTIV": "1", "CCNOCLIIND": "", "CHANGEUSER": "SAP*", "CHANGEDATE": changed, "LOGSYS": cfg.SystemID + "CLNT000"},
		{"MANDT": "001", "MTEXT": "Auslieferungsmandant R11", "ORT01": "Kundstadt", "MWAERS": "EUR", "CCCATEGORY": "C",
			"CCCORACTIV": "1", "CHANGEUSER": core.DemoUser, "CHANGEDATE": changed, "LOGSYS": cfg.SystemID + "CLNT001"},
	}
	if cfg.Client != "000" && cfg.Client != "001" {
		rows = append(rows, map[string]any{"MANDT": cfg.Client, "MTEXT": "Simulator client", "ORT01": "Walldorf",
			"MWAERS": "EUR", "CCCATEGORY": "T", "CHANGEUSER": core.DemoUser, "CHANGEDATE": changed, "LOGSYS": cfg.SystemID + "CLNT" + cfg.Client})
	}
	return rows
}

// tfdirRows lists the registered modules as TFDIR does: the main program of a
// function group is SAPL<group>, FMODE 'R' marks a remote-enabled module.
func tfdirRows(s *core.Server) []map[string]any {
	fns := s.Functions()
	rows := make([]map[string]any, 0, len(fns))
	include := map[string]int{}
	for _, f := range fns {
		include[f.Group]++
		mode := "R"
		if f.NotRemote {
			mode = ""
		}
		rows = append(rows, map[string]any{"FUNCNAME": f.Name, "PNAME": "SAPL" + f.Group,
			"INCLUDE": fmt.Sprintf("%02d", include[f.Group]%100), "FREEDATE": "00000000", "APPL": "S",
			"MAND": "", "FMODE": mode, "UTASK": ""})
	}
	return rows
}

// Volume rows are built from fixed fragments so that generating 100,000 of
// them costs little more than the maps themselves.
var (
	volumeCategories = []string{"ALPHA     ", "BRAVO     ", "CHARLIE   ", "DELTA     ", "ECHO      ", "FOXTROT   ", "GOLF      ", "HOTEL     "}
	volumePayload    = strings.Repeat("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ", 5)[:150]
	volumeDates      = func() []string {
		base := demoDate(FlightBaseDate)
		d := make([]string, 365)
		for i := range d {
			d[i] = base.AddDate(0, 0, i).Format("20060102")
		}
		return d
	}()
)

// volumeRow is row i of ZWSR_VOLUME. Every character field is filled to its
// full length, so each row projects to the same 286-character line.
func volumeRow(i int) map[string]any {
	n := i + 1
	var idBuf [10]byte
	for p, v := 9, n; p >= 0; p-- {
		idBuf[p] = byte('0' + v%10)
		v /= 10
	}
	id := string(idBuf[:])
	category := volumeCategories[i%len(volumeCategories)]
	amount := (int64(n) * 7919) % 1000000
	cents := amount % 100
	return map[string]any{
		"ROW_ID":      id,
		"CATEGORY":    strings.TrimRight(category, " "),
		"CREATED_ON":  volumeDates[i%len(volumeDates)],
		"CREATED_AT":  string([]byte{byte('0' + i%24/10), byte('0' + i%24%10), byte('0' + i%60/10), byte('0' + i%60%10), byte('0' + i*7%60/10), byte('0' + i*7%60%10)}),
		"AMOUNT":      protocol.Decimal(strconv.FormatInt(amount/100, 10) + "." + string([]byte{byte('0' + cents/10), byte('0' + cents%10)})),
		"CURRENCY":    "EUR",
		"QUANTITY":    int64(n%100 + 1),
		"DESCRIPTION": ("Volume row " + id + " for throughput measurement, category " + category)[:60],
		"PAYLOAD":     id + volumePayload,
	}
}

// ddicSortByKey orders rows by the table's primary key (ORDER BY PRIMARY KEY).
func ddicSortByKey(t *core.Table, rows []map[string]any) {
	sort.SliceStable(rows, func(i, j int) bool {
		for _, k := range t.Keys {
			f := t.Line.Field(k)
			if f == nil {
				continue
			}
			if c := ddicCompare(&f.Type, rows[i][k], rows[j][k]); c != 0 {
				return c < 0
			}
		}
		return false
	})
}
