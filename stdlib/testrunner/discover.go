package testrunner

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// Suffix is the name ending of test files.
const Suffix = ".test.js"

// Suffixes are all the name endings of test files searched for in folders: JavaScript, ES modules and TypeScript.
var Suffixes = []string{Suffix, ".test.mjs", ".test.ts", ".test.mts"}

func isTestFile(name string) bool {
	for _, s := range Suffixes {
		if strings.HasSuffix(name, s) {
			return true
		}
	}
	return false
}

// Discover lists the test files under paths, in order: a file is taken as
// given (whatever its name), a folder is searched recursively for *.test.js (and .mjs, .ts, .mts),
// skipping node_modules and folders whose names start with a dot. Files found
// in a folder are sorted; a file named twice is listed once. No paths means ".".
func Discover(paths []string) ([]string, error) {
	if len(paths) == 0 {
		paths = []string{"."}
	}
	var files []string
	seen := map[string]bool{}
	add := func(p string) {
		abs, err := filepath.Abs(p)
		if err != nil {
			abs = p
		}
		if !seen[abs] {
			seen[abs] = true
			files = append(files, p)
		}
	}
	for _, root := range paths {
		info, err := os.Stat(root)
		if err != nil {
			return nil, fmt.Errorf("test path %s: %w", root, unwrapPathError(err))
		}
		if !info.IsDir() {
			add(root)
			continue
		}
		var found []string
		err = filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if d.IsDir() {
				name := d.Name()
				if p != root && (name == "node_modules" || (strings.HasPrefix(name, ".") && name != "." && name != "..")) {
					return filepath.SkipDir
				}
				return nil
			}
			if isTestFile(d.Name()) {
				found = append(found, p)
			}
			return nil
		})
		if err != nil {
			return nil, fmt.Errorf("searching %s for tests: %w", root, err)
		}
		sort.Strings(found)
		for _, f := range found {
			add(f)
		}
	}
	return files, nil
}

func unwrapPathError(err error) error {
	if pe, ok := err.(*fs.PathError); ok {
		return pe.Err
	}
	return err
}
