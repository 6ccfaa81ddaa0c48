#!/usr/bin/env bash
# Rule fixtures: tests/rules/CODE.py (or the folder tests/rules/CODE/) is checked with only that rule
# selected (or the selection in tests/rules/CODE.select, for a rule that needs others enabled); the concise output must equal tests/rules/CODE.expected exactly. The same run is
# repeated with the sanitizer build when it exists. Regenerate with tests/rules/update.sh.
set -u
cd "${GOTCHA_ROOT:-$(dirname "$0")/../..}"
. tests/lib/python.sh
GOTCHA=${GOTCHA:-build/gotcha}
GOTCHA_ASAN=${GOTCHA_ASAN:-build-asan/gotcha}

run_fixture() {   # binary code target -> concise output on stdout, exit status checked by caller
    local select=$2
    [ -f "tests/rules/$2.select" ] && read -r select <"tests/rules/$2.select"
    "$1" check --isolated --select "$select" --output-format concise "$3" 2>&1
}

compare() {       # name binary code target expected
    local name=$1 bin=$2 code=$3 target=$4 expected=$5 out status
    out=$(run_fixture "$bin" "$code" "$target")
    status=$?
    if [ "$status" -gt 1 ]; then
        echo "not ok - $name"
        echo "# exit status $status"
        sed 's/^/# /' <<<"$out" | head -20
        return
    fi
    if diff -u "$expected" <([ -n "$out" ] && printf '%s\n' "$out")  >/tmp/gotcha-40-rules.$$ 2>&1; then
        echo "ok - $name"
    else
        echo "not ok - $name"
        sed 's/^/# /' /tmp/gotcha-40-rules.$$ | head -40
    fi
    rm -f /tmp/gotcha-40-rules.$$
}

found=0
for expected in tests/rules/*.expected; do
    [ -e "$expected" ] || continue
    code=$(basename "$expected" .expected)
    target=tests/rules/$code.py
    [ -d "tests/rules/$code" ] && target=tests/rules/$code
    if [ ! -e "$target" ]; then
        echo "not ok - rules $code: $expected without a fixture"
        continue
    fi
    found=$((found + 1))
    compare "rules $code" "$GOTCHA" "$code" "$target" "$expected"
    if [ -x "$GOTCHA_ASAN" ]; then
        compare "rules $code (asan)" "$GOTCHA_ASAN" "$code" "$target" "$expected"
    fi
done

# Every fixture has its expected output beside it.
for fixture in tests/rules/GT[0-9][0-9][0-9].py; do
    [ -e "$fixture" ] || continue
    code=$(basename "$fixture" .py)
    [ -e "tests/rules/$code.expected" ] || echo "not ok - rules $code: no $code.expected (run tests/rules/update.sh $code)"
done

if [ "$found" -eq 0 ]; then
    echo "not ok - rules: no fixtures found"
fi

# GT101 + GT102 + GT103 together flag the mutable defaults of tests/rules/b006_oracle.py's definition
# (B006's, less cache-named parameters, plus module-level names), each once: an independent oracle on
# CPython's ast, over the fixtures and the 3.13 standard library (without its test/ tree, to keep the
# suite quick).
if py=$(cpython_path 3.13); then
    stdlib=$("$py" -c 'import sysconfig; print(sysconfig.get_paths()["stdlib"])')
    targets=(tests/rules/GT101.py tests/rules/GT102.py tests/rules/GT103.py "$stdlib")
    out=$(mktemp)
    "$GOTCHA" check --isolated --select GT101,GT102,GT103 --output-format concise "${targets[@]}" >"$out" 2>&1
    files=$(find "${targets[@]}" -path "$stdlib/test" -prune -o -name '*.py' -print)
    if report=$("$py" tests/rules/b006_oracle.py "$out" $files); then
        echo "ok - rules GT101+GT102+GT103 equal the B006 oracle ($(tail -1 <<<"$report" | sed 's/^# //'))"
    else
        echo "not ok - rules GT101+GT102+GT103 equal the B006 oracle"
        head -30 <<<"$report"
    fi
    rm -f "$out"
else
    skip "rules GT101+GT102+GT103 equal the B006 oracle" "$(cpython_missing 3.13)"
fi
