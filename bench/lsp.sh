#!/usr/bin/env bash
# Bench section "lsp": `gotcha server` (issue 15), the time from an incremental didChange to the
# publishDiagnostics that answers it on a 2,000-line file of real code (the CPython 3.13 stdlib's
# argparse.py cut at a top-level statement, with a leaking function in the middle; the edit
# toggles `seen=[]` <-> `seen=None` there), median of 1,000 edits against the 10 ms goal, and
# the server's RSS after 10 edits against after 1,000 (no growth). Then, load-proof, the
# instructions one edit costs under callgrind and where they go. See bench/lsp.py.
# Environment: GOTCHA, PY313, BENCH_LSP_EDITS (default 1000), BENCH_LSP_INSTRUCTIONS (edits
# counted under callgrind, default 50; 0 skips it).
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
gotcha=${GOTCHA:-$root/build/gotcha}
py=$("$root/tests/lib/python.sh" 3.13) || exit 1   # CPython 3.13: PY313, python3.13 on PATH or pyenv
echo "== lsp: gotcha server, didChange -> publishDiagnostics"
"$py" "$root/bench/lsp.py" --edits "${BENCH_LSP_EDITS:-1000}" "$gotcha"
counted=${BENCH_LSP_INSTRUCTIONS:-50}
if [ "$counted" -gt 0 ]; then
    if command -v valgrind >/dev/null && command -v callgrind_annotate >/dev/null; then
        "$py" "$root/bench/lsp.py" --instructions "$counted" "$gotcha"
    else
        echo "instructions per edit: skipped (no valgrind)"
    fi
fi
