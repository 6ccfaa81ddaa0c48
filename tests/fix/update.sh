#!/usr/bin/env bash
# Regenerate tests/fix/expected/ from the current build, for review with `git diff`:
#   expected/CODE.py       tests/rules/CODE.py after `--fix --unsafe-fixes --select CODE`
#   expected/CODE.safe.py  the same with the safe fixes only
#   expected/cases/NAME.py is NOT regenerated: those files are written by hand from RULES.md.
#   tests/fix/update.sh [CODE...]   (default: every fixture whose rule offers fixes)
set -eu
cd "$(dirname "$0")/../.."
GOTCHA=$(realpath "${GOTCHA:-build/gotcha}")
codes=("$@")
[ ${#codes[@]} -eq 0 ] && codes=($(cat tests/fix/fixable_codes))
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for code in "${codes[@]}"; do
    for mode in unsafe safe; do
        cp "tests/rules/$code.py" "$tmp/$code.py"
        flags=(--fix)
        [ "$mode" = unsafe ] && flags+=(--unsafe-fixes)
        (cd "$tmp" && "$GOTCHA" check --isolated --select "$code" "${flags[@]}" "$code.py" >/dev/null 2>&1 || true)
        out=tests/fix/expected/$code.py
        [ "$mode" = safe ] && out=tests/fix/expected/$code.safe.py
        cp "$tmp/$code.py" "$out"
        echo "updated $out"
    done
done
