//go:build unix

package main

import (
	"fmt"
	"io"
	"math"
	"slices"
	"strings"
)

// bound is how a target compares a ratio with its limit.
type bound int

const (
	atMost  bound = iota // ratio ≤ limit
	below                // ratio < limit: "faster than"
	atLeast              // ratio ≥ limit
)

// check is one target: a ratio measured in each run of this harness run
// (the two sides paired, run right after each other) against its limit. The
// median of the runs decides; min and max show how far the runs spread.
type check struct {
	target string
	ratios []float64
	limit  float64
	bound  bound
}

func (c check) ratio() float64 { return medianOf(c.ratios) }

func (c check) pass() bool {
	if len(c.ratios) == 0 {
		return false
	}
	r := c.ratio()
	switch c.bound {
	case below:
		return r < c.limit
	case atLeast:
		return r >= c.limit
	}
	return r <= c.limit
}

// spread is "min–max" of the per-run ratios.
func (c check) spread() string {
	if len(c.ratios) == 0 {
		return "no runs"
	}
	return fmt.Sprintf("%.2f–%.2f", slices.Min(c.ratios), slices.Max(c.ratios))
}

// runs lists the ratio of every run in the order they ran.
func (c check) runs() string {
	parts := make([]string, len(c.ratios))
	for i, r := range c.ratios {
		parts[i] = fmt.Sprintf("%.2f", r)
	}
	return strings.Join(parts, " ")
}

type tableRow struct {
	section string // a heading row when set
	label   string
	values  map[string]float64
	format  string
	checks  []check
	info    string
}

// table collects the rows and prints them at the end, so that progress
// messages on stderr do not interleave with it.
type table struct{ rows []tableRow }

func (t *table) section(title string) { t.rows = append(t.rows, tableRow{section: title}) }

func (t *table) row(label string, values map[string]float64, format string, checks ...check) {
	t.rows = append(t.rows, tableRow{label: label, values: values, format: format, checks: checks})
}

func (t *table) info(text string) { t.rows = append(t.rows, tableRow{info: text}) }

func (t *table) print(w io.Writer) {
	const labelWidth, cellWidth = 36, 11
	head := fmt.Sprintf("%-*s", labelWidth, "")
	for _, c := range clients {
		head += fmt.Sprintf("%*s", cellWidth, columnTitle[c])
	}
	head += "   target (median of the runs' paired ratios)     median   min–max      result"
	fmt.Fprintln(w, head)
	fmt.Fprintln(w, strings.Repeat("─", len([]rune(head))))
	passed, total := 0, 0
	for _, r := range t.rows {
		switch {
		case r.section != "":
			fmt.Fprintln(w, r.section)
			continue
		case r.info != "":
			fmt.Fprintf(w, "  (%s)\n", r.info)
			continue
		}
		line := fmt.Sprintf("  %-*s", labelWidth-2, r.label)
		for _, c := range clients {
			v, ok := r.values[c]
			cell := "—"
			if ok && !math.IsNaN(v) && !math.IsInf(v, 0) {
				cell = fmt.Sprintf(r.format, v)
			}
			line += fmt.Sprintf("%*s", cellWidth, cell)
		}
		for i, c := range r.checks {
			if i > 0 {
				line = strings.Repeat(" ", labelWidth+cellWidth*len(clients))
			}
			verdict := "MISS"
			if c.pass() {
				verdict = "PASS"
				passed++
			}
			total++
			line += fmt.Sprintf("   %-44s %6.2f×   %-12s %s", c.target, c.ratio(), c.spread(), verdict)
			fmt.Fprintln(w, line)
			fmt.Fprintf(w, "%s     runs: %s\n", strings.Repeat(" ", labelWidth+cellWidth*len(clients)), c.runs())
		}
		if len(r.checks) == 0 {
			fmt.Fprintln(w, line)
		}
	}
	fmt.Fprintf(w, "\n%d of %d targets met\n", passed, total)
}
