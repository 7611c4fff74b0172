package expect

import (
	"fmt"
	"strings"
)

// maxDiffCells bounds the table of the line diff (lines × lines); beyond it the
// diff shows the whole of both sides, which is still readable and costs nothing.
const maxDiffCells = 4_000_000

// Diff renders a line-based diff of two texts the way jest shows one:
//
//   - Expected  - 1
//
//   - Received  + 1
//
//     {
//
//   - a: 1
//
//   - a: 2
//     }
//
// Lines only in expected start with "- ", lines only in received with "+ ",
// common lines with two spaces.
func Diff(expected, received string) string {
	a := strings.Split(expected, "\n")
	b := strings.Split(received, "\n")
	ops := diffOps(a, b)
	var removed, added int
	for _, op := range ops {
		switch op.kind {
		case '-':
			removed++
		case '+':
			added++
		}
	}
	var sb strings.Builder
	fmt.Fprintf(&sb, "- Expected  - %d\n+ Received  + %d\n\n", removed, added)
	for i, op := range ops {
		if i > 0 {
			sb.WriteByte('\n')
		}
		switch op.kind {
		case '-':
			sb.WriteString("- ")
		case '+':
			sb.WriteString("+ ")
		default:
			sb.WriteString("  ")
		}
		sb.WriteString(op.line)
	}
	return sb.String()
}

type diffOp struct {
	kind byte // '-', '+' or ' '
	line string
}

// diffOps finds a longest common subsequence of lines and lists the edit.
// Removals come before additions at each change, as in jest.
func diffOps(a, b []string) []diffOp {
	// Common head and tail cost nothing and keep the table small.
	head := 0
	for head < len(a) && head < len(b) && a[head] == b[head] {
		head++
	}
	tail := 0
	for tail < len(a)-head && tail < len(b)-head && a[len(a)-1-tail] == b[len(b)-1-tail] {
		tail++
	}
	var ops []diffOp
	for _, l := range a[:head] {
		ops = append(ops, diffOp{' ', l})
	}
	ma, mb := a[head:len(a)-tail], b[head:len(b)-tail]
	ops = append(ops, middleOps(ma, mb)...)
	for _, l := range a[len(a)-tail:] {
		ops = append(ops, diffOp{' ', l})
	}
	return ops
}

func middleOps(a, b []string) []diffOp {
	var ops []diffOp
	if len(a)*len(b) > maxDiffCells {
		for _, l := range a {
			ops = append(ops, diffOp{'-', l})
		}
		for _, l := range b {
			ops = append(ops, diffOp{'+', l})
		}
		return ops
	}
	// lcs[i][j] is the LCS length of a[i:] and b[j:].
	n, m := len(a), len(b)
	lcs := make([][]int32, n+1)
	for i := range lcs {
		lcs[i] = make([]int32, m+1)
	}
	for i := n - 1; i >= 0; i-- {
		for j := m - 1; j >= 0; j-- {
			if a[i] == b[j] {
				lcs[i][j] = lcs[i+1][j+1] + 1
			} else {
				lcs[i][j] = max(lcs[i+1][j], lcs[i][j+1])
			}
		}
	}
	i, j := 0, 0
	var adds []diffOp
	flush := func() {
		ops = append(ops, adds...)
		adds = adds[:0]
	}
	for i < n || j < m {
		switch {
		case i < n && j < m && a[i] == b[j]:
			flush()
			ops = append(ops, diffOp{' ', a[i]})
			i++
			j++
		case j < m && (i == n || lcs[i][j+1] > lcs[i+1][j]):
			adds = append(adds, diffOp{'+', b[j]})
			j++
		default:
			ops = append(ops, diffOp{'-', a[i]})
			i++
		}
	}
	flush()
	return ops
}
