//go:build unix

package main

import (
	"fmt"
	"io"
	"math"
	"strings"
)

// bound is how a target compares a ratio with its limit.
type bound int

const (
	atMost  bound = iota // ratio ≤ limit
	below                // ratio < limit: "faster than"
	atLeast              // ratio ≥ limit
)

// check is one target: a ratio measured in this run against its limit.
type check struct {
	target string
	ratio  float64
	limit  float64
	bound  bound
}

func (c check) pass() bool {
	switch c.bound {
	case below:
		return c.ratio < c.limit
	case atLeast:
		return c.ratio >= c.limit
	}
	return c.ratio <= c.limit
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
	head += "   target                                 ratio   result"
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
			line += fmt.Sprintf("   %-36s %6.2f×   %s", c.target, c.ratio, verdict)
			fmt.Fprintln(w, line)
		}
		if len(r.checks) == 0 {
			fmt.Fprintln(w, line)
		}
	}
	fmt.Fprintf(w, "\n%d of %d targets met\n", passed, total)
}
