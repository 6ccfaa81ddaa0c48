#!/usr/bin/env bash
# `gotcha server`, the language server (src/lsp/), and its JSON (src/json/):
#   - the JSON unit checks and the in-memory message loop (tests/unit/test_json.c), both builds;
#   - the JSON reader against Python's json module on generated and mutated documents;
#   - tests/lsp/test_server.py, a small LSP client (standard library only) driving the normal and
#     the ASan+UBSan server through the protocol: lifecycle, diagnostics, code actions, hover,
#     settings reload, the project phase, positions, robustness, memory over 1,000 edits.
# Skipped, with the reason, without a CPython 3.8+ for the client.
set -u
root=${GOTCHA_ROOT:-$(cd "$(dirname "$0")/../.." && pwd)}
GOTCHA=${GOTCHA:-$root/build/gotcha}
GOTCHA_ASAN=${GOTCHA_ASAN:-$root/build-asan/gotcha}
. "$root/tests/lib/python.sh"
. "$root/tests/lib/unit.sh"
unit_both test_json "lsp: "
if ! py=$(cpython_min 3.8); then
    skip "lsp: the client tests" "$(cpython_min_missing 3.8)"
    exit 0
fi
"$py" "$root/tests/lsp/json_oracle.py" "${GOTCHA_BUILD:-$root/build}/tests/test_json" 4000
for bin in "$GOTCHA" "$GOTCHA_ASAN"; do
    label=$(basename "$(dirname "$bin")")
    if [ ! -x "$bin" ]; then
        echo "not ok - lsp: $label: $bin missing"
        continue
    fi
    # under the sanitizers a check is several times slower: more time per answer; the resident
    # size means nothing there (ASan keeps freed memory in quarantine), LeakSanitizer checks instead
    memory=1
    [ "$bin" = "$GOTCHA_ASAN" ] && memory=0
    LSP_TEST_TIMEOUT=120 LSP_TEST_MEMORY=$memory "$py" "$root/tests/lsp/test_server.py" "$bin" "lsp: $label"
done
