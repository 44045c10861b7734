#!/usr/bin/env bash
# Throughput and latency of passport-service's hot flows on this machine, in one run:
#   1. raw argon2id hash rate (BouncyCastle, the service's parameters, one thread per core)
#   2. POST /auth/v1/login throughput, and its ratio to (1)
#   3. POST /auth/v1/token/validate maximum throughput, then p99 latency at half that rate
#      and at half the goal's 5,000 req/s (open loop, fixed rate)
#   4. POST /api/auth/refresh throughput with K independent rotating token chains
# It starts its own passport-service on a fresh database, and removes both on exit.
# See bench/FLOWS.md for what each figure means and the results measured so far.
set -euo pipefail

BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$BENCH_DIR/.." && pwd)

JAVA_HOME=${JAVA_HOME_25:-/usr/lib/jvm/temurin-25-jdk-amd64}
JAVA=$JAVA_HOME/bin/java
JAVAC=$JAVA_HOME/bin/javac
JCMD=$JAVA_HOME/bin/jcmd
JSTAT=$JAVA_HOME/bin/jstat
JAR=${JAR:-$ROOT/passport-service/target/passport-service-0.1.0-SNAPSHOT.jar}
BCPROV=${BCPROV:-$HOME/.m2/repository/org/bouncycastle/bcprov-jdk18on/1.86/bcprov-jdk18on-1.86.jar}
PORT=${PORT:-18081}
PGHOST=${PGHOST:-127.0.0.1}
PGPORT=${PGPORT:-5432}
PGUSER=${PGUSER:-postgres}
export PGHOST PGPORT PGUSER

PASSPORT_JAVA_OPTS=${PASSPORT_JAVA_OPTS:--Xms256m -Xmx512m -XX:+UseSerialGC}
# The argon2 program runs with the same JIT flag and heap as the service.
ARGON2_JAVA_OPTS=${ARGON2_JAVA_OPTS:-$PASSPORT_JAVA_OPTS}
# Load generators written in Java (they allocate little; SerialGC keeps their CPU use low).
CLIENT_JAVA_OPTS=${CLIENT_JAVA_OPTS:--Xms256m -Xmx256m -XX:+UseSerialGC}

CORES=$(nproc)
ARGON2_THREADS=${ARGON2_THREADS:-$CORES}
ARGON2_WARMUP=${ARGON2_WARMUP:-5}
ARGON2_SECONDS=${ARGON2_SECONDS:-5}
ARGON2_REPS=${ARGON2_REPS:-3}
LOGIN_CONNECTIONS=${LOGIN_CONNECTIONS:-4}
# The login path outside the hash (MVC, JSON, JDBC, token signing) needs the JIT too: with C2
# alone (which the service ran before) it stayed interpreted for about three minutes at 50-60
# logins/s, about 7 ms of CPU per login on top of the hash (76 % of the raw rate after 30 s, 90 %
# after 150 s); tiered compilation compiles it with C1 within seconds. The warm-up stays as long,
# so that figures remain comparable with earlier runs.
LOGIN_WARMUP=${LOGIN_WARMUP:-150}
LOGIN_SECONDS=${LOGIN_SECONDS:-20}
VALIDATE_THREADS=${VALIDATE_THREADS:-2}
VALIDATE_CONNECTIONS=${VALIDATE_CONNECTIONS:-32}
VALIDATE_WARMUP=${VALIDATE_WARMUP:-15}
VALIDATE_SECONDS=${VALIDATE_SECONDS:-6}
VALIDATE_REPS=${VALIDATE_REPS:-3}
FIXED_WARMUP=${FIXED_WARMUP:-8}
FIXED_SECONDS=${FIXED_SECONDS:-12}
REFRESH_CHAINS=${REFRESH_CHAINS:-16}
REFRESH_WARMUP=${REFRESH_WARMUP:-10}
REFRESH_SECONDS=${REFRESH_SECONDS:-5}
REFRESH_REPS=${REFRESH_REPS:-3}
# PROFILE=1: after the measurements, a separate JFR recording of each service flow (not during
# the measured windows) and its hottest methods.
PROFILE=${PROFILE:-1}
PROFILE_SECONDS=${PROFILE_SECONDS:-8}
IDLE_WAIT_SECONDS=${IDLE_WAIT_SECONDS:-45}
IDLE_BUSY_PERCENT=${IDLE_BUSY_PERCENT:-20}
FIXED_CONNECTIONS=${FIXED_CONNECTIONS:-64}
# Keep the work directory (logs, JFR recordings) instead of deleting it.
KEEP_WORK=${KEEP_WORK:-0}

