#!/usr/bin/env python3
"""Checks every PromQL query of grafana-dashboard.json and every alert of alerts.yml.

Each query must parse: they are written, Grafana's own variables replaced by plain values, as
recording rules of a temporary rule file that `promtool check rules` reads. Each must name only
metrics listed in metrics.txt, the names the services are shown to expose; a typo in a metric
name parses fine and draws an empty panel forever.
"""
import json
import os
import re
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))

# Grafana's variables, as promtool would read a query with them filled in.
GRAFANA_VARIABLES = {"$__rate_interval": "5m", "$__interval": "1m", "$__range": "1h"}

KEYWORDS = {"and", "or", "unless", "by", "without", "on", "ignoring", "group_left", "group_right",
            "bool", "offset", "inf", "nan", "le"}


def dashboard_queries(path):
    with open(path) as f:
        dashboard = json.load(f)
    queries = []

    def walk(panels):
        for panel in panels:
            for target in panel.get("targets", []):
                if target.get("expr"):
                    queries.append((panel.get("title", "?"), target["expr"]))
            walk(panel.get("panels", []))

    walk(dashboard.get("panels", []))
    return queries


def alert_queries(path):
    # The rule file is YAML; its expressions are the `expr:` entries, inline or block scalars.
    queries, lines = [], open(path).read().splitlines()
    for i, line in enumerate(lines):
        match = re.match(r"^(\s*)expr:\s*(.*)$", line)
        if not match:
            continue
        indent, value = len(match.group(1)), match.group(2)
        if value not in ("|", ">", "|-", ">-"):
            queries.append(("alerts.yml line %d" % (i + 1), value))
            continue
        block = []
        for following in lines[i + 1:]:
            if following.strip() and len(following) - len(following.lstrip()) <= indent:
                break
            block.append(following.strip())
        queries.append(("alerts.yml line %d" % (i + 1), " ".join(b for b in block if b and not b.startswith("#"))))
    return queries


def metric_names(expr):
    text = re.sub(r'"(?:[^"\\]|\\.)*"', '""', expr)          # label values
    text = re.sub(r"\{[^}]*\}", "", text)                     # label matchers
    text = re.sub(r"\b(by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)", " ", text)
    text = re.sub(r"\[[^\]]*\]", "", text)                    # ranges
    names = set()
    for match in re.finditer(r"[A-Za-z_:][A-Za-z0-9_:]*", text):
        name = match.group(0)
        rest = text[match.end():].lstrip()
        if rest.startswith("(") or name.lower() in KEYWORDS:
            continue                                          # a function or aggregation, a keyword
        if re.fullmatch(r"\d+[smhdwy]", name):
            continue
        names.add(name)
    return names


def known_metrics(path):
    with open(path) as f:
        return {line.strip() for line in f if line.strip() and not line.startswith("#")}


def main():
    queries = dashboard_queries(os.path.join(HERE, "grafana-dashboard.json"))
    if not queries:
        print("grafana-dashboard.json has no queries", file=sys.stderr)
        return 1
    alerts = alert_queries(os.path.join(HERE, "alerts.yml"))
    known = known_metrics(os.path.join(HERE, "metrics.txt"))
    failures = []
    filled = []
    for where, expr in queries:
        for variable, value in GRAFANA_VARIABLES.items():
            expr = expr.replace(variable, value)
        if "$" in expr:
            failures.append("%s: a Grafana variable this check cannot fill in: %s" % (where, expr))
        filled.append((where, expr))
    for where, expr in filled + alerts:
        unknown = sorted(metric_names(expr) - known)
        if unknown:
            failures.append("%s: unknown metric %s (not in metrics.txt): %s" % (where, ", ".join(unknown), expr))

    with tempfile.NamedTemporaryFile("w", suffix=".yml", delete=False) as rules:
        rules.write("groups:\n  - name: dashboard-queries\n    rules:\n")
        for i, (where, expr) in enumerate(filled):
            rules.write("      - record: dashboard:query_%d\n        expr: %s\n" % (i, json.dumps(expr)))
    try:
        checked = subprocess.run(["promtool", "check", "rules", rules.name], capture_output=True, text=True)
    finally:
        os.unlink(rules.name)
    if checked.returncode != 0:
        failures.append("promtool cannot parse a dashboard query:\n" + checked.stdout + checked.stderr)

    if failures:
        print("\n".join(failures), file=sys.stderr)
        return 1
    print("%d dashboard queries parse; they and %d alert expressions name only known metrics"
          % (len(filled), len(alerts)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
