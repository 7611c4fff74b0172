package sim_test

import (
	"bytes"
	"context"
	"encoding/json"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/gorilla/websocket"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wsrfc/wsrfc/protocol"
	"github.com/wsrfc/wsrfc/sim"
	"github.com/wsrfc/wsrfc/sim/simtest"
)

func TestReadTableWholeTable(t *testing.T) {
	t.Parallel()
	_, l := simtest.Start(t, sim.Config{})
	s := fmDeveloper(t, l)
	flds, data := fmReadTable(t, s, map[string]any{"QUERY_TABLE": "T000"})
	require.Len(t, data, 2, "T000 is cross-client: both clients are listed")
	assert.Equal(t, map[string]any{"FIELDNAME": "MANDT", "OFFSET": "000000", "LENGTH": "000003", "TYPE": "C", "FIELDTEXT": "Client"}, flds[0])
	assert.Equal(t, map[string]any{"FIELDNAME": "MTEXT", "OFFSET": "000003", "LENGTH": "000025", "TYPE": "C", "FIELDTEXT": "Client name"}, flds[1])
	assert.Equal(t, "000SAP AG Konzern", data[0][:17])
	assert.Equal(t, "001Auslieferungsmandant R11", data[1][:27])
	assert.Equal(t, "D", flds[15]["TYPE"], "CHANGEDATE is a date")

	_, data = fmReadTable(t, s, map[string]any{"QUERY_TABLE": "SCARR"})
	assert.Len(t, data, 18)
}

func TestReadTableFieldsDelimiterAndPaging(t *testing.T) {
	t.Parallel()
	_, l := simtest.Start(t, sim.Config{})
	s := fmDeveloper(t, l)
	flds, data := fmReadTable(t, s, map[string]any{"QUERY_TABLE": "SCARR", "FIELDS": fmFields("CARRID", "CARRNAME", "CURRCODE"),
		"OPTIONS": fmOptions("CARRID = 'LH'")})
	assert.Equal(t, []string{"LH Lufthansa           EUR"}, data)
	assert.Equal(t, "000023", flds[2]["OFFSET"])
	assert.Equal(t, "Airline name", flds[1]["FIELDTEXT"])

	flds, data = fmReadTable(t, s, map[string]any{"QUERY_TABLE": "SCARR", "DELIMITER": "|", "FIELDS": fmFields("CARRID", "CARRNAME", "CURRCODE"),
		"OPTIONS": fmOptions("CARRID = 'LH'")})
	assert.Equal(t, []string{"LH |Lufthansa           |EUR"}, data)
	assert.Equal(t, []string{"000000", "000004", "000025"}, []string{flds[0]["OFFSET"].(string), flds[1]["OFFSET"].(string), flds[2]["OFFSET"].(string)})

	_, data = fmReadTable(t, s, map[string]any{"QUERY_TABLE": "SCARR", "FIELDS": fmFields("CARRID"), "ROWSKIPS": 5, "ROWCOUNT": 3})
	assert.Equal(t, []string{"BA", "CO", "DL"}, data)

	flds, data = fmReadTable(t, s, map[string]any{"QUERY_TABLE": "SCARR", "NO_DATA": "X", "FIELDS": fmFields("URL")})
	assert.Empty(t, data)
	assert.Equal(t, "000255", flds[0]["LENGTH"])

	// Numbers: packed amounts right-aligned with room for sign and decimal point, integers right-aligned.
	flds, data = fmReadTable(t, s, map[string]any{"QUERY_TABLE": "SFLIGHT", "FIELDS": fmFields("CARRID", "CONNID", "FLDATE", "PRICE", "SEATSMAX"),
		"OPTIONS": fmOptions("CARRID = 'LH' AND CONNID = '0400' AND FLDATE = '" + sim.FlightBaseDate + "'")})
	require.Len(t, data, 1)
	assert.Equal(t, []string{"P", "000017"}, []string{flds[3]["TYPE"].(string), flds[3]["LENGTH"].(string)})
	// PRICE in 17 characters with a blank sign position; SEATSMAX in 10, its sign
	// blank cut off with the rest of the line's trailing blanks.
	assert.Equal(t, "LH "+"0400"+sim.FlightBaseDate+"          666.00 "+"      330", data[0])

	// ET_DATA: delimited lines without padding.
	out := fmCall(t, s, "RFC_READ_TABLE", map[string]any{"QUERY_TABLE": "SFLIGHT", "DELIMITER": ";", "USE_ET_DATA_4_RETURN": "X",
		"FIELDS": fmFields("CARRID", "CONNID", "PRICE", "SEATSMAX"), "OPTIONS": fmOptions("CARRID = 'LH' AND CONNID = '0400'"), "ROWCOUNT": 1})
	assert.Empty(t, out["DATA"])
	assert.Equal(t, []map[string]any{{"LINE": "LH;0400;666.00;330"}}, fmRows(out["ET_DATA"]))
}

