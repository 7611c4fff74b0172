package core

import "testing"

func TestWildcardMatchTable(t *testing.T) {
	for _, c := range []struct {
		p, s string
		want bool
	}{
		{"*", "", true}, {"*", "ABC", true}, {"", "", true}, {"", "A", false},
		{"STFC_*", "stfc_connection", true}, {"STFC_*", "STF", false}, {"?TFC*", "STFC", true}, {"?FC*", "STFC", false},
		{"BAPI_*_GET*", "BAPI_USER_GET_DETAIL", true}, {"BAPI_*_GET", "BAPI_USER_GET_DETAIL", false},
		{"*A*B*C", "XAYBZC", true}, {"*A*B*C", "XAYBZ", false}, {"A?C", "ABC", true}, {"A?C", "AC", false},
		{"**********************X", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAY", false},
		{"RFC_ABAP_INSTALL_AND_RUN", "RFC_ABAP_INSTALL_AND_RUN", true},
	} {
		if got := WildcardMatch(c.p, c.s); got != c.want {
			t.Errorf("WildcardMatch(%q, %q) = %v, want %v", c.p, c.s, got, c.want)
		}
	}
}
