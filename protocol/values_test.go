package protocol_test

import (
	"encoding/json"
	"math"
	"math/big"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wsrfc/wsrfc/protocol"
)

// valueCase is one input for Normalize: either the canonical value it must
// become, or (conflict set) a TYPE_CONFLICT whose message contains conflict.
type valueCase struct {
	name     string
	typ      *protocol.Type
	in       any
	want     any
	conflict string
}

func bigInt(t *testing.T, s string) *big.Int {
	t.Helper()
	n, ok := new(big.Int).SetString(s, 10)
	require.True(t, ok, s)
	return n
}

func runValueCases(t *testing.T, cases []valueCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got, err := protocol.Normalize(tc.typ, tc.in, "P")
			if tc.conflict == "" {
				require.NoError(t, err)
				assert.Equal(t, tc.want, got)
				return
			}
			requireProtocolError(t, err, protocol.CodeTypeConflict, "P")
			assert.Contains(t, err.Error(), tc.conflict)
			assert.Nil(t, got)
		})
	}
}

// requireProtocolError checks the code of a *protocol.Error and the parameter path it names.
func requireProtocolError(t *testing.T, err error, code, path string) *protocol.Error {
	t.Helper()
	require.Error(t, err)
	var pe *protocol.Error
	require.ErrorAs(t, err, &pe)
	assert.Equal(t, code, pe.Code)
	require.NotNil(t, pe.Details)
	assert.Equal(t, path, pe.Details.Parameter)
	return pe
}

func TestNormalizeChar(t *testing.T) {
	runValueCases(t, []valueCase{
		{"fits exactly", protocol.Char(5), "ABCDE", "ABCDE", ""},
		{"trailing blanks are dropped", protocol.Char(5), "AB   ", "AB", ""},
		{"trailing blanks do not count against the length", protocol.Char(2), "AB      ", "AB", ""},
		{"leading blanks are kept", protocol.Char(5), "  AB", "  AB", ""},
		{"length counts characters, not bytes", protocol.Char(3), "äöü", "äöü", ""},
		{"too long is rejected, not truncated", protocol.Char(3), "ABCD", nil, "4 characters do not fit CHAR(3)"},
		{"a character beyond the BMP takes two places, as in ABAP", protocol.Char(4), "\U0001f4aa\U0001f4aa", "\U0001f4aa\U0001f4aa", ""},
		{"so three of them do not fit CHAR(5)", protocol.Char(5), "\U0001f4aa\U0001f4aa\U0001f4aa", nil, "6 characters do not fit CHAR(5)"},
		{"a number becomes its text", protocol.Char(10), 42, "42", ""},
		{"a json.Number becomes its text", protocol.Char(10), json.Number("1.50"), "1.50", ""},
		{"nil is initial", protocol.Char(3), nil, "", ""},
		{"an object is rejected", protocol.Char(3), map[string]any{}, nil, "text is expected, got an object"},
		{"true is ABAP's X", protocol.Char(1), true, "X", ""},
		{"false is ABAP's blank", protocol.Char(1), false, "", ""},
		{"STRING has no length limit", protocol.String(), strings.Repeat("x", 10000), strings.Repeat("x", 10000), ""},
		{"STRING keeps trailing blanks", protocol.String(), "a  ", "a  ", ""},
		{"NaN is not text ABAP can hold", protocol.Char(10), math.NaN(), nil, "not a number ABAP can hold"},
	})
}

func TestNormalizeNumc(t *testing.T) {
	runValueCases(t, []valueCase{
		{"short values are zero-padded", protocol.Numc(10), "42", "0000000042", ""},
		{"an integer is padded", protocol.Numc(6), 7, "000007", ""},
		{"surrounding blanks are ignored", protocol.Numc(4), " 12 ", "0012", ""},
		{"empty is all zeros", protocol.Numc(3), "", "000", ""},
		{"nil is initial", protocol.Numc(3), nil, "000", ""},
		{"excess leading zeros are dropped", protocol.Numc(3), "0000042", "042", ""},
		{"too many significant digits", protocol.Numc(3), "1234", nil, "4 digits do not fit NUMC(3)"},
		{"letters are rejected", protocol.Numc(5), "12a", nil, `NUMC takes digits only, got "12a"`},
		{"a sign is rejected", protocol.Numc(5), "-12", nil, "NUMC takes digits only"},
		{"a fraction is rejected", protocol.Numc(5), 1.5, nil, "NUMC takes digits only"},
	})
}