GOAL_LOGIN_RATIO=85
GOAL_VALIDATE_RPS=5000
GOAL_VALIDATE_P99_MS=5
GOAL_REFRESH_FACTOR=10

WORK=$(mktemp -d /tmp/passport-flows.XXXXXX)
DB=passport_bench_$(date +%s)_$$
BASE=http://127.0.0.1:$PORT
PASSPORT_PID=
GENERATOR_PID=
DB_CREATED=0

cleanup() {
    local status=$?
    set +e
    [[ -n $GENERATOR_PID ]] && kill "$GENERATOR_PID" 2>/dev/null
    if [[ -n $PASSPORT_PID ]] && kill -0 "$PASSPORT_PID" 2>/dev/null; then
        kill "$PASSPORT_PID"
        for _ in $(seq 1 30); do
            kill -0 "$PASSPORT_PID" 2>/dev/null || break
            sleep 0.5
        done
        kill -0 "$PASSPORT_PID" 2>/dev/null && kill -9 "$PASSPORT_PID"
        wait "$PASSPORT_PID" 2>/dev/null
    fi
    if [[ $DB_CREATED == 1 ]]; then
        psql -q -X -d postgres -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)" >/dev/null 2>&1 \
            && echo "dropped database $DB" || echo "could not drop database $DB" >&2
    fi
    if [[ $KEEP_WORK == 1 || $status != 0 ]]; then
        echo "work directory kept: $WORK"
        [[ $status != 0 && -f $WORK/passport.log ]] && { echo "--- last lines of passport.log"; tail -n 30 "$WORK/passport.log"; }
    else
        rm -rf "$WORK"
    fi
    exit $status
}
trap cleanup EXIT
trap 'exit 130' INT TERM

say() { printf '%s\n' "$*"; }
section() { printf '\n== %s\n' "$*"; }
loadavg() { cut -d' ' -f1-3 /proc/loadavg; }
die() { echo "error: $*" >&2; exit 1; }
alive() { kill -0 "$PASSPORT_PID" 2>/dev/null || die "passport-service is gone (log: $WORK/passport.log)"; }

