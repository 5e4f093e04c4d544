#!/usr/bin/env bash
# Starts and stops the services the tests use, on loopback, with data under .sluice/test/:
# PostgreSQL, Redis, MinIO and a Temporal dev server. `up` writes .sluice/test/services.env, which
# jest reads. `up --owner F` records in F what it started, so `down --owner F` stops only that.
. "$(dirname "$0")/lib.sh"

STATE="$SLUICE_ROOT/.sluice/test"
PG_PORT="${SLUICE_TEST_PG_PORT:-55432}"
REDIS_PORT="${SLUICE_TEST_REDIS_PORT:-56379}"
MINIO_PORT="${SLUICE_TEST_MINIO_PORT:-59000}"
TEMPORAL_PORT="${SLUICE_TEST_TEMPORAL_PORT:-57233}"
TEMPORAL_UI_PORT="${SLUICE_TEST_TEMPORAL_UI_PORT:-58233}"
MINIO_USER=sluice-test
MINIO_PASSWORD=sluice-test-secret
PG_BIN="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)"

cmd="${1:-}"; shift || true
owner=""
while [ $# -gt 0 ]; do
  case "$1" in
    --owner) owner="$2"; shift 2 ;;
    *) die "unknown option $1" ;;
  esac
done

alive() { [ -f "$STATE/$1.pid" ] && kill -0 "$(cat "$STATE/$1.pid")" 2>/dev/null; }
started() { [ -n "$owner" ] && echo "$1" >>"$owner"; say "$1: started"; }
wait_for() {
  local what="$1"; shift
  for _ in $(seq 1 120); do "$@" >/dev/null 2>&1 && return 0; sleep 0.5; done
  die "$what did not become ready; see $STATE/$what.log"
}
# PostgreSQL refuses to run as root, so as root it runs as the postgres user the package creates.
as_pg() { if [ "$(id -u)" = 0 ]; then (cd / && runuser -u postgres -- "$@"); else "$@"; fi; }
# Its data lives in .sluice/test/pg, unless that user cannot reach it (a clone inside a private
# directory, e.g. one made by mktemp -d): then in /var/tmp, keyed by this clone's path.
pg_home() {
  if [ "$(id -u)" != 0 ] || runuser -u postgres -- test -x "$STATE" 2>/dev/null; then echo "$STATE/pg"
  else echo "/var/tmp/sluice-pg-$(printf %s "$STATE" | sha256sum | cut -c1-16)"; fi
}

up_postgres() {
  if alive postgres; then say "postgres: running on $PG_PORT"; return; fi
  [ -n "$PG_BIN" ] || die "PostgreSQL is not installed: run scripts/install.sh --for test"
  local data log
  data="$(pg_home)"; log="$STATE/postgres.log"
  # Out of reach of the postgres user, the log goes beside the data; .sluice/test links to it.
  if [ "$data" != "$STATE/pg" ]; then log="$data.log"; ln -sfn "$log" "$STATE/postgres.log"; fi
  if [ ! -f "$data/PG_VERSION" ]; then
    mkdir -p "$data"; [ "$(id -u)" = 0 ] && chown postgres "$data"
    as_pg "$PG_BIN/initdb" -D "$data" -U postgres --auth=trust -E UTF8 >"$STATE/postgres-initdb.log" 2>&1 \
      || die "postgres: initdb failed; see $STATE/postgres-initdb.log"
  fi
  touch "$log"; [ "$(id -u)" = 0 ] && chown postgres "$log"
  as_pg "$PG_BIN/pg_ctl" -D "$data" -l "$log" -w -o \
    "-c listen_addresses=127.0.0.1 -p $PG_PORT -k $data -c max_connections=200 -c fsync=off" start >/dev/null \
    || die "postgres: did not start; see $log"
  as_pg head -1 "$data/postmaster.pid" >"$STATE/postgres.pid"
  wait_for postgres "$PG_BIN/pg_isready" -h 127.0.0.1 -p "$PG_PORT"
  psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -tAc "select 1 from pg_roles where rolname='sluice'" | grep -q 1 \
    || psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -qc "create role sluice login superuser password 'sluice'"
  psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -tAc "select 1 from pg_database where datname='sluice_test'" | grep -q 1 \
    || psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -qc "create database sluice_test owner sluice"
  started postgres
}

