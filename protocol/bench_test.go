package protocol_test

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/wsrfc/wsrfc/protocol"
)

var benchReply = []byte(`{"id":"rfc_17","success":true,"data":{"result":{"ECHOTEXT":"hello from the benchmark","RESPTEXT":"SAP R/3 Rel. 758   Sysid: WSR      Date: 20260101   Time: 120000   Logon_Data: 001/DEVELOPER/E"}}}`)

var benchType = protocol.Struct("RFCTEST",
	protocol.F("RFCFLOAT", protocol.Float()),
	protocol.F("RFCCHAR1", protocol.Char(1)),
	protocol.F("RFCINT2", protocol.Int2()),
	protocol.F("RFCINT1", protocol.Int1()),
	protocol.F("RFCCHAR4", protocol.Char(4)),
	protocol.F("RFCINT4", protocol.Int4()),
	protocol.F("RFCHEX3", protocol.Raw(3)),
	protocol.F("RFCDATE", protocol.Date()),
	protocol.F("RFCDEC", protocol.Dec(15, 2)),
	protocol.F("RFCDATA1", protocol.Char(50)),
)

var benchValue = map[string]any{
	"RFCFLOAT": 1.5, "RFCCHAR1": "X", "RFCINT2": 7, "RFCINT1": 255, "RFCCHAR4": "ABCD",
	"RFCINT4": -42, "RFCHEX3": []byte{1, 2, 3}, "RFCDATE": "2024-01-15", "RFCDEC": "1234.50", "RFCDATA1": "text",
}

