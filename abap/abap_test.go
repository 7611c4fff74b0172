// Package abap_test checks the ABAP handler off-system: abaplint (newest
// release, pinned in package-lock.json) must report no finding for release
// 7.50 against open-abap-core's definitions of SAP's objects, and every ABAP
// Unit test class must pass when the handler is transpiled to JavaScript and
// run in Node (offsystem/run.mjs).
package abap_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
)

// openABAPCore is open-abap-core's folder: $OPEN_ABAP_CORE, else
// ../shared/vendor/open-abap-core next to the repository. The tests skip
// without it; the project does not carry a copy.
func openABAPCore(t *testing.T) string {
	t.Helper()
	dir := os.Getenv("OPEN_ABAP_CORE")
	if dir == "" {
		dir = filepath.Join("..", "..", "shared", "vendor", "open-abap-core")
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(abs, "src")); err != nil {
		t.Skipf("open-abap-core not found at %s: set OPEN_ABAP_CORE to a checkout of github.com/open-abap/open-abap-core", abs)
	}
	return abs
}

var (
	installOnce sync.Once
	installErr  error
)

// npmInstall installs the pinned abaplint tools once per test binary.
func npmInstall(t *testing.T) {
	t.Helper()
	if _, err := exec.LookPath("npm"); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("npm is needed to check the ABAP handler: %v", err)
		}
		t.Skip("npm not installed: the ABAP handler was not checked")
	}
	installOnce.Do(func() {
		cmd := exec.Command("npm", "ci", "--no-audit", "--no-fund", "--loglevel=error")
		out, err := cmd.CombinedOutput()
		if err != nil {
			installErr = fmt.Errorf("npm could not install the ABAP tools (npm ci in abap/ failed: %v); check the network or the npm registry:\n%s", err, out)
		}
	})
	if installErr != nil {
		t.Fatal(installErr)
	}
}

// lintConfig is abaplint.json with the open-abap-core dependency pointed at
// core (abaplint reads dependency folders relative to the config's folder).
func lintConfig(t *testing.T, core string) string {
	t.Helper()
	raw, err := os.ReadFile("abaplint.json")
	if err != nil {
		t.Fatal(err)
	}
	var cfg map[string]any
	if err := json.Unmarshal(raw, &cfg); err != nil {
		t.Fatalf("abaplint.json: %v", err)
	}
	here, err := filepath.Abs(".")
	if err != nil {
		t.Fatal(err)
	}
	rel, err := filepath.Rel(here, core)
	if err != nil {
		t.Fatal(err)
	}
	deps, _ := cfg["dependencies"].([]any)
	for _, d := range deps {
		if dep, ok := d.(map[string]any); ok && strings.HasSuffix(fmt.Sprint(dep["folder"]), "open-abap-core") {
			dep["folder"] = "/" + filepath.ToSlash(rel)
		}
	}
	out, err := json.MarshalIndent(cfg, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	name := "abaplint.generated.json"
	if err := os.WriteFile(name, out, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = os.Remove(name) })
	return name
}

func TestABAPLint(t *testing.T) {
	t.Parallel()
	core := openABAPCore(t)
	npmInstall(t)
	cmd := exec.Command(filepath.Join("node_modules", ".bin", "abaplint"), lintConfig(t, core))
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("abaplint found problems in abap/ (run abap/lint.sh):\n%s", out)
	}
	t.Logf("%s", bytes.TrimSpace(out))
}

var unitSummary = regexp.MustCompile(`ABAP Unit: (\d+) tests, (\d+) failed`)

func TestABAPUnitOffSystem(t *testing.T) {
	t.Parallel()
	core := openABAPCore(t)
	npmInstall(t)
	cmd := exec.Command("node", filepath.Join("offsystem", "run.mjs"))
	cmd.Env = append(os.Environ(), "OPEN_ABAP_CORE="+core)
	out, err := cmd.CombinedOutput()
	m := unitSummary.FindSubmatch(out)
	if err != nil || m == nil {
		t.Fatalf("the off-system ABAP Unit run failed (node abap/offsystem/run.mjs): %v\n%s", err, out)
	}
	if string(m[1]) == "0" {
		t.Fatalf("the off-system run found no ABAP Unit tests:\n%s", out)
	}
	fmt.Printf("%s\n", bytes.TrimSpace(unitSummary.Find(out)))
	t.Logf("%s", bytes.TrimSpace(out))

	// One contract, two servers: the cases the simulator is tested with,
	// played against the transpiled router (same output folder).
	contract := exec.Command("node", filepath.Join("offsystem", "contract.mjs"))
	out, err = contract.CombinedOutput()
	m = contractSummary.FindSubmatch(out)
	if err != nil || m == nil {
		t.Fatalf("the contract cases failed against the transpiled handler (node abap/offsystem/contract.mjs; differences with a reason go in sim/testdata/handler_differences.json): %v\n%s", err, out)
	}
	fmt.Printf("%s\n", m[0])
}

var contractSummary = regexp.MustCompile(`contract: \d+ cases, \d+ failed, \d+ listed differences`)
