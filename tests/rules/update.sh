#!/usr/bin/env bash
# Regenerate tests/rules/CODE.expected from the current build, for review with `git diff`.
#   tests/rules/update.sh            every fixture
#   tests/rules/update.sh GT101 ...  only those
set -eu
cd "$(dirname "$0")/../.."
GOTCHA=${GOTCHA:-build/gotcha}
codes=("$@")
if [ ${#codes[@]} -eq 0 ]; then
    for f in tests/rules/GT[0-9][0-9][0-9].py tests/rules/GT[0-9][0-9][0-9]/; do
        [ -e "$f" ] || continue
        codes+=("$(basename "$f" .py)")
    done
fi
for code in $(printf '%s\n' "${codes[@]}" | sort -u); do
    target=tests/rules/$code.py
    [ -d "tests/rules/$code" ] && target=tests/rules/$code
    select=$code
    [ -f "tests/rules/$code.select" ] && read -r select <"tests/rules/$code.select"
    "$GOTCHA" check --isolated --no-cache --select "$select" --output-format concise "$target" \
        >"tests/rules/$code.expected" 2>&1 || true
    echo "updated tests/rules/$code.expected ($(wc -l <"tests/rules/$code.expected") lines)"
done
