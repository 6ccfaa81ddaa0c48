#!/usr/bin/env bash
# Oracle: ast_dump's unit tests, then `gotcha dump-ast` against CPython 3.13's ast.dump on every
# .py file of the 3.13 standard library (tree byte for byte; accept/reject and error line).
set -u
root=${GOTCHA_ROOT:-$(cd "$(dirname "$0")/../.." && pwd)}
build=${GOTCHA_BUILD:-$root/build}
gotcha=${GOTCHA:-$build/gotcha}
. "$root/tests/lib/python.sh"

# Unit tests of the dump (repr of constants, omission rules), normal and sanitizer builds.
for dir in "$build" "${GOTCHA_ASAN_BUILD:-}"; do
    [ -n "$dir" ] || continue
    unit=$dir/tests/test_dump
    if [ -x "$unit" ]; then
        "$unit" | sed "s/^\(not \)\{0,1\}ok - /&test_dump ($(basename "$dir")): /"
        [ "${PIPESTATUS[0]}" -eq 0 ] || echo "not ok - test_dump ($(basename "$dir")) exit status"
    elif [ "$dir" = "$build" ]; then
        echo "not ok - test_dump: $unit not built"
    fi
done

if [ ! -x "$gotcha" ]; then
    echo "not ok - oracle stdlib 3.13: $gotcha not built"
    exit 0
fi
if ! py=$(cpython_path 3.13); then
    skip "oracle stdlib 3.13 (dump-ast == ast.dump; normal and ASan+UBSan builds)" "$(cpython_missing 3.13)"
    exit 0
fi
stdlib=$("$py" -c 'import sysconfig; print(sysconfig.get_paths()["stdlib"])')
status=0
"$py" "$root/tests/oracle/oracle.py" --gotcha "$gotcha" --root "$stdlib" \
    --name "oracle stdlib 3.13 (dump-ast == ast.dump)" \
    --cache "$build/oracle-cache/stdlib-3.13.pickle" \
    --known "$root/tests/oracle/known_differences.txt" \
    --report "$build/oracle/stdlib-differences.txt" || status=1
# The sanitizer build on the same files: real code, checked for memory errors and leaks
# (a sanitizer report makes gotcha exit non-zero, which fails the check).
if [ -x "${GOTCHA_ASAN:-}" ]; then
    "$py" "$root/tests/oracle/oracle.py" --gotcha "$GOTCHA_ASAN" --root "$stdlib" \
        --name "oracle stdlib 3.13 (ASan+UBSan build)" \
        --cache "$build/oracle-cache/stdlib-3.13.pickle" \
        --known "$root/tests/oracle/known_differences.txt" || status=1
fi
# A crash of the driver itself (no "not ok" line) still fails the suite.
exit $status
