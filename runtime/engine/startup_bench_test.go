package engine_test

import (
	"context"
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/wsrfc/wsrfc/runtime/engine"
)

// BenchmarkStartOneLineScript is the engine's share of a cold start: a new runtime, a one-line script file
// run as the main module, and the runtime closed.
func BenchmarkStartOneLineScript(b *testing.B) {
	path := filepath.Join(b.TempDir(), "one.js")
	if err := os.WriteFile(path, []byte("console.log(1)\n"), 0o644); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		rt, err := engine.New(engine.Options{Stdout: io.Discard, Stderr: io.Discard, Env: []string{}})
		if err != nil {
			b.Fatal(err)
		}
		if err := rt.RunFile(context.Background(), path); err != nil {
			b.Fatal(err)
		}
		rt.Close()
	}
}
