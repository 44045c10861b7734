#!/usr/bin/env bash
# passport-service under different JVM options (the JIT above all), in one run, through the
# gateway of a suite started by deploy/local/up.sh. Each round restarts passport once per variant,
# in turn (A/B/A/B), and measures the new JVM from the moment it is ready, as an autoscaled pod
# meets its users: password logins over its first minute, then authenticated GETs (/api/auth/me)
# and refreshes, each in windows. Per window: answers per second and passport's CPU per answer
# (milliseconds of its process's CPU time), the figure a busy machine disturbs least.
# See bench/README.md ("Passport's JIT").
set -euo pipefail

source "$(dirname "${BASH_SOURCE[0]}")/bench-common.sh" passport-jit

# --- settings ----------------------------------------------------------------------------------
# Variants: names, and the passport JVM options of each (VARIANT_<name>); the default pair is
# C2 alone against tiered compilation, both with up.sh's memory settings.
MEMORY_OPTS="-Xms64m -Xmx192m -XX:MaxMetaspaceSize=160m -XX:ReservedCodeCacheSize=64m -Xss512k -XX:+UseSerialGC"
VARIANTS=${VARIANTS:-c2 tiered}
VARIANT_c2=${VARIANT_c2:-$MEMORY_OPTS -XX:-TieredCompilation}
VARIANT_tiered=${VARIANT_tiered:-$MEMORY_OPTS}
# AOT caches to train for the variants, "name:workload" each: passport is started with
# -XX:AOTCacheOutput and stopped once ready ("ready", as up.sh trains it) or after TRAIN_SECONDS
# of the workload's operation through the gateway ("login", "me", "refresh", or several joined
# by "+"). A variant uses one by "@aot:name" in its options, e.g.
# CACHES="ready:ready login:login" VARIANT_r="$MEMORY_OPTS @aot:ready".
CACHES=${CACHES:-}
TRAIN_SECONDS=${TRAIN_SECONDS:-10}
# What each restarted JVM is given, in order: "op:seconds" windows (login, me or refresh).
WINDOWS=${WINDOWS:-login:15 login:15 login:15 login:15 me:10 me:10 me:10 refresh:10 refresh:10 refresh:10}
CONNS=${CONNS:-4}
USERS=${USERS:-200}
POOL_SIZE=${POOL_SIZE:-50}
PASSWORD=${PASSWORD:-Bench-passw0rd-2026}
DROP_DBS=${DROP_DBS:-0}

SUITE_RUN_DIR=${SUITE_RUN_DIR:-$BENCH_CACHE/jit-run}
SUITE_GATEWAY_PORT=${SUITE_GATEWAY_PORT:-18480}
SUITE_MANAGEMENT_PORT=${SUITE_MANAGEMENT_PORT:-18490}
SUITE_KAFKA_PORT=${SUITE_KAFKA_PORT:-19492}
SUITE_DB_PREFIX=${SUITE_DB_PREFIX-jitb_}
SUITE_URL=http://127.0.0.1:$SUITE_GATEWAY_PORT
API_KEY=${API_KEY:-psk_local_default_change_me}
BENCH_RATE_LIMIT=${BENCH_RATE_LIMIT:-100000000}

PGHOST=${PGHOST:-127.0.0.1} PGPORT=${PGPORT:-5432} PGUSER=${PGUSER:-postgres}
export PGHOST PGPORT PGUSER

source "$BENCH_DIR/suite-bench.sh"
for tool in wrk curl jq psql; do command -v "$tool" >/dev/null || die "$tool is missing (apt-get install -y $tool)"; done
for v in $VARIANTS; do opts=VARIANT_$v; [[ -n ${!opts:-} ]] || die "no options for variant $v (set $opts)"; done

say "$(nproc) cores, load average $(loadavg); $ROUNDS rounds of: $VARIANTS"
for v in $VARIANTS; do opts=VARIANT_$v; say "  $v: ${!opts}"; done

