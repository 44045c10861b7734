#!/usr/bin/env bash
# Renders every kustomize overlay under deploy/k8s/overlays and validates the result offline:
# each object against the Kubernetes API schema of its kind, KafkaTopics structurally, and the
# objects against each other (.ci/k8s-validate/validate.mjs says what). Needs kubectl and Node.js
# (npm installs the schema package from package-lock.json). Fails on the first broken overlay.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

for tool in kubectl node npm; do
  command -v "$tool" >/dev/null || { echo "check-k8s: $tool is not installed; it is needed to render and validate deploy/k8s" >&2; exit 1; }
done

echo "check-k8s: installing the validator's packages (npm ci)"
(cd .ci/k8s-validate && npm ci --no-audit --no-fund --loglevel=error >/dev/null)

out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
overlays=(deploy/k8s/overlays/*/)
(( ${#overlays[@]} > 0 )) || { echo "check-k8s: no overlays under deploy/k8s/overlays" >&2; exit 1; }
for overlay in "${overlays[@]}"; do
  name=$(basename "$overlay")
  kubectl kustomize "$overlay" >"$out/$name.yaml" || { echo "check-k8s: kubectl kustomize $overlay failed" >&2; exit 1; }
done

validate() { node .ci/k8s-validate/validate.mjs --documented deploy/k8s/secret.example.yaml "$@"; }

# The check itself must reject a broken manifest, with every fault named.
fixture=.ci/k8s-validate/fixtures/broken
if report=$(validate "$fixture.yaml" 2>&1); then
  echo "check-k8s: the validator accepted $fixture.yaml, which is broken on purpose" >&2; exit 1
fi
while IFS= read -r expected; do
  [[ -z "$expected" ]] || grep -qF -- "$expected" <<<"$report" \
    || { echo "check-k8s: the validator did not report: $expected" >&2; echo "$report" >&2; exit 1; }
done <"$fixture.expected"
echo "check-k8s: the validator rejects $fixture.yaml as expected"

validate "$out"/*.yaml
echo "check-k8s: every overlay renders and validates"
