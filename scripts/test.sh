#!/usr/bin/env bash
# `npm test`: installs what the tests need, starts the services they use, runs lint, typecheck and
# every jest test, then stops what it started. Extra arguments go to jest (e.g. a path filter).
. "$(dirname "$0")/lib.sh"
cd "$SLUICE_ROOT"

bash scripts/install.sh --for test
owner="$(mktemp)"
trap 'bash scripts/services.sh down --owner "$owner"' EXIT
bash scripts/services.sh up --owner "$owner"
# shellcheck disable=SC1091
. .sluice/test/services.env

say "generate API routes and OpenAPI document"; npm run --silent gen:api
say "lint"; npx eslint --max-warnings 0 .
say "typecheck"; npm run --silent typecheck
say "build the UI (the API serves it in the end-to-end tests)"; npm run --silent build:ui >/dev/null
say "jest"; npx jest --ci "$@"
