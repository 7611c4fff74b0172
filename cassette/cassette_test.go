package cassette

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/wsrfc/wsrfc/session"
	"github.com/wsrfc/wsrfc/sim"
	"github.com/wsrfc/wsrfc/sim/simtest"
)

func startSim(t *testing.T) string {
	t.Helper()
	_, l := simtest.Start(t, sim.Config{})
	return l.URL
}

func dial(t *testing.T, url string, obs session.Observer) *session.Session {
	t.Helper()
	opts := session.Options{URL: url, Client: sim.DemoClient, User: sim.DemoUser, Password: sim.DemoPassword, Observer: obs}
	s, err := session.Dial(context.Background(), opts)
	require.NoError(t, err)
	return s
}

// calls is a small scenario: a call, an error, the same call again (replay
// must hand out the second recording), and a STFC_STRUCTURE round trip.
func calls(t *testing.T, s *session.Session) []string {
	t.Helper()
	ctx := context.Background()
	var out []string
	for _, text := range []string{"one", "two", "one"} {
		r, err := s.Call(ctx, "STFC_CONNECTION", map[string]any{"REQUTEXT": text})
		require.NoError(t, err)
		out = append(out, r["ECHOTEXT"].(string)+"|"+r["RESPTEXT"].(string))
	}
	_, err := s.Call(ctx, "Z_DOES_NOT_EXIST", nil)
	var se *session.Error
	require.True(t, errors.As(err, &se), "error %v", err)
	out = append(out, se.Code)
	r, err := s.Call(ctx, "STFC_STRUCTURE", map[string]any{"IMPORTSTRUCT": map[string]any{"RFCINT4": 41}})
	require.NoError(t, err)
	b, _ := json.Marshal(r)
	return append(out, string(b))
}

func TestRecordThenReplayGivesTheSameResults(t *testing.T) {
	path := filepath.Join(t.TempDir(), "run.json")
	rec := NewRecorder(path)
	live := dial(t, startSim(t), rec.Observe(sim.DemoClient, sim.DemoUser))
	recorded := calls(t, live)
	require.NoError(t, live.Close())
	require.NoError(t, rec.Save())

	k, err := Load(path)
	require.NoError(t, err)
	require.Len(t, k.Sessions, 1)
	client, user := k.Logon()
	assert.Equal(t, sim.DemoClient, client)
	assert.Equal(t, sim.DemoUser, user)

	srv, err := Serve(k)
	require.NoError(t, err)
	defer srv.Close()
	replayed := dial(t, srv.URL(), nil)
	defer replayed.Close()
	assert.Equal(t, recorded, calls(t, replayed))
	assert.Equal(t, live.Welcome().Session, replayed.Welcome().Session, "the welcome is the recorded one")
}

func TestReplayRefusesARequestTheCassetteDoesNotHold(t *testing.T) {
	path := filepath.Join(t.TempDir(), "run.json")
	rec := NewRecorder(path)
	live := dial(t, startSim(t), rec.Observe(sim.DemoClient, sim.DemoUser))
	_, err := live.Call(context.Background(), "STFC_CONNECTION", map[string]any{"REQUTEXT": "recorded"})
	require.NoError(t, err)
	require.NoError(t, live.Close())
	require.NoError(t, rec.Save())
	k, err := Load(path)
	require.NoError(t, err)
	srv, err := Serve(k)
	require.NoError(t, err)
	defer srv.Close()

	s := dial(t, srv.URL(), nil)
	defer s.Close()
	ctx := context.Background()
	_, err = s.Call(ctx, "STFC_CONNECTION", map[string]any{"REQUTEXT": "never recorded"})
	var se *session.Error
	require.True(t, errors.As(err, &se), "error %v", err)
	assert.Equal(t, CodeNotInCassette, se.Code)
	assert.Contains(t, se.Message, "rfc.call")
	assert.Contains(t, se.Message, "never recorded")

	// The recorded request is still served, once: a second identical call was not recorded.
	r, err := s.Call(ctx, "STFC_CONNECTION", map[string]any{"REQUTEXT": "recorded"})
	require.NoError(t, err)
	assert.Equal(t, "recorded", r["ECHOTEXT"])
	_, err = s.Call(ctx, "STFC_CONNECTION", map[string]any{"REQUTEXT": "recorded"})
	require.True(t, errors.As(err, &se), "error %v", err)
	assert.Equal(t, CodeNotInCassette, se.Code)

	// A second session was never recorded.
	_, err = session.Dial(ctx, session.Options{URL: srv.URL(), HandshakeTimeout: 5 * time.Second})
	require.Error(t, err)
	assert.Contains(t, err.Error(), "record it again")
}

func TestSecretsAreRedacted(t *testing.T) {
	frame := []byte(`{"id":"rfc_9","domain":"rfc","action":"call","params":{"function":"BAPI_USER_CHANGE","parameters":` +
		`{"USERNAME":"ME","PASSWORD":{"BAPIPWD":"Secret1!"},"PASSWORDX":{"BAPIPWD":"X"},"TOKEN":"abc","CLIENT_SECRET":"s3","EMPTY_PASSWD":""}}}`)
	out := string(redactFrame(frame))
	for _, secret := range []string{"Secret1!", `"abc"`, `"s3"`} {
		assert.NotContains(t, out, secret)
	}
	assert.Contains(t, out, `"USERNAME":"ME"`, "other values stay")
	assert.Contains(t, out, `"EMPTY_PASSWD":""`, "empty values have nothing to hide")
	assert.Equal(t, 4, strings.Count(out, Redacted), out)

	// A replayed request with the real password still matches its redacted recording.
	k1, _, _, err := matchKey(frame)
	require.NoError(t, err)
	k2, _, _, err := matchKey(redactFrame(frame))
	require.NoError(t, err)
	assert.Equal(t, k1, k2)
}

