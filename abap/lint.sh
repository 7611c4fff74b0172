#!/bin/sh
# Static check of the ZADT_VSP handler: abaplint, pinned in package-lock.json,
# against AS ABAP 7.50 with the stubs in deps/ for the SAP objects it uses.
# Exits non-zero on any finding.
set -eu
cd "$(dirname "$0")"
npm ci --no-audit --no-fund --loglevel=error
exec ./node_modules/.bin/abaplint abaplint.json
