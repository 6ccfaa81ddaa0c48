#!/usr/bin/env bash
# Rules GT104-GT801 beyond the concise fixtures (tests/unit/test_rules_extra.c): fixes applied and
# re-checked, the preview rule GT601, GT701 on tests/rules/GT701/. Normal and sanitizer builds; run
# from the repository root because GT701 looks at the fixture folders.
set -u
cd "${GOTCHA_ROOT:-$(dirname "$0")/../..}"
for build in "${GOTCHA_BUILD:-build}" "${GOTCHA_ASAN_BUILD:-build-asan}"; do
    bin=$build/tests/test_rules_extra
    if [ ! -x "$bin" ]; then
        echo "not ok - test_rules_extra missing in $build"
        continue
    fi
    "$bin" | sed "s/^\(not ok\|ok\) - /&$(basename "$build"): /"
    [ "${PIPESTATUS[0]}" -le 1 ] || echo "not ok - $(basename "$build"): test_rules_extra crashed"
done
