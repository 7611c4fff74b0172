package sim

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/wsrfc/wsrfc/protocol"
)

// The demo database: SAP's client table, the flight data model (SCARR, SPFLI,
// SFLIGHT, SBOOK, SCUSTOM) with the number range its booking BAPI draws from,
// TFDIR as SE37 maintains it, and a generated volume table for benchmarks.
// Line types follow the DDIC (SE11) field by field; the data element of each
// field is its type's Name, and ddicElementTexts holds the short texts that
// RFC_READ_TABLE reports as FIELDTEXT.

// FlightBaseDate is the first flight date of the demo flight data (see
// sflightRows). Dates are fixed, not relative to today, so scripts and tests
// get the same rows on every run.
const FlightBaseDate = "20260105"

// DefaultVolumeRows is the size of ZWSR_VOLUME when Config.VolumeRows is zero.
const DefaultVolumeRows = 100000

// DDIC built-in types the flight model uses; CLNT, CUKY, UNIT, LANG travel as
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

// ddicElementTexts are the short texts of the data elements the demo tables use
// (DFIES-FIELDTEXT, shown by SE11 and returned by RFC_READ_TABLE).
var ddicElementTexts = map[string]string{
	"MANDT": "Client", "MTEXT_D": "Client name", "ORT01_GP": "City", "MWAERS": "Currency",
	"ADRNR": "Address", "CCCATEGORY": "Client control: Role of client (production, test,...)",
	"CCCORACTIV": "Changes and transports for client-specific objects",
	"CCNOCLIIND": "Maintenance authorization for objects in all clients",
	"CCCOPYLOCK": "Protection level: Client copy and comparison tools",
	"CCIMAILDIS": "CATT and eCATT restrictions", "CCTEMPLOCK": "Client is locked temporarily",
	"CCSOFTLOCK": "Client lock for updates", "CCORIGCONT": "Client control: ID for client origin",
	"CCNOCASCAD": "Client control: Suppress cascading", "AS4USER": "Last Changed By",
	"AS4DATE": "Last Changed On", "LOGSYS": "Logical system",

	"S_CARR_ID": "Airline Code", "S_CARRNAME": "Airline name", "S_CURRCODE": "Local currency of airline",
	"S_CARRURL": "Airline URL", "S_CONN_ID": "Flight Connection Number", "LAND1": "Country Key",
	"S_FROM_CIT": "Departure city", "S_FROMAIRP": "Departure airport", "S_TO_CITY": "Arrival city",
	"S_TOAIRP": "Destination airport", "S_FLTIME": "Flight time", "S_DEP_TIME": "Departure time",
	"S_ARR_TIME": "Arrival time", "S_DISTANCE": "Distance", "S_DISTID": "Mass unit of distance (kms, miles)",
	"S_FLTYPE": "Flight type", "S_PERIOD": "Arrival n day(s) later",
	"S_DATE": "Flight date", "S_PRICE": "Airfare", "S_CURRCODE_F": "Local currency of airline",
	"S_PLANETYE": "Aircraft Type", "S_SEATSMAX": "Maximum capacity in economy class",
	"S_SEATSOCC": "Occupied seats in economy class", "S_SUM": "Total of current bookings",
	"S_SMAX_B": "Maximum capacity in business class", "S_SOCC_B": "Occupied seats in business class",
	"S_SMAX_F": "Maximum capacity in first class", "S_SOCC_F": "Occupied seats in first class",
	"S_BOOK_ID": "Booking number", "S_CUSTOMER": "Customer Number", "S_CUSTTYPE": "Customer type",
	"S_SMOKER": "Smoker", "S_LUGWEIGH": "Weight of luggage", "S_WEIUNIT": "Weight unit",
	"S_INVOICE": "Invoice flag", "S_CLASS": "Flight Class", "S_F_CUR_PR": "Booking price in foreign currency",
	"S_CURR": "Payment currency", "S_L_CUR_PR": "Price of booking in local currency of demoAirline",
	"S_BDATE": "Booking Date", "S_COUNTNUM": "Number of sales office", "S_AGNCYNUM": "Travel Agency Number",
	"S_CANCEL": "Cancelation flag", "S_RESERV": "Reservation flag", "S_PASSNAME": "Name of the passenger",
	"S_FORM": "Form of address", "S_BIRTHDAT": "Date of birth of passenger",
	"S_CUSTNAME": "Customer name", "S_STREET": "Street", "S_POSTBOX": "PO Box", "POSTCODE": "Postal Code",
	"CITY": "City", "S_COUNTRY": "Country code", "REGIO": "Region", "S_PHONENO": "Telephone number",
	"S_DISCOUNT": "Customer discount", "SPRAS": "Language Key", "S_EMAIL": "E-mail address",
	"S_WEBUSER": "Web user name",

	"NROBJ": "Name of number range object", "NRSOBJ": "Subobject value", "NRNR": "Number range number",
	"NRYEAR": "To fiscal year", "NRFROM": "From number", "NRTO": "To number", "NRLEVEL": "Number range number status",
	"NRIND": "Indicator for external number range",

	"RS38L_FNAM": "Name of Function Module", "PNAME": "Main program", "INCLUDENR": "Include number",
	"FREEDATE": "Release date", "APPL": "Application", "MAND": "Client", "FMODE": "Processing type",
	"UTASK": "Update task",

	"ZWSR_ROW_ID": "Row number", "ZWSR_CATEGORY": "Category", "ZWSR_CREATED_ON": "Created on",
	"ZWSR_CREATED_AT": "Created at", "ZWSR_AMOUNT": "Amount", "WAERS": "Currency Key",
	"ZWSR_QUANTITY": "Quantity", "ZWSR_DESCRIPTION": "Description", "ZWSR_PAYLOAD": "Payload",
}

