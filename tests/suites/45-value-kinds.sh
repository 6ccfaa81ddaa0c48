#!/usr/bin/env bash
# sem_value_kinds against CPython 3.13: what the inference claims for each probe of
# tests/semantic/value_kinds.py (tests/unit/test_semantic_values.c, normal and sanitizer builds)
# must be the type every run of that probe had, and today's claims are value_kinds.expected; then
# the same on random programs (tests/semantic/value_kinds_random.py).
set -u
root=${GOTCHA_ROOT:-$(cd "$(dirname "$0")/../.." && pwd)}
. "$root/tests/lib/python.sh"
if ! py=$(cpython_path 3.13); then
    skip "value kinds against CPython 3.13" "$(cpython_missing 3.13)"
    exit 0
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for build in "${GOTCHA_BUILD:-$root/build}" "${GOTCHA_ASAN_BUILD:-$root/build-asan}"; do
    bin=$build/tests/test_semantic_values label="value kinds ($(basename "$build"))"
    if [ ! -x "$bin" ]; then
        echo "not ok - $label: $bin missing"
        continue
    fi
    if ! "$bin" "$root/tests/semantic/value_kinds.py" >"$tmp/claims" 2>"$tmp/err"; then
        echo "not ok - $label: test_semantic_values failed"
        sed 's/^/# /' "$tmp/err" | head -5
        continue
    fi
    "$py" "$root/tests/semantic/value_kinds_oracle.py" "$root/tests/semantic/value_kinds.py" \
        "$tmp/claims" "$root/tests/semantic/value_kinds.expected" "$label" ||
        echo "not ok - $label: the probe file failed under $py"
done
# Random programs (assignments, loops, augmented assignments, walrus, unpacking, closures with
# nonlocal, module globals rebound by `global`): every claim against CPython, normal build.
bin=${GOTCHA_BUILD:-$root/build}/tests/test_semantic_values
if [ -x "$bin" ]; then
    "$py" "$root/tests/semantic/value_kinds_random.py" "$bin" --seed 45 --count 200 ||
        echo "not ok - value kinds on random programs: the generator failed"
fi
