package sim_test

// Contract tests: the JSON examples in testdata/contract document the frames
// the ABAP handler (abap/, ZCL_VSP_APC_HANDLER) sends and accepts, one case
// per file. Each case is played against the simulator's wsrfc profile over a
// raw WebSocket, so an example cannot drift from the protocol the Go side speaks.
//
// A case file has:
//
//	description  what the example shows
//	welcome      true: the expected response is the session's welcome frame
//	request      the request frame, or
//	requestText  the raw text of a frame (for frames that are not valid JSON)
//	response     the expected frame
//	chunked      true: the reply is split into "more" frames; response is the
//	             merge of all frames' data (objects merged, arrays concatenated)
//	server       simulator settings: maxFrameBytes
//	simulatorGap why the simulator does not yet answer as documented; the
//	             case is skipped while it differs and fails once it matches,
//	             so that the note is removed when the simulator catches up
//
// In expected values "<any>" matches anything, "<string>", "<number>" and
// "<bool>" any value of that JSON type, and "<...>" as the last item of an
// array any further items. Objects must have exactly the expected members.

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math/big"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/gorilla/websocket"

	"github.com/wsrfc/wsrfc/protocol"
	"github.com/wsrfc/wsrfc/sim"
	"github.com/wsrfc/wsrfc/sim/simtest"
)

type contractCase struct {
	Description  string          `json:"description"`
	Welcome      bool            `json:"welcome"`
	Request      json.RawMessage `json:"request"`
	RequestText  string          `json:"requestText"`
	Response     json.RawMessage `json:"response"`
	Chunked      bool            `json:"chunked"`
	SimulatorGap string          `json:"simulatorGap"`
	Server       struct {
		MaxFrameBytes int `json:"maxFrameBytes"`
	} `json:"server"`
}

func TestContract(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("testdata", "contract", "*.json"))
	if err != nil {
		t.Fatal(err)
	}
	if len(files) == 0 {
		t.Fatal("no contract cases in testdata/contract")
	}
	for _, file := range files {
		name := strings.TrimSuffix(filepath.Base(file), ".json")
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			c := contractLoad(t, file)
			conn, maxFrame := contractDial(t, c)
			got := contractRead(t, conn)
			if !c.Welcome {
				frame := []byte(c.RequestText)
				if c.RequestText == "" {
					frame = c.Request
				}
				if err := conn.WriteMessage(websocket.TextMessage, frame); err != nil {
					t.Fatalf("send: %v", err)
				}
				got = contractReply(t, conn, c.Chunked, maxFrame)
			}
			diffs := contractDiff(contractDecode(t, c.Response), got)
			switch {
			case c.SimulatorGap != "" && len(diffs) > 0:
				t.Skipf("documented behaviour not in the simulator yet (%s):\n  %s", c.SimulatorGap, strings.Join(diffs, "\n  "))
			case c.SimulatorGap != "":
				t.Errorf("the simulator now answers as documented: remove simulatorGap from %s", file)
			case len(diffs) > 0:
				raw, _ := json.MarshalIndent(got, "", "  ")
				t.Errorf("response does not match the documented shape:\n  %s\ngot:\n%s", strings.Join(diffs, "\n  "), raw)
			}
		})
	}
}

func contractLoad(t *testing.T, file string) *contractCase {
	t.Helper()
	raw, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	var c contractCase
	if err := json.Unmarshal(raw, &c); err != nil {
		t.Fatalf("%s: %v", file, err)
	}
	if c.Description == "" || len(c.Response) == 0 {
		t.Fatalf("%s: description and response are required", file)
	}
	if !c.Welcome && len(c.Request) == 0 && c.RequestText == "" {
		t.Fatalf("%s: request or requestText is required", file)
	}
	return &c
}

