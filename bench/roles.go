//go:build unix

package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"runtime/pprof"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/gorilla/websocket"

	"github.com/wsrfc/wsrfc/protocol"
	"github.com/wsrfc/wsrfc/session"
	"github.com/wsrfc/wsrfc/sim"
)

// The harness binary plays three more roles in child processes, so that every
// client is measured as a process of its own (time and peak RSS) against one
// simulator process that none of them shares a heap with.

const (
	warmupCalls = 200 // sequential calls before any timing: metadata cached, JIT and pools warm
	// blockSize is how many calls case small times at once; every client
	// reports the time of each block, and the median block counts, so that a
	// moment of load on a shared machine does not decide a ratio.
	blockSize   = 200
	echoText    = "hello from the benchmark"
	volumeTable = "ZWSR_VOLUME"
	sumColumn   = "QUANTITY"
)

// result is what a client role prints as one JSON line.
type result map[string]any

func emit(r result) error {
	b, err := json.Marshal(r)
	if err != nil {
		return err
	}
	_, err = fmt.Println(string(b))
	return err
}

// startProfile writes a CPU profile of this role when -profile DIR was given.
func startProfile(dir, name string) (stop func(), err error) {
	if dir == "" {
		return func() {}, nil
	}
	f, err := os.Create(dir + "/" + name + ".pprof")
	if err != nil {
		return nil, err
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		f.Close()
		return nil, err
	}
	return func() { pprof.StopCPUProfile(); f.Close() }, nil
}

// serveSimulator is the simulator role: it serves on a free loopback port,
// prints its URL, and ends when its stdin closes (the harness ended or died).
func serveSimulator(profileDir string, volumeRows int) error {
	stop, err := startProfile(profileDir, "sim")
	if err != nil {
		return err
	}
	defer stop()
	srv := sim.New(sim.Config{VolumeRows: volumeRows})
	l, err := srv.Start("127.0.0.1:0")
	if err != nil {
		return err
	}
	defer l.Close()
	fmt.Println(l.URL)
	_, _ = io.Copy(io.Discard, os.Stdin)
	return nil
}

// wsURL is the push channel URL of the simulator at base (http://host:port).
func wsURL(base string) string {
	return "ws" + strings.TrimPrefix(base, "http") + protocol.DefaultPath + "?sap-client=" + sim.DemoClient
}

// callFrame is the exact request envelope wsrfc's session writes for a call,
// so that the floor sends the same bytes.
func callFrame(id int, function string, parameters map[string]any) []byte {
	params, err := protocol.Marshal(protocol.CallParams{Function: function, Parameters: parameters})
	if err != nil {
		panic(err)
	}
	frame, err := protocol.EncodeRequest(&protocol.Request{ID: "rfc_" + strconv.Itoa(id), Domain: "rfc", Action: "call", Params: params, Timeout: 120000})
	if err != nil {
		panic(err)
	}
	return frame
}

