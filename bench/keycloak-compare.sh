#!/usr/bin/env bash
# Passport Suite against Keycloak on this machine, in one run, on the four operations both offer:
#   login     suite POST /auth/v1/login            Keycloak password grant (direct access grant)
#   refresh   suite POST /api/auth/refresh         Keycloak refresh_token grant
#   validate  suite POST /auth/v1/token/validate   Keycloak token introspection
#   me        suite GET /api/auth/me               Keycloak userinfo
# The suite is reached through its gateway, as its clients reach it; Keycloak directly. Both run
# at once; after one warm-up per operation and system, ROUNDS rounds measure the suite and then
# Keycloak (A/B/A/B) per operation at each of CONNS connections, and the best point of each round
# counts. Then: validate's p99 at half the suite's maximum (open loop), the raw argon2id rate the
# login is held against, and optionally the logins of a freshly started passport JVM.
# See bench/README.md ("Passport Suite against Keycloak") for the settings and the goals.
set -euo pipefail

source "$(dirname "${BASH_SOURCE[0]}")/bench-common.sh" keycloak-compare
JAVA=$JAVA_HOME/bin/java

# --- settings ----------------------------------------------------------------------------------
CONNS=${CONNS:-2 4 8}
DURATION=${DURATION:-25}
WARMUP=${WARMUP:-30}
WARMUP_CONNS=${WARMUP_CONNS:-4}
OPS=${OPS:-login refresh validate me}
USERS=${USERS:-200}
POOL_SIZE=${POOL_SIZE:-50}
# Access-token pools are issued again once older than this (Keycloak's tokens live 300 s).
POOL_MAX_AGE=${POOL_MAX_AGE:-120}
PASSWORD=${PASSWORD:-Bench-passw0rd-2026}
# Open-loop validation at half the suite's measured maximum.
FIXED_SECONDS=${FIXED_SECONDS:-20}
FIXED_WARMUP=${FIXED_WARMUP:-10}
FIXED_CONNECTIONS=${FIXED_CONNECTIONS:-64}
# Raw argon2id with passport's parameters and JVM options (up.sh's), one thread per core.
ARGON2_THREADS=${ARGON2_THREADS:-$(nproc)}
ARGON2_WARMUP=${ARGON2_WARMUP:-5}
ARGON2_SECONDS=${ARGON2_SECONDS:-5}
ARGON2_REPS=${ARGON2_REPS:-3}
ARGON2_JAVA_OPTS=${ARGON2_JAVA_OPTS:--Xms64m -Xmx192m -XX:+UseSerialGC}
# Logins of a freshly started passport JVM, in windows over its first minute (SUITE=up only).
FRESH_LOGINS=${FRESH_LOGINS:-1}
FRESH_SECONDS=${FRESH_SECONDS:-60}
FRESH_WINDOW=${FRESH_WINDOW:-15}
FRESH_CONNS=${FRESH_CONNS:-4}
# DROP_DBS=1: drop Keycloak's database (and the suite's, when this run started it) at the end.
DROP_DBS=${DROP_DBS:-0}