func TestReadTableWhereClauses(t *testing.T) {
	t.Parallel()
	_, l := simtest.Start(t, sim.Config{})
	s := fmDeveloper(t, l)
	carriers := func(where string) []string {
		t.Helper()
		_, data := fmReadTable(t, s, map[string]any{"QUERY_TABLE": "SCARR", "FIELDS": fmFields("CARRID"), "OPTIONS": fmOptions(where)})
		return data
	}
	cases := []struct {
		where string
		want  []string
	}{
		{"CARRID = 'LH'", []string{"LH"}},
		{"carrid eq 'LH'", []string{"LH"}},
		{"CURRCODE = 'EUR'", []string{"AB", "AF", "AZ", "LH", "NG"}},
		{"CURRCODE <> 'EUR' AND CURRCODE NE 'USD'", []string{"AC", "BA", "FJ", "JL", "QF", "SA", "SQ", "SR"}},
		{"CARRID < 'AC'", []string{"AA", "AB"}},
		{"CARRID LT 'AC'", []string{"AA", "AB"}},
		{"CARRID >= 'SR'", []string{"SR", "UA"}},
		{"CARRID GE 'SR'", []string{"SR", "UA"}},
		{"CARRID <= 'AB' OR CARRID > 'SR'", []string{"AA", "AB", "UA"}},
		{"CARRID LE 'AB' OR CARRID GT 'SR'", []string{"AA", "AB", "UA"}},
		{"CARRID LIKE 'A%'", []string{"AA", "AB", "AC", "AF", "AZ"}},
		{"CARRID LIKE '_A'", []string{"AA", "BA", "SA", "UA"}},
		{"CARRID NOT LIKE 'A%' AND CARRID NOT LIKE '_A'", []string{"CO", "DL", "FJ", "JL", "LH", "NG", "NW", "QF", "SQ", "SR"}},
		{"CARRID IN ( 'AA', 'LH', 'XX' )", []string{"AA", "LH"}},
		{"CARRID NOT IN ('AA', 'AB', 'AC', 'AF', 'AZ', 'BA', 'CO', 'DL', 'FJ', 'JL', 'LH', 'NG', 'NW', 'QF', 'SA', 'SQ')", []string{"SR", "UA"}},
		{"CARRID BETWEEN 'AA' AND 'AF'", []string{"AA", "AB", "AC", "AF"}},
		{"NOT CARRID BETWEEN 'AB' AND 'SR'", []string{"AA", "UA"}},
		{"( CARRID = 'AA' OR CARRID = 'LH' ) AND CURRCODE = 'EUR'", []string{"LH"}},
		{"CARRID = 'AA' OR CARRID = 'LH' AND CURRCODE = 'USD'", []string{"AA"}},
		{"NOT ( CURRCODE = 'USD' OR CURRCODE = 'EUR' ) AND CARRID < 'FZ'", []string{"AC", "BA", "FJ"}},
		{"CARRNAME = 'Lufthansa'", []string{"LH"}},
		{"CARRNAME = 'O''Hare Air'", nil},
		{"CARRNAME LIKE '%Air%' AND CARRNAME NOT LIKE '%Airlines' AND CARRNAME NOT LIKE '%Airways'", []string{"AB", "AC", "AF", "FJ", "NG", "SA"}},
		{"URL LIKE '%.de'", []string{"AB"}},
		{"SCARR~CARRID = 'SQ'", []string{"SQ"}},
	}
	for _, c := range cases {
		assert.Equal(t, c.want, carriers(c.where), c.where)
	}

	// Literals take the column's type: NUMC is compared with leading zeros, numbers numerically.
	_, data := fmReadTable(t, s, map[string]any{"QUERY_TABLE": "SPFLI", "FIELDS": fmFields("CARRID", "CONNID"), "OPTIONS": fmOptions("CONNID = '400'")})
	assert.Equal(t, []string{"LH 0400"}, data)
	_, data = fmReadTable(t, s, map[string]any{"QUERY_TABLE": "SPFLI", "FIELDS": fmFields("CARRID", "CONNID"), "OPTIONS": fmOptions("FLTIME > 900 AND DISTID = 'MI'")})
	assert.Equal(t, []string{"AZ 0789", "SQ 0002", "SQ 0015"}, data)
	_, data = fmReadTable(t, s, map[string]any{"QUERY_TABLE": "SFLIGHT", "FIELDS": fmFields("CONNID"), "OPTIONS": fmOptions("CARRID = 'LH' AND PRICE < '300'")})
	assert.Len(t, data, 16)

	// A clause split across OPTIONS rows: row ends separate tokens.
	opts := []any{map[string]any{"TEXT": "CARRID = 'AA' OR"}, map[string]any{"TEXT": "CARRID = 'LH'"}}
	_, data = fmReadTable(t, s, map[string]any{"QUERY_TABLE": "SCARR", "FIELDS": fmFields("CARRID"), "OPTIONS": opts})
	assert.Equal(t, []string{"AA", "LH"}, data)
}