# --- the suite: up.sh without AOT caches, so that every variant starts alike ------------------------
say "starting the suite: deploy/local/up.sh (run dir $SUITE_RUN_DIR, gateway :$SUITE_GATEWAY_PORT)"
RUN_DIR=$SUITE_RUN_DIR GATEWAY_PORT=$SUITE_GATEWAY_PORT GATEWAY_MANAGEMENT_PORT=$SUITE_MANAGEMENT_PORT \
  KAFKA_PORT=$SUITE_KAFKA_PORT SUITE_DB_PREFIX=$SUITE_DB_PREFIX SUITE_AOT_CACHE=false PASSPORT_BOOTSTRAP_API_KEY=$API_KEY \
  GATEWAY_AUTH_LIMIT_PER_IP=$BENCH_RATE_LIMIT GATEWAY_APP_BACKEND_LIMIT_PER_IP=$BENCH_RATE_LIMIT \
  "$ROOT/deploy/local/up.sh" >"$WORK/up.log" 2>&1 || { tail -30 "$WORK/up.log"; die "up.sh failed"; }

USER_FORMAT="jit-$(date +%s)-%d@example.com"
say "registering $USERS users"
for ((i = 0; i < USERS; i++)); do
  status=$(curl -sS -o "$WORK/register" -w '%{http_code}' -X POST "$SUITE_URL/auth/v1/register" -H "Authorization: Bearer $API_KEY" \
    -H 'Content-Type: application/json' \
    -d "{\"nickname\":\"jit $i\",\"password\":\"$PASSWORD\",\"contact_type\":\"email\",\"contact\":\"$(printf "$USER_FORMAT" "$i")\",\"app_id\":\"default\"}")
  [[ $status == 201 ]] || die "registering user $i: HTTP $status $(cat "$WORK/register")"
done

