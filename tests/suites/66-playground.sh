#!/usr/bin/env bash
# The playground: its C entry points (src/cli/playground.h) as a unit test on the normal and the
# sanitizer builds; then `make wasm` (Debian's emscripten) and the page in headless Chromium
# (tests/browser/playground.test.mjs: typing, fixes, permalinks, settings, hostile snippets,
# file://), screenshots in $GOTCHA_BUILD/test-shots/playground. Without emcc, node, Chromium or
# the node packages (`(cd tests/node && npm ci)`) those parts are skipped, with the reason.
set -u
root=${GOTCHA_ROOT:-$(cd "$(dirname "$0")/../.." && pwd)}
build=${GOTCHA_BUILD:-$root/build}
. "$root/tests/lib/python.sh"
. "$root/tests/lib/unit.sh"

GOTCHA_BUILD=$build GOTCHA_ASAN_BUILD=${GOTCHA_ASAN_BUILD:-$root/build-asan} unit_both test_playground

chromium=${CHROMIUM:-/usr/bin/chromium}
emcc=${EMCC:-emcc}
if ! command -v "$emcc" >/dev/null 2>&1 || ! "$emcc" --version >/dev/null 2>&1; then
    skip "playground: make wasm" "no working emscripten ($emcc): apt-get install emscripten node-acorn"
    skip "playground: in Chromium" "no WebAssembly build without emscripten"
    exit 0
fi

log=$(mktemp)
trap 'rm -f "$log"' EXIT
if make -C "$root" --no-print-directory BUILD="$build" EMCC="$emcc" wasm >"$log" 2>&1; then
    echo "ok - playground: make wasm builds $build/web"
else
    echo "not ok - playground: make wasm builds $build/web"
    tail -30 "$log" | sed 's/^/# /'
    exit 0
fi
for f in index.html app.js style.css gotcha.js gotcha.wasm gotcha-wasm-inline.js; do
    [ -s "$build/web/$f" ] || { echo "not ok - playground: $build/web/$f is made"; exit 0; }
done
echo "ok - playground: the page, its script, style, glue, .wasm and the inline .wasm are made"

if ! command -v node >/dev/null 2>&1; then
    skip "playground: in Chromium" "no node"
elif [ ! -x "$chromium" ]; then
    skip "playground: in Chromium" "no Chromium at $chromium (apt-get install chromium, or set CHROMIUM)"
elif [ ! -d "$root/tests/node/node_modules/playwright-core" ]; then
    skip "playground: in Chromium" "no playwright-core: run (cd tests/node && npm ci)"
else
    # `ok NAME` / `FAIL NAME: detail` lines of the browser harness -> this runner's lines
    GOTCHA_SHOTS_DIR="$build/test-shots/playground" CHROMIUM="$chromium" \
        timeout 300 node "$root/tests/browser/playground.test.mjs" "$build/web" 2>&1 |
        sed -e 's/^ok \(.*\)/ok - playground: \1/' -e 's/^FAIL \(.*\)/not ok - playground: \1/' \
            -e '/^\(ok\|not ok\) - /!s/^/# /'
    status=${PIPESTATUS[0]}
    [ "$status" -le 1 ] || echo "not ok - playground: the browser test ended with status $status"
fi
