#!/usr/bin/env bash
# Runs every suite in tests/suites/ and prints the total as "N passed, N failed".
# A suite is an executable script that prints one line per check: "ok - NAME" or "not ok - NAME",
# with any details on lines that start with "#". It finds the binaries through $GOTCHA,
# $GOTCHA_ASAN and $GOTCHA_BUILD (folder of build outputs, for unit test binaries).
set -u
cd "$(dirname "$0")/.."
export GOTCHA_ROOT=$PWD
export GOTCHA=${GOTCHA:-$PWD/build/gotcha}
export GOTCHA_BUILD=${GOTCHA_BUILD:-$PWD/build}
export GOTCHA_ASAN=${GOTCHA_ASAN:-$PWD/build-asan/gotcha}
export GOTCHA_ASAN_BUILD=${GOTCHA_ASAN_BUILD:-$PWD/build-asan}
export PY313=${PY313:-$(pyenv prefix 3.13.0 2>/dev/null)/bin/python3.13}
filter=${1:-}
total_pass=0 total_fail=0
failed_names=()
for suite in tests/suites/*.sh; do
    name=$(basename "$suite" .sh)
    [ -n "$filter" ] && [[ "$name" != *"$filter"* ]] && continue
    start=$(date +%s)
    out=$(bash "$suite" 2>&1)
    status=$?
    pass=$(grep -c '^ok ' <<<"$out")
    fail=$(grep -c '^not ok ' <<<"$out")
    if [ "$status" -ne 0 ] && [ "$fail" -eq 0 ]; then
        fail=1
        out+=$'\n'"not ok - $name exited with status $status"
    fi
    echo "== $name: $pass passed, $fail failed ($(( $(date +%s) - start ))s)"
    if [ "$fail" -gt 0 ]; then
        grep -A15 '^not ok ' <<<"$out" | head -80
        failed_names+=("$name")
    fi
    total_pass=$((total_pass + pass))
    total_fail=$((total_fail + fail))
done
[ ${#failed_names[@]} -gt 0 ] && echo "failing suites: ${failed_names[*]}"
echo "$total_pass passed, $total_fail failed"
[ "$total_fail" -eq 0 ]
