// Package fetch provides fetch, Request, Response, Headers, AbortController and AbortSignal on Go's net/http:
// TLS certificates are verified, requests run on goroutines and settle on the event loop, a timeout or an abort
// ends a request at once, and response bodies are bounded.
package fetch

import (
	"bytes"
	"context"
	_ "embed"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/dop251/goja"

	"github.com/wsrfc/wsrfc/runtime/eventloop"
)

// MaxBodySize bounds a response body read into memory.
const MaxBodySize = 256 << 20

//go:embed fetch.js
var source string

// program is compiled on first use, so that scripts that never fetch do not pay for it.
var program = sync.OnceValue(func() *goja.Program { return goja.MustCompile("wsrfc:fetch", source, true) })

// Names are the globals New returns.
var Names = []string{"fetch", "Request", "Response", "Headers", "AbortController", "AbortSignal"}

// New builds the globals for the loop's runtime. Requests end when ctx() is cancelled (an interrupted run).
func New(l *eventloop.Loop, ctx func() context.Context, client *http.Client) (*goja.Object, error) {
	vm := l.VM()
	if client == nil {
		client = http.DefaultClient
	}
	factory, err := vm.RunProgram(program())
	if err != nil {
		return nil, err
	}
	fn, _ := goja.AssertFunction(factory)
	native := vm.NewObject()
	_ = native.Set("utf8", func(c goja.FunctionCall) goja.Value {
		return vm.ToValue(vm.NewArrayBuffer([]byte(c.Argument(0).String())))
	})
	_ = native.Set("text", func(c goja.FunctionCall) goja.Value {
		b, _ := c.Argument(0).Export().(goja.ArrayBuffer)
		return vm.ToValue(strings.ToValidUTF8(string(b.Bytes()), "\uFFFD"))
	})
	_ = native.Set("send", func(c goja.FunctionCall) goja.Value {
		method, url := c.Argument(0).String(), c.Argument(1).String()
		var headers [][]string
		if err := vm.ExportTo(c.Argument(2), &headers); err != nil {
			panic(vm.NewTypeError("fetch: bad headers: " + err.Error()))
		}
		var body []byte
		if ab, ok := c.Argument(3).Export().(goja.ArrayBuffer); ok {
			body = bytes.Clone(ab.Bytes())
		}
		timeout := time.Duration(c.Argument(4).ToFloat() * float64(time.Millisecond))
		manualRedirect := c.Argument(5).String() != "follow"

		reqCtx, cancel := context.WithCancelCause(ctx())
		if timeout > 0 {
			var stop context.CancelFunc
			reqCtx, stop = context.WithTimeoutCause(reqCtx, timeout, errTimeout)
			go func() { <-reqCtx.Done(); stop() }()
		}
		p, resolve, reject := l.NewPromise()
		go func() {
			defer cancel(nil)
			res, err := do(reqCtx, client, method, url, headers, body, manualRedirect)
			if err != nil {
				reject(func(vm *goja.Runtime) goja.Value { return jsError(vm, url, err, context.Cause(reqCtx), timeout) })
				return
			}
			resolve(func(vm *goja.Runtime) goja.Value { return res.value(vm) })
		}()
		call := vm.NewObject()
		_ = call.Set("promise", p)
		_ = call.Set("cancel", func(goja.FunctionCall) goja.Value { cancel(errAborted); return goja.Undefined() })
		return call
	})
	v, err := fn(goja.Undefined(), native)
	if err != nil {
		return nil, err
	}
	return v.ToObject(vm), nil
}

var (
	errTimeout = errors.New("timeout")
	errAborted = errors.New("aborted")
)

type response struct {
	status     int
	statusText string
	url        string
	redirected bool
	headers    [][2]string
	body       []byte
}

func do(ctx context.Context, client *http.Client, method, url string, headers [][]string, body []byte, manualRedirect bool) (*response, error) {
	req, err := http.NewRequestWithContext(ctx, method, url, bytes.NewReader(body))
	if err != nil {
		return nil, err
	}
	if body == nil {
		req.Body = nil
	}
	for _, kv := range headers {
		if len(kv) == 2 {
			req.Header.Add(kv[0], kv[1])
		}
	}
	if manualRedirect {
		c := *client
		c.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
		client = &c
	}
	res, err := client.Do(req)
	if err != nil {
		return nil, err
	}
	defer res.Body.Close()
	data, err := io.ReadAll(io.LimitReader(res.Body, MaxBodySize+1))
	if err != nil {
		return nil, err
	}
	if len(data) > MaxBodySize {
		return nil, fmt.Errorf("the response body is larger than %d MiB", MaxBodySize>>20)
	}
	out := &response{status: res.StatusCode, statusText: strings.TrimSpace(strings.TrimPrefix(res.Status, fmt.Sprint(res.StatusCode))),
		url: res.Request.URL.String(), redirected: res.Request.URL.String() != url, body: data}
	for name, values := range res.Header {
		for _, v := range values {
			out.headers = append(out.headers, [2]string{strings.ToLower(name), v})
		}
	}
	return out, nil
}

func (r *response) value(vm *goja.Runtime) goja.Value {
	obj := vm.NewObject()
	_ = obj.Set("status", r.status)
	_ = obj.Set("statusText", r.statusText)
	_ = obj.Set("url", r.url)
	_ = obj.Set("redirected", r.redirected)
	pairs := make([]any, len(r.headers))
	for i, h := range r.headers {
		pairs[i] = vm.NewArray(h[0], h[1])
	}
	_ = obj.Set("headers", vm.NewArray(pairs...))
	_ = obj.Set("body", vm.NewArrayBuffer(r.body))
	return obj
}

// jsError is what fetch rejects with, as in node: a TypeError "fetch failed" whose cause names the system
// error's code, or an AbortError / TimeoutError.
func jsError(vm *goja.Runtime, url string, err, cause error, timeout time.Duration) goja.Value {
	named := func(name, msg string) goja.Value {
		e := vm.NewGoError(errors.New(msg))
		if ctor, ok := goja.AssertConstructor(vm.Get("Error")); ok {
			if obj, err := ctor(nil, vm.ToValue(msg)); err == nil {
				e = obj
			}
		}
		_ = e.Set("name", name)
		return e
	}
	switch {
	case errors.Is(cause, errTimeout):
		return named("TimeoutError", fmt.Sprintf("fetch %s: no response within %v; the operation was aborted due to timeout", url, timeout))
	case errors.Is(cause, errAborted):
		return named("AbortError", "This operation was aborted")
	case cause != nil && !errors.Is(cause, context.Canceled):
		return vm.NewGoError(fmt.Errorf("fetch %s stopped: %w", url, cause))
	}
	code, hint := "", ""
	var dnsErr *net.DNSError
	switch {
	case errors.Is(err, syscall.ECONNREFUSED):
		code, hint = "ECONNREFUSED", "nothing listens there; is the server running and the port right?"
	case errors.Is(err, syscall.ECONNRESET):
		code, hint = "ECONNRESET", "the server closed the connection"
	case errors.As(err, &dnsErr):
		code, hint = "ENOTFOUND", "the host name does not resolve"
	case strings.Contains(err.Error(), "certificate"):
		code, hint = "CERT_INVALID", "the server's TLS certificate is not trusted"
	}
	msg := "fetch failed: " + err.Error()
	if hint != "" {
		msg += " (" + hint + ")"
	}
	e := vm.NewTypeError(msg)
	causeObj := vm.NewGoError(err)
	if code != "" {
		_ = causeObj.Set("code", code)
	}
	_ = e.Set("cause", causeObj)
	return e
}
