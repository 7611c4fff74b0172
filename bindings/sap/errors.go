package sap

import (
	"context"
	"errors"
	"strings"

	"github.com/dop251/goja"

	"github.com/wsrfc/wsrfc/protocol"
	"github.com/wsrfc/wsrfc/runtime/inspect"
	"github.com/wsrfc/wsrfc/session"
)

// errorClassesJS defines the error classes in JavaScript, so that instanceof,
// err.name and err.stack behave exactly like native errors.
const errorClassesJS = `(function () {
  class SapError extends Error {
    constructor(message, props) {
      super(message);
      Object.defineProperty(this, 'name', { value: 'SapError', writable: true, configurable: true });
      if (props) Object.assign(this, props);
    }
  }
  class ConnectionError extends SapError {
    constructor(message, props) {
      super(message, props);
      Object.defineProperty(this, 'name', { value: 'ConnectionError', writable: true, configurable: true });
    }
  }
  class TimeoutError extends SapError {
    constructor(message, props) {
      super(message, props);
      Object.defineProperty(this, 'name', { value: 'TimeoutError', writable: true, configurable: true });
    }
  }
  return { SapError, ConnectionError, TimeoutError };
})()`

// internalSource names the module's own JS in stack traces, so they can be left out.
const internalSource = "sap:internal"

// errorClasses holds the constructors of one runtime.
type errorClasses struct {
	sapError, connectionError, timeoutError *goja.Object
}

func newErrorClasses(vm *goja.Runtime) (*errorClasses, error) {
	v, err := vm.RunScript(internalSource, errorClassesJS)
	if err != nil {
		return nil, err
	}
	o := v.ToObject(vm)
	return &errorClasses{
		sapError:        o.Get("SapError").ToObject(vm),
		connectionError: o.Get("ConnectionError").ToObject(vm),
		timeoutError:    o.Get("TimeoutError").ToObject(vm),
	}, nil
}

// Error codes the binding gives to failures that have no server code.
const (
	codeConnectFailed  = "CONNECT_FAILED"
	codeLogonFailed    = "LOGON_FAILED"
	codeConnectionLost = "CONNECTION_LOST"
	codeSessionClosed  = "SESSION_CLOSED"
	codeTimeout        = "TIMEOUT"
	codeCancelled      = "CANCELLED"
	codeProtocol       = "PROTOCOL_ERROR"
	codeInternal       = "INTERNAL"
)

// toJSError turns a Go error from the session into an instance of the JS
// error classes, with the fields of API.md. Must run on the loop goroutine.
func (c *errorClasses) toJSError(vm *goja.Runtime, err error, domain, action string) goja.Value {
	var ve *ValueError
	if errors.As(err, &ve) {
		return vm.NewTypeError(ve.Message)
	}
	ctor := c.sapError
	msg := err.Error()
	var fields []field // in the order people read them: code first
	add := func(k string, v any) { fields = append(fields, field{k, v}) }
	var se *session.Error
	var ce *session.ConnectionError
	var te *session.TimeoutError
	var pe *session.ProtocolError
	switch {
	case errors.As(err, &se):
		add("code", se.Code)
		if se.Domain != "" {
			domain, action = se.Domain, se.Action
		}
		msg = se.Message
		d := se.Details
		for _, kv := range []field{{"key", d.Key}, {"exceptionClass", d.Class}, {"msgType", d.MsgType},
			{"msgId", d.MsgID}, {"msgNo", d.MsgNo}, {"msgV1", d.MsgV1}, {"msgV2", d.MsgV2}, {"msgV3", d.MsgV3},
			{"msgV4", d.MsgV4}, {"parameter", d.Parameter}, {"function", d.Function}} {
			if kv.v != "" {
				add(kv.k, kv.v)
			}
		}
		if se.Local {
			add("local", true)
		}
	case errors.As(err, &te):
		ctor = c.timeoutError
		add("code", codeTimeout)
		add("timeout", te.After.Milliseconds())
	case errors.As(err, &ce):
		ctor = c.connectionError
		switch {
		case ce.IsLogon():
			add("code", codeLogonFailed)
		case ce.Op == "dial":
			add("code", codeConnectFailed)
		case errors.Is(err, session.ErrClosed):
			add("code", codeSessionClosed)
		default:
			add("code", codeConnectionLost)
		}
		if ce.StatusCode != 0 {
			add("status", ce.StatusCode)
		}
		if ce.CloseCode != 0 {
			add("closeCode", ce.CloseCode)
		}
	case errors.As(err, &pe):
		add("code", codeProtocol)
	case errors.Is(err, context.Canceled):
		add("code", codeCancelled)
	case errors.Is(err, context.DeadlineExceeded):
		ctor = c.timeoutError
		add("code", codeTimeout)
	default:
		add("code", codeInternal)
	}
	// code first, then where, then the ABAP details.
	fields = append(fields[:1], append([]field{{"domain", domain}, {"action", action}}, fields[1:]...)...)
	msg = protocol.CutLongWords(msg) // a value echoed whole could make a message of 100 KB
	props := vm.NewObject()
	for _, f := range fields {
		_ = props.Set(f.k, f.v)
	}
	obj, cerr := vm.New(ctor, vm.ToValue(msg), props)
	if cerr != nil {
		return vm.NewGoError(err)
	}
	_ = obj.Set("stack", scriptStack(vm, ctor.Get("name").String()+": "+msg))
	return obj
}

