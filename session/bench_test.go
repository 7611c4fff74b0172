package session_test

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/gorilla/websocket"

	"github.com/wsrfc/wsrfc/protocol"
	"github.com/wsrfc/wsrfc/session"
	"github.com/wsrfc/wsrfc/sim"
	"github.com/wsrfc/wsrfc/sim/simtest"
)

var benchParams = map[string]any{"REQUTEXT": "hello from the benchmark"}

// benchSession opens a session to a wsrfc-profile simulator on loopback and
// makes one call, so that the function's metadata is cached.
func benchSession(b *testing.B) *session.Session {
	b.Helper()
	_, l := simtest.Start(b, sim.Config{})
	s := simtest.Dial(b, simtest.Options(l, sim.DemoUser, sim.DemoPassword))
	if _, err := s.Call(bg, "STFC_CONNECTION", benchParams); err != nil {
		b.Fatal(err)
	}
	return s
}

// BenchmarkSmallCall is one STFC_CONNECTION round trip through the session
// client and the simulator.
func BenchmarkSmallCall(b *testing.B) {
	s := benchSession(b)
	b.ReportAllocs()
	for b.Loop() {
		out, err := s.Call(bg, "STFC_CONNECTION", benchParams)
		if err != nil {
			b.Fatal(err)
		}
		if out["ECHOTEXT"] != benchParams["REQUTEXT"] {
			b.Fatalf("echo %v", out["ECHOTEXT"])
		}
	}
}

// BenchmarkRequestParallel shares one session among parallel callers; the
// server still handles one request at a time, as APC does.
func BenchmarkRequestParallel(b *testing.B) {
	s := benchSession(b)
	b.ReportAllocs()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			if _, err := s.Call(bg, "STFC_CONNECTION", benchParams); err != nil {
				b.Error(err)
				return
			}
		}
	})
}

// BenchmarkRawEcho is the floor under BenchmarkSmallCall: the same request
// bytes written and read back by bare gorilla connections on loopback.
func BenchmarkRawEcho(b *testing.B) {
	params, err := protocol.Marshal(protocol.CallParams{Function: "STFC_CONNECTION", Parameters: benchParams})
	if err != nil {
		b.Fatal(err)
	}
	frame, err := protocol.EncodeRequest(&protocol.Request{ID: "rfc_1", Domain: "rfc", Action: "call", Params: params, Timeout: 120000})
	if err != nil {
		b.Fatal(err)
	}
	up := websocket.Upgrader{}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ws, err := up.Upgrade(w, r, nil)
		if err != nil {
			return
		}
		defer ws.Close()
		for {
			typ, msg, err := ws.ReadMessage()
			if err != nil {
				return
			}
			if err := ws.WriteMessage(typ, msg); err != nil {
				return
			}
		}
	}))
	defer srv.Close()
	ws, _, err := websocket.DefaultDialer.Dial("ws"+strings.TrimPrefix(srv.URL, "http"), nil)
	if err != nil {
		b.Fatal(err)
	}
	defer ws.Close()
	b.ReportAllocs()
	for b.Loop() {
		if err := ws.WriteMessage(websocket.TextMessage, frame); err != nil {
			b.Fatal(err)
		}
		if _, msg, err := ws.ReadMessage(); err != nil || len(msg) != len(frame) {
			b.Fatal(err, len(msg))
		}
	}
}

// readTableParams reads 20,000 lines of the simulator's volume table: about
// 6 MB of JSON in a dozen frames.
var readTableParams = map[string]any{"QUERY_TABLE": "ZWSR_VOLUME", "ROWCOUNT": 20000}

// BenchmarkCallLargeTable is a chunked reply decoded into canonical values:
// rows are converted frame by frame as they arrive.
func BenchmarkCallLargeTable(b *testing.B) {
	s := benchSession(b)
	b.ReportAllocs()
	for b.Loop() {
		out, err := s.Call(bg, "RFC_READ_TABLE", readTableParams)
		if err != nil {
			b.Fatal(err)
		}
		if n := len(out["DATA"].([]any)); n != 20000 {
			b.Fatalf("%d rows", n)
		}
	}
}

// BenchmarkCallLargeTableRows hands the same rows to CallOptions.Rows as they
// arrive, so that the session never holds the table (the JS binding's path).
func BenchmarkCallLargeTableRows(b *testing.B) {
	s := benchSession(b)
	b.ReportAllocs()
	for b.Loop() {
		n := 0
		_, err := s.Call(bg, "RFC_READ_TABLE", readTableParams, session.CallOptions{
			Rows: func(p *protocol.Parameter, _ []any, rows int) {
				if p.Name == "DATA" {
					n += rows
				}
			}})
		if err != nil {
			b.Fatal(err)
		}
		if n != 20000 {
			b.Fatalf("%d rows", n)
		}
	}
}
