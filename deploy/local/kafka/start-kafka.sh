#!/usr/bin/env bash
# Starts a single-node Apache Kafka broker (KRaft, broker+controller in one JVM)
# for local development and CI, using only the Kafka jars from Maven Central.
#
# Usage: start-kafka.sh RUN_DIR PORT
#
#   RUN_DIR  working directory; the script uses
#              RUN_DIR/kafka/lib          broker jars (copied once by Maven)
#              RUN_DIR/kafka/data         log.dirs (formatted once, reused afterwards)
#              RUN_DIR/kafka/cluster.id   KRaft cluster id (generated once)
#              RUN_DIR/kafka/server.properties, log4j2.properties (rewritten every start)
#              RUN_DIR/logs/kafka.log     broker stdout/stderr and log4j output
#              RUN_DIR/pids/kafka.pid     broker pid
#   PORT     PLAINTEXT listener on 127.0.0.1:PORT; the KRaft controller uses PORT+1.
#
# Environment:
#   MVN              Maven command used to fetch the jars (default: mvn)
#   JAVA_HOME        JDK 25+ (default: /usr/lib/jvm/temurin-25-jdk-amd64 when unset or older)
#   KAFKA_HEAP_OPTS  broker heap options (default: -Xms128m -Xmx256m)
#   KAFKA_JVM_OPTS   further broker JVM options (default: small-footprint settings below)
#   KAFKA_START_TIMEOUT  seconds to wait for the broker to serve requests (default: 90)
#
# On success prints "kafka up on 127.0.0.1:PORT (pid N)" and exits 0.
# Stop the broker with: kill "$(cat RUN_DIR/pids/kafka.pid)"
set -euo pipefail

usage() {
  echo "usage: $0 RUN_DIR PORT" >&2
  exit 2
}

