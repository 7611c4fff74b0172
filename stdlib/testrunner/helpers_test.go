package testrunner

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/dop251/goja"

	"github.com/wsrfc/wsrfc/runtime/engine"
)

// outcome is what a run of test files left behind.
type outcome struct {
	summary *Summary
	out     string // the terminal report (and console output)
	rt      *engine.Runtime
	dir     string
}

// test returns the result of the test with this full name, failing if it was not reported.
func (o *outcome) test(t *testing.T, fullName string) *TestResult {
	t.Helper()
	for _, f := range o.summary.Files {
		for _, r := range f.Tests {
			if r.FullName() == fullName {
				return r
			}
		}
	}
	t.Fatalf("no result for %q in:\n%s", fullName, o.out)
	return nil
}

// global reads a global of the runtime as Go value (no run is active any more).
func (o *outcome) global(name string) any {
	v := o.rt.VM.Get(name)
	if v == nil || goja.IsUndefined(v) {
		return nil
	}
	return v.Export()
}

// run writes files (name → source) into a temporary folder, runs them in
// name order with opts and returns what happened.
func run(t *testing.T, opts Options, files map[string]string) *outcome {
	t.Helper()
	dir := t.TempDir()
	var names []string
	for name, src := range files {
		path := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(strings.TrimLeft(src, "\n")), 0o644); err != nil {
			t.Fatal(err)
		}
		names = append(names, path)
	}
	sort.Strings(names)
	var out bytes.Buffer
	rt, err := engine.New(engine.Options{Stdout: &out, Stderr: &out})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(rt.Close)
	if opts.Reporter == nil {
		opts.Reporter = NewPretty(&out, false)
	} else {
		opts.Reporter = Multi(opts.Reporter, NewPretty(&out, false))
	}
	r, err := New(rt, opts)
	if err != nil {
		t.Fatal(err)
	}
	s, err := r.Run(context.Background(), names)
	if err != nil {
		t.Fatalf("run: %v\n%s", err, out.String())
	}
	return &outcome{summary: s, out: out.String(), rt: rt, dir: dir}
}
