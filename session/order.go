package session

import (
	"context"
	"sync"
)

// The session is stateful: a function module's memory, an open LUW and the
// debugger see requests in the order they arrive. So requests leave in the
// order their caller made them, even when one of them has to wait before it
// can be sent at all (a call whose interface is not cached yet must look it
// up first, and an asynchronous caller does not wait for that). Without this,
// callAsync(ADD, 5) then callAsync(GET) could answer 0, and a create could
// reach the server after the commit meant for it.
//
// Order is kept per caller: what one goroutine starts leaves in the order it
// started it. Requests of different goroutines have no order between them,
// as with any concurrent use.

// sequencer runs the send steps of requests one after the other, in the order
// they were started, whenever one of them must wait.
type sequencer struct {
	mu       sync.Mutex
	queue    []func()
	draining bool // a goroutine is running the queue
}

// inOrder runs send, the step that writes a request, after every send step
// started before it. It runs send at once on the caller's goroutine when
// nothing waits ahead and mayBlock is false; otherwise send is queued for the
// session's ordering goroutine. mayBlock marks a send step that may block
// (an interface lookup) and whose caller must not wait for it.
func (s *Session) inOrder(mayBlock bool, send func()) {
	q := &s.order
	q.mu.Lock()
	if !q.draining && !mayBlock {
		q.mu.Unlock()
		send()
		return
	}
	q.queue = append(q.queue, send)
	if q.draining {
		q.mu.Unlock()
		return
	}
	q.draining = true
	q.mu.Unlock()
	go s.drainInOrder()
}

// drainInOrder runs the queued send steps until none is left.
func (s *Session) drainInOrder() {
	q := &s.order
	for {
		q.mu.Lock()
		if len(q.queue) == 0 {
			q.queue = nil
			q.draining = false
			q.mu.Unlock()
			return
		}
		send := q.queue[0]
		q.queue[0] = nil
		q.queue = q.queue[1:]
		q.mu.Unlock()
		send()
	}
}

// await runs start and waits for the reply it passes to done: the one way a
// synchronous request waits, the asynchronous path plus a channel.
func await(start func(done func(reply))) (reply, error) {
	ch := make(chan reply, 1)
	start(func(r reply) { ch <- r })
	r := <-ch
	return r, r.err
}

// sendStepKey marks the context of what a send step does before it sends:
// the interface lookup, and the search that suggests a name when there is
// none. Those requests leave at once; put in the order, they would wait for
// the step that waits for them.
type sendStepKey struct{}

func inSendStep(ctx context.Context) context.Context {
	return context.WithValue(ctx, sendStepKey{}, true)
}

func isSendStep(ctx context.Context) bool {
	return ctx.Value(sendStepKey{}) != nil
}
