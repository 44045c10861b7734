#!/usr/bin/env bash
# Gateway overhead: the same authenticated GET (a user's access token, a route that needs one)
# straight to the service and through the gateway, in one run. See bench/GATEWAY.md.
#   SERVICE=passport (default): the real passport-service on a fresh database, GET /api/auth/me
#   SERVICE=fake: a JDK HttpServer playing passport that answers at once (the harshest ratio)
set -euo pipefail

cd "$(dirname "$0")/.."
source bench/start-passport.sh
select_bench_jdk

SERVICE_PORT=${SERVICE_PORT:-18181}
GATEWAY_PORT=${GATEWAY_PORT:-18180}
DURATION=${DURATION:-15}          # seconds per wrk run and per fixed-rate run
# Seconds of load before measuring. At the ~1,000 req/s passport allows through the gateway, its
# JIT was still compiling 45 s in (a third of the gateway's CPU); after 150 s the ratio was 41 %
# instead of 26-33 %.
WARMUP=${WARMUP:-150}
CONNECTIONS=${CONNECTIONS:-32}
THREADS=${THREADS:-2}
GATEWAY_JAVA_OPTS=${GATEWAY_JAVA_OPTS:--Xms128m -Xmx256m}
SERVICE=${SERVICE:-passport}
# PROFILE=1: after the measurements, a JFR recording of the gateway during one more wrk run
# through it, summarised by bench/jfr-summary.sh and kept as $PROFILE_FILE.
PROFILE=${PROFILE:-0}
PROFILE_FILE=${PROFILE_FILE:-/tmp/gateway-bench.jfr}
PASSPORT_JAVA_OPTS=${PASSPORT_JAVA_OPTS:--Xms256m -Xmx512m}
PGHOST=${PGHOST:-127.0.0.1}
PGPORT=${PGPORT:-5432}
PGUSER=${PGUSER:-postgres}
export PGHOST PGPORT PGUSER
[[ $SERVICE == passport || $SERVICE == fake ]] || { echo "SERVICE must be passport or fake" >&2; exit 2; }
WORK=$(mktemp -d)
CREDENTIAL=$(head -c 32 /dev/urandom | base64 | tr -d '/+=')
# A route the gateway's policy protects: every request's token is checked (signature or the
# verified-token memory, expiry, revocation deny-list) and turned into identity headers.
PATH_UNDER_TEST=/api/auth/me

command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk" >&2; exit 1; }

JAR=$(jar gateway)

pids=()
trap stop_bench EXIT

"$JAVA_HOME/bin/javac" -d "$WORK/classes" bench/FastService.java bench/FixedRate.java bench/SocketHttp.java bench/ProcessCpu.java
if [[ $SERVICE == fake ]]; then
    "$JAVA" -Xmx128m -cp "$WORK/classes" FastService "$SERVICE_PORT" "$WORK/token" >"$WORK/service.log" 2>&1 &
    pids+=($!)
    SERVICE_PID=$!
    for _ in $(seq 1 30); do [[ -s "$WORK/token" ]] && break; sleep 0.5; done
else
    PASSPORT_JAR=$(jar passport-service)
    # shellcheck disable=SC2086 # the options are a list
    start_passport "$PASSPORT_JAR" "$SERVICE_PORT" "$CREDENTIAL" "$WORK/logs" "$WORK/service.log" $PASSPORT_JAVA_OPTS || exit 1
    SERVICE_PID=$PASSPORT_PID
    echo "$PASSPORT_TOKEN" >"$WORK/token"
fi
AUTH_HEADER="Authorization: Bearer $(cat "$WORK/token")"
# shellcheck disable=SC2086 # the options are a list
start_gateway "$JAR" "$GATEWAY_PORT" "$SERVICE_PORT" "$CREDENTIAL" "$WORK/logs" "$WORK/gateway.log" $GATEWAY_JAVA_OPTS

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
# The fake service has nothing to compile; passport's JIT needs a warm-up of its own.
direct_warmup=$([[ $SERVICE == fake ]] && echo 5 || echo $((WARMUP / 2)))
wrk -t"$THREADS" -c"$CONNECTIONS" -d"${direct_warmup}s" -H "$AUTH_HEADER" "$direct" >/dev/null

