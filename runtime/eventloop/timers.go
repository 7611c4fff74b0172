package eventloop

import (
	"container/heap"
	"time"
)

type timer struct {
	id       int64
	seq      int64 // creation order breaks ties between timers due at the same instant
	when     time.Time
	interval time.Duration // > 0 for repeating timers
	fn       func() error
	index    int // position in the heap; -1 when not scheduled
}

// timerQueue is a min-heap ordered by due time, then creation order, so equal delays fire in the order set.
type timerQueue []*timer

func (q timerQueue) Len() int { return len(q) }
func (q timerQueue) Less(i, j int) bool {
	if q[i].when.Equal(q[j].when) {
		return q[i].seq < q[j].seq
	}
	return q[i].when.Before(q[j].when)
}
func (q timerQueue) Swap(i, j int) {
	q[i], q[j] = q[j], q[i]
	q[i].index = i
	q[j].index = j
}
func (q *timerQueue) Push(x any) {
	t := x.(*timer)
	t.index = len(*q)
	*q = append(*q, t)
}
func (q *timerQueue) Pop() any {
	old := *q
	t := old[len(old)-1]
	old[len(old)-1] = nil
	t.index = -1
	*q = old[:len(old)-1]
	return t
}
func (q timerQueue) peek() *timer {
	if len(q) == 0 {
		return nil
	}
	return q[0]
}

// SetTimer schedules fn to run on the loop after delay, and again every delay if repeat is set.
// Pending timers keep the loop alive. It must be called on the loop goroutine and returns an id for ClearTimer.
// Delays below one millisecond are raised to one, as in node, so a zero delay still yields to queued work.
func (l *Loop) SetTimer(delay time.Duration, repeat bool, fn func() error) int64 {
	if delay < time.Millisecond {
		delay = time.Millisecond
	}
	l.lastTimerID++
	t := &timer{id: l.lastTimerID, seq: l.lastTimerID, when: time.Now().Add(delay), fn: fn}
	if repeat {
		t.interval = delay
	}
	l.timerByID[t.id] = t
	heap.Push(&l.timers, t)
	return t.id
}

// ClearTimer cancels a timer; unknown or already finished ids are ignored. It must be called on the loop goroutine.
func (l *Loop) ClearTimer(id int64) {
	t, ok := l.timerByID[id]
	if !ok {
		return
	}
	delete(l.timerByID, id)
	if t.index >= 0 {
		heap.Remove(&l.timers, t.index)
	}
	t.interval = 0 // an interval clearing itself from its own callback must not be rescheduled
}

func (l *Loop) fireTimer(t *timer) error {
	heap.Pop(&l.timers)
	if t.interval <= 0 {
		delete(l.timerByID, t.id)
	}
	err := l.call(t.fn)
	if t.interval > 0 {
		if _, alive := l.timerByID[t.id]; alive {
			l.lastTimerID++
			t.seq = l.lastTimerID
			t.when = time.Now().Add(t.interval)
			heap.Push(&l.timers, t)
		}
	}
	if err != nil {
		return err
	}
	return l.takeUnhandledRejection()
}
