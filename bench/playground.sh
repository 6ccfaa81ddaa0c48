#!/usr/bin/env bash
# Bench section "playground": `make wasm`, then bench/playground.mjs in headless Chromium (keystroke
# to updated findings on a 1,000-line snippet, split into debounce, check and rendering; the size of
# gotcha.wasm raw and gzipped). Skipped, with the reason, without emcc, node, Chromium or the node
# packages of tests/node. Environment: BUILD (default build), CHROMIUM, BENCH_KEYS.
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
build=${BUILD:-$root/build}
chromium=${CHROMIUM:-/usr/bin/chromium}
skip() { echo "== playground: skipped: $1"; exit 0; }
command -v "${EMCC:-emcc}" >/dev/null 2>&1 || skip "no emscripten (apt-get install emscripten node-acorn)"
command -v node >/dev/null 2>&1 || skip "no node"
[ -x "$chromium" ] || skip "no Chromium at $chromium"
[ -d "$root/tests/node/node_modules/playwright-core" ] || skip "no playwright-core: run (cd tests/node && npm ci)"
make -C "$root" -s --no-print-directory BUILD="$build" wasm >/dev/null
CHROMIUM=$chromium node "$root/bench/playground.mjs" "$build/web"
