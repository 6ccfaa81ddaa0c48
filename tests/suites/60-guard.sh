#!/usr/bin/env bash
# gotcha_guard, the runtime guard: builds it for every CPython 3.8+ on this machine (make guard;
# tests/lib/python.sh --all finds them), then runs gotcha_guard/tests/guard_checks.py under each of
# them. One "ok"/"not ok" line per check, prefixed by the Python version. An interpreter without its
# C headers is a skip; no CPython 3.8+ at all skips the suite.
set -u
root=${GOTCHA_ROOT:-$(cd "$(dirname "$0")/../.." && pwd)}
cd "$root" || exit 1
. tests/lib/python.sh

pythons=$(cpython_all 3.8)   # "X.Y.Z PATH" lines, oldest first
if [ -z "$pythons" ]; then
    skip "guard: built and checked under every CPython 3.8+" "$(cpython_min_missing 3.8)"
    exit 0
fi
python_of() { awk -v v="$1" '$1 == v { print $2 }' <<<"$pythons"; }
has_headers() {
    "$1" -c 'import os, sys, sysconfig; sys.exit(not os.path.exists(os.path.join(sysconfig.get_paths()["include"], "Python.h")))'
}
versions=""   # those with their headers, oldest first
for version in $(awk '{ print $1 }' <<<"$pythons"); do
    if has_headers "$(python_of "$version")"; then
        versions+="$version"$'\n'
    else
        skip "guard $version: built and checked ($(python_of "$version"))" "no Python.h: its -dev package is not installed"
    fi
done
versions=$(sed '/^$/d' <<<"$versions")
[ -n "$versions" ] || exit 0

if ! build_log=$(make -s guard 2>&1); then
    echo "not ok - guard: make guard builds the extension"
    sed 's/^/# /' <<<"$build_log" | head -40
    exit 0
fi
echo "ok - guard: make guard builds the extension"

workdir=$(mktemp -d)
trap 'rm -rf "$workdir"' EXIT

for version in $versions; do
    python=$(python_of "$version")
    module=$(ls "build/guard/$version/gotcha_guard/"_guard*.so 2>/dev/null | head -1)
    if [ -z "$module" ]; then
        echo "not ok - guard $version: extension built into build/guard/$version"
        continue
    fi
    # Run from the work folder: the repository root holds the gotcha_guard sources, which
    # would shadow the built package on sys.path.
    out=$(cd "$workdir" && PYTHONPATH="$root/build/guard/$version" "$python" \
          "$root/gotcha_guard/tests/guard_checks.py" "$workdir/$version" 2>&1)
    status=$?
    printf '%s\n' "$out"
    if [ "$status" -ne 0 ]; then
        echo "not ok - guard $version: checks ran to the end (exit status $status)"
    fi
done

# From the repository root, the source package finds its compiled part under build/guard.
newest=$(tail -n 1 <<<"$versions")
example=$("$(python_of "$newest")" -m gotcha_guard gotcha_guard/examples/request_handler.py alice bob 2>&1)
if grep -q "request_handler.py:10: handle(): default of 'seen' changed at call 1 (items added): \['alice', 'bob'\]" <<<"$example"; then
    echo "ok - guard $newest: example runs from the repository root"
else
    echo "not ok - guard $newest: example runs from the repository root"
    sed 's/^/# /' <<<"$example" | head -20
fi

# The address map, alone, under ASan+UBSan.
python=$(python_of "$newest")
include=$("$python" -c "import sysconfig; print(sysconfig.get_paths()['include'])")
sanitize="-fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer"
if gcc -std=c11 -O1 -g $sanitize -Wall -Wextra -Werror -Wshadow -Wno-unused-parameter -I"$include" \
       -o "$workdir/test_ptrmap" gotcha_guard/tests/test_ptrmap.c gotcha_guard/guard_ptrmap.c 2>"$workdir/cc.log"; then
    "$workdir/test_ptrmap" || echo "not ok - guard ptrmap: test exited with status $?"
else
    echo "not ok - guard ptrmap: test builds"
    sed 's/^/# /' "$workdir/cc.log" | head -20
fi

# The whole extension built with ASan+UBSan, for the newest interpreter of each mechanism
# (sys.monitoring on 3.12+, a frame evaluation function before): memory errors abort the run.
asan_runtime="$(gcc -print-file-name=libasan.so) $(gcc -print-file-name=libubsan.so)"
newest_monitoring=$(grep -E '^3\.(1[2-9])\.' <<<"$versions" | tail -n 1)
newest_eval_frame=$(grep -E '^3\.([89]|1[01])\.' <<<"$versions" | tail -n 1)
for version in $newest_monitoring $newest_eval_frame; do
    python=$(python_of "$version")
    include=$("$python" -c "import sysconfig; print(sysconfig.get_paths()['include'])")
    suffix=$("$python" -c "import sysconfig; print(sysconfig.get_config_var('EXT_SUFFIX'))")
    package="$workdir/asan-$version/gotcha_guard"
    mkdir -p "$package/_bootstrap"
    cp gotcha_guard/*.py "$package/"
    cp gotcha_guard/_bootstrap/*.py "$package/_bootstrap/"
    if ! gcc -std=c11 -O1 -g $sanitize -fPIC -shared -Wall -Wextra -Werror -Wshadow -Wno-unused-parameter \
             -I"$include" -o "$package/_guard$suffix" gotcha_guard/guard*.c 2>"$workdir/cc.log"; then
        echo "not ok - guard $version asan: sanitizer build"
        sed 's/^/# /' "$workdir/cc.log" | head -20
        continue
    fi
    out=$(cd "$workdir" && LD_PRELOAD="$asan_runtime" ASAN_OPTIONS=detect_leaks=0 GUARD_CHECK_TAG=" asan" \
          PYTHONPATH="$workdir/asan-$version" "$python" "$root/gotcha_guard/tests/guard_checks.py" \
          "$workdir/asan-run-$version" 2>&1)
    status=$?
    printf '%s\n' "$out" | grep -E '^(ok|not ok|#)'
    if [ "$status" -ne 0 ]; then
        echo "not ok - guard $version asan: checks ran to the end (exit status $status)"
        grep -E 'ERROR|runtime error|SUMMARY' <<<"$out" | head -10 | sed 's/^/# /'
    fi
done