// Line types of the demo tables.
var (
	t000Line = protocol.Struct("T000",
		ddicField("MANDT", "MANDT", ddicClnt()),
		ddicField("MTEXT", "MTEXT_D", protocol.Char(25)),
		ddicField("ORT01", "ORT01_GP", protocol.Char(25)),
		ddicField("MWAERS", "MWAERS", ddicCuky()),
		ddicField("ADRNR", "ADRNR", protocol.Char(10)),
		ddicField("CCCATEGORY", "CCCATEGORY", protocol.Char(1)),
		ddicField("CCCORACTIV", "CCCORACTIV", protocol.Char(1)),
		ddicField("CCNOCLIIND", "CCNOCLIIND", protocol.Char(1)),
		ddicField("CCCOPYLOCK", "CCCOPYLOCK", protocol.Char(1)),
		ddicField("CCNOCASCAD", "CCNOCASCAD", protocol.Char(1)),
		ddicField("CCSOFTLOCK", "CCSOFTLOCK", protocol.Char(1)),
		ddicField("CCORIGCONT", "CCORIGCONT", protocol.Char(1)),
		ddicField("CCIMAILDIS", "CCIMAILDIS", protocol.Char(1)),
		ddicField("CCTEMPLOCK", "CCTEMPLOCK", protocol.Char(1)),
		ddicField("CHANGEUSER", "AS4USER", protocol.Char(12)),
		ddicField("CHANGEDATE", "AS4DATE", protocol.Date()),
		ddicField("LOGSYS", "LOGSYS", protocol.Char(10)),
	)
	scarrLine = protocol.Struct("SCARR",
		ddicField("MANDT", "MANDT", ddicClnt()),
		ddicField("CARRID", "S_CARR_ID", protocol.Char(3)),
		ddicField("CARRNAME", "S_CARRNAME", protocol.Char(20)),
		ddicField("CURRCODE", "S_CURRCODE", ddicCuky()),
		ddicField("URL", "S_CARRURL", protocol.Char(255)),
	)
	spfliLine = protocol.Struct("SPFLI",
		ddicField("MANDT", "MANDT", ddicClnt()),
		ddicField("CARRID", "S_CARR_ID", protocol.Char(3)),
		ddicField("CONNID", "S_CONN_ID", protocol.Numc(4)),
		ddicField("COUNTRYFR", "LAND1", protocol.Char(3)),
		ddicField("CITYFROM", "S_FROM_CIT", protocol.Char(20)),
		ddicField("AIRPFROM", "S_FROMAIRP", protocol.Char(3)),
		ddicField("COUNTRYTO", "LAND1", protocol.Char(3)),
		ddicField("CITYTO", "S_TO_CITY", protocol.Char(20)),
		ddicField("AIRPTO", "S_TOAIRP", protocol.Char(3)),
		ddicField("FLTIME", "S_FLTIME", protocol.Int4()),
		ddicField("DEPTIME", "S_DEP_TIME", protocol.Time()),
		ddicField("ARRTIME", "S_ARR_TIME", protocol.Time()),
		ddicField("DISTANCE", "S_DISTANCE", ddicQuan(9, 4)),
		ddicField("DISTID", "S_DISTID", ddicUnit()),
		ddicField("FLTYPE", "S_FLTYPE", protocol.Char(1)),
		ddicField("PERIOD", "S_PERIOD", protocol.Int1()),
	)
	sflightLine = protocol.Struct("SFLIGHT",
		ddicField("MANDT", "MANDT", ddicClnt()),
		ddicField("CARRID", "S_CARR_ID", protocol.Char(3)),
		ddicField("CONNID", "S_CONN_ID", protocol.Numc(4)),
		ddicField("FLDATE", "S_DATE", protocol.Date()),
		ddicField("PRICE", "S_PRICE", ddicCurr(15, 2)),
		ddicField("CURRENCY", "S_CURRCODE", ddicCuky()),
		ddicField("PLANETYPE", "S_PLANETYE", protocol.Char(10)),
		ddicField("SEATSMAX", "S_SEATSMAX", protocol.Int4()),
		ddicField("SEATSOCC", "S_SEATSOCC", protocol.Int4()),
		ddicField("PAYMENTSUM", "S_SUM", ddicCurr(17, 2)),
		ddicField("SEATSMAX_B", "S_SMAX_B", protocol.Int4()),
		ddicField("SEATSOCC_B", "S_SOCC_B", protocol.Int4()),
		ddicField("SEATSMAX_F", "S_SMAX_F", protocol.Int4()),
		ddicField("SEATSOCC_F", "S_SOCC_F", protocol.Int4()),
	)
	sbookLine = protocol.Struct("SBOOK",
		ddicField("MANDT", "MANDT", ddicClnt()),
		ddicField("CARRID", "S_CARR_ID", protocol.Char(3)),
		ddicField("CONNID", "S_CONN_ID", protocol.Numc(4)),
		ddicField("FLDATE", "S_DATE", protocol.Date()),
		ddicField("BOOKID", "S_BOOK_ID", protocol.Numc(8)),
		ddicField("CUSTOMID", "S_CUSTOMER", protocol.Numc(8)),
		ddicField("CUSTTYPE", "S_CUSTTYPE", protocol.Char(1)),
		ddicField("SMOKER", "S_SMOKER", protocol.Char(1)),
		ddicField("LUGGWEIGHT", "S_LUGWEIGH", ddicQuan(8, 4)),
		ddicField("WUNIT", "S_WEIUNIT", ddicUnit()),
		ddicField("INVOICE", "S_INVOICE", protocol.Char(1)),
		ddicField("CLASS", "S_CLASS", protocol.Char(1)),
		ddicField("FORCURAM", "S_F_CUR_PR", ddicCurr(15, 2)),
		ddicField("FORCURKEY", "S_CURR", ddicCuky()),
		ddicField("LOCCURAM", "S_L_CUR_PR", ddicCurr(15, 2)),
		ddicField("LOCCURKEY", "S_CURRCODE", ddicCuky()),
		ddicField("ORDER_DATE", "S_BDATE", protocol.Date()),
		ddicField("COUNTER", "S_COUNTNUM", protocol.Numc(8)),
		ddicField("AGENCYNUM", "S_AGNCYNUM", protocol.Numc(8)),
		ddicField("CANCELLED", "S_CANCEL", protocol.Char(1)),
		ddicField("RESERVED", "S_RESERV", protocol.Char(1)),
		ddicField("PASSNAME", "S_PASSNAME", protocol.Char(25)),
		ddicField("PASSFORM", "S_FORM", protocol.Char(15)),
		ddicField("PASSBIRTH", "S_BIRTHDAT", protocol.Date()),
	)
	scustomLine = protocol.Struct("SCUSTOM",
		ddicField("MANDT", "MANDT", ddicClnt()),
		ddicField("ID", "S_CUSTOMER", protocol.Numc(8)),
		ddicField("NAME", "S_CUSTNAME", protocol.Char(25)),
		ddicField("FORM", "S_FORM", protocol.Char(15)),
		ddicField("STREET", "S_STREET", protocol.Char(30)),
		ddicField("POSTBOX", "S_POSTBOX", protocol.Char(10)),
		ddicField("POSTCODE", "POSTCODE", protocol.Char(10)),
		ddicField("CITY", "CITY", protocol.Char(25)),
		ddicField("COUNTRY", "S_COUNTRY", protocol.Char(3)),
		ddicField("REGION", "REGIO", protocol.Char(3)),
		ddicField("TELEPHONE", "S_PHONENO", protocol.Char(30)),
		ddicField("CUSTTYPE", "S_CUSTTYPE", protocol.Char(1)),
		ddicField("DISCOUNT", "S_DISCOUNT", protocol.Numc(3)),
		ddicField("LANGU", "SPRAS", ddicLang()),
		ddicField("EMAIL", "S_EMAIL", protocol.Char(40)),
		ddicField("WEBUSER", "S_WEBUSER", protocol.Char(25)),
	)
	nrivLine = protocol.Struct("NRIV",
		ddicField("CLIENT", "MANDT", ddicClnt()),
		ddicField("OBJECT", "NROBJ", protocol.Char(10)),
		ddicField("SUBOBJECT", "NRSOBJ", protocol.Char(6)),
		ddicField("NRRANGENR", "NRNR", protocol.Char(2)),
		ddicField("TOYEAR", "NRYEAR", protocol.Numc(4)),
		ddicField("FROMNUMBER", "NRFROM", protocol.Char(20)),
		ddicField("TONUMBER", "NRTO", protocol.Char(20)),
		ddicField("NRLEVEL", "NRLEVEL", protocol.Char(20)),
		ddicField("EXTERNIND", "NRIND", protocol.Char(1)),
	)
	tfdirLine = protocol.Struct("TFDIR",
		ddicField("FUNCNAME", "RS38L_FNAM", protocol.Char(30)),
		ddicField("PNAME", "PNAME", protocol.Char(40)),
		ddicField("INCLUDE", "INCLUDENR", protocol.Numc(2)),
		ddicField("FREEDATE", "FREEDATE", protocol.Date()),
		ddicField("APPL", "APPL", protocol.Char(1)),
		ddicField("MAND", "MAND", protocol.Char(3)),
		ddicField("FMODE", "FMODE", protocol.Char(1)),
		ddicField("UTASK", "UTASK", protocol.Char(1)),
	)
	volumeLine = protocol.Struct("ZWSR_VOLUME",
		ddicField("ROW_ID", "ZWSR_ROW_ID", protocol.Numc(10)),
		ddicField("CATEGORY", "ZWSR_CATEGORY", protocol.Char(10)),
		ddicField("CREATED_ON", "ZWSR_CREATED_ON", protocol.Date()),
		ddicField("CREATED_AT", "ZWSR_CREATED_AT", protocol.Time()),
		ddicField("AMOUNT", "ZWSR_AMOUNT", ddicCurr(15, 2)),
		ddicField("CURRENCY", "WAERS", ddicCuky()),
		ddicField("QUANTITY", "ZWSR_QUANTITY", protocol.Int4()),
		ddicField("DESCRIPTION", "ZWSR_DESCRIPTION", protocol.Char(60)),
		ddicField("PAYLOAD", "ZWSR_PAYLOAD", protocol.Char(160)),
	)
)

