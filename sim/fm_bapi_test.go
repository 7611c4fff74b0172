package sim_test

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wsrfc/wsrfc/session"
	"github.com/wsrfc/wsrfc/sim"
	"github.com/wsrfc/wsrfc/sim/simtest"
)

func TestBAPIUserGetDetail(t *testing.T) {
	t.Parallel()
	srv, l := simtest.Start(t, sim.Config{})
	s := fmDeveloper(t, l)
	out := fmCall(t, s, "BAPI_USER_GET_DETAIL", map[string]any{"USERNAME": "developer"})
	for _, key := range []string{"ADDRESS", "ACTIVITYGROUPS", "DEFAULTS", "GROUPS", "ISLOCKED", "LOGONDATA", "PARAMETER", "PROFILES", "RETURN"} {
		assert.Contains(t, out, key)
	}
	assert.Empty(t, out["RETURN"])
	addr := out["ADDRESS"].(map[string]any)
	assert.Equal(t, "Developer", addr["FIRSTNAME"])
	assert.Equal(t, "Trial", addr["LASTNAME"])
	assert.Equal(t, "Developer Trial", addr["FULLNAME"])
	logon := out["LOGONDATA"].(map[string]any)
	assert.Equal(t, "A", logon["USTYP"])
	assert.Equal(t, "SUPER", logon["CLASS"])
	assert.Equal(t, "99991231", logon["GLTGB"])
	assert.Regexp(t, `^\d{8}$`, logon["GLTGV"])
	assert.Equal(t, "U", out["ISLOCKED"].(map[string]any)["LOCAL_LOCK"])
	assert.Equal(t, "E", out["DEFAULTS"].(map[string]any)["LANGU"])
	assert.Regexp(t, `^\d{8}$`, out["LASTMODIFIED"].(map[string]any)["MODDATE"])
	assert.Equal(t, "SAP_ALL", fmRows(out["PROFILES"])[0]["BAPIPROF"])

	srv.AddUser(sim.User{Name: "LOCKED_ONE", Password: "x", FirstName: "Lou", LastName: "Locked", Locked: true, RFCAuth: []string{"STFC"}})
	out = fmCall(t, s, "BAPI_USER_GET_DETAIL", map[string]any{"USERNAME": "LOCKED_ONE"})
	assert.Equal(t, "L", out["ISLOCKED"].(map[string]any)["LOCAL_LOCK"])
	assert.Empty(t, out["PROFILES"])
	assert.Equal(t, "RFC access: STFC", fmRows(out["ACTIVITYGROUPS"])[0]["AGR_TEXT"])

	out = fmCall(t, s, "BAPI_USER_GET_DETAIL", map[string]any{"USERNAME": "NOBODY"})
	ret := fmRows(out["RETURN"])
	require.Len(t, ret, 1)
	assert.Equal(t, "E", ret[0]["TYPE"])
	assert.Equal(t, "01", ret[0]["ID"])
	assert.Equal(t, "124", ret[0]["NUMBER"])
	assert.Equal(t, "User NOBODY does not exist", ret[0]["MESSAGE"])
	assert.Equal(t, "NOBODY", ret[0]["MESSAGE_V1"])
	assert.Equal(t, "WSRCLNT001", ret[0]["SYSTEM"])
	assert.Equal(t, "", out["ADDRESS"].(map[string]any)["LASTNAME"])
}

// LH 0400 flies weekly from FlightBaseDate; the first flight is full in economy.
const (
	lh0400Full = sim.FlightBaseDate
	lh0400Free = "20260112"
)

// booking is a valid booking on the second LH 0400 flight, which has free seats.
func booking() map[string]any {
	return map[string]any{"BOOKING_DATA": map[string]any{"AIRLINEID": "LH", "CONNECTID": "0400", "FLIGHTDATE": lh0400Free,
		"CUSTOMERID": "00000005", "CLASS": "Y", "AGENCYNUM": "00000100", "PASSNAME": "John Smith", "PASSFORM": "Mr."}}
}

// bookingIDs lists the booking numbers of LH 0400 on 12.01.2026, read through
// RFC_READ_TABLE and through BAPI_FLBOOKING_GETLIST, which must agree.
func bookingIDs(t *testing.T, s *session.Session) []string {
	t.Helper()
	_, data := fmReadTable(t, s, map[string]any{"QUERY_TABLE": "SBOOK", "FIELDS": fmFields("BOOKID"),
		"OPTIONS": fmOptions("CARRID = 'LH' AND CONNID = '0400' AND FLDATE = '20260112'")})
	out := fmCall(t, s, "BAPI_FLBOOKING_GETLIST", map[string]any{"AIRLINE": "LH"})
	var viaBAPI []string
	for _, b := range fmRows(out["BOOKING_LIST"]) {
		if b["CONNECTID"] == "0400" && b["FLIGHTDATE"] == "20260112" {
			viaBAPI = append(viaBAPI, b["BOOKINGID"].(string))
		}
	}
	assert.Equal(t, data, viaBAPI, "RFC_READ_TABLE and BAPI_FLBOOKING_GETLIST disagree")
	return data
}

