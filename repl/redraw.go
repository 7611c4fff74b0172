package repl

import "io"

// liner has no call to draw its line again, which output written while a
// prompt is shown needs; this file and redrawPrompt (redraw_unix.go,
// redraw_other.go) are all the code that works around it.

// WriteAbove writes p so that a prompt being shown stays intact: the prompt
// line is cleared, p is written in its place (with a line break if it has
// none, so that the prompt gets a line of its own), and liner is made to draw
// the prompt and the input typed so far again. liner has no call for that,
// but it redraws its line when the terminal reports a new size, and the
// terminal does that with SIGWINCH, which redrawPrompt sends.
func (t *Terminal) WriteAbove(w io.Writer, p []byte) (int, error) {
	if !t.prompting.Load() || len(p) == 0 {
		return w.Write(p)
	}
	out := make([]byte, 0, len(p)+8)
	out = append(out, "\r\x1b[K"...)
	out = append(out, p...)
	if p[len(p)-1] != '\n' {
		out = append(out, '\n')
	}
	if _, err := w.Write(out); err != nil {
		return 0, err
	}
	redrawPrompt()
	return len(p), nil
}
