//go:build unix

// Command bench measures wsrfc against the floor and the peers on one
// simulator on loopback, and prints each target with its ratio and PASS/MISS:
//
//	go run ./bench
//
// Clients: the floor (a bare gorilla/websocket connection sending the same
// envelope bytes and reading the replies undecoded), Go callers of package
// session, Node.js with the ws package (bench/peer.js, installed with npm ci
// into bench/node_modules), and JS run by the wsrfc binary (bench/cases.js,
// built once into bench/out). Every client is a process of its own talking to
// one simulator process, so times and peak memory are measured alike.
// docs/benchmarks.md explains the cases, the targets and the last results.
package main

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/wsrfc/wsrfc/sim"
)

func main() {
	role := flag.String("role", "", "internal: play a child role (sim, floor, session)")
	url := flag.String("url", "", "internal: the simulator's base URL")
	kase := flag.String("case", "", "internal: the case a client role runs")
	count := flag.Int("count", 0, "internal: calls per measurement")
	reps := flag.Int("reps", 3, "runs of each measurement: the best time and the median memory are reported")
	calls := flag.Int("calls", 2000, "sequential calls timed in case 1 (in blocks of 200)")
	pipelined := flag.Int("pipelined", 1000, "calls in flight at once in case 2")
	profile := flag.String("profile", "", "write CPU profiles of the simulator and the Go session client into this folder")
	only := flag.String("cases", "small,pipeline,readtable,coldstart,idle", "the cases to run, comma-separated")
	flag.Parse()

	var err error
	switch *role {
	case "":
		err = harness(*reps, *calls, *pipelined, *profile, strings.Split(*only, ","))
	case "sim":
		err = serveSimulator(*profile)
	case "floor":
		err = runFloor(*url, *kase, *count)
	case "session":
		err = runSession(*url, *kase, *count, *profile)
	default:
		err = fmt.Errorf("unknown role %q", *role)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "bench:", err)
		os.Exit(1)
	}
}

// clients in the order of the table's columns.
var clients = []string{"floor", "session", "node", "wsrfc"}

var columnTitle = map[string]string{"floor": "floor", "session": "Go session", "node": "node + ws", "wsrfc": "wsrfc JS"}

// setup is what the harness prepared: paths and the running simulator.
type setup struct {
	root, self, wsrfc, node string
	simURL                  string
	env                     []string // for every child: the simulator's password for wsrfc
	profile                 string
}

func harness(reps, calls, pipelined int, profile string, cases []string) error {
	if reps < 1 || reps > 15 || calls < blockSize || calls > 100000 || calls%blockSize != 0 || pipelined < 1 || pipelined > 100000 {
		return fmt.Errorf("-reps must be 1..15, -calls a multiple of %d up to 100000, -pipelined 1..100000", blockSize)
	}
	s, stop, err := prepare(profile)
	if err != nil {
		return err
	}
	defer stop()
	fmt.Printf("wsrfc benchmarks, %s\nmachine: %s\nload average before: %s\nsimulator: %s (one process; every client is a process of its own)\ntimes: best of %d runs (case 1: the median block of %d calls in each run); memory: median\n\n",
		time.Now().Format("2006-01-02 15:04"), machine(s.node), loadAverage(), s.simURL, reps, blockSize)

	t := &table{}
	steps := []struct {
		name string
		run  func() error
	}{
		{"small", func() error { return caseSmall(s, t, reps, calls) }},
		{"pipeline", func() error { return casePipeline(s, t, reps, pipelined) }},
		{"readtable", func() error { return caseReadTable(s, t, reps) }},
		{"coldstart", func() error { return caseColdStart(s, t, max(reps, 5)) }},
		{"idle", func() error { return caseIdle(s, t) }},
	}
	for _, step := range steps {
		if !slices.Contains(cases, step.name) {
			continue
		}
		if err := step.run(); err != nil {
			return err
		}
	}
	t.print(os.Stdout)
	fmt.Printf("load average after: %s\n", loadAverage())
	return nil
}

