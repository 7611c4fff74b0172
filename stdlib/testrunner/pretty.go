package testrunner

import (
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"time"
)

// Pretty is the terminal report: the tests of each file as a tree with ✓, ✕
// and ○ marks, then each failure with its message, diff and the source line of
// the failing assertion, and last the summary line.
type Pretty struct {
	w      io.Writer
	colors bool
	// printed is the describe path already shown for the current file.
	printed []string
	// failures of the current file, detailed when it ends.
	failures []*TestResult
}

// NewPretty writes the terminal report to w, with ANSI colours when colors is set.
func NewPretty(w io.Writer, colors bool) *Pretty { return &Pretty{w: w, colors: colors} }

const (
	green  = "32"
	red    = "31"
	yellow = "33"
	dim    = "2"
	bold   = "1"
)

func (p *Pretty) paint(code, s string) string {
	if !p.colors || s == "" {
		return s
	}
	return "\x1b[" + code + "m" + s + "\x1b[0m"
}

func (p *Pretty) RunStart([]string) {}

func (p *Pretty) FileStart(file string) {
	p.printed = nil
	p.failures = nil
	fmt.Fprintln(p.w, p.paint(bold, file))
}

func (p *Pretty) TestDone(t *TestResult) {
	// Print the describe titles not printed yet.
	common := 0
	for common < len(p.printed) && common < len(t.Suites) && p.printed[common] == t.Suites[common] {
		common++
	}
	for i := common; i < len(t.Suites); i++ {
		fmt.Fprintf(p.w, "%s%s\n", indent(i+1), t.Suites[i])
	}
	p.printed = append([]string(nil), t.Suites...)
	pad := indent(len(t.Suites) + 1)
	switch t.Status {
	case Passed:
		fmt.Fprintf(p.w, "%s%s %s%s\n", pad, p.paint(green, "✓"), t.Name, p.paint(dim, duration(t.Duration)))
	case Failed:
		fmt.Fprintf(p.w, "%s%s %s%s\n", pad, p.paint(red, "✕"), t.Name, p.paint(dim, duration(t.Duration)))
		p.failures = append(p.failures, t)
	case Todo:
		fmt.Fprintf(p.w, "%s%s %s\n", pad, p.paint(yellow, "✎"), p.paint(yellow, "todo "+t.Name))
	default:
		fmt.Fprintf(p.w, "%s%s %s\n", pad, p.paint(yellow, "○"), p.paint(yellow, "skipped "+t.Name))
	}
}

// Warning prints a warning of a test file at the depth of the test it follows, so that the tree
// keeps its shape; one about the whole run starts at the margin.
func (p *Pretty) Warning(file, text string) {
	pad := ""
	if file != "" {
		pad = indent(len(p.printed) + 1)
	}
	fmt.Fprintf(p.w, "%s%s %s\n", pad, p.paint(yellow, "⚠"), p.paint(yellow, text))
}

func (p *Pretty) FileDone(f *FileResult) {
	if f.LoadError != nil {
		p.detail("● "+f.File, f.LoadError)
	}
	for _, t := range p.failures {
		p.detail("● "+t.FullName(), t.Failure)
	}
	fmt.Fprintln(p.w)
}

// detail prints one failure: the title, the message (diff lines coloured),
// where it happened with that source line, and the rest of the stack.
func (p *Pretty) detail(title string, f *Failure) {
	fmt.Fprintf(p.w, "\n  %s\n\n", p.paint(red+";"+bold, title))
	if f == nil {
		return
	}
	for _, line := range strings.Split(f.Message, "\n") {
		switch {
		case strings.HasPrefix(line, "- "), strings.HasPrefix(line, "Expected"):
			line = p.paint(green, line)
		case strings.HasPrefix(line, "+ "), strings.HasPrefix(line, "Received"):
			line = p.paint(red, line)
		}
		fmt.Fprintf(p.w, "    %s\n", line)
	}
	if f.Location != "" {
		fmt.Fprintf(p.w, "\n      at %s\n", p.paint(bold, f.Location))
		if code := codeFrame(f.Location); code != "" {
			fmt.Fprintln(p.w, code)
		}
	}
	if rest := stackAfterFirst(f.Stack); rest != "" {
		fmt.Fprintln(p.w, p.paint(dim, rest))
	}
}

func (p *Pretty) RunDone(s *Summary) error {
	if s.Bailed {
		fmt.Fprintln(p.w, p.paint(red, "Stopped after the first failure (--bail)."))
	}
	fmt.Fprintf(p.w, "%s\n", p.paint(dim, fmt.Sprintf("%d file(s) in %s", len(s.Files), s.Duration.Round(time.Millisecond))))
	line := s.Line()
	if p.colors {
		// The line stays exactly "N passed, N failed, N skipped" when colours are off (CI).
		line = p.paint(green, fmt.Sprintf("%d passed", s.Passed)) + ", " +
			p.paint(map[bool]string{true: red, false: dim}[s.Failed > 0], fmt.Sprintf("%d failed", s.Failed)) + ", " +
			p.paint(yellow, fmt.Sprintf("%d skipped", s.Skipped))
	}
	_, err := fmt.Fprintln(p.w, line)
	return err
}

func indent(level int) string { return strings.Repeat("  ", level) }

func duration(d time.Duration) string {
	if d < 50*time.Millisecond {
		return ""
	}
	return fmt.Sprintf(" (%d ms)", d.Milliseconds())
}

func stackAfterFirst(stack string) string {
	_, rest, _ := strings.Cut(stack, "\n")
	return rest
}

// codeFrame shows the source line of a "file:line[:column]" location with its
// neighbours, the failing line marked with '>' and the column with '^'.
func codeFrame(location string) string {
	parts := strings.Split(location, ":")
	if len(parts) < 2 {
		return ""
	}
	col := 0
	lineIdx := len(parts) - 1
	if len(parts) >= 3 {
		if c, err := strconv.Atoi(parts[len(parts)-1]); err == nil {
			if _, err := strconv.Atoi(parts[len(parts)-2]); err == nil {
				col, lineIdx = c, len(parts)-2
			}
		}
	}
	line, err := strconv.Atoi(parts[lineIdx])
	if err != nil || line < 1 {
		return ""
	}
	src, err := os.ReadFile(strings.Join(parts[:lineIdx], ":"))
	if err != nil {
		return ""
	}
	lines := strings.Split(string(src), "\n")
	if line > len(lines) {
		return ""
	}
	var b strings.Builder
	width := len(strconv.Itoa(min(line+1, len(lines))))
	for n := max(1, line-1); n <= min(line+1, len(lines)); n++ {
		marker := " "
		if n == line {
			marker = ">"
		}
		raw := []rune(lines[n-1])
		fmt.Fprintf(&b, "      %s %*d | %s\n", marker, width, n, untab(string(raw)))
		if n == line && col > 0 && col <= len(raw)+1 {
			pad := len([]rune(untab(string(raw[:col-1]))))
			fmt.Fprintf(&b, "        %s | %s^\n", strings.Repeat(" ", width), strings.Repeat(" ", pad))
		}
	}
	return strings.TrimRight(b.String(), "\n")
}

func untab(s string) string { return strings.ReplaceAll(s, "\t", "  ") }
