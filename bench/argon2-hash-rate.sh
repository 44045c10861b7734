#!/usr/bin/env bash
# Argon2id hash time and throughput of BouncyCastle at passport-service's default cost
# (m=19456 KiB, t=2, p=1), in several fresh JVMs per JVM flag set. See bench/README.md.
#
# usage: bench/argon2-hash-rate.sh [-k JVMS] [-w WARMUP] [-s SAMPLES] [-t THREADS] [-n HASHES_PER_THREAD]
#   -k  fresh JVMs per flag set (default 7)
#   -w  hashes before measuring (default 10)
#   -s  single-thread hashes measured (default 15)
#   -t  threads for the throughput figure (default: available processors)
#   -n  hashes per thread for the throughput figure (default 5)
# environment:
#   JAVA_HOME        a JDK 25 or newer (default /usr/lib/jvm/temurin-25-jdk-amd64)
#   BCPROV_JAR       the bcprov-jdk18on jar (default: from ~/.m2, fetched with ./mvnw if missing)
#   BENCH_JAVA_OPTS  options added to every JVM, e.g. "-Xmx192m -XX:+UseSerialGC"
set -euo pipefail

BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT_DIR=$(dirname "$BENCH_DIR")
DEFAULT_JDK=/usr/lib/jvm/temurin-25-jdk-amd64

jvms=7 warmup=10 samples=15 threads="" per_thread=5
while getopts "k:w:s:t:n:h" opt; do
  case "$opt" in
    k) jvms=$OPTARG ;;
    w) warmup=$OPTARG ;;
    s) samples=$OPTARG ;;
    t) threads=$OPTARG ;;
    n) per_thread=$OPTARG ;;
    h) sed -n '2,15p' "${BASH_SOURCE[0]}"; exit 0 ;;
    *) sed -n '2,15p' "${BASH_SOURCE[0]}" >&2; exit 2 ;;
  esac
done

java_feature_version() { # prints e.g. 25, or nothing when $1 is no JDK
  [[ -x "$1/bin/java" ]] || return 0
  "$1/bin/java" -XshowSettings:properties -version 2>&1 |
    sed -n 's/^ *java\.specification\.version = \([0-9]*\).*/\1/p'
}

version=$(java_feature_version "${JAVA_HOME:-}")
if [[ -z "$version" || "$version" -lt 25 ]]; then
  if [[ -n "${JAVA_HOME:-}" ]]; then
    echo "JAVA_HOME=$JAVA_HOME is not a JDK 25 or newer; using $DEFAULT_JDK" >&2
  fi
  JAVA_HOME=$DEFAULT_JDK
  version=$(java_feature_version "$JAVA_HOME")
  if [[ -z "$version" || "$version" -lt 25 ]]; then
    echo "No JDK 25 at $JAVA_HOME: set JAVA_HOME to one" >&2
    exit 1
  fi
fi
export JAVA_HOME

if [[ -z "${BCPROV_JAR:-}" ]]; then
  bc_version=$(sed -n 's:.*<bouncycastle.version>\(.*\)</bouncycastle.version>.*:\1:p' "$ROOT_DIR/pom.xml" | head -n 1)
  bc_version=${bc_version:-1.86}
  BCPROV_JAR="${MAVEN_REPO:-$HOME/.m2/repository}/org/bouncycastle/bcprov-jdk18on/$bc_version/bcprov-jdk18on-$bc_version.jar"
  if [[ ! -f "$BCPROV_JAR" ]]; then
    echo "Fetching bcprov-jdk18on $bc_version from Maven Central" >&2
    (cd "$ROOT_DIR" && ./mvnw -q -B dependency:get -Dartifact="org.bouncycastle:bcprov-jdk18on:$bc_version" -Dtransitive=false)
  fi
fi
[[ -f "$BCPROV_JAR" ]] || { echo "bcprov jar not found: $BCPROV_JAR" >&2; exit 1; }

# Compiled once, ahead of the runs: the source launcher would run javac inside every measured JVM,
# and javac's own warm-up would compete with the hash for the JIT compiler threads.
classes=$(mktemp -d)
trap 'rm -rf "$classes"' EXIT
"$JAVA_HOME/bin/javac" -nowarn -d "$classes" -cp "$BCPROV_JAR" "$BENCH_DIR/Argon2HashRate.java"