func seatsOccupied(t *testing.T, s *session.Session) string {
	t.Helper()
	_, data := fmReadTable(t, s, map[string]any{"QUERY_TABLE": "SFLIGHT", "FIELDS": fmFields("SEATSOCC"),
		"OPTIONS": fmOptions("CARRID = 'LH' AND CONNID = '0400' AND FLDATE = '20260112'")})
	require.Len(t, data, 1)
	return data[0]
}

func TestBookingIsVisibleOnlyAfterCommit(t *testing.T) {
	t.Parallel()
	_, l := simtest.Start(t, sim.Config{})
	writer, reader := fmDeveloper(t, l), fmDeveloper(t, l)
	seatsBefore := seatsOccupied(t, reader)

	out := fmCall(t, writer, "BAPI_FLBOOKING_CREATEFROMDATA", booking())
	number := out["BOOKINGNUMBER"].(string)
	assert.Equal(t, "00000007", number, "six demo bookings exist; the number range goes on from there")
	assert.Equal(t, "LH", out["AIRLINEID"])
	price := out["TICKET_PRICE"].(map[string]any)
	assert.Equal(t, fmDec("666.0000"), price["FORCURAM"])
	assert.Equal(t, "EUR", price["FORCURKEY"])
	ret := fmRows(out["RETURN"])
	require.Len(t, ret, 1)
	assert.Equal(t, "S", ret[0]["TYPE"])
	assert.Equal(t, "Booking LH 00000007 created", ret[0]["MESSAGE"])

	assert.Empty(t, bookingIDs(t, writer), "not even the booking session sees it before the commit")
	assert.Empty(t, bookingIDs(t, reader))
	fmCall(t, writer, "BAPI_TRANSACTION_COMMIT", nil) // without WAIT: the handler refuses COMMIT WORK AND WAIT
	assert.Equal(t, []string{number}, bookingIDs(t, reader), "after the commit every session sees it")
	assert.Equal(t, []string{number}, bookingIDs(t, writer))
	assert.NotEqual(t, seatsBefore, seatsOccupied(t, reader), "the seat is taken with the commit")
}

func TestBookingRollbackAndCloseDropIt(t *testing.T) {
	t.Parallel()
	srv, l := simtest.Start(t, sim.Config{})
	reader := fmDeveloper(t, l)

	s := fmDeveloper(t, l)
	first := fmCall(t, s, "BAPI_FLBOOKING_CREATEFROMDATA", booking())["BOOKINGNUMBER"]
	fmCall(t, s, "BAPI_TRANSACTION_ROLLBACK", nil)
	fmCall(t, s, "BAPI_TRANSACTION_COMMIT", nil)
	assert.Empty(t, bookingIDs(t, reader), "a rolled-back booking is gone")

	// A type A message rolls the LUW back as well.
	fmCall(t, s, "BAPI_FLBOOKING_CREATEFROMDATA", booking())
	_, err := s.Call(context.Background(), "RFC_RAISE_ERROR", map[string]any{"MESSAGETYPE": "A"})
	require.Error(t, err)
	fmCall(t, s, "BAPI_TRANSACTION_COMMIT", nil)
	assert.Empty(t, bookingIDs(t, reader), "an A message rolled the booking back")

	closing := fmDeveloper(t, l)
	fmCall(t, closing, "BAPI_FLBOOKING_CREATEFROMDATA", booking())
	require.NoError(t, closing.Close())
	require.Eventually(t, func() bool { return len(srv.Sessions()) == 2 }, 3*time.Second, 10*time.Millisecond)
	assert.Empty(t, bookingIDs(t, reader), "a session ending without commit rolls back")

	// Numbers are drawn at once and not given back: the next booking skips them.
	next := fmCall(t, s, "BAPI_FLBOOKING_CREATEFROMDATA", booking())["BOOKINGNUMBER"]
	fmCall(t, s, "BAPI_TRANSACTION_COMMIT", nil)
	assert.Equal(t, "00000007", first)
	assert.Equal(t, "00000010", next)
	assert.Equal(t, []string{"00000010"}, bookingIDs(t, reader))
}

