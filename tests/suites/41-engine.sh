#!/usr/bin/env bash
# Unit tests of the check engine and the semantic model (tests/unit/test_engine.c), normal and
# sanitizer builds.
set -u
for build in "${GOTCHA_BUILD:-build}" "${GOTCHA_ASAN_BUILD:-build-asan}"; do
    bin=$build/tests/test_engine
    if [ ! -x "$bin" ]; then
        echo "not ok - test_engine missing in $build"
        continue
    fi
    "$bin" | sed "s/^\(not ok\|ok\) - /&$(basename "$build"): /"
    [ "${PIPESTATUS[0]}" -le 1 ] || echo "not ok - $(basename "$build"): test_engine crashed"
done
