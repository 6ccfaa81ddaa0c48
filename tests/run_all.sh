#!/usr/bin/env bash
# Runs every suite in tests/suites/ and prints the total as "N passed, N failed".
# A suite is an executable script that prints one line per check: "ok - NAME" or "not ok - NAME",
# with any details on lines that start with "#". A check that cannot run on this machine (no CPython
# 3.13, no valgrind...) prints "ok - NAME # SKIP REASON" (tests/lib/python.sh: skip): it counts as
# skipped, not passed. It finds the binaries through $GOTCHA, $GOTCHA_ASAN and $GOTCHA_BUILD (folder
# of build outputs, for unit test binaries) and CPython 3.13 through $PY313 (tests/lib/python.sh).
#
# Usage: tests/run_all.sh [NAME]   runs the suites whose file name contains NAME (all without it).
# Suites are independent (each works in its own temporary folder or build sub-folder), so up to
# $GOTCHA_TEST_JOBS of them run at once (default: the number of cores; 1 = one after the other).
# Each suite's output is kept apart and printed whole, in name order; the longest suites of the
# previous run (times kept in $GOTCHA_BUILD/suite-times) start first, so that the run ends sooner.
set -u
cd "$(dirname "$0")/.."
. tests/lib/python.sh
export GOTCHA_ROOT=$PWD
export GOTCHA=${GOTCHA:-$PWD/build/gotcha}
export GOTCHA_BUILD=${GOTCHA_BUILD:-$PWD/build}
export GOTCHA_ASAN=${GOTCHA_ASAN:-$PWD/build-asan/gotcha}
export GOTCHA_ASAN_BUILD=${GOTCHA_ASAN_BUILD:-$PWD/build-asan}
if py313=$(cpython_path 3.13); then
    export PY313=$py313      # found once: every suite then uses this interpreter, no search
else
    echo "# $(cpython_missing 3.13): the checks that need it are skipped"
fi
filter=${1:-}
jobs=${GOTCHA_TEST_JOBS:-$(nproc 2>/dev/null || echo 1)}
[[ "$jobs" =~ ^[1-9][0-9]*$ ]] || { echo "GOTCHA_TEST_JOBS must be a positive number, not '$jobs'" >&2; exit 2; }
times_file=$GOTCHA_BUILD/suite-times
work=$(mktemp -d "${TMPDIR:-/tmp}/gotcha-run-all.XXXXXX")
# Interrupted (Ctrl-C, kill): the running suites go too, with every process they started (each
# suite runs in a process group of its own: see launch).
stop_suites() {
    local f
    for f in "$work"/*.pid; do
        [ -e "$f" ] && [ ! -e "${f%.pid}.done" ] && kill -TERM -- "-$(cat "$f")" 2>/dev/null
    done
}
trap 'rm -rf "$work"' EXIT
trap 'stop_suites; echo "tests/run_all.sh: interrupted" >&2; exit 130' INT TERM

names=()
for suite in tests/suites/*.sh; do
    name=$(basename "$suite" .sh)
    [ -n "$filter" ] && [[ "$name" != *"$filter"* ]] && continue
    names+=("$name")
done

# The start order: the previous run's longest first; suites without a time keep name order, first.
start_order() {
    local name
    for name in "${names[@]}"; do
        printf '%s %s\n' "$(awk -v n="$name" '$1 == n { t = $2 } END { print t + 0 }' "$times_file" 2>/dev/null || echo 0)" "$name"
    done | sort -s -k1,1nr | awk '{ print $2 }'
}

# launch NAME: runs the suite in the background, in a process group of its own (job control on for
# that one fork only), whose id goes to $work/NAME.pid; its output goes to $work/NAME.out, and
# "STATUS SECONDS" to $work/NAME.done when it ends.
launch() {
    set -m
    (
        start=$(date +%s)
        bash "tests/suites/$1.sh" >"$work/$1.out" 2>&1 </dev/null
        status=$?
        echo "$status $(( $(date +%s) - start ))" >"$work/$1.tmp" && mv "$work/$1.tmp" "$work/$1.done"
    ) &
    echo $! >"$work/$1.pid"
    set +m
}

total_pass=0 total_fail=0 total_skip=0
failed_names=()
# report NAME: the summary line of a finished suite, its failures and its skip reasons.
report() {
    local name=$1 out status seconds pass fail skip
    read -r status seconds <"$work/$name.done"
    out=$(cat "$work/$name.out")
    skip=$(grep -ciE '^ok .*# skip( |$)' <<<"$out")
    pass=$(( $(grep -c '^ok ' <<<"$out") - skip ))
    fail=$(grep -c '^not ok ' <<<"$out")
    if [ "$status" -ne 0 ] && [ "$fail" -eq 0 ]; then
        fail=1
        out+=$'\n'"not ok - $name exited with status $status"
    fi
    echo "== $name: $pass passed, $fail failed$([ "$skip" -gt 0 ] && echo ", $skip skipped") (${seconds}s)"
    if [ "$fail" -gt 0 ]; then
        grep -A15 '^not ok ' <<<"$out" | head -80
        failed_names+=("$name")
    fi
    # one line per distinct reason, with how many checks it skipped
    [ "$skip" -gt 0 ] && grep -iE '^ok .*# skip( |$)' <<<"$out" | sed -E 's/.*# [Ss][Kk][Ii][Pp] ?//' |
        sort | uniq -c | sort -k1,1nr | head -10 | awk '{ n = $1; sub(/^ *[0-9]+ /, ""); print "#   skipped " n ": " $0 }'
    total_pass=$((total_pass + pass))
    total_fail=$((total_fail + fail))
    total_skip=$((total_skip + skip))
    printf '%s %s\n' "$name" "$seconds" >>"$work/times"
}

started=$(date +%s)
queue=($(start_order))
launched=0 next=0
while [ "$next" -lt ${#names[@]} ]; do
    finished=$(find "$work" -name '*.done' | wc -l)
    while [ ${#queue[@]} -gt 0 ] && [ $((launched - finished)) -lt "$jobs" ]; do
        launch "${queue[0]}"
        queue=("${queue[@]:1}")
        launched=$((launched + 1))
    done
    # print every suite, in name order, as soon as it and those before it are done
    while [ "$next" -lt ${#names[@]} ] && [ -e "$work/${names[$next]}.done" ]; do
        report "${names[$next]}"
        next=$((next + 1))
    done
    [ "$next" -lt ${#names[@]} ] || break
    wait -n 2>/dev/null || true
done
wait

# Keep this run's times (and the earlier times of the suites not run now) for the next start order.
if [ -s "$work/times" ] && mkdir -p "$GOTCHA_BUILD" 2>/dev/null; then
    { cat "$work/times"; awk 'NR == FNR { seen[$1] = 1; next } !($1 in seen)' "$work/times" "$times_file" 2>/dev/null; } |
        sort >"$work/times.new" && mv "$work/times.new" "$times_file"
fi

[ ${#failed_names[@]} -gt 0 ] && echo "failing suites: ${failed_names[*]}"
echo "${#names[@]} suites in $(( $(date +%s) - started ))s, $jobs at a time; $total_skip skipped"
echo "$total_pass passed, $total_fail failed"
[ "$total_fail" -eq 0 ]
