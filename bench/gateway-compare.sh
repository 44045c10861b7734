#!/usr/bin/env bash
# Compares gateway variants (jars, JVM options, environment) against one passport-service,
# interleaved: every round measures the service directly and then each variant in turn, so a
# machine that speeds up or slows down (other tenants) moves all of them alike. On this kind of
# shared machine two separate runs of gateway.sh differ by more than most changes are worth.
#   VARIANTS=$'before|/tmp/gateway-before.jar|-Xmx256m|\nafter|gateway/target/gateway-0.1.0-SNAPSHOT.jar|-Xmx256m|LOGGING_THRESHOLD_FILE=OFF' \
#       bench/gateway-compare.sh
# One line per variant: name|jar|JVM options|environment assignments (space-separated).
# Prints, per round, each variant's requests/s (wrk -t2 -c32), its share of the direct figure and
# the gateway's processor time per request (its JVM's user + system time over the requests wrk
# counted): on a shared machine the throughput moves with the neighbours, the cost per request
# much less.
set -euo pipefail

cd "$(dirname "$0")/.."
source bench/start-passport.sh
JAVA_HOME=${JAVA_HOME_25:-/usr/lib/jvm/temurin-25-jdk-amd64}
JAVA=$JAVA_HOME/bin/java
: "${VARIANTS:?VARIANTS must list the gateways to compare (see the comment at the top)}"
SERVICE_PORT=${SERVICE_PORT:-18181}
FIRST_PORT=${FIRST_PORT:-18190}
WARM_ROUNDS=${WARM_ROUNDS:-5}      # warm-up: rounds of WARM_SECS of load on each variant
WARM_SECS=${WARM_SECS:-30}
ROUNDS=${ROUNDS:-4}
SECS=${SECS:-10}
PGHOST=${PGHOST:-127.0.0.1} PGPORT=${PGPORT:-5432} PGUSER=${PGUSER:-postgres}
export PGHOST PGPORT PGUSER
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk" >&2; exit 1; }
PASSPORT_JAR=$(ls passport-service/target/passport-service-*.jar | grep -v original | head -1)

WORK=$(mktemp -d)
pids=()
trap stop_bench EXIT

CREDENTIAL=$(head -c 32 /dev/urandom | base64 | tr -d '/+=')
start_passport "$PASSPORT_JAR" "$SERVICE_PORT" "$CREDENTIAL" "$WORK/logs" "$WORK/passport.log" -Xms256m -Xmx512m || exit 1
AUTH="Authorization: Bearer $PASSPORT_TOKEN"

names=() ports=() gateway_pids=()
while IFS='|' read -r name jar options environment; do
    [[ -z $name ]] && continue
    port=$((FIRST_PORT + ${#names[@]}))
    # shellcheck disable=SC2086 # options and assignments are lists
    env $environment SUITE_INTERNAL_CREDENTIAL="$CREDENTIAL" LOG_DIR="$WORK/logs-$name" "$JAVA" $options -jar "$jar" \
        --server.port="$port" --management.server.port=$((port + 100)) --eureka.client.enabled=false \
        --passport.gateway.security.revocation.enabled=false \
        "--spring.cloud.discovery.client.simple.instances.passport-service[0].uri=http://127.0.0.1:$SERVICE_PORT" \
        >"$WORK/gateway-$name.log" 2>&1 &
    pids+=($!) names+=("$name") ports+=("$port") gateway_pids+=($!)
done <<<"$VARIANTS"
for i in "${!ports[@]}"; do
    for _ in $(seq 1 120); do curl -fs -H "$AUTH" "http://127.0.0.1:${ports[$i]}/api/auth/me" >/dev/null 2>&1 && break; sleep 1; done
    curl -fs -H "$AUTH" "http://127.0.0.1:${ports[$i]}/api/auth/me" >/dev/null \
        || { echo "gateway ${names[$i]} did not come up:"; tail -20 "$WORK/gateway-${names[$i]}.log"; exit 1; }
done

rps() { wrk -t2 -c32 -d"$2s" -H "$AUTH" "$1" | awk '/Requests\/sec/ {print int($2)}'; }
TCK=$(getconf CLK_TCK)
ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
# rps_and_cost URL SECONDS PID: "requests/s ms-of-processor-per-request" of the process PID
rps_and_cost() {
    local before rate
    before=$(ticks "$3")
    rate=$(rps "$1" "$2")
    awk -v r="$rate" -v t=$(($(ticks "$3") - before)) -v s="$2" -v tck="$TCK" 'BEGIN {printf "%d %.3f\n", r, 1000 * t / tck / (r * s)}'
}
echo "${#names[@]} variants (${names[*]}); warming up: $WARM_ROUNDS rounds of ${WARM_SECS}s each"
for _ in $(seq 1 "$WARM_ROUNDS"); do
    for port in "${ports[@]}"; do rps "http://127.0.0.1:$port/api/auth/me" "$WARM_SECS" >/dev/null; done
done
rps "http://127.0.0.1:$SERVICE_PORT/api/auth/me" 30 >/dev/null
for round in $(seq 1 "$ROUNDS"); do
    direct=$(rps "http://127.0.0.1:$SERVICE_PORT/api/auth/me" "$SECS")
    line="round $round: direct $direct"
    for i in "${!ports[@]}"; do
        read -r through cost < <(rps_and_cost "http://127.0.0.1:${ports[$i]}/api/auth/me" "$SECS" "${gateway_pids[$i]}")
        line="$line, ${names[$i]} $through ($(awk -v g="$through" -v d="$direct" 'BEGIN {printf "%.1f%%", 100 * g / d}'), $cost ms)"
    done
    echo "$line"
done