func TestRecorderFilesPushesAndChunksUnderTheirRequest(t *testing.T) {
	path := filepath.Join(t.TempDir(), "c.json")
	rec := NewRecorder(path)
	o := rec.Observe("001", "ME")
	o.Frame(false, []byte(`{"id":"welcome","success":true,"data":{"session":"S1"}}`))
	o.Frame(false, []byte(`{"event":"hello","domain":"system"}`))
	o.Frame(true, []byte(`{"id":"debug_1","domain":"debug","action":"listen","params":{"timeout":5}}`))
	o.Frame(false, []byte(`{"id":"debug_1","success":true,"more":true,"data":{"a":[1]}}`))
	o.Frame(false, []byte(`{"event":"caught","domain":"debug","data":{"x":1}}`))
	o.Frame(false, []byte(`{"id":"debug_1","success":true,"data":{"a":[2]}}`))
	o.Frame(false, []byte(`{"id":"late_7","success":true}`)) // answers nothing recorded: dropped
	o.Ended(nil)

	k, err := Load(path)
	require.NoError(t, err)
	s := k.Sessions[0]
	require.Len(t, s.Pushes, 1)
	require.Len(t, s.Exchanges, 1)
	assert.Len(t, s.Exchanges[0].Replies, 2)
	assert.Len(t, s.Exchanges[0].Pushes, 1)

	// Replay sends the pushes and both reply frames under the new id.
	p := newPlayer(s)
	frames := p.answer([]byte(`{"id":"debug_42","domain":"debug","action":"listen","params":{"timeout":5},"timeout":999}`))
	require.Len(t, frames, 3)
	assert.JSONEq(t, `{"id":"debug_42","success":true,"more":true,"data":{"a":[1]}}`, string(frames[0]))
	assert.JSONEq(t, `{"id":"debug_42","success":true,"data":{"a":[2]}}`, string(frames[1]))
	assert.JSONEq(t, `{"event":"caught","domain":"debug","data":{"x":1}}`, string(frames[2]))
}

func TestMalformedFramesAreKeptAsSent(t *testing.T) {
	rec := NewRecorder(filepath.Join(t.TempDir(), "c.json"))
	o := rec.Observe("001", "ME").(*observer)
	o.Frame(false, []byte(`{"id":"welcome","success":true,"data":{}}`))
	o.Frame(true, []byte(`{"id":"rfc_1","domain":"rfc","action":"call","params":{"function":"X"}}`))
	raw := "{\"id\":\"rfc_1\",\"success\":true,\"data\":{\"T\":\"a\tb\"}}" // a raw tab: not JSON
	o.Frame(false, []byte(raw))
	require.Len(t, o.s.Exchanges[0].Replies, 1, "filed under its request, not as a push")

	frames := newPlayer(o.s).answer([]byte(`{"id":"rfc_9","domain":"rfc","action":"call","params":{"function":"X"}}`))
	require.Len(t, frames, 1)
	assert.Equal(t, strings.Replace(raw, "rfc_1", "rfc_9", 1), string(frames[0]))
}

func TestLoadExplainsBadFiles(t *testing.T) {
	dir := t.TempDir()
	_, err := Load(filepath.Join(dir, "missing.json"))
	require.Error(t, err)

	bad := filepath.Join(dir, "bad.json")
	require.NoError(t, os.WriteFile(bad, []byte(`{"version": 99, "sessions": []}`), 0o644))
	_, err = Load(bad)
	require.ErrorContains(t, err, "record it again")
}

// Secrets go by more names than PASSWORD: SAP's own (BAPIPWD, INITPWD, the
// table field PASS), German ones (KENNWORT), and those of tokens and keys.
func TestSecretsUnderEveryCommonNameAreRedacted(t *testing.T) {
	secrets := map[string]string{"PWD": "v1", "INITPWD": "v2", "PASSCODE": "v3", "PIN": "v4", "API_KEY": "v5",
		"KENNWORT": "v6", "apiKey": "v7", "USER_PIN": "v8", "PRIVATE_KEY": "v9"}
	params := map[string]any{"USERNAME": "ME", "PASSENGER": "Mr X", "SPINDLE": "s", "TOPIC": "t", "NO_USER_PW": "f",
		"LOGONDATA": map[string]any{"BAPIPWD": "v10"}, "USERS": []any{map[string]any{"NAME": "A", "PASS": "v11"}}}
	for k, v := range secrets {
		params[k] = v
	}
	raw, err := json.Marshal(map[string]any{"id": "rfc_1", "domain": "rfc", "action": "call",
		"params": map[string]any{"function": "Z_LOGON", "parameters": params}})
	require.NoError(t, err)
	out := string(redactFrame(raw))
	for i := 1; i <= 11; i++ {
		assert.NotContains(t, out, fmt.Sprintf(`"v%d"`, i), out)
	}
	for _, kept := range []string{`"Mr X"`, `"ME"`, `"s"`, `"t"`, `"A"`, `"f"`} {
		assert.Contains(t, out, kept)
	}
}