# --- CPU accounting: how busy the machine was during a step, and who used it ---------------
TCK=$(getconf CLK_TCK)
machine_ticks() { awk '/^cpu /{print $2+$3+$4+$7+$8+$9, $2+$3+$4+$5+$6+$7+$8+$9}' /proc/stat; }
pid_ticks() { if [[ -n $1 && -r /proc/$1/stat ]]; then awk '{print $14 + $15}' "/proc/$1/stat"; else echo 0; fi; }
postgres_ticks() {
    local total=0 pid
    for pid in $(pgrep -u postgres postgres || true); do
        total=$((total + $(pid_ticks "$pid")))
    done
    echo "$total"
}
# CPU of the script's finished children (the load generators run in the foreground): the
# shell's own accounting, which `times` only reports when run in this shell, not a subshell.
children_ticks() {
    times >"$WORK/times"
    awk -v tck="$TCK" 'NR == 2 {
        split($1, u, /[ms]/); split($2, s, /[ms]/)
        printf "%d\n", ((u[1] * 60 + u[2]) + (s[1] * 60 + s[2])) * tck }' "$WORK/times"
}
gc_stats() { # the service's total GC pause time so far, in s, and number of collections (jstat)
    if [[ -n $PASSPORT_PID ]]; then
        "$JSTAT" -gcutil "$PASSPORT_PID" 2>/dev/null | awk 'NR == 2 {print $NF, $7 + $9}'
    else
        echo 0 0
    fi
}
CPU_START=
cpu_begin() {
    children_ticks >"$WORK/children"
    CPU_START="$(machine_ticks) $(pid_ticks "$PASSPORT_PID") $(postgres_ticks) $(cat "$WORK/children") $(date +%s%N) $(gc_stats)"
}
# Prints: machine busy %, passport %, postgres %, load generator %, everything else % (in % of
# one core; the machine has $CORES x 100 %), and the service's GC pauses during the step. Sets
# CPU_OTHER (other processes' %) and GC_SHARE (% of the step the service spent in GC pauses).
# Call it directly, not in $(...).
CPU_OTHER=0
GC_SHARE=0
cpu_end() {
    local end suffix=${1:-}
    children_ticks >"$WORK/children"
    end="$(machine_ticks) $(pid_ticks "$PASSPORT_PID") $(postgres_ticks) $(cat "$WORK/children") $(date +%s%N) $(gc_stats)"
    # shellcheck disable=SC2086
    set -- $CPU_START $end
    awk -v b0="$1" -v a0="$2" -v p0="$3" -v g0="$4" -v c0="$5" -v t0="$6" -v gc0="$7" -v gn0="$8" \
        -v b1="$9" -v a1="${10}" -v p1="${11}" -v g1="${12}" -v c1="${13}" -v t1="${14}" -v gc1="${15}" -v gn1="${16}" \
        -v cores="$CORES" -v tck="$TCK" -v suffix="$suffix" -v out="$WORK/cpu-step" 'BEGIN {
        secs = (t1 - t0) / 1e9; busy = (b1 - b0) / (a1 - a0) * 100 * cores
        pass = (p1 - p0) / tck / secs * 100; pg = (g1 - g0) / tck / secs * 100; gen = (c1 - c0) / tck / secs * 100
        other = busy - pass - pg - gen; if (other < 0) other = 0
        gc = (gc1 - gc0) / secs * 100
        printf "cpu (%% of one core, %d cores = %d%%): machine busy %.0f%%, passport %.0f%%, postgres %.0f%%, load generator %.0f%%, other processes %.0f%%%s\n",
            cores, cores * 100, busy, pass, pg, gen, other, suffix
        if (gc1 > 0) printf "passport GC pauses: %.2f s in %.0f s (%.0f%% of the time), %d collections, %.1f ms each on average\n",
            gc1 - gc0, secs, gc, gn1 - gn0, (gn1 > gn0 ? (gc1 - gc0) * 1000 / (gn1 - gn0) : 0)
        printf "%.0f %.0f\n", other, gc > out }'
    read -r CPU_OTHER GC_SHARE <"$WORK/cpu-step"
}

# Another engineer's build on the same 2 cores skews every figure. Before each step, wait (up to
# IDLE_WAIT_SECONDS for the whole run) until processes other than the service (whose JIT may
# still be compiling after the previous step) keep the machine below IDLE_BUSY_PERCENT busy.
IDLE_LEFT=$IDLE_WAIT_SECONDS
wait_idle() {
    local before after busy waited=0
    while true; do
        before="$(machine_ticks) $(pid_ticks "$PASSPORT_PID")"
        sleep 2
        after="$(machine_ticks) $(pid_ticks "$PASSPORT_PID")"
        busy=$(awk -v b="$before" -v a="$after" 'BEGIN {split(b, x, " "); split(a, y, " ")
            v = (y[1] - x[1] - (y[3] - x[3])) / (y[2] - x[2]) * 100; printf "%d", v < 0 ? 0 : v}')
        if (( busy <= IDLE_BUSY_PERCENT )); then
            (( waited > 0 )) && say "quiet after waiting ${waited} s (others ${busy}% busy)"
            return 0
        fi
        if (( IDLE_LEFT <= 0 )); then
            say "other processes keep the machine ${busy}% busy (load average $(loadavg)); measuring anyway"
            return 0
        fi
        (( waited == 0 )) && say "other processes keep the machine ${busy}% busy (load average $(loadavg)); waiting up to ${IDLE_LEFT} s"
        waited=$((waited + 2)); IDLE_LEFT=$((IDLE_LEFT - 2))
    done
}

