#!/usr/bin/env bash
# Everything a rule needs, checked by walking the rule table (`gotcha rules`, `gotcha rule CODE`,
# `gotcha rules --output-format json`) instead of a hand-kept list: codes in order, every doc section,
# a fixture with its expected output, a README row that agrees (name, default, and the fix column
# word for word: some/always/-), README's noqa
# paragraph against the declared peer codes, and for a fixable rule its fixed output in
# tests/fix/expected/. Then tools/new_rule.py is run into a copy of the tree, which must build and
# list the new rule.
set -u
root=${GOTCHA_ROOT:-$(cd "$(dirname "$0")/../.." && pwd)}
G=${GOTCHA:-$root/build/gotcha}
. "$root/tests/lib/python.sh"
py=$(cpython_path 3.13 || cpython_min 3.8)   # any CPython 3.8+ runs the helper scripts here
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# row_problems README CODE NAME DEFAULT FIX: what README's table row of CODE gets wrong (nothing if all
# agrees with `gotcha rules`: exactly one row, the same name, default and fix column).
row_problems() {
    local readme=$1 code=$2 name=$3 default=$4 fix=$5 row r_code r_name r_default r_fix
    row=$(grep -E "^\| $code \|" "$readme")
    if [ "$(wc -l <<<"$row")" -ne 1 ] || [ -z "$row" ]; then
        echo "README.md needs exactly one row '| $code | $name | ... |', found: $row"
        return
    fi
    IFS='|' read -r _ r_code r_name r_default r_fix _ <<<"$row"
    r_name=$(xargs <<<"$r_name") r_default=$(xargs <<<"$r_default") r_fix=$(xargs <<<"$r_fix")
    [ "$r_name" = "$name" ] || echo "name '$r_name', rule table '$name'"
    [ "$r_default" = "$default" ] || echo "default '$r_default', rule table '$default'"
    [ "$r_fix" = "$fix" ] || echo "fix '$r_fix', rule table '$fix' (gotcha rules' FIX column, word for word)"
}

check() {  # check NAME DETAIL: ok when DETAIL is empty, else not ok with DETAIL below
    if [ -z "$2" ]; then
        echo "ok - rule table: $1"
    else
        echo "not ok - rule table: $1"
        sed 's/^/# /' <<<"$2" | head -20
    fi
}

if ! "$G" rules >"$tmp/rules"; then
    echo "not ok - rule table: gotcha rules failed"
    exit 0
fi
codes=$(awk '$1 ~ /^GT[0-9][0-9][0-9]$/ { print $1 }' "$tmp/rules")
check "gotcha rules lists rules" "$([ -n "$codes" ] || echo "no GTnnn line in: $(cat "$tmp/rules")")"
check "rules are in code order, each once" "$(diff <(sort -u <<<"$codes") <(cat <<<"$codes"))"

# `gotcha rule CODE` prints a section per required RuleDoc field (notes are optional).
sections=("What it finds" "Why it happens" "Symptom in production" "How to fix it" "Wrong" "Right"
          "Nearest rule of other tools")
for code in $codes; do
    read -r _ name default fix _ < <(grep -E "^$code " "$tmp/rules")
    doc=$("$G" rule "$code" 2>&1)
    missing=""
    grep -qxF "$code $name" <<<"$doc" || missing+="header '$code $name'; "
    for s in "${sections[@]}"; do
        grep -qxF "$s" <<<"$doc" || missing+="section '$s'; "
    done
    grep -q TODO <<<"$doc" && missing+="a TODO is left in its doc; "
    check "$code: doc has every section" "$missing"

    problems=""
    if [ ! -e "$root/tests/rules/$code.py" ] && [ ! -d "$root/tests/rules/$code" ]; then
        problems+="no fixture tests/rules/$code.py (or folder tests/rules/$code/); "
    fi
    [ -e "$root/tests/rules/$code.expected" ] || problems+="no tests/rules/$code.expected (tests/rules/update.sh $code); "
    check "$code: fixture and expected output" "$problems"

    check "$code: README row agrees with the rule" "$(row_problems "$root/README.md" "$code" "$name" "$default" "$fix")"

    if [ "$fix" != "-" ]; then
        problems=""
        for f in "$code.py" "$code.safe.py"; do
            [ -e "$root/tests/fix/expected/$f" ] || problems+="no tests/fix/expected/$f (tests/fix/update.sh $code); "
        done
        check "$code: fixable, fixed fixture expected" "$problems"
    fi
