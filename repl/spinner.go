package repl

import (
	"fmt"
	"io"
	"sync"
	"sync/atomic"
	"time"
)

// spinnerDelay is how long an evaluation runs before the spinner appears: quick calls show nothing.
const spinnerDelay = time.Second

var spinnerFrames = []string{"⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"}

// spinner shows that a long evaluation is still running, with the time it has taken, on one line of the
// terminal that it clears again before anything else is written.
type spinner struct {
	w       io.Writer
	enabled bool

	mu      sync.Mutex
	shown   bool // the spinner's line is on the screen now
	paused  bool // something else uses the terminal
	stopped chan struct{}
	done    chan struct{}
}

func newSpinner(w io.Writer, enabled bool) *spinner { return &spinner{w: w, enabled: enabled} }

// start begins timing an evaluation.
func (s *spinner) start() {
	if !s.enabled {
		return
	}
	s.stopped, s.done = make(chan struct{}), make(chan struct{})
	go s.run(time.Now(), s.stopped, s.done)
}

func (s *spinner) run(began time.Time, stopped, done chan struct{}) {
	defer close(done)
	select {
	case <-stopped:
		return
	case <-time.After(spinnerDelay):
	}
	tick := time.NewTicker(100 * time.Millisecond)
	defer tick.Stop()
	for frame := 0; ; frame++ {
		s.mu.Lock()
		if !s.paused {
			fmt.Fprintf(s.w, "\r\x1b[K%s %s  (Ctrl-C cancels)", spinnerFrames[frame%len(spinnerFrames)], elapsed(time.Since(began)))
			s.shown = true
		}
		s.mu.Unlock()
		select {
		case <-stopped:
			return
		case <-tick.C:
		}
	}
}

// stop ends the spinner and clears its line; it returns once the spinner can write no more.
func (s *spinner) stop() {
	if !s.enabled || s.stopped == nil {
		return
	}
	close(s.stopped)
	<-s.done
	s.stopped = nil
	s.clear()
}

// clear removes the spinner's line if it is shown; the next tick draws it again below the new output.
func (s *spinner) clear() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.clearLocked()
}

func (s *spinner) clearLocked() {
	if s.shown {
		fmt.Fprint(s.w, "\r\x1b[K")
		s.shown = false
	}
}

// pause hides the spinner (and keeps it hidden) or lets it show again.
func (s *spinner) pause(paused bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.paused = paused
	s.clearLocked()
}

// spinnerSafeWriter clears the spinner before each write, so that console output during a long evaluation
// starts on a clean line.
// It also keeps a prompt shown meanwhile intact (PromptKeeper).
type spinnerSafeWriter struct {
	w      io.Writer
	spin   *spinner
	keeper *atomic.Pointer[PromptKeeper]
}

func (w *spinnerSafeWriter) Write(p []byte) (int, error) {
	s := w.spin
	s.mu.Lock() // held while writing, so that the spinner cannot draw in the middle
	defer s.mu.Unlock()
	s.clearLocked()
	if pk := w.keeper.Load(); pk != nil {
		return (*pk).WriteAbove(w.w, p)
	}
	return w.w.Write(p)
}