# The suite: SUITE=up starts one with deploy/local/up.sh (its defaults; its own run directory,
# ports and databases), SUITE=running measures one already running at SUITE_URL.
SUITE=${SUITE:-up}
SUITE_RUN_DIR=${SUITE_RUN_DIR:-$BENCH_CACHE/suite-run}
SUITE_GATEWAY_PORT=${SUITE_GATEWAY_PORT:-18480}
SUITE_MANAGEMENT_PORT=${SUITE_MANAGEMENT_PORT:-18490}
SUITE_KAFKA_PORT=${SUITE_KAFKA_PORT:-19492}
SUITE_DB_PREFIX=${SUITE_DB_PREFIX-kcb_}
SUITE_URL=${SUITE_URL:-http://127.0.0.1:$SUITE_GATEWAY_PORT}
API_KEY=${API_KEY:-${PASSPORT_BOOTSTRAP_API_KEY:-psk_local_default_change_me}}
# The gateway's per-address limits would refuse a benchmark's load from one address: raised for
# the run (the failed-login limit per account counts failures only and stays as it is).
BENCH_RATE_LIMIT=${BENCH_RATE_LIMIT:-100000000}

# Keycloak. Variables are KCB_*: Keycloak reads every exported KC_* variable as its own option.
KCB_VERSION=${KCB_VERSION:-26.7.3}
KCB_HOME=$BENCH_CACHE/keycloak-$KCB_VERSION
KCB_PORT=${KCB_PORT:-18180}
KCB_MGMT_PORT=${KCB_MGMT_PORT:-19000}
KCB_DB=${KCB_DB:-kcb_keycloak}
KCB_HEAP=${KCB_HEAP:-}   # empty: kc.sh's own heap settings
KCB_URL=http://127.0.0.1:$KCB_PORT
KCB_REALM=kcb
KCB_CLIENT=kcb-client
KCB_SECRET=${KCB_SECRET:-kcb-client-secret-0123456789abcdef}
KCB_ADMIN=kcb-admin
KCB_ADMIN_PASSWORD=${KCB_ADMIN_PASSWORD:-kcb-admin-Passw0rd}
# The suite's password hash (PasswordHasher): argon2id, 19456 KiB, 2 passes, 1 lane.
KCB_ARGON2_MEMORY=19456
KCB_ARGON2_ITERATIONS=2

PGHOST=${PGHOST:-127.0.0.1}
PGPORT=${PGPORT:-5432}
PGUSER=${PGUSER:-postgres}
export PGHOST PGPORT PGUSER

mkdir -p "$RESULTS_DIR" "$BENCH_CACHE"
WORK=$RESULTS_DIR/work
mkdir -p "$WORK"
LOG=$RESULTS_DIR/run.log
exec > >(tee -a "$LOG") 2>&1

rss_mib() { awk '/^VmRSS:/ {printf "%.0f", $2 / 1024}' "/proc/$1/status" 2>/dev/null || echo "-"; }

for tool in wrk curl jq psql tar; do
  command -v "$tool" >/dev/null || die "$tool is missing (apt-get install -y $tool)"
done

# --- clean-up: only what this run started, by pid -----------------------------------------------
KC_LAUNCHER=
KC_PID=
SUITE_STARTED=0
GENERATOR_PID=
stop_pid() { # pid seconds
  local pid=$1
  [[ -n $pid ]] && kill -0 "$pid" 2>/dev/null || return 0
  kill -TERM "$pid" 2>/dev/null || true
  for _ in $(seq 1 $(($2 * 5))); do kill -0 "$pid" 2>/dev/null || return 0; sleep 0.2; done
  kill -KILL "$pid" 2>/dev/null || true
}
stop_keycloak() {
  if [[ -n $KC_PID ]] && grep -q QuarkusEntryPoint "/proc/$KC_PID/cmdline" 2>/dev/null; then
    stop_pid "$KC_PID" 60
    say "Keycloak stopped (pid $KC_PID)"
  fi
  # kc.sh waits for its java child and then exits by itself.
  if [[ -n $KC_LAUNCHER ]] && grep -q kc.sh "/proc/$KC_LAUNCHER/cmdline" 2>/dev/null; then stop_pid "$KC_LAUNCHER" 10; fi
  KC_PID= KC_LAUNCHER=
}
cleanup() {
  local status=$?
  set +e
  [[ -n $GENERATOR_PID ]] && stop_pid "$GENERATOR_PID" 5
  stop_keycloak
  if (( SUITE_STARTED )); then
    RUN_DIR=$SUITE_RUN_DIR "$ROOT/deploy/local/down.sh" >"$WORK/down.log" 2>&1 && say "suite stopped ($SUITE_RUN_DIR)" \
      || say "down.sh failed: $(tail -3 "$WORK/down.log")"
    cp -r "$SUITE_RUN_DIR/logs" "$RESULTS_DIR/suite-logs" 2>/dev/null
  fi
  if [[ $DROP_DBS == 1 ]]; then
    local db
    for db in "$KCB_DB" $( (( SUITE_STARTED )) && for e in "${SUITE_SERVICES[@]}"; do read -r _ _ d <<<"$e"; [[ $d == - ]] || echo "$SUITE_DB_PREFIX$d"; done); do
      psql -qX -d postgres -c "DROP DATABASE IF EXISTS $db WITH (FORCE)" >/dev/null 2>&1 && say "dropped database $db"
    done
    # The suite's Kafka topics go with its databases (a projection must not replay events of
    # accounts that are gone); up.sh formats a new data directory at the next start.
    if (( SUITE_STARTED )) && [[ -d $SUITE_RUN_DIR/kafka/data ]]; then rm -rf "$SUITE_RUN_DIR/kafka/data" && say "removed the suite's Kafka data"; fi
  fi
  say "results in $RESULTS_DIR"
  exit $status
}
trap cleanup EXIT
trap 'exit 130' INT TERM

say "$(nproc) cores, load average $(loadavg); results in $RESULTS_DIR"
say "rounds $ROUNDS, connections '$CONNS', ${DURATION}s per point, warm-up ${WARMUP}s per operation and system, $USERS users, pools of $POOL_SIZE"

# --- the suite ---------------------------------------------------------------------------------
jar_of() { printf '%s/%s/target/%s-%s.jar' "$ROOT" "$1" "$1" "$SUITE_VERSION"; }
if [[ $SUITE == up ]]; then
  # up.sh builds missing or stale jars itself; built here first with `package`, which leaves the
  # local Maven repository alone.
  modules=(discovery-server gateway)
  for entry in "${SUITE_SERVICES[@]}"; do read -r name _ <<<"$entry"; modules+=("$name"); done
  stale=
  for module in "${modules[@]}"; do
    jar=$(jar_of "$module")
    if [[ ! -f $jar || -n $(find "$ROOT/$module/src/main" "$ROOT/common-lib/src/main" "$ROOT/$module/pom.xml" "$ROOT/pom.xml" -newer "$jar" -print -quit 2>/dev/null) ]]; then
      stale=1
    fi
  done
  if [[ -n $stale ]]; then
    say "building the suite's jars (mvnw package)"
    (cd "$ROOT" && ./mvnw -B -q -o -DskipTests -pl "$(IFS=,; echo "${modules[*]}")" -am package) >"$WORK/build.log" 2>&1 \
      || { tail -20 "$WORK/build.log"; die "build failed"; }
  fi
  say "starting the suite: deploy/local/up.sh (run dir $SUITE_RUN_DIR, gateway :$SUITE_GATEWAY_PORT, databases ${SUITE_DB_PREFIX}*)"
  SUITE_STARTED=1
  RUN_DIR=$SUITE_RUN_DIR GATEWAY_PORT=$SUITE_GATEWAY_PORT GATEWAY_MANAGEMENT_PORT=$SUITE_MANAGEMENT_PORT \
    KAFKA_PORT=$SUITE_KAFKA_PORT SUITE_DB_PREFIX=$SUITE_DB_PREFIX PASSPORT_BOOTSTRAP_API_KEY=$API_KEY \
    GATEWAY_AUTH_LIMIT_PER_IP=$BENCH_RATE_LIMIT GATEWAY_APP_BACKEND_LIMIT_PER_IP=$BENCH_RATE_LIMIT \
    "$ROOT/deploy/local/up.sh" >"$WORK/up.log" 2>&1 || { tail -30 "$WORK/up.log"; die "up.sh failed"; }
  grep 'is up in' "$WORK/up.log" | sed 's/^/  /'
elif [[ $SUITE == running ]]; then
  FRESH_LOGINS=0
  say "using the suite running at $SUITE_URL (its rate limits must allow the load: GATEWAY_AUTH_LIMIT_PER_IP, GATEWAY_APP_BACKEND_LIMIT_PER_IP)"
else
  die "SUITE must be up or running, got '$SUITE'"
fi
curl -fs --max-time 5 "$SUITE_URL/" | grep -q '"status":"running"' || die "the suite at $SUITE_URL does not report every service up"

# --- Keycloak: install, database, build, start, provision --------------------------------------
kc_archive=$BENCH_CACHE/keycloak-quarkus-dist-$KCB_VERSION.tar.gz
if [[ ! -x $KCB_HOME/bin/kc.sh ]]; then
  if [[ ! -s $kc_archive ]]; then
    url=https://repo.maven.apache.org/maven2/org/keycloak/keycloak-quarkus-dist/$KCB_VERSION/keycloak-quarkus-dist-$KCB_VERSION.tar.gz
    say "downloading $url"
    curl -fsS -o "$kc_archive.part" "$url" || die "download failed"
    sha=$(curl -fsS "$url.sha1" | cut -c1-40)
    [[ $(sha1sum "$kc_archive.part" | cut -d' ' -f1) == "$sha" ]] || die "the archive's SHA-1 is not Maven Central's"
    mv "$kc_archive.part" "$kc_archive"
  fi
  say "unpacking Keycloak $KCB_VERSION into $BENCH_CACHE"
  tar -xzf "$kc_archive" -C "$BENCH_CACHE"
fi
[[ -x $KCB_HOME/bin/kc.sh ]] || die "no $KCB_HOME/bin/kc.sh after unpacking"

if [[ $(psql -qtAX -d postgres -c "SELECT 1 FROM pg_database WHERE datname = '$KCB_DB'") != 1 ]]; then
  psql -qX -v ON_ERROR_STOP=1 -d postgres -c "CREATE DATABASE $KCB_DB" >/dev/null
  say "created database $KCB_DB"
fi

# Production mode needs a build step for the database vendor; done once per unpacked copy.
kc_build_options=(--db=postgres --health-enabled=true)
if [[ $(cat "$KCB_HOME/.kcb-build" 2>/dev/null) != "${kc_build_options[*]}" ]]; then
  say "kc.sh build ${kc_build_options[*]}"
  (cd "$KCB_HOME" && bin/kc.sh build "${kc_build_options[@]}") >"$WORK/kc-build.log" 2>&1 || { tail -20 "$WORK/kc-build.log"; die "kc.sh build failed"; }
  echo "${kc_build_options[*]}" >"$KCB_HOME/.kcb-build"
fi

for port in "$KCB_PORT" "$KCB_MGMT_PORT"; do
  ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null || die "port $port (Keycloak) is in use: set KCB_PORT / KCB_MGMT_PORT"
done
kc_start_options=(start --optimized --http-enabled=true --http-host=127.0.0.1 --http-port="$KCB_PORT"
  --http-management-port="$KCB_MGMT_PORT" --hostname-strict=false
  --db-url="jdbc:postgresql://$PGHOST:$PGPORT/$KCB_DB" --db-username="$PGUSER"
  # Its default clustered cache binds to a site-local address, which this machine may not have.
  --cache-embedded-network-bind-address=127.0.0.1
  --spi-password-hashing--argon2--memory="$KCB_ARGON2_MEMORY" --spi-password-hashing--argon2--iterations="$KCB_ARGON2_ITERATIONS")
say "starting Keycloak: kc.sh ${kc_start_options[*]}${KCB_HEAP:+ (heap $KCB_HEAP)}"
kc_started=$(date +%s%N)
(
  cd "$KCB_HOME"
  export KC_BOOTSTRAP_ADMIN_USERNAME=$KCB_ADMIN KC_BOOTSTRAP_ADMIN_PASSWORD=$KCB_ADMIN_PASSWORD
  [[ -z $KCB_HEAP ]] || export JAVA_OPTS_KC_HEAP=$KCB_HEAP
  exec setsid bin/kc.sh "${kc_start_options[@]}" </dev/null >"$RESULTS_DIR/keycloak.log" 2>&1
) &
KC_LAUNCHER=$!
until curl -fs -o /dev/null --max-time 2 "http://127.0.0.1:$KCB_MGMT_PORT/health/ready"; do
  if [[ -z $KC_PID ]]; then
    for child in $(ps -o pid= --ppid "$KC_LAUNCHER" 2>/dev/null); do
      grep -q QuarkusEntryPoint "/proc/$child/cmdline" 2>/dev/null && KC_PID=$child
    done
  fi
  kill -0 "$KC_LAUNCHER" 2>/dev/null || { tail -30 "$RESULTS_DIR/keycloak.log"; die "Keycloak exited during start-up"; }
  (( ($(date +%s%N) - kc_started) / 1000000000 < 300 )) || die "Keycloak not ready after 300 s"
  sleep 1
done
[[ -n $KC_PID ]] || die "could not find Keycloak's java process"
say "Keycloak ready in $(( ($(date +%s%N) - kc_started) / 1000000 )) ms (java pid $KC_PID, RSS $(rss_mib "$KC_PID") MiB)"

KC_ADMIN_TOKEN= KC_ADMIN_TOKEN_AT=0
kc_api() { # METHOD PATH [JSON] -> body on stdout; KC_STATUS holds the status
  if (( $(date +%s) - KC_ADMIN_TOKEN_AT > 40 )); then # master's admin tokens live 60 s
    KC_ADMIN_TOKEN=$(curl -fsS "$KCB_URL/realms/master/protocol/openid-connect/token" -d grant_type=password -d client_id=admin-cli \
      --data-urlencode "username=$KCB_ADMIN" --data-urlencode "password=$KCB_ADMIN_PASSWORD" | jq -r .access_token)
    KC_ADMIN_TOKEN_AT=$(date +%s)
  fi
  KC_STATUS=$(curl -sS -o "$WORK/kc-api" -w '%{http_code}' -X "$1" "$KCB_URL/admin$2" -H "Authorization: Bearer $KC_ADMIN_TOKEN" \
    -H 'Content-Type: application/json' ${3:+--data "$3"})
  cat "$WORK/kc-api"
}
kc_api GET "/realms/$KCB_REALM" >/dev/null
if [[ $KC_STATUS == 404 ]]; then
  kc_api POST /realms "{\"realm\":\"$KCB_REALM\",\"enabled\":true}" >/dev/null
  [[ $KC_STATUS == 201 ]] || die "creating realm $KCB_REALM: HTTP $KC_STATUS"
  say "created realm $KCB_REALM (Keycloak's defaults)"
fi
client_json=$(jq -nc --arg id "$KCB_CLIENT" --arg secret "$KCB_SECRET" '{clientId: $id, protocol: "openid-connect", enabled: true,
  publicClient: false, clientAuthenticatorType: "client-secret", secret: $secret, directAccessGrantsEnabled: true}')
client_uuid=$(kc_api GET "/realms/$KCB_REALM/clients?clientId=$KCB_CLIENT" | jq -r '.[0].id // empty')
if [[ -z $client_uuid ]]; then
  kc_api POST "/realms/$KCB_REALM/clients" "$client_json" >/dev/null
  [[ $KC_STATUS == 201 ]] || die "creating client $KCB_CLIENT: HTTP $KC_STATUS"
  client_uuid=$(kc_api GET "/realms/$KCB_REALM/clients?clientId=$KCB_CLIENT" | jq -r '.[0].id')
  # Keycloak 26 introspects a token for a client only when the client is in its audience: without
  # this mapper every introspection answers {"active":false}.
  kc_api POST "/realms/$KCB_REALM/clients/$client_uuid/protocol-mappers/models" "$(jq -nc --arg id "$KCB_CLIENT" '{name: "kcb-audience",
    protocol: "openid-connect", protocolMapper: "oidc-audience-mapper", config: {"included.client.audience": $id,
    "access.token.claim": "true", "id.token.claim": "false", "introspection.token.claim": "true"}}')" >/dev/null
  [[ $KC_STATUS == 201 ]] || die "adding the audience mapper: HTTP $KC_STATUS"
  say "created client $KCB_CLIENT (confidential, direct access grants, audience mapper)"
