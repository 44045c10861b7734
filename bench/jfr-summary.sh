#!/usr/bin/env bash
# Prints where a JFR recording's Java threads spent their time: the hottest methods (self time),
# self time by package of the top frame, and the methods most often on the stack (inclusive).
#   bench/jfr-summary.sh RECORDING.jfr [EXCLUDE-REGEX]
# EXCLUDE-REGEX leaves container and dispatch frames out of the inclusive list; it is matched
# against lines such as " 12.3%  org.apache.catalina.core.StandardWrapperValve.invoke".
set -euo pipefail
file=$1
exclude=${2:-'^$'}
JFR=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/jfr
samples=$(mktemp)
trap 'rm -f "$samples"' EXIT

"$JFR" print --events jdk.ExecutionSample --stack-depth 128 "$file" >"$samples"
echo "$(grep -c 'jdk.ExecutionSample' "$samples") execution samples of Java threads; hottest methods (self time):"
"$JFR" view --width 150 hot-methods "$file" | awk 'NR >= 6 && NR <= 20 && NF'
echo "self time by package of the top frame:"
awk '/stackTrace = \[/ {top = 1; n++; next}
     top && /line:/ {sub(/^[ \t]+/, ""); sub(/\(.*/, ""); sub(/\.[^.]*$/, ""); sub(/\.[A-Z][^.]*$/, ""); count[$0]++; top = 0}
     END {for (p in count) printf "%6.1f%%  %s\n", count[p] / n * 100, p}' "$samples" \
    | sort -rn | awk 'NR <= 12'
echo "methods on the stack (inclusive), top 30:"
awk '/stackTrace = \[/ {inside = 1; delete seen; n++; next}
     inside && /^[ \t]*\]/ {inside = 0; next}
     inside && /line:/ {sub(/^[ \t]+/, ""); sub(/[ \t]+line:.*/, ""); if (!($0 in seen)) {seen[$0] = 1; count[$0]++}}
     END {for (m in count) printf "%6.1f%%  %s\n", count[m] / n * 100, m}' "$samples" \
    | sort -rn | { grep -v -E "$exclude" || true; } | awk 'NR <= 30'
