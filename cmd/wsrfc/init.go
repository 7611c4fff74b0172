package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/wsrfc/wsrfc/types"
)

const initExamples = `  wsrfc init                 # jsconfig.json, or tsconfig.json when the folder has .ts files
  wsrfc init --ts scripts/   # tsconfig.json in scripts/`

// runInit writes the editor configuration of a script folder: wsrfc.d.ts (the declarations of this binary's
// API) and a jsconfig.json or tsconfig.json that includes it, so editors complete sap, the built-ins and
// define() and type-check scripts.
func runInit(env *environment, args []string) error {
	fs := newFlagSet(env, "init", "wsrfc init [--ts] [--force] [FOLDER]", initExamples)
	ts := fs.Bool("ts", false, "write tsconfig.json (the default when the folder has .ts files)")
	force := fs.Bool("force", false, "overwrite an existing jsconfig.json or tsconfig.json")
	positional, err := parseFlags(fs, args, true)
	if err != nil {
		return err
	}
	dir := "."
	switch len(positional) {
	case 0:
	case 1:
		dir = positional[0]
	default:
		return usageError("init takes at most one folder")
	}
	if info, err := os.Stat(dir); err != nil || !info.IsDir() {
		return usageError("init needs an existing folder: %s", dir)
	}
	if !*ts {
		*ts = hasTypeScript(dir)
	}
	name := "jsconfig.json"
	options := map[string]any{"checkJs": true, "allowJs": true}
	if *ts {
		name = "tsconfig.json"
		options = map[string]any{"strict": true, "noEmit": true, "allowJs": true, "allowImportingTsExtensions": true}
	}
	for k, v := range map[string]any{"target": "es2022", "module": "es2022", "moduleResolution": "bundler",
		"lib": []string{"es2022"}, "types": []string{}, "skipLibCheck": true} {
		options[k] = v
	}
	config := map[string]any{
		"compilerOptions": options,
		"include":         []string{"**/*.js", "**/*.mjs", "**/*.ts", "wsrfc.d.ts"},
		"exclude":         []string{"node_modules"},
	}
	target := filepath.Join(dir, name)
	if _, err := os.Stat(target); err == nil && !*force {
		return &exitError{code: exitFailure, msg: target + " exists; add \"wsrfc.d.ts\" to its include list, or run wsrfc init --force to replace it"}
	}
	data, _ := json.MarshalIndent(config, "", "  ")
	if err := os.WriteFile(filepath.Join(dir, "wsrfc.d.ts"), types.Declarations, 0o644); err != nil {
		return &exitError{code: exitFailure, msg: "writing wsrfc.d.ts: " + err.Error()}
	}
	if err := os.WriteFile(target, append(data, '\n'), 0o644); err != nil {
		return &exitError{code: exitFailure, msg: "writing " + name + ": " + err.Error()}
	}
	fmt.Fprintf(env.stdout, "wrote %s and %s\n", filepath.Join(dir, "wsrfc.d.ts"), target)
	return nil
}

// hasTypeScript reports whether the folder (not node_modules) holds a .ts file other than declarations.
func hasTypeScript(dir string) bool {
	found := errors.New("found")
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return nil
		}
		if d.IsDir() && d.Name() == "node_modules" {
			return filepath.SkipDir
		}
		if !d.IsDir() && filepath.Ext(p) == ".ts" && !strings.HasSuffix(p, ".d.ts") {
			return found
		}
		return nil
	})
	return errors.Is(err, found)
}
