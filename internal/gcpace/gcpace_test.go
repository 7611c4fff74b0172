package gcpace

import (
	"runtime"
	"runtime/debug"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
)

// percent is the collector's current target, read by setting it back.
func percent() int {
	p := debug.SetGCPercent(100)
	debug.SetGCPercent(p)
	return p
}

// collectUntil runs collections until want holds (the watch runs after a
// collection, on the cleanup goroutine), for at most a few seconds.
func collectUntil(t *testing.T, want int) {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for percent() != want {
		if time.Now().After(deadline) {
			t.Fatalf("GOGC is %d, want %d", percent(), want)
		}
		runtime.GC()
		time.Sleep(time.Millisecond)
	}
}

func TestTheTargetFollowsTheLiveHeap(t *testing.T) {
	t.Setenv("GOGC", "")
	defer debug.SetGCPercent(percent())
	Start()
	collectUntil(t, usualPercent)

	held := make([]byte, largeHeap+(8<<20)) // live, though never touched
	collectUntil(t, tightPercent)

	runtime.KeepAlive(held)
	held = nil
	collectUntil(t, usualPercent)

	// As large a heap of pointers keeps Go's default: there a collection
	// costs the heap's whole size.
	pointers := make([]*byte, (largeHeap+(8<<20))/8)
	for range 5 {
		runtime.GC()
		time.Sleep(time.Millisecond)
		assert.Equal(t, usualPercent, percent(), "GOGC with %d MiB of pointers live", len(pointers)*8>>20)
	}
	runtime.KeepAlive(pointers)
}

// While a burst of requests is in flight, the heap may grow by 32 MiB between
// collections; once it is over, Go's default is back.
func TestABurstOfRequestsGetsHeadroom(t *testing.T) {
	t.Setenv("GOGC", "")
	defer debug.SetGCPercent(percent())
	Start()
	collectUntil(t, usualPercent)

	Waiting(burstInFlight)
	deadline := time.Now().Add(5 * time.Second)
	for percent() <= usualPercent {
		if time.Now().After(deadline) {
			t.Fatalf("GOGC stayed %d with %d requests in flight", percent(), burstInFlight)
		}
		runtime.GC()
		time.Sleep(time.Millisecond)
	}
	assert.LessOrEqual(t, percent(), maxPercent)

	Waiting(-burstInFlight)
	collectUntil(t, usualPercent)
}