# CPU ticks: the whole machine (busy, total), the gateway, the service, PostgreSQL
ticks() {
    local pg=0 pid
    for pid in $(pgrep -u postgres postgres || true); do pg=$((pg + $(awk '{print $14 + $15}' "/proc/$pid/stat" 2>/dev/null || echo 0))); done
    echo "$(awk '/^cpu / {print $2+$3+$4+$7+$8+$9, $2+$3+$4+$5+$6+$7+$8+$9}' /proc/stat)" \
        "$(awk '{print $14 + $15}' "/proc/$GATEWAY_PID/stat")" "$(awk '{print $14 + $15}' "/proc/$SERVICE_PID/stat")" "$pg"
}
cpu_share() { # before after seconds -> who used the cores, in % of one core
    awk -v b="$1" -v a="$2" -v secs="$3" -v cores="$(nproc)" -v tck="$(getconf CLK_TCK)" 'BEGIN {
        split(b, x, " "); split(a, y, " ")
        busy = (y[1] - x[1]) / (y[2] - x[2]) * 100 * cores
        gw = (y[3] - x[3]) / tck / secs * 100; svc = (y[4] - x[4]) / tck / secs * 100; pg = (y[5] - x[5]) / tck / secs * 100
        rest = busy - gw - svc - pg; if (rest < 0) rest = 0
        printf "machine %.0f%%: gateway %.0f%%, service %.0f%%, postgres %.0f%%, wrk and the rest %.0f%%", busy, gw, svc, pg, rest }'
}
throughput() { # url label -> req/s; prints where the CPU went to stderr
    local before after rps
    before=$(ticks)
    rps=$(wrk -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" -H "$AUTH_HEADER" "$1" | awk '/Requests\/sec/ {print int($2)}')
    after=$(ticks)
    echo "  $2: $rps req/s; cpu (% of one core, $(nproc) cores): $(cpu_share "$before" "$after" "$DURATION")" >&2
    echo "$rps"
}

echo "service: $SERVICE; load average before: $(cut -d' ' -f1-3 /proc/loadavg), $(nproc) cores"
direct_rps=$(throughput "$direct" direct)
gateway_rps=$(throughput "$gateway" gateway)
echo "throughput (wrk -t$THREADS -c$CONNECTIONS, ${DURATION}s): direct ${direct_rps} req/s, gateway ${gateway_rps} req/s," \
     "ratio $(awk -v g="$gateway_rps" -v d="$direct_rps" 'BEGIN {printf "%.0f%%", 100 * g / d}')"

rate=${RATE:-$((gateway_rps / 2))}
echo "fixed rate ${rate} req/s (half the gateway's throughput), ${DURATION}s each after 5 s at the same rate, open loop,"
echo "plain sockets on platform threads (the generator takes little of the two cores):"
fixed_rate() { # url -> FixedRate's RESULT line
    "$JAVA" -Xms64m -Xmx128m -XX:+UseSerialGC -Dmethod=GET -Dtransport=socket -Dthreads=platform -Dconnections="$CONNECTIONS" \
        -cp "$WORK/classes" FixedRate "$1" "$rate" "$DURATION" 5 "" "$AUTH_HEADER" | tee -a "$WORK/fixed-rate.txt" | grep '^RESULT'
}
direct_line=$(fixed_rate "$direct")
gateway_line=$(fixed_rate "$gateway")
field() { sed -E "s/.* $1=([^ ]+).*/\1/" <<<"$2"; }
for side in direct gateway; do
    line=${side}_line
    printf '  %-8s p50 %s ms, p90 %s ms, p99 %s ms; achieved %s req/s, non-2xx %s, errors %s, generator %s%% of a core\n' "$side:" \
        "$(field p50_ms "${!line}")" "$(field p90_ms "${!line}")" "$(field p99_ms "${!line}")" "$(field achieved "${!line}")" \
        "$(field non2xx "${!line}")" "$(field errors "${!line}")" "$(field generator_cpu_pct "${!line}")"
done
[[ $(field errors "$gateway_line") == 0 && $(field non2xx "$gateway_line") == 0 ]] \
    || { echo "the fixed-rate run through the gateway had failed requests:"; cat "$WORK/fixed-rate.txt"; exit 1; }
echo "added p50 latency: $(awk -v g="$(field p50_ms "$gateway_line")" -v d="$(field p50_ms "$direct_line")" 'BEGIN {printf "%.3f ms", g - d}')"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"

if [[ $PROFILE == 1 ]]; then
    echo "profile of the gateway (JFR, ${DURATION}s of wrk through it):"
    "$JAVA_HOME/bin/jcmd" "$GATEWAY_PID" JFR.start name=gateway settings=profile filename="$PROFILE_FILE" >/dev/null
    throughput "$gateway" "gateway, recorded" >/dev/null
    "$JAVA_HOME/bin/jcmd" "$GATEWAY_PID" JFR.stop name=gateway >/dev/null
    # Reactor's and Netty's dispatch frames are on nearly every stack and say nothing alone.
    echo "recording: $PROFILE_FILE"
    bench/jfr-summary.sh "$PROFILE_FILE" '^ *[0-9.]+%  (reactor\.core\.publisher\.(Mono|Flux)[A-Za-z]*\.(subscribe|onNext|onComplete|request)|io\.netty\.channel\.(AbstractChannelHandlerContext|DefaultChannelPipeline)|java\.lang\.Thread\.run)'
fi
