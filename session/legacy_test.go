package session_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wsrfc/wsrfc/protocol"
	"github.com/wsrfc/wsrfc/session"
	"github.com/wsrfc/wsrfc/sim"
	"github.com/wsrfc/wsrfc/sim/simtest"
)

// Against the old handler the client converts what the old handler would
// misread: ? in search patterns (literal there, LIKE's one-character wildcard
// is _) and ISO dates and times (assigned as text, 2024-01-31 became
// "2024-01-").

func TestLegacySearchQuestionMarkMatchesOneCharacter(t *testing.T) {
	noLeak(t)
	_, l := simtest.Start(t, sim.Config{Profile: sim.ProfileLegacy})
	s, err := session.Dial(bg, simOptions(l))
	require.NoError(t, err)
	defer s.Close()
	require.True(t, s.Legacy())

	res, err := s.Search(bg, "STFC?CONNECTION", 10)
	require.NoError(t, err)
	names := []string{}
	for _, f := range res.Functions {
		names = append(names, f.Name)
	}
	assert.Equal(t, []string{"STFC_CONNECTION"}, names)
}

func TestLegacyCallSendsISODatesAndTimesAsABAPText(t *testing.T) {
	noLeak(t)
	srv, l := simtest.Start(t, sim.Config{Profile: sim.ProfileLegacy})
	require.NoError(t, srv.Define(&sim.Function{
		Name: "Z_ECHO_MOMENT", Group: "ZTEST", Description: "Echoes a date and a time",
		Params: []protocol.Parameter{
			{Name: "IV_DATE", Kind: protocol.Importing, Type: "SYDATUM", Optional: true, DataType: protocol.Date()},
			{Name: "IV_TIME", Kind: protocol.Importing, Type: "SYUZEIT", Optional: true, DataType: protocol.Time()},
			{Name: "EV_DATE", Kind: protocol.Exporting, Type: "SYDATUM", DataType: protocol.Date()},
			{Name: "EV_TIME", Kind: protocol.Exporting, Type: "SYUZEIT", DataType: protocol.Time()},
		},
		Handler: func(c *sim.Call) error {
			c.Set("EV_DATE", c.String("IV_DATE"))
			c.Set("EV_TIME", c.String("IV_TIME"))
			return nil
		},
	}))
	s, err := session.Dial(bg, simOptions(l))
	require.NoError(t, err)
	defer s.Close()
	require.True(t, s.Legacy())

	out, err := s.Call(bg, "Z_ECHO_MOMENT", map[string]any{"IV_DATE": "2024-01-31", "IV_TIME": "23:59:58"})
	require.NoError(t, err)
	assert.Equal(t, "20240131", out["EV_DATE"])
	assert.Equal(t, "235958", out["EV_TIME"])
}
