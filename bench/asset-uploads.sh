#!/usr/bin/env bash
# Uploads through the gateway (POST /asset/v1/files/upload, multipart, app API keys), on a suite
# started by deploy/local/up.sh:
#   1. throughput: 1 MiB JPEGs, CONNECTIONS clients in a closed loop, the keys of APPS bench apps
#      in turn; after a warm-up, ROUNDS measured rounds: uploads/s, MiB/s, p50, p99.
#   2. heap: BURST_CLIENTS (50) uploads of 10 MB JPEGs started at once, WAVES times, while
#      asset-service's (and the gateway's) heap in use is read every 100 ms from their actuators.
#      A client told 503 waits the answer's Retry-After and tries again (twice at most), as a
#      client of a service that sheds load should; first and final answers are both reported.
# Every JPEG is made by the bench, each of its own content, so uploads are decoded, re-encoded and
# stored as new objects; an app sees the same content again only after APPS x IMAGES uploads.
#   GATEWAY (http://127.0.0.1:8080), ASSET_ACTUATOR (http://127.0.0.1:8085/actuator),
#   GATEWAY_ACTUATOR (http://127.0.0.1:8090/actuator), ADMIN_USERNAME (admin), ADMIN_PASSWORD
#   (local-admin-2026), APPS (4), IMAGES (150), CONNECTIONS (8), WARMUP (20 s), DURATION (30 s),
#   ROUNDS (3), BURST_CLIENTS (50), BURST_IMAGES (10), WAVES (3)
#   --throughput-only / --burst-only
set -euo pipefail

cd "$(dirname "$0")/.."
THROUGHPUT=true
BURST=true
for arg in "$@"; do
    case $arg in
        --throughput-only) BURST=false ;;
        --burst-only) THROUGHPUT=false ;;
        *) echo "usage: $0 [--throughput-only|--burst-only]" >&2; exit 2 ;;
    esac