fi

# The hash a stored password carries, as Keycloak reports it: the proof that the options took.
kc_hash_of() { # username -> credentialData
  local id
  id=$(kc_api GET "/realms/$KCB_REALM/users?username=$1&exact=true" | jq -r '.[0].id // empty')
  [[ -n $id ]] || return 0
  kc_api GET "/realms/$KCB_REALM/users/$id/credentials" | jq -r '.[] | select(.type == "password") | .credentialData'
}
hash_matches() { jq -e --argjson m "$KCB_ARGON2_MEMORY" --argjson t "$KCB_ARGON2_ITERATIONS" \
  '.algorithm == "argon2" and .hashIterations == $t and (.additionalParameters.memory[0] | tonumber) == $m and .additionalParameters.type[0] == "id"' >/dev/null 2>&1; }
declare -A kc_ids=()
while IFS=$'\t' read -r name id; do kc_ids[$name]=$id; done < <(
  kc_api GET "/realms/$KCB_REALM/users?briefRepresentation=true&max=100000" | jq -r '.[] | [.username, .id] | @tsv')
# Passwords stored under other hash settings (an earlier run's) are set again.
reset=0
[[ ${#kc_ids[@]} == 0 ]] || hash_matches <<<"$(kc_hash_of kcb-user0)" || reset=1
say "Keycloak users: ${#kc_ids[@]} exist; creating those missing of kcb-user0..$((USERS - 1))$( ((reset)) && echo ", setting every password again (other hash settings)")"
password_json=$(jq -nc --arg p "$PASSWORD" '{type: "password", value: $p, temporary: false}')
for ((i = 0; i < USERS; i++)); do
  name=kcb-user$i
  if [[ -z ${kc_ids[$name]:-} ]]; then
    kc_api POST "/realms/$KCB_REALM/users" "$(jq -nc --arg u "$name" --arg i "$i" --argjson c "$password_json" '{username: $u, enabled: true,
      email: ($u + "@example.com"), emailVerified: true, firstName: "Bench", lastName: ("User" + $i), credentials: [$c]}')" >/dev/null
    [[ $KC_STATUS == 201 ]] || die "creating $name: HTTP $KC_STATUS $(cat "$WORK/kc-api")"
  elif (( reset )); then
    kc_api PUT "/realms/$KCB_REALM/users/${kc_ids[$name]}/reset-password" "$password_json" >/dev/null
    [[ $KC_STATUS == 204 ]] || die "resetting $name's password: HTTP $KC_STATUS"
  fi
done
KC_HASH=$(kc_hash_of kcb-user0)
say "Keycloak's stored hash of kcb-user0: $KC_HASH"
hash_matches <<<"$KC_HASH" || die "Keycloak does not hash with argon2id m=$KCB_ARGON2_MEMORY t=$KCB_ARGON2_ITERATIONS: the options were not taken"
KC_REALM_SETTINGS=$(kc_api GET "/realms/$KCB_REALM" | jq -c '{accessTokenLifespan, ssoSessionIdleTimeout, revokeRefreshToken, bruteForceProtected,
  passwordPolicy: (.passwordPolicy // "none"), defaultSignatureAlgorithm}')
say "realm $KCB_REALM: $KC_REALM_SETTINGS"

# --- the suite's users --------------------------------------------------------------------------
RUN_ID=$(date +%s)
SUITE_USER_FORMAT="kcb-$RUN_ID-%d@example.com"
say "registering $USERS users in the suite (canonical API, app default)"
for ((i = 0; i < USERS; i++)); do
  email=$(printf "$SUITE_USER_FORMAT" "$i")
  status=$(curl -sS -o "$WORK/register" -w '%{http_code}' -X POST "$SUITE_URL/auth/v1/register" -H "Authorization: Bearer $API_KEY" \
    -H 'Content-Type: application/json' \
    -d "{\"nickname\":\"bench $i\",\"password\":\"$PASSWORD\",\"contact_type\":\"email\",\"contact\":\"$email\",\"app_id\":\"default\"}")
  [[ $status == 201 ]] || die "registering $email: HTTP $status $(cat "$WORK/register")"
done

# --- token pools ---------------------------------------------------------------------------------
# One token per user of the first POOL_SIZE: many sessions and tokens, never one hot token.
ISSUED=0
issue_pool() { # system kind file count; kind: access (validate, me) or refresh; appends to file
  local system=$1 kind=$2 file=$3 count=$4 i user
  [[ -f $file ]] || : >"$file"
  cp "$file" "$file.new"
  for ((i = 0; i < count; i++)); do
    # Users in turn across issues: each token its own user's login, most of them a user of its own.
    user=$((ISSUED++ % USERS))
    if [[ $system == suite && $kind == access ]]; then
      curl -fsS -X POST "$SUITE_URL/auth/v1/login" -H "Authorization: Bearer $API_KEY" -H 'Content-Type: application/json' \
        -d "{\"contact_type\":\"email\",\"contact\":\"$(printf "$SUITE_USER_FORMAT" "$user")\",\"password\":\"$PASSWORD\",\"app_id\":\"default\"}" \
        | jq -er .access_token
    elif [[ $system == suite ]]; then
      curl -fsS -X POST "$SUITE_URL/api/auth/login" -H 'Content-Type: application/json' \
        -d "{\"email\":\"$(printf "$SUITE_USER_FORMAT" "$user")\",\"password\":\"$PASSWORD\"}" | jq -er .refreshToken
    else
      # userinfo needs a token issued with scope openid; introspection takes it as well.
      curl -fsS "$KCB_URL/realms/$KCB_REALM/protocol/openid-connect/token" -d grant_type=password -d "client_id=$KCB_CLIENT" \
        -d "client_secret=$KCB_SECRET" -d "username=kcb-user$user" --data-urlencode "password=$PASSWORD" \
        $([[ $kind == access ]] && echo "-d scope=openid") | jq -er ".${kind}_token"
    fi >>"$file.new" || die "issuing a $kind token of $system for user $user failed"
  done
  mv "$file.new" "$file"
}
declare -A POOL_AT=()
POOL=
pool_for() { # system op: sets POOL to a pool fit for one point of op
  local system=$1 op=$2 kind=access
  POOL=/dev/null
  [[ $op != login ]] || return 0
  [[ $op != refresh ]] || kind=refresh
  POOL=$WORK/pool-$system-$kind
  if [[ $kind == refresh ]]; then
    # The chains a point leaves unused go on in the next; those under way when it ended are lost
    # and made up with new logins.
    [[ -f $POOL ]] || : >"$POOL"
    issue_pool "$system" "$kind" "$POOL" $((POOL_SIZE - $(wc -l <"$POOL")))
  elif [[ ! -s $POOL ]] || (( $(date +%s) - ${POOL_AT[$POOL]:-0} > POOL_MAX_AGE )); then
    rm -f "$POOL"
    issue_pool "$system" "$kind" "$POOL" "$POOL_SIZE"
    POOL_AT[$POOL]=$(date +%s)
  fi
}

# --- measuring ------------------------------------------------------------------------------------
POINTS=$RESULTS_DIR/points.tsv
printf 'round\top\tsystem\tconns\trequests\tseconds\tgood_per_s\tp50_ms\tp99_ms\tbad\tsocket_errors\tkeycloak_cores\tsuite_cores\tgateway_cores\tpassport_cores\tload1\n' >"$POINTS"
TCK=$(getconf CLK_TCK)
ticks_of() { # pids... -> their CPU time so far, in clock ticks
  local pid total=0
  for pid in "$@"; do
    [[ -r /proc/$pid/stat ]] && total=$((total + $(awk '{print $14 + $15}' "/proc/$pid/stat")))
  done
  echo "$total"
}
suite_pids() { [[ $SUITE != up ]] || cat "$SUITE_RUN_DIR"/pids/*.pid 2>/dev/null; }
pid_of() { [[ $SUITE != up ]] || cat "$SUITE_RUN_DIR/pids/$1.pid" 2>/dev/null; }
# wrk_point system op conns seconds label: sets R to wrk's RESULT fields (requests, seconds,
# good answers per second, p50 ms, p99 ms, bad, socket errors), tab-separated
R=
wrk_point() {
  local system=$1 op=$2 conns=$3 seconds=$4 label=$5 url out
  pool_for "$system" "$op"
  if [[ $system == suite ]]; then url=$SUITE_URL; else url=$KCB_URL; fi
  out=$WORK/wrk-$label.txt
  local kc0 suite0 gateway0 passport0 started
  kc0=$(ticks_of "$KC_PID"); suite0=$(ticks_of $(suite_pids)); started=$(date +%s%N)
  gateway0=$(ticks_of $(pid_of gateway)); passport0=$(ticks_of $(pid_of passport-service))
  SYSTEM=$system OP=$op POOL=$POOL POOL_OUT=$([[ $op == refresh ]] && echo "$POOL.left") API_KEY=$API_KEY PASSWORD=$PASSWORD USER_COUNT=$USERS \
    USER_FORMAT=$([[ $system == suite ]] && echo "$SUITE_USER_FORMAT" || echo "kcb-user%d") \
    REALM_PATH=/realms/$KCB_REALM/protocol/openid-connect CLIENT_ID=$KCB_CLIENT CLIENT_SECRET=$KCB_SECRET \
    wrk -t1 -c"$conns" -d"${seconds}s" --timeout 10s --latency -s "$BENCH_DIR/keycloak-compare.lua" "$url" >"$out" 2>&1 \
    || { cat "$out"; die "wrk failed ($label)"; }
  grep -q '^RESULT' "$out" || { cat "$out"; die "no result from wrk ($label)"; }
  if grep -q '^FIRST_BAD' "$out"; then say "  $label: $(grep '^FIRST_BAD' "$out" | cut -f2 | cut -c1-200)"; fi
  # What each system used of the cores while wrk ran (the suite: every process up.sh started;
  # then its gateway and passport alone).
  R=$(grep '^RESULT' "$out" | cut -f2-)$'\t'$(awk -v k0="$kc0" -v k1="$(ticks_of "$KC_PID")" -v s0="$suite0" -v s1="$(ticks_of $(suite_pids))" \
    -v g0="$gateway0" -v g1="$(ticks_of $(pid_of gateway))" -v p0="$passport0" -v p1="$(ticks_of $(pid_of passport-service))" \
    -v ns=$(($(date +%s%N) - started)) -v tck="$TCK" -v up="$([[ $SUITE == up ]] && echo 1)" \
    'function cores(t) {return up ? sprintf("%.2f", t / tck / (ns / 1e9)) : "-"}
     BEGIN {printf "%.2f\t%s\t%s\t%s", (k1 - k0) / tck / (ns / 1e9), cores(s1 - s0), cores(g1 - g0), cores(p1 - p0)}')
  if [[ $op == refresh ]]; then mv "$POOL.left" "$POOL"; fi
}

WARMED=0
say "warm-up: ${WARMUP}s per operation and system at $WARMUP_CONNS connections"
if (( WARMUP > 0 )); then
  for op in $OPS; do
    for system in suite keycloak; do
      wrk_point "$system" "$op" "$WARMUP_CONNS" "$WARMUP" "warmup-$op-$system"
      say "  warm-up $op $system: $(cut -f3 <<<"$R") good/s, bad $(cut -f6 <<<"$R")"
    done
  done
fi

# Raw argon2id after the warm-ups, with both systems idle: what the suite's logins are held against.
bcprov=${BCPROV_JAR:-$HOME/.m2/repository/org/bouncycastle/bcprov-jdk18on/1.86/bcprov-jdk18on-1.86.jar}
[[ -f $bcprov ]] || die "no bcprov jar at $bcprov (BCPROV_JAR)"
"$JAVA_HOME/bin/javac" -nowarn -d "$WORK/classes" -cp "$bcprov" "$BENCH_DIR/Argon2Rate.java" "$BENCH_DIR/FixedRate.java" \
  "$BENCH_DIR/SocketHttp.java" "$BENCH_DIR/ProcessCpu.java"
say "raw argon2id (m=19456 KiB, t=2, $ARGON2_THREADS threads; $ARGON2_JAVA_OPTS)"
# shellcheck disable=SC2086
"$JAVA" $ARGON2_JAVA_OPTS -cp "$WORK/classes:$bcprov" Argon2Rate "$ARGON2_THREADS" "$ARGON2_WARMUP" "$ARGON2_SECONDS" "$ARGON2_REPS" \
  >"$WORK/argon2.txt" 2>&1 || { cat "$WORK/argon2.txt"; die "Argon2Rate failed"; }
sed 's/^/  /' "$WORK/argon2.txt"
ARGON2_RATE=$(sed -n 's/^RESULT hashes_per_s=\([0-9.]*\).*/\1/p' "$WORK/argon2.txt")
ARGON2_LOAD=$(loadavg)

for ((round = 1; round <= ROUNDS; round++)); do
  for op in $OPS; do
    for system in suite keycloak; do
      for conns in $CONNS; do
        wrk_point "$system" "$op" "$conns" "$DURATION" "r$round-$op-$system-c$conns"
        printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$round" "$op" "$system" "$conns" "$R" "$(cut -d' ' -f1 /proc/loadavg)" >>"$POINTS"
        say "round $round $op $system c=$conns: $(awk -F'\t' '{printf "%s good/s, p50 %s ms, p99 %s ms, bad %s; cores used: Keycloak %s, suite %s (gateway %s, passport %s)", $3, $4, $5, $6, $8, $9, $10, $11}' <<<"$R")"
      done
    done
  done
done

# best point of each round: round op system good_per_s p50 p99 conns cores-used-by-that-system gateway-cores passport-cores
awk -F'\t' 'NR > 1 {k = $1 SUBSEP $2 SUBSEP $3; if (!(k in best) || $7 > best[k]) {best[k] = $7; line[k] = $1 "\t" $2 "\t" $3 "\t" $7 "\t" $8 "\t" $9 "\t" $4 "\t" ($3 == "suite" ? $13 : $12) "\t" $14 "\t" $15}}
  END {for (k in line) print line[k]}' "$POINTS" | sort -k1,1n -k2,2 -k3,3 >"$RESULTS_DIR/best.tsv"
best_of() { awk -F'\t' -v op="$1" -v s="$2" -v col="$3" '$2 == op && $3 == s {print $col}' "$RESULTS_DIR/best.tsv"; }
ratios_of() { # op -> suite / Keycloak of each round
  awk -F'\t' -v op="$1" '$2 == op {rate[$1, $3] = $4; rounds[$1]}
    END {for (r in rounds) if (rate[r, "keycloak"] > 0) printf "%.2f\n", rate[r, "suite"] / rate[r, "keycloak"]}' "$RESULTS_DIR/best.tsv"
}

# --- validation: p99 at half the suite's maximum, open loop ---------------------------------------
FIXED_LINE=
max=$(best_of validate suite 4 | median)
rate=$(awk -v m="$max" 'BEGIN {printf "%d", (m == "-") ? 0 : m / 2}')
if [[ " $OPS " == *" validate "* ]] && (( rate > 0 )); then
  pool_for suite validate
  say "validate open loop: $rate req/s (half of the suite's $max) for ${FIXED_SECONDS}s after ${FIXED_WARMUP}s, $FIXED_CONNECTIONS connections, $(wc -l <"$POOL") tokens"
  "$JAVA" -Xms128m -Xmx256m -XX:+UseSerialGC -Dconnections="$FIXED_CONNECTIONS" -Dtransport=socket -Dthreads=platform -Dtokens="$POOL" \
    -cp "$WORK/classes" FixedRate "$SUITE_URL/auth/v1/token/validate" "$rate" "$FIXED_SECONDS" "$FIXED_WARMUP" \
    '{"token":"{{token}}"}' "Authorization: Bearer $API_KEY" >"$WORK/fixed-rate.txt" 2>&1 &
  GENERATOR_PID=$!
  wait "$GENERATOR_PID" || { cat "$WORK/fixed-rate.txt"; die "FixedRate failed"; }
  GENERATOR_PID=
  sed 's/^/  /' "$WORK/fixed-rate.txt"
  FIXED_LINE=$(grep '^RESULT' "$WORK/fixed-rate.txt")
  FIXED_LOAD=$(loadavg)
fi

# --- logins of a fresh passport JVM ----------------------------------------------------------------
FRESH_RATES=
if [[ $FRESH_LOGINS == 1 && " $OPS " == *" login "* ]]; then
  pid_file=$SUITE_RUN_DIR/pids/passport-service.pid
  old=$(cat "$pid_file")
  # Started again exactly as up.sh started it: the same command line and environment.
  mapfile -d '' -t fresh_cmd <"/proc/$old/cmdline"
  mapfile -d '' -t fresh_env <"/proc/$old/environ"
  fresh_port=$(printf '%s\n' "${fresh_env[@]}" | sed -n 's/^SERVER_PORT=//p')
  say "fresh passport JVM: stopping pid $old, starting it again the way up.sh did"
  login_status() {
    curl -s -o /dev/null -w '%{http_code}' --max-time 10 -X POST "$SUITE_URL/auth/v1/login" -H "Authorization: Bearer $API_KEY" \
      -H 'Content-Type: application/json' \
      -d "{\"contact_type\":\"email\",\"contact\":\"$(printf "$SUITE_USER_FORMAT" 0)\",\"password\":\"$PASSWORD\",\"app_id\":\"default\"}"
  }
  gateway_log=$SUITE_RUN_DIR/logs/gateway.log
  seen=$(wc -l <"$gateway_log")
  stop_pid "$old" 30
  # The gateway learns of the stop from the discovery server some seconds later, and until then
  # keeps the old instance (and answers 503 as its connections are refused). Started before the
  # gateway has dropped it, the new JVM's first seconds would be measured as the gateway's "no
  # instance" answers once the news arrives: wait until its log says it has no instance.
  gone=$(date +%s)
  until login_status >/dev/null; tail -n +$((seen + 1)) "$gateway_log" | grep -q 'not contain an instance for the service passport-service\|No servers available for service: passport-service'; do
    (( $(date +%s) - gone < 120 )) || die "the gateway still has passport-service's instance 120 s after it stopped"
    sleep 1
  done
  say "  the gateway dropped the stopped instance after $(( $(date +%s) - gone )) s"
  (exec env -i "${fresh_env[@]}" setsid "${fresh_cmd[@]}" >>"$SUITE_RUN_DIR/logs/passport-service.out" 2>&1 </dev/null) &
  echo $! >"$pid_file"
  fresh_started=$(date +%s%N)
  until curl -fs -o /dev/null --max-time 2 "http://127.0.0.1:$fresh_port/actuator/health/readiness"; do
    kill -0 "$(cat "$pid_file")" 2>/dev/null || die "passport-service exited during start-up"
    (( ($(date +%s%N) - fresh_started) / 1000000000 < 300 )) || die "passport-service not ready after 300 s"
    sleep 0.2
  done
  ready_ms=$(( ($(date +%s%N) - fresh_started) / 1000000 ))
  # The first login through the gateway shows that it routes to the new instance.
  first_login=$(date +%s%N)
  until [[ $(login_status) == 200 ]]; do
    (( ($(date +%s%N) - first_login) / 1000000000 < 60 )) || die "no login through the gateway within 60 s of passport's restart"
    sleep 0.2
  done
  say "  ready in $ready_ms ms; first login through the gateway $(( ($(date +%s%N) - first_login) / 1000000 )) ms after that"
  for ((t = 0; t < FRESH_SECONDS; t += FRESH_WINDOW)); do
    wrk_point suite login "$FRESH_CONNS" "$FRESH_WINDOW" "fresh-$t"
    FRESH_RATES="$FRESH_RATES $(cut -f3 <<<"$R")"
    say "  seconds $t-$((t + FRESH_WINDOW)) after ready: $(awk -F'\t' '{printf "%s logins/s, p50 %s ms, p99 %s ms, bad %s", $3, $4, $5, $6}' <<<"$R")"
  done
fi

# --- summary ----------------------------------------------------------------------------------------
declare -A GOAL=([login]=1.2 [refresh]=1.5 [validate]=3 [me]=1.5)
declare -A NAME=([login]="login (password)" [refresh]="refresh" [validate]="token validation / introspection" [me]="authenticated GET (me / userinfo)")
met() { if awk -v v="$1" -v g="$2" 'BEGIN {exit !(v != "-" && v >= g)}'; then echo yes; else echo NO; fi; }
spread() { local v; v=$(cat); printf '%s [%s]' "$(median <<<"$v")" "$(range <<<"$v")"; }
suite_rss=
if [[ $SUITE == up ]]; then
  for f in "$SUITE_RUN_DIR"/pids/*.pid; do suite_rss="$suite_rss $(basename "$f" .pid) $(rss_mib "$(cat "$f")"),"; done
fi
{
  echo "# Passport Suite against Keycloak $KCB_VERSION, $(date -u +%Y-%m-%dT%H:%MZ)"
  echo
  echo "$(nproc) cores; wrk -t1, best of connections '$CONNS' per round, ${DURATION}s per point, $ROUNDS round(s), warm-up ${WARMUP}s;"
  echo "suite through its gateway ($SUITE_URL, SUITE=$SUITE), Keycloak directly; pools of $POOL_SIZE tokens, $USERS users each."
  echo
  echo "| operation | suite req/s median [range] | Keycloak req/s median [range] | ratio median [range] | goal | met? | suite p50 / p99 ms | Keycloak p50 / p99 ms | cores used (suite / Keycloak) | bad (suite / Keycloak) |"
  echo "|---|---|---|---|---|---|---|---|---|---|"
  for op in $OPS; do
    ratio_median=$(ratios_of "$op" | median)
    bad_suite=$(awk -F'\t' -v op="$op" '$2 == op && $3 == "suite" {s += $10} END {print s + 0}' "$POINTS")
    bad_kc=$(awk -F'\t' -v op="$op" '$2 == op && $3 == "keycloak" {s += $10} END {print s + 0}' "$POINTS")
    printf '| %s | %s | %s | %s | >= %sx | %s | %s / %s | %s / %s | %s / %s | %s / %s |\n' "${NAME[$op]}" \
      "$(best_of "$op" suite 4 | spread)" "$(best_of "$op" keycloak 4 | spread)" "$(ratios_of "$op" | spread)" "${GOAL[$op]}" \
      "$(met "$ratio_median" "${GOAL[$op]}")" "$(best_of "$op" suite 5 | median)" "$(best_of "$op" suite 6 | median)" \
      "$(best_of "$op" keycloak 5 | median)" "$(best_of "$op" keycloak 6 | median)" \
      "$(best_of "$op" suite 8 | median) (gateway $(best_of "$op" suite 9 | median), passport $(best_of "$op" suite 10 | median))" \
      "$(best_of "$op" keycloak 8 | median)" "$bad_suite" "$bad_kc"
  done
  if [[ " $OPS " == *" login "* ]]; then
    shares=$(best_of login suite 4 | awk -v a="$ARGON2_RATE" '{printf "%.2f\n", $1 / a}')
    printf '| suite login / raw argon2id (%s hashes/s, %s threads) | %s | | | >= 0.85 | %s | | | | |\n' "$ARGON2_RATE" "$ARGON2_THREADS" \
      "$(spread <<<"$shares")" "$(met "$(median <<<"$shares")" 0.85)"
  fi
  if [[ -n $FIXED_LINE ]]; then
    p99=$(sed -n 's/.* p99_ms=\([0-9.]*\).*/\1/p' <<<"$FIXED_LINE")
    awk -v line="$FIXED_LINE" -v n="$POOL_SIZE" -v p99="$p99" -v verdict="$(awk -v p="$p99" 'BEGIN {print (p <= 5) ? "yes" : "NO"}')" 'BEGIN {
      split(line, f, " "); for (i in f) {split(f[i], kv, "="); v[kv[1]] = kv[2]}
      printf "| suite validate p99, open loop at %s req/s (achieved %s, %s tokens) | p50 %s ms, p99 %s ms | | | <= 5 ms | %s | | | | %d |\n",
        v["target"], v["achieved"], n, v["p50_ms"], v["p99_ms"], verdict, v["non2xx"] + v["errors"] }'
  fi
  echo
  echo "- raw argon2id: $ARGON2_RATE hashes/s (Argon2Rate, m=19456 KiB t=2, $ARGON2_THREADS threads, $ARGON2_JAVA_OPTS; load average after: $ARGON2_LOAD)"
  [[ -z $FRESH_RATES ]] || echo "- fresh passport JVM (restarted as up.sh starts it), logins/s per ${FRESH_WINDOW}s window from ready, ${FRESH_CONNS} connections:$FRESH_RATES"
  echo "- Keycloak: production mode (start --optimized), PostgreSQL $KCB_DB, defaults except argon2 (stored: $KC_HASH) and an audience mapper; realm $KC_REALM_SETTINGS"
  echo "- RSS MiB now: Keycloak $(rss_mib "$KC_PID") (peak $(awk '/^VmHWM:/ {printf "%.0f", $2 / 1024}' "/proc/$KC_PID/status"))${suite_rss:+; suite:${suite_rss%,}}"
  echo "- load average at the end: $(loadavg); per point in points.tsv"
} >"$RESULTS_DIR/summary.md"
echo
cat "$RESULTS_DIR/summary.md"