func TestNormalizeDateAndTime(t *testing.T) {
	runValueCases(t, []valueCase{
		{"DATS compact", protocol.Date(), "20240115", "20240115", ""},
		{"DATS ISO", protocol.Date(), "2024-01-15", "20240115", ""},
		{"DATS empty is initial", protocol.Date(), "", "00000000", ""},
		{"DATS nil is initial", protocol.Date(), nil, "00000000", ""},
		{"DATS initial stays", protocol.Date(), "00000000", "00000000", ""},
		{"DATS ISO without padding", protocol.Date(), "2024-1-15", nil, "a date YYYYMMDD is expected"},
		{"DATS too short", protocol.Date(), "202401", nil, "a date YYYYMMDD is expected"},
		{"DATS with letters", protocol.Date(), "2024011a", nil, "a date YYYYMMDD is expected"},
		{"DATS dotted", protocol.Date(), "15.01.2024", nil, "a date YYYYMMDD is expected"},
		{"DATS from time.Time", protocol.Date(), time.Date(2024, 2, 29, 23, 59, 58, 0, time.UTC), "20240229", ""},
		{"TIMS from time.Time", protocol.Time(), time.Date(2024, 2, 29, 23, 59, 58, 0, time.UTC), "235958", ""},
		{"TIMS compact", protocol.Time(), "123045", "123045", ""},
		{"TIMS with colons", protocol.Time(), "12:30:45", "123045", ""},
		{"TIMS empty is initial", protocol.Time(), "", "000000", ""},
		{"TIMS without seconds", protocol.Time(), "12:30", nil, "a time HHMMSS is expected"},
		{"TIMS too long", protocol.Time(), "1230450", nil, "a time HHMMSS is expected"},
	})
}

func TestNormalizeIntegers(t *testing.T) {
	runValueCases(t, []valueCase{
		{"INT1 lower bound", protocol.Int1(), 0, int64(0), ""},
		{"INT1 upper bound", protocol.Int1(), 255, int64(255), ""},
		{"INT1 is unsigned", protocol.Int1(), -1, nil, "-1 is outside the range of INT1 (0..255)"},
		{"INT1 above range", protocol.Int1(), 256, nil, "256 is outside the range of INT1 (0..255)"},
		{"INT2 lower bound", protocol.Int2(), -32768, int64(-32768), ""},
		{"INT2 upper bound", protocol.Int2(), json.Number("32767"), int64(32767), ""},
		{"INT2 above range", protocol.Int2(), 32768, nil, "outside the range of INT2"},
		{"INT4 lower bound", protocol.Int4(), int64(math.MinInt32), int64(math.MinInt32), ""},
		{"INT4 upper bound", protocol.Int4(), "2147483647", int64(math.MaxInt32), ""},
		{"INT4 above range", protocol.Int4(), int64(math.MaxInt32) + 1, nil, "outside the range of INT4"},
		{"INT4 below range", protocol.Int4(), int64(math.MinInt32) - 1, nil, "outside the range of INT4"},
		{"INT4 from a whole float", protocol.Int4(), 7.0, int64(7), ""},
		{"INT4 from a fraction", protocol.Int4(), 7.5, nil, "an integer is expected, got 7.5"},
		{"INT4 from a padded string", protocol.Int4(), " 12 ", int64(12), ""},
		{"INT4 from a decimal string", protocol.Int4(), "1.0", nil, `an integer is expected, got "1.0"`},
		{"INT4 from scientific notation", protocol.Int4(), "1e3", nil, "an integer is expected"},
		{"INT4 from a boolean", protocol.Int4(), true, nil, "an integer is expected, got a boolean"},
		{"INT4 nil is initial", protocol.Int4(), nil, int64(0), ""},
		{"INT8 beyond 2^53 via big.Int", protocol.Int8(), bigInt(t, "9007199254740993"), int64(9007199254740993), ""},
		{"INT8 maximum via big.Int", protocol.Int8(), bigInt(t, "9223372036854775807"), int64(math.MaxInt64), ""},
		{"INT8 beyond its range via big.Int", protocol.Int8(), bigInt(t, "9223372036854775808"), nil, "outside the range of INT8"},
		{"INT8 beyond 2^53 via json.Number", protocol.Int8(), json.Number("9007199254740993"), int64(9007199254740993), ""},
		{"INT8 beyond its range via json.Number", protocol.Int8(), json.Number("-9223372036854775809"), nil, "outside the range of INT8"},
		{"INT8 from a float beyond 2^53 would lose digits", protocol.Int8(), 9007199254740994.0, nil, "an integer is expected"},
		{"INT8 from infinity", protocol.Int8(), math.Inf(1), nil, "an integer is expected"},
	})
}

