//go:build !unix

package repl

// redrawPrompt does nothing where liner takes no SIGWINCH: the prompt comes
// back with the next key pressed, which makes liner draw its line.
func redrawPrompt() {}
