#!/usr/bin/env bash
# The operators' user list at scale: GET /admin/users through the gateway (or, with --direct,
# passport's GET /internal/apps/{app}/users with the internal credential) on an app of a million
# users, at the first page, at offset 990,000 and for a search by email prefix. The three cases
# run in interleaved rounds (1, 2, 3, 1, 2, 3, ...) after one warm-up each.
# Goal: p99 under 50 ms in every case.
#   --direct: passport's internal endpoint instead of admin-service's (which calls it)
#   --no-load: measure the users already there
#   GATEWAY (http://127.0.0.1:8080), PASSPORT (http://127.0.0.1:8081), APP_ID (default)
#   INTERNAL_CREDENTIAL (local-internal-credential: deploy/local's SUITE_INTERNAL_CREDENTIAL)
#   ADMIN_USERNAME (admin), ADMIN_PASSWORD (local-admin-2026): the bootstrap administrator
#   DB_NAME (passport_service), PGHOST (127.0.0.1), PGPORT (5432), PGUSER (postgres), PGPASSWORD
#   USERS (1000000): bench users the app is given (added once, kept for later runs)
#   ROUNDS (3), DURATION (15 s), WARMUP (10 s per case), CONNECTIONS (2), THREADS (1)
set -euo pipefail

cd "$(dirname "$0")/.."
DIRECT=false
LOAD=true
for arg in "$@"; do
    case $arg in
        --direct) DIRECT=true ;;
        --no-load) LOAD=false ;;
        *) echo "usage: $0 [--direct] [--no-load]" >&2; exit 2 ;;
    esac