# step_done NAME: keeps the load average, other processes' CPU and GC share of the step just ended
step_done() {
    printf -v "LOAD_$1" '%s' "$(loadavg)"
    printf -v "OTHER_$1" '%s' "$CPU_OTHER"
    printf -v "GC_$1" '%s' "$GC_SHARE"
    say "load average: $(loadavg)"
}
median() { sort -g | awk '{v[NR] = $1} END { if (NR == 0) print 0; else if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
field() { sed -n "s/.*[ ]$1=\([^ ]*\).*/\1/p"; }

# --- prerequisites ---------------------------------------------------------------------------
[[ -x $JAVA ]] || die "no JDK 25 at $JAVA_HOME (set JAVA_HOME_25)"
[[ -f $BCPROV ]] || die "no BouncyCastle jar at $BCPROV"
if ! command -v wrk >/dev/null; then
    say "installing wrk"
    apt-get update -qq && apt-get install -y -qq wrk >/dev/null
fi
if [[ ! -f $JAR ]]; then
    say "building $JAR"
    (cd "$ROOT" && JAVA_HOME=$JAVA_HOME ./mvnw -B -q -o -pl passport-service -DskipTests package)
fi
"$JAVAC" -nowarn -d "$WORK/classes" -cp "$BCPROV" "$BENCH_DIR/Argon2Rate.java" "$BENCH_DIR/FixedRate.java" "$BENCH_DIR/RefreshChains.java" "$BENCH_DIR/SocketHttp.java" "$BENCH_DIR/ProcessCpu.java"

section "machine"
say "$CORES cores, $(awk '/MemTotal/ {printf "%.1f GiB", $2 / 1048576}' /proc/meminfo), $(. /etc/os-release && echo "$PRETTY_NAME"), $(uname -r)"
say "cpu: $(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo)"
say "java: $("$JAVA" -version 2>&1 | head -n 1); wrk: $(wrk -v 2>&1 | head -n 1 | cut -d' ' -f1-2)"
say "passport flags: $PASSPORT_JAVA_OPTS"
say "argon2 flags:   $ARGON2_JAVA_OPTS"
say "client flags:   $CLIENT_JAVA_OPTS"
say "load average at start: $(loadavg)"
RUN_START=$(date +%s)

# --- 1. raw argon2id -------------------------------------------------------------------------
section "1. raw argon2id hash rate ($ARGON2_THREADS threads)"
wait_idle
cpu_begin
# shellcheck disable=SC2086
"$JAVA" $ARGON2_JAVA_OPTS -cp "$WORK/classes:$BCPROV" Argon2Rate "$ARGON2_THREADS" "$ARGON2_WARMUP" "$ARGON2_SECONDS" "$ARGON2_REPS" \
    | tee "$WORK/argon2.txt"
cpu_end
step_done ARGON2
ARGON2_RATE=$(grep '^RESULT' "$WORK/argon2.txt" | field hashes_per_s)

# --- start passport-service ------------------------------------------------------------------
section "starting passport-service on a fresh database ($DB)"
if curl -s -o /dev/null --max-time 2 "$BASE/"; then
    die "something already listens on port $PORT (set PORT)"
fi
psql -q -X -v ON_ERROR_STOP=1 -d postgres -c "CREATE DATABASE $DB" >/dev/null
DB_CREATED=1
CREDENTIAL=$(head -c 32 /dev/urandom | base64 | tr -d '/+=')
mkdir -p "$WORK/logs"
(
    cd "$WORK"
    # shellcheck disable=SC2086
    PASSPORT_KEY_ENCRYPTION_KEY=$(head -c 32 /dev/urandom | base64) SUITE_INTERNAL_CREDENTIAL=$CREDENTIAL \
        LOG_DIR=$WORK/logs LOG_CONSOLE_FORMAT= \
        exec "$JAVA" $PASSPORT_JAVA_OPTS -jar "$JAR" --server.port="$PORT" \
        --eureka.client.enabled=false --spring.cloud.discovery.enabled=false \
        --spring.datasource.url="jdbc:postgresql://$PGHOST:$PGPORT/$DB" --spring.datasource.username="$PGUSER" \
        --spring.kafka.bootstrap-servers=127.0.0.1:1 --passport.outbox.enabled=false
) >"$WORK/passport.log" 2>&1 &
PASSPORT_PID=$!
STARTED=$(date +%s%N)
until [[ $(curl -s -o /dev/null -w '%{http_code}' "$BASE/actuator/health/readiness") == 200 ]]; do
    kill -0 "$PASSPORT_PID" 2>/dev/null || die "passport-service exited during startup (log: $WORK/passport.log)"
    (( $(date +%s%N) - STARTED < 240000000000 )) || die "passport-service not ready after 240 s"
    sleep 0.5
done
say "ready in $(( ($(date +%s%N) - STARTED) / 1000000 )) ms (pid $PASSPORT_PID)"

source "$BENCH_DIR/http.sh"

post /internal/apps '{"app_id":"bench","name":"Bench"}' -H "X-Passport-Internal-Credential: $CREDENTIAL" >/dev/null
API_KEY=$(post /internal/apps/bench/api-keys '{}' -H "X-Passport-Internal-Credential: $CREDENTIAL" | json api_key)
[[ -n $API_KEY ]] || die "no api_key"
post /auth/v1/register '{"nickname":"n","password":"password123","contact_type":"email","contact":"u1@example.com","app_id":"bench"}' \
    -H "Authorization: Bearer $API_KEY" >/dev/null
LOGIN_BODY='{"contact_type":"email","contact":"u1@example.com","password":"password123","app_id":"bench"}'
ACCESS_TOKEN=$(post /auth/v1/login "$LOGIN_BODY" -H "Authorization: Bearer $API_KEY" | json access_token)
[[ -n $ACCESS_TOKEN ]] || die "login gave no access_token"
VALIDATE_BODY="{\"token\":\"$ACCESS_TOKEN\"}"
post /auth/v1/token/validate "$VALIDATE_BODY" -H "Authorization: Bearer $API_KEY" | grep -q '"userId"' \
    || die "token/validate did not answer a userId"
say "app bench, API key, account u1@example.com: login and token/validate answer as expected"

wrk_script() { # file body
    cat >"$1" <<EOF
wrk.method = "POST"
wrk.body = '$2'
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer $API_KEY"
EOF
}
wrk_script "$WORK/login.lua" "$LOGIN_BODY"
wrk_script "$WORK/validate.lua" "$VALIDATE_BODY"

# wrk_run label threads connections seconds script url -> prints wrk's report; the caller reads it
wrk_run() {
    local label=$1 threads=$2 connections=$3 seconds=$4 script=$5 url=$6 out=$WORK/wrk-$1.txt
    wrk -t"$threads" -c"$connections" -d"${seconds}s" --timeout 10s --latency -s "$script" "$url" >"$out"
    local rps non2xx errors p50 p99
    rps=$(awk '/^Requests\/sec/ {print $2}' "$out")
    non2xx=$(awk '/Non-2xx/ {print $NF}' "$out"); non2xx=${non2xx:-0}
    errors=$(awk '/Socket errors/ {print}' "$out" | sed 's/^ *//'); errors=${errors:-none}
    p50=$(awk '$1 == "50%" {print $2}' "$out")
    p99=$(awk '$1 == "99%" {print $2}' "$out")
    printf '  %-10s %s req/s, non-2xx %s, socket errors: %s; latency p50 %s, p99 %s\n' "$label" "$rps" "$non2xx" "$errors" "$p50" "$p99"
    echo "$rps" >"$WORK/rps-$label"
    if [[ $non2xx != 0 ]]; then
        die "$label: $non2xx non-2xx answers"
    fi
}

# The service's DB pool: total time requests waited for a connection, and how many waits
pool_waits() {
    curl -s "$BASE/actuator/prometheus" | awk '
        /^hikaricp_connections_acquire_seconds_sum/ {sum += $NF}
        /^hikaricp_connections_acquire_seconds_count/ {count += $NF}
        END {printf "%s %s\n", sum + 0, count + 0}'
}
pool_report() { # before after
    awk -v b="$1" -v a="$2" 'BEGIN {split(b, x, " "); split(a, y, " "); n = y[2] - x[2]
        if (n > 0) printf "DB pool (10 connections): %d connection checkouts, mean wait %.3f ms\n", n, (y[1] - x[1]) * 1000 / n}'
}

