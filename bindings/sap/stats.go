package sap

import (
	"sort"
	"sync"
	"sync/atomic"
	"time"

	"github.com/dop251/goja"

	"github.com/wsrfc/wsrfc/session"
)

// callStats are the numbers behind sap.stats(): every session the module opens
// counts its frames and bytes (an observer of the session), and every rfc call
// its time, measured from the script's call to the result being handed back.
type callStats struct {
	requests, bytesSent, bytesReceived atomic.Int64

	mu         sync.Mutex
	calls      int64
	byFunction map[string]*fmStats
	slowest    []slowCall // longest first, at most slowestKept
}

type fmStats struct {
	calls int64
	ms    float64
	maxMs float64
}

type slowCall struct {
	function string
	ms       float64
	at       time.Time
}

const slowestKept = 10

func newCallStats() *callStats { return &callStats{byFunction: map[string]*fmStats{}} }

// wrap gives every session an observer that counts its frames, next to the
// observer the command line may have set (--record, --trace).
func (s *callStats) wrap(next func(client, user string) session.Observer) func(client, user string) session.Observer {
	return func(client, user string) session.Observer {
		var inner session.Observer
		if next != nil {
			inner = next(client, user)
		}
		return &statsObserver{s: s, next: inner}
	}
}

type statsObserver struct {
	s    *callStats
	next session.Observer
}

func (o *statsObserver) Frame(sent bool, frame []byte) {
	if sent {
		o.s.requests.Add(1)
		o.s.bytesSent.Add(int64(len(frame)))
	} else {
		o.s.bytesReceived.Add(int64(len(frame)))
	}
	if o.next != nil {
		o.next.Frame(sent, frame)
	}
}

func (o *statsObserver) Ended(err error) {
	if o.next != nil {
		o.next.Ended(err)
	}
}

func (s *callStats) record(fm string, ms float64) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.calls++
	f := s.byFunction[fm]
	if f == nil {
		f = &fmStats{}
		s.byFunction[fm] = f
	}
	f.calls++
	f.ms += ms
	if ms > f.maxMs {
		f.maxMs = ms
	}
	if len(s.slowest) == slowestKept && ms <= s.slowest[len(s.slowest)-1].ms {
		return
	}
	s.slowest = append(s.slowest, slowCall{function: fm, ms: ms, at: time.Now()})
	sort.SliceStable(s.slowest, func(i, j int) bool { return s.slowest[i].ms > s.slowest[j].ms })
	if len(s.slowest) > slowestKept {
		s.slowest = s.slowest[:slowestKept]
	}
}

// object renders sap.stats(): { calls, requests, bytesSent, bytesReceived,
// byFunction: { FM: { calls, ms, avgMs, maxMs } }, slowest: [{ function, ms, at }] }.
func (s *callStats) object(vm *goja.Runtime) goja.Value {
	round := func(ms float64) float64 { return float64(int64(ms*1000+0.5)) / 1000 }
	o := vm.NewObject()
	s.mu.Lock()
	defer s.mu.Unlock()
	_ = o.Set("calls", s.calls)
	_ = o.Set("requests", s.requests.Load())
	_ = o.Set("bytesSent", s.bytesSent.Load())
	_ = o.Set("bytesReceived", s.bytesReceived.Load())
	names := make([]string, 0, len(s.byFunction))
	for n := range s.byFunction {
		names = append(names, n)
	}
	sort.Strings(names)
	by := vm.NewObject()
	for _, n := range names {
		f := s.byFunction[n]
		e := vm.NewObject()
		_ = e.Set("calls", f.calls)
		_ = e.Set("ms", round(f.ms))
		_ = e.Set("avgMs", round(f.ms/float64(f.calls)))
		_ = e.Set("maxMs", round(f.maxMs))
		_ = by.Set(n, e)
	}
	_ = o.Set("byFunction", by)
	slow := make([]any, len(s.slowest))
	for i, c := range s.slowest {
		e := vm.NewObject()
		_ = e.Set("function", c.function)
		_ = e.Set("ms", round(c.ms))
		_ = e.Set("at", c.at.UTC().Format(time.RFC3339Nano))
		slow[i] = e
	}
	_ = o.Set("slowest", vm.NewArray(slow...))
	return o
}
