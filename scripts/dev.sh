#!/usr/bin/env bash
# `npm run dev`: installs what is missing (fast when all is there), then runs `sluice dev`.
. "$(dirname "$0")/lib.sh"
bash "$SLUICE_ROOT/scripts/install.sh" --for dev
(cd "$SLUICE_ROOT" && npm run --silent gen:api)
exec node "$SLUICE_ROOT/bin/sluice.js" dev "$@"
