#!/usr/bin/env bash
# Starts the whole suite on this machine and returns once every service is healthy:
# PostgreSQL databases, a Kafka broker, the discovery server, the five services and the gateway.
# Stop it with deploy/local/down.sh. Settings (all optional) are listed in the README.
set -euo pipefail

source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

RUN_DIR=${RUN_DIR:-$SUITE_ROOT/deploy/local/run}
LOG_DIR=$RUN_DIR/logs
PID_DIR=$RUN_DIR/pids
GATEWAY_PORT=${GATEWAY_PORT:-8080}
# The gateway's health and metrics: a port of their own, not the public one.
export GATEWAY_MANAGEMENT_PORT=${GATEWAY_MANAGEMENT_PORT:-8090}
DISCOVERY_PORT=8761
KAFKA_PORT=${KAFKA_PORT:-9092}
# The address every process of the suite listens on: this machine only, unless told otherwise
# (0.0.0.0 for every interface, or one of this machine's addresses). Kafka and an embedded
# PostgreSQL always stay on 127.0.0.1: only the suite's own processes talk to them.
SUITE_BIND_ADDRESS=${SUITE_BIND_ADDRESS:-127.0.0.1}
STARTUP_TIMEOUT=${STARTUP_TIMEOUT:-300}
# Put before every service's database name: a second suite on the same PostgreSQL (a benchmark's,
# say) keeps its data apart from the developer's.
SUITE_DB_PREFIX=${SUITE_DB_PREFIX:-}
# Small heaps: the whole suite, Kafka included, stays well under 4 GiB of resident memory.
SUITE_JAVA_OPTS=${SUITE_JAVA_OPTS:--Xms32m -Xmx160m -XX:MaxMetaspaceSize=160m -XX:ReservedCodeCacheSize=48m -Xss512k -XX:+UseSerialGC -XX:TieredStopAtLevel=1}
# Passport hashes passwords (argon2id), and C1-only code hashes 2.3x slower: tiered compilation.
# C2 alone hashed as fast, but left the rest of a request interpreted for a minute and more: a
# fresh JVM served fewer logins and far fewer other requests (bench/passport-jit.sh).
PASSPORT_JAVA_OPTS=${PASSPORT_JAVA_OPTS:--Xms64m -Xmx192m -XX:MaxMetaspaceSize=160m -XX:ReservedCodeCacheSize=64m -Xss512k -XX:+UseSerialGC}
# The gateway carries every request: C1-only code cost it 30-45 % of its throughput (measured with
# bench/keycloak-compare.sh); tiered compilation reaches C2 for its hot paths within seconds.
GATEWAY_JAVA_OPTS=${GATEWAY_JAVA_OPTS:--Xms64m -Xmx192m -XX:MaxMetaspaceSize=160m -XX:ReservedCodeCacheSize=64m -Xss512k -XX:+UseSerialGC}
# asset-service decodes uploaded images: up to asset.images.decoding-bytes (128 MiB, counted from
# each image's sample depth) besides its own heap.
ASSET_JAVA_OPTS=${ASSET_JAVA_OPTS:--Xms32m -Xmx320m -XX:MaxMetaspaceSize=160m -XX:ReservedCodeCacheSize=48m -Xss512k -XX:+UseSerialGC -XX:TieredStopAtLevel=1}
# Uploaded files of the filesystem store, with the suite's other run-time data.
export ASSET_DIR=${ASSET_DIR:-$RUN_DIR/assets}
# Ahead-of-time cache (JDK 25, JEP 483/514/515): each JVM starts from the classes that a training
# run of the same jar and options loaded and linked, and the method profiles it gathered, so start-up
# skips most class loading and verification. Trained once into RUN_DIR/aot, again when the jar, the
# JVM options or the JDK change; false starts the jars as built.
SUITE_AOT_CACHE=${SUITE_AOT_CACHE:-true}
AOT_DIR=$RUN_DIR/aot

started_at=$(date +%s)
mkdir -p "$LOG_DIR" "$PID_DIR"

say() { printf '%s\n' "$*"; }
fail() {
  say "up.sh: $*" >&2
  say "up.sh: stopping what this run started" >&2
  # A broker still starting has no pid file yet for down.sh to find: let it finish first.
  [[ -z "${kafka_starter:-}" ]] || wait "$kafka_starter" 2>/dev/null || true
  "$SUITE_ROOT/deploy/local/down.sh" >&2 || true
  exit 1
}

