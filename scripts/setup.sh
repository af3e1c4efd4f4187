#!/usr/bin/env bash
# Installs what building and testing need, only when missing (idempotent, quick when present).
#   scripts/setup.sh build   toolchain for the wasm build (target, wasm-bindgen-cli, npm packages)
#   scripts/setup.sh test    the above plus Debian chromium + chromium-driver for browser tests
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"
what=${1:-build}

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  echo "setup: adding rust target wasm32-unknown-unknown"
  rustup target add wasm32-unknown-unknown
fi

# The CLI must equal the wasm-bindgen crate version pinned in Cargo.lock.
WB=$(awk '/^name = "wasm-bindgen"$/ {getline; gsub(/"/, "", $3); print $3; exit}' Cargo.lock)
if [ "$(wasm-bindgen --version 2>/dev/null)" != "wasm-bindgen $WB" ]; then
  echo "setup: installing wasm-bindgen-cli $WB (takes a few minutes once)"
  cargo install wasm-bindgen-cli --version "$WB" --force
fi

# npm packages (binaryen's wasm-opt, playwright-core, compromise for benchmarks); no browser download.
if [ ! -x e2e/node_modules/.bin/wasm-opt ] || [ e2e/package-lock.json -nt e2e/node_modules/.package-lock.json ]; then
  echo "setup: npm ci in e2e/"
  (cd e2e && npm ci --no-audit --no-fund --ignore-scripts)
fi

if [ "$what" = test ]; then
  if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; then
    echo "setup: installing Debian chromium and chromium-driver"
    apt-get update -q
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium chromium-driver
  fi
fi
