#!/usr/bin/env bash
# The full output format's excerpts (src/cli/report_prepare.c): the help line of an unsafe fix says
# how to enable it, in `check` and in `check --fix` alike; long source lines are shown as a window
# around the finding with "…" where they were cut, in characters (UTF-8 never split), the carets
# still under the finding's text, context lines cut the same way.
set -u
root=${GOTCHA_ROOT:-$(cd "$(dirname "$0")/../.." && pwd)}
. "$root/tests/lib/python.sh"
py=$(cpython_path 3.13 || cpython_min 3.9)   # writes and reads the long lines (str.removeprefix: 3.9)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

G="" label="" out="" rc=0

run() {   # run ARGS...: in $tmp, never blocks; stdout in $out (and $tmp/out)
    (cd "$tmp" && timeout 60 "$G" "$@" >"$tmp/out" 2>"$tmp/err" </dev/null)
    rc=$?
    out=$(cat "$tmp/out")
}
verdict() {  # verdict NAME: the previous command's status says whether check NAME passed
    local status=$?
    if [ "$status" = 0 ]; then
        echo "ok - report: $1$label"
        return
    fi
    echo "not ok - report: $1$label"
    { echo "rc=$rc"; head -c 3000 "$tmp/out"; head -20 "$tmp/err"; } | sed 's/^/# /'
}
has() { grep -qF -- "$1" <<<"$2"; }

UNSAFE_NOTE=" (unsafe fix: enable with --unsafe-fixes)"

help_lines() {
    printf 'def f(a=[]):\n    a.append(1)\n\n\nif x is "abc":\n    pass\n' >"$tmp/help.py"
    run check --isolated --select GT101,GT201 --output-format full help.py
    has "  = help: Replace with \`None\` sentinel$UNSAFE_NOTE" "$out"
    verdict "check: an unsafe fix's help line says how to enable it"
    grep -qx "  = help: Replace \`is\` with \`==\`" "$tmp/out"
    verdict "check: a safe fix's help line has no note"
    run check --isolated --select GT101,GT201 --output-format concise help.py
    ! has "unsafe fix:" "$out"
    verdict "check: concise format carries no help line"
    run check --isolated --select GT101,GT201 --output-format json help.py
    has "\"message\": \"Replace with \`None\` sentinel\"" "$out" && ! has "unsafe fix:" "$out"
    verdict "check: json keeps the plain fix title (applicability is a field)"
    run check --isolated --select GT101,GT201 --fix --show-fixes help.py
    [ "$(grep -cF -- "$UNSAFE_NOTE" "$tmp/out")" = 1 ] && has "GT201 [fixed]" "$out"
    verdict "--fix: the remaining unsafe fix is noted once"
    run check --isolated --select GT101,GT201 --fix --unsafe-fixes help.py
    [ "$rc" = 0 ] && ! has "unsafe fix:" "$out"
    verdict "--fix --unsafe-fixes: nothing remains, no note"
}

# Lines of 300+ characters (accents and CJK among them, a tab, a long context line) with
# findings at their start, middle and end.
write_long_lines() {
    "$py" - "$tmp/long.py" <<'EOF'
import sys
lines = [
    'w = 1',
    'v = "' + "é名x" * 50 + '" + str(w is "abc") + "' + "ü" * 200 + '"',      # middle
    'q = w is "start" or print("' + "a" * 300 + '")',                          # start
    'print("' + "b" * 300 + '", w is "end")',                                   # end
    'r = "' + "c" * 200 + '\t\t" + str(w is "tab")',                           # tabs in the window
    's = "' + "d" * 300 + '"',
    't = w is "short"',                                                          # long context line
]
open(sys.argv[1], "w", encoding="utf-8").write("\n".join(lines) + "\n")
EOF
}