# --- passport, restarted with a variant's options ---------------------------------------------------
PID_FILE=$SUITE_RUN_DIR/pids/passport-service.pid
mapfile -d '' -t BASE_CMD <"/proc/$(cat "$PID_FILE")/cmdline"
mapfile -d '' -t BASE_ENV <"/proc/$(cat "$PID_FILE")/environ"
PASSPORT_PORT=$(printf '%s\n' "${BASE_ENV[@]}" | sed -n 's/^SERVER_PORT=//p')
# up.sh's command line: java, its options, then -Dpassport.suite.run=... -jar JAR.
for ((tail_at = 1; tail_at < ${#BASE_CMD[@]}; tail_at++)); do [[ ${BASE_CMD[tail_at]} != -Dpassport.suite.run=* ]] || break; done
(( tail_at < ${#BASE_CMD[@]} )) || die "unexpected passport command line: ${BASE_CMD[*]}"

login_status() {
  curl -s -o /dev/null -w '%{http_code}' --max-time 10 -X POST "$SUITE_URL/auth/v1/login" -H "Authorization: Bearer $API_KEY" \
    -H 'Content-Type: application/json' \
    -d "{\"contact_type\":\"email\",\"contact\":\"$(printf "$USER_FORMAT" 0)\",\"password\":\"$PASSWORD\",\"app_id\":\"default\"}"
}
PASSPORT_PID=
restart_passport() { # variant [login: false to return once ready] -> sets READY_MS
  local opts=VARIANT_$1 old seen gone started
  old=$(cat "$PID_FILE")
  seen=$(wc -l <"$SUITE_RUN_DIR/logs/gateway.log")
  kill -TERM "$old" 2>/dev/null || true
  for _ in $(seq 1 150); do kill -0 "$old" 2>/dev/null || break; sleep 0.2; done
  kill -KILL "$old" 2>/dev/null || true
  # Until the gateway has heard from discovery that the old instance is gone it answers 503: the
  # new JVM's first seconds are measured only once the gateway routes by the new registration.
  gone=$(date +%s)
  until login_status >/dev/null; tail -n +$((seen + 1)) "$SUITE_RUN_DIR/logs/gateway.log" \
      | grep -q 'not contain an instance for the service passport-service\|No servers available for service: passport-service'; do
    (( $(date +%s) - gone < 120 )) || die "the gateway still has passport-service's instance 120 s after it stopped"
    sleep 1
  done
  # shellcheck disable=SC2206 # the options are a list
  local cmd=("${BASE_CMD[0]}" ${!opts//@aot:/-XX:AOTCache=$RESULTS_DIR\/aot-} "${BASE_CMD[@]:tail_at}")
  (exec env -i "${BASE_ENV[@]}" setsid "${cmd[@]}" >>"$SUITE_RUN_DIR/logs/passport-service.out" 2>&1 </dev/null) &
  PASSPORT_PID=$!
  echo "$PASSPORT_PID" >"$PID_FILE"
  started=$(date +%s%N)
  until curl -fs -o /dev/null --max-time 2 "http://127.0.0.1:$PASSPORT_PORT/actuator/health/readiness"; do
    kill -0 "$PASSPORT_PID" 2>/dev/null || die "passport-service exited during start-up ($1)"
    (( ($(date +%s%N) - started) / 1000000000 < 300 )) || die "passport-service not ready after 300 s ($1)"
    sleep 0.2
  done
  READY_MS=$(( ($(date +%s%N) - started) / 1000000 ))
  [[ ${2:-true} == true ]] || return 0
  started=$(date +%s)
  until [[ $(login_status) == 200 ]]; do
    (( $(date +%s) - started < 60 )) || die "no login through the gateway within 60 s of passport's restart ($1)"
    sleep 0.2
  done
}

ISSUED=0
issue_pool() { # kind file: a token of each of POOL_SIZE users (access: canonical login; refresh: chat login)
  local i user
  : >"$2"
  for ((i = 0; i < POOL_SIZE; i++)); do
    user=$((ISSUED++ % USERS))
    if [[ $1 == access ]]; then
      curl -fsS -X POST "$SUITE_URL/auth/v1/login" -H "Authorization: Bearer $API_KEY" -H 'Content-Type: application/json' \
        -d "{\"contact_type\":\"email\",\"contact\":\"$(printf "$USER_FORMAT" "$user")\",\"password\":\"$PASSWORD\",\"app_id\":\"default\"}" \
        | jq -er .access_token
    else
      curl -fsS -X POST "$SUITE_URL/api/auth/login" -H 'Content-Type: application/json' \
        -d "{\"email\":\"$(printf "$USER_FORMAT" "$user")\",\"password\":\"$PASSWORD\"}" | jq -er .refreshToken
    fi >>"$2" || die "issuing a $1 token for user $user failed"
  done
}

# Trains the AOT cache RESULTS_DIR/aot-NAME: a JVM of up.sh's options that records, given the
# workload (see CACHES), then stopped by SIGTERM; the cache is written as it exits.
train_cache() { # name workload
  local name=$1 workload=$2 op pool
  VARIANT_training="$MEMORY_OPTS -XX:AOTCacheOutput=$RESULTS_DIR/aot-$name"
  # Trained to readiness, it must not see the login that tells the gateway routes to it.
  restart_passport training "$([[ $workload == ready ]] && echo false || echo true)"
  for op in ${workload//+/ }; do
    [[ $op != ready ]] || continue
    pool=/dev/null
    if [[ $op == me ]]; then pool=$WORK/pool-train-$name; issue_pool access "$pool"; fi
    if [[ $op == refresh ]]; then pool=$WORK/pool-train-$name; issue_pool refresh "$pool"; fi
    SYSTEM=suite OP=$op POOL=$pool POOL_OUT= API_KEY=$API_KEY PASSWORD=$PASSWORD USER_COUNT=$USERS USER_FORMAT=$USER_FORMAT \
      wrk -t1 -c"$CONNS" -d"${TRAIN_SECONDS}s" --timeout 10s -s "$BENCH_DIR/keycloak-compare.lua" "$SUITE_URL" >"$WORK/train-$name-$op.txt" 2>&1 \
      || { cat "$WORK/train-$name-$op.txt"; die "wrk failed while training $name"; }
  done
  kill -TERM "$PASSPORT_PID"
  for _ in $(seq 1 600); do kill -0 "$PASSPORT_PID" 2>/dev/null || break; sleep 0.2; done
  [[ -s $RESULTS_DIR/aot-$name ]] || die "no AOT cache written for $name (see $SUITE_RUN_DIR/logs/passport-service.out)"
  say "trained AOT cache $name ($workload): $(du -h "$RESULTS_DIR/aot-$name" | cut -f1)"
}
for entry in $CACHES; do train_cache "${entry%%:*}" "${entry#*:}"; done

TCK=$(getconf CLK_TCK)
ticks() { awk '{print $14 + $15}' "/proc/$PASSPORT_PID/stat"; }
POINTS=$RESULTS_DIR/points.tsv
printf 'round\tvariant\tready_ms\twindow\top\tgood_per_s\tp50_ms\tp99_ms\tbad\tpassport_cpu_ms_per_answer\tload1\n' >"$POINTS"

for ((round = 1; round <= ROUNDS; round++)); do
  for variant in $VARIANTS; do
    restart_passport "$variant"
    say "round $round $variant: ready in $READY_MS ms"
    window=0
    for spec in $WINDOWS; do
      op=${spec%%:*} seconds=${spec#*:}
      pool=/dev/null
      # Pools are issued before the window's clock starts; their logins are part of every
      # variant's history alike.
      if [[ $op == me && ! -s $WORK/pool-me-$round-$variant ]]; then issue_pool access "$WORK/pool-me-$round-$variant"; fi
      if [[ $op == refresh && ! -s $WORK/pool-refresh-$round-$variant ]]; then issue_pool refresh "$WORK/pool-refresh-$round-$variant"; fi
      [[ $op == login ]] || pool=$WORK/pool-$op-$round-$variant
      out=$WORK/wrk-$round-$variant-$window.txt
      t0=$(ticks)
      SYSTEM=suite OP=$op POOL=$pool POOL_OUT=$([[ $op == refresh ]] && echo "$pool.left") API_KEY=$API_KEY PASSWORD=$PASSWORD \
        USER_COUNT=$USERS USER_FORMAT=$USER_FORMAT \
        wrk -t1 -c"$CONNS" -d"${seconds}s" --timeout 10s --latency -s "$BENCH_DIR/keycloak-compare.lua" "$SUITE_URL" >"$out" 2>&1 \
        || { cat "$out"; die "wrk failed"; }
      t1=$(ticks)
      [[ $op != refresh ]] || mv "$pool.left" "$pool"
      result=$(grep '^RESULT' "$out" | cut -f2-) || { cat "$out"; die "no result from wrk"; }
      # RESULT: requests seconds good_per_s p50_ms p99_ms bad socket_errors
      line=$(awk -F'\t' -v r="$round" -v v="$variant" -v ready="$READY_MS" -v w="$window" -v op="$op" -v dt=$((t1 - t0)) -v tck="$TCK" \
        -v load1="$(cut -d' ' -f1 /proc/loadavg)" \
        '{good = $3 * $2; printf "%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%.2f\t%s\n", r, v, ready, w, op, $3, $4, $5, $6, (good > 0 ? dt * 1000 / tck / good : 0), load1}' <<<"$result")
      printf '%s\n' "$line" >>"$POINTS"
      say "  window $window $op: $(awk -F'\t' '{printf "%s/s, p50 %s ms, p99 %s ms, bad %s, passport CPU %s ms per answer", $6, $7, $8, $9, $10}' <<<"$line")"
      window=$((window + 1))
    done
  done
done

# --- summary: per variant and window, median [range] over the rounds ------------------------------
{
  echo
  echo "## passport JVM options, $(date -u +%Y-%m-%d), $(nproc) cores, load average now $(loadavg), $ROUNDS rounds, $CONNS connections"
  echo
  printf '| window | op |'; for v in $VARIANTS; do printf ' %s: answers/s | %s: passport CPU ms/answer |' "$v" "$v"; done; echo
  printf '|---|---|'; for _ in $VARIANTS; do printf -- '---|---|'; done; echo
  window=0
  for spec in $WINDOWS; do
    printf '| %s | %s |' "$window" "${spec%%:*}"
    for v in $VARIANTS; do
      for col in 6 10; do
        values=$(awk -F'\t' -v v="$v" -v w="$window" -v c="$col" 'NR > 1 && $2 == v && $4 == w {print $c}' "$POINTS")
        printf ' %s [%s] |' "$(median <<<"$values")" "$(range <<<"$values")"
      done
    done
    echo
    window=$((window + 1))
  done
  printf '| ready ms | |'
  for v in $VARIANTS; do
    values=$(awk -F'\t' -v v="$v" 'NR > 1 && $2 == v && $4 == 0 {print $3}' "$POINTS")
    printf ' %s [%s] | |' "$(median <<<"$values")" "$(range <<<"$values")"
  done
  echo
} | tee "$RESULTS_DIR/summary.md"
