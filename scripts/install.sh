#!/usr/bin/env bash
# Brings a machine to a working state for Sluice, idempotently: each step says what it does and
# skips what is already done. `--for dev` (default) installs what `sluice dev` needs; `--for test`
# adds the services the tests use (PostgreSQL, Redis, MinIO).
. "$(dirname "$0")/lib.sh"

purpose=dev
while [ $# -gt 0 ]; do
  case "$1" in
    --for) purpose="$2"; shift 2 ;;
    *) die "unknown option $1 (use --for dev|test)" ;;
  esac
done
case "$purpose" in dev|test) ;; *) die "--for takes dev or test, not '$purpose'" ;; esac

mkdir -p "$SLUICE_TOOLS_BIN" "$SLUICE_CACHE_DIR"

# Links a cached binary into .tools/bin, building it with `go install` first when it is missing.
go_tool() {
  local name="$1" module="$2" version="$3"
  local dir="$SLUICE_CACHE_DIR/$name-$version"
  if [ -x "$dir/bin/$name" ]; then
    say "$name $version: present"
  else
    command -v go >/dev/null || die "Go is needed to build $name (go install $module@$version)"
    say "$name $version: building with go install (a few minutes, once per machine)"
    mkdir -p "$dir"
    GOBIN="$dir/bin.partial" GOFLAGS=-mod=mod go install "$module@$version"
    mv "$dir/bin.partial" "$dir/bin"
  fi
  ln -sfn "$dir/bin/$name" "$SLUICE_TOOLS_BIN/$name"
}

node_deps() {
  local want have
  want="$(sha_of "$SLUICE_ROOT/package-lock.json")"
  have="$(cat "$SLUICE_ROOT/node_modules/.sluice-lock" 2>/dev/null || true)"
  if [ "$want" = "$have" ]; then
    say "npm dependencies: present (lock $want)"
  else
    # `npm install` with the committed lock (not `npm ci`): this npm leaves other platforms' optional
    # packages out of the lock, which `npm ci` rejects; the lock still pins every version.
    say "npm dependencies: npm install from package-lock.json (lock $want)"
    (cd "$SLUICE_ROOT" && npm install --no-audit --no-fund --prefer-offline --loglevel=error) \
      || die "npm install failed"
    echo "$want" >"$SLUICE_ROOT/node_modules/.sluice-lock"
  fi
}

python_venv() {
  local req="$SLUICE_ROOT/runner/requirements.txt"
  local key venv
  command -v python3 >/dev/null || die "python3 is needed for the dbt runner"
  key="$(python3 -c 'import sys;print("%d.%d"%sys.version_info[:2])')-$(sha_of "$req")"
  venv="$SLUICE_CACHE_DIR/venv-$key"
  if [ -f "$venv/.sluice-complete" ]; then
    say "python virtualenv (dbt): present ($key)"
  else
    say "python virtualenv (dbt): creating $venv from runner/requirements.txt"
    # A venv records its own path, so it is built where it will live; the marker says it finished.
    rm -rf "$venv"
    python3 -m venv "$venv"
    "$venv/bin/pip" install --quiet --disable-pip-version-check -r "$req" || { rm -rf "$venv"; die "pip install failed"; }
    touch "$venv/.sluice-complete"
  fi
  ln -sfn "$venv" "$SLUICE_ROOT/.venv"
}

apt_packages() {
  local missing=""
  command -v redis-server >/dev/null || missing="$missing redis-server"
  ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1 || missing="$missing postgresql"
  # The browser the UI's end-to-end tests drive (playwright-core brings no browser of its own).
  [ -x "${SLUICE_CHROMIUM:-/usr/bin/chromium}" ] || missing="$missing chromium"
  if [ -z "$missing" ]; then
    say "debian packages (postgresql, redis-server, chromium): present"
    return
  fi
  [ "$(id -u)" = 0 ] || die "installing$missing needs root (apt-get)"
  say "debian packages:$missing: apt-get install"
  apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $missing >&2
}

node_deps
go_tool temporal "$TEMPORAL_CLI_MODULE" "$TEMPORAL_CLI_VERSION"
python_venv
if [ "$purpose" = test ]; then
  apt_packages
  go_tool minio "$MINIO_MODULE" "$MINIO_VERSION"
fi
say "install ($purpose): done"
