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

# The language server under memcheck: the client tests of suite 63-lsp (without the huge documents
# and the memory figure, which take minutes there), each server started by valgrind; a memcheck
# error or leak makes the server's exit status 99, which the client tests check.
lsp_name="valgrind: gotcha server through the LSP client tests, 0 errors, 0 leaks"
if ! lsp_py=$(cpython_min 3.8); then
    skip "$lsp_name" "$(cpython_min_missing 3.8)"
    exit 0
fi
lsp_log=$(mktemp -d)
lsp_out=$(LSP_SERVER_WRAPPER="valgrind --tool=memcheck --leak-check=full --show-leak-kinds=all --errors-for-leak-kinds=all --error-exitcode=99 --log-file=$lsp_log/server.%p.log" \
          LSP_TEST_QUICK=1 LSP_TEST_MEMORY=0 LSP_TEST_TIMEOUT=300 "$lsp_py" tests/lsp/test_server.py "$GOTCHA" 2>&1)
if grep -q '^ok' <<<"$lsp_out" && ! grep -q '^not ok' <<<"$lsp_out"; then
    echo "ok - $lsp_name"
else
    echo "not ok - $lsp_name"
    grep -A3 '^not ok' <<<"$lsp_out" | sed 's/^/# /' | head -30
    grep -h -E 'ERROR SUMMARY: [1-9]|definitely lost: [1-9]|indirectly lost: [1-9]|possibly lost: [1-9]|still reachable: [1-9]' \
        "$lsp_log"/*.log | sed 's/^/# /' | head -10
fi
echo "# $(grep -c '^ok' <<<"$lsp_out") client checks passed under valgrind"
rm -rf "$lsp_log"