func BenchmarkEncodeRequest(b *testing.B) {
	req := &protocol.Request{ID: "rfc_17", Domain: "rfc", Action: "call",
		Params: json.RawMessage(`{"function":"STFC_CONNECTION","parameters":{"REQUTEXT":"hello from the benchmark"}}`), Timeout: 120000}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := protocol.EncodeRequest(req); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkEncodeCall renders the frame of a small rfc call from its
// parameters in one pass, as the session sends every call.
func BenchmarkEncodeCall(b *testing.B) {
	params := protocol.CallParams{Function: "STFC_CONNECTION", Parameters: map[string]any{"REQUTEXT": "hello from the benchmark"}}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := protocol.EncodeRequestWith(&protocol.Request{ID: "rfc_17", Domain: "rfc", Action: "call", Timeout: 120000}, params); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkEncodeCallTwoPass is the reference BenchmarkEncodeCall is measured
// against: the parameters through encoding/json, then the envelope around them.
func BenchmarkEncodeCallTwoPass(b *testing.B) {
	params := protocol.CallParams{Function: "STFC_CONNECTION", Parameters: map[string]any{"REQUTEXT": "hello from the benchmark"}}
	b.ReportAllocs()
	for b.Loop() {
		var buf bytes.Buffer
		enc := json.NewEncoder(&buf)
		enc.SetEscapeHTML(false)
		if err := enc.Encode(params); err != nil {
			b.Fatal(err)
		}
		if _, err := protocol.EncodeRequest(&protocol.Request{ID: "rfc_17", Domain: "rfc", Action: "call", Params: buf.Bytes(), Timeout: 120000}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkDecodeFrame decodes a reply with its data, in one pass, as the
// session does for every frame.
func BenchmarkDecodeFrame(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := protocol.DecodeFrame(benchReply); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkDecodeFrameThenData is the reference DecodeFrame is measured
// against: the envelope by encoding/json, then its data decoded again (with
// json.Number), as the session once read replies.
func BenchmarkDecodeFrameThenData(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		decodeTwoPass(b, benchReply)
	}
}

func decodeTwoPass(b *testing.B, frame []byte) {
	var f struct {
		ID   string          `json:"id"`
		Data json.RawMessage `json:"data"`
	}
	if err := json.Unmarshal(frame, &f); err != nil {
		b.Fatal(err)
	}
	dec := json.NewDecoder(bytes.NewReader(f.Data))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		b.Fatal(err)
	}
}

func BenchmarkToWireStructure(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := protocol.ToWire(benchType, benchValue, "IMPORTSTRUCT"); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkFromWireStructure(b *testing.B) {
	w, err := protocol.ToWire(benchType, benchValue, "IMPORTSTRUCT")
	if err != nil {
		b.Fatal(err)
	}
	text, err := protocol.Marshal(w)
	if err != nil {
		b.Fatal(err)
	}
	var decoded any
	if err := json.Unmarshal(text, &decoded); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := protocol.FromWire(benchType, decoded, "IMPORTSTRUCT"); err != nil {
			b.Fatal(err)
		}
	}
}

// volumeLine is the line of the simulator's volume table: the shape of a
// wide RFC_READ_TABLE-sized row with every common kind.
var volumeLine = protocol.Struct("ZWSR_VOLUME",
	protocol.F("ROW_ID", protocol.Numc(10)),
	protocol.F("CATEGORY", protocol.Char(10)),
	protocol.F("CREATED_ON", protocol.Date()),
	protocol.F("CREATED_AT", protocol.Time()),
	protocol.F("AMOUNT", protocol.Dec(15, 2)),
	protocol.F("CURRENCY", protocol.Char(5)),
	protocol.F("QUANTITY", protocol.Int4()),
	protocol.F("DESCRIPTION", protocol.Char(60)),
	protocol.F("PAYLOAD", protocol.Char(160)),
)

// wireTable decodes n rows of a table as the session receives them (JSON with
// numbers as json.Number).
func wireTable(b *testing.B, line *protocol.Type, n int, row func(i int) map[string]any) []any {
	b.Helper()
	rows := make([]any, n)
	for i := range rows {
		rows[i] = row(i)
	}
	w, err := protocol.ToWire(protocol.TableOf("T", line), rows, "T")
	if err != nil {
		b.Fatal(err)
	}
	text, err := protocol.Marshal(w)
	if err != nil {
		b.Fatal(err)
	}
	dec := json.NewDecoder(bytes.NewReader(text))
	dec.UseNumber()
	var decoded []any
	if err := dec.Decode(&decoded); err != nil {
		b.Fatal(err)
	}
	return decoded
}

// BenchmarkFromWireTable converts 1,000 wide rows from their wire form: the
// per-row cost of every large table a session receives.
func BenchmarkFromWireTable(b *testing.B) {
	table := protocol.TableOf("T", volumeLine)
	rows := wireTable(b, volumeLine, 1000, func(i int) map[string]any {
		return map[string]any{"ROW_ID": i + 1, "CATEGORY": "ALPHA", "CREATED_ON": "20260101", "CREATED_AT": "120000",
			"AMOUNT": "1234.50", "CURRENCY": "EUR", "QUANTITY": i % 100, "DESCRIPTION": "Volume row", "PAYLOAD": "0123456789"}
	})
	b.ReportAllocs()
	for b.Loop() {
		if _, err := protocol.FromWire(table, rows, "DATA"); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkFromWireReadTableLines converts 1,000 RFC_READ_TABLE DATA lines
// (TAB512: one 286-character field), the rows of bench case 3.
func BenchmarkFromWireReadTableLines(b *testing.B) {
	tab512 := protocol.Struct("TAB512", protocol.F("WA", protocol.Char(512)))
	table := protocol.TableOf("T", tab512)
	line := strings.Repeat("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ", 8)[:286]
	rows := wireTable(b, tab512, 1000, func(int) map[string]any { return map[string]any{"WA": line} })
	b.ReportAllocs()
	for b.Loop() {
		if _, err := protocol.FromWire(table, rows, "DATA"); err != nil {
			b.Fatal(err)
		}
	}
}

// largeFrame is one continuation frame of the size the simulator and the ABAP
// handler send: 512 KiB of RFC_READ_TABLE lines.
func largeFrame() []byte {
	line := strings.Repeat("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ", 8)[:286]
	var buf bytes.Buffer
	buf.WriteString(`{"id":"rfc_9","success":true,"more":true,"data":{"result":{"DATA":[`)
	for i := 0; buf.Len() < 512<<10-400; i++ {
		if i > 0 {
			buf.WriteByte(',')
		}
		buf.WriteString(`{"WA":"` + line + `"}`)
	}
	buf.WriteString(`]}}}`)
	return buf.Bytes()
}

// BenchmarkLargeFrameTwoPass decodes a large frame, then its data: the
// reference for BenchmarkLargeFrameOnePass.
func BenchmarkLargeFrameTwoPass(b *testing.B) {
	frame := largeFrame()
	b.SetBytes(int64(len(frame)))
	b.ReportAllocs()
	for b.Loop() {
		decodeTwoPass(b, frame)
	}
}

// BenchmarkLargeFrameOnePass decodes it with DecodeFrame, as the session does.
func BenchmarkLargeFrameOnePass(b *testing.B) {
	frame := largeFrame()
	b.SetBytes(int64(len(frame)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := protocol.DecodeFrame(frame); err != nil {
			b.Fatal(err)
		}
	}
}
