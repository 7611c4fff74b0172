//go:build unix

package repl

import (
	"os"
	"syscall"
)

// redrawPrompt makes liner draw its line again (see redraw.go).
func redrawPrompt() { _ = syscall.Kill(os.Getpid(), syscall.SIGWINCH) }
