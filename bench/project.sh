#!/usr/bin/env bash
# Bench section "project": `gotcha check` with the project phase and the cache on the 3.11
# site-packages and the CPython 3.13 standard library, 2 threads, against the budgets of issue 12.
# Each round runs, one after the other (so that the machine's load weighs alike on all):
#   no cache `--no-cache` (per-file check + project phase, nothing read or written);
#   cold     an empty cache folder (the run writes every entry; emptying it is not timed);
#   warm     nothing changed;
#   1 change one file edited just before (the trees are copied to a temporary folder first:
#            `build/` is a folder discovery skips).
# Printed: median wall time, CPU time (user + sys) and peak RSS of each row; warm and 1-change as
# a share of cold (the median of the rounds' own ratios, wall and CPU); then one `budget` line per
# budget with `ok` or `OVER`; then Ruff (its WebAssembly build, in-process, one thread: the only
# build the registries here serve) on the same files when npm could install it.
# Environment: GOTCHA, PY313, BENCH_ROUNDS (default 5).
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
gotcha=${GOTCHA:-$root/build/gotcha}
py=$("$root/tests/lib/python.sh" 3.13) || exit 1   # CPython 3.13: PY313, python3.13 on PATH or pyenv
rounds=${BENCH_ROUNDS:-5}
work=$root/build/bench
mkdir -p "$work"
py311=$("$root/tests/lib/python.sh" 3.11) || exit 1
sp=$("$py311" -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')
stdlib=$("$py" -c 'import sysconfig; print(sysconfig.get_paths()["stdlib"])')
field() { sed -n "s/.*$1=\([^ ]*\).*/\1/p" <<<"$2"; }
median() { sort -g | awk '{ v[NR] = $1 } END { print (NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2) }'; }

# One timed run: "wall cpu peak_mb" of `gotcha check --isolated --threads 2 --quiet ARGS`.
run_once() {
    local line
    line=$("$py" "$root/bench/measure.py" 1 -- "$gotcha" check --isolated --threads 2 --quiet "$@")
    echo "$(field median_s "$line") $(field cpu_s "$line") $(field peak_mb "$line")"
}

# The rows of one tree, interleaved by round; sets cold_wall (median) for the budget lines.
bench_tree() {     # name path
    local name=$1 cache=$work/cache-$1 tree=$copies/$1 edited out=$work/project-rounds-$1
    rm -rf "$tree"
    cp -r "$2" "$tree"
    "$gotcha" check --isolated --show-files "$tree" | sort >"$work/project-files-$name"
    local nfiles nbytes
    nfiles=$(wc -l <"$work/project-files-$name")
    nbytes=$(tr '\n' '\0' <"$work/project-files-$name" | xargs -0 cat | wc -c)
    edited=$(head -1 "$work/project-files-$name")
    echo "== project: gotcha check --isolated --threads 2 of $tree ($nfiles files, $nbytes bytes), $rounds rounds"
    : >"$out"
    for _ in $(seq "$rounds"); do
        local nocache cold warm change
        nocache=$(run_once --no-cache "$tree")
        rm -rf "$cache"
        cold=$(run_once --cache-dir "$cache" "$tree")
        warm=$(run_once --cache-dir "$cache" "$tree")
        echo "# edit $RANDOM" >>"$edited"
        change=$(run_once --cache-dir "$cache" "$tree")
        echo "$nocache $cold $warm $change" >>"$out"
    done
    rm -rf "$cache"
    # columns: 1-3 no cache, 4-6 cold, 7-9 warm, 10-12 1 change (wall cpu peak each)
    local col label
    for col in 1 4 7 10; do
        case $col in 1) label="no cache" ;; 4) label="cold (empty cache)" ;; 7) label="warm (nothing changed)" ;;
                     10) label="warm, 1 file changed" ;; esac
        printf '%-26s median_s=%s cpu_s=%s peak_mb=%s\n' "$label" \
            "$(awk -v c=$col '{ print $c }' "$out" | median)" "$(awk -v c=$((col + 1)) '{ print $c }' "$out" | median)" \
            "$(awk -v c=$((col + 2)) 'BEGIN { m = 0 } { if ($c > m) m = $c } END { print m }' "$out")"
    done
    printf '%-26s wall %s%%  cpu %s%% of cold\n' "warm / cold" \
        "$(awk '{ printf "%.1f\n", 100 * $7 / $4 }' "$out" | median)" "$(awk '{ printf "%.1f\n", 100 * $8 / $5 }' "$out" | median)"
    printf '%-26s wall %s%%  cpu %s%% of cold\n' "1 change / cold" \
        "$(awk '{ printf "%.1f\n", 100 * $10 / $4 }' "$out" | median)" "$(awk '{ printf "%.1f\n", 100 * $11 / $5 }' "$out" | median)"
    if [ -d "$root/bench/ruff/node_modules" ] && command -v node >/dev/null; then
        local peers=B006,B008,B023,B039,RUF009,RUF012,RUF024,B019,F632,SIM115,PLR1708,FURB129,INP001 ruff
        ruff=$(node "$root/bench/ruff/ruff_check.js" "$rounds" "$peers" <"$work/project-files-$name")
        printf '%-26s median_s=%s (in-process, 1 thread, files already read; no cache)\n' "ruff (wasm)" \
            "$("$py" -c 'import json,statistics,sys; print(statistics.median(json.loads(sys.argv[1])["rounds_ms"]) / 1000)' "$ruff")"
    else
        echo "ruff: skipped (no native ruff on this machine, and npm could not install @astral-sh/ruff-wasm-nodejs)"
    fi
    rm -rf "$tree"
}

# budget LABEL VALUE LIMIT UNIT: one line, ok or OVER.
budget() {
    awk -v l="$1" -v v="$2" -v m="$3" -v u="$4" 'BEGIN {
        printf "budget %-40s %8.3f %-2s (<= %s %s) %s\n", l, v, u, m, u, (v <= m ? "ok" : "OVER") }'
}

# Ruff's WebAssembly build (the only Ruff the registries here serve), installed as bench/check.sh does.
if [ ! -d "$root/bench/ruff/node_modules" ] && command -v npm >/dev/null; then
    (cd "$root/bench/ruff" && npm ci --silent --no-audit --no-fund >/dev/null 2>&1) || true
fi

copies=$(mktemp -d)
trap 'rm -rf "$copies"' EXIT
bench_tree site-packages "$sp"
bench_tree stdlib "$stdlib"
sp_rounds=$work/project-rounds-site-packages
std_rounds=$work/project-rounds-stdlib
echo "== project: issue 12 budgets (medians of $rounds rounds; wall time depends on the machine's load, CPU time less)"
budget "site-packages cold, 2 threads, wall" "$(awk '{ print $4 }' "$sp_rounds" | median)" 1.5 s
budget "site-packages warm / cold, wall" "$(awk '{ printf "%.2f\n", 100 * $7 / $4 }' "$sp_rounds" | median)" 15 %
budget "site-packages 1 file changed / cold, wall" "$(awk '{ printf "%.2f\n", 100 * $10 / $4 }' "$sp_rounds" | median)" 20 %
budget "site-packages peak memory (any row)" \
    "$(awk 'BEGIN { m = 0 } { for (c = 3; c <= 12; c += 3) if ($c > m) m = $c } END { print m }' "$sp_rounds")" 128 MB
budget "stdlib cold, 2 threads, wall" "$(awk '{ print $4 }' "$std_rounds" | median)" 0.25 s
