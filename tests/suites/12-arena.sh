#!/usr/bin/env bash
# Arena allocator and the source layer's word-at-a-time paths (line table, UTF-8 check): the
# test_arena unit test on the normal and the sanitizer builds.
set -u
root=${GOTCHA_ROOT:-$(cd "$(dirname "$0")/../.." && pwd)}
build=${GOTCHA_BUILD:-$root/build}

for dir in "$build" "${GOTCHA_ASAN_BUILD:-}"; do
    [ -n "$dir" ] || continue
    unit=$dir/tests/test_arena
    if [ -x "$unit" ]; then
        "$unit" | sed "s/^\(not \)\{0,1\}ok - /&test_arena ($(basename "$dir")): /"
        [ "${PIPESTATUS[0]}" -eq 0 ] || echo "not ok - test_arena ($(basename "$dir")) exit status"
    elif [ "$dir" = "$build" ]; then
        echo "not ok - test_arena: $unit not built"
    fi
done
