package sim

import (
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"strings"

	"github.com/wsrfc/wsrfc/protocol"
)

// Old clients (calls without "parameters", answered in the old shape) send and
// expect RAW/XSTRING as upper-case hex digits, as the old handler did; the
// wire's typed form is base64. The ABAP handler switches its codec to hex for
// such calls (zcl_vsp_rtti_codec, iv_hex_bytes); these helpers do the same
// around Invoke.

// compatIn turns the hex bytes in an old client's value into the wire's base64.
func compatIn(t *protocol.Type, v any, path string) (any, error) {
	switch t.Kind {
	case protocol.KindRaw, protocol.KindXString:
		s, ok := v.(string)
		if !ok {
			return v, nil // FromWire reports the wrong JSON type
		}
		b, err := hex.DecodeString(s)
		if err != nil {
			return nil, &protocol.Error{Code: protocol.CodeTypeConflict,
				Message: fmt.Sprintf("%s: hex bytes (an even number of hex digits) are expected", path),
				Details: &protocol.ErrorDetails{Parameter: path}}
		}
		return base64.StdEncoding.EncodeToString(b), nil
	case protocol.KindStruct:
		m, ok := v.(map[string]any)
		if !ok {
			return v, nil
		}
		out := make(map[string]any, len(m))
		for k, fv := range m {
			out[k] = fv
			for i := range t.Fields {
				if t.Fields[i].Name == strings.ToUpper(k) {
					conv, err := compatIn(&t.Fields[i].Type, fv, path+"."+t.Fields[i].Name)
					if err != nil {
						return nil, err
					}
					out[k] = conv
				}
			}
		}
		return out, nil
	case protocol.KindTable:
		rows, ok := v.([]any)
		if !ok {
			return v, nil
		}
		out := make([]any, len(rows))
		for i, r := range rows {
			conv, err := compatIn(t.Line, r, fmt.Sprintf("%s[%d]", path, i))
			if err != nil {
				return nil, err
			}
			out[i] = conv
		}
		return out, nil
	}
	return v, nil
}

// compatOut turns the wire's base64 bytes in an output value into hex.
func compatOut(t *protocol.Type, v any) any {
	switch t.Kind {
	case protocol.KindRaw, protocol.KindXString:
		if s, ok := v.(string); ok {
			if b, err := base64.StdEncoding.DecodeString(s); err == nil {
				return strings.ToUpper(hex.EncodeToString(b))
			}
		}
	case protocol.KindStruct:
		if m, ok := v.(map[string]any); ok {
			out := make(map[string]any, len(m))
			for k, fv := range m {
				out[k] = fv
				for i := range t.Fields {
					if t.Fields[i].Name == k {
						out[k] = compatOut(&t.Fields[i].Type, fv)
					}
				}
			}
			return out
		}
	case protocol.KindTable:
		if rows, ok := v.([]any); ok {
			out := make([]any, len(rows))
			for i, r := range rows {
				out[i] = compatOut(t.Line, r)
			}
			return out
		}
	}
	return v
}