done
GATEWAY=${GATEWAY:-http://127.0.0.1:8080}
PASSPORT=${PASSPORT:-http://127.0.0.1:8081}
APP_ID=${APP_ID:-default}
INTERNAL_CREDENTIAL=${INTERNAL_CREDENTIAL:-local-internal-credential}
ADMIN_USERNAME=${ADMIN_USERNAME:-admin}
ADMIN_PASSWORD=${ADMIN_PASSWORD:-local-admin-2026}
export PGHOST=${PGHOST:-127.0.0.1} PGPORT=${PGPORT:-5432} PGUSER=${PGUSER:-postgres} PGDATABASE=${DB_NAME:-passport_service}
USERS=${USERS:-1000000}
ROUNDS=${ROUNDS:-3}
DURATION=${DURATION:-15}
WARMUP=${WARMUP:-10}
CONNECTIONS=${CONNECTIONS:-2}
THREADS=${THREADS:-1}

command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk" >&2; exit 1; }
command -v psql >/dev/null || { echo "psql is missing: apt-get install -y postgresql-client" >&2; exit 1; }
curl -fs "$GATEWAY/" | grep -q '"status":"running"' || { echo "the suite is not running at $GATEWAY (deploy/local/up.sh)" >&2; exit 1; }

WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

# --- Users: bench_<i> with a pseudo-random email (md5 of i: prefixes spread like real ones), a
# phone, every 1000th disabled, every 3rd email verified, 20 s apart. No password: listing needs none.
if $LOAD; then
    have=$(psql -XAtqc "SELECT count(*) FROM app_user WHERE app_id = '$APP_ID' AND username LIKE 'bench\\_%'")
    if (( have < USERS )); then
        echo "adding $((USERS - have)) users to app $APP_ID in $PGDATABASE at $PGHOST:$PGPORT ..."
        start=$SECONDS
        psql -Xq -v ON_ERROR_STOP=1 -v app="$APP_ID" -v from="$((have + 1))" -v to="$USERS" <<'SQL'
INSERT INTO app_user (id, app_id, username, email, phone, nickname, role, status, email_verified, created_at, updated_at)
SELECT gen_random_uuid(), :'app', 'bench_' || i, substr(md5(i::text), 1, 12) || '@bench.example',
       '+1555' || lpad(i::text, 7, '0'), 'Bench User ' || i, 1,
       CASE WHEN i % 1000 = 0 THEN 'disabled' ELSE 'active' END, i % 3 = 0,
       timestamptz '2024-01-01 00:00:00+00' + i * interval '20 seconds',
       timestamptz '2024-01-01 00:00:00+00' + i * interval '20 seconds'
FROM generate_series(:from, :to) AS i;
SQL
        echo "  added in $((SECONDS - start)) s; VACUUM ANALYZE (visibility map for index-only scans, statistics) ..."
        psql -Xqc "VACUUM ANALYZE app_user"
    fi
fi
total=$(psql -XAtqc "SELECT count(*) FROM app_user WHERE app_id = '$APP_ID'")
# A prefix of an existing user's email, 5 characters: about one user in a million shares it by chance.
Q=${Q:-$(psql -XAtqc "SELECT substr(email, 1, 5) FROM app_user WHERE app_id = '$APP_ID' AND username = 'bench_$((USERS / 2))'")}
echo "app $APP_ID has $total users; search prefix q=$Q"

# --- Target ----------------------------------------------------------------------------------
if $DIRECT; then
    BASE="$PASSPORT/internal/apps/$APP_ID/users"
    HEADER="X-Passport-Internal-Credential: $INTERNAL_CREDENTIAL"
else
    BASE="$GATEWAY/admin/users"
    token=$(curl -fsS -X POST "$GATEWAY/admin/auth/login" -H 'Content-Type: application/json' \
        -d "{\"identifier\":\"$ADMIN_USERNAME\",\"password\":\"$ADMIN_PASSWORD\"}" | sed -n 's/.*"access_token":"\([^"]*\)".*/\1/p')
    [[ -n "$token" ]] || { echo "could not log in as $ADMIN_USERNAME at $GATEWAY/admin/auth/login" >&2; exit 1; }
    HEADER="Authorization: Bearer $token"
fi
offset=$(( total > 10000 ? total - 10000 : 0 ))
CASES=("limit=100&offset=0" "limit=100&offset=$offset" "limit=100&q=$Q")
NAMES=("first page" "offset $offset" "q=$Q")
for i in "${!CASES[@]}"; do
    status=$(curl -s -o "$WORK/answer" -w '%{http_code}' -H "$HEADER" "$BASE?${CASES[$i]}")
    [[ $status == 200 ]] || { echo "${NAMES[$i]} answered $status: $(head -c 300 "$WORK/answer")" >&2; exit 1; }
    echo "  ${NAMES[$i]}: $(grep -o '"id"' "$WORK/answer" | wc -l) users, $(grep -o '"total":[0-9]*' "$WORK/answer")"
done

ms() { # a wrk latency (850.00us, 1.23ms, 2.00s) in ms
    awk -v v="$1" 'BEGIN { n = v + 0; if (v ~ /us$/) n /= 1000; else if (v ~ /ms$/) n += 0; else if (v ~ /s$/) n *= 1000; printf "%.2f", n }'
}
measure() { # case seconds -> "p50 p99 req/s" (any non-2xx answer fails the run)
    local out
    out=$(wrk -t"$THREADS" -c"$CONNECTIONS" -d"${2}s" --latency -H "$HEADER" "$BASE?${CASES[$1]}")
    if grep -q 'Non-2xx' <<<"$out"; then
        echo "${NAMES[$1]}: $(grep 'Non-2xx' <<<"$out")" >&2
        exit 1
    fi
    echo "$(ms "$(awk '$1 == "50%" {print $2}' <<<"$out")") $(ms "$(awk '$1 == "99%" {print $2}' <<<"$out")")" \
         "$(awk '/Requests\/sec/ {print int($2)}' <<<"$out")"
}

echo "target $BASE; warming up ${WARMUP}s per case; load average $(cut -d' ' -f1-3 /proc/loadavg), $(nproc) cores"
for i in "${!CASES[@]}"; do measure "$i" "$WARMUP" >/dev/null; done

declare -A P50 P99
for round in $(seq 1 "$ROUNDS"); do
    for i in "${!CASES[@]}"; do
        read -r p50 p99 rate <<<"$(measure "$i" "$DURATION")"
        P50[$i]+="$p50 "; P99[$i]+="$p99 "
        echo "round $round, ${NAMES[$i]}: p50 $p50 ms, p99 $p99 ms, $rate req/s"
    done
done

summary() { # values -> "median [min-max]"
    tr ' ' '\n' <<<"$1" | grep . | sort -g | awk '{a[NR]=$1} END {m = (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2; printf "%.2f [%.2f-%.2f]", m, a[1], a[NR]}'
}
echo "over $ROUNDS rounds (wrk -t$THREADS -c$CONNECTIONS, ${DURATION}s, $total users, $( $DIRECT && echo direct to passport || echo through the gateway)), median [range] in ms; goal p99 < 50 ms:"
for i in "${!CASES[@]}"; do
    echo "  ${NAMES[$i]}: p50 $(summary "${P50[$i]}"), p99 $(summary "${P99[$i]}")"
done
echo "load average after $(cut -d' ' -f1-3 /proc/loadavg)"
