#!/usr/bin/env bash
# Parser: unit tests (normal and sanitizer builds), then `gotcha dump-ast` against CPython 3.13's
# ast.parse on the cases of tests/parser/cases (every construct and error category: same tree, or
# rejected by both on the same line) and on deep-nesting inputs (same accept/reject, no crash).
set -u
root=${GOTCHA_ROOT:-$(cd "$(dirname "$0")/../.." && pwd)}
build=${GOTCHA_BUILD:-$root/build}
gotcha=${GOTCHA:-$build/gotcha}
. "$root/tests/lib/python.sh"

for dir in "$build" "${GOTCHA_ASAN_BUILD:-}"; do
    [ -n "$dir" ] || continue
    unit=$dir/tests/test_parser
    if [ -x "$unit" ]; then
        "$unit" | sed "s/^\(not \)\{0,1\}ok - /&test_parser ($(basename "$dir")): /"
        [ "${PIPESTATUS[0]}" -eq 0 ] || echo "not ok - test_parser ($(basename "$dir")) exit status"
    elif [ "$dir" = "$build" ]; then
        echo "not ok - test_parser: $unit not built"
    fi
done

if ! py=$(cpython_path 3.13); then
    skip "parser cases and deep nesting == CPython 3.13 (normal and ASan+UBSan builds)" "$(cpython_missing 3.13)"
    exit 0
fi

for bin in "$gotcha" "${GOTCHA_ASAN:-}"; do
    [ -n "$bin" ] || continue
    if [ ! -x "$bin" ]; then
        [ "$bin" = "$gotcha" ] && echo "not ok - parser cases: $bin not built"
        continue
    fi
    label=$(basename "$(dirname "$bin")")
    "$py" "$root/tests/parser/compare_cases.py" --gotcha "$bin" --check-lines \
        --name "parser cases == CPython 3.13 ($label)" "$root"/tests/parser/cases/*.py
done

# Deep nesting: CPython's limits decide; gotcha must answer the same without crashing.
if [ -x "$gotcha" ]; then
    deep=$(mktemp -d)
    trap 'rm -rf "$deep"' EXIT
    "$py" "$root/tests/parser/make_deep.py" "$deep"
    "$py" "$root/tests/parser/compare_cases.py" --gotcha "$gotcha" \
        --name "deep nesting accept/reject == CPython 3.13" "$deep"/*.py
fi
exit 0
