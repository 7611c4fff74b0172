// Package types holds the TypeScript declarations of wsrfc's scripting API, embedded so that `wsrfc init` writes
// the declarations that match the binary.
package types

import _ "embed"

// Declarations is wsrfc.d.ts.
//
//go:embed wsrfc.d.ts
var Declarations []byte
