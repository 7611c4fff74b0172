package session_test

import (
	"context"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/wsrfc/wsrfc/session"
	"github.com/wsrfc/wsrfc/sim"
)

func TestSmoke(t *testing.T) {
	for _, prof := range []sim.Profile{sim.ProfileWsrfc, sim.ProfileLegacy} {
		srv := sim.New(sim.Config{Profile: prof})
		l, err := srv.Start("127.0.0.1:0")
		require.NoError(t, err)
		s, err := session.Dial(context.Background(), session.Options{URL: l.URL, Client: "001", User: "developer", Password: "Down1oad"})
		require.NoError(t, err)
		out, err := s.Call(context.Background(), "STFC_CONNECTION", map[string]any{"REQUTEXT": "hi"})
		require.NoError(t, err)
		require.Equal(t, "hi", out["ECHOTEXT"])
		t.Log(prof, out)
		s.Close()
		l.Close()
	}
}
