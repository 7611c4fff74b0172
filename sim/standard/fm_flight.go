package standard

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/wsrfc/wsrfc/protocol"
	"github.com/wsrfc/wsrfc/sim/core"
	"github.com/wsrfc/wsrfc/sim/ddic"
)

// The BAPIs of SAP's flight data model (BC_BAPI): list flights, list bookings,
// and create a booking the way a write BAPI does it: validate, draw the booking
// number at once (number ranges are not rolled back), and register the database
// change for the end of the SAP LUW. The booking therefore appears only after
// BAPI_TRANSACTION_COMMIT, for every session, and is gone after a rollback or
// when the session ends without a commit.

func installFlightBAPIs(s *core.Server) {
	maxRows := protocol.Int4().Named("BAPIMAXROW")
	s.MustDefine(&core.Function{
		Name: "BAPI_FLIGHT_GETLIST", Group: "SAPBC_BAPI_SFLIGHT", Description: "Find list of flights",
		Params: []protocol.Parameter{
			imp("AIRLINE", "BAPISFLKEY-AIRLINEID", protocol.Char(3).Named("S_CARR_ID"), true, "", "Airline"),
			imp("DESTINATION_FROM", "BAPISFLDST", ddic.Struct("BAPISFLDST"), true, "", "Departure airport"),
			imp("DESTINATION_TO", "BAPISFLDST", ddic.Struct("BAPISFLDST"), true, "", "Destination airport"),
			imp("MAX_ROWS", "BAPISFLAUX-BAPIMAXROW", maxRows, true, "", "Maximum number of lines of hits"),
			tbl("DATE_RANGE", "BAPISFLDRA", ddic.Struct("BAPISFLDRA"), true, "Selection range for flight date"),
			tbl("EXTENSION_IN", "BAPIPAREX", ddic.Struct("BAPIPAREX"), true, "Import customer enhancements"),
			tbl("FLIGHT_LIST", "BAPISFLDAT", ddic.Struct("BAPISFLDAT"), true, "List of flights"),
			tbl("EXTENSION_OUT", "BAPIPAREX", ddic.Struct("BAPIPAREX"), true, "Export customer enhancements"),
			tbl("RETURN", "BAPIRET2", ddic.Struct("BAPIRET2"), true, "Return messages"),
		},
		Handler: bapiFlightGetList,
	})
	s.MustDefine(&core.Function{
		Name: "BAPI_FLBOOKING_GETLIST", Group: "SAPBC_BAPI_SBOOK", Description: "Find list of flight bookings",
		Params: []protocol.Parameter{
			imp("AIRLINE", "BAPISBOKEY-AIRLINEID", protocol.Char(3).Named("S_CARR_ID"), true, "", "Airline"),
			imp("TRAVEL_AGENCY", "BAPISBODAT-AGENCYNUM", protocol.Numc(8).Named("S_AGNCYNUM"), true, "", "Travel agency"),
			imp("CUSTOMER_NUMBER", "BAPISBODAT-CUSTOMERID", protocol.Numc(8).Named("S_CUSTOMER"), true, "", "Customer number"),
			imp("MAX_ROWS", "BAPISFLAUX-BAPIMAXROW", maxRows, true, "", "Maximum number of lines of hits"),
			tbl("FLIGHT_DATE_RANGE", "BAPISFLDRA", ddic.Struct("BAPISFLDRA"), true, "Selection range for flight date"),
			tbl("BOOKING_DATE_RANGE", "BAPISBODRA", ddic.Struct("BAPISFLDRA").Named("BAPISBODRA"), true, "Selection range for booking date"),
			tbl("EXTENSION_IN", "BAPIPAREX", ddic.Struct("BAPIPAREX"), true, "Import customer enhancements"),
			tbl("BOOKING_LIST", "BAPISBODAT", ddic.Struct("BAPISBODAT"), true, "List of flight bookings"),
			tbl("EXTENSION_OUT", "BAPIPAREX", ddic.Struct("BAPIPAREX"), true, "Export customer enhancements"),
			tbl("RETURN", "BAPIRET2", ddic.Struct("BAPIRET2"), true, "Return messages"),
		},
		Handler: bapiBookingGetList,
	})
	s.MustDefine(&core.Function{
		Name: "BAPI_FLBOOKING_CREATEFROMDATA", Group: "SAPBC_BAPI_SBOOK", Description: "Create flight booking",
		Params: []protocol.Parameter{
			exp("AIRLINEID", "BAPISBOKEY-AIRLINEID", protocol.Char(3).Named("S_CARR_ID"), "Airline"),
			exp("BOOKINGNUMBER", "BAPISBOKEY-BOOKINGID", protocol.Numc(8).Named("S_BOOK_ID"), "Booking number"),
			exp("TICKET_PRICE", "BAPISBOPRI", ddic.Struct("BAPISBOPRI"), "Price information"),
			imp("RESERVE_ONLY", "BAPISBOAUX-RESERVED", protocol.Char(1).Named("S_RESERV"), true, "SPACE", "Only reserve the booking, do not post it"),
			imp("BOOKING_DATA", "BAPISBONEW", ddic.Struct("BAPISBONEW"), false, "", "Booking data"),
			imp("TEST_RUN", "BAPISFLAUX-TESTRUN", protocol.Char(1).Named("TESTRUN"), true, "SPACE", "Check only, no database update"),
			tbl("EXTENSION_IN", "BAPIPAREX", ddic.Struct("BAPIPAREX"), true, "Import customer enhancements"),
			tbl("RETURN", "BAPIRET2", ddic.Struct("BAPIRET2"), true, "Return messages"),
		},
		Handler: bapiBookingCreate,
	})
}

