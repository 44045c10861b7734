#!/usr/bin/env bash
# Does a password-reset request tell, by its timing, whether an account exists? Starts its own
# passport-service on a fresh database, registers ACCOUNTS accounts, then REPS times sends
# POST /auth/forgot-password for a known and an unknown address alternately (each address once,
# each request from its own client address so no cap interferes) and reports, per run and as the
# median [range] over runs, the median and p90 answer time of each kind and the difference.
set -euo pipefail

cd "$(dirname "$0")/.."
source bench/start-passport.sh
source bench/http.sh
select_bench_jdk

PORT=${PORT:-18381}
REPS=${REPS:-3}
PER_RUN=${PER_RUN:-100}                 # requests of each kind per run
WARMUP_REQUESTS=${WARMUP_REQUESTS:-200} # of each kind, not measured
PASSPORT_JAVA_OPTS=${PASSPORT_JAVA_OPTS:--Xms256m -Xmx512m -XX:+UseSerialGC}
bench_workspace
BASE=http://127.0.0.1:$PORT
ACCOUNTS=$((WARMUP_REQUESTS + REPS * PER_RUN))

JAR=$(jar passport-service)
pids=()
trap stop_bench EXIT
trap 'exit 130' INT TERM
# shellcheck disable=SC2086 # the options are a list
start_passport "$JAR" "$PORT" "$CREDENTIAL" "$WORK/logs" "$WORK/service.log" $PASSPORT_JAVA_OPTS || exit 1

echo "registering $ACCOUNTS accounts..."
for i in $(seq 1 "$ACCOUNTS"); do
    post /api/auth/register "{\"email\":\"known$i@example.com\",\"password\":\"bench-password-1\"}" >/dev/null
done

request=0
forgot() { # email -> seconds to the answer; each request from its own client address
    request=$((request + 1))
    curl -s -o /dev/null -w '%{time_total}\n' -X POST -H 'Content-Type: application/json' \
        -H "X-Passport-Internal-Credential: $CREDENTIAL" -H "X-Passport-Client-Ip: 10.$((request / 65536 % 256)).$((request / 256 % 256)).$((request % 256))" \
        -d "{\"identifier\":\"$1\"}" "$BASE/auth/forgot-password"
}
quantile() { # q file -> value in ms
    sort -g "$2" | awk -v q="$1" '{v[NR] = $1} END {i = int(q * NR + 0.5); if (i < 1) i = 1; printf "%.3f", v[i] * 1000}'
}
stats() { # values... -> "median [min-max]"
    printf '%s\n' "$@" | sort -g | awk '{v[NR] = $1} END {
        m = NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2; printf "%.3f [%.3f-%.3f]", m, v[1], v[NR] }'
}

next=1
echo "warming up with $WARMUP_REQUESTS requests of each kind..."
for _ in $(seq 1 "$WARMUP_REQUESTS"); do
    forgot "known$next@example.com" >/dev/null
    forgot "nobody$next@example.com" >/dev/null
    next=$((next + 1))
done

known_p50=() unknown_p50=() known_p90=() unknown_p90=() diff_p50=()
for rep in $(seq 1 "$REPS"); do
    : >"$WORK/known" && : >"$WORK/unknown"
    for _ in $(seq 1 "$PER_RUN"); do
        forgot "known$next@example.com" >>"$WORK/known"
        forgot "nobody$next@example.com" >>"$WORK/unknown"
        next=$((next + 1))
    done
    known_p50+=("$(quantile 0.5 "$WORK/known")") unknown_p50+=("$(quantile 0.5 "$WORK/unknown")")
    known_p90+=("$(quantile 0.9 "$WORK/known")") unknown_p90+=("$(quantile 0.9 "$WORK/unknown")")
    diff_p50+=("$(awk -v k="${known_p50[-1]}" -v u="${unknown_p50[-1]}" 'BEGIN {printf "%.3f", k - u}')")
    echo "run $rep: known p50 ${known_p50[-1]} ms p90 ${known_p90[-1]} ms; unknown p50 ${unknown_p50[-1]} ms p90 ${unknown_p90[-1]} ms"
done
echo "median [range] of $REPS runs of $PER_RUN each, ms: known p50 $(stats "${known_p50[@]}"), unknown p50 $(stats "${unknown_p50[@]}"),"
echo "  known minus unknown p50 $(stats "${diff_p50[@]}"); p90 known $(stats "${known_p90[@]}"), unknown $(stats "${unknown_p90[@]}")"
