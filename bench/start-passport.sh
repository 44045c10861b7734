# Sourced by the benchmarks that start passport-service (gateway.sh, gateway-compare.sh,
# hashing-saturation.sh): the JDK, a passport-service for them to call, and the clean-up they
# need (trap stop_bench EXIT).
#   start_passport JAR PORT CREDENTIAL LOG_DIR OUT_FILE [JVM options...]
# Starts it on a fresh PostgreSQL database (PGHOST/PGPORT/PGUSER), with no discovery and no Kafka
# (the outbox is off: the requests under test write no event), waits until it is ready and
# registers one account through POST /api/auth/register. Appends the process to the caller's
# `pids` array and sets PASSPORT_DB (for the caller to drop), PASSPORT_PID and PASSPORT_TOKEN
# (the account's access token). Returns 1, with the service's last lines, when any step fails.
jar() { # module -> its jar, built when missing or older than the module's sources
    local module=$1 jar
    jar=$(ls "$module"/target/"$module"-*.jar 2>/dev/null | grep -v original | head -1 || true)
    if [[ -z "$jar" || -n "$(find "$module/src" "$module/pom.xml" common-lib/src -newer "$jar" -type f | head -1)" ]]; then
        echo "building the $module jar..." >&2
        ./mvnw -B -q -o -pl "$module" -am package -DskipTests >"$WORK/build-$module.log" 2>&1 || { cat "$WORK/build-$module.log" >&2; exit 1; }
        jar=$(ls "$module"/target/"$module"-*.jar | grep -v original | head -1)
    fi
    echo "$jar"
}

# Starts the gateway in front of the service on SERVICE_PORT, without discovery or Kafka (the
# revocation deny-list stays empty but is still consulted on every request). Appends it to the
# caller's pids and sets GATEWAY_PID; the caller waits until it answers.
#   start_gateway JAR PORT SERVICE_PORT CREDENTIAL LOG_DIR OUT_FILE [JVM options...]
start_gateway() {
    local jar=$1 port=$2 service_port=$3 credential=$4 log_dir=$5 out=$6
    shift 6
    SUITE_INTERNAL_CREDENTIAL=$credential LOG_DIR="$log_dir" "$JAVA" "$@" -jar "$jar" --server.port="$port" \
        --management.server.port=0 --eureka.client.enabled=false --passport.gateway.security.revocation.enabled=false \
        "--spring.cloud.discovery.client.simple.instances.passport-service[0].uri=http://127.0.0.1:$service_port" \
        >"$out" 2>&1 &
    pids+=($!)
    GATEWAY_PID=$!
}

# What a benchmark that starts passport needs before it does: the PostgreSQL to make its database
# on (PGHOST/PGPORT/PGUSER, exported for psql), a WORK directory that stop_bench removes, and a
# random internal CREDENTIAL long enough for the services' guard.
bench_workspace() {
    PGHOST=${PGHOST:-127.0.0.1}
    PGPORT=${PGPORT:-5432}
    PGUSER=${PGUSER:-postgres}
    export PGHOST PGPORT PGUSER
    WORK=$(mktemp -d)
    CREDENTIAL=$(head -c 32 /dev/urandom | base64 | tr -d '/+=')
}

# JAVA_HOME when it is a JDK 25 or newer, else the Temurin 25 the machines have; sets JAVA.
select_bench_jdk() {
    if [[ -z "${JAVA_HOME:-}" ]] || ! "$JAVA_HOME/bin/java" -version 2>&1 | grep -qE 'version "(2[5-9]|[3-9][0-9])'; then
        JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64
    fi
    export JAVA_HOME
    JAVA="$JAVA_HOME/bin/java"
}

start_passport() {
    local jar=$1 port=$2 credential=$3 log_dir=$4 out=$5
    shift 5
    PASSPORT_DB=bench_passport_$(date +%s)_$$
    psql -q -X -v ON_ERROR_STOP=1 -d postgres -c "CREATE DATABASE $PASSPORT_DB" >/dev/null || return 1
    PASSPORT_KEY_ENCRYPTION_KEY=$(head -c 32 /dev/urandom | base64) SUITE_INTERNAL_CREDENTIAL=$credential LOG_DIR="$log_dir" \
        "$JAVA" "$@" -jar "$jar" --server.port="$port" \
        --eureka.client.enabled=false --spring.cloud.discovery.enabled=false \
        --spring.datasource.url="jdbc:postgresql://$PGHOST:$PGPORT/$PASSPORT_DB" --spring.datasource.username="$PGUSER" \
        --spring.kafka.bootstrap-servers=127.0.0.1:1 --passport.outbox.enabled=false >"$out" 2>&1 &
    PASSPORT_PID=$!
    pids+=("$PASSPORT_PID")
    for _ in $(seq 1 240); do
        [[ $(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/actuator/health/readiness") == 200 ]] && break
        sleep 0.5
    done
    PASSPORT_TOKEN=$(curl -fsS -X POST -H 'Content-Type: application/json' \
        -d '{"email":"bench@example.com","password":"bench-password-1","displayName":"Bench"}' \
        "http://127.0.0.1:$port/api/auth/register" | sed -n 's/.*"accessToken":"\([^"]*\)".*/\1/p')
    [[ -n $PASSPORT_TOKEN ]] || { echo "passport did not come up or refused the registration:"; tail -20 "$out"; return 1; }
}

# Stops every process in `pids`, drops the database start_passport made and removes $WORK.
stop_bench() {
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
    for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
    if [[ -n ${PASSPORT_DB:-} ]]; then
        psql -q -X -d postgres -c "DROP DATABASE IF EXISTS $PASSPORT_DB WITH (FORCE)" >/dev/null 2>&1 || true
    fi
    rm -rf "$WORK"
}