# --- 2. login --------------------------------------------------------------------------------
section "2. POST /auth/v1/login, wrk 2 threads x $LOGIN_CONNECTIONS connections"
alive
wait_idle
wrk_run login-warm 2 "$LOGIN_CONNECTIONS" "$LOGIN_WARMUP" "$WORK/login.lua" "$BASE/auth/v1/login"
cpu_begin
wrk_run login 2 "$LOGIN_CONNECTIONS" "$LOGIN_SECONDS" "$WORK/login.lua" "$BASE/auth/v1/login"
cpu_end
step_done LOGIN
LOGIN_RATE=$(cat "$WORK/rps-login")
LOGIN_RATIO=$(awk -v l="$LOGIN_RATE" -v a="$ARGON2_RATE" 'BEGIN {printf "%.0f", l / a * 100}')
say "login ${LOGIN_RATE}/s = ${LOGIN_RATIO}% of the raw argon2id rate ${ARGON2_RATE}/s (goal >= ${GOAL_LOGIN_RATIO}%)"

# --- 3. token/validate -----------------------------------------------------------------------
section "3a. POST /auth/v1/token/validate, wrk $VALIDATE_THREADS threads x $VALIDATE_CONNECTIONS connections"
alive
wait_idle
wrk_run validate-warm "$VALIDATE_THREADS" "$VALIDATE_CONNECTIONS" "$VALIDATE_WARMUP" "$WORK/validate.lua" "$BASE/auth/v1/token/validate"
cpu_begin
POOL_BEFORE=$(pool_waits)
for rep in $(seq 1 "$VALIDATE_REPS"); do
    wrk_run "validate-$rep" "$VALIDATE_THREADS" "$VALIDATE_CONNECTIONS" "$VALIDATE_SECONDS" "$WORK/validate.lua" "$BASE/auth/v1/token/validate"
