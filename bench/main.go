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
	count := flag.Int("count", 0, "internal: calls or rows per measurement")
	reps := flag.Int("reps", 5, "runs of each measurement; every ratio is the median of the runs' paired ratios")
	calls := flag.Int("calls", 2000, "sequential calls timed in case 1 (in blocks of 200)")
	pipelined := flag.String("pipelined", "1000,10000", "burst sizes of case 2: calls in flight at once, comma-separated")
	rows := flag.String("rows", "10000,100000,1000000", "table sizes of case 3, comma-separated")
	quick := flag.Bool("quick", false, "a smoke test in seconds: one run, small sizes; its figures are no measurement")
	bBinary := flag.String("b", "", "a second wsrfc binary to measure as column \"wsrfc B\", alternated with the first in every run")
	bEnv := flag.String("b-env", "", "environment of column \"wsrfc B\", comma-separated KEY=VALUE (e.g. GOMAXPROCS=1); with no -b, the same binary")
	profile := flag.String("profile", "", "write CPU profiles of the simulator and the Go session client into this folder")
	only := flag.String("cases", "small,pipeline,readtable,coldstart,idle", "the cases to run, comma-separated")
	volumeRows := flag.Int("volume-rows", 0, "internal: rows of the simulator's ZWSR_VOLUME")
	flag.Parse()

	var err error
	switch *role {
	case "":
		o := options{reps: *reps, calls: *calls, profile: *profile, cases: strings.Split(*only, ","), bBinary: *bBinary, quick: *quick}
		if o.pipelined, err = sizes(*pipelined); err == nil {
			o.rows, err = sizes(*rows)
		}
		if *bEnv != "" {
			o.bEnv = strings.Split(*bEnv, ",")
		}
		if *quick {
			o.reps, o.calls, o.pipelined, o.rows = 1, blockSize, []int{100}, []int{1000, 10000}
		}
		if err == nil {
			err = harness(o)
		}
	case "sim":
		err = serveSimulator(*profile, *volumeRows)
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

// sizes reads a comma-separated list of positive counts.
func sizes(list string) ([]int, error) {
	var out []int
	for _, f := range strings.Split(list, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(f))
		if err != nil || n < 1 || n > 10_000_000 {
			return nil, fmt.Errorf("%q is not a count from 1 to 10,000,000", f)
		}
		out = append(out, n)
	}
	return out, nil
}

// options of one harness run.
type options struct {
	reps, calls     int
	pipelined, rows []int
	profile         string
	cases           []string
	bBinary         string
	bEnv            []string
	quick           bool
}

// clients in the order of the table's columns; "wsrfc-b" joins when -b or -b-env is given.
var clients = []string{"floor", "session", "node", "wsrfc"}

var columnTitle = map[string]string{"floor": "floor", "session": "Go session", "node": "node + ws", "wsrfc": "wsrfc JS", "wsrfc-b": "wsrfc B"}

// setup is what the harness prepared: paths and the running simulator.
type setup struct {
	root, self, wsrfc, node string
	wsrfcB                  string   // the binary of column wsrfc B
	envB                    []string // the environment of column wsrfc B
	simURL                  string
	env                     []string // for every child: the simulator's password for wsrfc
	profile                 string
	loads                   []float64 // the one-minute load average at the start of every run
}

