// Package abap_test checks the ABAP handler offline: abaplint (installed from
// the npm registry by lint.sh) must report no finding for release 7.50.
package abap_test

import (
	"errors"
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
	var exit *exec.ExitError
	if errors.As(err, &exit) && exit.ExitCode() == 69 {
		if os.Getenv("CI") != "" {
			t.Fatalf("abaplint could not be installed, so the ABAP handler was not linted:\n%s", out)
		}
		t.Skipf("abaplint could not be installed (no npm registry?): the ABAP handler was not linted\n%s", out)
	}
	if err != nil {
		t.Fatalf("abaplint found problems in abap/ (run abap/lint.sh):\n%s", out)
	}
	t.Logf("%s", out)
}
