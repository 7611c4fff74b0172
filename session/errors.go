package session

import (
	"errors"
	"fmt"
	"time"

	"github.com/wsrfc/wsrfc/protocol"
)

// Error is a failure that SAP reported (success:false), or that the client
// found against the function's interface before sending. Code is the server's
// error code (protocol.Code*), or one of the client codes below.
type Error struct {
	Code    string
	Message string
	Details protocol.ErrorDetails
	Domain  string
	Action  string
	// Local is true when the request never left the client.
	Local bool
}

// Client-side codes, for failures found before anything is sent.
const (
	CodeUnsupported = "UNSUPPORTED_BY_SERVER" // the server's handler cannot do what the call needs
	CodeTooLarge    = protocol.CodeTooLarge
)

func (e *Error) Error() string {
	msg := e.Message
	if msg == "" {
		msg = e.Code
	}
	if e.Details.Key != "" && e.Code == protocol.CodeABAPException {
		return fmt.Sprintf("%s: %s (%s)", e.Code, msg, e.Details.Key)
	}
	return fmt.Sprintf("%s: %s", e.Code, msg)
}

func serverError(domain, action string, pe *protocol.Error) *Error {
	e := &Error{Code: pe.Code, Message: pe.Message, Domain: domain, Action: action}
	if pe.Details != nil {
		e.Details = *pe.Details
	}
	return e
}

// ConnectionError means the WebSocket could not be opened, or is gone. Every
// call pending when a connection dies fails with one at once.
type ConnectionError struct {
	Op         string // "dial", "logon", "read", "write", "closed"
	Message    string
	StatusCode int // HTTP status of a refused upgrade
	CloseCode  int // WebSocket close code sent by the server, if any
	Err        error
}

func (e *ConnectionError) Error() string {
	if e.Err != nil && e.Message == "" {
		return e.Err.Error()
	}
	if e.Err != nil && e.CloseCode == 0 {
		return e.Message + ": " + e.Err.Error()
	}
	// A close frame's reason is already part of Message.
	return e.Message
}

func (e *ConnectionError) Unwrap() error { return e.Err }

// IsLogon reports whether the server refused the user's credentials.
func (e *ConnectionError) IsLogon() bool { return e.Op == "logon" }

// TimeoutError means no reply came in time. The session stays open: the server
// may still be working on the request, and its late reply is discarded.
type TimeoutError struct {
	Domain, Action string
	After          time.Duration
}

func (e *TimeoutError) Error() string {
	return fmt.Sprintf("%s.%s got no reply within %s (the session stays open; the server may still be busy with it)", e.Domain, e.Action, e.After)
}

// ProtocolError means the server sent something this client cannot understand.
type ProtocolError struct {
	Message string
	Err     error
}

func (e *ProtocolError) Error() string {
	if e.Err != nil {
		return "protocol error: " + e.Message + ": " + e.Err.Error()
	}
	return "protocol error: " + e.Message
}

func (e *ProtocolError) Unwrap() error { return e.Err }

// ErrClosed is wrapped by the ConnectionError of calls made after Close.
var ErrClosed = errors.New("session closed")
