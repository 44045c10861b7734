#!/usr/bin/env bash
# Token validation while logins saturate password hashing. Starts its own passport-service on a
# fresh database, then REPS times, alternately:
#   quiet:     POST /auth/v1/token/validate at a fixed RATE (open loop), nothing else running
#   saturated: the same, while wrk sends logins on LOGIN_CONNECTIONS connections, far more than
#              the hash slots plus the waiting line (passport.password.hashing.*) admit
# and reports validate's p99 (median and range over the runs) for both, the logins' rate and
# how many were answered 503. See bench/README.md for the figures measured so far.
set -euo pipefail

cd "$(dirname "$0")/.."
source bench/start-passport.sh
select_bench_jdk

PORT=${PORT:-18281}
REPS=${REPS:-3}
RATE=${RATE:-1000}                    # validate requests per second
SECONDS_PER_RUN=${SECONDS_PER_RUN:-10}
WARMUP=${WARMUP:-30}                  # seconds of both loads before the first measured run
LOGIN_CONNECTIONS=${LOGIN_CONNECTIONS:-64}
VALIDATE_CONNECTIONS=${VALIDATE_CONNECTIONS:-32}
# passport: the loads go straight to passport-service; gateway: through a gateway in front of it,
# as a user meets the suite (its rate limits raised: every login comes from this one address).
THROUGH=${THROUGH:-passport}
GATEWAY_PORT=${GATEWAY_PORT:-18280}
GATEWAY_JAVA_OPTS=${GATEWAY_JAVA_OPTS:--Xms128m -Xmx256m}
# As in passport-flows.sh: the service runs the way it ships, without tiered compilation.
PASSPORT_JAVA_OPTS=${PASSPORT_JAVA_OPTS:--Xms256m -Xmx512m -XX:+UseSerialGC}
bench_workspace
BASE=http://127.0.0.1:$PORT

command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk" >&2; exit 1; }
JAR=$(jar passport-service)

pids=()
trap stop_bench EXIT
trap 'exit 130' INT TERM
"$JAVA_HOME/bin/javac" -d "$WORK/classes" bench/FixedRate.java bench/SocketHttp.java bench/ProcessCpu.java
# shellcheck disable=SC2086 # the options are a list
start_passport "$JAR" "$PORT" "$CREDENTIAL" "$WORK/logs" "$WORK/service.log" $PASSPORT_JAVA_OPTS || exit 1

source bench/http.sh
post /internal/apps '{"app_id":"bench","name":"Bench"}' -H "X-Passport-Internal-Credential: $CREDENTIAL" >/dev/null
API_KEY=$(post /internal/apps/bench/api-keys '{}' -H "X-Passport-Internal-Credential: $CREDENTIAL" | json api_key)
post /auth/v1/register '{"nickname":"n","password":"password123","contact_type":"email","contact":"u1@example.com","app_id":"bench"}' \
    -H "Authorization: Bearer $API_KEY" >/dev/null
LOGIN_BODY='{"contact_type":"email","contact":"u1@example.com","password":"password123","app_id":"bench"}'
TOKEN=$(post /auth/v1/login "$LOGIN_BODY" -H "Authorization: Bearer $API_KEY" | json access_token)
[[ -n $TOKEN ]] || { echo "login gave no access_token" >&2; exit 1; }
VALIDATE_BODY="{\"token\":\"$TOKEN\"}"
TARGET=$BASE
if [[ $THROUGH == gateway ]]; then
    # shellcheck disable=SC2086 # the options are a list
    GATEWAY_APP_BACKEND_LIMIT_PER_IP=100000000 start_gateway "$(jar gateway)" "$GATEWAY_PORT" "$PORT" "$CREDENTIAL" "$WORK/logs" \
        "$WORK/gateway.log" $GATEWAY_JAVA_OPTS
    TARGET=http://127.0.0.1:$GATEWAY_PORT
    for _ in $(seq 1 120); do
        [[ $(curl -s -o /dev/null -w '%{http_code}' -X POST -H 'Content-Type: application/json' -H "Authorization: Bearer $API_KEY" \
            -d "$VALIDATE_BODY" "$TARGET/auth/v1/token/validate") == 200 ]] && break
        sleep 1
    done
    [[ $(curl -s -o /dev/null -w '%{http_code}' -X POST -H 'Content-Type: application/json' -H "Authorization: Bearer $API_KEY" \
        -d "$VALIDATE_BODY" "$TARGET/auth/v1/token/validate") == 200 ]] || { echo "the gateway did not come up:" >&2; tail -20 "$WORK/gateway.log" >&2; exit 1; }
