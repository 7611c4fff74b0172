//go:build unix

package main

import (
	"io"
	"os"
	"os/exec"
	"strings"
	"testing"
)

// TestMain lets the test binary play the harness's child roles, as the
// harness starts its own executable for them.
func TestMain(m *testing.M) {
	if len(os.Args) > 1 && os.Args[1] == "-role" {
		main()
		os.Exit(0)
	}
	os.Exit(m.Run())
}

// TestQuickRun runs the whole harness in quick mode: every client of every
// case must run, agree on the results it checks (echoes, sums of rows) and
// end up in the table.
func TestQuickRun(t *testing.T) {
	if testing.Short() {
		t.Skip("builds wsrfc and runs every client: not in -short")
	}
	if _, err := exec.LookPath("node"); err != nil {
		t.Skip("node is not on PATH")
	}
	out := captureStdout(t, func() error {
		return harness(options{reps: 1, calls: blockSize, pipelined: []int{100}, rows: []int{1000, 2000}, quick: true,
			cases: []string{"small", "pipeline", "readtable", "coldstart"}})
	})
	for _, want := range []string{
		"1  one small call", "2  100 calls in flight", "3  RFC_READ_TABLE ZWSR_VOLUME, 1000 rows",
		"3  RFC_READ_TABLE ZWSR_VOLUME, 2000 rows", "3  growth from 1000 to 2000 rows", "4  cold start",
		"wsrfc JS ≤ 1.2× floor", "wsrfc run --url ≤ 0.2× node + ws", "targets met", "load average after",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("the table lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "NaN") || strings.Contains(out, "Inf") {
		t.Errorf("a figure is missing (NaN or Inf):\n%s", out)
	}
}

func captureStdout(t *testing.T, run func() error) string {
	t.Helper()
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	saved := os.Stdout
	os.Stdout = w
	done := make(chan string)
	go func() { b, _ := io.ReadAll(r); done <- string(b) }()
	err = run()
	os.Stdout = saved
	w.Close()
	out := <-done
	if err != nil {
		t.Fatalf("harness: %v\n%s", err, out)
	}
	return out
}
