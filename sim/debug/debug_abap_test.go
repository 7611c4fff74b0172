package debug

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func evalABAP(t *testing.T, src string, vars map[string]*dataObject) (any, error) {
	t.Helper()
	tokens, err := tokenize(src)
	require.NoError(t, err)
	e, err := parseExpr(tokens)
	require.NoError(t, err, src)
	return e.eval(func(name string) (*dataObject, error) {
		if o, ok := vars[name]; ok {
			return o, nil
		}
		return nil, assert.AnError
	})
}

func TestABAPArithmeticFollowsABAP(t *testing.T) {
	for src, want := range map[string]any{
		"7 / 2":             int64(4), // type i rounds commercially
		"-7 / 2":            int64(-4),
		"5 / 3":             int64(2),
		"7 DIV 2":           int64(3),
		"-7 DIV 2":          int64(-4), // DIV keeps MOD non-negative
		"-7 MOD 2":          int64(1),
		"2 + 3 * 4":         int64(14),
		"( 2 + 3 ) * 4":     int64(20),
		"0 / 0":             int64(0), // ABAP defines it
		"'12' + 1":          int64(13),
		"|a{ 1 + 1 }b\\|c|": "a2b|c",
		"`x y`":             "x y",
		"'it''s'":           "it's",
	} {
		got, err := evalABAP(t, src, nil)
		require.NoError(t, err, src)
		assert.Equal(t, want, got, src)
	}
	for src, class := range map[string]string{
		"1 / 0":              "CX_SY_ZERODIVIDE",
		"2147483647 + 1":     "CX_SY_ARITHMETIC_OVERFLOW",
		"'abc' + 1":          "CX_SY_CONVERSION_NO_NUMBER",
		"-2147483647 - 1000": "CX_SY_ARITHMETIC_OVERFLOW",
	} {
		_, err := evalABAP(t, src, nil)
		var cx *abapException
		require.ErrorAs(t, err, &cx, src)
		assert.Equal(t, class, cx.class, src)
	}
	assert.True(t, isA("CX_SY_ZERODIVIDE", "CX_ROOT"))
	assert.False(t, isA("CX_SY_ZERODIVIDE", "CX_SY_CONVERSION_ERROR"))
}

func TestABAPAssignmentConverts(t *testing.T) {
	c5 := &dataObject{typ: abapType{kind: abapChar, length: 5}}
	require.NoError(t, c5.assign(int64(-42)))
	assert.Equal(t, "  42-", c5.value, "right-aligned, sign last")
	require.NoError(t, c5.assign("abcdefg"))
	assert.Equal(t, "abcde", c5.value)
	require.NoError(t, c5.assign(int64(1234567)))
	assert.Equal(t, "*567", strings.TrimRight(c5.value.(string), " "))

	s := &dataObject{typ: abapType{kind: abapString}}
	require.NoError(t, s.assign(int64(-3)))
	assert.Equal(t, "3-", s.value)

	i := &dataObject{typ: abapType{kind: abapInt}}
	require.NoError(t, i.assign(" 17- "))
	assert.Equal(t, int64(-17), i.value)
	require.NoError(t, i.assign(""))
	assert.Equal(t, int64(0), i.value)
}

func TestABAPParserRejectsWhatItCannotRun(t *testing.T) {
	for _, src := range []string{
		"FUNCTION z.\n  DO 3 TIMES.\nENDFUNCTION.",
		"FUNCTION z.\n  ENDDO.\nENDFUNCTION.",
		"FUNCTION z.\n  LOOP AT itab INTO wa.\nENDFUNCTION.",
		"FUNCTION z.\n  x = 'open.\nENDFUNCTION.",
		"  x = 1.",
		"FUNCTION z.",
	} {
		p := &abapProgram{name: "SAPLZ", procs: map[string]*abapProcedure{}}
		assert.Error(t, p.parseInclude(&abapInclude{name: "LZU01", lines: strings.Split(src, "\n")}), src)
	}
}
