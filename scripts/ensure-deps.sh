#!/usr/bin/env bash
# Installs whatever the demo and the tests need and is missing: npm packages, Debian's prometheus
# (and promtool), victoria-metrics and chromium. Idempotent; fast when everything is present.
# Usage: scripts/ensure-deps.sh [--no-browser] [--no-vm]
set -euo pipefail
cd "$(dirname "$0")/.."

want_browser=1; want_vm=1
for arg in "$@"; do
  case "$arg" in
    --no-browser) want_browser=0 ;;
    --no-vm) want_vm=0 ;;
  esac
done

if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  # `npm ci` refuses this lockfile where the registry mirror omits other platforms' optional packages
  # (@next/swc-darwin-*), so install from the lockfile without rewriting it.
  echo "[deps] installing npm packages"
  npm install --no-save --no-audit --no-fund
fi

missing=()
command -v "${PROMETHEUS_BIN:-prometheus}" >/dev/null 2>&1 || missing+=(prometheus)
command -v promtool >/dev/null 2>&1 || missing+=(prometheus)
if [ "$want_vm" = 1 ]; then command -v "${VICTORIA_METRICS_BIN:-victoria-metrics}" >/dev/null 2>&1 || missing+=(victoria-metrics); fi
if [ "$want_browser" = 1 ]; then [ -x "${CHROMIUM_PATH:-/usr/bin/chromium}" ] || missing+=(chromium); fi

if [ "${#missing[@]}" -gt 0 ]; then
  pkgs=$(printf '%s\n' "${missing[@]}" | sort -u | tr '\n' ' ')
  if ! command -v apt-get >/dev/null 2>&1; then
    echo "[deps] missing: $pkgs — install them with your package manager (Debian: apt-get install $pkgs)," >&2
    echo "       or point PROMETHEUS_BIN / VICTORIA_METRICS_BIN / CHROMIUM_PATH at existing binaries." >&2
    exit 1
  fi
  sudo=""
  if [ "$(id -u)" != 0 ]; then sudo="sudo"; fi
  echo "[deps] installing Debian packages: $pkgs"
  $sudo apt-get update -qq
  # shellcheck disable=SC2086
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends $pkgs >/dev/null
fi
