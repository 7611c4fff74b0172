package repl

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/wsrfc/wsrfc/internal/lazyre"
)

// historyLimit is how many entries the history file keeps, as node's REPL does.
const historyLimit = 1000

// lineBreak stands for a line break inside a history entry. The file holds one entry per line, and a
// statement typed over several lines must come back as one entry; the visible mark also shows where the
// lines broke when the entry is recalled, and the console turns it back into line breaks when it runs.
const lineBreak = "␤"

// secretText matches input that may hold a credential; such input never reaches the history file.
var secretText = lazyre.New(`(?i)password|passwd|secret|token|cookie|credential|mysapsso`)

// literalAssigned finds a name given a string literal: `pw = '...'`, `const pin = "..."`, `{ PASS: '...' }`.
var literalAssigned = lazyre.New("([A-Za-z_$][\\w$]*)['\"]?\\s*[:=]\\s*['\"`]")

// secretWords are the words of a name (split at _ and at camel case) that say it holds a credential.
var secretWords = map[string]bool{"pw": true, "pwd": true, "pass": true, "passwd": true, "passcode": true,
	"passwort": true, "kennwort": true, "pin": true, "tan": true, "otp": true, "key": true, "apikey": true,
	"auth": true, "bearer": true, "sso": true, "jwt": true}

// secretName reports whether an identifier names a credential: one of secretWords, or a name that
// contains pwd, passw or kennwort (BAPIPWD, INITPWD, userPassword).
func secretName(name string) bool {
	lower := strings.ToLower(name)
	for _, part := range []string{"pwd", "passw", "passc", "kennw", "apikey", "api_key"} {
		if strings.Contains(lower, part) {
			return true
		}
	}
	for _, w := range nameWords(name) {
		if secretWords[w] {
			return true
		}
	}
	return false
}

// nameWords splits an identifier into lower-case words at underscores and at lower-to-upper case changes.
func nameWords(name string) []string {
	var words []string
	start := 0
	for i := 1; i <= len(name); i++ {
		if i == len(name) || name[i] == '_' || name[i] == '$' ||
			(name[i] >= 'A' && name[i] <= 'Z' && name[i-1] >= 'a' && name[i-1] <= 'z') {
			if w := strings.Trim(name[start:i], "_$"); w != "" {
				words = append(words, strings.ToLower(w))
			}
			start = i
		}
	}
	return words
}

// isSecret reports whether an entry may contain a credential and must not be stored: it mentions one by
// keyword, or gives a string literal to a name that looks like one (`const pw = 'S3cr3t'`).
func isSecret(entry string) bool {
	if secretText().MatchString(entry) {
		return true
	}
	for _, m := range literalAssigned().FindAllStringSubmatch(entry, -1) {
		if secretName(m[1]) {
			return true
		}
	}
	return false
}

// History is the file that keeps entries across runs. It is created readable only by its owner, because
// what people type at an SAP console names systems, users and data.
type History struct {
	path    string
	entries []string
}

// OpenHistory reads the history file at path, creating it (mode 0600) when it does not exist. An existing
// file with wider permissions is narrowed to 0600.
func OpenHistory(path string) (*History, error) {
	h := &History{path: path}
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return nil, fmt.Errorf("history: %w", err)
	}
	f, err := os.OpenFile(path, os.O_RDONLY|os.O_CREATE, 0o600)
	if err != nil {
		return nil, fmt.Errorf("history: %w", err)
	}
	defer f.Close()
	if err := f.Chmod(0o600); err != nil {
		return nil, fmt.Errorf("history: %w", err)
	}
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 64*1024), 1<<20)
	for sc.Scan() {
		if line := sc.Text(); line != "" {
			h.entries = append(h.entries, line)
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("history %s: %w", path, err)
	}
	if len(h.entries) > historyLimit {
		h.entries = h.entries[len(h.entries)-historyLimit:]
		if err := h.rewrite(); err != nil {
			return nil, err
		}
	}
	return h, nil
}

// Entries returns the stored entries, oldest first, in their one-line form.
func (h *History) Entries() []string { return append([]string(nil), h.entries...) }

// Add stores an entry (given in its one-line form) unless it may hold a secret or repeats the last
// entry. It appends to the file at once, so that a crash loses nothing.
func (h *History) Add(entry string) error {
	if strings.TrimSpace(entry) == "" || isSecret(entry) {
		return nil
	}
	if n := len(h.entries); n > 0 && h.entries[n-1] == entry {
		return nil
	}
	h.entries = append(h.entries, entry)
	f, err := os.OpenFile(h.path, os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o600)
	if err != nil {
		return fmt.Errorf("history: %w", err)
	}
	_, err = f.WriteString(entry + "\n")
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}

// rewrite replaces the file with the current entries through a temporary file, so that a failure
// leaves the old file intact.
func (h *History) rewrite() error {
	tmp, err := os.CreateTemp(filepath.Dir(h.path), ".wsrfc_history-*")
	if err != nil {
		return fmt.Errorf("history: %w", err)
	}
	defer os.Remove(tmp.Name())
	w := bufio.NewWriter(tmp)
	for _, e := range h.entries {
		_, _ = w.WriteString(e + "\n")
	}
	if err := w.Flush(); err != nil {
		tmp.Close()
		return fmt.Errorf("history: %w", err)
	}
	if err := tmp.Chmod(0o600); err != nil {
		tmp.Close()
		return fmt.Errorf("history: %w", err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("history: %w", err)
	}
	return os.Rename(tmp.Name(), h.path)
}

// oneLine joins a statement typed over several lines into a history entry.
func oneLine(statement string) string {
	return strings.ReplaceAll(strings.TrimRight(statement, "\n"), "\n", lineBreak)
}

// fromOneLine restores the line breaks of a recalled entry.
func fromOneLine(entry string) string { return strings.ReplaceAll(entry, lineBreak, "\n") }
