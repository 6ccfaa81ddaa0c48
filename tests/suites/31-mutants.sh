#!/usr/bin/env bash
# Differential accept/reject test: 10,000 token-level mutants of standard-library files (fixed
# seed), CPython 3.13's ast.parse against gotcha. Disagreeing mutants are kept in build/mutants/.
# A longer manual run: GOTCHA_MUTANTS_COUNT=200000 GOTCHA_MUTANTS_SEED=7 tests/run_all.sh 31-mutants
set -u
root=${GOTCHA_ROOT:-$(cd "$(dirname "$0")/../.." && pwd)}
build=${GOTCHA_BUILD:-$root/build}
gotcha=${GOTCHA:-$build/gotcha}
. "$root/tests/lib/python.sh"
if [ ! -x "$gotcha" ]; then
    echo "not ok - mutants: $gotcha not built"
    exit 0
fi
if ! py=$(cpython_path 3.13); then
    skip "mutants accept/reject == CPython 3.13 (normal and ASan+UBSan builds)" "$(cpython_missing 3.13)"
    exit 0
fi
status=0
"$py" "$root/tests/oracle/mutants.py" --gotcha "$gotcha" --out "$build/mutants" \
    --count "${GOTCHA_MUTANTS_COUNT:-10000}" --seed "${GOTCHA_MUTANTS_SEED:-1}" \
    --name "mutants accept/reject == CPython 3.13" || status=1
# The sanitizer build on other mutants: error paths are where memory bugs and leaks hide
# (ASan/UBSan/LeakSanitizer failures make gotcha exit non-zero, which fails the check).
if [ -x "${GOTCHA_ASAN:-}" ]; then
    "$py" "$root/tests/oracle/mutants.py" --gotcha "$GOTCHA_ASAN" --out "$build/mutants-asan" \
        --count 2000 --seed "$(( ${GOTCHA_MUTANTS_SEED:-1} + 1000 ))" \
        --name "mutants accept/reject == CPython 3.13 (ASan+UBSan build)" || status=1
fi
# A crash of the driver itself (no "not ok" line) still fails the suite.
exit $status