// demoDerivedTables are tables whose rows SAP maintains as a side effect of other
// work (SE37 writes TFDIR); the simulator computes them at read time from the
// server's state, so modules defined after start-up show up too.
var demoDerivedTables = map[string]func(s *Server) []map[string]any{
	"TFDIR": tfdirRows,
}

// ddicCrossClient lists tables with a client column that are not client-specific: T000
// lists the clients themselves (ABAP Dictionary: the documented exception).
var ddicCrossClient = map[string]bool{"T000": true}

// ddicClientSpecific reports whether Open SQL adds "MANDT = sy-mandt" to every
// access: the first field is of DDIC type CLNT.
func ddicClientSpecific(t *Table) bool {
	if ddicCrossClient[t.Name] || len(t.Line.Fields) == 0 {
		return false
	}
	return t.Line.Fields[0].Type.DDIC == "CLNT"
}

// installTables defines the demo tables with their rows. Every server gets its
// own rows; the line types are shared and never modified.
func installTables(s *Server) {
	cfg := s.cfg
	base := demoDate(FlightBaseDate)
	define := func(name, text string, line *protocol.Type, keys []string, rows []map[string]any) {
		canon := make([]map[string]any, len(rows))
		for i, r := range rows {
			n, err := protocol.Normalize(line, r, fmt.Sprintf("%s[%d]", name, i))
			if err != nil {
				panic(fmt.Sprintf("demo data of %s: %v", name, err))
			}
			canon[i] = n.(map[string]any)
		}
		s.DB.Define(&Table{Name: name, Description: text, Line: line, Keys: keys, Rows: canon})
	}

	define("T000", "Clients", t000Line, []string{"MANDT"}, demoClientRows(cfg, base))
	define("SCARR", "Airline", scarrLine, []string{"MANDT", "CARRID"}, demoInClient(scarrRows()))
	define("SPFLI", "Flight schedule", spfliLine, []string{"MANDT", "CARRID", "CONNID"}, demoInClient(spfliRows()))
	flights := sflightRows(base)
	define("SFLIGHT", "Flight", sflightLine, []string{"MANDT", "CARRID", "CONNID", "FLDATE"}, demoInClient(flights))
	define("SCUSTOM", "Flight customers", scustomLine, []string{"MANDT", "ID"}, demoInClient(scustomRows()))
	bookings := sbookRows(flights, base)
	define("SBOOK", "Single flight booking", sbookLine, []string{"MANDT", "CARRID", "CONNID", "FLDATE", "BOOKID"}, demoInClient(bookings))
	define("NRIV", "Number range intervals", nrivLine, []string{"CLIENT", "OBJECT", "SUBOBJECT", "NRRANGENR", "TOYEAR"},
		[]map[string]any{{"CLIENT": DemoClient, "OBJECT": "SBOOK", "NRRANGENR": "01", "TOYEAR": "0000",
			"FROMNUMBER": fmt.Sprintf("%020d", 1), "TONUMBER": fmt.Sprintf("%020d", 99999999), "NRLEVEL": fmt.Sprintf("%020d", len(bookings))}})
	define("TFDIR", "Function Module (rows computed from the registered modules when read)", tfdirLine, []string{"FUNCNAME"}, nil)
	define("ZWSR_PARTNER", "Partners with notes: a line wider than RFC_READ_TABLE's 512 characters", partnerLine, []string{"MANDT", "PARTNER"}, demoInClient(partnerRows()))
	if t, _, ok := s.DB.Lookup("ZWSR_PARTNER"); ok {
		t.AuthGroup = partnerAuthGroup
	}

	rows := cfg.VolumeRows
	if rows <= 0 {
		rows = DefaultVolumeRows
	}
	s.DB.Define(&Table{Name: "ZWSR_VOLUME", Line: volumeLine, Keys: []string{"ROW_ID"}, Count: rows, Generate: volumeRow,
		Description: "Generated rows for throughput tests: QUANTITY = ROW_ID mod 100 + 1, AMOUNT = (ROW_ID * 7919 mod 1000000) / 100"})
}