func TestNormalizeFloat(t *testing.T) {
	runValueCases(t, []valueCase{
		{"float", protocol.Float(), 1.5, 1.5, ""},
		{"integer", protocol.Float(), int64(-3), -3.0, ""},
		{"string", protocol.Float(), "2.5E+02", 250.0, ""},
		{"json.Number", protocol.Float(), json.Number("1e-3"), 0.001, ""},
		{"Decimal", protocol.Float(), protocol.Decimal("0.25"), 0.25, ""},
		{"nil is initial", protocol.Float(), nil, 0.0, ""},
		{"text that is no number", protocol.Float(), "abc", nil, `a floating-point number is expected, got "abc"`},
		{"infinity as text", protocol.Float(), "Inf", nil, "a floating-point number is expected"},
		{"overflow as text", protocol.Float(), "1e999", nil, "a floating-point number is expected"},
		{"NaN", protocol.Float(), math.NaN(), nil, "NaN is not a number ABAP can hold"},
		{"infinity", protocol.Float(), math.Inf(-1), nil, "-Infinity is not a number ABAP can hold"},
		{"a boolean", protocol.Float(), false, nil, "a number is expected, got a boolean"},
	})
}

func TestNormalizeDec(t *testing.T) {
	runValueCases(t, []valueCase{
		{"integer gets the decimals", protocol.Dec(13, 4), "666", protocol.Decimal("666.0000"), ""},
		{"json.Number", protocol.Dec(13, 4), json.Number("666"), protocol.Decimal("666.0000"), ""},
		{"int", protocol.Dec(5, 2), 12, protocol.Decimal("12.00"), ""},
		{"float without binary noise", protocol.Dec(5, 2), 0.1, protocol.Decimal("0.10"), ""},
		{"negative", protocol.Dec(15, 2), "-1234.5", protocol.Decimal("-1234.50"), ""},
		{"explicit plus", protocol.Dec(5, 2), "+1.5", protocol.Decimal("1.50"), ""},
		{"leading point", protocol.Dec(5, 2), ".5", protocol.Decimal("0.50"), ""},
		{"exponent", protocol.Dec(10, 2), "1.5e3", protocol.Decimal("1500.00"), ""},
		{"trailing zeros beyond the decimals are harmless", protocol.Dec(5, 2), "1.2300", protocol.Decimal("1.23"), ""},
		{"big.Int", protocol.Dec(31, 0), bigInt(t, "1234567890123456789012345"), protocol.Decimal("1234567890123456789012345"), ""},
		{"largest value of the precision", protocol.Dec(3, 2), "9.99", protocol.Decimal("9.99"), ""},
		{"empty is initial", protocol.Dec(5, 3), "", protocol.Decimal("0.000"), ""},
		{"nil is initial", protocol.Dec(5, 3), nil, protocol.Decimal("0.000"), ""},
		{"too many decimals would round", protocol.Dec(5, 2), "1.234", nil, "1.234 has more than 2 decimals"},
		{"too many digits would overflow", protocol.Dec(3, 2), "10", nil, "10 does not fit DEC(3,2)"},
		{"a fraction is no decimal", protocol.Dec(5, 2), "1/2", nil, "a decimal number is expected"},
		{"hexadecimal is no decimal", protocol.Dec(5, 2), "0x10", nil, "a decimal number is expected"},
		{"binary is no decimal", protocol.Dec(5, 2), "0b11", nil, "a decimal number is expected"},
		{"digit separators are no decimal", protocol.Dec(8, 2), "1_000", nil, "a decimal number is expected"},
		{"decimal comma", protocol.Dec(5, 2), "1,5", nil, "a decimal number is expected"},
		{"NaN", protocol.Dec(5, 2), math.NaN(), nil, "not a number ABAP can hold"},
		{"a boolean", protocol.Dec(5, 2), true, nil, "a decimal number is expected, got a boolean"},
	})
}