// demoClassFactor is the fare of a class relative to economy.
var demoClassFactor = map[string]int64{"Y": 1, "C": 2, "F": 4}

// flightBookingPrice is what a seat costs in a class: the economy fare times the class factor.
func flightBookingPrice(economy protocol.Decimal, class string) protocol.Decimal {
	p := ddicRat(economy)
	return protocol.Decimal(p.Mul(p, ddicRatInt(demoClassFactor[class])).FloatString(2))
}

// bapiSelect reads a demo table as Open SQL sees it in the session's client.
func bapiSelect(c *core.Call, table string, sorted bool) []map[string]any {
	srv := c.Session.Server()
	t, snapshot, ok := srv.DB.Lookup(table)
	if !ok {
		return nil
	}
	var rows []map[string]any
	scanTable(srv, t, snapshot, c.Session.Client, nil, sorted, func(r map[string]any) bool {
		rows = append(rows, r)
		return true
	})
	return rows
}

func flightMatchesDestination(dest map[string]any, airport, city, country string) bool {
	if a := dest["AIRPORTID"].(string); a != "" && a != airport {
		return false
	}
	if ct := dest["CITY"].(string); ct != "" && !strings.EqualFold(ct, city) {
		return false
	}
	if co := dest["COUNTR"].(string); co != "" && co != country {
		return false
	}
	return true
}

func bapiFlightGetList(c *core.Call) error {
	airline := c.String("AIRLINE")
	from, to := c.Struct("DESTINATION_FROM"), c.Struct("DESTINATION_TO")
	maxRows := int(c.Int("MAX_ROWS"))
	names := map[string]string{}
	for _, r := range bapiSelect(c, "SCARR", false) {
		names[r["CARRID"].(string)] = r["CARRNAME"].(string)
	}
	conns := map[string]map[string]any{}
	for _, r := range bapiSelect(c, "SPFLI", false) {
		conns[r["CARRID"].(string)+r["CONNID"].(string)] = r
	}
	list := []any{}
	for _, f := range bapiSelect(c, "SFLIGHT", true) {
		carrid, connid, date := f["CARRID"].(string), f["CONNID"].(string), f["FLDATE"].(string)
		conn := conns[carrid+connid]
		if conn == nil || (airline != "" && carrid != airline) || !inRange(date, c.Table("DATE_RANGE")) ||
			!flightMatchesDestination(from, conn["AIRPFROM"].(string), conn["CITYFROM"].(string), conn["COUNTRYFR"].(string)) ||
			!flightMatchesDestination(to, conn["AIRPTO"].(string), conn["CITYTO"].(string), conn["COUNTRYTO"].(string)) {
			continue
		}
		list = append(list, map[string]any{
			"AIRLINEID": carrid, "AIRLINE": names[carrid], "CONNECTID": connid, "FLIGHTDATE": date,
			"AIRPORTFR": conn["AIRPFROM"], "CITYFROM": conn["CITYFROM"], "AIRPORTTO": conn["AIRPTO"], "CITYTO": conn["CITYTO"],
			"DEPTIME": conn["DEPTIME"], "ARRTIME": conn["ARRTIME"], "ARRDATE": flightAddDays(date, int(conn["PERIOD"].(int64))),
			"PRICE": f["PRICE"], "CURR": f["CURRENCY"], "CURR_ISO": f["CURRENCY"],
		})
		if maxRows > 0 && len(list) == maxRows {
			break
		}
	}
	c.Set("FLIGHT_LIST", list)
	return nil
}

