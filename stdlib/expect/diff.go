package expect

import (
	"fmt"
	"strings"
)

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

// diffOps lists the edit of a into b: a shortest edit script, lines only in a
// before the lines only in b at each change, as in jest.
func diffOps(a, b []string) []diffOp {
	keepA, keepB := commonLines(a, b)
	ops := make([]diffOp, 0, max(len(a), len(b)))
	i, j := 0, 0
	for i < len(a) || j < len(b) {
		for i < len(a) && !keepA[i] {
			ops = append(ops, diffOp{'-', a[i]})
			i++
		}
		for j < len(b) && !keepB[j] {
			ops = append(ops, diffOp{'+', b[j]})
			j++
		}
		if i < len(a) && j < len(b) {
			ops = append(ops, diffOp{' ', a[i]})
			i++
			j++
		}
	}
	return ops
}
