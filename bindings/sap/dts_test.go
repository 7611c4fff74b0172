package sap_test

import (
	"os"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// declaredMembers reads the member names of an interface in types/wsrfc.d.ts.
func declaredMembers(t *testing.T, src, iface string) []string {
	t.Helper()
	start := regexp.MustCompile(`(?m)^interface ` + iface + `\b[^{]*\{`).FindStringIndex(src)
	require.NotNil(t, start, "interface %s is not declared", iface)
	body := src[start[1]:]
	body = body[:strings.Index(body, "\n}")]
	member := regexp.MustCompile(`(?m)^  (?:readonly )?([A-Za-z_$][\w$]*)\??\s*[:(<]`)
	seen := map[string]bool{}
	var names []string
	for _, m := range member.FindAllStringSubmatch(body, -1) {
		if !seen[m[1]] {
			seen[m[1]] = true
			names = append(names, m[1])
		}
	}
	sort.Strings(names)
	return names
}

// TestTypeDeclarationsMatchTheBinding keeps types/wsrfc.d.ts in step with what
// the sap module really exposes: every member the binding has is declared, and
// every declared member exists.
func TestTypeDeclarationsMatchTheBinding(t *testing.T) {
	raw, err := os.ReadFile("../../types/wsrfc.d.ts")
	require.NoError(t, err)
	src := string(raw)
	res, _ := runJS(t, simConfig(), `
		const keys = (o) => Object.getOwnPropertyNames(o).sort();
		const client = sap.open();
		globalThis.result = {
			sap: keys(sap), rfc: keys(sap.rfc), client: keys(client),
			debug: ['setBreakpoint','getBreakpoints','deleteBreakpoint','listen','getDebuggees','attach','step',
				'getStack','getVariables','detach','getStatus'].filter(a => typeof sap.debug[a] === 'function'),
		};
		client.close();`)
	got := res.(map[string]any)
	strs := func(v any) []string {
		var out []string
		for _, x := range v.([]any) {
			out = append(out, x.(string))
		}
		sort.Strings(out)
		return out
	}
	client := declaredMembers(t, src, "SapClient")
	assert.ElementsMatch(t, client, strs(got["client"]), "SapClient in types/wsrfc.d.ts vs sap.open()")
	sapOwn := append(append([]string{}, client...), declaredMembers(t, src, "Sap")...)
	assert.ElementsMatch(t, sapOwn, strs(got["sap"]), "Sap (with SapClient) in types/wsrfc.d.ts vs the global sap")
	assert.ElementsMatch(t, declaredMembers(t, src, "Rfc"), strs(got["rfc"]), "Rfc in types/wsrfc.d.ts vs sap.rfc")
	assert.ElementsMatch(t, declaredMembers(t, src, "Debugger"), strs(got["debug"]), "Debugger in types/wsrfc.d.ts vs sap.debug")
}
