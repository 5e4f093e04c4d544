#!/usr/bin/env bash
# `npm run dev`: installs what is missing (fast when all is there), then runs `sluice dev`.
. "$(dirname "$0")/lib.sh"
bash "$SLUICE_ROOT/scripts/install.sh" --for dev
(cd "$SLUICE_ROOT" && npm run --silent gen:api)
# The UI is built once, and again when its sources (or domain/, which it bundles) are newer.
if [ ! -f "$SLUICE_ROOT/ui/dist/index.html" ] || [ -n "$(find "$SLUICE_ROOT/ui/src" "$SLUICE_ROOT/ui/index.html" "$SLUICE_ROOT/domain" -newer "$SLUICE_ROOT/ui/dist/index.html" -type f -print -quit)" ]; then
  say "building the UI"
  (cd "$SLUICE_ROOT" && npm run --silent build:ui >/dev/null)
fi
exec node "$SLUICE_ROOT/bin/sluice.js" dev "$@"