done
cpu_end
pool_report "$POOL_BEFORE" "$(pool_waits)"
step_done VALIDATE
VALIDATE_RATE=$(cat "$WORK"/rps-validate-[0-9]* | median)
say "validate maximum: median ${VALIDATE_RATE} req/s over $VALIDATE_REPS x ${VALIDATE_SECONDS} s (goal >= $GOAL_VALIDATE_RPS)"

FIXED_RATE=$(awk -v r="$VALIDATE_RATE" 'BEGIN {printf "%d", r / 2}')
server_histogram() { # uri -> "le count" lines of the service's request-time histogram, summed over tags
    curl -s "$BASE/actuator/prometheus" | awk -v uri="uri=\"$1\"" '
        /^http_server_requests_seconds_bucket\{/ && index($0, uri) {
            le = $0; sub(/.*le="/, "", le); sub(/".*/, "", le); if (le == "+Inf") le = 1e9
            count[sprintf("%.9f", le)] += $NF }
        END { for (le in count) print le, count[le] }' | sort -k1,1
}
server_percentiles() { # before after -> "p50_ms p99_ms count" of the requests counted in between
    join "$1" "$2" | sort -g | awk '{le[NR] = $1; d[NR] = $3 - $2} END {
        total = d[NR]; p50 = ""; p99 = ""
        for (i = 1; i <= NR; i++) {
            if (p50 == "" && d[i] >= 0.50 * total) p50 = le[i] * 1000
            if (p99 == "" && d[i] >= 0.99 * total) p99 = le[i] * 1000
        }
        printf "%.2f %.2f %d\n", p50, p99, total }'
}
# fixed_rate label transport threads rate: open-loop token/validate at a fixed rate; sets P99_<label> etc.
fixed_rate() {
    local label=$1 transport=$2 threads=$3 rate=$4 out=$WORK/fixed-$1.txt result server
    alive
    wait_idle
    cpu_begin
    local pool0=
    (( FIXED_WARMUP > 0 )) || { server_histogram /auth/v1/token/validate >"$WORK/histogram-$label-0"; pool0=$(pool_waits); }
    # In the background, so that the service's own histogram can be read when the warm-up ends.
    # shellcheck disable=SC2086
    "$JAVA" $CLIENT_JAVA_OPTS -Dconnections="$FIXED_CONNECTIONS" -Dtransport="$transport" -Dthreads="$threads" \
        -cp "$WORK/classes" FixedRate "$BASE/auth/v1/token/validate" "$rate" "$FIXED_SECONDS" "$FIXED_WARMUP" \
        "$VALIDATE_BODY" "Authorization: Bearer $API_KEY" >"$out" &
    GENERATOR_PID=$!
    if (( FIXED_WARMUP > 0 )); then
        until grep -q 'warm-up  latency' "$out" || ! kill -0 "$GENERATOR_PID" 2>/dev/null; do
            sleep 0.05
        done
        server_histogram /auth/v1/token/validate >"$WORK/histogram-$label-0"
        pool0=$(pool_waits)
    fi
    wait "$GENERATOR_PID" || die "fixed-rate generator failed: $(cat "$out")"
    GENERATOR_PID=
    server_histogram /auth/v1/token/validate >"$WORK/histogram-$label-1"
    local pool1
    pool1=$(pool_waits)
    cat "$out"
    server=$(server_percentiles "$WORK/histogram-$label-0" "$WORK/histogram-$label-1")
    say "  the service's own view (Micrometer http.server.requests, from its filter chain in to response out;"
    say "  1 ms is the smallest bucket): $(awk '{printf "p50 <= %s ms, p99 <= %s ms over %d requests", $1, $2, $3}' <<<"$server")"
    printf -v "SERVERP99_$label" '%s' "$(awk '{print $2}' <<<"$server")"
    pool_report "$pool0" "$pool1"
    cpu_end
    step_done "$label"
    result=$(grep '^RESULT' "$out")
    printf -v "P99_$label" '%s' "$(field p99_ms <<<"$result")"
    printf -v "ACHIEVED_$label" '%s' "$(field achieved <<<"$result")"
    printf -v "GENCPU_$label" '%s' "$(field generator_cpu_pct <<<"$result")"
    printf -v "DELAY_$label" '%s' "$(field send_delay_p99_ms <<<"$result")"
    [[ $(field errors <<<"$result") == 0 && $(field non2xx <<<"$result") == 0 ]] || die "fixed-rate $label: failed requests"
}
section "3b. token/validate open loop at half the maximum, $FIXED_RATE req/s for $FIXED_SECONDS s: java.net.http.HttpClient on virtual threads"
fixed_rate HC httpclient virtual "$FIXED_RATE"
section "3c. the same with a lean generator (plain sockets on platform threads): less of the 2 cores taken from the service"
fixed_rate SOCK socket platform "$FIXED_RATE"
# The goal's own half-load point: p99 at half the required maximum, whatever this machine's maximum is.
GOAL_HALF_RATE=$((GOAL_VALIDATE_RPS / 2))
section "3d. token/validate open loop at half the goal's rate, $GOAL_HALF_RATE req/s for $FIXED_SECONDS s: plain sockets"
fixed_rate GOAL socket platform "$GOAL_HALF_RATE"

