//go:build unix

package fs_test

import (
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestPermissionDeniedAsAnotherUser provokes a real EACCES where the tests run as root, which bypasses file
// permissions: this test binary runs itself as the user nobody against a file only root may read.
func TestPermissionDeniedAsAnotherUser(t *testing.T) {
	if dir := os.Getenv("WSRFC_EACCES_DIR"); dir != "" {
		out, err := run(t, dir, `import { readFile } from 'fs/promises';
try { await readFile('`+filepath.Join(dir, "secret.txt")+`'); console.log('read it'); } catch (e) { console.log(e.code, e.message); }`, "")
		require.NoError(t, err)
		_, _ = os.Stdout.WriteString("RESULT " + out)
		return
	}
	if os.Geteuid() != 0 {
		t.Skip("only root can start the test as another user; TestPermissionDenied covers this case for other users")
	}
	dir, err := os.MkdirTemp("", "wsrfc-eacces-")
	require.NoError(t, err)
	defer os.RemoveAll(dir)
	require.NoError(t, os.Chmod(dir, 0o777))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "secret.txt"), []byte("x"), 0o600))
	self, err := os.Executable()
	require.NoError(t, err)
	bin := filepath.Join(dir, "fs.test")
	copyFile(t, self, bin)

	cmd := exec.Command(bin, "-test.run=^TestPermissionDeniedAsAnotherUser$", "-test.count=1")
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "WSRFC_EACCES_DIR="+dir, "HOME="+dir)
	cmd.SysProcAttr = &syscall.SysProcAttr{Credential: &syscall.Credential{Uid: 65534, Gid: 65534}}
	out, err := cmd.CombinedOutput()
	require.NoError(t, err, "%s", out)
	result := ""
	for _, line := range strings.Split(string(out), "\n") {
		if r, ok := strings.CutPrefix(line, "RESULT "); ok {
			result = r
		}
	}
	assert.Equal(t, "EACCES EACCES: permission denied, open '"+filepath.Join(dir, "secret.txt")+"'", result)
}

func copyFile(t *testing.T, from, to string) {
	t.Helper()
	src, err := os.Open(from)
	require.NoError(t, err)
	defer src.Close()
	dst, err := os.OpenFile(to, os.O_CREATE|os.O_WRONLY, 0o755)
	require.NoError(t, err)
	_, err = io.Copy(dst, src)
	require.NoError(t, err)
	require.NoError(t, dst.Close())
}
