package repl

import (
	"bufio"
	"errors"
	"io"
	"strings"
	"sync/atomic"

	"github.com/peterh/liner"
)

// Terminal is a LineReader on the process's terminal (stdin and stdout), with line editing, history
// search and Tab completion. The terminal is in raw mode only while a prompt is shown: during an
// evaluation it is in its normal mode, so that Ctrl-C raises SIGINT (which the caller turns into
// Interrupt) and a password prompt works.
type Terminal struct {
	state     *liner.State
	normal    liner.ModeApplier // the mode the terminal had before
	raw       liner.ModeApplier // the mode liner set up
	prompting atomic.Bool
	keys      *keyFilter // nil where Ctrl-C goes to liner unfiltered
}

// OpenTerminal sets the terminal up for the console. complete is the Tab completer (REPL.Complete);
// history are earlier entries to recall. Close restores the terminal.
func OpenTerminal(complete liner.WordCompleter, history []string) *Terminal {
	normal, _ := liner.TerminalMode()
	t := &Terminal{normal: normal}
	t.keys = withKeyFilter(&t.prompting, func() { t.state = liner.NewLiner() })
	state := t.state
	t.raw, _ = liner.TerminalMode()
	state.SetCtrlCAborts(true)
	state.SetTabCompletionStyle(liner.TabPrints)
	state.SetWordCompleter(t.keys.complete(complete))
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
	t.prompting.Store(true)
	t.keys.promptStarted()
	line, err := t.state.Prompt(prompt)
	t.prompting.Store(false)
	if errors.Is(err, liner.ErrPromptAborted) {
		return "", ErrInterrupted
	}
	return line, err
}

// PasswordPrompt reads a line without echoing it, for .secret.
func (t *Terminal) PasswordPrompt(prompt string) (string, error) {
	if t.raw != nil {
		_ = t.raw.ApplyMode()
	}
	defer t.applyNormal()
	line, err := t.state.PasswordPrompt(prompt)
	if errors.Is(err, liner.ErrPromptAborted) {
		return "", ErrInterrupted
	}
	return line, err
}

// AppendHistory makes an entry recallable with Up and Ctrl-R.
func (t *Terminal) AppendHistory(entry string) { t.state.AppendHistory(entry) }

// CtrlC hands a Ctrl-C that arrived as a signal while no prompt was shown (the terminal is in its normal
// mode between prompts) to the next prompt, where it acts as the key does.
func (t *Terminal) CtrlC() { t.keys.ctrlC() }

// Close restores the terminal's mode.
func (t *Terminal) Close() error {
	t.keys.close()
	return t.state.Close()
}

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
