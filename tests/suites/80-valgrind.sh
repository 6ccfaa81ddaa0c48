#!/usr/bin/env bash
# valgrind memcheck over a full check of the CPython 3.13 standard library (mk/valgrind.mk):
# 0 errors and 0 leaked bytes of any kind. Set GOTCHA_SKIP_VALGRIND=1 to skip it in a quick local run.
# Skipped, with the reason, without valgrind or without CPython 3.13 (its tree is the input).
cd "$GOTCHA_ROOT" || exit 1
. tests/lib/python.sh
name="valgrind: full check of the 3.13 stdlib, 0 errors, 0 leaks"
if [ -n "${GOTCHA_SKIP_VALGRIND:-}" ]; then
    skip "$name" "GOTCHA_SKIP_VALGRIND is set"
    exit 0
fi
if ! command -v valgrind >/dev/null; then
    skip "$name" "valgrind is not installed (.ci/run installs it)"
    exit 0
fi
if ! py=$(cpython_path 3.13); then
    skip "$name" "$(cpython_missing 3.13)"
    exit 0
fi
tree=$("$py" -c 'import sysconfig; print(sysconfig.get_paths()["stdlib"])')
build=$(dirname "$GOTCHA")
if out=$(make -s --no-print-directory BUILD="$build" VALGRIND_TREE="$tree" valgrind 2>&1); then
    echo "ok - $name"
else
    echo "not ok - $name"
fi
sed 's/^/# /' <<<"$out"
