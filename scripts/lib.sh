# Shared helpers for the project's scripts. Sourced, never run.
set -euo pipefail
SLUICE_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# Heavy builds (Go binaries, the Python virtualenv) live outside the clone, keyed by version, so a
# fresh clone on a machine that built them once links them in seconds.
SLUICE_CACHE_DIR="${SLUICE_CACHE_DIR:-$HOME/.cache/sluice}"
SLUICE_TOOLS_BIN="$SLUICE_ROOT/.tools/bin"
# shellcheck source=versions.sh
. "$SLUICE_ROOT/scripts/versions.sh"

say() { printf '[sluice] %s\n' "$*" >&2; }
die() { printf '[sluice] error: %s\n' "$*" >&2; exit 1; }
sha_of() { cat "$@" | sha256sum | cut -c1-16; }
