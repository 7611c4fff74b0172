//go:build !unix

package repl

import "sync/atomic"

// keyFilter is the unix filter that tells liner's Ctrl-C on a line with text from one on an empty line;
// elsewhere liner's own handling stays: Ctrl-C always ends the prompt.
type keyFilter struct{}

func withKeyFilter(_ *atomic.Bool, open func()) *keyFilter { open(); return nil }

func (f *keyFilter) promptStarted() {}

func (f *keyFilter) complete(next func(line string, pos int) (string, []string, string)) func(string, int) (string, []string, string) {
	return next
}

func (f *keyFilter) ctrlC() {}

func (f *keyFilter) close() {}
