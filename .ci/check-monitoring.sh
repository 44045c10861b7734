#!/usr/bin/env bash
# CI: the monitoring files (deploy/monitoring) agree with each other and with the metrics the
# services expose: the PrometheusRule is rendered from alerts.yml, the rules load, every alert
# fires and stays silent where its tests say, and the dashboard's queries parse and name only
# known metrics. Installs promtool (Debian's prometheus package) when it is missing.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

if ! command -v promtool >/dev/null; then
  echo "promtool is not installed: installing the prometheus package"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq prometheus >/dev/null
fi
echo "promtool: $(promtool --version 2>&1 | head -1)"

deploy/monitoring/render-prometheus-rule.sh --check
promtool check rules deploy/monitoring/alerts.yml
promtool test rules deploy/monitoring/alerts.test.yml
python3 deploy/monitoring/check-dashboard.py
echo "CI: monitoring rules, their tests and the dashboard's queries are consistent"
