package testrunner

import "errors"

// Reporter receives a run's events in order: RunStart, then per file
// FileStart, TestDone for each test as it ends (Warning in between), FileDone,
// and RunDone at the end. Events arrive on one goroutine.
type Reporter interface {
	RunStart(files []string)
	FileStart(file string)
	TestDone(t *TestResult)
	// Warning is about something that did not fail a test but needs a look;
	// file is "" for the run as a whole.
	Warning(file, text string)
	FileDone(f *FileResult)
	// RunDone ends the report; an error means it could not be written.
	RunDone(s *Summary) error
}

// Multi sends every event to each of reporters, e.g. the terminal report and
// a JUnit file.
func Multi(reporters ...Reporter) Reporter { return multi(reporters) }

type multi []Reporter

func (m multi) RunStart(files []string) {
	for _, r := range m {
		r.RunStart(files)
	}
}

func (m multi) FileStart(file string) {
	for _, r := range m {
		r.FileStart(file)
	}
}

func (m multi) TestDone(t *TestResult) {
	for _, r := range m {
		r.TestDone(t)
	}
}

func (m multi) Warning(file, text string) {
	for _, r := range m {
		r.Warning(file, text)
	}
}

func (m multi) FileDone(f *FileResult) {
	for _, r := range m {
		r.FileDone(f)
	}
}

// RunDone lets every reporter finish, the last one (the terminal's, which
// prints the summary line) included, and joins their errors.
func (m multi) RunDone(s *Summary) error {
	var errs []error
	for _, r := range m {
		errs = append(errs, r.RunDone(s))
	}
	return errors.Join(errs...)
}
