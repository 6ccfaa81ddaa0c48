#!/usr/bin/env bash
# Every exported symbol of src/<folder>/ carries a prefix that folder owns (tests/layout/names.py).
set -u
. "$GOTCHA_ROOT/tests/lib/python.sh"
if py=$(cpython_path 3.13 || cpython_min 3.8); then
    "$py" "$GOTCHA_ROOT/tests/layout/names.py" "${GOTCHA_BUILD:-build}"
else
    skip "names: every exported symbol carries its folder's prefix" "$(cpython_min_missing 3.8)"
fi
