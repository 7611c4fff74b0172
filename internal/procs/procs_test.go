package procs

import (
	"runtime"
	"testing"
)

func TestNarrowThenWidenRestoresTheDefault(t *testing.T) {
	t.Setenv("GOMAXPROCS", "")
	before := runtime.GOMAXPROCS(0)
	defer runtime.GOMAXPROCS(before)
	if before < 2 {
		runtime.GOMAXPROCS(2)
		before = 2
	}
	Narrow()
	if got := runtime.GOMAXPROCS(0); got != 1 {
		t.Fatalf("after Narrow GOMAXPROCS is %d, want 1", got)
	}
	Widen()
	if got := runtime.GOMAXPROCS(0); got != before {
		t.Fatalf("after Widen GOMAXPROCS is %d, want %d", got, before)
	}
	runtime.GOMAXPROCS(3)
	Widen() // once widened, later calls leave the setting alone
	if got := runtime.GOMAXPROCS(0); got != 3 {
		t.Fatalf("a second Widen changed GOMAXPROCS to %d", got)
	}
}

func TestNarrowLeavesAnExplicitSetting(t *testing.T) {
	t.Setenv("GOMAXPROCS", "2")
	before := runtime.GOMAXPROCS(0)
	defer runtime.GOMAXPROCS(before)
	Narrow()
	if got := runtime.GOMAXPROCS(0); got != before {
		t.Fatalf("Narrow changed GOMAXPROCS=%d set in the environment to %d", before, got)
	}
	Widen()
	if got := runtime.GOMAXPROCS(0); got != before {
		t.Fatalf("Widen changed GOMAXPROCS to %d without a Narrow", got)
	}
}
