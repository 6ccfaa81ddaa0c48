#!/usr/bin/env bash
# Bench section "check": a full `gotcha check --no-cache` (all default rules; every round parses every file, the project section times the cache) of the CPython 3.13 standard
# library on 1 and 2 threads (median wall time, CPU time, peak RSS), CPython's ast.parse over the
# same files in the same run, and Ruff on the same files when npm can install its build here.
# Environment: GOTCHA, PY313, BENCH_ROUNDS (default 5).
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
gotcha=${GOTCHA:-$root/build/gotcha}
py=$("$root/tests/lib/python.sh" 3.13) || exit 1   # CPython 3.13: PY313, python3.13 on PATH or pyenv
rounds=${BENCH_ROUNDS:-5}
stdlib=$("$py" -c 'import sysconfig; print(sysconfig.get_paths()["stdlib"])')
work=$root/build/bench
mkdir -p "$work"

# The files gotcha checks (site-packages and caches are excluded by default), for every tool alike.
"$gotcha" check --isolated --show-files "$stdlib" | sort > "$work/check-files"
tr '\n' '\0' < "$work/check-files" > "$work/check-files0"
nfiles=$(wc -l < "$work/check-files")
nbytes=$(tr '\n' '\0' < "$work/check-files" | xargs -0 cat | wc -c)
field() { sed -n "s/.*$1=\([^ ]*\).*/\1/p" <<<"$2"; }

echo "== check: gotcha check --isolated of $stdlib ($nfiles files, $nbytes bytes), $rounds rounds"
one=$("$py" "$root/bench/measure.py" "$rounds" -- "$gotcha" check --isolated --no-cache --threads 1 --quiet "$stdlib")
two=$("$py" "$root/bench/measure.py" "$rounds" -- "$gotcha" check --isolated --no-cache --threads 2 --quiet "$stdlib")
cpy=$("$py" "$root/bench/parse_cpython.py" "$rounds" < "$work/check-files0")
printf '%-34s %s\n' "gotcha check, 1 thread" "$one" "gotcha check, 2 threads" "$two"
printf '%-34s %s\n' "CPython ast.parse only, 1 thread" "median_s=$(field median_s "$cpy")"
awk -v a="$(field median_s "$two")" -v c="$(field median_s "$cpy")" -v b="$(field median_s "$one")" 'BEGIN {
    printf "ratio ast.parse / gotcha check: %.1fx (1 thread), %.1fx (2 threads)\n", c / b, c / a
}'

# Ruff: only its WebAssembly build is served by the registries here (npm), run in-process by node
# over the same sources already in memory; its time excludes node's start-up and file reading.
if [ ! -d "$root/bench/ruff/node_modules" ]; then
    (cd "$root/bench/ruff" && npm ci --silent --no-audit --no-fund >/dev/null 2>&1) || true
fi
if [ -d "$root/bench/ruff/node_modules" ] && command -v node >/dev/null; then
    peers=B006,B008,B023,B039,RUF009,RUF012,RUF024,B019,F632,SIM115,PLR1708,FURB129,INP001
    ruff=$(node "$root/bench/ruff/ruff_check.js" "$rounds" "$peers" < "$work/check-files")
    ruff_s=$("$py" -c 'import json,statistics,sys; print(statistics.median(json.loads(sys.argv[1])["rounds_ms"]) / 1000)' "$ruff")
    printf '%-34s median_s=%.4f (in-process, peer rules %s)\n' "ruff (wasm) check, 1 thread" "$ruff_s" "$peers"
    awk -v r="$ruff_s" -v b="$(field median_s "$one")" -v a="$(field median_s "$two")" 'BEGIN {
        printf "ratio ruff / gotcha: %.1fx (gotcha 1 thread), %.1fx (gotcha 2 threads)\n", r / b, r / a
    }'
else
    echo "ruff: skipped (npm could not install @astral-sh/ruff-wasm-nodejs)"
fi
