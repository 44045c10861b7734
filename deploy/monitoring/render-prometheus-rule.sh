#!/usr/bin/env bash
# Wraps alerts.yml (the one source of the alert rules) into prometheus-rule.yaml, a PrometheusRule
# for the Prometheus Operator: `kubectl apply -f deploy/monitoring/prometheus-rule.yaml`.
#   render-prometheus-rule.sh           writes prometheus-rule.yaml
#   render-prometheus-rule.sh --check   fails when the committed prometheus-rule.yaml is not what
#                                       alerts.yml renders to (edit alerts.yml, then run it again)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"

render() {
  cat <<'HEADER'
# Generated from alerts.yml by render-prometheus-rule.sh: edit alerts.yml, not this file.
apiVersion: monitoring.coreos.com/v1
kind: PrometheusRule
metadata:
  name: passport-suite
  namespace: passport-suite
  labels:
    app.kubernetes.io/part-of: passport-suite
    # The label a kube-prometheus-stack Prometheus selects rules by; set it to your release's.
    release: prometheus
spec:
HEADER
  # The groups as they are, two spaces deeper under spec; the file's leading comments stay behind.
  awk '/^groups:/ { started = 1 } started { print (length($0) ? "  " $0 : "") }' alerts.yml
}

case "${1:-}" in
  --check)
    if ! diff -u prometheus-rule.yaml <(render); then
      echo "deploy/monitoring/prometheus-rule.yaml is stale: run deploy/monitoring/render-prometheus-rule.sh" >&2
      exit 1
    fi
    echo "prometheus-rule.yaml matches alerts.yml"
    ;;
  "")
    render > prometheus-rule.yaml
    echo "wrote deploy/monitoring/prometheus-rule.yaml"
    ;;
  *)
    echo "usage: $0 [--check]" >&2
    exit 2
    ;;
esac