// prepare builds wsrfc, installs the node peer's ws package and starts the simulator.
func prepare(profile string) (*setup, func(), error) {
	root, err := moduleRoot()
	if err != nil {
		return nil, nil, err
	}
	self, err := os.Executable()
	if err != nil {
		return nil, nil, err
	}
	node, err := exec.LookPath("node")
	if err != nil {
		return nil, nil, errors.New("node is not on PATH: the peer benchmarks need Node.js 20 or newer")
	}
	out := filepath.Join(root, "bench", "out")
	if err := os.MkdirAll(out, 0o755); err != nil {
		return nil, nil, err
	}
	if profile != "" {
		if profile, err = filepath.Abs(profile); err != nil {
			return nil, nil, err
		}
		if err := os.MkdirAll(profile, 0o755); err != nil {
			return nil, nil, err
		}
	}
	s := &setup{root: root, self: self, node: node, wsrfc: filepath.Join(out, "wsrfc"), profile: profile, env: childEnv()}
	fmt.Fprintln(os.Stderr, "building wsrfc …")
	build := exec.Command("go", "build", "-o", s.wsrfc, "./cmd/wsrfc")
	build.Dir, build.Stdout, build.Stderr = root, os.Stderr, os.Stderr
	if err := build.Run(); err != nil {
		return nil, nil, fmt.Errorf("go build ./cmd/wsrfc: %w", err)
	}
	if err := installPeer(root); err != nil {
		return nil, nil, err
	}
	args := []string{"-role", "sim"}
	if profile != "" {
		args = append(args, "-profile", profile)
	}
	cmd := exec.Command(self, args...)
	cmd.Stderr = os.Stderr
	stdin, err := cmd.StdinPipe()
	if err != nil {
		return nil, nil, err
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return nil, nil, err
	}
	if err := cmd.Start(); err != nil {
		return nil, nil, err
	}
	stop := func() {
		_ = stdin.Close() // the simulator ends when its stdin closes
		done := make(chan struct{})
		go func() { _ = cmd.Wait(); close(done) }()
		select {
		case <-done:
		case <-time.After(5 * time.Second):
			_ = cmd.Process.Kill()
			<-done
		}
	}
	if s.simURL, err = readURL(stdout); err != nil {
		stop()
		return nil, nil, err
	}
	return s, stop, nil
}

// childEnv is the environment of every client: the caller's, without any SAP
// system or destination of theirs, plus the simulator's password for wsrfc.
func childEnv() []string {
	env := slices.DeleteFunc(os.Environ(), func(kv string) bool {
		return strings.HasPrefix(kv, "SAP_") || strings.HasPrefix(kv, "WSRFC_")
	})
	return append(env, "SAP_PASSWORD="+sim.DemoPassword)
}

// installPeer runs npm ci in bench/ unless the locked ws version is already there.
func installPeer(root string) error {
	dir := filepath.Join(root, "bench")
	var lock struct {
		Packages map[string]struct {
			Version string `json:"version"`
		} `json:"packages"`
	}
	var installed struct {
		Version string `json:"version"`
	}
	if err := readJSON(filepath.Join(dir, "package-lock.json"), &lock); err != nil {
		return err
	}
	want := lock.Packages["node_modules/ws"].Version
	if readJSON(filepath.Join(dir, "node_modules", "ws", "package.json"), &installed) == nil && installed.Version == want && want != "" {
		return nil
	}
	fmt.Fprintln(os.Stderr, "installing the node peer's ws package (npm ci) …")
	npm := exec.Command("npm", "ci", "--no-audit", "--no-fund")
	npm.Dir, npm.Stdout, npm.Stderr = dir, os.Stderr, os.Stderr
	if err := npm.Run(); err != nil {
		return fmt.Errorf("npm ci in bench/: %w", err)
	}
	return nil
}

func readJSON(path string, v any) error {
	b, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	return json.Unmarshal(b, v)
}