// runFloor is the floor: a bare gorilla connection that writes prebuilt
// envelopes and reads the replies without decoding them. Nothing can be
// cheaper over this transport against this simulator.
func runFloor(base, kase string, count int) error {
	auth := http.Header{"Authorization": {"Basic " + base64.StdEncoding.EncodeToString([]byte(sim.DemoUser+":"+sim.DemoPassword))}}
	ws, _, err := websocket.DefaultDialer.Dial(wsURL(base), auth)
	if err != nil {
		return err
	}
	defer ws.Close()
	ws.SetReadLimit(64 << 20)
	if _, _, err := ws.ReadMessage(); err != nil { // the welcome
		return err
	}
	// readReply reads the frames of one reply: every frame but the last says "more":true
	// near its start, where the simulator writes the envelope members.
	readReply := func() (frames, size int, err error) {
		for {
			_, msg, err := ws.ReadMessage()
			if err != nil {
				return frames, size, err
			}
			frames++
			size += len(msg)
			if !bytes.Contains(msg[:min(len(msg), 96)], []byte(`"more":true`)) {
				return frames, size, nil
			}
		}
	}
	sequential := func(frames [][]byte) (time.Duration, error) {
		start := time.Now()
		for _, f := range frames {
			if err := ws.WriteMessage(websocket.TextMessage, f); err != nil {
				return 0, err
			}
			if _, _, err := readReply(); err != nil {
				return 0, err
			}
		}
		return time.Since(start), nil
	}
	echoFrames := func(first, n int, text func(int) string) [][]byte {
		out := make([][]byte, n)
		for i := range out {
			out[i] = callFrame(first+i, "STFC_CONNECTION", map[string]any{"REQUTEXT": text(i)})
		}
		return out
	}
	fixed := func(int) string { return echoText }
	numbered := func(i int) string { return "call " + strconv.Itoa(i) }
	// burst writes all frames from a goroutine while this one reads the replies.
	burst := func(frames [][]byte) (time.Duration, error) {
		start := time.Now()
		werr := make(chan error, 1)
		go func() {
			for _, f := range frames {
				if err := ws.WriteMessage(websocket.TextMessage, f); err != nil {
					werr <- err
					return
				}
			}
			werr <- nil
		}()
		for range frames {
			if _, _, err := readReply(); err != nil {
				return 0, err
			}
		}
		return time.Since(start), <-werr
	}
	out := result{"client": "floor", "case": kase}
	if kase == "pipeline" {
		// The first burst of the session, before any warm-up.
		d, err := burst(echoFrames(50000, count, numbered))
		if err != nil {
			return err
		}
		out["coldMs"] = ms(d)
	}
	if _, err := sequential(echoFrames(1, warmupCalls, fixed)); err != nil {
		return err
	}
	switch kase {
	case "small", "handoff":
		frames := make([][][]byte, count/blockSize)
		for b := range frames {
			frames[b] = echoFrames(1000+b*blockSize, blockSize, fixed)
		}
		var roundTrip func([]byte) error
		if kase == "small" {
			roundTrip = func(f []byte) error {
				if err := ws.WriteMessage(websocket.TextMessage, f); err != nil {
					return err
				}
				_, _, err := readReply()
				return err
			}
		} else {
			// The floor with the structure of any client that correlates concurrent
			// calls: one goroutine reads every reply and hands it to the waiting
			// caller over a channel. What this adds to "small" is the price of that
			// structure alone, without JSON or JS.
			replies := make(chan error, 1)
			go func() {
				for {
					_, _, err := readReply()
					replies <- err
					if err != nil {
						return
					}
				}
			}()
			roundTrip = func(f []byte) error {
				if err := ws.WriteMessage(websocket.TextMessage, f); err != nil {
					return err
				}
				return <-replies
			}
		}
		var blocks []float64
		cpu := cpuNow()
		for _, block := range frames {
			start := time.Now()
			for _, f := range block {
				if err := roundTrip(f); err != nil {
					return err
				}
			}
			blocks = append(blocks, ms(time.Since(start)))
		}
		out["cpuMs"] = ms(cpuNow() - cpu)
		out["blockMs"], out["blockSize"] = blocks, blockSize
	case "pipeline":
		n := sequentialCalls(count)
		d, err := sequential(echoFrames(10000, n, numbered))
		if err != nil {
			return err
		}
		out["sequentialMs"], out["sequentialCalls"] = ms(d), n
		if d, err = burst(echoFrames(20000, count, numbered)); err != nil {
			return err
		}
		out["pipelinedMs"], out["calls"] = ms(d), count
	case "readtable":
		start, cpu := time.Now(), cpuNow()
		if err := ws.WriteMessage(websocket.TextMessage, callFrame(30000, "RFC_READ_TABLE", readTableParams(count))); err != nil {
			return err
		}
		frames, size, err := readReply()
		if err != nil {
			return err
		}
		out["ms"], out["cpuMs"], out["frames"], out["bytes"] = ms(time.Since(start)), ms(cpuNow()-cpu), frames, size
	default:
		return fmt.Errorf("unknown case %q", kase)
	}
	return emit(out)
}

