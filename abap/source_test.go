package abap_test

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// Two rules of SAP's ABAP that neither abaplint nor the off-system runtime
// enforces, each of which kept the handler from activating:
//   - WITH TABLE KEY must name every key component; abap_func_parmbind_tab's
//     key is KIND NAME, so reading it by NAME alone is a syntax error;
//   - SWITCH takes one operand per WHEN; "WHEN a OR b" is COND's or CASE's.
var (
	readTableKey = regexp.MustCompile(`(?is)READ\s+TABLE\s+(\w+)\s+WITH\s+TABLE\s+KEY\s[^.]*\.`)
	switchWhenOr = regexp.MustCompile(`(?is)\bWHEN\s[^\n]*?\sOR\s`)
	abapComments = regexp.MustCompile(`(?m)^\*.*$|"[^\n]*$`)
)

func handlerSources(t *testing.T) map[string]string {
	t.Helper()
	files, err := filepath.Glob(filepath.Join("src", "*.abap"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no ABAP sources in abap/src: %v", err)
	}
	out := map[string]string{}
	for _, f := range files {
		raw, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		// Comments out: they may mention anything.
		out[f] = abapComments.ReplaceAllString(string(raw), "")
	}
	return out
}

func TestParmbindTablesAreReadByTheirFullKey(t *testing.T) {
	for file, src := range handlerSources(t) {
		for _, m := range readTableKey.FindAllStringSubmatch(src, -1) {
			table := m[1]
			declared := regexp.MustCompile(`(?i)\b` + regexp.QuoteMeta(table) + `\s+TYPE\s+abap_func_parmbind_tab\b`)
			if !declared.MatchString(src) {
				continue
			}
			if !regexp.MustCompile(`(?i)\bkind\s*=`).MatchString(m[0]) {
				t.Errorf("%s: %q reads an abap_func_parmbind_tab WITH TABLE KEY without KIND (its key is KIND NAME)", file, strings.Join(strings.Fields(m[0]), " "))
			}
		}
	}
}

func TestSwitchHasOneOperandPerWhen(t *testing.T) {
	for file, src := range handlerSources(t) {
		upper := strings.ToUpper(src)
		for at := strings.Index(upper, "SWITCH "); at >= 0; {
			open := strings.Index(upper[at:], "(")
			if open < 0 {
				break
			}
			depth, end := 0, len(upper)
			for i := at + open; i < len(upper); i++ {
				if upper[i] == '(' {
					depth++
				} else if upper[i] == ')' {
					depth--
					if depth == 0 {
						end = i
						break
					}
				}
			}
			if switchWhenOr.MatchString(src[at:end]) {
				t.Errorf("%s: SWITCH with \"WHEN ... OR ...\" (not ABAP syntax; use COND or CASE):\n%s", file, src[at:end+1])
			}
			next := strings.Index(upper[end:], "SWITCH ")
			if next < 0 {
				break
			}
			at = end + next
		}
	}
}
