//go:build unix

package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"runtime"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// childTimeout bounds every child process, so that a hung client cannot keep
// the harness from ending.
const childTimeout = 90 * time.Second

// run is one finished child process.
type run struct {
	wall    time.Duration // from start to exit
	peakKiB int64         // peak resident set size (getrusage ru_maxrss)
	cpu     time.Duration // user + system time of the whole process
	out     result        // its JSON line, if it printed one
	stdout  string
}

// runChild runs a command to its end and measures it. A non-zero exit is an error
// carrying the child's stderr.
func runChild(env []string, name string, args ...string) (*run, error) {
	ctx, cancel := context.WithTimeout(context.Background(), childTimeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, name, args...)
	cmd.Env = env
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	start := time.Now()
	err := cmd.Run()
	r := &run{wall: time.Since(start), stdout: stdout.String()}
	if err != nil {
		return r, fmt.Errorf("%s %s: %v\n%s", name, strings.Join(args, " "), err, tail(stderr.String(), 2000))
	}
	if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
		r.peakKiB = ru.Maxrss // kilobytes on Linux
		r.cpu = time.Duration(syscall.TimevalToNsec(ru.Utime) + syscall.TimevalToNsec(ru.Stime))
	}
	if line := lastLine(r.stdout); strings.HasPrefix(line, "{") {
		if err := json.Unmarshal([]byte(line), &r.out); err != nil {
			return r, fmt.Errorf("%s: cannot read its result %q: %v", name, line, err)
		}
	}
	return r, nil
}

// idleRSS starts a long-running command with stdin held open, waits for it to
// settle and returns its resident set size; then it closes stdin and stops it.
// exited reports a command that ended on its own before it settled.
func idleRSS(env []string, settle time.Duration, name string, args ...string) (kib int64, exited bool, err error) {
	cmd := exec.Command(name, args...)
	cmd.Env = env
	stdin, err := cmd.StdinPipe()
	if err != nil {
		return 0, false, err
	}
	var stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &bytes.Buffer{}, &stderr
	if err := cmd.Start(); err != nil {
		return 0, false, err
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	deadline := time.After(settle)
	// Sample while settling: the last sample is the idle size.
	tick := time.NewTicker(100 * time.Millisecond)
	defer tick.Stop()
	for {
		select {
		case <-done:
			return 0, true, nil
		case <-tick.C:
			if v, err := vmRSS(cmd.Process.Pid); err == nil {
				kib = v
			}
		case <-deadline:
			if v, err := vmRSS(cmd.Process.Pid); err == nil {
				kib = v
			}
			_ = stdin.Close()
			select {
			case <-done:
			case <-time.After(2 * time.Second):
				_ = cmd.Process.Kill()
				<-done
			}
			return kib, false, nil
		}
	}
}

// vmRSS reads the current resident set size of a process from /proc.
func vmRSS(pid int) (int64, error) {
	f, err := os.Open("/proc/" + strconv.Itoa(pid) + "/status")
	if err != nil {
		return 0, err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if rest, ok := strings.CutPrefix(sc.Text(), "VmRSS:"); ok {
			return strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(rest), " kB"), 10, 64)
		}
	}
	return 0, fmt.Errorf("no VmRSS for pid %d", pid)
}

func lastLine(s string) string {
	s = strings.TrimSpace(s)
	if i := strings.LastIndexByte(s, '\n'); i >= 0 {
		return s[i+1:]
	}
	return s
}

func tail(s string, n int) string {
	if len(s) > n {
		return "…" + s[len(s)-n:]
	}
	return s
}

// loadAverage is the first three fields of /proc/loadavg: how busy the shared
// machine was around the measurements.
func loadAverage() string {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return "?"
	}
	f := strings.Fields(string(b))
	if len(f) < 3 {
		return "?"
	}
	return strings.Join(f[:3], " ")
}

// loadOne is the one-minute load average now.
func loadOne() float64 {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return -1
	}
	f := strings.Fields(string(b))
	if len(f) == 0 {
		return -1
	}
	v, _ := strconv.ParseFloat(f[0], 64)
	return v
}

// machine describes where the numbers were taken, for docs/benchmarks.md.
func machine(nodePath string) string {
	cpu := "unknown CPU"
	if b, err := os.ReadFile("/proc/cpuinfo"); err == nil {
		for _, l := range strings.Split(string(b), "\n") {
			if k, v, ok := strings.Cut(l, ":"); ok && strings.TrimSpace(k) == "model name" {
				cpu = strings.TrimSpace(v)
				break
			}
		}
	}
	mem := "?"
	if b, err := os.ReadFile("/proc/meminfo"); err == nil {
		for _, l := range strings.Split(string(b), "\n") {
			if rest, ok := strings.CutPrefix(l, "MemTotal:"); ok {
				kb, _ := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(rest), " kB"), 10, 64)
				mem = fmt.Sprintf("%.1f GiB", float64(kb)/(1<<20))
			}
		}
	}
	nodeVersion := "?"
	if out, err := exec.Command(nodePath, "--version").Output(); err == nil {
		nodeVersion = strings.TrimSpace(string(out))
	}
	return fmt.Sprintf("%d CPUs (%s), %s RAM, %s %s/%s, node %s", runtime.NumCPU(), cpu, mem,
		runtime.Version(), runtime.GOOS, runtime.GOARCH, nodeVersion)
}