func TestNormalizeDecFloat(t *testing.T) {
	max16 := "9.999999999999999E+384"
	max34 := "9." + strings.Repeat("9", 33) + "E+6144"
	runValueCases(t, []valueCase{
		{"DF16 keeps the text", protocol.DecF16(), "123.450", protocol.Decimal("123.450"), ""},
		{"DF16 smallest magnitude", protocol.DecF16(), "1E-383", protocol.Decimal("1E-383"), ""},
		{"DF16 smallest negative magnitude", protocol.DecF16(), "-1E-383", protocol.Decimal("-1E-383"), ""},
		{"DF16 largest value", protocol.DecF16(), max16, protocol.Decimal(max16), ""},
		{"DF16 largest value, written out", protocol.DecF16(), "9999999999999999" + strings.Repeat("0", 369), protocol.Decimal("9999999999999999" + strings.Repeat("0", 369)), ""},
		{"DF16 16 significant digits", protocol.DecF16(), "1234567890.123456", protocol.Decimal("1234567890.123456"), ""},
		{"DF16 zeros do not count as digits", protocol.DecF16(), "0.000000000000000000001", protocol.Decimal("0.000000000000000000001"), ""},
		{"DF16 zero with any exponent", protocol.DecF16(), "0E+9999", protocol.Decimal("0E+9999"), ""},
		{"DF16 json.Number", protocol.DecF16(), json.Number("1.5e10"), protocol.Decimal("1.5e10"), ""},
		{"DF16 empty is zero", protocol.DecF16(), "", protocol.Decimal("0"), ""},
		{"DF16 17 significant digits", protocol.DecF16(), "12345678901234567", nil, "more than the 16 significant digits of DF16"},
		{"DF16 just above the largest value", protocol.DecF16(), "1E+385", nil, "outside the range of DF16"},
		{"DF16 just below the smallest magnitude", protocol.DecF16(), "9E-384", nil, "outside the range of DF16"},
		{"DF16 below the smallest magnitude, written out", protocol.DecF16(), "0." + strings.Repeat("0", 383) + "1", nil, "outside the range of DF16"},
		{"DF16 exponent that overflows int", protocol.DecF16(), "1E99999999999999999999", nil, "outside the range of DF16"},
		{"DF16 infinity", protocol.DecF16(), "Inf", nil, "a decimal floating-point number is expected"},
		{"DF16 hexadecimal", protocol.DecF16(), "0x10", nil, "a decimal floating-point number is expected"},
		{"DF16 text", protocol.DecF16(), "abc", nil, "a decimal floating-point number is expected"},
		{"DF34 34 significant digits", protocol.DecF34(), "1." + strings.Repeat("2", 33), protocol.Decimal("1." + strings.Repeat("2", 33)), ""},
		{"DF34 35 significant digits", protocol.DecF34(), "1." + strings.Repeat("2", 34), nil, "more than the 34 significant digits of DF34"},
		{"DF34 largest value", protocol.DecF34(), max34, protocol.Decimal(max34), ""},
		{"DF34 smallest magnitude", protocol.DecF34(), "1E-6143", protocol.Decimal("1E-6143"), ""},
		{"DF34 holds what DF16 cannot", protocol.DecF34(), "1E+385", protocol.Decimal("1E+385"), ""},
		{"DF34 above the largest value", protocol.DecF34(), "1E+6145", nil, "outside the range of DF34"},
		{"DF34 below the smallest magnitude", protocol.DecF34(), "1E-6144", nil, "outside the range of DF34"},
	})
}

func TestNormalizeBytes(t *testing.T) {
	runValueCases(t, []valueCase{
		{"RAW from hex is padded with zero bytes", protocol.Raw(4), "0A0b", []byte{0x0a, 0x0b, 0, 0}, ""},
		{"RAW from bytes", protocol.Raw(2), []byte{1, 2}, []byte{1, 2}, ""},
		{"RAW too long", protocol.Raw(2), []byte{1, 2, 3}, nil, "3 bytes do not fit RAW(2)"},
		{"RAW from bad hex", protocol.Raw(2), "XY", nil, "a hex string are expected"},
		{"RAW nil is zero bytes", protocol.Raw(3), nil, []byte{0, 0, 0}, ""},
		{"RAW from a number", protocol.Raw(3), 5, nil, "bytes are expected, got a number"},
		{"XSTRING is not padded", protocol.XString(), "CAFE", []byte{0xca, 0xfe}, ""},
		{"XSTRING nil is empty", protocol.XString(), nil, []byte{}, ""},
	})
}