# --- 4. refresh ------------------------------------------------------------------------------
section "4. POST /api/auth/refresh, $REFRESH_CHAINS rotating token chains (closed loop)"
alive
wait_idle
cpu_begin
# shellcheck disable=SC2086
"$JAVA" $CLIENT_JAVA_OPTS -cp "$WORK/classes" RefreshChains "$BASE" "$REFRESH_CHAINS" "$REFRESH_WARMUP" "$REFRESH_SECONDS" "$REFRESH_REPS" \
    | tee "$WORK/refresh.txt"
cpu_end " (includes registering the accounts)"
step_done REFRESH
REFRESH_RESULT=$(grep '^RESULT' "$WORK/refresh.txt")
REFRESH_RATE=$(field median_rps <<<"$REFRESH_RESULT")
REFRESH_FACTOR=$(awk -v r="$REFRESH_RATE" -v l="$LOGIN_RATE" 'BEGIN {printf "%.1f", r / l}')

# --- profiles --------------------------------------------------------------------------------
# Frames of the servlet container, Spring MVC dispatch, reflection and thread plumbing: on nearly
# every stack, they hide the frames that tell where the time goes.
PLUMBING='^ *[0-9.]+%  (org\.apache\.(catalina|coyote|tomcat)|jakarta\.servlet|org\.springframework\.web\.(servlet|filter|method)|java\.lang\.reflect|jdk\.internal\.reflect|java\.lang\.(Thread|VirtualThread)|jdk\.internal\.vm\.Continuation|java\.util\.concurrent\.(ThreadPoolExecutor|ForkJoin)|org\.springframework\.aop)'
profile() { # name, seconds to wait before recording, then the load command
    local name=$1 delay=$2 file=$WORK/$1.jfr
    shift 2
    alive
    wait_idle
    local options=(name="$name" settings=profile method-profiling=max filename="$file")
    (( delay > 0 )) && options+=(delay="${delay}s")
    "$JCMD" "$PASSPORT_PID" JFR.start "${options[@]}" >"$WORK/jfr-start.txt" \
        && grep -q -i 'started\|scheduled' "$WORK/jfr-start.txt" || die "JFR.start failed: $(cat "$WORK/jfr-start.txt")"
    cpu_begin
    "$@" >/dev/null
    cpu_end
    "$JCMD" "$PASSPORT_PID" JFR.stop name="$name" >/dev/null
    say "-- $name:"
    JAVA_HOME=$JAVA_HOME "$BENCH_DIR/jfr-summary.sh" "$file" "$PLUMBING"
}
if [[ $PROFILE == 1 ]]; then
    section "profiles (separate ${PROFILE_SECONDS} s runs after the measurements)"
    profile login 0 wrk -t2 -c"$LOGIN_CONNECTIONS" -d"${PROFILE_SECONDS}s" -s "$WORK/login.lua" "$BASE/auth/v1/login"
    profile validate 0 wrk -t"$VALIDATE_THREADS" -c"$VALIDATE_CONNECTIONS" -d"${PROFILE_SECONDS}s" -s "$WORK/validate.lua" "$BASE/auth/v1/token/validate"
    # Recording starts 3 s in, after the chains' accounts are registered (a password hash each).
    # shellcheck disable=SC2086
    profile refresh 3 "$JAVA" $CLIENT_JAVA_OPTS -cp "$WORK/classes" RefreshChains "$BASE" "$REFRESH_CHAINS" 3 "$PROFILE_SECONDS" 1
