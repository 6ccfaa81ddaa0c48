#!/usr/bin/env bash
# Every exported symbol of src/<folder>/ carries a prefix that folder owns (tests/layout/names.py).
set -u
python3 "$GOTCHA_ROOT/tests/layout/names.py" "${GOTCHA_BUILD:-build}"