func TestFromWireDecodesBase64Bytes(t *testing.T) {
	got, err := protocol.FromWire(protocol.Raw(4), "AQI=", "P")
	require.NoError(t, err)
	assert.Equal(t, []byte{1, 2, 0, 0}, got)

	got, err = protocol.FromWire(protocol.XString(), "yv4=", "P")
	require.NoError(t, err)
	assert.Equal(t, []byte{0xca, 0xfe}, got)

	_, err = protocol.FromWire(protocol.XString(), "CAFE!", "P")
	requireProtocolError(t, err, protocol.CodeTypeConflict, "P")
	assert.Contains(t, err.Error(), "base64 bytes are expected")

	_, err = protocol.FromWire(protocol.Raw(1), "AQI=", "P")
	requireProtocolError(t, err, protocol.CodeTypeConflict, "P")
	assert.Contains(t, err.Error(), "2 bytes do not fit RAW(1)")
}

func TestToWireRendersEveryKind(t *testing.T) {
	cases := []struct {
		name string
		typ  *protocol.Type
		in   any
		want any
	}{
		{"CHAR loses trailing blanks", protocol.Char(4), "AB  ", "AB"},
		{"NUMC is padded", protocol.Numc(4), 7, "0007"},
		{"DATS", protocol.Date(), "2024-02-29", "20240229"},
		{"TIMS", protocol.Time(), "23:59:59", "235959"},
		{"INT1", protocol.Int1(), 255, int64(255)},
		{"INT8 beyond 2^53 stays exact", protocol.Int8(), bigInt(t, "9007199254740993"), int64(9007199254740993)},
		{"FLTP", protocol.Float(), "0.5", 0.5},
		{"DEC is an exact string", protocol.Dec(7, 4), 666, "666.0000"},
		{"DF16 is an exact string", protocol.DecF16(), "1E-383", "1E-383"},
		{"RAW is padded base64", protocol.Raw(4), []byte{1, 2}, "AQIAAA=="},
		{"XSTRING is base64", protocol.XString(), []byte{0xca, 0xfe}, "yv4="},
		{"STRING", protocol.String(), "a b ", "a b "},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got, err := protocol.ToWire(tc.typ, tc.in, "P")
			require.NoError(t, err)
			assert.Equal(t, tc.want, got)
		})
	}
}

func TestWireRoundTripThroughJSON(t *testing.T) {
	typ := protocol.Struct("ZALL",
		protocol.F("C", protocol.Char(3)),
		protocol.F("N", protocol.Numc(5)),
		protocol.F("D", protocol.Date()),
		protocol.F("T", protocol.Time()),
		protocol.F("I1", protocol.Int1()),
		protocol.F("I8", protocol.Int8()),
		protocol.F("F", protocol.Float()),
		protocol.F("P", protocol.Dec(10, 3)),
		protocol.F("DF", protocol.DecF34()),
		protocol.F("X", protocol.Raw(3)),
		protocol.F("XS", protocol.XString()),
		protocol.F("S", protocol.String()),
		protocol.F("ROWS", protocol.TableOf("", protocol.Struct("", protocol.F("K", protocol.Int4())))),
	)
	in := map[string]any{
		"C": "AB", "N": "42", "D": "20240115", "T": "101112", "I1": 7, "I8": bigInt(t, "9223372036854775807"),
		"F": 2.5, "P": "-1.5", "DF": "1E+6000", "X": []byte{0xff}, "XS": []byte("hi"), "S": "<&>",
		"ROWS": []any{map[string]any{"K": 1}, map[string]any{"K": -2}},
	}
	canonical, err := protocol.Normalize(typ, in, "ALL")
	require.NoError(t, err)
	wire, err := protocol.ToWire(typ, in, "ALL")
	require.NoError(t, err)
	text, err := protocol.Marshal(wire)
	require.NoError(t, err)
	assert.Contains(t, string(text), `"S":"<&>"`, "HTML escaping is off")
	assert.Contains(t, string(text), `"I8":9223372036854775807`)

	var decoded any
	dec := json.NewDecoder(strings.NewReader(string(text)))
	dec.UseNumber()
	require.NoError(t, dec.Decode(&decoded))
	back, err := protocol.FromWire(typ, decoded, "ALL")
	require.NoError(t, err)
	assert.Equal(t, canonical, back)
}

