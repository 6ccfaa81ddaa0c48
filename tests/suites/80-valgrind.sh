#!/usr/bin/env bash
# valgrind memcheck over a full check of the CPython 3.13 standard library (mk/valgrind.mk):
# 0 errors and 0 leaked bytes of any kind. Set GOTCHA_SKIP_VALGRIND=1 to skip it in a quick local run.
cd "$GOTCHA_ROOT" || exit 1
if [ -n "${GOTCHA_SKIP_VALGRIND:-}" ]; then
    echo "# skipped: GOTCHA_SKIP_VALGRIND is set"
    exit 0
fi
if ! command -v valgrind >/dev/null; then
    echo "not ok - valgrind is not installed (.ci/run installs it)"
    exit 0
fi
build=$(dirname "$GOTCHA")
if out=$(make -s --no-print-directory BUILD="$build" valgrind 2>&1); then
    echo "ok - valgrind: full check of the 3.13 stdlib, 0 errors, 0 leaks"
else
    echo "not ok - valgrind: full check of the 3.13 stdlib"
fi
sed 's/^/# /' <<<"$out"