// moduleRoot finds the checkout from the working directory upwards.
func moduleRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if b, err := os.ReadFile(filepath.Join(dir, "go.mod")); err == nil && strings.Contains(string(b), "module github.com/wsrfc/wsrfc\n") {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", errors.New("run the harness inside the wsrfc checkout: go run ./bench")
		}
		dir = parent
	}
}

// clientCommand is the command line of one client for one case.
func (s *setup) clientCommand(client, kase string, count int) (string, []string) {
	n := strconv.Itoa(count)
	switch client {
	case "floor", "session":
		args := []string{"-role", client, "-url", s.simURL, "-case", kase, "-count", n}
		if s.profile != "" && client == "session" {
			args = append(args, "-profile", s.profile)
		}
		return s.self, args
	case "node":
		return s.node, []string{filepath.Join(s.root, "bench", "peer.js"), kase, wsURL(s.simURL), n}
	}
	return s.wsrfc, []string{"run", "--url", s.simURL, "--client", sim.DemoClient, "--user", sim.DemoUser,
		filepath.Join(s.root, "bench", "cases.js"), kase, n}
}

// measure runs every client reps times, interleaved so that a noisy moment of
// the machine hits all clients alike, and returns the runs per client.
func (s *setup) measure(kase string, count, reps int) (map[string][]*run, error) {
	fmt.Fprintf(os.Stderr, "case %s …\n", kase)
	runs := map[string][]*run{}
	for range reps {
		for _, c := range clients {
			name, args := s.clientCommand(c, kase, count)
			r, err := runChild(s.env, name, args...)
			if err != nil {
				return nil, err
			}
			if r.out == nil {
				return nil, fmt.Errorf("%s printed no result for case %s", c, kase)
			}
			runs[c] = append(runs[c], r)
		}
	}
	return runs, nil
}

// best is the lowest value of a metric over runs: times on a shared machine
// only ever come out too high, so the best run is the closest to the cost of
// the code itself. Every client is measured the same way, in the same run.
func best(runs []*run, metric func(*run) float64) float64 {
	v := make([]float64, len(runs))
	for i, r := range runs {
		v[i] = metric(r)
	}
	return slices.Min(v)
}

// median of a metric over runs.
func median(runs []*run, metric func(*run) float64) float64 {
	v := make([]float64, len(runs))
	for i, r := range runs {
		v[i] = metric(r)
	}
	return medianOf(v)
}

func medianOf(v []float64) float64 {
	if len(v) == 0 {
		return 0
	}
	v = slices.Sorted(slices.Values(v))
	if len(v)%2 == 1 {
		return v[len(v)/2]
	}
	return (v[len(v)/2-1] + v[len(v)/2]) / 2
}

func field(name string) func(*run) float64 {
	return func(r *run) float64 { f, _ := r.out[name].(float64); return f }
}

func peakMiB(r *run) float64 { return float64(r.peakKiB) / 1024 }

// medianBlockMicros is a run's latency per call: its median block of calls.
func medianBlockMicros(r *run) float64 {
	raw, _ := r.out["blockMs"].([]any)
	size, _ := r.out["blockSize"].(float64)
	blocks := make([]float64, len(raw))
	for i, b := range raw {
		blocks[i], _ = b.(float64)
	}
	if size == 0 {
		return 0
	}
	return medianOf(blocks) * 1000 / size
}

