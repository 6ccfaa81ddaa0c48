#!/usr/bin/env bash
# Unit tests of src/unicode/ (UTF-8 helpers, printability, NFKC) and of source/'s line table over
# raw text (tests/unit/test_unicode.c), normal and sanitizer builds.
set -u
for build in "${GOTCHA_BUILD:-build}" "${GOTCHA_ASAN_BUILD:-build-asan}"; do
    bin=$build/tests/test_unicode
    if [ ! -x "$bin" ]; then
        echo "not ok - test_unicode missing in $build"
        continue
    fi
    "$bin" | sed "s/^\(not ok\|ok\) - /&$(basename "$build"): /"
    [ "${PIPESTATUS[0]}" -le 1 ] || echo "not ok - $(basename "$build"): test_unicode crashed"
done
