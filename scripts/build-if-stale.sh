#!/usr/bin/env bash
# Runs `next build` unless .next/BUILD_ID is newer than every source file the app is built from.
set -euo pipefail
cd "$(dirname "$0")/.."
dist=${NEXT_DIST_DIR:-.next}
if [ -f "$dist/BUILD_ID" ]; then
  newer=$(find app components lib public next.config.js package.json tsconfig.json -newer "$dist/BUILD_ID" \
    -not -name '*.test.ts' -type f -print -quit 2>/dev/null || true)
  if [ -z "$newer" ]; then exit 0; fi
fi
echo "[build] next build"
NEXT_TELEMETRY_DISABLED=1 node_modules/.bin/next build
