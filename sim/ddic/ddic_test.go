package ddic

import (
	"io/fs"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wsrfc/wsrfc/protocol"
)

func TestParseTypeReadsSE11Notation(t *testing.T) {
	for code, want := range map[string]*protocol.Type{
		"CHAR(10)":   protocol.Char(10),
		"CLNT(3)":    protocol.Char(3).AsDDIC("CLNT"),
		"CURR(15,2)": protocol.Dec(15, 2).AsDDIC("CURR"),
		"DEC(5,0)":   protocol.Dec(5, 0),
		"DATS":       protocol.Date(),
		"PREC":       protocol.Int2().AsDDIC("PREC"),
		"RAW(16)":    protocol.Raw(16),
	} {
		got, err := ParseType(code)
		require.NoError(t, err, code)
		assert.Equal(t, want, got, code)
	}
}

func TestParseTypeRejectsWhatSE11Would(t *testing.T) {
	for code, msg := range map[string]string{
		"CHAR":       "CHAR takes 1 number(s)",
		"DATS(8)":    "DATS takes 0 number(s)",
		"CURR(15)":   "CURR takes 2 number(s)",
		"CHAR(x)":    `"x" is not a length`,
		"CHAR(10":    "missing )",
		"VARCHAR(3)": `unknown DDIC type "VARCHAR(3)"`,
	} {
		_, err := ParseType(code)
		require.Error(t, err, code)
		assert.Contains(t, err.Error(), msg, code)
	}
}

func TestStructuresKeepFieldOrderElementsAndDDICTypes(t *testing.T) {
	scarr := Struct("SCARR")
	names := make([]string, len(scarr.Fields))
	for i, f := range scarr.Fields {
		names[i] = f.Name
	}
	assert.Equal(t, []string{"MANDT", "CARRID", "CARRNAME", "CURRCODE", "URL"}, names)
	assert.Equal(t, "MANDT", scarr.Field("MANDT").Type.Name)
	assert.Equal(t, "CLNT", scarr.Field("MANDT").Type.DDIC)
	assert.Equal(t, 20, scarr.Field("CARRNAME").Type.Length)
	assert.Same(t, scarr, Struct("SCARR"), "parsed once and shared")
	assert.PanicsWithValue(t, "ddic: structure NO_SUCH is not in structures.json", func() { Struct("NO_SUCH") })
}

func TestElementTextsAndConversionExits(t *testing.T) {
	assert.Equal(t, "Airline Code", ElementText("S_CARR_ID"))
	assert.Equal(t, "ALPHA", ConvExit("BU_PARTNER"))
	assert.Equal(t, "", ConvExit("S_CARR_ID"))
}

// Every rows file is read against its table's structure, so a cell that does
// not fit its field (a typo in a date, a text too long) fails here.
func TestEveryRowsFileFitsItsStructure(t *testing.T) {
	files, err := fs.Glob(files, "rows/*.csv")
	require.NoError(t, err)
	require.NotEmpty(t, files)
	for _, f := range files {
		table := strings.ToUpper(strings.TrimSuffix(strings.TrimPrefix(f, "rows/"), ".csv"))
		rows, err := Rows(table)
		require.NoError(t, err, table)
		assert.NotEmpty(t, rows, table)
	}
}

func TestRowsAreCanonicalAndEachCallsOwn(t *testing.T) {
	a, err := Rows("SFLIGHT")
	require.NoError(t, err)
	require.Len(t, a, 24*8)
	first := a[0]
	assert.Equal(t, "20260105", first["FLDATE"])
	assert.Equal(t, int64(385), first["SEATSMAX"])
	assert.Equal(t, protocol.Decimal("422.94"), first["PRICE"])

	first["SEATSOCC"] = int64(-1)
	b, err := Rows("SFLIGHT")
	require.NoError(t, err)
	assert.NotEqual(t, int64(-1), b[0]["SEATSOCC"], "a change to one caller's rows shows in no other's")

	scustom, err := Rows("SCUSTOM")
	require.NoError(t, err)
	assert.Equal(t, "000", scustom[1]["DISCOUNT"], "an empty cell is the initial value")

	_, err = Rows("NO_SUCH")
	assert.ErrorContains(t, err, "no demo rows for NO_SUCH")
}
