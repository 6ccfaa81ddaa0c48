#!/usr/bin/env bash
# Rules GT104-GT801 beyond the concise fixtures (tests/unit/test_rules_extra.c): fixes applied and
# re-checked, the preview rule GT601, GT701 on tests/rules/GT701/. Normal and sanitizer builds; run
# from the repository root because GT701 looks at the fixture folders.
set -u
. "${GOTCHA_ROOT:-$(dirname "$0")/../..}/tests/lib/unit.sh"
cd "${GOTCHA_ROOT:-$(dirname "$0")/../..}"
unit_both test_rules_extra
