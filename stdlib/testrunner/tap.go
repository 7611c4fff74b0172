package testrunner

import (
	"fmt"
	"io"
	"strings"
)

// TAP writes the report in TAP version 14: each file is a subtest whose test
// points are its tests (failures with YAML diagnostics), the run's plan comes
// last, and "Bail out!" ends a run stopped by --bail. The summary line follows
// the stream; TAP consumers ignore it as an unknown line.
type TAP struct {
	w      io.Writer
	files  int // test points of the run: one per file
	tests  int // test points of the current file
	failed bool
}

// NewTAP writes TAP to w.
func NewTAP(w io.Writer) *TAP { return &TAP{w: w} }

func (t *TAP) RunStart([]string) { fmt.Fprintln(t.w, "TAP version 14") }

func (t *TAP) FileStart(file string) {
	t.tests = 0
	t.failed = false
	fmt.Fprintf(t.w, "# Subtest: %s\n", escapeTAP(file))
}

func (t *TAP) TestDone(r *TestResult) {
	t.tests++
	const in = "    "
	switch r.Status {
	case Passed:
		fmt.Fprintf(t.w, "%sok %d - %s # time=%dms\n", in, t.tests, escapeTAP(r.FullName()), r.Duration.Milliseconds())
	case Skipped:
		fmt.Fprintf(t.w, "%sok %d - %s # SKIP\n", in, t.tests, escapeTAP(r.FullName()))
	case Todo:
		fmt.Fprintf(t.w, "%snot ok %d - %s # TODO\n", in, t.tests, escapeTAP(r.FullName()))
	default:
		t.failed = true
		fmt.Fprintf(t.w, "%snot ok %d - %s # time=%dms\n", in, t.tests, escapeTAP(r.FullName()), r.Duration.Milliseconds())
		writeYAML(t.w, in+"  ", r.Failure)
	}
}

func (t *TAP) Warning(file, text string) {
	prefix := "# "
	if file != "" {
		prefix = "    # " // inside the file's subtest
	}
	for _, line := range strings.Split("warning: "+text, "\n") {
		fmt.Fprintln(t.w, prefix+line)
	}
}

func (t *TAP) FileDone(f *FileResult) {
	t.files++
	if f.LoadError != nil {
		fmt.Fprintln(t.w, "    1..0 # the file failed to load")
		fmt.Fprintf(t.w, "not ok %d - %s\n", t.files, escapeTAP(f.File))
		writeYAML(t.w, "  ", f.LoadError)
		return
	}
	fmt.Fprintf(t.w, "    1..%d\n", t.tests)
	status := "ok"
	if t.failed {
		status = "not ok"
	}
	fmt.Fprintf(t.w, "%s %d - %s # time=%dms\n", status, t.files, escapeTAP(f.File), f.Duration.Milliseconds())
}

func (t *TAP) RunDone(s *Summary) error {
	if s.Bailed {
		fmt.Fprintln(t.w, "Bail out! stopped after the first failure (--bail)")
	}
	fmt.Fprintf(t.w, "1..%d\n", t.files)
	_, err := fmt.Fprintln(t.w, s.Line())
	return err
}

// escapeTAP keeps a description from ending early: '#' starts a directive
// and '\' escapes, so both are escaped; newlines become spaces.
func escapeTAP(s string) string {
	s = strings.ReplaceAll(s, `\`, `\\`)
	s = strings.ReplaceAll(s, "#", `\#`)
	return strings.ReplaceAll(s, "\n", " ")
}

// writeYAML writes a failure as the YAML diagnostics block of a test point.
func writeYAML(w io.Writer, indent string, f *Failure) {
	if f == nil {
		return
	}
	fmt.Fprintf(w, "%s---\n", indent)
	block := func(key, text string) {
		if text == "" {
			return
		}
		fmt.Fprintf(w, "%s%s: |-\n", indent, key)
		for _, line := range strings.Split(text, "\n") {
			fmt.Fprintf(w, "%s  %s\n", indent, line)
		}
	}
	block("message", f.Message)
	fmt.Fprintf(w, "%sseverity: fail\n", indent)
	if f.Type != "" {
		fmt.Fprintf(w, "%stype: %q\n", indent, f.Type)
	}
	if f.Location != "" {
		fmt.Fprintf(w, "%sat: %q\n", indent, f.Location)
	}
	block("expected", f.Expected)
	block("actual", f.Actual)
	block("stack", f.Stack)
	fmt.Fprintf(w, "%s...\n", indent)
}