select_jdk || exit 1
say "JDK: $JAVA_HOME"

if [[ ! "$SUITE_DB_PREFIX" =~ ^[a-z0-9_]*$ ]]; then
  say "up.sh: SUITE_DB_PREFIX may hold only lower-case letters, digits and '_', got '$SUITE_DB_PREFIX'" >&2
  exit 1
fi
if [[ ! "$SUITE_BIND_ADDRESS" =~ ^([0-9]{1,3}\.){3}[0-9]{1,3}$ ]]; then
  say "up.sh: SUITE_BIND_ADDRESS must be an IPv4 address (127.0.0.1, 0.0.0.0 or one of this machine's), got '$SUITE_BIND_ADDRESS'" >&2
  exit 1
fi
# Where this script and the suite's processes reach what listens on SUITE_BIND_ADDRESS.
if [[ "$SUITE_BIND_ADDRESS" == 0.0.0.0 ]]; then SUITE_HOST=127.0.0.1; else SUITE_HOST=$SUITE_BIND_ADDRESS; fi
# Codes come back in answers (test mode) unless SMTP is configured or test mode is switched off:
# then anyone who reaches the suite can reset any password, so test mode stays on this machine.
codes_shown=${PASSPORT_CODES_TEST_MODE:-$([[ -n "${SPRING_MAIL_HOST:-}" || "${SPRING_PROFILES_ACTIVE:-local}" != *local* ]] && echo false || echo true)}
if [[ "${codes_shown,,}" != false && "$SUITE_BIND_ADDRESS" != 127.* ]]; then
  say "up.sh: SUITE_BIND_ADDRESS=$SUITE_BIND_ADDRESS would open the suite to the network while verification codes" >&2
  say "       come back in answers (test mode): anyone who reaches it could take over any account. Configure" >&2
  say "       SMTP (SPRING_MAIL_HOST, ...) or set PASSPORT_CODES_TEST_MODE=false, or keep 127.0.0.1." >&2
  exit 1
fi

# Running suite from an earlier up.sh? Then there is nothing to do but report it.
if [[ -f "$PID_DIR/gateway.pid" ]] && kill -0 "$(cat "$PID_DIR/gateway.pid")" 2>/dev/null; then
  say "The suite is already running (gateway pid $(cat "$PID_DIR/gateway.pid")); deploy/local/down.sh stops it."
  exit 0
fi

port_free() { ! (exec 3<>"/dev/tcp/$SUITE_HOST/$1") 2>/dev/null; }
for entry in "discovery-server $DISCOVERY_PORT" "${SUITE_SERVICES[@]}" "gateway $GATEWAY_PORT" "gateway $GATEWAY_MANAGEMENT_PORT"; do
  read -r name port _ <<<"$entry"
  port_free "$port" || { say "up.sh: port $port (for $name) is already in use; stop whatever holds it first." >&2; exit 1; }
done

# --- Build -----------------------------------------------------------------------------------
jar_of() { printf '%s/%s/target/%s-%s.jar' "$SUITE_ROOT" "$1" "$1" "$SUITE_VERSION"; }
modules=(discovery-server gateway)
for entry in "${SUITE_SERVICES[@]}"; do read -r name _ <<<"$entry"; modules+=("$name"); done
stale=""
for module in "${modules[@]}"; do
  jar=$(jar_of "$module")
  if [[ ! -f "$jar" ]] || [[ -n "$(find "$SUITE_ROOT/$module/src/main" "$SUITE_ROOT/common-lib/src/main" "$SUITE_ROOT/$module/pom.xml" "$SUITE_ROOT/pom.xml" -newer "$jar" -print -quit 2>/dev/null)" ]]; then
    stale="$stale $module"
  fi
done
if [[ -n "$stale" ]]; then
  say "Building (missing or stale:$stale) ... log: $LOG_DIR/build.log"
  (cd "$SUITE_ROOT" && ./mvnw -B -q -DskipTests -pl "$(IFS=,; echo "common-lib,${modules[*]}")" install) >"$LOG_DIR/build.log" 2>&1 \
    || { tail -30 "$LOG_DIR/build.log" >&2; say "up.sh: the build failed; see $LOG_DIR/build.log" >&2; exit 1; }
fi

