package standard

import (
	"math"

	"github.com/wsrfc/wsrfc/protocol"
	"github.com/wsrfc/wsrfc/sim/core"
)

// Function group ZWSR_MEMORY demonstrates function-group memory: its modules
// share a counter declared in the group's TOP include (DATA gv_counter TYPE i).
// The counter lives as long as the session, as an ABAP program's global data
// lives as long as its internal session: calls in one session see each other's
// changes, another session starts from zero.

const memoryGroup = "ZWSR_MEMORY"

func memoryCounter(c *core.Call) int64 {
	v, _ := c.Session.Global(memoryGroup)["GV_COUNTER"].(int64)
	return v
}

func installMemoryDemo(s *core.Server) {
	s.MustDefine(&core.Function{
		Name: "Z_WSR_COUNTER_ADD", Group: memoryGroup, Description: "Add to the counter of this session",
		Params: []protocol.Parameter{
			exp("VALUE", "I", ddicTypeI, "Counter after the addition"),
			imp("DELTA", "I", ddicTypeI, true, "1", "Amount to add"),
		},
		Handler: func(c *core.Call) error {
			next := memoryCounter(c) + c.Int("DELTA")
			if next > math.MaxInt32 || next < math.MinInt32 {
				return core.Dump("COMPUTE_INT_PLUS_OVERFLOW", "Integer overflow in addition")
			}
			c.Session.Global(memoryGroup)["GV_COUNTER"] = next
			c.Set("VALUE", next)
			return nil
		},
	})
	s.MustDefine(&core.Function{
		Name: "Z_WSR_COUNTER_GET", Group: memoryGroup, Description: "Read the counter of this session",
		Params: []protocol.Parameter{
			exp("VALUE", "I", ddicTypeI, "Current counter"),
		},
		Handler: func(c *core.Call) error {
			c.Set("VALUE", memoryCounter(c))
			return nil
		},
	})
	s.MustDefine(&core.Function{
		Name: "Z_WSR_COUNTER_RESET", Group: memoryGroup, Description: "Set the counter of this session to zero",
		Handler: func(c *core.Call) error {
			delete(c.Session.Global(memoryGroup), "GV_COUNTER")
			return nil
		},
	})
}
