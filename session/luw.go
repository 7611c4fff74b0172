package session

import "strings"

// PendingLUW names the function module that opened the SAP LUW of this session and that no
// BAPI_TRANSACTION_COMMIT or BAPI_TRANSACTION_ROLLBACK (nor the rfc domain's commit or rollback) has
// ended since, or "" when there is none. SAP does not report open LUWs, so this is a client-side guess:
// a BAPI whose name says it reads (GET, LIST, EXIST, CHECK, READ, DISPLAY, SEARCH, FIND) leaves none,
// every other BAPI_ opens one. The console asks before leaving with one open: leaving rolls it back.
func (s *Session) PendingLUW() string {
	if p := s.luw.Load(); p != nil {
		return *p
	}
	return ""
}

// noteLUW records a successful call for PendingLUW.
func (s *Session) noteLUW(domain, action, function string) {
	if domain != "rfc" {
		return
	}
	switch action {
	case "commit", "rollback":
		s.luw.Store(nil)
		return
	case "call":
	default:
		return
	}
	switch fm := strings.ToUpper(function); {
	case fm == "BAPI_TRANSACTION_COMMIT" || fm == "BAPI_TRANSACTION_ROLLBACK":
		s.luw.Store(nil)
	case strings.HasPrefix(fm, "BAPI_") && !readsOnly(fm) && s.luw.Load() == nil:
		s.luw.Store(&fm)
	}
}

var readingWords = []string{"GET", "LIST", "EXIST", "CHECK", "READ", "DISPLAY", "SEARCH", "FIND"}

func readsOnly(fm string) bool {
	for _, w := range readingWords {
		if strings.Contains(fm[len("BAPI_"):], w) {
			return true
		}
	}
	return false
}