func flightAddDays(yyyymmdd string, days int) string {
	t, err := time.Parse("20060102", yyyymmdd)
	if err != nil {
		return yyyymmdd
	}
	return t.AddDate(0, 0, days).Format("20060102")
}

func bapiBookingGetList(c *core.Call) error {
	airline, agency, customer := c.String("AIRLINE"), c.String("TRAVEL_AGENCY"), c.String("CUSTOMER_NUMBER")
	maxRows := int(c.Int("MAX_ROWS"))
	list := []any{}
	for _, b := range bapiSelect(c, "SBOOK", true) {
		if (airline != "" && b["CARRID"] != airline) ||
			(agency != "00000000" && b["AGENCYNUM"] != agency) ||
			(customer != "00000000" && b["CUSTOMID"] != customer) ||
			!inRange(b["FLDATE"].(string), c.Table("FLIGHT_DATE_RANGE")) ||
			!inRange(b["ORDER_DATE"].(string), c.Table("BOOKING_DATE_RANGE")) {
			continue
		}
		list = append(list, map[string]any{
			"AIRLINEID": b["CARRID"], "BOOKINGID": b["BOOKID"], "CONNECTID": b["CONNID"], "FLIGHTDATE": b["FLDATE"],
			"CUSTOMERID": b["CUSTOMID"], "CLASS": b["CLASS"], "COUNTER": b["COUNTER"], "AGENCYNUM": b["AGENCYNUM"],
			"PASSNAME": b["PASSNAME"], "PASSFORM": b["PASSFORM"], "PASSBIRTH": b["PASSBIRTH"], "BOOKDATE": b["ORDER_DATE"],
			"RESERVED": b["RESERVED"], "CANCELLED": b["CANCELLED"],
		})
		if maxRows > 0 && len(list) == maxRows {
			break
		}
	}
	c.Set("BOOKING_LIST", list)
	return nil
}

// Messages of the flight BAPIs (message class BC_IBF).
const (
	flightMsgFlightUnknown = "Flight &1 &2 on &3 does not exist"
	flightMsgFlightFull    = "Flight &1 &2 on &3 has no free seats in class &4"
	flightMsgCustomer      = "Customer &1 does not exist"
	flightMsgClass         = "Flight class &1 is not valid; use Y, C or F"
	flightMsgBooked        = "Booking &1 &2 created"
	flightMsgTestRun       = "Test run: booking on flight &1 &2 on &3 is possible"
	flightMsgNumberRange   = "Number range interval &2 of object &1 is exhausted or missing"
)

