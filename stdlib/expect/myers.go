package expect

// commonLines marks the lines of a and of b that a longest common
// subsequence keeps, by Myers' O(ND) algorithm in its linear-space form
// ("An O(ND) Difference Algorithm and Its Variations", 1986, section 4b):
// find where a shortest edit path crosses the middle of the edit graph,
// then solve both halves. Time grows with the size of the inputs times the
// number of differences, memory with the size of the inputs only, so even
// two large tables get a real diff.
func commonLines(a, b []string) (keepA, keepB []bool) {
	d := myers{a: a, b: b, keepA: make([]bool, len(a)), keepB: make([]bool, len(b))}
	size := len(a) + len(b) + 2
	d.forward, d.backward = make([]int, 2*size+2), make([]int, 2*size+2)
	d.compare(0, len(a), 0, len(b))
	return d.keepA, d.keepB
}

type myers struct {
	a, b              []string
	keepA, keepB      []bool
	forward, backward []int // furthest x per diagonal, reused by every step
}

// compare marks the common lines of a[a0:a1] and b[b0:b1].
func (d *myers) compare(a0, a1, b0, b1 int) {
	for a0 < a1 && b0 < b1 && d.a[a0] == d.b[b0] {
		d.keepA[a0], d.keepB[b0] = true, true
		a0++
		b0++
	}
	for a0 < a1 && b0 < b1 && d.a[a1-1] == d.b[b1-1] {
		a1--
		b1--
		d.keepA[a1], d.keepB[b1] = true, true
	}
	if a0 == a1 || b0 == b1 {
		return // only removals or only additions left
	}
	x, y, ok := d.middle(a0, a1, b0, b1)
	if !ok || (x == a0 && y == b0) || (x == a1 && y == b1) {
		return // nothing in common: everything removed and added
	}
	d.compare(a0, x, b0, y)
	d.compare(x, a1, y, b1)
}

// middle finds a point of a shortest edit path of a[a0:a1] into b[b0:b1]
// where about half of its edits lie on each side, by searching forward from
// the start and backward from the end until the two searches meet.
func (d *myers) middle(a0, a1, b0, b1 int) (x, y int, ok bool) {
	n, m := a1-a0, b1-b0
	maxD := (n + m + 1) / 2
	off := maxD + 1
	vf, vb := d.forward[:2*maxD+3], d.backward[:2*maxD+3]
	for i := range vf {
		vf[i], vb[i] = -1, -1
	}
	vf[off+1], vb[off+1] = 0, 0
	delta := n - m
	odd := delta%2 != 0
	// Diagonals that ran off the graph's right or bottom edge are not searched again.
	fStart, fEnd, bStart, bEnd := 0, 0, 0, 0
	for step := 0; step < maxD; step++ {
		for k := -step + fStart; k <= step-fEnd; k += 2 {
			var x int
			if k == -step || (k != step && vf[off+k-1] < vf[off+k+1]) {
				x = vf[off+k+1]
			} else {
				x = vf[off+k-1] + 1
			}
			y := x - k
			for x < n && y < m && d.a[a0+x] == d.b[b0+y] {
				x++
				y++
			}
			vf[off+k] = x
			switch {
			case x > n:
				fEnd += 2
			case y > m:
				fStart += 2
			case odd:
				if kb := off + delta - k; kb >= 0 && kb < len(vb) && vb[kb] != -1 && x >= n-vb[kb] {
					return a0 + x, b0 + y, true
				}
			}
		}
		for k := -step + bStart; k <= step-bEnd; k += 2 {
			var x int
			if k == -step || (k != step && vb[off+k-1] < vb[off+k+1]) {
				x = vb[off+k+1]
			} else {
				x = vb[off+k-1] + 1
			}
			y := x - k
			for x < n && y < m && d.a[a1-1-x] == d.b[b1-1-y] {
				x++
				y++
			}
			vb[off+k] = x
			switch {
			case x > n:
				bEnd += 2
			case y > m:
				bStart += 2
			case !odd:
				if kf := off + delta - k; kf >= 0 && kf < len(vf) && vf[kf] != -1 {
					fx := vf[kf]
					fy := fx - (kf - off)
					if fx >= n-x {
						return a0 + fx, b0 + fy, true
					}
				}
			}
		}
	}
	return 0, 0, false
}
