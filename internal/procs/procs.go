// Package procs sets how many cores the wsrfc command runs Go code on: one
// while a script only makes calls, every core once it has work that runs in
// parallel.
//
// A script's calls are a chain of hand-offs: the JS goroutine sends, the
// reader receives and wakes it. With two or more Ps each hand-off wakes an
// idle thread (a futex wake and a netpoll wake-up); with one P the goroutines
// pass the turn on the same thread. Large work needs more: a large table is
// decoded while the garbage collector marks (with one P throughout, 5%
// slower with 16% more peak memory), and the replies to a burst of 10,000
// callAsync are decoded while the script handles the earlier ones (a tenth
// slower with one P). The simulator embedded by --sim serves from the same
// process and needs a core of its own. So the command starts narrow and
// widens, for good, at the first of those. Measured with go run ./bench -b
// against the build before (docs/benchmarks.md): a small call from JS took
// about 25% less time and 40% less CPU.
package procs

import (
	"os"
	"runtime"
	"sync/atomic"
)

// wide is the setting Narrow replaced (Go's default: the cores the process
// may use), 0 while nothing is narrowed.
var wide atomic.Int64

// Narrow runs Go code on one P, unless GOMAXPROCS is set in the
// environment, which is then the user's choice. The command calls it while
// its packages are initialized (cmd/wsrfc/internal/early); a program that
// never does (a Go program using package session, the tests) keeps Go's
// default, and Widen does nothing in it.
func Narrow() {
	if os.Getenv("GOMAXPROCS") != "" {
		return
	}
	if prev := runtime.GOMAXPROCS(1); prev > 1 {
		wide.Store(int64(prev))
	}
}

// Widen gives Go code every core from now on, if Narrow took them away. The
// first reply that comes in more than one frame, a burst of more than a few
// hundred requests in flight and the start of an embedded simulator call
// it. It is cheap after the first call.
func Widen() {
	if wide.Load() == 0 {
		return // the common case, and no write to a shared cache line
	}
	if n := wide.Swap(0); n > 0 {
		runtime.GOMAXPROCS(int(n))
	}
}
