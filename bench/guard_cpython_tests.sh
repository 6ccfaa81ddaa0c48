#!/usr/bin/env bash
# CPython's own difflib, logging, json, functools and threading tests, without and with
# gotcha_guard (python -m gotcha_guard -m test ...), on CPython 3.13 and 3.11 (tests/lib/python.sh)
# (sys.monitoring and frame evaluation function mechanisms), in one process, and with worker processes when
# GUARD_CPYTHON_JOBS lists them (e.g. "serial 2": also -j2, whose workers the guard follows).
# Must hold: same test results, same exit status, and no report from the guard. Prints one
# "ok"/"not ok" line per comparison and the times. Run by `make guard-cpython-tests`.
# test_threading's test_print_exception_gh_102056 is left out of both runs: on this shared
# machine it ran for over 13 minutes without the guard (deep recursion in a subprocess).
set -u
root=$(cd "$(dirname "$0")/.." && pwd)
tests="test_difflib test_logging test_json test_functools test_threading"
skip="-i test_print_exception_gh_102056"
work=$(mktemp -d)
[ -n "${GUARD_CPYTHON_KEEP:-}" ] || trap 'rm -rf "$work"' EXIT  # GUARD_CPYTHON_KEEP=1 keeps the logs
failures=0

summary() {  # the lines of a regrtest run that tell its results, without times
    grep -E '^(== Tests result|Tests result|[0-9]+ tests? (OK|failed|skipped)|[0-9]+ tests? altered)|^    test_' "$1" \
        | sed -E 's/ in [0-9.]+ (sec|min).*//' | sort
}

for minor in ${GUARD_CPYTHON_MINORS:-13 11}; do
    python=$("$root/tests/lib/python.sh" "3.$minor") ||
        { echo "ok - guard cpython 3.$minor tests # SKIP no CPython 3.$minor"; continue; }
    version=$("$python" -c 'import platform; print(platform.python_version())')
    for jobs in ${GUARD_CPYTHON_JOBS:-serial}; do
        label="$version $jobs"
        parallel=""
        [ "$jobs" = serial ] || parallel="-j$jobs"
        start=$(date +%s.%N)
        (cd "$work" && "$python" -m test --timeout 900 $parallel $skip $tests >"$work/plain.log" 2>&1)
        plain_status=$?
        middle=$(date +%s.%N)
        (cd "$work" && PYTHONPATH="$root/build/guard/$version" "$python" -m gotcha_guard -m test --timeout 900 $parallel $skip $tests \
            >"$work/guarded.log" 2>&1)
        guarded_status=$?
        end=$(date +%s.%N)
        plain=$(summary "$work/plain.log")
        guarded=$(summary "$work/guarded.log")
        if [ "$plain_status" = "$guarded_status" ] && [ "$plain" = "$guarded" ] && [ -n "$plain" ] \
           && grep -q '^gotcha_guard: no mutated defaults$' "$work/guarded.log" \
           && ! grep -q 'not watched' "$work/guarded.log"; then
            echo "ok - guard cpython $label: same results (exit $plain_status), no report"
        else
            failures=$((failures + 1))
            echo "not ok - guard cpython $label: exit $plain_status vs $guarded_status"
            diff <(printf '%s\n' "$plain") <(printf '%s\n' "$guarded") | sed 's/^/# /' | head -20
            grep -E '^gotcha_guard|^  /' "$work/guarded.log" | sed 's/^/# /' | head -20
        fi
        awk -v a="$start" -v b="$middle" -v c="$end" -v l="$label" \
            'BEGIN { printf "# %s: %.1f s without, %.1f s with the guard (%.2fx)\n", l, b - a, c - b, (c - b) / (b - a) }'
    done
done
exit "$failures"