type field struct {
	k string
	v any
}

// scriptStack renders the current JS stack as node prints it (the engine's
// frame format), leaving out the binding's own frames (Go functions and its
// internal JS), which mean nothing to the person reading the error.
func scriptStack(vm *goja.Runtime, head string) string {
	var frames []goja.StackFrame
	for _, f := range vm.CaptureCallStack(0, nil) {
		if src := f.SrcName(); src == "" || src == internalSource || f.Position().Line == 0 {
			continue
		}
		frames = append(frames, f)
	}
	if len(frames) == 0 {
		return head
	}
	return head + "\n" + inspect.StackFrames(frames)
}

// IsConnectFailure reports whether a thrown JS value says that a session
// could not be opened (CONNECT_FAILED, LOGON_FAILED): the command line exits
// with 3 for it. A connection lost after it was open is a failure of the
// script like any other.
func IsConnectFailure(v goja.Value) bool {
	if !IsConnectionError(v) {
		return false
	}
	code := v.(*goja.Object).Get("code")
	return code != nil && (code.String() == codeConnectFailed || code.String() == codeLogonFailed)
}

// IsConnectionError reports whether a thrown JS value is a sap.ConnectionError,
// so the command line can exit with code 3 for it.
func IsConnectionError(v goja.Value) bool {
	o, ok := v.(*goja.Object)
	if !ok {
		return false
	}
	for p := o; p != nil; p = p.Prototype() {
		if c := p.Get("constructor"); c != nil {
			if co, ok := c.(*goja.Object); ok && co.Get("name") != nil && co.Get("name").String() == "ConnectionError" {
				return true
			}
		}
	}
	return false
}

// callSite is where a script started an async call: the JS frames on the stack then. A rejection
// comes later, from the loop, with no JS on the stack, so its error gets these frames as its stack:
// an uncaught one then points at the line that made the call, as a synchronous one does.
func callSite(vm *goja.Runtime) []goja.StackFrame {
	frames := vm.CaptureCallStack(inspect.MaxStackFrames+1, nil)
	out := frames[:0]
	for _, f := range frames {
		if f.Position().Line > 0 {
			out = append(out, f)
		}
	}
	return out
}

// withCallSite gives an error that has no JS frames of its own the frames of its call site.
func withCallSite(vm *goja.Runtime, v goja.Value, site []goja.StackFrame) goja.Value {
	o, ok := v.(*goja.Object)
	if !ok || len(site) == 0 {
		return v
	}
	if stack := o.Get("stack"); stack != nil && strings.Contains(stack.String(), "\n    at ") {
		return v
	}
	head := o.Get("name").String() + ": " + o.Get("message").String()
	_ = o.DefineDataProperty("stack", vm.ToValue(head+"\n"+inspect.StackFrames(site)), goja.FLAG_TRUE, goja.FLAG_FALSE, goja.FLAG_TRUE)
	return v
}
