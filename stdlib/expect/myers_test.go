package expect

import (
	"fmt"
	"math/rand"
	"strings"
	"testing"
)

// lcsLength is the textbook dynamic program, the reference for small inputs.
func lcsLength(a, b []string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for i := range a {
		for j := range b {
			if a[i] == b[j] {
				cur[j+1] = prev[j] + 1
			} else {
				cur[j+1] = max(cur[j], prev[j+1])
			}
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

// sides rebuilds both texts from an edit and counts its common lines.
func sides(ops []diffOp) (a, b []string, common int) {
	for _, op := range ops {
		switch op.kind {
		case '-':
			a = append(a, op.line)
		case '+':
			b = append(b, op.line)
		default:
			a = append(a, op.line)
			b = append(b, op.line)
			common++
		}
	}
	return a, b, common
}

func TestDiffOpsIsAShortestEdit(t *testing.T) {
	rng := rand.New(rand.NewSource(1))
	for round := 0; round < 2000; round++ {
		a := make([]string, rng.Intn(30))
		b := make([]string, rng.Intn(30))
		alphabet := 1 + rng.Intn(5)
		for i := range a {
			a[i] = string(rune('a' + rng.Intn(alphabet)))
		}
		for i := range b {
			b[i] = string(rune('a' + rng.Intn(alphabet)))
		}
		ops := diffOps(a, b)
		gotA, gotB, common := sides(ops)
		if strings.Join(gotA, "") != strings.Join(a, "") || strings.Join(gotB, "") != strings.Join(b, "") {
			t.Fatalf("%q → %q: the edit does not rebuild both sides: %v", a, b, ops)
		}
		if want := lcsLength(a, b); common != want {
			t.Fatalf("%q → %q: %d common lines, a longest common subsequence has %d", a, b, common, want)
		}
		for i := 1; i < len(ops); i++ {
			if ops[i-1].kind == '+' && ops[i].kind == '-' {
				t.Fatalf("%q → %q: an addition before a removal in one change: %v", a, b, ops)
			}
		}
	}
}

// Tables of thousands of rows passed the old line table's limit and showed
// every line as changed; the diff now shows only the rows that differ.
func TestDiffOfLargeTextsShowsOnlyWhatChanged(t *testing.T) {
	var a, b []string
	for i := 0; i < 5000; i++ {
		a = append(a, fmt.Sprintf("row %d", i))
		if i%1000 == 500 {
			b = append(b, fmt.Sprintf("row %d changed", i))
		} else {
			b = append(b, fmt.Sprintf("row %d", i))
		}
	}
	out := Diff(strings.Join(a, "\n"), strings.Join(b, "\n"))
	if !strings.HasPrefix(out, "- Expected  - 5\n+ Received  + 5\n") {
		t.Fatalf("large diff: %.200s", out)
	}
	if !strings.Contains(out, "\n- row 2500\n+ row 2500 changed\n") {
		t.Errorf("the changed row is not shown as one removal and one addition")
	}
}
