//go:build unix

package repl

import (
	"bytes"
	"errors"
	"io"
	"os"
	"sync"
	"sync/atomic"
	"time"

	"golang.org/x/sys/unix"
)

// keyFilter stands between the terminal and liner so that Ctrl-C behaves as in node: on a line with text
// it clears the line, on an empty line it ends the prompt with ErrInterrupted. liner aborts on Ctrl-C
// without saying whether the line held text, so the filter asks liner itself: it sends a Tab in place of
// the Ctrl-C, and the completer, which liner calls with the line being edited, answers the question
// (and clears the line when it has text). Only when the line was empty does the Ctrl-C reach liner.
//
// The filter reads the terminal only while a prompt is shown and stops at the end of each line, as liner
// does, so that a password prompt during an evaluation gets the keys typed for it.
type keyFilter struct {
	in        *os.File      // the terminal
	out       *os.File      // the pipe liner reads
	prompting *atomic.Bool  // set while liner shows a prompt
	starts    chan struct{} // a prompt began
	probe     atomic.Pointer[chan bool]
	closed    atomic.Bool
	writing   sync.Mutex // forward runs on the pump and for a Ctrl-C that came as a signal
}

// probeWait is how long the filter waits for liner to call the completer for a Ctrl-C; liner does not when
// it is cycling through completions, and then the Ctrl-C goes to it unchanged.
const probeWait = 300 * time.Millisecond

// withKeyFilter calls open (which creates liner's state and makes it read os.Stdin) with os.Stdin
// replaced by a pipe that the filter feeds. It returns nil and leaves stdin alone when that is not possible.
func withKeyFilter(prompting *atomic.Bool, open func()) *keyFilter {
	stdin := os.Stdin
	r, w, err := os.Pipe()
	if err != nil {
		open()
		return nil
	}
	f := &keyFilter{in: stdin, out: w, prompting: prompting, starts: make(chan struct{}, 1)}
	os.Stdin = r
	open()
	os.Stdin = stdin
	go f.pump()
	return f
}

// promptStarted wakes the filter for a new prompt.
func (f *keyFilter) promptStarted() {
	if f == nil {
		return
	}
	select {
	case f.starts <- struct{}{}:
	default:
	}
}

// complete wraps the completer: a Tab the filter sent for a Ctrl-C is answered here.
func (f *keyFilter) complete(next func(line string, pos int) (string, []string, string)) func(string, int) (string, []string, string) {
	return func(line string, pos int) (string, []string, string) {
		if f != nil {
			if ch := f.probe.Swap(nil); ch != nil {
				*ch <- line == ""
				if line != "" {
					return "", []string{""}, "" // one completion, the empty line: liner shows it
				}
				return "", nil, ""
			}
		}
		return next(line, pos)
	}
}

// ctrlC passes a Ctrl-C that reached the process as a signal, between two prompts while the terminal
// was in its normal mode, on to the next prompt as the key it was meant as.
func (f *keyFilter) ctrlC() {
	if f != nil && !f.closed.Load() {
		go f.forward([]byte{3})
	}
}

func (f *keyFilter) close() {
	if f != nil {
		f.closed.Store(true)
	}
}

func (f *keyFilter) pump() {
	defer f.out.Close()
	buf := make([]byte, 4096)
	fd := int32(f.in.Fd())
	for !f.closed.Load() {
		select {
		case <-f.starts:
		case <-time.After(200 * time.Millisecond):
			continue
		}
		for f.prompting.Load() && !f.closed.Load() {
			fds := []unix.PollFd{{Fd: fd, Events: unix.POLLIN}}
			n, err := unix.Poll(fds, 100)
			if err != nil && !errors.Is(err, unix.EINTR) {
				return
			}
			if n <= 0 || !f.prompting.Load() {
				continue
			}
			k, err := f.in.Read(buf)
			if k == 0 && (err == nil || errors.Is(err, io.EOF)) {
				// A terminal reads nothing when Ctrl-D was pressed while it was in its normal mode (during
				// an evaluation): that is a Ctrl-D for liner, not the end of the terminal.
				buf[0], k, err = 4, 1, nil
			}
			if !f.forward(buf[:k]) {
				return
			}
			if err != nil {
				return // the terminal is gone: liner sees the pipe close
			}
			if bytes.ContainsAny(buf[:k], "\r\n") {
				break // the line is done; wait for the next prompt
			}
		}
	}
}

// forward passes keys to liner, turning each Ctrl-C into the question described at keyFilter.
func (f *keyFilter) forward(keys []byte) bool {
	f.writing.Lock()
	defer f.writing.Unlock()
	for {
		i := bytes.IndexByte(keys, 3)
		if i < 0 {
			_, err := f.out.Write(keys)
			return err == nil
		}
		if _, err := f.out.Write(keys[:i]); err != nil {
			return false
		}
		answer := make(chan bool, 1)
		f.probe.Store(&answer)
		if _, err := f.out.Write([]byte{'\t'}); err != nil {
			return false
		}
		empty := true
		select {
		case empty = <-answer:
		case <-time.After(probeWait):
			f.probe.Store(nil)
		}
		if empty {
			if _, err := f.out.Write([]byte{3}); err != nil {
				return false
			}
		}
		keys = keys[i+1:]
	}
}
