package standard

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/wsrfc/wsrfc/protocol"
)

// The internal lengths SE11 shows as DFIES-INTLEN on a Unicode system, which
// RFC_GET_FUNCTION_INTERFACE and DDIF_FIELDINFO_GET both report.
func TestInternalLengthsAreSE11s(t *testing.T) {
	for _, c := range []struct {
		name        string
		typ         protocol.Type
		size, align int
	}{
		{"DEC 4 (even digits)", protocol.Type{Kind: protocol.KindDec, Length: 4}, 3, 1},
		{"CURR 15,2", protocol.Type{Kind: protocol.KindDec, Length: 15, Decimals: 2}, 8, 1},
		{"DEC 31", protocol.Type{Kind: protocol.KindDec, Length: 31}, 16, 1},
		{"CHAR 10", protocol.Type{Kind: protocol.KindChar, Length: 10}, 20, 2},
		{"DATS", protocol.Type{Kind: protocol.KindDate, Length: 8}, 16, 2},
		{"INT8", protocol.Type{Kind: protocol.KindInt8}, 8, 8},
		{"UTCLONG", protocol.Type{Kind: protocol.KindUTCLong}, 8, 8},
		{"DF34_DEC", protocol.Type{Kind: protocol.KindDecF34}, 16, 8},
	} {
		size, align := rfcLayout(&c.typ, true)
		assert.Equal(t, [2]int{c.size, c.align}, [2]int{size, align}, c.name)
	}
}