func demoDate(yyyymmdd string) time.Time {
	t, err := time.Parse("20060102", yyyymmdd)
	if err != nil {
		panic(err)
	}
	return t
}

// demoInClient puts demo rows into the demo client, where the demo user logs on.
func demoInClient(rows []map[string]any) []map[string]any {
	for _, r := range rows {
		r["MANDT"] = DemoClient
	}
	return rows
}

func demoClientRows(cfg Config, base time.Time) []map[string]any {
	changed := base.AddDate(0, -6, 0).Format("20060102")
	rows := []map[string]any{
		{"MANDT": "000", "MTEXT": "SAP AG Konzern", "ORT01": "Walldorf", "MWAERS": "EUR", "CCCATEGORY": "S",
			"CCCORACTIV": "1", "CCNOCLIIND": "", "CHANGEUSER": "SAP*", "CHANGEDATE": changed, "LOGSYS": cfg.SystemID + "CLNT000"},
		{"MANDT": "001", "MTEXT": "Auslieferungsmandant R11", "ORT01": "Kundstadt", "MWAERS": "EUR", "CCCATEGORY": "C",
			"CCCORACTIV": "1", "CHANGEUSER": DemoUser, "CHANGEDATE": changed, "LOGSYS": cfg.SystemID + "CLNT001"},
	}
	if cfg.Client != "000" && cfg.Client != "001" {
		rows = append(rows, map[string]any{"MANDT": cfg.Client, "MTEXT": "Simulator client", "ORT01": "Walldorf",
			"MWAERS": "EUR", "CCCATEGORY": "T", "CHANGEUSER": DemoUser, "CHANGEDATE": changed, "LOGSYS": cfg.SystemID + "CLNT" + cfg.Client})
	}
	return rows
}

