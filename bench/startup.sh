#!/usr/bin/env bash
# Start-up times of the suite as deploy/local/up.sh starts it, with its AOT caches and without
# (SUITE_AOT_CACHE), in alternating rounds:
#   suite     up.sh from nothing running to "Passport Suite is up" (every service ready and seen by
#             the gateway), after down.sh; Kafka's and PostgreSQL's start included
#   services  each JVM stopped and started again alone, the rest of the suite running, with the
#             same command line and environment, with and without -XX:AOTCache: milliseconds
#             until its readiness probe answers, and the CPU seconds it used until then
# The caches are trained by the first up.sh (not measured). Median and range over ROUNDS.
# See bench/README.md ("Start-up").
set -euo pipefail

source "$(dirname "${BASH_SOURCE[0]}")/bench-common.sh" startup

PARTS=${PARTS:-suite services}
DROP_DBS=${DROP_DBS:-0}
SUITE_RUN_DIR=${SUITE_RUN_DIR:-$BENCH_CACHE/startup-run}
SUITE_GATEWAY_PORT=${SUITE_GATEWAY_PORT:-18480}
SUITE_MANAGEMENT_PORT=${SUITE_MANAGEMENT_PORT:-18490}
SUITE_KAFKA_PORT=${SUITE_KAFKA_PORT:-19492}
SUITE_DB_PREFIX=${SUITE_DB_PREFIX-sub_}
PGHOST=${PGHOST:-127.0.0.1} PGPORT=${PGPORT:-5432} PGUSER=${PGUSER:-postgres}
export PGHOST PGPORT PGUSER

source "$BENCH_DIR/suite-bench.sh"

up() { # true|false: SUITE_AOT_CACHE
  RUN_DIR=$SUITE_RUN_DIR GATEWAY_PORT=$SUITE_GATEWAY_PORT GATEWAY_MANAGEMENT_PORT=$SUITE_MANAGEMENT_PORT \
    KAFKA_PORT=$SUITE_KAFKA_PORT SUITE_DB_PREFIX=$SUITE_DB_PREFIX SUITE_AOT_CACHE=$1 \
    "$ROOT/deploy/local/up.sh" >"$WORK/up.log" 2>&1 || { tail -30 "$WORK/up.log"; die "up.sh failed"; }
}
down() { RUN_DIR=$SUITE_RUN_DIR "$ROOT/deploy/local/down.sh" >"$WORK/down.log" 2>&1 || true; }

POINTS=$RESULTS_DIR/points.tsv
printf 'round\tpart\tname\taot\tready_ms\tcpu_s\tload1\n' >"$POINTS"
record() { printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$@" "$(cut -d' ' -f1 /proc/loadavg)" >>"$POINTS"; }

say "$(nproc) cores, load average $(loadavg); $ROUNDS rounds of: $PARTS"
say "first start (trains the AOT caches when the jars or options changed; not measured)"
started=$(date +%s)
up true
say "  up in $(( $(date +%s) - started )) s"

if [[ " $PARTS " == *" suite "* ]]; then
  for ((round = 1; round <= ROUNDS; round++)); do
    for aot in true false; do
      down
      started=$(date +%s%N)
      up "$aot"
      ms=$(( ($(date +%s%N) - started) / 1000000 ))
      record "$round" suite up.sh "$aot" "$ms" -
      say "round $round suite, AOT cache $aot: up in $ms ms"
    done
  done
  [[ $aot == true ]] || { down; up true; }
fi

ready_port() { # name env-file -> the port its readiness probe answers on
  if [[ $1 == gateway ]]; then tr '\0' '\n' <"$2" | sed -n 's/^GATEWAY_MANAGEMENT_PORT=//p'; else tr '\0' '\n' <"$2" | sed -n 's/^SERVER_PORT=//p'; fi
}
if [[ " $PARTS " == *" services "* ]]; then
  TCK=$(getconf CLK_TCK)
  for ((round = 1; round <= ROUNDS; round++)); do
    for name in discovery-server passport-service membership-service admin-service notification-service asset-service gateway; do
      for aot in true false; do
        pid_file=$SUITE_RUN_DIR/pids/$name.pid
        old=$(cat "$pid_file")
        # As up.sh started it, read before the first restart (a restart without the cache runs without it).
        [[ -f $WORK/cmd-$name ]] || { cp "/proc/$old/cmdline" "$WORK/cmd-$name"; cp "/proc/$old/environ" "$WORK/env-$name"; }
        mapfile -d '' -t cmd <"$WORK/cmd-$name"
        mapfile -d '' -t env <"$WORK/env-$name"
        port=$(ready_port "$name" "$WORK/env-$name")
        [[ -n $port ]] || die "no port for $name"
        kill -TERM "$old"
        for _ in $(seq 1 150); do kill -0 "$old" 2>/dev/null || break; sleep 0.2; done
        kill -KILL "$old" 2>/dev/null || true
        # The same command line, with or without the cache (the jar is the cache's extracted one either way).
        args=()
        for arg in "${cmd[@]}"; do [[ $aot == false && $arg == -XX:AOTCache=* ]] || args+=("$arg"); done
        [[ $aot == false ]] || printf '%s\n' "${args[@]}" | grep -q '^-XX:AOTCache=' || die "$name runs without an AOT cache"
        started=$(date +%s%N)
        (exec env -i "${env[@]}" setsid "${args[@]}" >>"$SUITE_RUN_DIR/logs/$name.out" 2>&1 </dev/null) &
        pid=$!
        echo "$pid" >"$pid_file"
        until curl -fs -o /dev/null --max-time 2 "http://127.0.0.1:$port/actuator/health/readiness"; do
          kill -0 "$pid" 2>/dev/null || die "$name exited during start-up"
          (( ($(date +%s%N) - started) / 1000000000 < 300 )) || die "$name not ready after 300 s"
          sleep 0.05
        done
        ms=$(( ($(date +%s%N) - started) / 1000000 ))
        cpu=$(awk -v tck="$TCK" '{printf "%.1f", ($14 + $15) / tck}' "/proc/$pid/stat")
        record "$round" service "$name" "$aot" "$ms" "$cpu"
        say "round $round $name, AOT cache $aot: ready in $ms ms, $cpu s of CPU"
      done
    done
  done
fi

{
  echo
  echo "## start-up, $(date -u +%Y-%m-%d), $(nproc) cores, load average now $(loadavg), $ROUNDS rounds"
  echo
  echo "| what | with the AOT cache: ready ms | CPU s | without: ready ms | CPU s |"
  echo "|---|---|---|---|---|"
  awk -F'\t' 'NR > 1 {print $3}' "$POINTS" | awk '!seen[$0]++' | while read -r name; do
    printf '| %s |' "$name"
    for aot in true false; do
      for col in 5 6; do
        values=$(awk -F'\t' -v n="$name" -v a="$aot" -v c="$col" 'NR > 1 && $3 == n && $4 == a && $c != "-" {print $c}' "$POINTS")
        printf ' %s [%s] |' "$(median <<<"$values")" "$(range <<<"$values")"
      done
    done
    echo
  done
} | tee "$RESULTS_DIR/summary.md"
