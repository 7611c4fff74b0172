// Package early narrows the command to one P (internal/procs) while the
// packages it links are still being initialized.
//
// Changing GOMAXPROCS stops the world and flushes the memory cache of every
// P it takes away: each size class cached there hands its spans back to a
// central list whose first use touches fresh pages, at 10–15 µs a page on
// the virtual machines this was measured on. At the start of main the
// initializers of goja, esbuild and the simulator's function modules have
// allocated in most size classes; here, before them, a one-call script
// faults in about 150 pages fewer (1,160–1,220 → 1,006–1,023, perf stat,
// three sets of 40 alternated runs, with procs reading the environment
// through syscall; through os, as now, 980–1,060 against that build's
// 957–1,009 in three sets of 30). Its wall time moved within the noise
// of this kind of machine: 0.8–2.1 ms less in three sets of 40 alternated
// runs, 0.2 ms more in one of 150. Go initializes a package as soon as
// every package it imports is, in the order of their paths, so this one,
// which needs only package procs (os, runtime, sync/atomic), runs among the
// first (24th of about 150); an import such as runtime/debug would put it
// behind them. Only the command imports it: programs using package
// session keep Go's defaults.
package early

import "github.com/wsrfc/wsrfc/internal/procs"

func init() {
	procs.Narrow()
}