fi
cat >"$WORK/login.lua" <<LUA
wrk.method = "POST"
wrk.body = '$LOGIN_BODY'
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer $API_KEY"
LUA

validate() { # seconds warmup -> FixedRate's RESULT line
    "$JAVA" -Xms64m -Xmx128m -XX:+UseSerialGC -Dtransport=socket -Dthreads=platform -Dconnections="$VALIDATE_CONNECTIONS" \
        -cp "$WORK/classes" FixedRate "$TARGET/auth/v1/token/validate" "$RATE" "$1" "$2" "$VALIDATE_BODY" \
        "Authorization: Bearer $API_KEY" | tee -a "$WORK/fixed-rate.txt" | grep '^RESULT'
}
logins() { # seconds -> wrk's report
    wrk -t2 -c"$LOGIN_CONNECTIONS" -d"${1}s" --timeout 10s -s "$WORK/login.lua" "$TARGET/auth/v1/login"
}
field() { sed -E "s/.* $1=([^ ]+).*/\1/" <<<"$2"; }
stats() { # values... -> "median [min-max]"
    printf '%s\n' "$@" | sort -g | awk '{v[NR] = $1} END {
        m = NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2; printf "%.2f [%.2f-%.2f]", m, v[1], v[NR] }'
}

echo "through $THROUGH; passport flags: $PASSPORT_JAVA_OPTS; $(nproc) cores; load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
grep -o 'at most [0-9]* at once, [0-9]* waiting for at most [0-9]* ms' "$WORK/service.log" | sed 's/^/password hashing: /' || true
echo "warming up for ${WARMUP}s (logins and validation together)..."
logins "$WARMUP" >/dev/null &
warmup_pid=$!
validate "$WARMUP" 0 >/dev/null
wait "$warmup_pid"

quiet=() saturated=() login_rates=() refused=()
for rep in $(seq 1 "$REPS"); do
    line=$(validate "$SECONDS_PER_RUN" 2)
    [[ $(field errors "$line") == 0 && $(field non2xx "$line") == 0 ]] || { echo "quiet run $rep: failed validations: $line" >&2; exit 1; }
    quiet+=("$(field p99_ms "$line")")
    # The logins start first and run past the measured window on both sides.
    logins $((SECONDS_PER_RUN + 6)) >"$WORK/wrk-$rep.txt" &
    login_pid=$!
    sleep 3
    line=$(validate "$SECONDS_PER_RUN" 0)
    wait "$login_pid"
    [[ $(field errors "$line") == 0 && $(field non2xx "$line") == 0 ]] || { echo "saturated run $rep: failed validations: $line" >&2; exit 1; }
    saturated+=("$(field p99_ms "$line")")
    total=$(awk '/requests in/ {print $1}' "$WORK/wrk-$rep.txt")
    non2xx=$(awk '/Non-2xx/ {print $NF}' "$WORK/wrk-$rep.txt"); non2xx=${non2xx:-0}
    seconds=$((SECONDS_PER_RUN + 6))
    login_rates+=("$(awk -v t="$total" -v n="$non2xx" -v s="$seconds" 'BEGIN {printf "%.1f", (t - n) / s}')")
    refused+=("$(awk -v t="$total" -v n="$non2xx" 'BEGIN {printf "%.0f", (t > 0 ? n * 100 / t : 0)}')")
    echo "run $rep: validate p99 quiet ${quiet[-1]} ms, saturated ${saturated[-1]} ms;" \
         "logins ${login_rates[-1]}/s answered 200, ${refused[-1]}% of $total answered non-2xx (503 when the line is full)"
done
echo "validate at ${RATE} req/s, p99 ms, median [range] of $REPS runs: quiet $(stats "${quiet[@]}"), while logins saturate hashing $(stats "${saturated[@]}")"
echo "logins answered 200 per s: $(stats "${login_rates[@]}"); share answered non-2xx, %: $(stats "${refused[@]}")"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