fi

# --- summary ---------------------------------------------------------------------------------
verdict() { if awk "BEGIN {exit !($1)}"; then echo met; else echo MISSED; fi; }
row() { printf '%-46s %-30s %-9s %-7s %-16s %-7s %s\n' "$@"; }
step_row() { # measure value goal verdict STEP
    local load=LOAD_$5 other=OTHER_$5 gc=GC_$5
    row "$1" "$2" "$3" "$4" "${!load}" "${!other}%" "$([[ $5 == ARGON2 ]] && echo - || echo "${!gc}%")"
}
section "summary ($CORES cores; $(( $(date +%s) - RUN_START )) s; load average now $(loadavg))"
row "measure" "value" "goal" "verdict" "load avg after" "others" "GC"
step_row "argon2id raw, $ARGON2_THREADS threads (median)" "$ARGON2_RATE/s" "-" "-" ARGON2
step_row "login, wrk 2x$LOGIN_CONNECTIONS" "$LOGIN_RATE/s" "-" "-" LOGIN
row "login / argon2id raw" "$LOGIN_RATIO %" ">= $GOAL_LOGIN_RATIO %" "$(verdict "$LOGIN_RATIO >= $GOAL_LOGIN_RATIO")" "" "" ""
step_row "token/validate max, wrk ${VALIDATE_THREADS}x$VALIDATE_CONNECTIONS (median)" "$VALIDATE_RATE/s" ">= $GOAL_VALIDATE_RPS" \
    "$(verdict "$VALIDATE_RATE >= $GOAL_VALIDATE_RPS")" VALIDATE
step_row "validate p99 at $FIXED_RATE/s, HttpClient (gen ${GENCPU_HC}%)" "$P99_HC ms (d ${DELAY_HC}, s ${SERVERP99_HC})" "< $GOAL_VALIDATE_P99_MS ms" \
    "$(verdict "$P99_HC < $GOAL_VALIDATE_P99_MS")" HC
step_row "validate p99 at $FIXED_RATE/s, socket (gen ${GENCPU_SOCK}%)" "$P99_SOCK ms (d ${DELAY_SOCK}, s ${SERVERP99_SOCK})" "< $GOAL_VALIDATE_P99_MS ms" \
    "$(verdict "$P99_SOCK < $GOAL_VALIDATE_P99_MS")" SOCK
step_row "validate p99 at $GOAL_HALF_RATE/s, socket (gen ${GENCPU_GOAL}%)" "$P99_GOAL ms (d ${DELAY_GOAL}, s ${SERVERP99_GOAL})" "< $GOAL_VALIDATE_P99_MS ms" \
    "$(verdict "$P99_GOAL < $GOAL_VALIDATE_P99_MS")" GOAL
step_row "refresh, $REFRESH_CHAINS chains (median)" "$REFRESH_RATE/s" "-" "-" REFRESH
row "refresh / login" "${REFRESH_FACTOR}x" ">= ${GOAL_REFRESH_FACTOR}x" "$(verdict "$REFRESH_FACTOR >= $GOAL_REFRESH_FACTOR")" "" "" ""
say "(others: CPU of processes other than the service, postgres and the load generator during the step, in % of one core;"
say " GC: share of the step the service spent in GC pauses; gen: the fixed-rate generator's own CPU, % of one core;"
say " d: p99 of how late the generator started sending, in ms, included in the p99 before it;"
say " s: p99 upper bound in ms as the service's own request-time histogram saw it)"
