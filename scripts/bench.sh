#!/usr/bin/env bash
# `make bench` (after `make build`): speed and size, side by side with compromise, on the same texts.
# Prints ONE table and writes it to bench/out/results.md. Steps run one after another (never two
# heavy things at once). See bench/*.mjs and examples/bench_native.rs for what each step measures.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"
OUT=bench/out
mkdir -p "$OUT"
rm -f "$OUT"/*.json "$OUT"/*.jsonl "$OUT"/notes.txt "$OUT"/results.md
note() { echo "bench: note: $*" >&2; echo "$*" >> "$OUT/notes.txt"; }
SECONDS=0

# npm packages (compromise, playwright-core) — setup.sh already ran for `make build`; re-run if needed.
[ -d e2e/node_modules/compromise ] || scripts/setup.sh build

echo "$(nproc) CPUs ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//' || echo unknown)), load average at start $(cut -d' ' -f1-3 /proc/loadavg)" > "$OUT/machine.txt"

echo "bench: texts" >&2
node bench/texts.mjs >&2
T=bench/out/texts
corpora=("$T/article.txt"); [ -f "$T/ontonotes.txt" ] && corpora+=("$T/ontonotes.txt")

echo "bench: native core (cargo run --release --example bench_native)" >&2
cargo build --release --example bench_native -q
target/release/examples/bench_native "${corpora[@]}" "$T/w1k.txt" "$T/w10k.txt" "$T/w100k.txt" "$T/w1m.txt" > "$OUT/native.jsonl"

echo "bench: wasm and compromise in Node" >&2
node bench/node-bench.mjs

echo "bench: memory (fresh Node processes)" >&2
for size in w100k w1m; do node --expose-gc bench/memory.mjs "$size" > "$OUT/memory-$size.json"; done

echo "bench: the page in headless Chromium" >&2
if [ -x "${CHROMIUM_PATH:-/usr/bin/chromium}" ]; then
  node bench/page-bench.mjs
else
  note "Chromium not found at ${CHROMIUM_PATH:-/usr/bin/chromium} (run scripts/setup.sh test): page rows skipped."
fi

echo "bench: wasm items (twiggy)" >&2
if ! command -v twiggy >/dev/null; then
  echo "bench: installing twiggy (once; a few minutes)" >&2
  timeout 420 cargo install twiggy --locked -q || timeout 420 cargo install twiggy -q || true
fi
if command -v twiggy >/dev/null; then
  twiggy top -n 15 -f json www/pkg/article_annotator_bg.wasm > "$OUT/twiggy.json"
else
  note "twiggy could not be installed in time: wasm item rows skipped."
fi

echo "bench: done in ${SECONDS}s; load average at end $(cut -d' ' -f1-3 /proc/loadavg)" >&2
echo "total bench time ${SECONDS} s (after make build); load average at end $(cut -d' ' -f1-3 /proc/loadavg)" >> "$OUT/notes.txt"
echo >&2
node bench/report.mjs
