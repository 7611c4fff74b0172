// Package lazyre compiles a regular expression the first time it is used, so
// that package-level patterns cost a process nothing until it needs them:
// start-up compiled some thirty of them, most for paths a one-call script
// never takes.
package lazyre

import (
	"regexp"
	"sync"
)

// New returns a function that compiles expr on its first call and returns
// the same *regexp.Regexp on every call. Like regexp.MustCompile, it panics
// if expr does not compile, on that first call.
func New(expr string) func() *regexp.Regexp {
	return sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(expr) })
}
