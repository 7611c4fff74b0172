package ddic

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"sync"

	"github.com/wsrfc/wsrfc/protocol"
)

// salesorder.json holds the interfaces of the sales order read BAPIs as the RFC
// metadata describes them (PyRFC tests/data/func_desc_*.py), each structure
// field as NAME:CODE with CODE one of C<n> (CHAR), N<n> (NUMC), D (DATS),
// T (TIMS), P<digits>[.<decimals>] (packed), I (INT4), b (INT1), s (INT2),
// 8 (INT8), F (FLTP), X<n> (RAW), g (STRING), y (XSTRING). A packed field of
// n bytes holds 2n-1 digits, which is what ABAP, the RFC layer and the handler
// check; SE11 may show one digit less.

// Interface is a function module's interface without its implementation.
type Interface struct {
	Name        string
	Group       string
	Description string
	Params      []protocol.Parameter // shared: clone before changing
}

// interfacesDoc is the form of salesorder.json.
type interfacesDoc struct {
	Structures map[string][]string `json:"structures"`
	Functions  []struct {
		Name        string `json:"name"`
		Group       string `json:"group"`
		Description string `json:"description"`
		Parameters  []struct {
			Name     string `json:"name"`
			Kind     string `json:"kind"`
			Type     string `json:"type"` // a structure of Structures, or a field code
			Typing   string `json:"typing"`
			Optional bool   `json:"optional"`
			Default  string `json:"default"`
			Text     string `json:"text"`
		} `json:"parameters"`
	} `json:"functions"`
}

// SalesOrderInterfaces are BAPISDORDER_GETDETAILEDLIST's and
// BS01_SALESORDER_GETDETAIL's interfaces, read from salesorder.json once.
var SalesOrderInterfaces = sync.OnceValue(func() []Interface {
	return readInterfaces("salesorder.json")
})

func readInterfaces(name string) []Interface {
	var doc interfacesDoc
	if err := json.Unmarshal(mustRead(name), &doc); err != nil {
		panic(fmt.Sprintf("ddic: %s: %v", name, err))
	}
	structs := make(map[string]*protocol.Type, len(doc.Structures))
	for sname, codes := range doc.Structures {
		fields := make([]protocol.Field, len(codes))
		for i, c := range codes {
			fname, code, _ := strings.Cut(c, ":")
			fields[i] = protocol.F(fname, rfcCodeType(sname+"-"+fname, code))
		}
		structs[sname] = protocol.Struct(sname, fields...)
	}
	out := make([]Interface, 0, len(doc.Functions))
	for _, f := range doc.Functions {
		fn := Interface{Name: f.Name, Group: f.Group, Description: f.Description}
		for _, p := range f.Parameters {
			t := structs[p.Type]
			if t == nil {
				t = rfcCodeType(f.Name+"."+p.Name, p.Type)
			}
			if p.Kind == string(protocol.Tables) {
				t = protocol.TableOf("", t)
			}
			optional := p.Optional || p.Kind == string(protocol.Exporting)
			fn.Params = append(fn.Params, protocol.Parameter{Name: p.Name, Kind: protocol.ParamKind(p.Kind), Type: p.Typing,
				Optional: optional, Default: p.Default, Description: p.Text, DataType: t})
		}
		out = append(out, fn)
	}
	return out
}

// rfcCodeType reads one field code of salesorder.json (see above).
func rfcCodeType(what, code string) *protocol.Type {
	bad := func() *protocol.Type { panic(fmt.Sprintf("ddic: %s: unknown field code %q", what, code)) }
	if code == "" {
		return bad()
	}
	n := func(s string) int {
		v, err := strconv.Atoi(s)
		if err != nil || v <= 0 {
			bad()
		}
		return v
	}
	switch rest := code[1:]; code[0] {
	case 'C':
		return protocol.Char(n(rest))
	case 'N':
		return protocol.Numc(n(rest))
	case 'X':
		return protocol.Raw(n(rest))
	case 'P':
		digits, decimals, _ := strings.Cut(rest, ".")
		d := 0
		if decimals != "" {
			d = n(decimals)
		}
		return protocol.Dec(n(digits), d)
	case 'D':
		return protocol.Date()
	case 'T':
		return protocol.Time()
	case 'I':
		return protocol.Int4()
	case 'b':
		return protocol.Int1()
	case 's':
		return protocol.Int2()
	case '8':
		return protocol.Int8()
	case 'F':
		return protocol.Float()
	case 'g':
		return protocol.String()
	case 'y':
		return protocol.XString()
	}
	return bad()
}