func TestBookingValidation(t *testing.T) {
	t.Parallel()
	_, l := simtest.Start(t, sim.Config{})
	s := fmDeveloper(t, l)
	try := func(change map[string]any) map[string]any {
		t.Helper()
		p := booking()
		for k, v := range change {
			p["BOOKING_DATA"].(map[string]any)[k] = v
		}
		out := fmCall(t, s, "BAPI_FLBOOKING_CREATEFROMDATA", p)
		ret := fmRows(out["RETURN"])
		require.Len(t, ret, 1)
		assert.Equal(t, "00000000", out["BOOKINGNUMBER"])
		return ret[0]
	}
	r := try(map[string]any{"FLIGHTDATE": "20260113"})
	assert.Equal(t, []any{"E", "BC_IBF", "050", "Flight LH 0400 on 20260113 does not exist"}, []any{r["TYPE"], r["ID"], r["NUMBER"], r["MESSAGE"]})
	r = try(map[string]any{"FLIGHTDATE": lh0400Full})
	assert.Equal(t, "051", r["NUMBER"], "the first LH 0400 flight is full in economy")
	assert.Equal(t, "CLASS", r["FIELD"])
	business := booking()
	business["BOOKING_DATA"].(map[string]any)["FLIGHTDATE"] = lh0400Full
	business["BOOKING_DATA"].(map[string]any)["CLASS"] = "C"
	out := fmCall(t, s, "BAPI_FLBOOKING_CREATEFROMDATA", business)
	assert.Equal(t, "S", fmRows(out["RETURN"])[0]["TYPE"], "business class still has seats")
	assert.Equal(t, fmDec("1332.0000"), out["TICKET_PRICE"].(map[string]any)["FORCURAM"], "business class costs twice the fare")
	fmCall(t, s, "BAPI_TRANSACTION_ROLLBACK", nil)
	r = try(map[string]any{"CUSTOMERID": "00000099"})
	assert.Equal(t, "Customer 99 does not exist", r["MESSAGE"])
	r = try(map[string]any{"CLASS": "Q"})
	assert.Equal(t, "053", r["NUMBER"])

	out = fmCall(t, s, "BAPI_FLBOOKING_CREATEFROMDATA", map[string]any{"BOOKING_DATA": booking()["BOOKING_DATA"], "TEST_RUN": "X"})
	assert.Equal(t, "00000000", out["BOOKINGNUMBER"])
	assert.Equal(t, "S", fmRows(out["RETURN"])[0]["TYPE"])
	assert.Equal(t, fmDec("666.0000"), out["TICKET_PRICE"].(map[string]any)["FORCURAM"])

	// Nothing of the above was registered: a commit changes nothing.
	fmCall(t, s, "BAPI_TRANSACTION_COMMIT", nil)
	assert.Empty(t, bookingIDs(t, s))
}

func TestBAPIFlightGetList(t *testing.T) {
	t.Parallel()
	_, l := simtest.Start(t, sim.Config{})
	s := fmDeveloper(t, l)
	out := fmCall(t, s, "BAPI_FLIGHT_GETLIST", map[string]any{"AIRLINE": "LH", "MAX_ROWS": 3})
	list := fmRows(out["FLIGHT_LIST"])
	require.Len(t, list, 3)
	assert.Equal(t, map[string]any{"AIRLINEID": "LH", "AIRLINE": "Lufthansa", "CONNECTID": "0400", "FLIGHTDATE": lh0400Full,
		"AIRPORTFR": "FRA", "CITYFROM": "FRANKFURT", "AIRPORTTO": "JFK", "CITYTO": "NEW YORK", "DEPTIME": "101000", "ARRTIME": "113400",
		"ARRDATE": lh0400Full, "PRICE": fmDec("666.0000"), "CURR": "EUR", "CURR_ISO": "EUR"}, list[0])

	out = fmCall(t, s, "BAPI_FLIGHT_GETLIST", map[string]any{"DESTINATION_FROM": map[string]any{"CITY": "frankfurt"},
		"DESTINATION_TO": map[string]any{"AIRPORTID": "JFK"},
		"DATE_RANGE":     []any{map[string]any{"SIGN": "I", "OPTION": "BT", "LOW": "20260105", "HIGH": "20260112"}}})
	var got []string
	for _, f := range fmRows(out["FLIGHT_LIST"]) {
		got = append(got, f["AIRLINEID"].(string)+f["CONNECTID"].(string)+" "+f["FLIGHTDATE"].(string))
	}
	assert.Equal(t, []string{"LH0400 20260105", "LH0400 20260112", "LH0402 20260105", "LH0402 20260112", "UA3517 20260105", "UA3517 20260112"}, got)

	out = fmCall(t, s, "BAPI_FLIGHT_GETLIST", map[string]any{"AIRLINE": "JL", "DESTINATION_FROM": map[string]any{"AIRPORTID": "NRT"}, "MAX_ROWS": 1})
	f := fmRows(out["FLIGHT_LIST"])[0]
	assert.Equal(t, fmDec("1061.3600"), f["PRICE"])
	out = fmCall(t, s, "BAPI_FLIGHT_GETLIST", map[string]any{"AIRLINE": "LH", "DESTINATION_TO": map[string]any{"CITY": "NEW YORK"},
		"DATE_RANGE": []any{map[string]any{"SIGN": "I", "OPTION": "LE", "LOW": "20260131"},
			map[string]any{"SIGN": "E", "OPTION": "EQ", "LOW": "20260119"}}})
	got = nil
	for _, f := range fmRows(out["FLIGHT_LIST"]) {
		got = append(got, f["CONNECTID"].(string)+" "+f["FLIGHTDATE"].(string))
	}
	assert.Equal(t, []string{"0400 20260105", "0400 20260112", "0400 20260126", "0402 20260105", "0402 20260112", "0402 20260126"}, got,
		"LH 0401 flies the other way; the excluded date drops the flights of 19.01.")
}
