#!/usr/bin/env bash
# Lexer: unit tests (normal and sanitizer builds), then `gotcha dump-tokens` against CPython 3.13's
# tokenize on the tricky cases of tests/lexer/cases and every .py file of the 3.13 standard library,
# str_decode_literal against ast.literal_eval on every string token of the same files, and
# accept/reject against ast.parse on byte-level mutants of string-heavy code (normal and ASan builds).
set -u
root=${GOTCHA_ROOT:-$(cd "$(dirname "$0")/../.." && pwd)}
build=${GOTCHA_BUILD:-$root/build}
gotcha=${GOTCHA:-$build/gotcha}
. "$root/tests/lib/python.sh"

for dir in "$build" "${GOTCHA_ASAN_BUILD:-}"; do
    [ -n "$dir" ] || continue
    unit=$dir/tests/test_lexer
    if [ -x "$unit" ]; then
        "$unit" | sed "s/^\(not \)\{0,1\}ok - /&test_lexer ($(basename "$dir")): /"
        [ "${PIPESTATUS[0]}" -eq 0 ] || echo "not ok - test_lexer ($(basename "$dir")) exit status"
    elif [ "$dir" = "$build" ]; then
        echo "not ok - test_lexer: $unit not built"
    fi
done

if ! py=$(cpython_path 3.13); then
    why=$(cpython_missing 3.13)
    skip "dump-tokens == tokenize, tricky cases and stdlib 3.13" "$why"
    skip "char mutants accept/reject == CPython 3.13 (normal and ASan+UBSan builds)" "$why"
    skip "string decoding == ast.literal_eval, stdlib 3.13" "$why"
    exit 0
fi
stdlib=$("$py" -c 'import sysconfig; print(sysconfig.get_paths()["stdlib"])')

# Runs a comparison script; its last line is the summary ("N files, M differences").
compare() {
    local name=$1
    shift
    local out status
    out=$("$py" -W ignore "$@" 2>&1)
    status=$?
    if [ "$status" -eq 0 ]; then
        echo "ok - $name: $(tail -n 1 <<<"$out")"
    else
        echo "not ok - $name"
        head -n 20 <<<"$out" | sed 's/^/# /'
        echo "# $(tail -n 1 <<<"$out")"
    fi
}

if [ -x "$gotcha" ]; then
    compare "dump-tokens == tokenize, tricky cases" "$root/tests/lexer/compare_tokens.py" \
        --cmd "$gotcha dump-tokens" "$root/tests/lexer/cases"
    compare "dump-tokens == tokenize, stdlib 3.13" "$root/tests/lexer/compare_tokens.py" \
        --cmd "$gotcha dump-tokens" "$stdlib"
else
    echo "not ok - dump-tokens oracle: $gotcha not built"
fi

if [ -x "$gotcha" ]; then
    "$py" "$root/tests/lexer/char_mutants.py" --gotcha "$gotcha" --count 5000 --seed 1 --out "$build/char-mutants"
fi
if [ -x "${GOTCHA_ASAN:-}" ]; then
    "$py" "$root/tests/lexer/char_mutants.py" --gotcha "$GOTCHA_ASAN" --count 1000 --seed 2 \
        --out "$build/char-mutants-asan" | sed 's/^\(\(not \)\{0,1\}ok - char mutants\)/\1 (ASan+UBSan build)/'
fi

if [ -x "$build/tests/test_lexer" ]; then
    compare "string decoding == ast.literal_eval, stdlib 3.13" "$root/tests/lexer/compare_strings.py" \
        --cmd "$build/tests/test_lexer --dump-strings" "$root/tests/lexer/cases" "$stdlib"
fi
exit 0
