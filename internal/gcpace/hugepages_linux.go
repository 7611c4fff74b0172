package gcpace

import (
	"os"
	"runtime"
	"runtime/debug"
	"strings"
	"syscall"
	"unsafe"
)

const (
	// hugeReserve is how much heap address space start-up maps and marks for
	// huge pages: enough for a table of several hundred thousand rows, or
	// 10,000 calls in flight, without costing any memory until it is used.
	hugeReserve = 64 << 20
	hugePage    = 2 << 20
	// heapChunk is the unit the runtime maps the heap in (its palloc chunk),
	// aligned to its size.
	heapChunk = 4 << 20

	madvHugepage = 14 // MADV_HUGEPAGE
	madvCollapse = 25 // MADV_COLLAPSE, Linux 6.1
)

// thpSetting is where Linux says when anonymous memory gets huge pages.
var thpSetting = "/sys/kernel/mm/transparent_hugepage/enabled"

// reserveHugePages lets the heap grow in huge pages where Linux gives them
// only on request (transparent_hugepage/enabled = madvise, the default of
// most distributions). Go maps its heap in 4 MiB steps as it grows, each a
// new mapping, so advice given to the heap as it is would not reach what is
// mapped later. So start-up maps ahead: one large block, allocated with the
// collector off, advised, dropped and collected at once, leaves its address
// range mapped, advised and free, and the heap grows into it. The chunk that
// start-up has already used is collapsed into huge pages too.
//
// A first touch of a 4 KiB page costs 10–15 µs on the virtual machines this
// was measured on (docs/benchmarks.md), a 2 MiB page about 140 µs: a burst of
// 1,000 calls faults in 3,000 pages, a table of 100,000 rows 6,700. Measured:
// the first burst 73 → 60 ms, 100,000 rows 607 → 504 ms and a sixth less CPU,
// at the price of up to 3 MiB more resident memory; the reservation and its
// collection cost start-up about 1 ms, which the collapsed chunk partly wins
// back.
//
// It does nothing where the heap would not gain: when a collection has run
// already (the block might then reuse memory that must be cleared), when
// huge pages are on for all memory or off, and when GODEBUG=disablethp=1 or
// GOMEMLIMIT is set.
func reserveHugePages() {
	if !hugePagesOnRequest() || strings.Contains(os.Getenv("GODEBUG"), "disablethp=1") || os.Getenv("GOMEMLIMIT") != "" || collections() != 0 {
		return
	}
	percent := debug.SetGCPercent(-1)
	defer debug.SetGCPercent(percent)
	start := new([16]byte)
	block := make([]byte, hugeReserve)
	chunk := uintptr(unsafe.Pointer(start)) &^ (heapChunk - 1)
	madvise(chunk, heapChunk, madvHugepage)
	madvise(chunk, heapChunk, madvCollapse) // best effort: older kernels refuse it
	madvise(uintptr(unsafe.Pointer(unsafe.SliceData(block))), hugeReserve, madvHugepage)
	runtime.KeepAlive(start)
	runtime.KeepAlive(block)
	block = nil
	runtime.GC()
}

// hugePagesOnRequest reads the setting with plain system calls: os.ReadFile
// and runtime/metrics cost a tenth of a millisecond on first use, a third of
// what the reservation costs a one-line script.
func hugePagesOnRequest() bool {
	fd, err := syscall.Open(thpSetting, syscall.O_RDONLY|syscall.O_CLOEXEC, 0)
	if err != nil {
		return false
	}
	defer syscall.Close(fd)
	var buf [128]byte
	n, err := syscall.Read(fd, buf[:])
	return err == nil && n > 0 && strings.Contains(string(buf[:n]), "[madvise]")
}

func collections() int64 {
	var s debug.GCStats
	debug.ReadGCStats(&s)
	return s.NumGC
}

// madvise gives advice for the whole huge pages within [p, p+n).
func madvise(p, n uintptr, advice int) {
	beg := (p + hugePage - 1) &^ (hugePage - 1)
	end := (p + n) &^ (hugePage - 1)
	if beg < end {
		_, _, _ = syscall.Syscall(syscall.SYS_MADVISE, beg, end-beg, uintptr(advice))
	}
}