// demoAirline is one row of the classic SCARR content.
type demoAirline struct{ id, name, currency, url string }

var demoAirlines = []demoAirline{
	{"AA", "American Airlines", "USD", "http://www.aa.com"},
	{"AB", "Air Berlin", "EUR", "http://www.airberlin.de"},
	{"AC", "Air Canada", "CAD", "http://www.aircanada.ca"},
	{"AF", "Air France", "EUR", "http://www.airfrance.fr"},
	{"AZ", "Alitalia", "EUR", "http://www.alitalia.it"},
	{"BA", "British Airways", "GBP", "http://www.british-airways.com"},
	{"CO", "Continental Airlines", "USD", "http://www.continental.com"},
	{"DL", "Delta Airlines", "USD", "http://www.delta-air.com"},
	{"FJ", "Air Pacific", "FJD", "http://www.airpacific.com"},
	{"JL", "Japan Airlines", "JPY", "http://www.jal.co.jp"},
	{"LH", "Lufthansa", "EUR", "http://www.lufthansa.com"},
	{"NG", "Lauda Air", "EUR", "http://www.laudaair.com"},
	{"NW", "Northwest Airlines", "USD", "http://www.nwa.com"},
	{"QF", "Qantas Airways", "AUD", "http://www.qantas.com.au"},
	{"SA", "South African Air.", "ZAR", "http://www.saa.co.za"},
	{"SQ", "Singapore Airlines", "SGD", "http://www.singaporeair.com"},
	{"SR", "Swiss", "CHF", "http://www.swiss.com"},
	{"UA", "United Airlines", "USD", "http://www.ual.com"},
}

