# Sourced by the benchmarks that set passport up over HTTP before they measure. They set BASE.
#   post PATH BODY [curl args...]  prints the answer's body; fails on a non-2xx answer
#   json FIELD                     prints a string field of the JSON on stdin
post() {
    local path=$1 body=$2
    shift 2
    curl -sS --fail-with-body -X POST -H 'Content-Type: application/json' "$@" -d "$body" "$BASE$path"
}
json() { sed -n "s/.*\"$1\":\"\([^\"]*\)\".*/\1/p"; }