func TestReadTableErrors(t *testing.T) {
	t.Parallel()
	_, l := simtest.Start(t, sim.Config{})
	s := fmDeveloper(t, l)
	e := fmCallErr(t, s, "RFC_READ_TABLE", map[string]any{"QUERY_TABLE": "T008X"}, protocol.CodeABAPException)
	assert.Equal(t, "TABLE_NOT_AVAILABLE", e.Details.Key)
	assert.Equal(t, []string{"SV", "E", "029", "T008X"}, []string{e.Details.MsgID, e.Details.MsgType, e.Details.MsgNo, e.Details.MsgV1})

	// An unknown field empties the field list: TABLE_WITHOUT_DATA, as current releases answer.
	e = fmCallErr(t, s, "RFC_READ_TABLE", map[string]any{"QUERY_TABLE": "SCARR", "FIELDS": fmFields("CARRID", "NOPE")}, protocol.CodeABAPException)
	assert.Equal(t, "TABLE_WITHOUT_DATA", e.Details.Key)
	fmCallErr(t, s, "RFC_READ_TABLE", map[string]any{"QUERY_TABLE": "SCARR", "FIELDS": fmFields("carrid")}, protocol.CodeABAPException)

	for _, where := range []string{"CARRID = ", "NOPE = 'X'", "CARRID = 'LH' AND", "CARRID = 'LH", "CARRID ! 'LH'",
		"( CARRID = 'LH'", "CARRID IN ('LH'", "CARRID BETWEEN 'A'", "CARRID = 'LH' garbage", "CARRID LIKE 5"} {
		e = fmCallErr(t, s, "RFC_READ_TABLE", map[string]any{"QUERY_TABLE": "SCARR", "OPTIONS": fmOptions(where)}, protocol.CodeABAPException)
		assert.Equal(t, "OPTION_NOT_VALID", e.Details.Key, where)
		assert.Equal(t, []string{"SAIS", "000"}, []string{e.Details.MsgID, e.Details.MsgNo}, where)
	}
	e = fmCallErr(t, s, "RFC_READ_TABLE", map[string]any{"QUERY_TABLE": "SCARR", "OPTIONS": fmOptions("CARRID IN ( SELECT CARRID FROM SPFLI )")}, protocol.CodeABAPException)
	assert.Equal(t, "OPTION_NOT_VALID", e.Details.Key)
	assert.Contains(t, e.Message, "suspect WHERE-Clause")
	e = fmCallErr(t, s, "RFC_READ_TABLE", map[string]any{"QUERY_TABLE": "SPFLI", "OPTIONS": fmOptions("FLTIME > 'abc'")}, protocol.CodeABAPException)
	assert.Equal(t, "OPTION_NOT_VALID", e.Details.Key)

	// More than 512 characters: refused while converting the first row.
	wide := fmFields("URL", "URL", "CARRID")
	e = fmCallErr(t, s, "RFC_READ_TABLE", map[string]any{"QUERY_TABLE": "SCARR", "FIELDS": wide}, protocol.CodeABAPException)
	assert.Equal(t, "DATA_BUFFER_EXCEEDED", e.Details.Key)
	assert.Equal(t, []string{"AD", "559", "SCARR", "512"}, []string{e.Details.MsgID, e.Details.MsgNo, e.Details.MsgV1, e.Details.MsgV2})
	fmCall(t, s, "RFC_READ_TABLE", map[string]any{"QUERY_TABLE": "SCARR", "FIELDS": wide, "NO_DATA": "X"})
	fmCall(t, s, "RFC_READ_TABLE", map[string]any{"QUERY_TABLE": "SCARR", "FIELDS": wide, "OPTIONS": fmOptions("CARRID = 'XX'")})
	out := fmCall(t, s, "RFC_READ_TABLE", map[string]any{"QUERY_TABLE": "SCARR", "FIELDS": wide, "USE_ET_DATA_4_RETURN": "X", "ROWCOUNT": 1})
	assert.Len(t, fmRows(out["ET_DATA"]), 1, "ET_DATA lines have no 512-character limit")
}