# --- PostgreSQL ------------------------------------------------------------------------------
# DATABASE_URL=postgresql://user:password@host:port/ wins; then PGHOST/PGPORT/PGUSER/PGPASSWORD.
DB_HOST=${PGHOST:-127.0.0.1}; DB_PORT=${PGPORT:-5432}; DB_USER=${PGUSER:-postgres}; DB_PASSWORD=${PGPASSWORD:-}
if [[ -n "${DATABASE_URL:-}" ]]; then
  if [[ "$DATABASE_URL" =~ ^postgres(ql)?://(([^:@/]+)(:([^@/]*))?@)?([^:/]+)(:([0-9]+))?(/.*)?$ ]]; then
    DB_USER=${BASH_REMATCH[3]:-$DB_USER}; DB_PASSWORD=${BASH_REMATCH[5]:-$DB_PASSWORD}
    DB_HOST=${BASH_REMATCH[6]}; DB_PORT=${BASH_REMATCH[8]:-5432}
  else
    say "up.sh: DATABASE_URL must look like postgresql://user:password@host:5432/" >&2; exit 1
  fi
fi
tools_dir=$RUN_DIR/tools
mkdir -p "$tools_dir"
pg_driver=$(find "$tools_dir" -name 'postgresql-*.jar' -print -quit)
if [[ -z "$pg_driver" ]]; then
  passport_jar=$(jar_of passport-service)
  entry=$("$JAVA_HOME/bin/jar" tf "$passport_jar" | grep '^BOOT-INF/lib/postgresql-.*\.jar$' | head -1)
  (cd "$tools_dir" && "$JAVA_HOME/bin/jar" xf "$passport_jar" "$entry")
  pg_driver=$tools_dir/$entry
fi
databases=()
for entry in "${SUITE_SERVICES[@]}"; do read -r _ _ db <<<"$entry"; [[ "$db" == "-" ]] || databases+=("$SUITE_DB_PREFIX$db"); done
set +e
"$JAVA_HOME/bin/java" -cp "$pg_driver" "$SUITE_ROOT/deploy/local/EnsureDatabases.java" \
  "$DB_HOST" "$DB_PORT" "$DB_USER" "$DB_PASSWORD" "${databases[@]}" 2>"$LOG_DIR/databases.log"
db_status=$?
set -e
if (( db_status == 3 )); then
  cat "$LOG_DIR/databases.log" >&2
  if (( EUID == 0 )); then
    say "up.sh: no PostgreSQL server answers at $DB_HOST:$DB_PORT, and PostgreSQL refuses to run as root," >&2
    say "       so none can be started for you. Start one (e.g. 'pg_ctlcluster 15 main start'), or point the" >&2
    say "       suite at one: DATABASE_URL=postgresql://user:password@host:5432/ deploy/local/up.sh" >&2
    exit 1
  fi
  "$SUITE_ROOT/deploy/local/embedded-postgres.sh" "$RUN_DIR" "$DB_PORT" || exit 1
  DB_HOST=127.0.0.1; DB_USER=postgres; DB_PASSWORD=
  "$JAVA_HOME/bin/java" -cp "$pg_driver" "$SUITE_ROOT/deploy/local/EnsureDatabases.java" \
    "$DB_HOST" "$DB_PORT" "$DB_USER" "$DB_PASSWORD" "${databases[@]}" || exit 1
elif (( db_status != 0 )); then
  cat "$LOG_DIR/databases.log" >&2
  say "up.sh: could not prepare the databases on $DB_HOST:$DB_PORT" >&2
  exit 1
fi
say "PostgreSQL: $DB_HOST:$DB_PORT (databases ${databases[*]})"

# --- Kafka -----------------------------------------------------------------------------------
if [[ -n "${KAFKA_BOOTSTRAP_SERVERS:-}" ]]; then
  say "Kafka: external cluster at $KAFKA_BOOTSTRAP_SERVERS"
else
  # Started in the background: the discovery server, which does not need the broker, starts (and
  # on a first start, trains) meanwhile. await_kafka waits for it before anything that does.
  MVN="$SUITE_ROOT/mvnw" "$SUITE_ROOT/deploy/local/kafka/start-kafka.sh" "$RUN_DIR" "$KAFKA_PORT" &
  kafka_starter=$!
  KAFKA_BOOTSTRAP_SERVERS=127.0.0.1:$KAFKA_PORT
fi
await_kafka() {
  [[ -n "${kafka_starter:-}" ]] || return 0
  local starter=$kafka_starter
  wait "$starter" || { kafka_starter=; fail "Kafka did not start; see $LOG_DIR/kafka.log"; }
  kafka_starter=
}

# --- Services --------------------------------------------------------------------------------
export EUREKA_URL=http://$SUITE_HOST:$DISCOVERY_PORT/eureka/
# Services register under the address the gateway then calls them on.
[[ "$SUITE_HOST" == 127.0.0.1 ]] || export EUREKA_INSTANCE_HOSTNAME=${EUREKA_INSTANCE_HOSTNAME:-$SUITE_HOST}
export KAFKA_BOOTSTRAP_SERVERS DB_HOST DB_PORT DB_USER DB_PASSWORD
export LOG_DIR
# Every line is in $LOG_DIR/<service>.log, rolled at 20 MB with seven kept. The console, captured
# in <service>.out and never rolled, gets warnings and errors only: a suite left running under
# load would otherwise fill the disk with a second copy of every line (the gateway's access log:
# one line per request), and each copy is a write per line.
export LOGGING_THRESHOLD_CONSOLE=${LOGGING_THRESHOLD_CONSOLE:-WARN}
export SUITE_ENVIRONMENT=${SUITE_ENVIRONMENT:-development}
# Local mode: bootstraps a default app and its API key so the API can be tried at once.
export SPRING_PROFILES_ACTIVE=${SPRING_PROFILES_ACTIVE:-local}
export PASSPORT_BOOTSTRAP_API_KEY=${PASSPORT_BOOTSTRAP_API_KEY:-psk_local_default_change_me}
# ... and an administrator of that app (role 9) for the back office.
export ADMIN_BOOTSTRAP_USERNAME=${ADMIN_BOOTSTRAP_USERNAME:-admin}
export ADMIN_BOOTSTRAP_PASSWORD=${ADMIN_BOOTSTRAP_PASSWORD:-local-admin-2026}
# Where clients reach the gateway (the base of jwks_uri in passport's discovery document).
export PASSPORT_PUBLIC_BASE_URL=${PASSPORT_PUBLIC_BASE_URL:-http://$SUITE_HOST:$GATEWAY_PORT}
# Without an SMTP server nothing is delivered: passport then shows codes (206 TEST_MODE_ONLY) and
# notification-service logs the messages. SPRING_MAIL_HOST (and _PORT, _USERNAME, _PASSWORD)
# point the suite at a real server instead.
if [[ -n "${SPRING_MAIL_HOST:-}" ]]; then
  export PASSPORT_CODES_TEST_MODE=${PASSPORT_CODES_TEST_MODE:-false}
fi

options_of() { # name
  case $1 in
    passport-service) printf '%s' "$PASSPORT_JAVA_OPTS" ;;
    asset-service) printf '%s' "$ASSET_JAVA_OPTS" ;;
    gateway) printf '%s' "$GATEWAY_JAVA_OPTS" ;;
    *) printf '%s' "$SUITE_JAVA_OPTS" ;;
  esac
}