func caseSmall(s *setup, t *table, reps, calls int) error {
	runs, err := s.measure("small", calls, reps)
	if err != nil {
		return err
	}
	var handoff []*run
	for range reps {
		name, args := s.clientCommand("floor", "handoff", calls)
		r, err := runChild(s.env, name, args...)
		if err != nil {
			return err
		}
		handoff = append(handoff, r)
	}
	perCall := map[string]float64{}
	for _, c := range clients {
		perCall[c] = best(runs[c], medianBlockMicros)
	}
	t.section("1  one small call (STFC_CONNECTION), sequential")
	t.row("µs per call", perCall, "%.1f",
		check{"wsrfc JS ≤ 1.5× floor", perCall["wsrfc"] / perCall["floor"], 1.5, atMost},
		check{"wsrfc JS < node + ws", perCall["wsrfc"] / perCall["node"], 1, below})
	cpu := map[string]float64{}
	for _, c := range clients {
		cpu[c] = best(runs[c], func(r *run) float64 { return float64(r.cpu.Microseconds()) / float64(calls+warmupCalls) })
	}
	t.row("client CPU µs per call (with start-up)", cpu, "%.1f")
	floorHandoff := best(handoff, medianBlockMicros)
	t.info(fmt.Sprintf("the floor with a reader goroutine handing each reply to the caller over a channel: %.1f µs, %.2f× the floor", floorHandoff, floorHandoff/perCall["floor"]))
	t.info(fmt.Sprintf("Go session / floor %.2f×", perCall["session"]/perCall["floor"]))
	t.info("wsrfc JS / floor in each run (they ran interleaved): " + perRun(reps, func(i int) float64 {
		return medianBlockMicros(runs["wsrfc"][i]) / medianBlockMicros(runs["floor"][i])
	}))
	return nil
}

// perRun lists a ratio for each of reps runs, to show how far the runs of a
// noisy machine spread around the ratio of the best times.
func perRun(reps int, ratio func(i int) float64) string {
	parts := make([]string, reps)
	for i := range parts {
		parts[i] = fmt.Sprintf("%.2f×", ratio(i))
	}
	return strings.Join(parts, ", ")
}

func casePipeline(s *setup, t *table, reps, n int) error {
	runs, err := s.measure("pipeline", n, reps)
	if err != nil {
		return err
	}
	seq, pipe, speedup := map[string]float64{}, map[string]float64{}, map[string]float64{}
	for _, c := range clients {
		seq[c] = best(runs[c], field("sequentialMs"))
		pipe[c] = best(runs[c], field("pipelinedMs"))
		speedup[c] = seq[c] / pipe[c]
	}
	t.section(fmt.Sprintf("2  %d calls on one session: sequential vs all in flight (callAsync + Promise.all)", n))
	t.row("sequential, ms", seq, "%.0f")
	t.row("pipelined, ms", pipe, "%.0f")
	t.row("speed-up (sequential / pipelined)", speedup, "%.1f×",
		check{"wsrfc JS pipelined ≥ 5× sequential", speedup["wsrfc"], 5, atLeast})
	// The simulator serves one request at a time per session, as APC does, so
	// no client can pipeline faster than the floor: that bounds the speed-up.
	t.info(fmt.Sprintf("bound set by the simulator: wsrfc sequential / floor pipelined = %.1f×", seq["wsrfc"]/pipe["floor"]))
	t.info("wsrfc JS speed-up in each run: " + perRun(reps, func(i int) float64 {
		return field("sequentialMs")(runs["wsrfc"][i]) / field("pipelinedMs")(runs["wsrfc"][i])
	}))
	return nil
}

func caseReadTable(s *setup, t *table, reps int) error {
	runs, err := s.measure("readtable", 0, reps)
	if err != nil {
		return err
	}
	for _, c := range []string{"session", "node", "wsrfc"} {
		for _, r := range runs[c] {
			if got, want := field("sum")(r), float64(volumeQuantitySum); got != want {
				return fmt.Errorf("%s summed QUANTITY to %.0f, want %.0f", c, got, want)
			}
		}
	}
	tm, rss := map[string]float64{}, map[string]float64{}
	for _, c := range clients {
		tm[c] = best(runs[c], field("ms"))
		rss[c] = median(runs[c], peakMiB)
	}
	mb := median(runs["floor"], field("bytes")) / 1e6
	frames := median(runs["floor"], field("frames"))
	t.section(fmt.Sprintf("3  RFC_READ_TABLE %s, 100,000 rows (%.1f MB of JSON in %.0f frames) into JS objects, sum of %s", volumeTable, mb, frames, sumColumn))
	t.row("time, ms", tm, "%.0f", check{"wsrfc JS ≤ 2× node + ws", tm["wsrfc"] / tm["node"], 2, atMost})
	t.row("peak RSS of the process, MiB", rss, "%.0f", check{"wsrfc JS ≤ node + ws", rss["wsrfc"] / rss["node"], 1, atMost})
	t.info("the floor reads the frames without decoding them")
	return nil
}

