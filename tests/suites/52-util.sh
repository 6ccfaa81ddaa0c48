#!/usr/bin/env bash
# Unit tests of the small shared helpers (tests/unit/test_util_helpers.c: rule_util, fileio,
# xalloc), normal and sanitizer builds.
set -u
for build in "${GOTCHA_BUILD:-build}" "${GOTCHA_ASAN_BUILD:-build-asan}"; do
    bin=$build/tests/test_util_helpers
    if [ ! -x "$bin" ]; then
        echo "not ok - test_util_helpers missing in $build"
        continue
    fi
    "$bin" | sed "s/^\(not ok\|ok\) - /&$(basename "$build"): /"
    [ "${PIPESTATUS[0]}" -le 1 ] || echo "not ok - $(basename "$build"): test_util_helpers crashed"
done
