#!/usr/bin/env bash
# Generates the UI's typed API client types (ui/src/client/schema.d.ts) from the OpenAPI document the
# API writes at api/generated/swagger.json (tsoa). Run after changing a controller: npm run gen:ui-client
set -euo pipefail
cd "$(dirname "$0")/.."
spec=api/generated/swagger.json
[ -f "$spec" ] || { echo "missing $spec: generate the API first" >&2; exit 1; }
npx openapi-typescript "$spec" --output ui/src/client/schema.d.ts