func harness(o options) error {
	if o.reps < 1 || o.reps > 15 || o.calls < blockSize || o.calls > 100000 || o.calls%blockSize != 0 {
		return fmt.Errorf("-reps must be 1..15, -calls a multiple of %d up to 100000", blockSize)
	}
	s, stop, err := prepare(o.profile, slices.Max(o.rows))
	if err != nil {
		return err
	}
	defer stop()
	if o.bBinary != "" || len(o.bEnv) > 0 {
		clients = append(clients, "wsrfc-b")
		s.wsrfcB, s.envB = s.wsrfc, append(slices.Clone(s.env), o.bEnv...)
		if o.bBinary != "" {
			if s.wsrfcB, err = filepath.Abs(o.bBinary); err != nil {
				return err
			}
		}
	}
	fmt.Printf("wsrfc benchmarks, %s\nmachine: %s\nload average before: %s\nsimulator: %s (one process; every client is a process of its own)\n",
		time.Now().UTC().Format("2006-01-02 15:04 MST"), machine(s.node), loadAverage(), s.simURL)
	fmt.Printf("method: %d runs; in every run each client runs once, right after each other (the order reversed every other run), "+
		"and each ratio is taken within that run; the table shows the median of the runs, ratios with min–max\n", o.reps)
	if len(clients) > len(columnTitle)-1 {
		fmt.Printf("wsrfc B: %s %s\n", s.wsrfcB, strings.Join(o.bEnv, " "))
	}
	if o.quick {
		fmt.Println("QUICK MODE: one run at small sizes, to check that the harness works; these figures are no measurement")
	}
	fmt.Println()

	t := &table{}
	steps := []struct {
		name string
		run  func() error
	}{
		{"small", func() error { return caseSmall(s, t, o.reps, o.calls) }},
		{"pipeline", func() error {
			for _, n := range o.pipelined {
				if err := casePipeline(s, t, o.reps, n); err != nil {
					return err
				}
			}
			return nil
		}},
		{"readtable", func() error { return caseReadTable(s, t, o.reps, o.rows) }},
		{"coldstart", func() error {
			if o.quick {
				return caseColdStart(s, t, o.reps)
			}
			return caseColdStart(s, t, max(o.reps, 5))
		}},
		{"idle", func() error { return caseIdle(s, t) }},
	}
	for _, step := range steps {
		if !slices.Contains(o.cases, step.name) || (o.quick && step.name == "idle") {
			continue
		}
		if err := step.run(); err != nil {
			return err
		}
	}
	t.print(os.Stdout)
	fmt.Printf("load average after: %s\n", loadAverage())
	if o.quick {
		fmt.Println("(quick mode: no measurement)")
	}
	return nil
}