// contractDial starts a simulator with the contract modules and opens a raw
// WebSocket to it as the demo user, the way any client of the handler does.
func contractDial(t *testing.T, c *contractCase) (*websocket.Conn, int) {
	t.Helper()
	srv := sim.New(sim.Config{Profile: sim.ProfileWsrfc, MaxFrameBytes: c.Server.MaxFrameBytes})
	contractModules(t, srv)
	// S_RFC for every group but ZVSP_NOAUTH (call_not_authorized), named one
	// by one as on a system where the role lists them, not as "*".
	var groups []string
	seen := map[string]bool{}
	for _, f := range srv.Functions() {
		if f.Group != "ZVSP_NOAUTH" && !seen[f.Group] {
			seen[f.Group] = true
			groups = append(groups, f.Group)
		}
	}
	srv.AddUser(sim.User{Name: sim.DemoUser, Password: sim.DemoPassword, Client: sim.DemoClient,
		RFCAuth: groups, Debug: true, FirstName: "Developer", LastName: "Trial"})
	l := simtest.Serve(t, srv)

	return simtest.DialWS(t, l), srv.Config().MaxFrameBytes
}

func contractRead(t *testing.T, conn *websocket.Conn) any {
	t.Helper()
	_ = conn.SetReadDeadline(time.Now().Add(10 * time.Second))
	typ, msg, err := conn.ReadMessage()
	if err != nil {
		t.Fatalf("read: %v", err)
	}
	if typ != websocket.TextMessage {
		t.Fatalf("frame type %d, want a text frame", typ)
	}
	return contractDecode(t, msg)
}

// contractReply reads the answer to the request: one frame, or for a chunked
// reply every "more" frame and the last one, merged as a client merges them.
func contractReply(t *testing.T, conn *websocket.Conn, chunked bool, maxFrame int) any {
	t.Helper()
	first := contractRead(t, conn)
	if !chunked {
		return first
	}
	frames := []map[string]any{}
	for cur := first; ; cur = contractRead(t, conn) {
		f, ok := cur.(map[string]any)
		if !ok {
			t.Fatalf("frame is not an object: %v", cur)
		}
		frames = append(frames, f)
		if more, _ := f["more"].(bool); !more {
			break
		}
		if raw, _ := json.Marshal(f); len(raw) > maxFrame {
			t.Errorf("a \"more\" frame has %d bytes, more than maxFrameBytes %d", len(raw), maxFrame)
		}
	}
	if len(frames) < 2 {
		t.Fatalf("expected a reply split into several frames, got %d", len(frames))
	}
	merged := map[string]any{}
	var data any
	for _, f := range frames {
		if f["id"] != frames[0]["id"] {
			t.Fatalf("frames of one reply carry different ids: %v, %v", frames[0]["id"], f["id"])
		}
		data = protocol.MergeData(data, f["data"])
		for k, v := range f {
			if k != "more" && k != "data" {
				merged[k] = v
			}
		}
	}
	merged["data"] = data
	return merged
}

func contractDecode(t *testing.T, raw []byte) any {
	t.Helper()
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, raw)
	}
	return v
}

// contractDiff lists where got differs from the documented shape want.
func contractDiff(want, got any) []string {
	var diffs []string
	contractMatch("$", want, got, &diffs)
	return diffs
}

