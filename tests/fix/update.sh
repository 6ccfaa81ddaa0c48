#!/usr/bin/env bash
# Regenerate tests/fix/expected/ from the current build, for review with `git diff`:
#   expected/CODE.py       tests/rules/CODE.py after `--fix --unsafe-fixes --select CODE`
#   expected/CODE.safe.py  the same with the safe fixes only
#   expected/cases/NAME.py is NOT regenerated: those files are written by hand from RULES.md.
#   tests/fix/update.sh [CODE...]   (default: every rule that offers fixes, from `gotcha rules`)
set -eu
cd "$(dirname "$0")/../.."
GOTCHA=$(realpath "${GOTCHA:-build/gotcha}")
codes=("$@")
[ ${#codes[@]} -eq 0 ] && codes=($("$GOTCHA" rules | awk '$1 ~ /^GT/ && $4 != "-" { print $1 }'))
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for code in "${codes[@]}"; do
    for mode in unsafe safe; do
        cp "tests/rules/$code.py" "$tmp/$code.py"
        select=$code
        [ -f "tests/rules/$code.select" ] && read -r select <"tests/rules/$code.select"
        flags=(--fix)
        [ "$mode" = unsafe ] && flags+=(--unsafe-fixes)
        (cd "$tmp" && "$GOTCHA" check --isolated --select "$select" "${flags[@]}" "$code.py" >/dev/null 2>&1 || true)
        out=tests/fix/expected/$code.py
        [ "$mode" = safe ] && out=tests/fix/expected/$code.safe.py
        cp "$tmp/$code.py" "$out"
        echo "updated $out"
    done
done
