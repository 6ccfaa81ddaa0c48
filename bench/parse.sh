#!/usr/bin/env bash
# Bench section "parse": lex+parse throughput (MB/s, one thread) of gotcha on the CPython 3.13
# standard library against CPython's ast.parse on the same files in the same run, then where
# gotcha's time goes (perf if hardware counters work here, else callgrind on a subset).
# Environment: GOTCHA (binary), PY313, BENCH_ROUNDS (default 5), BENCH_PROFILE=0 to skip profiling.
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
gotcha=${GOTCHA:-$root/build/gotcha}
py=${PY313:-$(pyenv prefix 3.13.0)/bin/python3.13}
rounds=${BENCH_ROUNDS:-5}
stdlib=$("$py" -c 'import sysconfig; print(sysconfig.get_paths()["stdlib"])')
work=$root/build/bench
mkdir -p "$work"
find "$stdlib" -name '*.py' -type f -print0 | sort -z > "$work/stdlib-files"

field() { sed -n "s/.* $1=\([^ ]*\).*/\1/p" <<<"$2"; }

echo "== parse: $(tr -cd '\0' < "$work/stdlib-files" | wc -c) files of $stdlib, median of $rounds rounds, single thread"
ours=$("$gotcha" parse-bench "$rounds" < "$work/stdlib-files")
theirs=$("$py" "$root/bench/parse_cpython.py" "$rounds" < "$work/stdlib-files")
printf '%-24s %8s MB/s  (median %ss, %s bytes, %s rejected)\n' \
    "gotcha lex+parse" "$(field mb_per_s "$ours")" "$(field median_s "$ours")" "$(field bytes "$ours")" "$(field rejected "$ours")"
printf '%-24s %8s MB/s  (median %ss, %s bytes, %s rejected)\n' \
    "CPython 3.13 ast.parse" "$(field mb_per_s "$theirs")" "$(field median_s "$theirs")" "$(field bytes "$theirs")" "$(field rejected "$theirs")"
awk -v a="$(field mb_per_s "$ours")" -v b="$(field mb_per_s "$theirs")" \
    'BEGIN { if (b > 0) printf "%-24s %8.1fx\n", "ratio gotcha/CPython", a / b }'

[ "${BENCH_PROFILE:-1}" = 0 ] && exit 0
echo "== parse: where the time goes"
if perf stat -e instructions true 2>&1 | grep -q '[0-9] *instructions'; then
    perf record -q -g -o "$work/perf.data" "$gotcha" parse-bench 1 < "$work/stdlib-files" > /dev/null 2>&1
    perf report -i "$work/perf.data" --no-children --stdio --percent-limit 1 2>/dev/null \
        | grep -E '^ +[0-9.]+%' | head -25
else
    # No hardware counters (VM): callgrind on every 10th file, instruction counts per function.
    tr '\0' '\n' < "$work/stdlib-files" | awk 'NR % 10 == 0' | tr '\n' '\0' > "$work/subset-files"
    echo "(perf has no hardware counters here; callgrind on $(tr -cd '\0' < "$work/subset-files" | wc -c) files, 1 round)"
    valgrind --tool=callgrind --callgrind-out-file="$work/callgrind.out" \
        "$gotcha" parse-bench 1 < "$work/subset-files" > /dev/null 2>&1
    callgrind_annotate --inclusive=no "$work/callgrind.out" 2>/dev/null \
        | grep -E '^ *[0-9,]+ \(' | head -25
fi
