package testrunner

import (
	"fmt"
	"strings"
	"time"
)

// Status is the outcome of one test.
type Status string

// Outcomes. A todo test counts as skipped.
const (
	Passed  Status = "passed"
	Failed  Status = "failed"
	Skipped Status = "skipped"
	Todo    Status = "todo"
)

// TestResult is one test as it ended. A hook that failed outside any test
// (afterAll) is reported as a failed result of its own, with Hook set.
type TestResult struct {
	File     string   // as shown to the user, relative to the working directory
	Suites   []string // the describe titles, outermost first
	Name     string
	Hook     string // "afterAll" for a failed hook entry, else ""
	Status   Status
	Duration time.Duration
	Failure  *Failure
}

// FullName is the describe titles and the test name joined with " > ".
func (t *TestResult) FullName() string {
	return strings.Join(append(append([]string(nil), t.Suites...), t.Name), " > ")
}

// Failure explains why a test failed.
type Failure struct {
	// Message is what went wrong: an assertion's expected/received text, or
	// "Name: message" of a thrown error.
	Message string
	// Type is the error's name (AssertionError, SapError, TypeError, Timeout...).
	Type string
	// Location is "file:line:column" of the failing assertion or the throw,
	// in the user's code; "" when unknown.
	Location string
	// Stack is the JavaScript stack in the user's code, "    at ..." lines.
	Stack string
	// Expected and Actual hold the values of a failed matcher, formatted, for
	// machine-readable reports; empty when the matcher has none.
	Expected, Actual string
}

// FileResult is one test file.
type FileResult struct {
	File     string
	Start    time.Time
	Duration time.Duration
	Tests    []*TestResult
	// LoadError is set when the file could not be loaded (a syntax error, a
	// throw at top level); its tests did not run.
	LoadError *Failure
	Warnings  []string
}

// Counts returns how many of the file's tests passed, failed and were skipped
// (a load error counts as one failure).
func (f *FileResult) Counts() (passed, failed, skipped int) {
	for _, t := range f.Tests {
		switch t.Status {
		case Passed:
			passed++
		case Failed:
			failed++
		default:
			skipped++
		}
	}
	if f.LoadError != nil {
		failed++
	}
	return passed, failed, skipped
}

// Summary is the whole run.
type Summary struct {
	Start                   time.Time
	Duration                time.Duration
	Files                   []*FileResult
	Passed, Failed, Skipped int
	// Bailed is set when --bail stopped the run at the first failure.
	Bailed bool
	// Abandoned counts the timers and calls still pending when the run ended;
	// they were dropped, not awaited.
	Abandoned int
}

// OK reports whether the run passed: nothing failed, and there was a test
// at all (a run that tested nothing is not a success, as in jest).
func (s *Summary) OK() bool { return s.Failed == 0 && s.Passed+s.Skipped > 0 }

// Line is the last line of every report, the one CI parses:
// "N passed, N failed, N skipped".
func (s *Summary) Line() string {
	return fmt.Sprintf("%d passed, %d failed, %d skipped", s.Passed, s.Failed, s.Skipped)
}

func (s *Summary) add(f *FileResult) {
	p, fl, sk := f.Counts()
	s.Passed += p
	s.Failed += fl
	s.Skipped += sk
	s.Files = append(s.Files, f)
}
