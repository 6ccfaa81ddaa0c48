#!/usr/bin/env bash
# Bench section "lsp": `gotcha server` (issue 15), the time from an incremental didChange to the
# publishDiagnostics that answers it on a 2,000-line file of real code (the CPython 3.13 stdlib's
# inspect.py cut at a top-level statement, with a leaking function in the middle; the edit
# toggles `seen=[]` <-> `seen=None` there), median of 1,000 edits against the 10 ms goal, and
# the server's RSS after 10 edits against after 1,000 (no growth). See bench/lsp.py.
# Environment: GOTCHA, PY313, BENCH_LSP_EDITS (default 1000).
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
gotcha=${GOTCHA:-$root/build/gotcha}
py=$("$root/tests/lib/python.sh" 3.13) || exit 1   # CPython 3.13: PY313, python3.13 on PATH or pyenv
echo "== lsp: gotcha server, didChange -> publishDiagnostics"
"$py" "$root/bench/lsp.py" --edits "${BENCH_LSP_EDITS:-1000}" "$gotcha"
