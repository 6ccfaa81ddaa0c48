#!/usr/bin/env bash
# sem_parent_in against sem_parent (tests/unit/test_semantic_parent.c), normal and sanitizer builds.
set -u
for build in "${GOTCHA_BUILD:-build}" "${GOTCHA_ASAN_BUILD:-build-asan}"; do
    bin=$build/tests/test_semantic_parent
    if [ ! -x "$bin" ]; then
        echo "not ok - test_semantic_parent missing in $build"
        continue
    fi
    "$bin" | sed "s/^\(not ok\|ok\) - /&$(basename "$build"): /"
    [ "${PIPESTATUS[0]}" -le 1 ] || echo "not ok - $(basename "$build"): test_semantic_parent crashed"
done