func demoAirlineCurrency(id string) string {
	for _, a := range demoAirlines {
		if a.id == id {
			return a.currency
		}
	}
	return ""
}

func scarrRows() []map[string]any {
	rows := make([]map[string]any, len(demoAirlines))
	for i, a := range demoAirlines {
		rows[i] = map[string]any{"CARRID": a.id, "CARRNAME": a.name, "CURRCODE": a.currency, "URL": a.url}
	}
	return rows
}

// demoConnection is one row of SPFLI plus what its flights cost and fly with.
type demoConnection struct {
	carrid, connid            string
	countryFr, cityFr, airpFr string
	countryTo, cityTo, airpTo string
	fltime                    int
	dep, arr                  string
	distance                  string
	distid                    string
	period                    int
	price                     string // economy fare as SFLIGHT stores it: CURR keeps two decimals even for JPY (1061.36 is 106,136 yen)
	planetype                 string
}

var demoConnections = []demoConnection{
	{"AA", "0017", "US", "NEW YORK", "JFK", "US", "SAN FRANCISCO", "SFO", 361, "110000", "140100", "2572", "MI", 0, "422.94", "747-400"},
	{"AA", "0064", "US", "SAN FRANCISCO", "SFO", "US", "NEW YORK", "JFK", 321, "090000", "172100", "2572", "MI", 0, "422.94", "A310-300"},
	{"AZ", "0555", "IT", "ROME", "FCO", "DE", "FRANKFURT", "FRA", 125, "190000", "210500", "845", "MI", 0, "185.00", "737-800"},
	{"AZ", "0788", "IT", "ROME", "FCO", "JP", "TOKYO", "TYO", 775, "120000", "085500", "6130", "MI", 1, "1030.00", "767-200"},
	{"AZ", "0789", "JP", "TOKYO", "TYO", "IT", "ROME", "FCO", 940, "114500", "192500", "6130", "MI", 0, "1030.00", "767-200"},
	{"AZ", "0790", "IT", "ROME", "FCO", "JP", "OSAKA", "KIX", 815, "103500", "081000", "6030", "MI", 1, "1030.00", "A319-100"},
	{"DL", "0106", "US", "NEW YORK", "JFK", "DE", "FRANKFURT", "FRA", 475, "193500", "093000", "3851", "MI", 1, "611.01", "A380-800"},
	{"DL", "1699", "US", "NEW YORK", "JFK", "US", "SAN FRANCISCO", "SFO", 382, "171500", "203700", "2572", "MI", 0, "422.94", "A380-800"},
	{"DL", "1984", "US", "SAN FRANCISCO", "SFO", "US", "NEW YORK", "JFK", 325, "100000", "182500", "2572", "MI", 0, "422.94", "767-200"},
	{"JL", "0407", "JP", "TOKYO", "NRT", "DE", "FRANKFURT", "FRA", 725, "133000", "173500", "9100", "KM", 0, "1061.36", "A380-800"},
	{"JL", "0408", "DE", "FRANKFURT", "FRA", "JP", "TOKYO", "NRT", 675, "202500", "154000", "9100", "KM", 1, "1061.36", "747-400"},
	{"LH", "0400", "DE", "FRANKFURT", "FRA", "US", "NEW YORK", "JFK", 444, "101000", "113400", "6162", "KM", 0, "666.00", "A340-600"},
	{"LH", "0401", "US", "NEW YORK", "JFK", "DE", "FRANKFURT", "FRA", 435, "183000", "074500", "6162", "KM", 1, "666.00", "A340-600"},
	{"LH", "0402", "DE", "FRANKFURT", "FRA", "US", "NEW YORK", "JFK", 455, "133000", "151500", "6162", "KM", 0, "666.00", "A380-800"},
	{"LH", "2402", "DE", "FRANKFURT", "FRA", "DE", "BERLIN", "SXF", 65, "103000", "113500", "555", "KM", 0, "242.00", "A321-200"},
	{"LH", "2407", "DE", "BERLIN", "TXL", "DE", "FRANKFURT", "FRA", 65, "071000", "081500", "555", "KM", 0, "242.00", "A321-200"},
	{"QF", "0005", "SG", "SINGAPORE", "SIN", "DE", "FRANKFURT", "FRA", 720, "223000", "053000", "10000", "KM", 1, "1030.00", "A380-800"},
	{"QF", "0006", "DE", "FRANKFURT", "FRA", "SG", "SINGAPORE", "SIN", 745, "213000", "155500", "10000", "KM", 1, "1030.00", "A380-800"},
	{"SQ", "0002", "SG", "SINGAPORE", "SIN", "US", "SAN FRANCISCO", "SFO", 1015, "170000", "192500", "8452", "MI", 0, "1690.00", "A380-800"},
	{"SQ", "0015", "US", "SAN FRANCISCO", "SFO", "SG", "SINGAPORE", "SIN", 1080, "160000", "020000", "8452", "MI", 2, "1690.00", "747-400"},
	{"UA", "0941", "DE", "FRANKFURT", "FRA", "US", "SAN FRANCISCO", "SFO", 690, "143000", "170100", "5685", "MI", 0, "879.82", "A340-600"},
	{"UA", "3504", "US", "SAN FRANCISCO", "SFO", "DE", "FRANKFURT", "FRA", 655, "150000", "103000", "5685", "MI", 1, "879.82", "A340-600"},
	{"UA", "3516", "US", "NEW YORK", "JFK", "DE", "FRANKFURT", "FRA", 445, "162000", "054500", "3851", "MI", 1, "611.01", "A380-800"},
	{"UA", "3517", "DE", "FRANKFURT", "FRA", "US", "NEW YORK", "JFK", 495, "104000", "125300", "3851", "MI", 0, "611.01", "A380-800"},
}

