#!/usr/bin/env bash
# npm run bench [-- <name>…]: installs what is missing, builds the app if needed, runs the benchmarks.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/ensure-deps.sh
bash scripts/build-if-stale.sh
exec node_modules/.bin/tsx scripts/bench.ts "$@"
