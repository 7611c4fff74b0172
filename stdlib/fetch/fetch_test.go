package fetch_test

import (
	"bytes"
	"context"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wsrfc/wsrfc/runtime/engine"
)

func run(t *testing.T, src string) (string, error) {
	t.Helper()
	var out bytes.Buffer
	rt, err := engine.New(engine.Options{Stdout: &out, Stderr: &out, Env: []string{}})
	require.NoError(t, err)
	t.Cleanup(rt.Close)
	err = rt.RunString(context.Background(), "fetch.js", src)
	return out.String(), err
}

func TestFetchSendsAndReadsJSON(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		w.Header().Set("X-Seen", r.Method+" "+r.Header.Get("Content-Type"))
		w.WriteHeader(http.StatusCreated)
		_, _ = w.Write([]byte(`{"echo":` + string(body) + `}`))
	}))
	defer srv.Close()
	out, err := run(t, `(async () => {
		const res = await fetch('`+srv.URL+`/users', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ id: 7 }) });
		console.log(res.status, res.ok, res.headers.get('x-seen'), (await res.json()).echo.id);
		try { await res.text(); } catch (e) { console.log(e.constructor.name, e.message); }
	})()`)
	require.NoError(t, err, engine.FormatError(err))
	assert.Equal(t, "201 true POST application/json 7\nTypeError Body is unusable: Body has already been read\n", out)
}

func TestFetchToAClosedPortFailsClearly(t *testing.T) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	addr := l.Addr().String()
	require.NoError(t, l.Close())
	start := time.Now()
	out, err := run(t, `fetch('http://`+addr+`/', { signal: AbortSignal.timeout(5000) }).catch((e) => console.log(e.name, e.cause.code, e.message))`)
	require.NoError(t, err)
	assert.Contains(t, out, "TypeError ECONNREFUSED fetch failed:")
	assert.Contains(t, out, "is the server running")
	assert.Less(t, time.Since(start), 4*time.Second, "a refused connection must not wait for the timeout")
}

func TestFetchTimeoutEndsAHangingRequest(t *testing.T) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	defer l.Close()
	go func() { // accept and never answer
		for {
			c, err := l.Accept()
			if err != nil {
				return
			}
			defer c.Close()
		}
	}()
	out, err := run(t, `
		fetch('http://`+l.Addr().String()+`/', { signal: AbortSignal.timeout(100) }).catch((e) => console.log('1', e.name));
		const ac = new AbortController();
		fetch('http://`+l.Addr().String()+`/', { signal: ac.signal }).catch((e) => console.log('2', e.name, ac.signal.aborted));
		setTimeout(() => ac.abort(), 50);`)
	require.NoError(t, err)
	assert.Equal(t, "2 AbortError true\n1 TimeoutError\n", out)
}

func TestFetchVerifiesTLS(t *testing.T) {
	srv := httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {}))
	defer srv.Close()
	out, err := run(t, `fetch('`+srv.URL+`').then(() => console.log('accepted'), (e) => console.log(e.name, e.cause.code))`)
	require.NoError(t, err)
	assert.Equal(t, "TypeError CERT_INVALID\n", out)
}

func TestInvalidURL(t *testing.T) {
	out, err := run(t, `fetch('no scheme here').catch((e) => console.log(e.name, e.message));
		try { new URL('http://exa mple.com'); } catch (e) { console.log(e.code); }`)
	require.NoError(t, err)
	assert.Equal(t, "ERR_INVALID_URL\nTypeError Failed to parse URL from no scheme here\n", out, "fetch rejects; URL throws at once")
}
