// Package abap_test checks the ABAP handler offline: abaplint (installed from
// the npm registry by lint.sh) must report no finding for release 7.50.
package abap_test

import (
	"os"
	"os/exec"
	"testing"
)

func TestABAPLint(t *testing.T) {
	if _, err := exec.LookPath("npm"); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("npm is needed to lint the ABAP handler: %v", err)
		}
		t.Skip("npm not installed: the ABAP handler was not linted")
	}
	cmd := exec.Command("sh", "lint.sh")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("abaplint found problems in abap/ (run abap/lint.sh):\n%s", out)
	}
	t.Logf("%s", out)
}
