package session_test

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wsrfc/wsrfc/session"
	"github.com/wsrfc/wsrfc/sim"
	"github.com/wsrfc/wsrfc/sim/simtest"
)

// A stateful session is only as good as the order of its requests: the
// counter modules keep their value in the session's function-group memory, so
// any reordering shows in the values they return.

func TestAsyncCallsOfUncachedModulesReachTheServerInTheOrderMade(t *testing.T) {
	noLeak(t)
	_, l := simtest.Start(t, sim.Config{})
	s, err := session.Dial(bg, simOptions(l))
	require.NoError(t, err)
	defer s.Close()

	var results []<-chan asyncResult
	for _, delta := range []int{1, 10, 100, 1000} {
		results = append(results, callAsync(s, bg, "Z_WSR_COUNTER_ADD", map[string]any{"DELTA": delta}, session.CallOptions{}))
	}
	get := callAsync(s, bg, "Z_WSR_COUNTER_GET", nil, session.CallOptions{})
	var got []any
	for _, ch := range results {
		r := await(t, ch)
		require.NoError(t, r.err)
		got = append(got, r.out["VALUE"])
	}
	assert.Equal(t, []any{int64(1), int64(11), int64(111), int64(1111)}, got, "each ADD saw the ones made before it")
	r := await(t, get)
	require.NoError(t, r.err)
	assert.Equal(t, int64(1111), r.out["VALUE"], "the GET made last ran last")
}

func TestSynchronousCallsAndRequestsWaitForAsyncCallsMadeBeforeThem(t *testing.T) {
	noLeak(t)
	_, l := simtest.Start(t, sim.Config{})
	s, err := session.Dial(bg, simOptions(l))
	require.NoError(t, err)
	defer s.Close()

	add := callAsync(s, bg, "Z_WSR_COUNTER_ADD", map[string]any{"DELTA": 5}, session.CallOptions{})
	out, err := s.Call(bg, "Z_WSR_COUNTER_GET", nil)
	require.NoError(t, err)
	assert.Equal(t, int64(5), out["VALUE"], "the synchronous GET went out after the ADD made before it")
	require.NoError(t, await(t, add).err)

	add = callAsync(s, bg, "Z_WSR_COUNTER_RESET", nil, session.CallOptions{})
	raw, err := s.Request(bg, "rfc", "call", map[string]any{"function": "Z_WSR_COUNTER_GET", "parameters": map[string]any{}})
	require.NoError(t, err)
	require.NoError(t, await(t, add).err)
	var reply struct {
		Result struct{ VALUE json.Number } `json:"result"`
	}
	require.NoError(t, json.Unmarshal(raw, &reply), "%s", raw)
	assert.Equal(t, "0", reply.Result.VALUE.String(), "the raw request went out after the RESET made before it")

	done := make(chan error, 1)
	s.CallAsync(bg, "Z_WSR_COUNTER_ADD", map[string]any{"DELTA": 7}, session.CallOptions{}, func(map[string]any, error) {})
	s.RequestAsync(bg, "rfc", "call", map[string]any{"function": "Z_WSR_COUNTER_GET", "parameters": map[string]any{}}, 0, func(data any, err error) {
		if err == nil {
			value, _ := data.(map[string]any)["result"].(map[string]any)["VALUE"].(json.Number)
			reply.Result.VALUE = value
		}
		done <- err
	})
	require.NoError(t, <-done)
	assert.Equal(t, "7", reply.Result.VALUE.String(), "an async raw request waits for the async call made before it")
}

// A call of a module that does not exist looks for the nearest name to
// suggest while it is in the order; that search must not wait behind the
// call that needs it.
func TestAnAsyncCallOfAMissingModuleFailsWithASuggestion(t *testing.T) {
	noLeak(t)
	_, l := simtest.Start(t, sim.Config{})
	s, err := session.Dial(bg, simOptions(l))
	require.NoError(t, err)
	defer s.Close()

	r := await(t, callAsync(s, bg, "STFC_CONECTION", nil, session.CallOptions{}))
	e := requireSessionError(t, r.err, "FUNC_NOT_FOUND")
	assert.Contains(t, e.Message, "STFC_CONNECTION")
	out, err := s.Call(bg, "STFC_CONNECTION", map[string]any{"REQUTEXT": "after"})
	require.NoError(t, err)
	assert.Equal(t, "after", out["ECHOTEXT"])
}
