package debug

import (
	"fmt"

	"github.com/wsrfc/wsrfc/protocol"
	"github.com/wsrfc/wsrfc/sim/core"
)

// authorizeDebug is the debugger's authorization check, as the kernel makes
// it for external debugging: the user needs S_DEVELOP for object type DEBUG
// (User.Debug), and a session sees, catches and attaches to only the calls of
// its own user in its own client. targetKey is the client/user an action is
// about ("" when it is about the session's own debuggee).
func authorizeDebug(sess *core.Session, targetKey string) error {
	if !sess.User.Debug {
		return &protocol.Error{Code: protocol.CodeNotAuthorized,
			Message: fmt.Sprintf("No authorization for debugging: user %s lacks S_DEVELOP for object type DEBUG", sess.User.Name)}
	}
	if targetKey != "" && targetKey != userKey(sess) {
		return &protocol.Error{Code: protocol.CodeNotAuthorized,
			Message: fmt.Sprintf("No authorization to debug the calls of another user (%s): only your own calls can be debugged", targetKey)}
	}
	return nil
}
