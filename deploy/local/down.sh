#!/usr/bin/env bash
# Stops exactly what deploy/local/up.sh started, by the pids it recorded: the gateway and the
# services first, then the discovery server, Kafka and (if up.sh started one) PostgreSQL.
set -uo pipefail

source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

RUN_DIR=${RUN_DIR:-$SUITE_ROOT/deploy/local/run}
PID_DIR=$RUN_DIR/pids

# A pid file may outlive its process and the pid be reused: only signal a process whose command
# line names this run directory, as every process up.sh starts does.
ours() {
  [[ -r "/proc/$1/cmdline" ]] && tr '\0' ' ' <"/proc/$1/cmdline" | grep -qF "$RUN_DIR"
}

stop() { # name
  local pid_file=$PID_DIR/$1.pid pid
  [[ -f "$pid_file" ]] || return 0
  pid=$(cat "$pid_file")
  if [[ "$pid" =~ ^[0-9]+$ ]] && kill -0 "$pid" 2>/dev/null && ours "$pid"; then
    kill -TERM "$pid" 2>/dev/null
    for _ in $(seq 1 40); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.5
    done
    if kill -0 "$pid" 2>/dev/null; then
      kill -KILL "$pid" 2>/dev/null
      echo "stopped $1 (pid $pid, killed after 20s)"
    else
      echo "stopped $1 (pid $pid)"
    fi
  fi
  rm -f "$pid_file"
}

[[ -d "$PID_DIR" ]] || { echo "Nothing to stop: no $PID_DIR"; exit 0; }

stop gateway
for entry in "${SUITE_SERVICES[@]}"; do
  read -r name _ <<<"$entry"
  stop "$name" &
done
wait
stop discovery-server
stop kafka
if [[ -f "$PID_DIR/postgres.pid" ]]; then
  "$RUN_DIR/postgres/bin/pg_ctl" -D "$RUN_DIR/postgres/data" -m fast stop >/dev/null 2>&1 || stop postgres
  rm -f "$PID_DIR/postgres.pid"
  echo "stopped postgres"
fi
leftover=$(find "$PID_DIR" -name '*.pid' 2>/dev/null)
[[ -z "$leftover" ]] || { echo "down.sh: could not stop: $leftover" >&2; exit 1; }
exit 0