# The environment a service starts with: its port, address and database.
service_env() { # name port db
  [[ "$3" == "-" ]] || export DB_NAME=$3
  export SERVER_PORT=$2 SERVER_ADDRESS=$SUITE_BIND_ADDRESS
  # The gateway's management port is a server of its own, with its own address.
  [[ "$1" != gateway ]] || export MANAGEMENT_SERVER_ADDRESS=$SUITE_BIND_ADDRESS
}

# What an AOT cache was trained from: it serves only that jar, those options and that JDK.
aot_key() { # name
  printf '%s\n' "$(stat -c '%s %Y' "$(jar_of "$1")")" "$(options_of "$1")" "$(grep '^JAVA_RUNTIME_VERSION=' "$JAVA_HOME/release")"
}
aot_ready() { # name
  # The JVM that writes a cache deletes its app.aot.config when done: one still there is a cache
  # cut short (kept, with its key, by an up.sh before train_aot checked the training's log).
  [[ "$SUITE_AOT_CACHE" == true && -s "$AOT_DIR/$1/app.aot" && ! -e "$AOT_DIR/$1/app.aot.config" ]] &&
    [[ "$(cat "$AOT_DIR/$1/key" 2>/dev/null)" == "$(aot_key "$1")" ]]
}

# A training run: the jar extracted to plain jars (a cache needs them, not the nested ones of the
# Spring Boot jar) is started as the service itself, with the suite's database, broker and
# discovery server, and stopped (SIGTERM) once its readiness probe answers. At exit the JVM writes
# the cache of what it loaded and linked, and the method profiles it gathered. Run to readiness,
# not only to the end of the context refresh: the classes of the web server's start, the
# registration in discovery and the Kafka consumers' first poll (1,900 of passport's 2,700
# classes otherwise loaded from the jars) are in the cache too. It is a start of the service like
# any other: its lines go to the service's log.
train_aot() { # name port db
  local name=$1 dir=$AOT_DIR/$1 options ready_port=$2 pid deadline=$((SECONDS + STARTUP_TIMEOUT))
  [[ "$name" != gateway ]] || ready_port=$GATEWAY_MANAGEMENT_PORT
  # The metaspace limit also bounds the cache the JVM can write at exit: held to the services'
  # 160m, the gateway's training failed ("Unable to allocate from 'ro' region") with about 140 MB
  # of its cache written, and wrote it with the limit lifted. Lifted for the training run only:
  # the cache (about 130 MB for the gateway and passport) serves JVMs started with 160m.
  options="$(options_of "$name") -XX:MaxMetaspaceSize=512m"
  rm -rf "$dir" && mkdir -p "$dir"
  "$JAVA_HOME/bin/java" -Djarmode=tools -jar "$(jar_of "$name")" extract --destination "$dir/app" >"$dir/training.log" 2>&1 || return 1
  # shellcheck disable=SC2086 # the options are a list
  (
    service_env "$@"
    # timeout passes the SIGTERM below on to the JVM, and ends one that does not exit in time. The
    # exit is long: the JVM starts a second one that writes the cache (30-60 s with other trainings
    # running on 2 cores), so the kill that follows the SIGTERM waits as long as a start may.
    exec timeout -k "$STARTUP_TIMEOUT" $((2 * STARTUP_TIMEOUT)) "$JAVA_HOME/bin/java" $options -XX:AOTCacheOutput="$dir/app.aot" \
      -Dpassport.suite.run="$RUN_DIR" -jar "$dir/app/$(basename "$(jar_of "$name")")" \
      >>"$dir/training.log" 2>&1 </dev/null
  ) &
  pid=$!
  until curl -fs -o /dev/null --max-time 2 "http://$SUITE_HOST:$ready_port/actuator/health/readiness"; do
    kill -0 "$pid" 2>/dev/null && (( SECONDS < deadline )) || break
    sleep 0.5
  done
  kill -TERM "$pid" 2>/dev/null || true
  wait "$pid" || true # 143: stopped by SIGTERM, as intended
  # Only a cache the JVM reports whole is kept: one cut short by a kill has a bad header, and a
  # JVM given it starts without a cache at every start, with an error on its console.
  grep -qF "AOTCache creation is complete: $dir/app.aot" "$dir/training.log" && [[ -s "$dir/app.aot" ]] || {
    rm -f "$dir/app.aot" "$dir/app.aot.config"
    say "  no AOT cache for $name (it starts without one); see $dir/training.log"
    return 1
  }
  aot_key "$name" >"$dir/key"
}