[[ $# -eq 2 ]] || usage
RUN_DIR_ARG=$1
PORT=$2
if [[ ! "$PORT" =~ ^[0-9]+$ ]] || ((PORT < 1 || PORT > 65534)); then
  echo "start-kafka: PORT must be a number between 1 and 65534, got '$PORT'" >&2
  exit 2
fi
CONTROLLER_PORT=$((PORT + 1))
HOST=127.0.0.1
START_TIMEOUT=${KAFKA_START_TIMEOUT:-90}

SCRIPT_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
POM="$SCRIPT_DIR/pom.xml"

mkdir -p "$RUN_DIR_ARG"
RUN_DIR=$(cd "$RUN_DIR_ARG" && pwd)
KAFKA_DIR="$RUN_DIR/kafka"
LIB_DIR="$KAFKA_DIR/lib"
DATA_DIR="$KAFKA_DIR/data"
CLUSTER_ID_FILE="$KAFKA_DIR/cluster.id"
CONFIG="$KAFKA_DIR/server.properties"
LOG4J_CONFIG="$KAFKA_DIR/log4j2.properties"
PROBE_CONFIG="$KAFKA_DIR/probe.properties"
PROBE_OUT="$KAFKA_DIR/probe.out"
LOG_DIR="$RUN_DIR/logs"
LOG="$LOG_DIR/kafka.log"
PID_DIR="$RUN_DIR/pids"
PID_FILE="$PID_DIR/kafka.pid"
mkdir -p "$KAFKA_DIR" "$DATA_DIR" "$LOG_DIR" "$PID_DIR"

# ---------------------------------------------------------------- java ----
DEFAULT_JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64

java_major() { # $1 = JAVA_HOME; prints the major version or nothing
  local home=$1 v=""
  [[ -x "$home/bin/java" ]] || return 0
  if [[ -f "$home/release" ]]; then
    v=$(sed -n 's/^JAVA_VERSION="\([^"]*\)".*/\1/p' "$home/release" | head -n1)
  fi
  if [[ -z "$v" ]]; then
    v=$("$home/bin/java" -version 2>&1 | sed -n 's/.* version "\([^"]*\)".*/\1/p' | head -n1)
  fi
  v=${v#1.}
  echo "${v%%[.+-]*}"
}

JAVA_MAJOR=""
[[ -z "${JAVA_HOME:-}" ]] || JAVA_MAJOR=$(java_major "$JAVA_HOME")
if [[ ! "$JAVA_MAJOR" =~ ^[0-9]+$ ]] || ((JAVA_MAJOR < 25)); then
  JAVA_HOME=$DEFAULT_JAVA_HOME
fi
JAVA="$JAVA_HOME/bin/java"
if [[ ! -x "$JAVA" ]]; then
  echo "start-kafka: no JDK 25 found (looked at $JAVA); set JAVA_HOME" >&2
  exit 1
fi
export JAVA_HOME

# ------------------------------------------------------ helper functions ----
is_kafka_pid() { # $1 = pid; true when it is a live Kafka broker process
  local pid=$1
  [[ "$pid" =~ ^[0-9]+$ ]] || return 1
  kill -0 "$pid" 2>/dev/null || return 1
  [[ -r "/proc/$pid/cmdline" ]] || return 1
  tr '\0' ' ' <"/proc/$pid/cmdline" | grep -q 'kafka\.Kafka '
}

stop_broker() { # $1 = pid; SIGTERM (controlled shutdown), then SIGKILL after 20 s
  local pid=$1 i
  kill "$pid" 2>/dev/null || return 0
  for ((i = 0; i < 40; i++)); do
    kill -0 "$pid" 2>/dev/null || return 0
    sleep 0.5
  done
  kill -9 "$pid" 2>/dev/null || true
}

show_log_and_fail() { # $1 = message
  echo "start-kafka: $1" >&2
  echo "start-kafka: read $LOG (last 30 lines follow)" >&2
  echo "------------------------------------------------------------------------" >&2
  tail -n 30 "$LOG" >&2 2>/dev/null || true
  echo "------------------------------------------------------------------------" >&2
  if [[ -s "$PROBE_OUT" ]]; then
    echo "start-kafka: last readiness probe output ($PROBE_OUT):" >&2
    tail -n 10 "$PROBE_OUT" >&2 || true
  fi
  exit 1
}

port_open() { # $1 = port
  (exec 3<>"/dev/tcp/$HOST/$1") 2>/dev/null
}

# Real readiness: ask the broker for its topic list with Kafka's own admin tool.
probe() {
  timeout 30 "$JAVA" -Xms16m -Xmx96m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 \
    -Dlog4j2.configurationFile="$KAFKA_DIR/log4j2-tools.properties" \
    -cp "$LIB_DIR/*" org.apache.kafka.tools.TopicCommand \
    --bootstrap-server "$HOST:$PORT" --command-config "$PROBE_CONFIG" --list \
    >"$PROBE_OUT" 2>&1
}

wait_until_serving() { # $1 = pid; returns 0 once serving, 1 on timeout, 2 when the process died
  local pid=$1 deadline=$((SECONDS + START_TIMEOUT))
  rm -f "$PROBE_OUT"
  while ((SECONDS < deadline)); do
    kill -0 "$pid" 2>/dev/null || return 2
    if port_open "$PORT" && probe; then
      return 0
    fi
    kill -0 "$pid" 2>/dev/null || return 2
    sleep 1
  done
  return 1
}

write_tool_configs() {
  cat >"$PROBE_CONFIG" <<EOF
# client settings for the readiness probe of start-kafka.sh
request.timeout.ms=5000
default.api.timeout.ms=10000
socket.connection.setup.timeout.ms=2000
socket.connection.setup.timeout.max.ms=4000
EOF
  cat >"$KAFKA_DIR/log4j2-tools.properties" <<'EOF'
# log4j2 settings for Kafka command line tools run by start-kafka.sh
status = warn
appender.err.type = Console
appender.err.name = STDERR
appender.err.target = SYSTEM_ERR
appender.err.layout.type = PatternLayout
appender.err.layout.pattern = [%d] %p %m (%c)%n
rootLogger.level = warn
rootLogger.appenderRef.err.ref = STDERR
EOF
}

# ------------------------------------------------ reuse a running broker ----
if [[ -f "$PID_FILE" ]]; then
  OLD_PID=$(tr -dc '0-9' <"$PID_FILE" || true)
  if [[ -n "$OLD_PID" ]] && is_kafka_pid "$OLD_PID"; then
    if [[ -f "$CONFIG" ]] && ! grep -q "^listeners=PLAINTEXT://$HOST:$PORT," "$CONFIG"; then
      echo "start-kafka: a broker from an earlier start (pid $OLD_PID) is running with" \
        "$(sed -n 's/^listeners=//p' "$CONFIG"), not on $HOST:$PORT; stop it first: kill $OLD_PID" >&2
      exit 1
    fi
    echo "start-kafka: reusing the broker already running from an earlier start (pid $OLD_PID)"
    if [[ -d "$LIB_DIR" ]] && compgen -G "$LIB_DIR/kafka_2.13-*.jar" >/dev/null; then
      write_tool_configs
      if wait_until_serving "$OLD_PID"; then
        echo "kafka up on $HOST:$PORT (pid $OLD_PID)"
        exit 0
      fi
      # Not ours to kill: it was started by an earlier run.
      show_log_and_fail "broker pid $OLD_PID is alive but does not answer on $HOST:$PORT (started with another port?)"
    fi
    echo "kafka up on $HOST:$PORT (pid $OLD_PID)"
    exit 0
  fi
  rm -f "$PID_FILE"
fi

# ----------------------------------------------------------------- jars ----
if ! compgen -G "$LIB_DIR/kafka_2.13-*.jar" >/dev/null; then
  MVN_CMD=${MVN:-mvn}
  echo "start-kafka: fetching Kafka jars into $LIB_DIR (using $MVN_CMD)"
  rm -rf "$LIB_DIR.tmp"
  # Maven itself runs on whatever JDK it finds; the jars do not depend on it.
  # shellcheck disable=SC2086
  if ! $MVN_CMD -q -B -f "$POM" dependency:copy-dependencies \
      -DoutputDirectory="$LIB_DIR.tmp" -DincludeScope=runtime >"$LOG_DIR/kafka-fetch.log" 2>&1; then
    echo "start-kafka: fetching the Kafka jars failed; read $LOG_DIR/kafka-fetch.log (last 30 lines follow)" >&2
    tail -n 30 "$LOG_DIR/kafka-fetch.log" >&2 || true
    exit 1
  fi
  rm -rf "$LIB_DIR"
  mv "$LIB_DIR.tmp" "$LIB_DIR"
fi

# --------------------------------------------------------------- config ----
write_tool_configs

cat >"$CONFIG" <<EOF
# Written by start-kafka.sh on every start; edit the script, not this file.
# Single-node KRaft: one JVM is both broker and controller.
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@$HOST:$CONTROLLER_PORT
controller.listener.names=CONTROLLER
listeners=PLAINTEXT://$HOST:$PORT,CONTROLLER://$HOST:$CONTROLLER_PORT
advertised.listeners=PLAINTEXT://$HOST:$PORT
inter.broker.listener.name=PLAINTEXT
listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT

log.dirs=$DATA_DIR
num.partitions=1
auto.create.topics.enable=true
delete.topic.enable=true

# one node: every internal topic has exactly one replica
default.replication.factor=1
min.insync.replicas=1
offsets.topic.replication.factor=1
offsets.topic.num.partitions=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
transaction.state.log.num.partitions=1
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
group.initial.rebalance.delay.ms=0

# small footprint
num.network.threads=2
num.io.threads=2
num.recovery.threads.per.data.dir=1
background.threads=2
log.cleaner.threads=1
log.cleaner.dedupe.buffer.size=8388608
socket.send.buffer.bytes=102400
socket.receive.buffer.bytes=102400
log.retention.hours=24
log.segment.bytes=67108864
EOF

cat >"$LOG4J_CONFIG" <<'EOF'
# Broker logging: everything goes to stdout, which start-kafka.sh appends to RUN_DIR/logs/kafka.log
status = warn
appender.out.type = Console
appender.out.name = STDOUT
appender.out.target = SYSTEM_OUT
appender.out.layout.type = PatternLayout
appender.out.layout.pattern = [%d] %p %m (%c)%n
rootLogger.level = info
rootLogger.appenderRef.out.ref = STDOUT
logger.state.name = state.change.logger
logger.state.level = warn
logger.request.name = kafka.request.logger
logger.request.level = warn
logger.authorizer.name = kafka.authorizer.logger
logger.authorizer.level = warn
logger.clients.name = org.apache.kafka.clients
logger.clients.level = warn
logger.raft.name = org.apache.kafka.raft
logger.raft.level = warn
EOF

# -------------------------------------------------------- format (once) ----
CP="$LIB_DIR/*"
TOOL_OPTS=(-Xms16m -Xmx128m -XX:+UseSerialGC -XX:TieredStopAtLevel=1
  "-Dlog4j2.configurationFile=$KAFKA_DIR/log4j2-tools.properties")

if [[ ! -s "$CLUSTER_ID_FILE" ]]; then
  if [[ -f "$DATA_DIR/meta.properties" ]]; then
    # data dir formatted earlier but the id file went missing: keep the data's id
    sed -n 's/^cluster\.id=//p' "$DATA_DIR/meta.properties" | head -n1 >"$CLUSTER_ID_FILE"
  else
    "$JAVA" "${TOOL_OPTS[@]}" -cp "$CP" kafka.tools.StorageTool random-uuid \
      | tr -d '[:space:]' >"$CLUSTER_ID_FILE"
  fi
fi
CLUSTER_ID=$(tr -d '[:space:]' <"$CLUSTER_ID_FILE")
[[ -n "$CLUSTER_ID" ]] || { echo "start-kafka: empty cluster id in $CLUSTER_ID_FILE" >&2; exit 1; }

if [[ ! -f "$DATA_DIR/meta.properties" ]]; then
  echo "start-kafka: formatting $DATA_DIR (cluster id $CLUSTER_ID)"
  if ! "$JAVA" "${TOOL_OPTS[@]}" -cp "$CP" kafka.tools.StorageTool format \
      --config "$CONFIG" --cluster-id "$CLUSTER_ID" --ignore-formatted >>"$LOG" 2>&1; then
    show_log_and_fail "formatting the KRaft storage failed"
  fi
fi

# ---------------------------------------------------------------- start ----
if port_open "$PORT"; then
  echo "start-kafka: $HOST:$PORT is already in use by another process" >&2
  exit 1
fi
if port_open "$CONTROLLER_PORT"; then
  echo "start-kafka: controller port $HOST:$CONTROLLER_PORT is already in use by another process" >&2
  exit 1
fi

read -r -a HEAP_OPTS <<<"${KAFKA_HEAP_OPTS:--Xms128m -Xmx256m}"
read -r -a JVM_OPTS <<<"${KAFKA_JVM_OPTS:--XX:+UseSerialGC -XX:MaxMetaspaceSize=128m -XX:ReservedCodeCacheSize=48m -XX:MaxDirectMemorySize=64m -XX:CICompilerCount=2 -Xss512k}"

{
  echo
  echo "==== start-kafka.sh: starting broker on $HOST:$PORT at $(date -u '+%Y-%m-%dT%H:%M:%SZ') ===="
} >>"$LOG"

# setsid: the broker gets its own session, so it outlives the calling shell and
# a Ctrl-C there does not reach it.
setsid "$JAVA" "${HEAP_OPTS[@]}" "${JVM_OPTS[@]}" \
  -Djava.awt.headless=true \
  -Dlog4j2.configurationFile="$LOG4J_CONFIG" \
  -Dkafka.logs.dir="$LOG_DIR" \
  -cp "$CP" kafka.Kafka "$CONFIG" >>"$LOG" 2>&1 </dev/null &
PID=$!
echo "$PID" >"$PID_FILE"

# shellcheck disable=SC2317  # invoked through the trap below
on_abort() {
  stop_broker "$PID"
  rm -f "$PID_FILE"
  echo "start-kafka: interrupted, broker pid $PID stopped" >&2
  exit 130
}
trap on_abort INT TERM

set +e
wait_until_serving "$PID"
rc=$?
set -e
trap - INT TERM

if ((rc == 0)); then
  echo "kafka up on $HOST:$PORT (pid $PID)"
  exit 0
fi

if ((rc == 2)); then
  rm -f "$PID_FILE"
  show_log_and_fail "the broker (pid $PID) exited during start-up"
fi
stop_broker "$PID"
rm -f "$PID_FILE"
show_log_and_fail "the broker did not serve requests on $HOST:$PORT within ${START_TIMEOUT}s; stopped pid $PID"