up_redis() {
  if alive redis; then say "redis: running on $REDIS_PORT"; return; fi
  redis-server --bind 127.0.0.1 --port "$REDIS_PORT" --save '' --appendonly no --daemonize no \
    >"$STATE/redis.log" 2>&1 &
  echo $! >"$STATE/redis.pid"
  wait_for redis redis-cli -p "$REDIS_PORT" ping
  started redis
}

up_minio() {
  if alive minio; then say "minio: running on $MINIO_PORT"; return; fi
  mkdir -p "$STATE/minio"
  MINIO_ROOT_USER="$MINIO_USER" MINIO_ROOT_PASSWORD="$MINIO_PASSWORD" MINIO_BROWSER=off \
    "$SLUICE_TOOLS_BIN/minio" server "$STATE/minio" --address "127.0.0.1:$MINIO_PORT" --quiet \
    >"$STATE/minio.log" 2>&1 &
  echo $! >"$STATE/minio.pid"
  wait_for minio curl -sf "http://127.0.0.1:$MINIO_PORT/minio/health/live"
  started minio
}

up_temporal() {
  if alive temporal; then say "temporal: running on $TEMPORAL_PORT"; return; fi
  "$SLUICE_TOOLS_BIN/temporal" server start-dev --ip 127.0.0.1 --port "$TEMPORAL_PORT" \
    --ui-port "$TEMPORAL_UI_PORT" --headless --db-filename "$STATE/temporal.db" --log-level warn \
    >"$STATE/temporal.log" 2>&1 &
  echo $! >"$STATE/temporal.pid"
  wait_for temporal "$SLUICE_TOOLS_BIN/temporal" operator cluster health --address "127.0.0.1:$TEMPORAL_PORT"
  started temporal
}

write_env() {
  cat >"$STATE/services.env" <<ENV
export SLUICE_TEST_PG_URL=postgres://sluice:sluice@127.0.0.1:$PG_PORT/sluice_test
export SLUICE_TEST_REDIS_URL=redis://127.0.0.1:$REDIS_PORT
export SLUICE_TEST_S3_ENDPOINT=http://127.0.0.1:$MINIO_PORT
export SLUICE_TEST_S3_ACCESS_KEY=$MINIO_USER
export SLUICE_TEST_S3_SECRET_KEY=$MINIO_PASSWORD
export SLUICE_TEST_TEMPORAL_ADDRESS=127.0.0.1:$TEMPORAL_PORT
export SLUICE_TEST_TEMPORAL_UI_PORT=$TEMPORAL_UI_PORT
export SLUICE_TEMPORAL_CLI=$SLUICE_TOOLS_BIN/temporal
export SLUICE_PG_BIN=$PG_BIN
ENV
}

stop_one() {
  local name="$1"
  alive "$name" || { rm -f "$STATE/$name.pid"; return; }
  if [ "$name" = postgres ]; then
    as_pg "$PG_BIN/pg_ctl" -D "$(pg_home)" -m fast -w stop >/dev/null || true
    # Data kept outside the clone is test data of this clone only: do not leave it behind.
    [ "$(pg_home)" = "$STATE/pg" ] || rm -rf "$(pg_home)" "$(pg_home).log"
  else
    kill "$(cat "$STATE/$name.pid")" 2>/dev/null || true
    for _ in $(seq 1 40); do alive "$name" || break; sleep 0.25; done
    alive "$name" && kill -9 "$(cat "$STATE/$name.pid")" 2>/dev/null || true
  fi
  rm -f "$STATE/$name.pid"
  say "$name: stopped"
}

case "$cmd" in
  up)
    mkdir -p "$STATE"
    up_postgres; up_redis; up_minio; up_temporal; write_env ;;
  down)
    if [ -n "$owner" ]; then
      [ -f "$owner" ] && while read -r name; do stop_one "$name"; done <"$owner"
      rm -f "$owner"
    else
      for name in temporal minio redis postgres; do stop_one "$name"; done
    fi ;;
  env) cat "$STATE/services.env" ;;
  *) die "usage: scripts/services.sh up|down|env [--owner FILE]" ;;
esac
