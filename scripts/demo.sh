#!/usr/bin/env bash
# npm run demo: install what is missing, build the dashboard if sources changed, start everything.
set -euo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1
bash scripts/ensure-deps.sh --no-browser --no-vm
bash scripts/build-if-stale.sh
exec node node_modules/tsx/dist/cli.mjs scripts/demo.ts
