#!/usr/bin/env bash
# Validates deploy/ offline: YAML syntax and style (yamllint), the Kubernetes manifests against their schemas
# (deploy/k8s/validate/, npm packages pinned there), no field the Kubernetes API does not define (Debian's
# python3-kubernetes models), and the alert rules with promtool. .ci/run runs it.
set -euo pipefail
cd "$(dirname "$0")"
yamllint -d '{extends: relaxed, rules: {line-length: {max: 200}}}' ./*.yaml ../prometheus/*.yml
(cd validate && npm ci --no-audit --no-fund --silent)
node validate/validate.mjs ./*.yaml
/usr/bin/python3 validate/unknown_fields.py ./*.yaml
promtool check rules ../prometheus/o2c-pulse-rules.yml
(cd ../prometheus && promtool test rules o2c-pulse-rules.test.yml)