// runSession is a Go caller of package session: the library's cost without JS.
func runSession(base, kase string, count int, profileDir string) error {
	ctx := context.Background()
	s, err := session.Dial(ctx, session.Options{URL: base, Client: sim.DemoClient, User: sim.DemoUser, Password: sim.DemoPassword})
	if err != nil {
		return err
	}
	defer s.Close()
	echo := func(text string) error {
		r, err := s.Call(ctx, "STFC_CONNECTION", map[string]any{"REQUTEXT": text})
		if err != nil {
			return err
		}
		if r["ECHOTEXT"] != text {
			return fmt.Errorf("echo %q for %q", r["ECHOTEXT"], text)
		}
		return nil
	}
	// burst is count calls in flight at once, as the sap module's callAsync
	// makes them: no goroutine per call, and the session's writer coalesces
	// the burst.
	burst := func(first, count int) (time.Duration, error) {
		start := time.Now()
		var wg sync.WaitGroup
		errs := make([]error, count)
		for i := range count {
			text := "call " + strconv.Itoa(first+i)
			wg.Add(1)
			s.CallAsync(ctx, "STFC_CONNECTION", map[string]any{"REQUTEXT": text}, session.CallOptions{}, func(r map[string]any, err error) {
				defer wg.Done()
				if err == nil && r["ECHOTEXT"] != text {
					err = fmt.Errorf("echo %q for %q", r["ECHOTEXT"], text)
				}
				errs[i] = err
			})
		}
		wg.Wait()
		return time.Since(start), errors.Join(errs...)
	}
	out := result{"client": "session", "case": kase}
	if kase == "pipeline" {
		// The first burst of the session, before any warm-up.
		d, err := burst(0, count)
		if err != nil {
			return err
		}
		out["coldMs"] = ms(d)
	}
	for range warmupCalls {
		if err := echo(echoText); err != nil {
			return err
		}
	}
	stop, err := startProfile(profileDir, "session-"+kase)
	if err != nil {
		return err
	}
	defer stop()
	switch kase {
	case "small":
		var blocks []float64
		cpu := cpuNow()
		for range count / blockSize {
			start := time.Now()
			for range blockSize {
				if err := echo(echoText); err != nil {
					return err
				}
			}
			blocks = append(blocks, ms(time.Since(start)))
		}
		out["cpuMs"] = ms(cpuNow() - cpu)
		out["blockMs"], out["blockSize"] = blocks, blockSize
	case "pipeline":
		n := sequentialCalls(count)
		start := time.Now()
		for i := range n {
			if err := echo("call " + strconv.Itoa(i)); err != nil {
				return err
			}
		}
		out["sequentialMs"], out["sequentialCalls"] = ms(time.Since(start)), n
		d, err := burst(count, count)
		if err != nil {
			return err
		}
		out["pipelinedMs"], out["calls"] = ms(d), count
	case "readtable":
		start, cpu := time.Now(), cpuNow()
		r, err := s.Call(ctx, "RFC_READ_TABLE", readTableParams(count))
		if err != nil {
			return err
		}
		sum, rows, err := sumVolume(r)
		if err != nil {
			return err
		}
		out["ms"], out["cpuMs"], out["rows"], out["sum"] = ms(time.Since(start)), ms(cpuNow()-cpu), rows, sum
	default:
		return fmt.Errorf("unknown case %q", kase)
	}
	return emit(out)
}

// sumVolume adds up the QUANTITY column of an RFC_READ_TABLE result, cutting
// it out of the fixed-width DATA lines at the offset FIELDS gives.
func sumVolume(r map[string]any) (sum int64, rows int, err error) {
	fields, _ := r["FIELDS"].([]any)
	off, length := -1, 0
	for _, f := range fields {
		m := f.(map[string]any)
		if m["FIELDNAME"] == sumColumn {
			off, _ = strconv.Atoi(m["OFFSET"].(string))
			length, _ = strconv.Atoi(m["LENGTH"].(string))
		}
	}
	if off < 0 {
		return 0, 0, fmt.Errorf("no %s in FIELDS", sumColumn)
	}
	data, _ := r["DATA"].([]any)
	for _, row := range data {
		wa := row.(map[string]any)["WA"].(string)
		n, err := strconv.ParseInt(strings.TrimSpace(wa[off:min(off+length, len(wa))]), 10, 64)
		if err != nil {
			return 0, 0, err
		}
		sum += n
	}
	return sum, len(data), nil
}

// cpuNow is the CPU time this process has used so far, user and system.
func cpuNow() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(syscall.TimevalToNsec(ru.Utime) + syscall.TimevalToNsec(ru.Stime))
}

// sequentialCalls is how many calls case pipeline makes one after the other,
// for the speed-up it notes.
func sequentialCalls(count int) int { return min(count, 1000) }

// readTableFields is the projection case readtable reads: a whole line of
// ZWSR_VOLUME is 286 characters, so a million of them (296 MB of JSON) would
// exceed the reply limit of the handler and of the session (64 MiB); these
// four fields make a 45-character line, 55 MB at a million rows.
var readTableFields = []string{"ROW_ID", "CREATED_ON", "AMOUNT", sumColumn}

// readTableParams asks for the first rows of the volume table.
func readTableParams(rows int) map[string]any {
	fields := make([]any, len(readTableFields))
	for i, f := range readTableFields {
		fields[i] = map[string]any{"FIELDNAME": f}
	}
	return map[string]any{"QUERY_TABLE": volumeTable, "ROWCOUNT": rows, "FIELDS": fields}
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

// readURL reads the first line a simulator child prints: its base URL.
func readURL(r io.Reader) (string, error) {
	line, err := bufio.NewReader(r).ReadString('\n')
	if err != nil {
		return "", fmt.Errorf("the simulator did not start: %w", err)
	}
	return strings.TrimSpace(line), nil
}