// prepare builds wsrfc, installs the node peer's ws package and starts the simulator.
func prepare(profile string, volumeRows int) (*setup, func(), error) {
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
	// Built as the README installs it: static, without cgo.
	build := exec.Command("go", "build", "-o", s.wsrfc, "./cmd/wsrfc")
	build.Dir, build.Stdout, build.Stderr, build.Env = root, os.Stderr, os.Stderr, append(os.Environ(), "CGO_ENABLED=0")
	if err := build.Run(); err != nil {
		return nil, nil, fmt.Errorf("go build ./cmd/wsrfc: %w", err)
	}
	if err := installPeer(root); err != nil {
		return nil, nil, err
	}
	args := []string{"-role", "sim", "-volume-rows", strconv.Itoa(volumeRows)}
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

// clientCommand is the command line and environment of one client for one case.
func (s *setup) clientCommand(client, kase string, count int) (string, []string, []string) {
	n := strconv.Itoa(count)
	switch client {
	case "floor", "session", "floor-handoff":
		role := client
		if client == "floor-handoff" {
			role, kase = "floor", "handoff"
		}
		args := []string{"-role", role, "-url", s.simURL, "-case", kase, "-count", n}
		if s.profile != "" && client == "session" {
			args = append(args, "-profile", s.profile)
		}
		return s.self, args, s.env
	case "node":
		return s.node, []string{filepath.Join(s.root, "bench", "peer.js"), kase, wsURL(s.simURL), n}, s.env
	}
	bin, env := s.wsrfc, s.env
	if client == "wsrfc-b" {
		bin, env = s.wsrfcB, s.envB
	}
	return bin, []string{"run", "--url", s.simURL, "--client", sim.DemoClient, "--user", sim.DemoUser,
		filepath.Join(s.root, "bench", "cases.js"), kase, n}, env
}

// order is the order of the clients in run i: reversed every other run, so
// that no client always runs right after the same neighbour or first.
func order(names []string, i int) []string {
	if i%2 == 1 {
		names = slices.Clone(names)
		slices.Reverse(names)
	}
	return names
}

// measure runs every client once per run, one right after the other, so that
// the ratios of a run compare clients measured within seconds of each other,
// and returns each client's runs in the order of the runs.
func (s *setup) measure(kase string, count, reps int, names []string) (map[string][]*run, error) {
	fmt.Fprintf(os.Stderr, "case %s %d …\n", kase, count)
	// One run of the floor first, not counted: the simulator's first reply of
	// a size grows its heap, and whoever came first would pay for that.
	name, args, env := s.clientCommand("floor", kase, count)
	if _, err := runChild(env, name, args...); err != nil {
		return nil, err
	}
	runs := map[string][]*run{}
	for i := range reps {
		s.loads = append(s.loads, loadOne())
		for _, c := range order(names, i) {
			name, args, env := s.clientCommand(c, kase, count)
			r, err := runChild(env, name, args...)
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

// medianOver is the median of a metric over the runs of each client.
func medianOver(runs map[string][]*run, metric func(*run) float64) map[string]float64 {
	out := map[string]float64{}
	for c, rs := range runs {
		out[c] = median(rs, metric)
	}
	return out
}

// paired is the ratio metric(a) / metric(b) in each run.
func paired(runs map[string][]*run, a, b string, metric func(*run) float64) []float64 {
	out := make([]float64, min(len(runs[a]), len(runs[b])))
	for i := range out {
		out[i] = metric(runs[a][i]) / metric(runs[b][i])
	}
	return out
}

// pairedOf is the ratio of two metrics of one client in each run.
func pairedOf(rs []*run, a, b func(*run) float64) []float64 {
	out := make([]float64, len(rs))
	for i, r := range rs {
		out[i] = a(r) / b(r)
	}
	return out
}

// describe is a ratio's median, min–max and runs, for a row of notes.
func describe(ratios []float64) string {
	c := check{ratios: ratios}
	return fmt.Sprintf("%.2f× (%s; runs %s)", c.ratio(), c.spread(), c.runs())
}

// loadDuring is the one-minute load average at the start of each run since mark.
func (s *setup) loadDuring(mark int) string {
	parts := make([]string, 0, len(s.loads)-mark)
	for _, l := range s.loads[mark:] {
		parts = append(parts, fmt.Sprintf("%.2f", l))
	}
	return "load average (1 min) at the start of each run: " + strings.Join(parts, " ")
}

// withB adds the B column's comparison with wsrfc JS as a note.
func withB(t *table, runs map[string][]*run, what string, metric func(*run) float64) {
	if _, ok := runs["wsrfc-b"]; ok {
		t.info(fmt.Sprintf("wsrfc B / wsrfc JS, %s: %s", what, describe(paired(runs, "wsrfc-b", "wsrfc", metric))))
	}
}

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
	mark := len(s.loads)
	runs, err := s.measure("small", calls, reps, append(slices.Clone(clients), "floor-handoff"))
	if err != nil {
		return err
	}
	// Client CPU of the timed calls only, measured inside each client, so
	// that no client's start-up is spread over its calls.
	cpuPerCall := func(r *run) float64 { return field("cpuMs")(r) * 1000 / float64(calls) }
	t.section("1  one small call (STFC_CONNECTION), sequential; " + s.loadDuring(mark))
	t.row("µs per call (median block of 200)", medianOver(runs, medianBlockMicros), "%.1f",
		check{"wsrfc JS ≤ 1.2× floor", paired(runs, "wsrfc", "floor", medianBlockMicros), 1.2, atMost})
	t.row("client CPU µs per call", medianOver(runs, cpuPerCall), "%.1f",
		check{"wsrfc JS CPU ≤ node + ws's", paired(runs, "wsrfc", "node", cpuPerCall), 1, atMost})
	t.info("the floor with a reader goroutine handing each reply to the caller over a channel, / the floor: " +
		describe(paired(runs, "floor-handoff", "floor", medianBlockMicros)))
	t.info("Go session / floor: " + describe(paired(runs, "session", "floor", medianBlockMicros)))
	t.info("wsrfc JS / node + ws: " + describe(paired(runs, "wsrfc", "node", medianBlockMicros)))
	withB(t, runs, "µs per call", medianBlockMicros)
	withB(t, runs, "CPU per call", cpuPerCall)
	return nil
}

func casePipeline(s *setup, t *table, reps, n int) error {
	mark := len(s.loads)
	runs, err := s.measure("pipeline", n, reps, clients)
	if err != nil {
		return err
	}
	warm, cold := field("pipelinedMs"), field("coldMs")
	t.section(fmt.Sprintf("2  %d calls in flight at once on one session (callAsync + Promise.all); %s", n, s.loadDuring(mark)))
	t.row("pipelined, warm, ms", medianOver(runs, warm), "%.1f",
		check{"wsrfc JS ≤ 1.3× floor", paired(runs, "wsrfc", "floor", warm), 1.3, atMost},
		check{"wsrfc JS ≤ 0.8× node + ws", paired(runs, "wsrfc", "node", warm), 0.8, atMost})
	t.row("first burst of the session, ms", medianOver(runs, cold), "%.1f",
		check{"wsrfc JS cold ≤ 1.2× its warm burst", pairedOf(runs["wsrfc"], cold, warm), 1.2, atMost})
	perCall := func(r *run) float64 { return field("sequentialMs")(r) * 1000 / field("sequentialCalls")(r) }
	t.row("sequential, µs per call", medianOver(runs, perCall), "%.1f")
	speedup := func(r *run) float64 { return perCall(r) * float64(n) / 1000 / warm(r) }
	t.row("speed-up over sequential (a note)", medianOver(runs, speedup), "%.1f×")
	engine := medianOver(runs, field("engineMs"))
	delete(engine, "floor")
	delete(engine, "session")
	t.row("JS engine alone, ms", engine, "%.1f")
	t.info("the simulator answers one request of a session at a time, as APC does: no client pipelines faster than the floor")
	t.info("first burst / warm burst of the other clients: floor " + describe(pairedOf(runs["floor"], cold, warm)) +
		"; node + ws " + describe(pairedOf(runs["node"], cold, warm)))
	t.info("JS engine alone: as many already resolved promises through Promise.all, no request at all; what a burst costs the JS engine before any binding does anything")
	withB(t, runs, "pipelined", warm)
	withB(t, runs, "first burst", cold)
	return nil
}

// volumeQuantitySum is the sum of ZWSR_VOLUME's QUANTITY over its first rows
// (ROW_ID mod 100 + 1, ROW_ID from 1).
func volumeQuantitySum(rows int) int64 {
	var sum int64
	for n := 1; n <= rows; n++ {
		sum += int64(n%100 + 1)
	}
	return sum
}

func caseReadTable(s *setup, t *table, reps int, sizes []int) error {
	times := map[int]map[string][]*run{}
	for _, n := range sizes {
		mark := len(s.loads)
		runs, err := s.measure("readtable", n, reps, clients)
		if err != nil {
			return err
		}
		times[n] = runs
		for _, c := range clients {
			if c == "floor" {
				continue
			}
			for _, r := range runs[c] {
				if got, want := field("sum")(r), float64(volumeQuantitySum(n)); got != want {
					return fmt.Errorf("%s summed QUANTITY of %d rows to %.0f, want %.0f", c, n, got, want)
				}
			}
		}
		mb := median(runs["floor"], field("bytes")) / 1e6
		frames := median(runs["floor"], field("frames"))
		t.section(fmt.Sprintf("3  RFC_READ_TABLE %s, %d rows (%.1f MB of JSON in %.0f frames) into JS objects, sum of %s; %s",
			volumeTable, n, mb, frames, sumColumn, s.loadDuring(mark)))
		tm := field("ms")
		t.row("time, ms", medianOver(runs, tm), "%.0f",
			check{"wsrfc JS ≤ 1.0× node + ws", paired(runs, "wsrfc", "node", tm), 1, atMost})
		t.row("client CPU, ms", medianOver(runs, field("cpuMs")), "%.0f")
		t.row("peak RSS of the process, MiB", medianOver(runs, peakMiB), "%.0f",
			check{"wsrfc JS ≤ 0.6× node + ws", paired(runs, "wsrfc", "node", peakMiB), 0.6, atMost})
		withB(t, runs, "time", tm)
		withB(t, runs, "peak RSS", peakMiB)
	}
	// Linear: each size against the one before, run i against run i (these
	// are not adjacent, so they carry the noise of two moments).
	for i := 1; i < len(sizes); i++ {
		a, b := times[sizes[i]], times[sizes[i-1]]
		k := float64(sizes[i]) / float64(sizes[i-1])
		var ratios []float64
		for j := range min(len(a["wsrfc"]), len(b["wsrfc"])) {
			ratios = append(ratios, field("ms")(a["wsrfc"][j])/field("ms")(b["wsrfc"][j]))
		}
		t.section(fmt.Sprintf("3  growth from %d to %d rows (%.0f× the rows)", sizes[i-1], sizes[i], k))
		growth := map[string]float64{}
		for _, c := range clients {
			growth[c] = median(a[c], field("ms")) / median(b[c], field("ms"))
		}
		t.row("time ratio (medians)", growth, "%.1f×",
			check{fmt.Sprintf("wsrfc JS ≤ %.1f× (linear)", 1.05*k), ratios, 1.05 * k, atMost})
	}
	t.info("the floor reads the frames without decoding them")
	return nil
}

// oneLiner is the cold-start script; peer.js oneshot does the same in node.
const oneLiner = `console.log(sap.rfc.call('STFC_CONNECTION', {REQUTEXT: 'hi'}).ECHOTEXT)`

func caseColdStart(s *setup, t *table, reps int) error {
	fmt.Fprintln(os.Stderr, "case cold start …")
	type command struct {
		args []string
		env  []string
	}
	logon := []string{"run", "--url", s.simURL, "--client", sim.DemoClient, "--user", sim.DemoUser, "-e", oneLiner}
	commands := map[string]command{
		"node":      {[]string{s.node, filepath.Join(s.root, "bench", "peer.js"), "oneshot", wsURL(s.simURL)}, s.env},
		"wsrfc":     {append([]string{s.wsrfc}, logon...), s.env},
		"wsrfc-sim": {[]string{s.wsrfc, "run", "--sim", "-e", oneLiner}, s.env},
	}
	names := []string{"node", "wsrfc", "wsrfc-sim"}
	if s.wsrfcB != "" {
		commands["wsrfc-b"] = command{append([]string{s.wsrfcB}, logon...), s.envB}
		names = append(names, "wsrfc-b")
	}
	mark := len(s.loads)
	runs := map[string][]*run{}
	for i := range reps {
		s.loads = append(s.loads, loadOne())
		for _, name := range order(names, i) {
			c := commands[name]
			r, err := runChild(c.env, c.args[0], c.args[1:]...)
			if err != nil {
				return err
			}
			if strings.TrimSpace(r.stdout) != "hi" {
				return fmt.Errorf("cold start of %s printed %q, want hi", name, r.stdout)
			}
			runs[name] = append(runs[name], r)
		}
	}
	wall := func(r *run) float64 { return ms(r.wall) }
	t.section("4  cold start: process start to exit, one call in a one-line script, against the running simulator; " + s.loadDuring(mark))
	tm := medianOver(runs, wall)
	delete(tm, "wsrfc-sim")
	t.row("wall time, ms (wsrfc: run --url)", tm, "%.0f",
		check{"wsrfc run --url ≤ 0.2× node + ws", paired(runs, "wsrfc", "node", wall), 0.2, atMost})
	rss := medianOver(runs, peakMiB)
	delete(rss, "wsrfc-sim")
	t.row("peak RSS, MiB", rss, "%.0f")
	t.info(fmt.Sprintf("wsrfc run --sim (starts its own simulator): %.0f ms, %.0f MiB", median(runs["wsrfc-sim"], wall), median(runs["wsrfc-sim"], peakMiB)))
	withB(t, runs, "wall time", wall)
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
