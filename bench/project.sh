#!/usr/bin/env bash
# Bench section "project": `gotcha check` with the project phase and the cache (issue 12 budgets)
# on the 3.11 site-packages and the CPython 3.13 standard library, 2 threads:
#   cold     an empty cache folder (the run writes every entry; emptying it is not timed);
#   warm     nothing changed;
#   1 change one file edited before each round (the trees are copied to a temporary folder first:
#            `build/` is a folder discovery skips);
#   no cache `--no-cache` (per-file check + project phase, nothing read or written);
# median wall time, CPU time and peak RSS, and Ruff (its WebAssembly build, in-process, one
# thread: the only build the registries here serve) on the same files when npm could install it.
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

# One timed command per round, after an untimed preparation (the cache state of that row).
measure_with() {   # label prepare-command gotcha-args...
    local label=$1 prepare=$2 walls=() cpus=() peak=0 line
    shift 2
    for _ in $(seq "$rounds"); do
        bash -c "$prepare"
        line=$("$py" "$root/bench/measure.py" 1 -- "$gotcha" check --isolated --threads 2 --quiet "$@")
        walls+=("$(field median_s "$line")")
        cpus+=("$(field cpu_s "$line")")
        peak=$(awk -v a="$peak" -v b="$(field peak_mb "$line")" 'BEGIN { print (b > a ? b : a) }')
    done
    printf '%-26s median_s=%s cpu_s=%s peak_mb=%s\n' "$label" \
        "$(printf '%s\n' "${walls[@]}" | sort -g | sed -n "$(( (rounds + 1) / 2 ))p")" \
        "$(printf '%s\n' "${cpus[@]}" | sort -g | sed -n "$(( (rounds + 1) / 2 ))p")" "$peak"
}

bench_tree() {     # name path
    local name=$1 cache=$work/cache-$1 tree=$copies/$1
    rm -rf "$tree"
    cp -r "$2" "$tree"
    "$gotcha" check --isolated --show-files "$tree" | sort >"$work/project-files-$name"
    local nfiles nbytes
    nfiles=$(wc -l <"$work/project-files-$name")
    nbytes=$(tr '\n' '\0' <"$work/project-files-$name" | xargs -0 cat | wc -c)
    echo "== project: gotcha check --isolated --threads 2 of $tree ($nfiles files, $nbytes bytes), $rounds rounds"
    measure_with "no cache" ":" --no-cache "$tree"
    measure_with "cold (empty cache)" "rm -rf '$cache'" --cache-dir "$cache" "$tree"
    measure_with "warm (nothing changed)" ":" --cache-dir "$cache" "$tree"
    local edited
    edited=$(head -1 "$work/project-files-$name")
    measure_with "warm, 1 file changed" "echo \"# edit \$RANDOM\" >> '$edited'" --cache-dir "$cache" "$tree"
    rm -rf "$cache"
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

copies=$(mktemp -d)
trap 'rm -rf "$copies"' EXIT
bench_tree site-packages "$sp"
bench_tree stdlib "$stdlib"
