package repl

import (
	"bufio"
	"errors"
	"io"
	"strings"

	"github.com/peterh/liner"
)

// Terminal is a LineReader on the process's terminal (stdin and stdout), with line editing, history
// search and Tab completion. The terminal is in raw mode only while a prompt is shown: during an
// evaluation it is in its normal mode, so that Ctrl-C raises SIGINT (which the caller turns into
// Interrupt) and a password prompt works.
type Terminal struct {
	state  *liner.State
	normal liner.ModeApplier // the mode the terminal had before
	raw    liner.ModeApplier // the mode liner set up
}

// OpenTerminal sets the terminal up for the console. complete is the Tab completer (REPL.Complete);
// history are earlier entries to recall. Close restores the terminal.
func OpenTerminal(complete liner.WordCompleter, history []string) *Terminal {
	normal, _ := liner.TerminalMode()
	state := liner.NewLiner()
	raw, _ := liner.TerminalMode()
	t := &Terminal{state: state, normal: normal, raw: raw}
	state.SetCtrlCAborts(true)
	state.SetTabCompletionStyle(liner.TabPrints)
	state.SetWordCompleter(complete)
	_, _ = state.ReadHistory(strings.NewReader(strings.Join(history, "\n")))
	t.applyNormal()
	return t
}

// Prompt shows prompt and reads a line with editing.
func (t *Terminal) Prompt(prompt string) (string, error) {
	if t.raw != nil {
		_ = t.raw.ApplyMode()
	}
	defer t.applyNormal()
	line, err := t.state.Prompt(prompt)
	if errors.Is(err, liner.ErrPromptAborted) {
		return "", ErrInterrupted
	}
	return line, err
}

// AppendHistory makes an entry recallable with Up and Ctrl-R.
func (t *Terminal) AppendHistory(entry string) { t.state.AppendHistory(entry) }

// Close restores the terminal's mode.
func (t *Terminal) Close() error { return t.state.Close() }

func (t *Terminal) applyNormal() {
	if t.normal != nil {
		_ = t.normal.ApplyMode()
	}
}

// Lines is a LineReader on a stream that is no terminal (a pipe or a file): it reads lines and shows no
// prompts, so that the output holds results only.
type Lines struct {
	r *bufio.Reader
}

// NewLines reads lines from r.
func NewLines(r io.Reader) *Lines { return &Lines{r: bufio.NewReaderSize(r, 64*1024)} }

// Prompt returns the next line; the prompt is not shown.
func (l *Lines) Prompt(string) (string, error) {
	line, err := l.r.ReadString('\n')
	if err != nil && (line == "" || !errors.Is(err, io.EOF)) {
		return "", err
	}
	return strings.TrimRight(line, "\r\n"), nil
}

// AppendHistory does nothing: there is nothing to recall lines in.
func (l *Lines) AppendHistory(string) {}