// demoSeatPlan is the capacity of an aircraft type per class (economy, business, first).
var demoSeatPlan = map[string][3]int64{
	"747-400": {385, 31, 21}, "A310-300": {280, 22, 10}, "737-800": {160, 12, 0}, "767-200": {260, 20, 10},
	"A319-100": {120, 12, 0}, "A380-800": {475, 30, 20}, "A340-600": {330, 30, 20}, "A321-200": {185, 15, 0},
}

func spfliRows() []map[string]any {
	rows := make([]map[string]any, len(demoConnections))
	for i, c := range demoConnections {
		rows[i] = map[string]any{"CARRID": c.carrid, "CONNID": c.connid, "COUNTRYFR": c.countryFr, "CITYFROM": c.cityFr,
			"AIRPFROM": c.airpFr, "COUNTRYTO": c.countryTo, "CITYTO": c.cityTo, "AIRPTO": c.airpTo, "FLTIME": c.fltime,
			"DEPTIME": c.dep, "ARRTIME": c.arr, "DISTANCE": c.distance, "DISTID": c.distid, "FLTYPE": "", "PERIOD": c.period}
	}
	return rows
}

// flightsPerConnection is how many weekly flights each connection has from FlightBaseDate on.
const flightsPerConnection = 8

// sflightRows builds the flights: every connection flies weekly, the first
// time on FlightBaseDate (Monday 05.01.2026), then 12.01., 19.01. and so on.
// Occupancy follows a fixed formula; the first LH 0400 flight is fully booked
// in economy so that "no free seats" can be tried.
func sflightRows(base time.Time) []map[string]any {
	var rows []map[string]any
	for ci, c := range demoConnections {
		plan := demoSeatPlan[c.planetype]
		for k := 0; k < flightsPerConnection; k++ {
			date := base.AddDate(0, 0, 7*k).Format("20060102")
			occ := plan[0] * int64((31+17*k+11*ci)%90) / 100
			if c.carrid == "LH" && c.connid == "0400" && k == 0 {
				occ = plan[0]
			}
			occB := plan[1] * int64((23+13*k+7*ci)%80) / 100
			occF := plan[2] * int64((11+19*k+5*ci)%70) / 100
			rows = append(rows, map[string]any{"CARRID": c.carrid, "CONNID": c.connid, "FLDATE": date,
				"PRICE": c.price, "CURRENCY": demoAirlineCurrency(c.carrid), "PLANETYPE": c.planetype,
				"SEATSMAX": plan[0], "SEATSOCC": occ, "PAYMENTSUM": demoPaymentSum(c.price, occ, occB, occF),
				"SEATSMAX_B": plan[1], "SEATSOCC_B": occB, "SEATSMAX_F": plan[2], "SEATSOCC_F": occF})
		}
	}
	return rows
}

// demoClassFactor is the fare of a class relative to economy.
var demoClassFactor = map[string]int64{"Y": 1, "C": 2, "F": 4}

func demoPaymentSum(price string, occY, occC, occF int64) protocol.Decimal {
	p := ddicRat(protocol.Decimal(price))
	seats := occY*demoClassFactor["Y"] + occC*demoClassFactor["C"] + occF*demoClassFactor["F"]
	return protocol.Decimal(p.Mul(p, ddicRatInt(seats)).FloatString(2))
}

