#!/usr/bin/env bash
# GET /api/membership/me against GET /api/auth/me through the gateway, as a user meets them: the
# suite started by deploy/local/up.sh, many users each with their own access token, the two
# endpoints measured in alternating rounds (A/B/A/B...) after the same warm-up.
# Goal (the membership issue): membership/me at least 90 % of auth/me's throughput.
#   GATEWAY (http://127.0.0.1:8080), API_KEY (psk_local_default_change_me): the running suite
#   USERS (200): accounts made (canonical register + login with the app's key)
#   ROUNDS (3), DURATION (20 s), WARMUP (30 s per endpoint), CONNECTIONS (16), THREADS (1)
set -euo pipefail

cd "$(dirname "$0")/.."
GATEWAY=${GATEWAY:-http://127.0.0.1:8080}
API_KEY=${API_KEY:-psk_local_default_change_me}
USERS=${USERS:-200}
ROUNDS=${ROUNDS:-3}
DURATION=${DURATION:-20}
WARMUP=${WARMUP:-30}
CONNECTIONS=${CONNECTIONS:-16}
THREADS=${THREADS:-1}

command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk" >&2; exit 1; }
curl -fs "$GATEWAY/" | grep -q '"status":"running"' || { echo "the suite is not running at $GATEWAY (deploy/local/up.sh)" >&2; exit 1; }

WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
TOKENS="$WORK/tokens"
export TOKENS
run=$(date +%s)

echo "making $USERS users..."
for i in $(seq 1 "$USERS"); do
    email="bench-$run-$i@example.com"
    body="{\"nickname\":\"bench $i\",\"password\":\"bench-password-1\",\"contact_type\":\"email\",\"contact\":\"$email\",\"app_id\":\"default\"}"
    curl -fsS -o /dev/null -X POST "$GATEWAY/auth/v1/register" -H "Authorization: Bearer $API_KEY" -H 'Content-Type: application/json' -d "$body"
    token=$(curl -fsS -X POST "$GATEWAY/auth/v1/login" -H "Authorization: Bearer $API_KEY" -H 'Content-Type: application/json' \
        -d "{\"contact_type\":\"email\",\"contact\":\"$email\",\"password\":\"bench-password-1\",\"app_id\":\"default\"}" \
        | sed -n 's/.*"access_token":"\([^"]*\)".*/\1/p')
    echo "$token" >>"$TOKENS"
done
[[ $(wc -l <"$TOKENS") == "$USERS" ]] || { echo "could not log in every user" >&2; exit 1; }
token=$(head -1 "$TOKENS")
for path in /api/auth/me /api/membership/me; do
    status=$(curl -s -o "$WORK/answer" -w '%{http_code}' -H "Authorization: Bearer $token" "$GATEWAY$path")
    [[ $status == 200 ]] || { echo "$path answered $status: $(cat "$WORK/answer")" >&2; exit 1; }
done

rate() { # path seconds -> req/s (non-2xx answers make the run fail)
    local out
    out=$(wrk -t"$THREADS" -c"$CONNECTIONS" -d"${2}s" -s bench/tokens.lua "$GATEWAY$1")
    if grep -q 'Non-2xx' <<<"$out"; then
        echo "$1: $(grep 'Non-2xx' <<<"$out")" >&2
        exit 1
    fi
    awk '/Requests\/sec/ {print int($2)}' <<<"$out"
}

echo "warming up ${WARMUP}s per endpoint; load average $(cut -d' ' -f1-3 /proc/loadavg), $(nproc) cores"
rate /api/auth/me "$WARMUP" >/dev/null
rate /api/membership/me "$WARMUP" >/dev/null

ratios=()
for round in $(seq 1 "$ROUNDS"); do
    auth=$(rate /api/auth/me "$DURATION")
    membership=$(rate /api/membership/me "$DURATION")
    ratio=$(awk -v m="$membership" -v a="$auth" 'BEGIN {printf "%.1f", 100 * m / a}')
    ratios+=("$ratio")
    echo "round $round: /api/auth/me $auth req/s, /api/membership/me $membership req/s: $ratio %"
done
sorted=$(printf '%s\n' "${ratios[@]}" | sort -n)
median=$(awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2}' <<<"$sorted")
echo "membership/me as a share of auth/me: median $median % [$(head -1 <<<"$sorted")-$(tail -1 <<<"$sorted")] over $ROUNDS rounds" \
     "(wrk -t$THREADS -c$CONNECTIONS, ${DURATION}s, $USERS users); goal 90 %; load average after $(cut -d' ' -f1-3 /proc/loadavg)"