// bapiBookingCreate validates a booking, and unless it is a test run draws its
// number and registers the insert for the end of the LUW.
func bapiBookingCreate(c *core.Call) error {
	sess := c.Session
	bd := c.Struct("BOOKING_DATA")
	carrid, connid, date := bd["AIRLINEID"].(string), bd["CONNECTID"].(string), bd["FLIGHTDATE"].(string)
	class := bd["CLASS"].(string)
	fail := func(number, text, field string, vars ...string) error {
		m := core.T100("E", "BC_IBF", number, text, vars...)
		row := bapiReturn(sess, m, "BOOKING_DATA")
		row["FIELD"] = field
		c.Set("RETURN", []any{row})
		return nil // BAPIs report errors in RETURN and never raise
	}
	if class != "Y" && class != "C" && class != "F" {
		return fail("053", flightMsgClass, "CLASS", class)
	}
	var flight map[string]any
	for _, f := range bapiSelect(c, "SFLIGHT", false) {
		if f["CARRID"] == carrid && f["CONNID"] == connid && f["FLDATE"] == date {
			flight = f
			break
		}
	}
	if flight == nil {
		return fail("050", flightMsgFlightUnknown, "FLIGHTDATE", carrid, connid, date)
	}
	customerKnown := false
	for _, cu := range bapiSelect(c, "SCUSTOM", false) {
		if cu["ID"] == bd["CUSTOMERID"] {
			customerKnown = true
			break
		}
	}
	if !customerKnown {
		return fail("052", flightMsgCustomer, "CUSTOMERID", strings.TrimLeft(bd["CUSTOMERID"].(string), "0"))
	}
	maxCol, occCol := flightSeatColumns(class)
	if flight[occCol].(int64) >= flight[maxCol].(int64) {
		return fail("051", flightMsgFlightFull, "CLASS", carrid, connid, date, class)
	}
	price := flightBookingPrice(flight["PRICE"].(protocol.Decimal), class)
	currency := flight["CURRENCY"].(string)
	c.Set("AIRLINEID", carrid)
	c.Set("TICKET_PRICE", map[string]any{"FORCURAM": price, "FORCURKEY": currency, "FORCURISO": currency,
		"LOCCURAM": price, "LOCCURKEY": currency, "LOCCURISO": currency})
	if c.String("TEST_RUN") != "" {
		c.Set("RETURN", []any{bapiReturn(sess, core.T100("S", "BC_IBF", "056", flightMsgTestRun, carrid, connid, date), "")})
		return nil
	}
	number, ok := numberGetNext(sess.Server(), sess.Client, "SBOOK")
	if !ok {
		return fail("751", flightMsgNumberRange, "", "SBOOK", "01")
	}
	booking := map[string]any{
		"MANDT": sess.Client, "CARRID": carrid, "CONNID": connid, "FLDATE": date, "BOOKID": number,
		"CUSTOMID": bd["CUSTOMERID"], "CUSTTYPE": "P", "CLASS": class, "FORCURAM": price, "FORCURKEY": currency,
		"LOCCURAM": price, "LOCCURKEY": currency, "ORDER_DATE": sess.Server().Config().Now().Format("20060102"),
		"COUNTER": bd["COUNTER"], "AGENCYNUM": bd["AGENCYNUM"], "RESERVED": c.String("RESERVE_ONLY"),
		"PASSNAME": bd["PASSNAME"], "PASSFORM": bd["PASSFORM"], "PASSBIRTH": bd["PASSBIRTH"],
	}
	sess.PerformOnCommit(func(tx *core.Tx) {
		if err := tx.Insert("SBOOK", booking); err != nil {
			sess.Server().Log().Error("booking lost at commit", "booking", number, "error", err)
			return
		}
		flightOccupySeat(tx, sess.Client, carrid, connid, date, class, price)
	})
	c.Set("BOOKINGNUMBER", number)
	c.Set("RETURN", []any{bapiReturn(sess, core.T100("S", "BC_IBF", "055", flightMsgBooked, carrid, number), "")})
	return nil
}

// flightSeatColumns names the SFLIGHT capacity and occupancy columns of a class.
func flightSeatColumns(class string) (maxCol, occCol string) {
	switch class {
	case "C":
		return "SEATSMAX_B", "SEATSOCC_B"
	case "F":
		return "SEATSMAX_F", "SEATSOCC_F"
	}
	return "SEATSMAX", "SEATSOCC"
}

// flightOccupySeat is the update the booking's LUW makes to its flight. Rows are
// replaced, never changed in place, because readers hold snapshots of them.
func flightOccupySeat(tx *core.Tx, client, carrid, connid, date, class string, price protocol.Decimal) {
	rows := tx.Rows("SFLIGHT")
	_, occCol := flightSeatColumns(class)
	for i, f := range rows {
		if f["MANDT"] != client || f["CARRID"] != carrid || f["CONNID"] != connid || f["FLDATE"] != date {
			continue
		}
		updated := make(map[string]any, len(f))
		for k, v := range f {
			updated[k] = v
		}
		updated[occCol] = f[occCol].(int64) + 1
		sum := ddicRat(f["PAYMENTSUM"])
		updated["PAYMENTSUM"] = protocol.Decimal(sum.Add(sum, ddicRat(price)).FloatString(2))
		rows[i] = updated
		return
	}
}

// numberGetNext takes the next number of a number range object (interval 01) at
// once and for good, as NUMBER_GET_NEXT does: a rolled-back LUW leaves a gap.
func numberGetNext(srv *core.Server, client, object string) (string, bool) {
	var number string
	srv.DB.Update(func(tx *core.Tx) {
		rows := tx.Rows("NRIV")
		for i, r := range rows {
			if r["CLIENT"] != client || r["OBJECT"] != object || r["NRRANGENR"] != "01" {
				continue
			}
			level, _ := strconv.ParseInt(r["NRLEVEL"].(string), 10, 64)
			upper, _ := strconv.ParseInt(r["TONUMBER"].(string), 10, 64)
			if level >= upper {
				return
			}
			level++
			updated := make(map[string]any, len(r))
			for k, v := range r {
				updated[k] = v
			}
			updated["NRLEVEL"] = fmt.Sprintf("%020d", level)
			rows[i] = updated
			number = fmt.Sprintf("%08d", level)
			return
		}
	})
	return number, number != ""
}
