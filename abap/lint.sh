#!/bin/sh
# Static check of the ZADT_VSP handler: abaplint, pinned in package-lock.json,
# against AS ABAP 7.50 with the stubs in deps/ for the SAP objects it uses.
# Exits non-zero on any finding, and 69 (EX_UNAVAILABLE) when abaplint cannot be installed.
set -eu
cd "$(dirname "$0")"
if ! npm ci --no-audit --no-fund --loglevel=error; then
  echo "abaplint could not be installed: npm ci failed (is the npm registry reachable?)" >&2
  exit 69
fi
exec ./node_modules/.bin/abaplint abaplint.json
