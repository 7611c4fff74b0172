// Package gcpace sets how the wsrfc command's heap grows: how much garbage
// it lets the heap hold before the collector runs, and, on Linux, that the
// memory it grows into comes in huge pages (hugepages_linux.go).
//
// The collector's target is Go's default (as much as is live) in general, a
// quarter of it while the heap is large and mostly without pointers, as a
// script that holds a large table has. V8 narrows its heap's growth the same
// way as the heap grows.
//
// A table that reaches JS is held in large blocks without pointers
// (bindings/jsvalue), so a collection costs little however large the table
// is, while the garbage a script makes walking it would otherwise let the
// heap grow to twice the table. Measured on RFC_READ_TABLE of a million rows
// into JS (docs/benchmarks.md): peak RSS 189 → 115 MB, 4–8 % more wall time
// and a quarter more CPU, most of it spent by the collector on the second
// core. A heap of pointers, such as 10,000 calls in flight at once, costs a
// collection its whole size: there the tighter target made a burst a tenth
// slower, so a heap switches only when two collections in a row found at
// most a quarter of it scannable (and back when more than half is). Scripts
// whose live heap stays under 32 MiB (a table of 100,000 rows has 7) never
// switch.
package gcpace

import (
	"os"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"sync"
	"sync/atomic"
)

const (
	// largeHeap is the live heap from which the collector runs at
	// tightPercent, if at most a quarter of it is scannable.
	largeHeap = 32 << 20
	// smallHeap is the live heap below which it runs at Go's default again;
	// the gap keeps a heap near the threshold from switching every cycle.
	smallHeap    = 16 << 20
	tightPercent = 25
	usualPercent = 100
)

// burstInFlight is how many requests in flight at once make a burst, the
// number from which the session also widens to every core (widenInFlight in
// package session); burstHeadroom is the heap a burst may grow by between
// collections.
const (
	burstInFlight = 256
	burstHeadroom = 32 << 20
	maxPercent    = 1600
)

// waiting is how many requests all sessions have in flight (Waiting), and
// bursting whether a burst is on: from 256 in flight until the first
// collection that finds none.
var (
	waiting  atomic.Int64
	bursting atomic.Bool
	started  atomic.Bool
)

// Waiting tells how the number of requests waiting for a reply changed: the
// session calls it as requests enter and leave its pending table. From 256 in
// flight at once (a burst of callAsync) until a collection finds none in
// flight, the collector lets the heap grow by at least 32 MiB between
// collections: at Go's default a small heap (5–8 MiB live for 1,000 calls in
// flight) is collected twice a burst, a quarter of its CPU. The burst is
// switched on here, at once: the collector's cleanup, which adjusts the
// target otherwise, does not get to run while the script sends its burst on
// the only P. It is switched off by the first collection after it, so that
// bursts one after the other keep it.
func Waiting(delta int) {
	n := waiting.Add(int64(delta))
	if n >= burstInFlight && n-int64(delta) < burstInFlight && !bursting.Swap(true) && started.Load() {
		adjust()
	}
}

var (
	start sync.Once
	mu    sync.Mutex
	tight bool
	// target is the GOGC adjust last set.
	target = usualPercent
	// tableLike counts the collections in a row that found a heap the
	// tighter target suits.
	tableLike int
	heap      = []metrics.Sample{{Name: "/gc/heap/live:bytes"}, {Name: "/gc/scan/heap:bytes"}}
)

// Start reserves the heap's huge pages and watches the live heap after every
// collection from now on, unless GOGC is set in the environment, which is
// then the user's choice. The command calls it first thing, before its heap
// has grown; a program that never does (a Go program using package session,
// the tests) keeps Go's defaults.
func Start() {
	if os.Getenv("GOGC") != "" {
		return
	}
	start.Do(func() {
		reserveHugePages()
		started.Store(true)
		watch()
	})
}

// watch runs adjust after the next collection, and again after each one.
// The sentinel is 16 bytes so that it is never batched with other tiny
// objects, which would delay its cleanup.
func watch() {
	sentinel := new([16]byte)
	runtime.AddCleanup(sentinel, func(struct{}) {
		adjust()
		watch()
	}, struct{}{})
}

// adjust sets the collector's target for the heap the last collection left.
func adjust() {
	mu.Lock()
	defer mu.Unlock()
	metrics.Read(heap)
	if heap[0].Value.Kind() != metrics.KindUint64 || heap[1].Value.Kind() != metrics.KindUint64 {
		return
	}
	live, scan := heap[0].Value.Uint64(), heap[1].Value.Uint64()
	// A collection that runs while a large object of pointers is allocated
	// counts it live but not scanned (seen: 40 MiB live, 0 scannable), so
	// the heap must look like a table's in two collections in a row.
	if !tight && live >= largeHeap && scan <= live/4 {
		tableLike++
	} else {
		tableLike = 0
	}
	switch {
	case !tight && tableLike >= 2:
		tight = true
	case tight && (live < smallHeap || scan > live/2):
		tight = false
	}
	if waiting.Load() == 0 {
		bursting.Store(false)
	}
	want := usualPercent
	switch {
	case tight:
		want = tightPercent
	case bursting.Load() && live > 0:
		want = min(max(usualPercent, int(usualPercent*burstHeadroom/live)), maxPercent)
	}
	if want != target {
		target = want
		debug.SetGCPercent(want)
	}
}
