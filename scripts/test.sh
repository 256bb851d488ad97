#!/usr/bin/env bash
# npm test: installs what is missing, then runs every test — type check, unit, integration against
# real Prometheus/VictoriaMetrics and the simulator, and Playwright in Debian's Chromium — and prints
# one closing line "tests: N passed, N failed, N skipped".
set -uo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1
mkdir -p test-results
rm -f test-results/*.json

bash scripts/ensure-deps.sh || { echo "dependency installation failed"; exit 1; }

status=0
step() {
  local name=$1; shift
  echo
  echo "=== $name ==="
  local started=$SECONDS
  if "$@"; then echo "=== $name: ok ($((SECONDS - started)) s) ==="; else echo "=== $name: FAILED ($((SECONDS - started)) s) ==="; status=1; fi
}

step "typecheck" node_modules/.bin/tsc --noEmit -p .
step "unit tests" node_modules/.bin/vitest run --project unit --reporter=default --reporter=json --outputFile.json=test-results/vitest-unit.json
step "build" bash scripts/build-if-stale.sh
step "integration tests" node_modules/.bin/vitest run --project integration --reporter=default --reporter=json --outputFile.json=test-results/vitest-integration.json
step "browser tests" env PLAYWRIGHT_JSON_OUTPUT_NAME=test-results/playwright.json node_modules/.bin/playwright test --reporter=list,json

node_modules/.bin/tsx scripts/test-summary.ts test-results || status=1
exit $status
