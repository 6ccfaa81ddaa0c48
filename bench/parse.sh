#!/usr/bin/env bash
# Bench section "parse": lex+parse throughput (MB/s, one thread) of gotcha on the CPython 3.13
# standard library against CPython's ast.parse on the same files in the same run, then where
# gotcha's time goes (perf if hardware counters work here, else callgrind on a subset).
# The rounds alternate between the two (gotcha, CPython, gotcha, ...) so that a change in machine
# load hits both alike; each side reports its median round.
# Environment: GOTCHA (binary), PY313, BENCH_ROUNDS (default 5), BENCH_PROFILE=0 to skip profiling.
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
gotcha=${GOTCHA:-$root/build/gotcha}
py=$("$root/tests/lib/python.sh" 3.13) || exit 1   # CPython 3.13: PY313, python3.13 on PATH or pyenv
rounds=${BENCH_ROUNDS:-5}
stdlib=$("$py" -c 'import sysconfig; print(sysconfig.get_paths()["stdlib"])')
work=$root/build/bench
mkdir -p "$work"
find "$stdlib" -name '*.py' -type f -print0 | sort -z > "$work/stdlib-files"
nfiles=$(tr -cd '\0' < "$work/stdlib-files" | wc -c)
nbytes=$(xargs -0 cat < "$work/stdlib-files" | wc -c)

# "key=value" field of a parse-bench line
field() { sed -n "s/.* $1=\([^ ]*\).*/\1/p" <<<"$2"; }
median() { sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

echo "== parse: $nfiles files ($nbytes bytes) of $stdlib, $rounds rounds each, single thread"
: > "$work/gotcha-rounds"
: > "$work/cpython-rounds"
for _ in $(seq "$rounds"); do
    ours=$("$gotcha" parse-bench 1 < "$work/stdlib-files")
    field median_s "$ours" >> "$work/gotcha-rounds"
    theirs=$("$py" "$root/bench/parse_cpython.py" 1 < "$work/stdlib-files")
    field median_s "$theirs" >> "$work/cpython-rounds"
done
ours_s=$(median < "$work/gotcha-rounds")
theirs_s=$(median < "$work/cpython-rounds")
awk -v bytes="$nbytes" -v a="$ours_s" -v b="$theirs_s" -v rej_a="$(field rejected "$ours")" \
    -v rej_b="$(field rejected "$theirs")" 'BEGIN {
    printf "%-24s %8.1f MB/s  (median round %.3fs, %s files rejected)\n", "gotcha lex+parse", bytes / 1e6 / a, a, rej_a
    printf "%-24s %8.1f MB/s  (median round %.3fs, %s files rejected)\n", "CPython 3.13 ast.parse", bytes / 1e6 / b, b, rej_b
    printf "%-24s %8.1fx\n", "ratio gotcha/CPython", b / a
}'

[ "${BENCH_PROFILE:-1}" = 0 ] && exit 0
echo "== parse: where the time goes"
if perf stat -e instructions true 2>&1 | grep -q '[0-9] *instructions'; then
    perf record -q -g -o "$work/perf.data" "$gotcha" parse-bench 1 < "$work/stdlib-files" > /dev/null 2>&1
    perf report -i "$work/perf.data" --no-children --stdio --percent-limit 1 2>/dev/null \
        | grep -E '^ +[0-9.]+%' | head -25
else
    # No hardware counters (VM): callgrind on every 10th file, instructions per function.
    tr '\0' '\n' < "$work/stdlib-files" | awk 'NR % 10 == 0' | tr '\n' '\0' > "$work/subset-files"
    subset_bytes=$(xargs -0 cat < "$work/subset-files" | wc -c)
    echo "(perf has no hardware counters here: callgrind, 1 round over every 10th file," \
         "$(tr -cd '\0' < "$work/subset-files" | wc -c) files, $subset_bytes bytes; self cost per function)"
    valgrind --tool=callgrind --callgrind-out-file="$work/callgrind.out" \
        "$gotcha" parse-bench 1 < "$work/subset-files" > /dev/null 2>&1
    callgrind_annotate --inclusive=no "$work/callgrind.out" 2>/dev/null > "$work/callgrind.txt"
    total=$(grep -m1 'PROGRAM TOTALS' "$work/callgrind.txt" | awk '{ gsub(",", "", $1); print $1 }')
    awk -v t="$total" -v b="$subset_bytes" 'BEGIN { printf "%.1f instructions per byte of source (the whole run, file loading included)\n", t / b }'
    grep -E '^ *[0-9,]+ \(' "$work/callgrind.txt" | grep -v 'PROGRAM TOTALS' | head -20
fi