done

# The row check finds a planted drift: a fix column that says "yes" where `gotcha rules` says "some",
# a wrong default, a missing row.
printf '| GT101 | mutated-default-argument | on | yes | x |\n| GT102 | escaping-default-argument | off | some | x |\n' \
    >"$tmp/README-drift.md"
check "the README row check finds a drifted fix column, default and a missing row" "$(
    row_problems "$tmp/README-drift.md" GT101 mutated-default-argument on some | grep -q "fix 'yes'" ||
        echo "fix 'yes' against 'some' not found"
    row_problems "$tmp/README-drift.md" GT102 escaping-default-argument on some | grep -q "default 'off'" ||
        echo "default 'off' against 'on' not found"
    row_problems "$tmp/README-drift.md" GT103 mutable-default-argument on some | grep -q "exactly one row" ||
        echo "missing row not found")"

# The JSON listing (peer codes included) agrees with the text one and with README's noqa paragraph.
if [ -n "$py" ]; then
    check "rules --output-format json: agrees with gotcha rules and README" "$(
        "$G" rules --output-format json | "$py" "$root/tests/cli/check_rule_table.py" "$tmp/rules" "$root/README.md" 2>&1)"
else
    skip "rule table: rules --output-format json: agrees with gotcha rules and README" "$(cpython_min_missing 3.8)"
fi

readme_codes=$(grep -oE '^\| GT[0-9]{3} ' "$root/README.md" | tr -d '| ')
check "README rows are the rule table's rules, in order" "$(diff <(cat <<<"$codes") <(cat <<<"$readme_codes"))"

# ---- tools/new_rule.py: a new rule in one step, into a copy of the tree ----
scaffold() {
    local copy=$tmp/tree out
    if [ -z "$py" ]; then
        skip "rule table: scaffold: tools/new_rule.py writes a rule that builds" "$(cpython_min_missing 3.8)"
        return
    fi
    mkdir -p "$copy/tests"
    if ! (cd "$root" && cp -r Makefile mk src tools README.md "$copy"/ && cp -r tests/rules "$copy/tests/"); then
        check "scaffold: copy the tree" "cp failed"
        return
    fi
    if ! out=$(cd "$copy" && "$py" tools/new_rule.py GT899 scaffold-check 2>&1); then
        check "scaffold: tools/new_rule.py GT899 scaffold-check" "$out"
        return
    fi
    check "scaffold: writes the rule, the fixture and the RULE() line" "$(
        cd "$copy" || exit
        [ -f src/rules/gt899_scaffold_check.c ] || echo "no src/rules/gt899_scaffold_check.c"
        [ -f tests/rules/GT899.py ] || echo "no tests/rules/GT899.py"
        grep -qx 'RULE(gt899)' src/rules/rule_list.h || echo "no RULE(gt899) in rule_list.h"
        grep -qF 'tests/rules/update.sh GT899' <<<"$out" || echo "next steps not printed: $out")"
    if ! out=$(cd "$copy" && timeout 900 make -j2 BUILD=build-scaffold OPT=-O0 all 2>&1); then
        check "scaffold: the tree builds with the new rule" "$(tail -20 <<<"$out")"
        return
    fi
    out=$("$copy/build-scaffold/gotcha" rules 2>&1)
    check "scaffold: gotcha rules lists GT899 as preview, before GT901" "$(
        grep -qE '^GT899 +scaffold-check +preview +- ' <<<"$out" || echo "$out"
        awk '$1 ~ /^GT/ { print $1 }' <<<"$out" | tail -2 | tr '\n' ' ' | grep -qx 'GT899 GT901 ' ||
            echo "not in code order: $out")"
    out=$("$copy/build-scaffold/gotcha" rule GT899 2>&1)
    check "scaffold: gotcha rule GT899 shows every section" "$(
        for s in "${sections[@]}"; do grep -qxF "$s" <<<"$out" || echo "missing '$s'"; done)"
    if out=$(cd "$copy" && "$py" tools/new_rule.py GT899 other-name 2>&1); then
        check "scaffold: refuses a code already registered" "exit status 0: $out"
    else
        check "scaffold: refuses a code already registered" ""
    fi
}
scaffold
