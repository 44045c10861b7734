# Shared by up.sh, down.sh and .ci/run: sourced, not run.

SUITE_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
SUITE_VERSION=0.1.0-SNAPSHOT
TEMURIN_25=/usr/lib/jvm/temurin-25-jdk-amd64

# The JVM processes of the suite, in start order after the discovery server, with their ports
# and databases ("-" for none).
SUITE_SERVICES=(
  "passport-service 8081 passport_service"
  "membership-service 8082 membership_service"
  "admin-service 8083 admin_service"
  "notification-service 8084 notification_service"
  "asset-service 8085 asset_service"
)

java_major() {
  "$1/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = \([0-9]*\).*/\1/p'
}

# Exports JAVA_HOME pointing at a JDK 25 or newer, or explains what to install.
select_jdk() {
  if [[ -n "${JAVA_HOME:-}" && -x "$JAVA_HOME/bin/java" ]] && (( $(java_major "$JAVA_HOME") >= 25 )); then
    export JAVA_HOME
    return 0
  fi
  local candidate
  for candidate in "$TEMURIN_25" /usr/lib/jvm/*25* /usr/lib/jvm/*; do
    if [[ -x "$candidate/bin/java" ]] && (( $(java_major "$candidate") >= 25 )); then
      export JAVA_HOME=$candidate
      return 0
    fi
  done
  echo "Passport Suite needs a JDK 25 or newer: set JAVA_HOME to one (none found under /usr/lib/jvm)." >&2
  return 1
}
