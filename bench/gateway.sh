#!/usr/bin/env bash
# Gateway overhead: the same authenticated GET (a user's access token, a route that needs one)
# straight to a fast service and through the gateway, in one run. See bench/GATEWAY.md.
set -euo pipefail

cd "$(dirname "$0")/.."
if [[ -z "${JAVA_HOME:-}" ]] || ! "$JAVA_HOME/bin/java" -version 2>&1 | grep -qE 'version "(2[5-9]|[3-9][0-9])'; then
    JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64
fi
export JAVA_HOME
JAVA="$JAVA_HOME/bin/java"

SERVICE_PORT=${SERVICE_PORT:-18181}
GATEWAY_PORT=${GATEWAY_PORT:-18180}
DURATION=${DURATION:-15}          # seconds per wrk run and per fixed-rate run
WARMUP=${WARMUP:-40}              # seconds of load before measuring: the gateway's JIT needs them
CONNECTIONS=${CONNECTIONS:-32}
THREADS=${THREADS:-2}
GATEWAY_JAVA_OPTS=${GATEWAY_JAVA_OPTS:--Xms128m -Xmx256m}
WORK=$(mktemp -d)
# A route the gateway's policy protects: every request's token is checked (signature or the
# verified-token memory, expiry, revocation deny-list) and turned into identity headers.
PATH_UNDER_TEST=/api/auth/me

command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk" >&2; exit 1; }

JAR=$(ls gateway/target/gateway-*.jar 2>/dev/null | grep -v original | head -1 || true)
if [[ -z "$JAR" || -n "$(find gateway/src gateway/pom.xml -newer "$JAR" -type f | head -1)" ]]; then
    echo "building the gateway jar..."
    ./mvnw -B -q -o -pl gateway package -DskipTests >"$WORK/build.log" 2>&1 || { cat "$WORK/build.log"; exit 1; }
    JAR=$(ls gateway/target/gateway-*.jar | grep -v original | head -1)
fi

pids=()
cleanup() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; rm -rf "$WORK"; }
trap cleanup EXIT

"$JAVA_HOME/bin/javac" -d "$WORK/classes" bench/FastService.java bench/OpenLoop.java
"$JAVA" -Xmx128m -cp "$WORK/classes" FastService "$SERVICE_PORT" "$WORK/token" >"$WORK/service.log" 2>&1 &
pids+=($!)
for _ in $(seq 1 30); do [[ -s "$WORK/token" ]] && break; sleep 0.5; done
AUTH_HEADER="Authorization: Bearer $(cat "$WORK/token")"
# No Kafka here: the revocation deny-list stays empty but is still consulted on every request.
# shellcheck disable=SC2086 # the options are a list
LOG_DIR="$WORK/logs" "$JAVA" $GATEWAY_JAVA_OPTS -jar "$JAR" --server.port="$GATEWAY_PORT" --eureka.client.enabled=false \
    --passport.gateway.security.revocation.enabled=false \
    "--spring.cloud.discovery.client.simple.instances.passport-service[0].uri=http://127.0.0.1:$SERVICE_PORT" \
    >"$WORK/gateway.log" 2>&1 &
pids+=($!)

for _ in $(seq 1 120); do
    curl -fs -H "$AUTH_HEADER" "http://127.0.0.1:$GATEWAY_PORT$PATH_UNDER_TEST" >/dev/null 2>&1 && break
    sleep 1
done
curl -fs -H "$AUTH_HEADER" "http://127.0.0.1:$GATEWAY_PORT$PATH_UNDER_TEST" >/dev/null || { echo "gateway did not come up or refused the token:"; tail -20 "$WORK/gateway.log"; exit 1; }
# The same request without its token must be refused, or this would not measure an authenticated route.
[[ $(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$GATEWAY_PORT$PATH_UNDER_TEST") == 401 ]] \
    || { echo "the gateway let $PATH_UNDER_TEST through without a token"; exit 1; }

direct="http://127.0.0.1:$SERVICE_PORT$PATH_UNDER_TEST"
gateway="http://127.0.0.1:$GATEWAY_PORT$PATH_UNDER_TEST"

echo "warming up for ${WARMUP}s..."
wrk -t"$THREADS" -c"$CONNECTIONS" -d"${WARMUP}s" -H "$AUTH_HEADER" "$gateway" >/dev/null
wrk -t"$THREADS" -c"$CONNECTIONS" -d5s -H "$AUTH_HEADER" "$direct" >/dev/null

throughput() {
    wrk -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" -H "$AUTH_HEADER" "$1" | awk '/Requests\/sec/ {print int($2)}'
}

echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg), $(nproc) cores"
direct_rps=$(throughput "$direct")
gateway_rps=$(throughput "$gateway")
echo "throughput (wrk -t$THREADS -c$CONNECTIONS, ${DURATION}s): direct ${direct_rps} req/s, gateway ${gateway_rps} req/s," \
     "ratio $(awk -v g="$gateway_rps" -v d="$direct_rps" 'BEGIN {printf "%.0f%%", 100 * g / d}')"

rate=${RATE:-$((gateway_rps / 2))}
echo "fixed rate ${rate} req/s (half the gateway's throughput), ${DURATION}s each, open loop:"
direct_line=$("$JAVA" -cp "$WORK/classes" OpenLoop "$direct" "$rate" "$DURATION" "$AUTH_HEADER")
gateway_line=$("$JAVA" -cp "$WORK/classes" OpenLoop "$gateway" "$rate" "$DURATION" "$AUTH_HEADER")
echo "  direct:  $direct_line"
echo "  gateway: $gateway_line"
p50() { sed -E 's/.*p50_ms=([0-9.]+).*/\1/' <<<"$1"; }
echo "added p50 latency: $(awk -v g="$(p50 "$gateway_line")" -v d="$(p50 "$direct_line")" 'BEGIN {printf "%.3f ms", g - d}')"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