# Trains the caches of the given entries ("name port db") that are missing or stale: as many at
# a time as there are processors (all at once would only make them wait for each other).
train_stale() {
  [[ "$SUITE_AOT_CACHE" == true ]] || return 0
  local entry name port db stale=() running=() alive p
  for entry; do read -r name _ <<<"$entry"; aot_ready "$name" || stale+=("$entry"); done
  (( ${#stale[@]} > 0 )) || return 0
  say "Training AOT caches (new or changed jars, JVM options or JDK): ${stale[*]%% *}"
  for entry in "${stale[@]}"; do
    while :; do
      alive=()
      for p in "${running[@]}"; do kill -0 "$p" 2>/dev/null && alive+=("$p"); done
      running=("${alive[@]}")
      (( ${#running[@]} < $(nproc) )) && break
      sleep 0.5
    done
    read -r name port db <<<"$entry"
    [[ "$db" == "-" ]] || db=$SUITE_DB_PREFIX$db
    train_aot "$name" "$port" "$db" &
    running+=("$!")
  done
  for p in "${running[@]}"; do wait "$p" || true; done
}

start_jvm() { # name port [db]
  local name=$1 port=$2 db=${3:--} options jar
  options=$(options_of "$name")
  jar=$(jar_of "$name")
  if aot_ready "$name"; then
    jar=$AOT_DIR/$name/app/$(basename "$jar")
    options="$options -XX:AOTCache=$AOT_DIR/$name/app.aot"
  fi
  # shellcheck disable=SC2086 # the options are a list
  (
    service_env "$name" "$port" "$db"
    exec setsid "$JAVA_HOME/bin/java" $options -Dpassport.suite.run="$RUN_DIR" -jar "$jar" \
      >"$LOG_DIR/$name.out" 2>&1 </dev/null
  ) &
  echo $! >"$PID_DIR/$name.pid"
}

await_ready() { # name port
  local name=$1 port=$2 deadline=$((SECONDS + STARTUP_TIMEOUT))
  until curl -fs -o /dev/null --max-time 2 "http://$SUITE_HOST:$port/actuator/health/readiness"; do
    if ! kill -0 "$(cat "$PID_DIR/$name.pid")" 2>/dev/null; then
      tail -20 "$LOG_DIR/$name.out" >&2
      fail "$name exited during start-up; its log: $LOG_DIR/$name.log (console output: $LOG_DIR/$name.out)"
    fi
    (( SECONDS < deadline )) || fail "$name did not become ready within ${STARTUP_TIMEOUT}s; its log: $LOG_DIR/$name.log"
    sleep 1
  done
  say "  $name ready on :$port"
}

say "Starting the discovery server and the services ..."
train_stale "discovery-server $DISCOVERY_PORT -"
start_jvm discovery-server "$DISCOVERY_PORT"
await_kafka
await_ready discovery-server "$DISCOVERY_PORT"
# The services' training runs register in discovery and use the broker like the services do.
train_stale "${SUITE_SERVICES[@]}" "gateway $GATEWAY_PORT -"
for entry in "${SUITE_SERVICES[@]}"; do
  read -r name port db <<<"$entry"
  [[ "$db" == "-" ]] || db=$SUITE_DB_PREFIX$db
  start_jvm "$name" "$port" "$db"
done
start_jvm gateway "$GATEWAY_PORT"
for entry in "${SUITE_SERVICES[@]}" "gateway $GATEWAY_MANAGEMENT_PORT"; do
  read -r name port _ <<<"$entry"
  await_ready "$name" "$port"
done

# Every service is ready; the gateway sees them once discovery has told it (a few seconds).
deadline=$((SECONDS + 60))
until status=$(curl -fs --max-time 5 "http://$SUITE_HOST:$GATEWAY_PORT/") && [[ "$status" == *'"status":"running"'* ]]; do
  (( SECONDS < deadline )) || fail "the gateway does not report every service up: ${status:-no answer}; logs in $LOG_DIR"
  sleep 1
done

rss_kb=0
for pid_file in "$PID_DIR"/*.pid; do
  rss=$(ps -o rss= -p "$(cat "$pid_file")" 2>/dev/null || echo 0)
  rss_kb=$((rss_kb + ${rss:-0}))
done

if [[ "$SUITE_BIND_ADDRESS" == 0.0.0.0 ]]; then listening="on every interface (0.0.0.0)"; else listening="on $SUITE_BIND_ADDRESS only"; fi
cat <<EOF

Passport Suite is up in $(( $(date +%s) - started_at ))s, using $((rss_kb / 1024)) MiB of resident memory (all JVMs and Kafka).
  Gateway:    http://$SUITE_HOST:$GATEWAY_PORT/   (curl it: every service should be UP)
  Eureka:     http://$SUITE_HOST:$DISCOVERY_PORT/
  Listening:  $listening (SUITE_BIND_ADDRESS chooses another address)
  Kafka:      $KAFKA_BOOTSTRAP_SERVERS
  Logs:       $LOG_DIR
  Local mode: app_id "default" with API key $PASSPORT_BOOTSTRAP_API_KEY (set PASSPORT_BOOTSTRAP_API_KEY to choose another)
  Admin:      $ADMIN_BOOTSTRAP_USERNAME / $ADMIN_BOOTSTRAP_PASSWORD (ADMIN_BOOTSTRAP_USERNAME and _PASSWORD choose others)
  Messages:   ${SPRING_MAIL_HOST:+SMTP $SPRING_MAIL_HOST}${SPRING_MAIL_HOST:-test mode: codes come back in the answers (206 TEST_MODE_ONLY) and in $LOG_DIR/notification-service.log}
Stop everything with deploy/local/down.sh
EOF