func contractMatch(path string, want, got any, diffs *[]string) {
	fail := func(format string, args ...any) {
		*diffs = append(*diffs, path+": "+fmt.Sprintf(format, args...))
	}
	switch w := want.(type) {
	case string:
		switch w {
		case "<any>":
			return
		case "<string>":
			if _, ok := got.(string); !ok {
				fail("want a string, got %#v", got)
			}
			return
		case "<number>":
			if _, ok := got.(json.Number); !ok {
				fail("want a number, got %#v", got)
			}
			return
		case "<bool>":
			if _, ok := got.(bool); !ok {
				fail("want a boolean, got %#v", got)
			}
			return
		}
		if g, ok := got.(string); !ok || g != w {
			fail("want %q, got %#v", w, got)
		}
	case json.Number:
		g, ok := got.(json.Number)
		if !ok {
			fail("want the number %s, got %#v", w, got)
			return
		}
		// Numbers are compared by value, exactly: 1.5 equals 1.50, and an
		// INT8 beyond 2^53 must arrive unrounded.
		wr, wok := new(big.Rat).SetString(w.String())
		gr, gok := new(big.Rat).SetString(g.String())
		if !wok || !gok || wr.Cmp(gr) != 0 {
			fail("want %s, got %s", w, g)
		}
	case bool, nil:
		if got != want {
			fail("want %v, got %#v", want, got)
		}
	case []any:
		g, ok := got.([]any)
		if !ok {
			fail("want an array, got %#v", got)
			return
		}
		open := len(w) > 0 && w[len(w)-1] == "<...>"
		if open {
			w = w[:len(w)-1]
		}
		if len(g) < len(w) || (!open && len(g) != len(w)) {
			fail("want %d items, got %d", len(w), len(g))
			return
		}
		for i := range w {
			contractMatch(fmt.Sprintf("%s[%d]", path, i), w[i], g[i], diffs)
		}
	case map[string]any:
		g, ok := got.(map[string]any)
		if !ok {
			fail("want an object, got %#v", got)
			return
		}
		keys := make([]string, 0, len(w)+len(g))
		for k := range w {
			keys = append(keys, k)
		}
		for k := range g {
			if _, dup := w[k]; !dup {
				keys = append(keys, k)
			}
		}
		sort.Strings(keys)
		for _, k := range keys {
			wv, inWant := w[k]
			gv, inGot := g[k]
			switch {
			case !inWant:
				*diffs = append(*diffs, fmt.Sprintf("%s.%s: unexpected member (%#v)", path, k, gv))
			case !inGot:
				*diffs = append(*diffs, fmt.Sprintf("%s.%s: missing", path, k))
			default:
				contractMatch(path+"."+k, wv, gv, diffs)
			}
		}
	default:
		fail("unsupported expected value %#v", want)
	}
}