// volumeQuantitySum is the sum of ZWSR_VOLUME's QUANTITY over its 100,000
// generated rows (ROW_ID mod 100 + 1): 1,000 times 1..100.
const volumeQuantitySum = 1000 * 5050

// oneLiner is the cold-start script; peer.js oneshot does the same in node.
const oneLiner = `console.log(sap.rfc.call('STFC_CONNECTION', {REQUTEXT: 'hi'}).ECHOTEXT)`

func caseColdStart(s *setup, t *table, reps int) error {
	fmt.Fprintln(os.Stderr, "case cold start …")
	commands := []struct {
		name string
		args []string
	}{
		{"node", []string{s.node, filepath.Join(s.root, "bench", "peer.js"), "oneshot", wsURL(s.simURL)}},
		{"wsrfc", []string{s.wsrfc, "run", "--sim", "-e", oneLiner}},
		{"wsrfc-url", []string{s.wsrfc, "run", "--url", s.simURL, "--client", sim.DemoClient, "--user", sim.DemoUser, "-e", oneLiner}},
	}
	runs := map[string][]*run{}
	for range reps {
		for _, c := range commands {
			r, err := runChild(s.env, c.args[0], c.args[1:]...)
			if err != nil {
				return err
			}
			if strings.TrimSpace(r.stdout) != "hi" {
				return fmt.Errorf("cold start of %s printed %q, want hi", c.name, r.stdout)
			}
			runs[c.name] = append(runs[c.name], r)
		}
	}
	wall := func(r *run) float64 { return ms(r.wall) }
	tm := map[string]float64{"node": best(runs["node"], wall), "wsrfc": best(runs["wsrfc"], wall)}
	t.section("4  cold start: process start to exit, one call in a one-line script")
	t.row("wall time, ms (wsrfc: run --sim)", tm, "%.0f", check{"wsrfc run --sim ≤ node + ws", tm["wsrfc"] / tm["node"], 1, atMost})
	t.info(fmt.Sprintf("wsrfc run --url (the same external simulator as node): %.0f ms; peak RSS node %.0f MiB, wsrfc --sim %.0f MiB",
		best(runs["wsrfc-url"], wall), median(runs["node"], peakMiB), median(runs["wsrfc"], peakMiB)))
	return nil
}

func caseIdle(s *setup, t *table) error {
	fmt.Fprintln(os.Stderr, "case idle memory …")
	const settle = 2 * time.Second
	what := "wsrfc repl --sim"
	kib, exited, err := idleRSS(s.env, settle, s.wsrfc, "repl", "--sim")
	if err != nil {
		return err
	}
	if exited {
		// The REPL is not in this build yet: an idle script on the simulator stands in.
		what = "wsrfc run --sim (idle script; no REPL in this build)"
		if kib, exited, err = idleRSS(s.env, settle, s.wsrfc, "run", "--sim", "-e", "setTimeout(() => {}, 5000)"); err != nil || exited {
			return errors.Join(err, errors.New("the idle wsrfc script ended early"))
		}
	}
	nodeKiB, nodeExited, err := idleRSS(s.env, settle, s.node, "-i")
	if err != nil || nodeExited {
		return errors.Join(err, errors.New("the node REPL ended early"))
	}
	t.section("5  idle memory after " + settle.String() + ": " + what + " vs node -i")
	t.row("RSS, MiB", map[string]float64{"wsrfc": float64(kib) / 1024, "node": float64(nodeKiB) / 1024}, "%.0f")
	t.info("no target; for reference")
	return nil
}
