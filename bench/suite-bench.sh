# Shared by the benchmarks that start their own suite with deploy/local/up.sh (passport-jit.sh,
# startup.sh): sourced after bench-common.sh, not run. Expects SUITE_RUN_DIR, SUITE_DB_PREFIX and
# DROP_DBS; sets WORK, sends the output to RESULTS_DIR/run.log as well, and stops the suite (and
# with DROP_DBS=1 drops its databases and Kafka data) when the script exits.

WORK=$RESULTS_DIR/work
mkdir -p "$WORK"
exec > >(tee -a "$RESULTS_DIR/run.log") 2>&1

stop_suite() {
  local status=$?
  set +e
  RUN_DIR=$SUITE_RUN_DIR "$ROOT/deploy/local/down.sh" >"$WORK/down.log" 2>&1 && say "suite stopped ($SUITE_RUN_DIR)"
  cp -r "$SUITE_RUN_DIR/logs" "$RESULTS_DIR/suite-logs" 2>/dev/null
  if [[ $DROP_DBS == 1 ]]; then
    local entry db
    for entry in "${SUITE_SERVICES[@]}"; do
      read -r _ _ db <<<"$entry"
      [[ $db == - ]] || psql -qX -d postgres -c "DROP DATABASE IF EXISTS $SUITE_DB_PREFIX$db WITH (FORCE)" >/dev/null 2>&1
    done
    # The Kafka topics go with the databases: a projection must not replay events of accounts that are gone.
    rm -rf "$SUITE_RUN_DIR/kafka/data"
    say "dropped the suite's databases and Kafka data"
  fi
  say "results in $RESULTS_DIR"
  exit $status
}
trap stop_suite EXIT
trap 'exit 130' INT TERM
