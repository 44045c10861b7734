#!/usr/bin/env bash
# Lints the three API documents the e2e tests fetch through the gateway and write to
# e2e-tests/target/openapi/ (ApiDocumentsEndToEndTest): run it after `./mvnw verify`.
# Redocly CLI as pinned in .ci/openapi/package-lock.json, its rules in .ci/openapi/redocly.yaml.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
tool="$root/.ci/openapi"
documents="$root/e2e-tests/target/openapi"

for surface in canonical envelope chat; do
  [[ -s "$documents/$surface.json" ]] || { echo "check-openapi: $documents/$surface.json is missing; run ./mvnw verify first" >&2; exit 1; }
done

command -v npm >/dev/null || { echo "check-openapi: needs Node.js (20 or later) and npm" >&2; exit 1; }
(cd "$tool" && npm ci --no-audit --no-fund --loglevel=error)
"$tool/node_modules/.bin/redocly" lint --config "$tool/redocly.yaml" --format=stylish \
  "$documents/canonical.json" "$documents/envelope.json" "$documents/chat.json"