func TestStructureAndTableErrorsNameTheFullPath(t *testing.T) {
	inner := protocol.Struct("RFCTEST",
		protocol.F("RFCINT1", protocol.Int1()),
		protocol.F("RFCCHAR4", protocol.Char(4)),
	)
	outer := protocol.Struct("ZOUTER",
		protocol.F("HEADER", inner),
		protocol.F("ITEMS", protocol.TableOf("RFCTEST_TAB", inner)),
	)
	cases := []struct {
		name string
		typ  *protocol.Type
		path string
		in   any
		code string
		at   string
	}{
		{"structure field out of range", inner, "IMPORTSTRUCT",
			map[string]any{"RFCINT1": 300}, protocol.CodeTypeConflict, "IMPORTSTRUCT.RFCINT1"},
		{"unknown structure field", inner, "IMPORTSTRUCT",
			map[string]any{"RFCINT2": 1}, protocol.CodeParamUnknown, "IMPORTSTRUCT.RFCINT2"},
		{"table row field", protocol.TableOf("", inner), "RFCTABLE",
			[]any{map[string]any{}, map[string]any{"RFCCHAR4": "TOOLONG"}}, protocol.CodeTypeConflict, "RFCTABLE[1].RFCCHAR4"},
		{"nested structure in structure", outer, "PARAM",
			map[string]any{"HEADER": map[string]any{"RFCINT1": -1}}, protocol.CodeTypeConflict, "PARAM.HEADER.RFCINT1"},
		{"table in structure", outer, "PARAM",
			map[string]any{"ITEMS": []any{map[string]any{"X": 1}}}, protocol.CodeParamUnknown, "PARAM.ITEMS[0].X"},
		{"structure given as array", inner, "IMPORTSTRUCT", []any{}, protocol.CodeTypeConflict, "IMPORTSTRUCT"},
		{"table given as object", protocol.TableOf("", inner), "RFCTABLE", map[string]any{}, protocol.CodeTypeConflict, "RFCTABLE"},
		{"table row given as string", protocol.TableOf("", inner), "RFCTABLE", []any{"x"}, protocol.CodeTypeConflict, "RFCTABLE[0]"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := protocol.Normalize(tc.typ, tc.in, tc.path)
			pe := requireProtocolError(t, err, tc.code, tc.at)
			assert.True(t, strings.HasPrefix(pe.Message, tc.at) || strings.Contains(pe.Message, tc.path),
				"message %q names the value", pe.Message)
		})
	}
}

func TestNormalizeStructureFillsMissingFieldsWithInitialValues(t *testing.T) {
	typ := protocol.Struct("S",
		protocol.F("A", protocol.Numc(2)),
		protocol.F("B", protocol.Dec(5, 1)),
		protocol.F("C", protocol.Raw(1)),
		protocol.F("T", protocol.TableOf("", protocol.Int4())),
	)
	got, err := protocol.Normalize(typ, map[string]any{"B": 1}, "S")
	require.NoError(t, err)
	assert.Equal(t, map[string]any{"A": "00", "B": protocol.Decimal("1.0"), "C": []byte{0}, "T": []any{}}, got)

	got, err = protocol.Normalize(typ, nil, "S")
	require.NoError(t, err)
	assert.Equal(t, typ.Initial(), got)
}

func TestTypeStringAndDepth(t *testing.T) {
	assert.Equal(t, "CHAR(10)", protocol.Char(10).String())
	assert.Equal(t, "CUKY(5)", protocol.Char(5).AsDDIC("CUKY").String())
	assert.Equal(t, "DEC(15,2)", protocol.Dec(15, 2).String())
	assert.Equal(t, "RAW(16)", protocol.Raw(16).String())
	assert.Equal(t, "INT8", protocol.Int8().String())
	s := protocol.Struct("RFCTEST", protocol.F("X", protocol.Int4()))
	assert.Equal(t, "RFCTEST", s.String())
	assert.Equal(t, "TABLE OF RFCTEST", protocol.TableOf("", s).String())
	assert.Equal(t, 0, protocol.Int4().Depth())
	assert.Equal(t, 1, s.Depth())
	assert.Equal(t, 2, protocol.TableOf("", s).Depth())
}

