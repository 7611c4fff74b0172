package sim_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
)

// TestHandlerDifferences keeps testdata/handler_differences.json honest: the
// file lists the contract cases the transpiled ABAP handler does not yet
// answer as documented (abap/offsystem/contract.mjs reads it), and every
// entry must name an existing case and give its reason.
func TestHandlerDifferences(t *testing.T) {
	raw, err := os.ReadFile(filepath.Join("testdata", "handler_differences.json"))
	if err != nil {
		t.Fatal(err)
	}
	var file struct {
		Cases map[string]string `json:"cases"`
	}
	if err := json.Unmarshal(raw, &file); err != nil {
		t.Fatalf("handler_differences.json: %v", err)
	}
	for name, reason := range file.Cases {
		if _, err := os.Stat(filepath.Join("testdata", "contract", name+".json")); err != nil {
			t.Errorf("handler_differences.json lists %q, which is no contract case", name)
		}
		if reason == "" {
			t.Errorf("handler_differences.json lists %q without a reason", name)
		}
	}
}