done
GATEWAY=${GATEWAY:-http://127.0.0.1:8080}
ASSET_ACTUATOR=${ASSET_ACTUATOR:-http://127.0.0.1:8085/actuator}
GATEWAY_ACTUATOR=${GATEWAY_ACTUATOR:-http://127.0.0.1:8090/actuator}
ADMIN_USERNAME=${ADMIN_USERNAME:-admin}
ADMIN_PASSWORD=${ADMIN_PASSWORD:-local-admin-2026}
APPS=${APPS:-4}
IMAGES=${IMAGES:-150}
CONNECTIONS=${CONNECTIONS:-8}
WARMUP=${WARMUP:-20}
DURATION=${DURATION:-30}
ROUNDS=${ROUNDS:-3}
BURST_CLIENTS=${BURST_CLIENTS:-50}
BURST_IMAGES=${BURST_IMAGES:-10}
WAVES=${WAVES:-3}
JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}

curl -fs "$GATEWAY/" | grep -q '"status":"running"' || { echo "the suite is not running at $GATEWAY (deploy/local/up.sh)" >&2; exit 1; }
curl -fs "$ASSET_ACTUATOR/health" >/dev/null || { echo "asset-service's actuator is not at $ASSET_ACTUATOR" >&2; exit 1; }

WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
"$JAVA_HOME/bin/javac" -d "$WORK/classes" bench/AssetUploads.java

# --- Apps and keys: bench-assets-<n>, created once, a new key each run -----------------------
token=$(curl -fsS -X POST "$GATEWAY/admin/auth/login" -H 'Content-Type: application/json' \
    -d "{\"identifier\":\"$ADMIN_USERNAME\",\"password\":\"$ADMIN_PASSWORD\"}" | sed -n 's/.*"access_token":"\([^"]*\)".*/\1/p')
[[ -n "$token" ]] || { echo "could not log in as $ADMIN_USERNAME at $GATEWAY/admin/auth/login" >&2; exit 1; }
keys=()
for n in $(seq 1 "$APPS"); do
    app=bench-assets-$n
    status=$(curl -s -o "$WORK/answer" -w '%{http_code}' -X POST "$GATEWAY/admin/apps" -H "Authorization: Bearer $token" \
        -H 'Content-Type: application/json' -d "{\"app_id\":\"$app\",\"name\":\"Upload bench $n\"}")
    [[ $status == 201 || $status == 409 ]] || { echo "creating $app answered $status: $(cat "$WORK/answer")" >&2; exit 1; }
    key=$(curl -fsS -X POST "$GATEWAY/admin/apps/$app/api-keys" -H "Authorization: Bearer $token" \
        -H 'Content-Type: application/json' -d '{"label":"upload bench"}' | sed -n 's/.*"api_key":"\([^"]*\)".*/\1/p')
    [[ -n "$key" ]] || { echo "no API key for $app" >&2; exit 1; }
    keys+=("$key")
done
KEYS=$(IFS=,; echo "${keys[*]}")
echo "apps bench-assets-1..$APPS; load average $(cut -d' ' -f1-3 /proc/loadavg), $(nproc) cores"

summary() { # values -> "median [min-max]"
    tr ' ' '\n' <<<"$1" | grep . | sort -g | awk '{a[NR]=$1} END {m = (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2; printf "%.1f [%.1f-%.1f]", m, a[1], a[NR]}'
}

if $THROUGHPUT; then
    echo "--- 1 MiB JPEGs, $CONNECTIONS clients, warm-up ${WARMUP}s, $ROUNDS rounds of ${DURATION}s"
    "$JAVA_HOME/bin/java" -Xmx1g -cp "$WORK/classes" AssetUploads throughput "$GATEWAY/asset/v1/files/upload" "$KEYS" \
        1048576 "$IMAGES" "$CONNECTIONS" "$WARMUP" "$DURATION" "$ROUNDS" | tee "$WORK/throughput"
    rates=$(awk '$1 == "RESULT" {print $2}' "$WORK/throughput" | xargs)
    p50=$(awk '$1 == "RESULT" {print $3}' "$WORK/throughput" | xargs)
    p99=$(awk '$1 == "RESULT" {print $4}' "$WORK/throughput" | xargs)
    echo "over $ROUNDS rounds, median [range]: $(summary "$rates") uploads/s, p50 $(summary "$p50") ms, p99 $(summary "$p99") ms"
fi

if $BURST; then
    metrics=("$ASSET_ACTUATOR")
    curl -fs "$GATEWAY_ACTUATOR/health" >/dev/null && metrics+=("$GATEWAY_ACTUATOR")
    echo "--- $BURST_CLIENTS uploads of 10 MB JPEGs at once, $WAVES waves"
    "$JAVA_HOME/bin/java" -Xmx2g -cp "$WORK/classes" AssetUploads burst "$GATEWAY/asset/v1/files/upload" "$KEYS" \
        10000000 "$BURST_IMAGES" "$BURST_CLIENTS" "$WAVES" "${metrics[@]}" | tee "$WORK/burst"
    for base in "${metrics[@]}"; do
        peaks=$(awk -v b="$base" '$1 == "RESULT" && $2 == b {printf "%.0f ", $4 / 1048576}' "$WORK/burst")
        echo "$base: heap in use at most $(summary "$peaks") MiB over $WAVES waves (median [range])"
    done
    first=$(awk '$1 == "RESULT-ANSWERS" {print $3}' "$WORK/burst" | xargs)
    retried=$(awk '$1 == "RESULT-ANSWERS" {print $4}' "$WORK/burst" | xargs)
    stored=$(awk '$1 == "RESULT-ANSWERS" {print $5}' "$WORK/burst" | xargs)
    echo "of $BURST_CLIENTS a wave: created at once $(summary "$first"), retried after 503 + Retry-After $(summary "$retried"), created in the end $(summary "$stored")"
fi
echo "load average after $(cut -d' ' -f1-3 /proc/loadavg)"
