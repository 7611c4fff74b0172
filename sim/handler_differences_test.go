package sim_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestHandlerDifferences keeps testdata/handler_differences.json honest: the
// file lists the contract cases the transpiled ABAP handler does not yet
// answer as documented (abap/offsystem/contract.mjs reads it), by case name
// or by the function module the cases call. Every entry must give its reason
// and name an existing case or a module some case uses, and a case must not
// be listed both ways, so that each reason is kept in one place.
func TestHandlerDifferences(t *testing.T) {
	raw, err := os.ReadFile(filepath.Join("testdata", "handler_differences.json"))
	if err != nil {
		t.Fatal(err)
	}
	var file struct {
		Functions map[string]string `json:"functions"`
		Cases     map[string]string `json:"cases"`
	}
	if err := json.Unmarshal(raw, &file); err != nil {
		t.Fatalf("handler_differences.json: %v", err)
	}
	caseFunction := contractCaseFunctions(t)
	for name, reason := range file.Cases {
		function, ok := caseFunction[name]
		if !ok {
			t.Errorf("handler_differences.json lists %q, which is no contract case", name)
		}
		if reason == "" {
			t.Errorf("handler_differences.json lists %q without a reason", name)
		}
		if _, dup := file.Functions[function]; dup && function != "" {
			t.Errorf("handler_differences.json lists %q both as a case and through its module %s: keep one", name, function)
		}
	}
	used := map[string]bool{}
	for _, function := range caseFunction {
		used[function] = true
	}
	for function, reason := range file.Functions {
		if !used[function] {
			t.Errorf("handler_differences.json lists module %q, which no contract case calls or describes", function)
		}
		if reason == "" {
			t.Errorf("handler_differences.json lists module %q without a reason", function)
		}
	}
}

// contractCaseFunctions maps each contract case to the function module its
// request names (upper case; empty for requests without one).
func contractCaseFunctions(t *testing.T) map[string]string {
	t.Helper()
	dir := filepath.Join("testdata", "contract")
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	for _, e := range entries {
		name, ok := strings.CutSuffix(e.Name(), ".json")
		if !ok {
			continue
		}
		raw, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		var c struct {
			Request struct {
				Params struct {
					Function string `json:"function"`
				} `json:"params"`
			} `json:"request"`
		}
		// Cases with a requestText or welcome carry no request; they name no module.
		if err := json.Unmarshal(raw, &c); err != nil {
			t.Fatalf("contract case %s: %v", e.Name(), err)
		}
		out[name] = strings.ToUpper(c.Request.Params.Function)
	}
	return out
}
