#!/bin/sh
# Static check of the ZADT_VSP handler: abaplint, pinned in package-lock.json,
# against AS ABAP 7.50 with open-abap-core's definitions of SAP's objects
# ($OPEN_ABAP_CORE, else ../shared/vendor/open-abap-core next to the
# repository) and the project stubs in deps/ for what open-abap-core lacks.
# Exits non-zero on any finding. `go test ./abap` runs the same check.
set -eu
cd "$(dirname "$0")"
npm ci --no-audit --no-fund --loglevel=error
if [ -n "${OPEN_ABAP_CORE:-}" ]; then
  node -e '
    const fs = require("fs"), path = require("path");
    const cfg = JSON.parse(fs.readFileSync("abaplint.json", "utf8"));
    for (const d of cfg.dependencies) if (d.folder.endsWith("open-abap-core")) d.folder = "/" + path.relative(".", process.env.OPEN_ABAP_CORE);
    fs.writeFileSync("abaplint.generated.json", JSON.stringify(cfg, null, 2));'
  exec ./node_modules/.bin/abaplint abaplint.generated.json
fi
exec ./node_modules/.bin/abaplint abaplint.json
