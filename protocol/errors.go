package protocol

import (
	"fmt"
	"strings"
)

// Error codes a server sends in error.code. The first group is the old handler's
// (docs/protocol.md lists which one sends what); the second is what the wsrfc
// handler adds. Clients must treat an unknown code as a plain server error.
const (
	CodeParseError       = "PARSE_ERROR"
	CodeUnknownDomain    = "UNKNOWN_DOMAIN"
	CodeUnknownAction    = "UNKNOWN_ACTION"
	CodeMissingParam     = "MISSING_PARAM"
	CodeFuncNotFound     = "FUNC_NOT_FOUND"
	CodeCallError        = "CALL_ERROR"
	CodeServiceException = "SERVICE_EXCEPTION"

	CodeABAPException    = "ABAP_EXCEPTION"     // a classic exception; details.key names it
	CodeABAPMessage      = "ABAP_MESSAGE"       // MESSAGE TYPE E/A caught through ERROR_MESSAGE
	CodeClassException   = "CLASS_EXCEPTION"    // a class-based exception; details.class names it
	CodeNotRemoteEnabled = "NOT_REMOTE_ENABLED" // the module is not RFC-enabled
	CodeNotAuthorized    = "NOT_AUTHORIZED"     // S_RFC said no
	CodeFunctionDenied   = "FUNCTION_DENIED"    // on the handler's deny-list
	CodeParamUnknown     = "PARAM_UNKNOWN"      // the module has no such parameter or field
	CodeParamMissing     = "PARAM_MISSING"      // a mandatory parameter was not supplied
	CodeTypeConflict     = "TYPE_CONFLICT"      // a value does not fit the parameter's type
	CodeTooLarge         = "TOO_LARGE"          // a request or reply exceeds the handler's limits
	CodeTimeout          = "TIMEOUT"            // the server-side deadline passed
	CodeProtocolError    = "PROTOCOL_ERROR"     // the peer broke the protocol
	CodeInvalidParams    = "INVALID_PARAMS"     // action parameters malformed (debug domain)
	CodeNotFound         = "NOT_FOUND"
)

// Error is the error object of a failed response.
type Error struct {
	Code    string        `json:"code"`
	Message string        `json:"message"`
	Details *ErrorDetails `json:"details,omitempty"`
}

// ErrorDetails carries what ABAP knows about a failure. Field names follow the
// sy-msg* system fields so that a T100 message can be rebuilt from them.
type ErrorDetails struct {
	Key       string `json:"key,omitempty"`       // classic exception name, e.g. TABLE_NOT_AVAILABLE
	Class     string `json:"class,omitempty"`     // exception class, e.g. CX_SY_CONVERSION_NO_NUMBER
	MsgType   string `json:"msgType,omitempty"`   // sy-msgty
	MsgID     string `json:"msgId,omitempty"`     // sy-msgid
	MsgNo     string `json:"msgNo,omitempty"`     // sy-msgno
	MsgV1     string `json:"msgV1,omitempty"`     // sy-msgv1
	MsgV2     string `json:"msgV2,omitempty"`     // sy-msgv2
	MsgV3     string `json:"msgV3,omitempty"`     // sy-msgv3
	MsgV4     string `json:"msgV4,omitempty"`     // sy-msgv4
	Parameter string `json:"parameter,omitempty"` // path of the offending parameter or field
	Function  string `json:"function,omitempty"`  // the function module concerned
}

func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString(e.Code)
	if e.Message != "" {
		b.WriteString(": ")
		b.WriteString(e.Message)
	}
	if d := e.Details; d != nil && d.Key != "" && !strings.Contains(e.Message, d.Key) {
		fmt.Fprintf(&b, " (%s)", d.Key)
	}
	return b.String()
}