func TestNormalizeUTCLong(t *testing.T) {
	u := protocol.UTCLong()
	runValueCases(t, []valueCase{
		{"min", u, "0001-01-01T00:00:00.0000000", "0001-01-01T00:00:00.0000000", ""},
		{"max", u, "9999-12-31T23:59:59.9999999", "9999-12-31T23:59:59.9999999", ""},
		{"initial stays", u, protocol.UTCLongInitial, protocol.UTCLongInitial, ""},
		{"empty is initial", u, "", protocol.UTCLongInitial, ""},
		{"nil is initial", u, nil, protocol.UTCLongInitial, ""},
		{"fraction padded to 100 ns", u, "2024-02-29T12:34:56.5Z", "2024-02-29T12:34:56.5000000", ""},
		{"no fraction", u, "2024-02-29T12:34:56", "2024-02-29T12:34:56.0000000", ""},
		{"ABAP's blank and comma", u, "2024-02-29 12:34:56,1234567", "2024-02-29T12:34:56.1234567", ""},
		{"nanoseconds that are whole 100 ns", u, "2024-02-29T12:34:56.123456700Z", "2024-02-29T12:34:56.1234567", ""},
		{"from time.Time in another zone", u, time.Date(2024, 3, 1, 1, 0, 0, 100, time.FixedZone("CET", 3600)), "2024-03-01T00:00:00.0000001", ""},
		{"below 100 ns is not rounded", u, "2024-02-29T12:34:56.12345678", nil, "more precise than the 100 ns of UTCLONG"},
		{"time.Time below 100 ns", u, time.Date(2024, 3, 1, 0, 0, 0, 1, time.UTC), nil, "more precise than the 100 ns"},
		{"offset other than UTC", u, "2024-02-29T12:34:56+01:00", nil, "a UTC time stamp YYYY-MM-DDThh:mm:ss.fffffff is expected"},
		{"date only", u, "2024-02-29", nil, "a UTC time stamp"},
		{"not a leap year", u, "2023-02-29T00:00:00", nil, "is not a valid date and time"},
		{"hour 24", u, "2024-01-01T24:00:00", nil, "is not a valid date and time"},
		{"year 0", u, "0000-01-01T00:00:00", nil, "is not a valid date and time"},
		{"a number", u, int64(1), nil, "a UTC time stamp string YYYY-MM-DDThh:mm:ss.fffffff is expected, got a number"},
		{"the SDK's example of a bad value", u, "1", nil, `got "1"`},
	})
}

func TestAppendRowsGivesFieldValuesFlatAsFromWireWould(t *testing.T) {
	line := protocol.Struct("S", protocol.F("ID", protocol.Numc(4)), protocol.F("NAME", protocol.Char(5)), protocol.F("ON", protocol.Date()))
	table := protocol.TableOf("T", line)
	rows := []any{
		map[string]any{"ID": "7", "NAME": "ab  ", "ON": "2026-12-05"},
		nil, // an initial row
		map[string]any{"NAME": "c"},
	}
	whole, err := protocol.FromWire(table, rows, "T")
	require.NoError(t, err)
	flat, err := protocol.AppendRows([]any{"before"}, line, rows, "T", 0)
	require.NoError(t, err)
	require.Len(t, flat, 1+3*len(line.Fields))
	assert.Equal(t, "before", flat[0], "appends to what dst holds")
	for r, row := range whole.([]any) {
		for f, field := range line.Fields {
			assert.Equal(t, row.(map[string]any)[field.Name], flat[1+r*len(line.Fields)+f], "row %d field %s", r, field.Name)
		}
	}

	elementary, err := protocol.AppendRows(nil, protocol.Int4(), []any{json.Number("1"), nil}, "N", 0)
	require.NoError(t, err)
	assert.Equal(t, []any{int64(1), int64(0)}, elementary)
}

func TestAppendRowsNamesTheRowThatDoesNotFitByItsPlaceInTheTable(t *testing.T) {
	line := protocol.Struct("S", protocol.F("ID", protocol.Numc(4)))
	_, err := protocol.AppendRows(nil, line, []any{map[string]any{"ID": "1"}, map[string]any{"ID": "x"}}, "DATA", 100)
	var pe *protocol.Error
	require.ErrorAs(t, err, &pe)
	assert.Contains(t, pe.Error(), "DATA[101].ID")
	_, err = protocol.AppendRows(nil, line, []any{map[string]any{"IDX": "1"}}, "DATA", 0)
	require.ErrorAs(t, err, &pe)
	assert.Contains(t, pe.Error(), "did you mean ID?")
}
