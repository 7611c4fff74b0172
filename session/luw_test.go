package session_test

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wsrfc/wsrfc/session"
	"github.com/wsrfc/wsrfc/sim"
	"github.com/wsrfc/wsrfc/sim/simtest"
)

func TestPendingLUWFollowsChangingBAPIsAndTheirCommit(t *testing.T) {
	_, l := simtest.Start(t, sim.Config{})
	ctx := context.Background()
	s, err := session.Dial(ctx, simOptions(l))
	require.NoError(t, err)
	defer s.Close()
	booking := map[string]any{"BOOKING_DATA": map[string]any{"AIRLINEID": "LH", "CONNECTID": "0400", "FLIGHTDATE": "20260112",
		"CUSTOMERID": "00000005", "CLASS": "Y", "AGENCYNUM": "00000100", "PASSNAME": "J"}}

	_, err = s.Call(ctx, "BAPI_FLBOOKING_GETLIST", map[string]any{"AIRLINE": "LH"})
	require.NoError(t, err)
	assert.Empty(t, s.PendingLUW(), "a reading BAPI opens no LUW")

	_, err = s.Call(ctx, "bapi_flbooking_createfromdata", booking)
	require.NoError(t, err)
	assert.Equal(t, "BAPI_FLBOOKING_CREATEFROMDATA", s.PendingLUW())

	_, err = s.Call(ctx, "BAPI_TRANSACTION_ROLLBACK", nil)
	require.NoError(t, err)
	assert.Empty(t, s.PendingLUW())

	done := make(chan error, 1)
	s.CallAsync(ctx, "BAPI_FLBOOKING_CREATEFROMDATA", booking, session.CallOptions{}, func(_ map[string]any, err error) { done <- err })
	require.NoError(t, <-done)
	assert.Equal(t, "BAPI_FLBOOKING_CREATEFROMDATA", s.PendingLUW())
	_, err = s.Request(ctx, "rfc", "commit", map[string]any{})
	require.NoError(t, err)
	assert.Empty(t, s.PendingLUW())
}