labels=("default flags" "-XX:-TieredCompilation" "-XX:TieredStopAtLevel=1")
flag_sets=("" "-XX:-TieredCompilation" "-XX:TieredStopAtLevel=1")
common_opts=()
read -r -a common_opts <<<"${BENCH_JAVA_OPTS:-}"
args=("--warmup=$warmup" "--samples=$samples" "--hashes-per-thread=$per_thread")
[[ -n "$threads" ]] && args+=("--threads=$threads")

load() {
  if [[ -r /proc/loadavg ]]; then cut -d' ' -f1-3 /proc/loadavg; else uptime | sed 's/.*load average[s]*: //'; fi
}

echo "JDK: $("$JAVA_HOME/bin/java" -version 2>&1 | head -n 1); bcprov: $(basename "$BCPROV_JAR")"
echo "Argon2id m=19456 KiB, t=2, p=1; warm-up $warmup hashes, then $samples single-thread hashes"
echo "and ${threads:-<available processors>} threads x $per_thread hashes, in $jvms fresh JVMs per flag set (interleaved)"
echo "Extra JVM options: ${BENCH_JAVA_OPTS:-none}; load average at start: $(load)"
echo

results=$(mktemp)
trap 'rm -rf "$classes" "$results"' EXIT
# Interleaved (one JVM of each set per round) so drifting background load hits every set alike.
for ((run = 1; run <= jvms; run++)); do
  for i in "${!flag_sets[@]}"; do
    flags=()
    [[ -n "${flag_sets[$i]}" ]] && flags=("${flag_sets[$i]}")
    # ${a[@]+"${a[@]}"}: an empty array under set -u, even in the bash 3.2 of macOS.
    line=$("$JAVA_HOME/bin/java" ${common_opts[@]+"${common_opts[@]}"} ${flags[@]+"${flags[@]}"} -cp "$BCPROV_JAR:$classes" Argon2HashRate "${args[@]}")
    printf '%-24s JVM %d/%d: %s\n' "${labels[$i]}" "$run" "$jvms" "$line"
    echo "$i $line" >>"$results"
  done
done

echo
echo "Load average at end: $(load)"
echo
echo "Median over the JVMs of each set (range across JVMs in brackets). Wall-clock figures include"
echo "whatever else runs on the machine; CPU-time figures count only this process's hashing threads."
echo
used_threads=$(sed -n 's/.* threads=\([0-9]*\) .*/\1/p' "$results" | head -n 1)
printf '| %-24s | %-18s | %-18s | %-20s | %-20s | %-10s |\n' "JVM flags" "single-thread ms" "same, CPU ms" \
  "hashes/s, $used_threads thread$([[ $used_threads == 1 ]] || echo s)" "same, from CPU time" "warm-up ms"
printf '|%s|%s|%s|%s|%s|%s|\n' "--------------------------" "--------------------" "--------------------" \
  "----------------------" "----------------------" "------------"
for i in "${!flag_sets[@]}"; do
  awk -v set="$i" -v label="${labels[$i]}" '
    function field(name,   k, kv) {
      for (k = 2; k <= NF; k++) { split($k, kv, "="); if (kv[1] == name) return kv[2] + 0 }
    }
    function sort(a, n,   i, j, t) {
      for (i = 2; i <= n; i++) for (j = i; j > 1 && a[j - 1] > a[j]; j--) { t = a[j]; a[j] = a[j - 1]; a[j - 1] = t }
    }
    function cell(a, n, format) { # median [min-max]
      sort(a, n)
      return sprintf(format " [" format "-" format "]", n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2, a[1], a[n])
    }
    $1 == set {
      n++; wall[n] = field("median_ms"); cpu[n] = field("cpu_median_ms")
      hps[n] = field("throughput_hps"); cap[n] = field("cpu_capacity_hps"); warm[n] = field("warmup_ms")
    }
    END {
      sort(warm, n)
      printf "| %-24s | %-18s | %-18s | %-20s | %-20s | %-10s |\n", label, cell(wall, n, "%.0f"), cell(cpu, n, "%.0f"),
        cell(hps, n, "%.1f"), cell(cap, n, "%.1f"), sprintf("%.0f", n % 2 ? warm[(n + 1) / 2] : (warm[n / 2] + warm[n / 2 + 1]) / 2)
    }' "$results"
done
