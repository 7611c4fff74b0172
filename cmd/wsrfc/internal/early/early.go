// Package early narrows the command to one P (internal/procs) while the
// packages it links are still being initialized.
//
// Changing GOMAXPROCS stops the world and flushes the memory cache of every
// P it takes away: each size class cached there hands its spans back to a
// central list whose first use touches fresh pages, at 10–15 µs a page on
// the virtual machines this was measured on. At the start of main, after
// the initializers of goja, esbuild and the simulator's function modules had
// allocated in most size classes, that was about 2 ms of a one-call
// script's 30 (40 alternated runs, three times: 30.0 → 27.9, 31.4 → 29.7,
// 30.0 → 29.2 ms). Go initializes a package as soon as every package it
// imports is, in the order of their paths, so this one, which needs only
// package procs (runtime, sync/atomic, syscall), runs among the first.
// Only the command imports it: programs using package session keep Go's
// defaults.
package early

import "github.com/wsrfc/wsrfc/internal/procs"

func init() {
	procs.Narrow()
}
