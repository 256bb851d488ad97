#!/usr/bin/env bash
# Runs Playwright specs against a stack of their own: E2E_SLOT=N (1–9) moves ports, config dir, build
# directory (.next-N) and test output (test-results-N), so parallel checkouts do not collide.
#   E2E_SLOT=3 bash scripts/e2e-one.sh e2e/graph.spec.ts
set -euo pipefail
cd "$(dirname "$0")/.."
slot=${E2E_SLOT:-0}
if [ "$slot" != 0 ]; then export NEXT_DIST_DIR=".next-$slot"; fi
export E2E_SLOT=$slot NEXT_TELEMETRY_DISABLED=1
bash scripts/build-if-stale.sh
exec node_modules/.bin/playwright test --reporter=list "$@"
