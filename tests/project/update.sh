#!/usr/bin/env bash
# Regenerate tests/project/CASE.expected (every CASE folder, or those named) from the current
# build, for review with `git diff`. The selection of a case is in CASE.select (default GT1).
set -eu
cd "$(dirname "$0")/../.."
GOTCHA=${GOTCHA:-build/gotcha}
cases=("$@")
[ ${#cases[@]} -gt 0 ] || for d in tests/project/*/; do cases+=("$(basename "$d")"); done
for c in "${cases[@]}"; do
    select=GT1
    [ -f "tests/project/$c.select" ] && read -r select <"tests/project/$c.select"
    "$GOTCHA" check --isolated --no-cache --select "$select" --output-format concise "tests/project/$c" \
        >"tests/project/$c.expected" 2>&1 || true
    echo "updated tests/project/$c.expected ($(wc -l <"tests/project/$c.expected") lines)"
done
