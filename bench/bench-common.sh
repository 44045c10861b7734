# Sourced first by the benchmarks that run whole systems (keycloak-compare.sh, passport-jit.sh,
# startup.sh), with the name of their results directory:
#   source "$(dirname "${BASH_SOURCE[0]}")/bench-common.sh" NAME
# Sets BENCH_DIR, ROOT, JAVA_HOME (JDK 25, as up.sh chooses it), BENCH_CACHE, RESULTS_DIR
# (BENCH_CACHE/results/NAME-<time> unless given) and ROUNDS (3), and defines the helpers they
# print with.

BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$BENCH_DIR/.." && pwd)
source "$ROOT/deploy/local/lib.sh"
select_jdk >/dev/null || exit 1

BENCH_CACHE=${BENCH_CACHE:-$HOME/.cache/passport-bench}
RESULTS_DIR=${RESULTS_DIR:-$BENCH_CACHE/results/$1-$(date -u +%Y%m%dT%H%M%SZ)}
ROUNDS=${ROUNDS:-3}

say() { printf '[%s] %s\n' "$(date -u +%H:%M:%S)" "$*"; }
die() { say "error: $*" >&2; exit 1; }
loadavg() { cut -d' ' -f1-3 /proc/loadavg; }
median() { sort -g | awk '{v[NR] = $1} END {if (NR == 0) print "-"; else if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2}'; }
range() { sort -g | awk 'NR == 1 {lo = $1} {hi = $1} END {if (NR) print lo "-" hi; else print "-"}'; }