func TestReadTableClientHandlingAndTFDIR(t *testing.T) {
	t.Parallel()
	srv, l := simtest.Start(t, sim.Config{})
	s := fmDeveloper(t, l)
	srv.AddUser(sim.User{Name: "DEVELOPER", Password: "Other1!", Client: "000", RFCAuth: []string{"*"}})
	other := func() []string {
		o := simtest.Options(l, "DEVELOPER", "Other1!")
		o.Client = "000"
		s000 := simtest.Dial(t, o)
		out, err := s000.Call(context.Background(), "RFC_READ_TABLE", map[string]any{"QUERY_TABLE": "SCARR"})
		require.NoError(t, err)
		var lines []string
		for _, r := range fmRows(out["DATA"]) {
			lines = append(lines, r["WA"].(string))
		}
		return lines
	}
	assert.Empty(t, other(), "client 000 has no flight data")

	_, data := fmReadTable(t, s, map[string]any{"QUERY_TABLE": "TFDIR", "FIELDS": fmFields("FUNCNAME", "PNAME", "FMODE"),
		"DELIMITER": "|", "OPTIONS": fmOptions("FUNCNAME IN ('RFC_READ_TABLE', 'FUNCTION_IMPORT_INTERFACE')")})
	require.Len(t, data, 2)
	assert.True(t, strings.HasPrefix(data[0], "FUNCTION_IMPORT_INTERFACE     |SAPLFUNC "), data[0])
	assert.True(t, strings.HasSuffix(data[0], "|"), "FMODE of a module that is not remote-enabled is blank: %q", data[0])
	assert.True(t, strings.HasSuffix(data[1], "|R"), data[1])
	assert.Contains(t, data[1], "SAPLSDTX")

	srv.MustDefine(&sim.Function{Name: "Z_LATER", Group: "ZLATER", Handler: func(*sim.Call) error { return nil }})
	_, data = fmReadTable(t, s, map[string]any{"QUERY_TABLE": "TFDIR", "FIELDS": fmFields("PNAME"), "OPTIONS": fmOptions("FUNCNAME = 'Z_LATER'")})
	assert.Equal(t, []string{"SAPLZLATER"}, data)
}