// contractModules defines the function modules the cases call, with the
// interfaces the ABAP handler reads from a system: DDIC names where SE11 has
// them, TABLES parameters as unnamed tables of their line type.
func contractModules(t *testing.T, srv *sim.Server) {
	t.Helper()
	all := protocol.Struct("ZCONTRACT_ALL",
		protocol.F("CHAR10", protocol.Char(10)),
		protocol.F("NUMC6", protocol.Numc(6)),
		protocol.F("DATS", protocol.Date()),
		protocol.F("TIMS", protocol.Time()),
		protocol.F("STRING", protocol.String()),
		protocol.F("INT1", protocol.Int1()),
		protocol.F("INT2", protocol.Int2()),
		protocol.F("INT4", protocol.Int4()),
		protocol.F("INT8", protocol.Int8()),
		protocol.F("FLTP", protocol.Float()),
		protocol.F("DEC", protocol.Dec(13, 4).AsDDIC("CURR")),
		protocol.F("DF34", protocol.DecF34().AsDDIC("DF34_DEC")),
		protocol.F("RAW4", protocol.Raw(4)),
		protocol.F("XSTRING", protocol.XString()),
	)
	item := protocol.Struct("ZCONTRACT_ITEM",
		protocol.F("POSNR", protocol.Numc(6)),
		protocol.F("QUANTITY", protocol.Dec(13, 3).AsDDIC("QUAN")),
		protocol.F("TAGS", protocol.TableOf("ZCONTRACT_TAGS", protocol.Char(10))),
	)
	row := protocol.Struct("ZCONTRACT_ROW",
		protocol.F("ROW", protocol.Int4()),
		protocol.F("TEXT", protocol.Char(40)),
	)
	flag := protocol.Char(1).Named("FLAG")
	int4 := protocol.Int4().Named("INT4")
	param := func(name string, kind protocol.ParamKind, typing string, dt *protocol.Type, optional bool, def, text string) protocol.Parameter {
		return protocol.Parameter{Name: name, Kind: kind, Type: typing, Optional: optional, Default: def, Description: text, DataType: dt}
	}
	fns := []*sim.Function{
		{
			Name: "Z_CONTRACT_TYPES", Group: "ZCONTRACT", Description: "Contract test: every wire type",
			Params: []protocol.Parameter{
				param("IS_ALL", protocol.Importing, "ZCONTRACT_ALL", all, false, "", "All types"),
				param("IV_FLAG", protocol.Importing, "FLAG", flag, true, "'X'", "A flag with a default"),
				param("ES_ALL", protocol.Exporting, "ZCONTRACT_ALL", all, true, "", "Echo of IS_ALL"),
				param("EV_FLAG", protocol.Exporting, "FLAG", flag, true, "", "Echo of IV_FLAG"),
				param("CV_COUNTER", protocol.Changing, "INT4", int4, true, "", "Incremented by one"),
				param("ET_ITEMS", protocol.Tables, "ZCONTRACT_ITEM", protocol.TableOf("", item), true, "", "Two items"),
			},
			Handler: func(c *sim.Call) error {
				c.Set("ES_ALL", c.Struct("IS_ALL"))
				c.Set("EV_FLAG", c.String("IV_FLAG"))
				c.Set("CV_COUNTER", c.Int("CV_COUNTER")+1)
				c.Set("ET_ITEMS", []any{
					map[string]any{"POSNR": "10", "QUANTITY": "1.5", "TAGS": []any{"red", "large"}},
					map[string]any{"POSNR": "20", "QUANTITY": "-2"},
				})
				return nil
			},
		},
		{
			Name: "Z_CONTRACT_FAIL", Group: "ZCONTRACT", Description: "Contract test: ways to fail",
			Params: []protocol.Parameter{
				param("IV_MODE", protocol.Importing, "CHAR10", protocol.Char(10).Named("CHAR10"), false, "", "EXCEPTION, RAISE, MESSAGE or CLASS"),
			},
			Exceptions: []protocol.Exception{{Name: "NOT_FOUND", Description: "Entry not found"}, {Name: "INVALID", Description: "Invalid mode"}},
			Handler: func(c *sim.Call) error {
				switch c.String("IV_MODE") {
				case "EXCEPTION":
					return sim.Raise("NOT_FOUND", sim.T100("E", "ZCONTRACT", "001", "Entry & not found", "42"))
				case "RAISE":
					return sim.Raise("INVALID")
				case "MESSAGE":
					return sim.ErrorMessage(sim.T100("E", "ZCONTRACT", "002", "Mode & is not allowed", "MESSAGE"))
				case "CLASS":
					return sim.ClassException("CX_SY_ZERODIVIDE", "Division by zero")
				}
				return nil
			},
		},
		{
			Name: "Z_CONTRACT_ROWS", Group: "ZCONTRACT", Description: "Contract test: many rows",
			Params: []protocol.Parameter{
				param("IV_COUNT", protocol.Importing, "INT4", int4, false, "", "Number of rows"),
				param("ET_ROWS", protocol.Tables, "ZCONTRACT_ROW", protocol.TableOf("", row), true, "", "The rows"),
			},
			Handler: func(c *sim.Call) error {
				rows := make([]any, 0, c.Int("IV_COUNT"))
				for i := int64(1); i <= c.Int("IV_COUNT"); i++ {
					rows = append(rows, map[string]any{"ROW": i, "TEXT": fmt.Sprintf("row %d of a reply split into frames", i)})
				}
				c.Set("ET_ROWS", rows)
				return nil
			},
		},
		{
			Name: "Z_CONTRACT_LOCAL", Group: "ZCONTRACT", Description: "Contract test: not remote-enabled", NotRemote: true,
			Handler: func(*sim.Call) error { return nil },
		},
		{
			Name: "Z_VSP_NOAUTH", Group: "ZVSP_NOAUTH", Description: "Contract test: a group without S_RFC",
			Handler: func(*sim.Call) error { return nil },
		},
		{
			Name: "RFC_ABAP_INSTALL_AND_RUN", Group: "SUTL", Description: "Generic code execution (on the deny-list)",
			Handler: func(*sim.Call) error { return nil },
		},
	}
	for _, f := range fns {
		if err := srv.Define(f); err != nil {
			t.Fatalf("define %s: %v", f.Name, err)
		}
	}
}