// demoCustomers are the customers of the flight model (SCUSTOM).
var demoCustomers = []map[string]any{
	{"ID": "00000001", "NAME": "SAP AG", "FORM": "Company", "STREET": "Dietmar-Hopp-Allee 16", "POSTCODE": "69190", "CITY": "Walldorf", "COUNTRY": "DE", "TELEPHONE": "06227-7-47474", "CUSTTYPE": "B", "DISCOUNT": "015", "LANGU": "D", "EMAIL": "info@sap.com"},
	{"ID": "00000002", "NAME": "Jutta Ackermann", "FORM": "Mrs.", "STREET": "Lerchenweg 5", "POSTCODE": "68161", "CITY": "Mannheim", "COUNTRY": "DE", "CUSTTYPE": "P", "LANGU": "D"},
	{"ID": "00000003", "NAME": "Thomas Meier", "FORM": "Mr.", "STREET": "Hauptstrasse 12", "POSTCODE": "69117", "CITY": "Heidelberg", "COUNTRY": "DE", "CUSTTYPE": "P", "DISCOUNT": "005", "LANGU": "D"},
	{"ID": "00000004", "NAME": "Maria Rossi", "FORM": "Mrs.", "STREET": "Via Appia 22", "POSTCODE": "00179", "CITY": "Roma", "COUNTRY": "IT", "CUSTTYPE": "P", "LANGU": "I"},
	{"ID": "00000005", "NAME": "John Smith", "FORM": "Mr.", "STREET": "5th Avenue 700", "POSTCODE": "10019", "CITY": "New York", "COUNTRY": "US", "REGION": "NY", "CUSTTYPE": "P", "LANGU": "E"},
	{"ID": "00000006", "NAME": "Akira Tanaka", "FORM": "Mr.", "STREET": "1-2-3 Marunouchi", "POSTCODE": "100-0005", "CITY": "Tokyo", "COUNTRY": "JP", "CUSTTYPE": "P", "LANGU": "J"},
	{"ID": "00000007", "NAME": "Travel Ltd.", "FORM": "Company", "STREET": "Orchard Road 1", "POSTCODE": "238824", "CITY": "Singapore", "COUNTRY": "SG", "CUSTTYPE": "B", "DISCOUNT": "010", "LANGU": "E"},
	{"ID": "00000008", "NAME": "Anna Schmidt", "FORM": "Mrs.", "STREET": "Unter den Linden 3", "POSTCODE": "10117", "CITY": "Berlin", "COUNTRY": "DE", "CUSTTYPE": "P", "LANGU": "D"},
}

func scustomRows() []map[string]any {
	rows := make([]map[string]any, len(demoCustomers))
	for i, c := range demoCustomers {
		r := make(map[string]any, len(c))
		for k, v := range c {
			r[k] = v
		}
		rows[i] = r
	}
	return rows
}

// sbookRows books a few passengers on the first flight of some connections.
func sbookRows(flights []map[string]any, base time.Time) []map[string]any {
	plan := []struct{ carrid, connid, customer, class, name, form string }{
		{"LH", "0400", "00000002", "Y", "Jutta Ackermann", "Mrs."},
		{"LH", "0400", "00000003", "C", "Thomas Meier", "Mr."},
		{"AA", "0017", "00000005", "Y", "John Smith", "Mr."},
		{"AZ", "0555", "00000004", "Y", "Maria Rossi", "Mrs."},
		{"JL", "0407", "00000006", "F", "Akira Tanaka", "Mr."},
		{"SQ", "0002", "00000007", "C", "Mr. Lim", "Mr."},
	}
	var rows []map[string]any
	for i, b := range plan {
		f := demoFindFlight(flights, b.carrid, b.connid)
		price := flightBookingPrice(protocol.Decimal(f["PRICE"].(string)), b.class)
		rows = append(rows, map[string]any{"CARRID": b.carrid, "CONNID": b.connid, "FLDATE": f["FLDATE"],
			"BOOKID": fmt.Sprintf("%08d", i+1), "CUSTOMID": b.customer, "CUSTTYPE": "P", "LUGGWEIGHT": "17.4000", "WUNIT": "KG",
			"CLASS": b.class, "FORCURAM": price, "FORCURKEY": f["CURRENCY"], "LOCCURAM": price, "LOCCURKEY": f["CURRENCY"],
			"ORDER_DATE": base.AddDate(0, 0, -30+i).Format("20060102"), "COUNTER": "00000001", "AGENCYNUM": "00000100",
			"PASSNAME": b.name, "PASSFORM": b.form, "PASSBIRTH": "19800101"})
	}
	return rows
}

// demoFindFlight returns the first flight of a connection.
func demoFindFlight(flights []map[string]any, carrid, connid string) map[string]any {
	for _, f := range flights {
		if f["CARRID"] == carrid && f["CONNID"] == connid {
			return f
		}
	}
	panic("demo data: no flight for " + carrid + " " + connid)
}

// tfdirRows lists the registered modules as TFDIR does: the main program of a
// function group is SAPL<group>, FMODE 'R' marks a remote-enabled module.
func tfdirRows(s *Server) []map[string]any {
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
func ddicSortByKey(t *Table, rows []map[string]any) {
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
