package gcpace

import (
	"bufio"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// anonHugeKiB is how much of the process's memory is in transparent huge pages.
func anonHugeKiB(t *testing.T) int {
	t.Helper()
	f, err := os.Open("/proc/self/smaps_rollup")
	require.NoError(t, err)
	defer f.Close()
	s := bufio.NewScanner(f)
	for s.Scan() {
		if rest, ok := strings.CutPrefix(s.Text(), "AnonHugePages:"); ok {
			kib, err := strconv.Atoi(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(rest), "kB")))
			require.NoError(t, err)
			return kib
		}
	}
	t.Fatal("no AnonHugePages in smaps_rollup")
	return 0
}

// growHeap allocates 48 MiB of small objects, as a burst of calls or a table does.
func growHeap() [][]byte {
	held := make([][]byte, 0, 48<<20/1024)
	for range cap(held) {
		b := make([]byte, 1024)
		b[0] = 1
		held = append(held, b)
	}
	return held
}

// The reservation must come before the heap has grown (before any
// collection), so each case runs in a process of its own: this test binary
// again, reserving (or not) in TestMain before the tests start, and running
// only TestHeapGrowth.
func TestMain(m *testing.M) {
	if os.Getenv("GCPACE_HEAP_GROWTH") == "yes" {
		reserveHugePages()
	}
	os.Exit(m.Run())
}

func TestTheHeapGrowsInHugePagesWhenReserved(t *testing.T) {
	if !hugePagesOnRequest() {
		t.Skipf("huge pages are not given on request here (%s)", thpSetting)
	}
	huge := func(reserve string) int {
		cmd := exec.Command(os.Args[0], "-test.run=^TestHeapGrowth$", "-test.v")
		cmd.Env = append(os.Environ(), "GCPACE_HEAP_GROWTH="+reserve)
		out, err := cmd.CombinedOutput()
		require.NoError(t, err, "%s", out)
		_, after, ok := strings.Cut(string(out), "huge KiB: ")
		require.True(t, ok, "%s", out)
		kib, err := strconv.Atoi(strings.Fields(after)[0])
		require.NoError(t, err)
		return kib
	}
	assert.Zero(t, huge("no"), "without the reservation the heap stays in 4 KiB pages")
	assert.GreaterOrEqual(t, huge("yes"), 32<<10, "with it, most of 48 MiB of small objects is in huge pages")
}

func TestHeapGrowth(t *testing.T) {
	if os.Getenv("GCPACE_HEAP_GROWTH") == "" {
		t.Skip("run by TestTheHeapGrowsInHugePagesWhenReserved")
	}
	held := growHeap()
	t.Logf("huge KiB: %d", anonHugeKiB(t))
	_ = held[len(held)-1]
}
