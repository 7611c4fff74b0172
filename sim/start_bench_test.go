package sim_test

import (
	"testing"

	"github.com/wsrfc/wsrfc/sim"
)

// BenchmarkNew is the simulator's share of a cold start with --sim: building a
// server with its users, tables and standard modules, before any request.
func BenchmarkNew(b *testing.B) {
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		_ = sim.New(sim.Config{})
	}
}
