package core

import (
	"context"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"sort"
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

// compatCall serves an old client on the wsrfc profile: flat parameters, parsed
// as real JSON (strings, numbers, objects and arrays all work), CHANGING bound,
// and the old reply shape with nothing cut to "[complex]". Classic exceptions
// keep the old contract (success with subrc) and add the exception's name.
func (s *Server) compatCall(ctx context.Context, sess *Session, name string, flat map[string]any) (any, error) {
	f, err := s.authorize(sess, name)
	if err != nil {
		return nil, err
	}
	params := make(map[string]any, len(flat))
	for k, v := range flat {
		if str, ok := v.(string); ok && str == "" {
			continue // "" is "not supplied" for old clients: the default applies
		}
		if p := f.param(protocol.NormalizeName(k)); p != nil && p.DataType != nil {
			conv, err := compatIn(p.DataType, v, p.Name)
			if err != nil {
				return nil, err
			}
			v = conv
		}
		params[k] = v
	}
	out, err := s.Invoke(ctx, sess, f.Name, params, true)
	var ae *ABAPError
	if errors.As(err, &ae) && ae.Kind == KindException {
		subrc := len(f.Exceptions) + 1
		for i, e := range f.Exceptions {
			if e.Name == ae.Key {
				subrc = i + 1
			}
		}
		return map[string]any{"subrc": subrc, "exception": ae.Key, "exports": map[string]any{}, "tables": map[string]any{}}, nil
	}
	if err != nil {
		var ae *ABAPError
		if errors.As(err, &ae) {
			return nil, ae
		}
		return nil, err
	}
	exports := map[string]any{}
	tables := map[string]any{}
	names := make([]string, 0, len(out))
	for n := range out {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		p := f.param(n)
		v := out[n]
		if p.DataType != nil {
			v = compatOut(p.DataType, v)
		}
		if p.Kind == protocol.Tables {
			tables[n] = v
		} else {
			exports[n] = v
		}
	}
	return map[string]any{"subrc": 0, "exports": exports, "tables": tables}, nil
}
