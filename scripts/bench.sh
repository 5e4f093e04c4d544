#!/usr/bin/env bash
# `npm run bench`: runs every benchmark under bench/ (each prints its figures).
. "$(dirname "$0")/lib.sh"
cd "$SLUICE_ROOT"
shopt -s nullglob
for script in bench/*/run.ts; do
  say "bench: $script"
  npx tsx "$script"
done
