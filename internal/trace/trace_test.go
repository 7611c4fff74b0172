package trace

import (
	"bufio"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func readLines(t *testing.T, path string) []map[string]any {
	t.Helper()
	f, err := os.Open(path)
	require.NoError(t, err)
	defer f.Close()
	var out []map[string]any
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		var l map[string]any
		require.NoError(t, json.Unmarshal(sc.Bytes(), &l), sc.Text())
		out = append(out, l)
	}
	return out
}

func TestChunkedRepliesLargeFramesAndTheEnd(t *testing.T) {
	path := filepath.Join(t.TempDir(), "t.jsonl")
	w, err := Create(path)
	require.NoError(t, err)
	o := w.Observe(nil)("001", "DEVELOPER")
	o.Frame(false, []byte(`{"id":"welcome","success":true,"data":{}}`))
	o.Frame(true, []byte(`{"id":"rfc_1","domain":"rfc","action":"call","params":{"function":"RFC_READ_TABLE","parameters":{"QUERY_TABLE":"ZWSR_VOLUME"}}}`))
	big := `{"id":"rfc_1","success":true,"more":true,"data":{"result":{"DATA":["` + strings.Repeat("x", MaxFrameBytes) + `"]}}}`
	o.Frame(false, []byte(big))
	o.Frame(false, []byte(`{"id":"rfc_1","success":true,"data":{"result":{"DATA":[]}}}`))
	o.Frame(false, []byte(`{"domain":"debug","event":"caught","data":{}}`))
	o.Ended(errors.New("closed by the script"))
	require.NoError(t, w.Close())

	lines := readLines(t, path)
	require.Len(t, lines, 7)
	dirs := make([]any, len(lines))
	for i, l := range lines {
		dirs[i] = l["dir"]
	}
	assert.Equal(t, []any{"logon", "welcome", "request", "response", "response", "push", "end"}, dirs)
	assert.Equal(t, "RFC_READ_TABLE", lines[3]["function"], "a continuation frame names its request")
	assert.Equal(t, true, lines[3]["more"])
	assert.Contains(t, lines[3]["frameOmitted"], "more than 65536")
	assert.NotContains(t, lines[3], "frame")
	assert.Equal(t, "RFC_READ_TABLE", lines[4]["function"], "so does the last one")
	assert.Contains(t, lines[4], "ms")
	assert.Equal(t, "caught", lines[5]["event"])
	assert.Equal(t, "closed by the script", lines[6]["reason"])
}

func TestCreateFailsOnAMissingFolder(t *testing.T) {
	_, err := Create(filepath.Join(t.TempDir(), "missing", "t.jsonl"))
	require.Error(t, err)
	assert.Contains(t, err.Error(), "cannot write the trace")
}
