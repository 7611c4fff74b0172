package testrunner

import (
	"encoding/xml"
	"fmt"
	"os"
	"strings"
	"time"
)

// JUnit writes the report as JUnit XML to a file when the run ends: one
// testsuite per file and one testcase per test, classname being the describe
// path, times in seconds, <failure> holding the message and stack, <skipped/>
// for skips, and warnings in the suite's <system-err>.
type JUnit struct {
	path     string
	warnings map[string][]string // file → warnings
	runWarns []string
}

// NewJUnit writes JUnit XML to the file at path.
func NewJUnit(path string) *JUnit { return &JUnit{path: path, warnings: map[string][]string{}} }

func (j *JUnit) RunStart([]string)    {}
func (j *JUnit) FileStart(string)     {}
func (j *JUnit) TestDone(*TestResult) {}
func (j *JUnit) FileDone(*FileResult) {}

func (j *JUnit) Warning(file, text string) {
	if file == "" {
		j.runWarns = append(j.runWarns, text)
		return
	}
	j.warnings[file] = append(j.warnings[file], text)
}

// JUnit XML documents, as GitLab, Jenkins and the GitHub test-report actions read them.
type (
	junitSuites struct {
		XMLName   xml.Name     `xml:"testsuites"`
		Name      string       `xml:"name,attr"`
		Tests     int          `xml:"tests,attr"`
		Failures  int          `xml:"failures,attr"`
		Errors    int          `xml:"errors,attr"`
		Skipped   int          `xml:"skipped,attr"`
		Time      seconds      `xml:"time,attr"`
		Timestamp string       `xml:"timestamp,attr"`
		Suites    []junitSuite `xml:"testsuite"`
		SystemErr string       `xml:"system-err,omitempty"`
	}
	junitSuite struct {
		Name      string      `xml:"name,attr"`
		Tests     int         `xml:"tests,attr"`
		Failures  int         `xml:"failures,attr"`
		Errors    int         `xml:"errors,attr"`
		Skipped   int         `xml:"skipped,attr"`
		Time      seconds     `xml:"time,attr"`
		Timestamp string      `xml:"timestamp,attr"`
		File      string      `xml:"file,attr,omitempty"`
		Cases     []junitCase `xml:"testcase"`
		SystemErr string      `xml:"system-err,omitempty"`
	}
	junitCase struct {
		Name      string        `xml:"name,attr"`
		Classname string        `xml:"classname,attr"`
		Time      seconds       `xml:"time,attr"`
		File      string        `xml:"file,attr,omitempty"`
		Failure   *junitProblem `xml:"failure,omitempty"`
		Error     *junitProblem `xml:"error,omitempty"`
		Skipped   *junitSkipped `xml:"skipped,omitempty"`
	}
	junitProblem struct {
		Message string `xml:"message,attr"`
		Type    string `xml:"type,attr"`
		Text    string `xml:",chardata"`
	}
	junitSkipped struct {
		Message string `xml:"message,attr,omitempty"`
	}
)

// seconds renders a duration as JUnit wants it: seconds with millisecond precision.
type seconds time.Duration

func (s seconds) MarshalXMLAttr(name xml.Name) (xml.Attr, error) {
	return xml.Attr{Name: name, Value: fmt.Sprintf("%.3f", time.Duration(s).Seconds())}, nil
}

func (j *JUnit) RunDone(s *Summary) error {
	doc := junitSuites{Name: "wsrfc test", Time: seconds(s.Duration), Timestamp: s.Start.UTC().Format("2006-01-02T15:04:05"),
		SystemErr: strings.Join(j.runWarns, "\n")}
	for _, f := range s.Files {
		suite := junitSuite{Name: f.File, File: f.File, Time: seconds(f.Duration), Timestamp: f.Start.UTC().Format("2006-01-02T15:04:05"),
			SystemErr: strings.Join(j.warnings[f.File], "\n")}
		if f.LoadError != nil {
			// A file that does not load is an error of the suite, not a failed assertion.
			suite.Cases = append(suite.Cases, junitCase{Name: "load " + f.File, Classname: f.File, File: f.File,
				Error: problem(f.LoadError)})
			suite.Errors++
		}
		for _, t := range f.Tests {
			c := junitCase{Name: t.Name, Classname: strings.Join(t.Suites, " > "), Time: seconds(t.Duration), File: f.File}
			if c.Classname == "" {
				c.Classname = f.File
			}
			switch t.Status {
			case Failed:
				c.Failure = problem(t.Failure)
				suite.Failures++
			case Skipped:
				c.Skipped = &junitSkipped{}
				suite.Skipped++
			case Todo:
				c.Skipped = &junitSkipped{Message: "todo"}
				suite.Skipped++
			}
			suite.Cases = append(suite.Cases, c)
		}
		suite.Tests = len(suite.Cases)
		doc.Tests += suite.Tests
		doc.Failures += suite.Failures
		doc.Errors += suite.Errors
		doc.Skipped += suite.Skipped
		doc.Suites = append(doc.Suites, suite)
	}
	out, err := xml.MarshalIndent(doc, "", "  ")
	if err != nil {
		return fmt.Errorf("junit report: %w", err)
	}
	data := append([]byte(xml.Header), out...)
	if err := os.WriteFile(j.path, append(data, '\n'), 0o644); err != nil {
		return fmt.Errorf("junit report: %w", err)
	}
	return nil
}

func problem(f *Failure) *junitProblem {
	if f == nil {
		return &junitProblem{Message: "failed", Type: "Error"}
	}
	text := f.Message
	if f.Location != "" {
		text += "\n    at " + f.Location
	}
	if f.Stack != "" && !strings.Contains(text, f.Stack) {
		text += "\n" + f.Stack
	}
	return &junitProblem{Message: xmlSafe(firstLine(f.Message)), Type: f.Type, Text: xmlSafe(text)}
}

// xmlSafe drops the characters XML 1.0 cannot hold (most control characters,
// which ANSI colours and raw ABAP data may bring).
func xmlSafe(s string) string {
	return strings.Map(func(r rune) rune {
		if r == '\t' || r == '\n' || r == '\r' || (r >= 0x20 && r != 0xFFFE && r != 0xFFFF) {
			return r
		}
		return -1
	}, s)
}