func TestReadTableVolumeSum(t *testing.T) {
	t.Parallel()
	_, l := simtest.Start(t, sim.Config{VolumeRows: 10000})
	s := fmDeveloper(t, l)
	flds, data := fmReadTable(t, s, map[string]any{"QUERY_TABLE": "ZWSR_VOLUME", "FIELDS": fmFields("QUANTITY")})
	require.Len(t, data, 10000)
	assert.Equal(t, "I", flds[0]["TYPE"])
	sum := 0
	for _, line := range data {
		n, err := strconv.Atoi(strings.TrimSpace(line))
		require.NoError(t, err)
		sum += n
	}
	assert.Equal(t, 100*5050, sum, "QUANTITY = ROW_ID mod 100 + 1: each hundred rows sum to 5050")
}

// TestReadTableVolumeIsChunked reads all 100,000 rows (about 30 MB of JSON)
// over a raw WebSocket to see the frames: the reply is split into frames of at
// most the announced frame size, every one but the last marked "more".
func TestReadTableVolumeIsChunked(t *testing.T) {
	t.Parallel()
	_, l := simtest.Start(t, sim.Config{})
	ws := simtest.DialWS(t, l)
	ws.SetReadLimit(64 << 20)
	_, msg, err := ws.ReadMessage()
	require.NoError(t, err)
	var welcome struct {
		Data protocol.Welcome `json:"data"`
	}
	require.NoError(t, json.Unmarshal(msg, &welcome))
	require.True(t, welcome.Data.Has(protocol.FeatureChunked))
	maxFrame := welcome.Data.Limits.MaxFrameBytes

	request, _ := protocol.EncodeRequest(&protocol.Request{ID: "vol", Domain: "rfc", Action: "call",
		Params: json.RawMessage(`{"function":"RFC_READ_TABLE","parameters":{"QUERY_TABLE":"ZWSR_VOLUME"}}`)})
	require.NoError(t, ws.WriteMessage(websocket.TextMessage, request))
	_ = ws.SetReadDeadline(time.Now().Add(60 * time.Second))
	// Rows are counted in the raw frames; decoding 30 MB of JSON twice would
	// only measure the test, not the simulator.
	rowMarker := []byte(`{"WA":"`)
	frames, total, rowsSeen := 0, 0, 0
	var first string
	for {
		_, msg, err := ws.ReadMessage()
		require.NoError(t, err)
		frames++
		total += len(msg)
		require.LessOrEqual(t, len(msg), maxFrame+1024, "frame %d is larger than the announced frame size", frames)
		rowsSeen += bytes.Count(msg, rowMarker)
		head := msg[:min(len(msg), 64)]
		if bytes.Contains(head, []byte(`"more":true`)) {
			if frames == 1 {
				var part struct {
					Data struct {
						Result struct {
							DATA []struct{ WA string } `json:"DATA"`
						} `json:"result"`
					} `json:"data"`
				}
				require.NoError(t, json.Unmarshal(msg, &part))
				first = part.Data.Result.DATA[0].WA
			}
			continue
		}
		f, err := protocol.DecodeFrame(msg)
		require.NoError(t, err)
		require.True(t, f.Success, "%v", f.Error)
		require.Equal(t, "vol", f.ID)
		break
	}
	assert.Equal(t, sim.DefaultVolumeRows, rowsSeen)
	assert.Greater(t, frames, 40, "30 MB must not travel as one frame")
	assert.Greater(t, total, 25<<20)
	assert.Len(t, first, 286)
	assert.True(t, strings.HasPrefix(first, "0000000001ALPHA     "+sim.FlightBaseDate), first)
}

func TestReadTableVolumeThroughSession(t *testing.T) {
	t.Parallel()
	_, l := simtest.Start(t, sim.Config{VolumeRows: 5000})
	s := fmDeveloper(t, l)
	// About 1.5 MB: several frames, merged by the client into one result.
	_, data := fmReadTable(t, s, map[string]any{"QUERY_TABLE": "ZWSR_VOLUME", "GET_SORTED": "X"})
	require.Len(t, data, 5000)
	assert.Equal(t, "0000005000", data[4999][:10])
	_, data = fmReadTable(t, s, map[string]any{"QUERY_TABLE": "ZWSR_VOLUME", "FIELDS": fmFields("ROW_ID", "CATEGORY"),
		"OPTIONS": fmOptions("CATEGORY = 'HOTEL' AND ROW_ID BETWEEN '0000000001' AND '0000000100'")})
	assert.Len(t, data, 12)
}