# Every excerpt: valid UTF-8; the finding's line shown as a window of the source line (at most
# 120 characters, "…" exactly where text was cut, at least 40 characters of context before the
# finding when the line has them); the text above the carets is the finding's own text.
excerpts_are_windows() {
    "$py" - "$tmp/long.py" "$tmp/full" "$tmp/json" <<'EOF'
import json, re, sys
src = open(sys.argv[1], encoding="utf-8").read().split("\n")
full = open(sys.argv[2], "rb").read().decode("utf-8")      # strict: raises on a split sequence
diags = {(d["location"]["row"], d["location"]["column"]): d for d in json.load(open(sys.argv[3]))}
ELL = "\u2026"
problems, seen = [], 0
for block in full.split("\n\n"):
    head = re.match(r"long\.py:(\d+):(\d+): (GT\d+)", block)
    if not head:
        continue
    row, col = int(head[1]), int(head[2])
    d = diags[(row, col)]
    lines = block.split("\n")
    for i, line in enumerate(lines):
        m = re.match(r"\s*(\d+) \| ?(.*)$", line)
        if not m:
            continue
        shown, source = m[2], src[int(m[1]) - 1]
        core = shown.removeprefix(ELL).removesuffix(ELL)
        if "\t" not in source:
            start = source.find(core) if core else 0
            if start < 0:
                problems.append(f"{row}:{col}: line {m[1]} is not a window of the source: {shown!r}")
                continue
            if len(core) > 120 or (len(source) > 120 and len(core) != 120 and int(m[1]) == row):
                problems.append(f"{row}:{col}: line {m[1]} shows {len(core)} characters")
            if not core:   # a context line that ends before the window: only "…" says it is there
                cut_right = False
            else:
                cut_right = shown.endswith(ELL) != (start + len(core) < len(source))
            if shown.startswith(ELL) != (start > 0 or not core) or cut_right:
                problems.append(f"{row}:{col}: line {m[1]}: misplaced ellipsis: {shown!r}")
            if int(m[1]) == row and col - 1 - start < min(40, col - 1):
                problems.append(f"{row}:{col}: only {col - 1 - start} characters before the finding")
        if int(m[1]) == row:
            carets = lines[i + 1]
            bar = carets.index("|")
            first, last = carets.index("^"), carets.rindex("^") + 1
            under = line[first:last]   # the same columns of the source line as displayed
            want = source[col - 1:d["end_location"]["column"] - 1]
            if under != want:
                problems.append(f"{row}:{col}: carets under {under!r}, expected {want!r}")
            seen += 1
for p in problems:
    print("# " + p)
sys.exit(1 if problems or seen != 5 else 0)
EOF
}

long_lines() {
    write_long_lines
    run check --isolated --select GT201 --output-format json long.py
    cp "$tmp/out" "$tmp/json"
    run check --isolated --select GT201 --output-format full long.py
    cp "$tmp/out" "$tmp/full"
    excerpts_are_windows
    verdict "long lines: excerpts are windows around the finding, carets aligned"
    [ "$(grep -c "GT201 \`is\`" "$tmp/full")" = 5 ]
    verdict "long lines: findings at the start, middle and end all reported"
}

# One excerpt exactly, as a reader sees it: 40 characters before the finding, 120 in all.
exact_excerpt() {
    "$py" -c 'print("x = [" + ", ".join("a%02d" % i for i in range(40)) + "]; y = z is \"lit\"; w = ["
                    + ", ".join("a%02d" % i for i in range(40, 80)) + "]")' >"$tmp/exact.py"
    run check --isolated --select GT201 --output-format full exact.py
    local expected
    # shellcheck disable=SC2016  # the backquotes are the report's own
    expected=$(printf '%s\n' \
        'exact.py:1:211: GT201 `is` compares identity with a literal: use `==` to compare values' \
        '  |' \
        '1 | …a33, a34, a35, a36, a37, a38, a39]; y = z is "lit"; w = [a40, a41, a42, a43, a44, a45, a46, a47, a48, a49, a50, a51, a52…' \
        '  |                                          ^^^^^^^^^^ GT201' \
        '  |' \
        '  = help: Replace `is` with `==`')
    [ "$(head -6 "$tmp/out")" = "$expected" ]
    verdict "long line: one excerpt exactly"
}

for G in "${GOTCHA:-$root/build/gotcha}" ${GOTCHA_ASAN:+"$GOTCHA_ASAN"}; do
    [ -x "$G" ] || { echo "not ok - report: binary $G missing"; continue; }
    label=$([ "$G" = "${GOTCHA_ASAN:-}" ] && echo " (asan)" || echo "")
    help_lines
    if [ -n "$py" ]; then
        long_lines
        exact_excerpt
    else
        skip "report: long lines: excerpts are windows, carets aligned, one excerpt exactly$label" "$(cpython_min_missing 3.9)"
    fi
done
exit 0
