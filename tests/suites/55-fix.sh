#!/usr/bin/env bash
# `gotcha check --fix / --diff / --unsafe-fixes / --add-noqa` (src/fix, src/cli/cmd_fix.c):
# fixed fixtures compared exactly with tests/fix/expected/, fixed code parses with CPython 3.13 and
# is stable (a second --fix changes nothing), small programs behave the same after the fix, the
# webapp leak disappears, --diff matches `diff -u`, writes keep mode/symlinks/line endings, and
# failed writes (immutable file or folder, full disk via an LD_PRELOAD shim, a file changed
# meanwhile) leave the original intact with exit status 2.
set -u
. "${GOTCHA_ROOT:-$(dirname "$0")/../..}/tests/lib/unit.sh"
root=${GOTCHA_ROOT:-$(cd "$(dirname "$0")/../.." && pwd)}
. "$root/tests/lib/python.sh"
py=$(cpython_path 3.13)   # the parse checks and the programs run with the oracle; skipped without it
fixdir=$root/tests/fix
tmp=$(mktemp -d)
chmod 755 "$tmp"
cleanup() {
    chattr -R -i "$tmp" 2>/dev/null
    chmod -R u+rwx "$tmp" 2>/dev/null
    rm -rf "$tmp"
}
trap cleanup EXIT

check_area=fix run_timeout=120
. "$root/tests/lib/cli_run.sh"
# check_py NAME COMMAND...: check NAME, or a skip when there is no CPython 3.13 to run COMMAND with.
check_py() {
    if [ -n "$py" ]; then check "$@"; else skip "fix: $1$label" "$(cpython_missing 3.13)"; fi
}
has() { grep -qF -- "$1" <<<"$2"; }
parses() { "$py" -c 'import ast, sys; ast.parse(open(sys.argv[1], "rb").read())' "$1" 2>/dev/null; }
no_temp_left() { ! ls -A "$1" | grep -q 'gotcha-'; }
same_file() {   # same_file GOT EXPECTED: prints the difference when they differ
    if cmp -s "$1" "$2"; then return 0; fi
    diff -u "$2" "$1" | head -40 | sed 's/^/# /'
    return 1
}

# ---- every fixable fixture: exact result, parses, stable ----
# The fixable rules are those `gotcha rules` shows with a fix; a rule's fixture may name the rules to
# enable with it in tests/rules/CODE.select.
fixtures() {
    local code mode flags select fixable
    fixable=$("$G" rules | awk '$1 ~ /^GT/ && $4 != "-" { print $1 }')
    check "gotcha rules lists fixable rules" [ -n "$fixable" ]
    for code in $fixable; do
        select=$code
        [ -f "$root/tests/rules/$code.select" ] && read -r select <"$root/tests/rules/$code.select"
        for mode in unsafe safe; do
            local w=$tmp/fixtures-$mode
            mkdir -p "$w" && cd "$w" || return
            cp "$root/tests/rules/$code.py" "$code.py"
            flags=(--fix)
            [ "$mode" = unsafe ] && flags+=(--unsafe-fixes)
            local expected=$fixdir/expected/$code.py
            [ "$mode" = safe ] && expected=$fixdir/expected/$code.safe.py
            run check --isolated --select "$select" "${flags[@]}" "$code.py"
            check "$code fixture, $mode fixes: result as expected" same_file "$code.py" "$expected"
            check_py "$code fixture, $mode fixes: result parses with python3.13" parses "$code.py"
            cp "$code.py" "$code.once"
            run check --isolated --select "$select" "${flags[@]}" "$code.py"
            check "$code fixture, $mode fixes: fixing twice changes nothing" \
                eval 'cmp -s "$code.py" "$code.once" && ! has "[fixed" "$out"'
        done
    done
}

# ---- hand-written cases from RULES.md "Fixes" ----
cases() {
    local w=$tmp/cases name flags
    mkdir -p "$w" && cd "$w" || return
    for expected in "$fixdir"/expected/cases/*.py; do
        name=$(basename "$expected")
        cp "$fixdir/cases/$name" "$name"
        flags=(--fix --unsafe-fixes)
        case $name in
        sentinel_safety.py) flags=(--fix) ;;
        sentinel_py39*.py) flags+=(--target-version py39) ;;
        unused_noqa*.py) flags+=(--extend-select GT901) ;;
        esac
        run check --isolated "${flags[@]}" "$name"
        check "case ${name%.py}: result as RULES.md says" same_file "$name" "$expected"
        check_py "case ${name%.py}: result parses" parses "$name"
    done
}

# ---- programs behave the same; the webapp leak goes away ----
programs() {
    local w=$tmp/programs p
    if [ -z "$py" ]; then
        skip "fix: programs behave the same after the fix, the webapp leak goes away$label" "$(cpython_missing 3.13)"
        return
    fi
    rm -rf "$w" && cp -r "$fixdir/programs" "$w" && cd "$w" || return
    for p in *.py; do "$py" "$p" >"$p.before" 2>/dev/null; done
    run check --isolated --extend-select GT401 --fix --unsafe-fixes .   # GT401 is opt-in
    for p in *.py; do
        "$py" "$p" >"$p.after" 2>/dev/null
        check "program ${p%.py}: was changed by the fix" eval '! cmp -s "$p" "$fixdir/programs/$p"'
        check "program ${p%.py}: same output before and after the fix" \
            eval '[ -s "$p.before" ] && cmp -s "$p.before" "$p.after"'
    done
    check "programs: GT401 fix added the functools import" \
        eval 'grep -q "^import functools$" wraps_no_import.py && grep -q "@functools.wraps(func)" wraps_no_import.py'

    w=$tmp/leak
    rm -rf "$w" && mkdir -p "$w" && cd "$w" || return
    cp "$root/examples/webapp/handlers.py" handlers.py
    cat >serve.py <<'PY'
from handlers import handle
for user in ("alice", "bob", "carol"):
    print(user, handle({"user": user})["visitors"])
PY
    local before after
    before=$("$py" serve.py 2>&1)
    run check --isolated --select GT101 --fix --unsafe-fixes handlers.py
    after=$("$py" serve.py 2>&1)
    check "webapp leak: the shared list leaks before the fix" \
        test "$before" = $'alice 1\nbob 2\ncarol 3'
    check "webapp leak: every request sees only itself after the fix" \
        test "$after" = $'alice 1\nbob 1\ncarol 1'
}

# ---- output: applied/remaining, safe/unsafe, exit codes ----
output() {
    local w=$tmp/output
    rm -rf "$w" && mkdir -p "$w" && cd "$w" || return
    printf 'def public(x=[]):\n    x.append(1)\n\n\ndef _private(y=[]):\n    y.append(1)\n    return y is "a"\n' >m.py
    cp m.py m.orig
    run check --isolated --output-format json m.py
    check "json marks safe and unsafe fixes" \
        eval 'has "\"applicability\": \"safe\"" "$out" && has "\"applicability\": \"unsafe\"" "$out"'
    run check --isolated --fix --show-fixes m.py
    check "--fix --show-fixes lists the applied fixes" \
        eval 'has "m.py:5:" "$out" && has "GT101 [fixed] Replace with \`None\` sentinel" "$out" && has "GT201 [fixed]" "$out"'
    check "--fix summary: fixed and remaining" has "Found 3 errors (2 fixed, 1 remaining)." "$out"
    check "--fix: the unsafe fix is shown as hidden" \
        eval 'has "1 hidden fix can be enabled with the \`--unsafe-fixes\` option." "$out" && has "(unsafe fix" "$out"'
    check "--fix with findings left: exit 1" test "$rc" -eq 1
    run check --isolated --fix --unsafe-fixes --show-fixes m.py
    check "--unsafe-fixes applies the rest, marked unsafe; exit 0" \
        eval 'has "GT101 [fixed, unsafe]" "$out" && has "Found 1 error (1 fixed, 0 remaining)." "$out" && [ "$rc" -eq 0 ]'
    run check --isolated --fix --unsafe-fixes m.py
    check "--fix on a clean file: nothing to do, exit 0" \
        eval 'has "All checks passed!" "$out" && [ "$rc" -eq 0 ]'

    printf 'def f(x:\n    return x is "a"\n' >broken.py
    cp broken.py broken.orig
    run check --isolated --fix broken.py
    check "--fix on a file that does not parse: left alone, GT001 reported" \
        eval 'cmp -s broken.py broken.orig && has "GT001" "$out" && [ "$rc" -eq 1 ]'

    printf 'def _f(x):\n    return x is "a"\n' | timeout 60 "$G" check --isolated --fix --stdin-filename s.py \
        >"$tmp/out" 2>"$tmp/err"
    rc=$?
    out=$(cat "$tmp/out")
    err=$(cat "$tmp/err")
    check "--fix on stdin prints the fixed code" test "$out" = $'def _f(x):\n    return x == "a"'
}

# ---- --diff ----
diffs() {
    local w=$tmp/diff
    rm -rf "$w" && mkdir -p "$w" && cd "$w" || return
    cp "$fixdir/programs/is_literal.py" a.py
    cp a.py a.orig
    run check --isolated --diff a.py
    check "--diff: exit 1 and nothing written" eval '[ "$rc" -eq 1 ] && cmp -s a.py a.orig'
    check "--diff: headers and summary" \
        eval 'has "--- a/a.py" "$out" && has "+++ b/a.py" "$out" && has "Would fix 2 errors." "$err"'
    cp a.py b.py
    "$G" check --isolated --fix b.py >/dev/null 2>&1
    local expected
    expected=$(diff -u a.orig b.py | tail -n +3)
    check "--diff: hunks identical to diff -u" test "$(tail -n +3 <<<"$out")" = "$expected"
    cp a.orig c.py
    printf '%s\n' "$out" | sed 's|a/a.py|c.py|; s|b/a.py|c.py|' | patch -s -p0 >/dev/null 2>&1
    check "--diff: the diff applies with patch to the --fix result" cmp -s c.py b.py
    run check --isolated --diff b.py
    check "--diff on a fixed file: exit 0, no output" eval '[ "$rc" -eq 0 ] && [ -z "$out" ]'

    # several separate hunks and a file without a final newline
    { printf 'def _f(x):\n    return x is "a"\n'; for i in $(seq 1 20); do echo "v$i = $i"; done; printf 'y = v1 is 1'; } >far.py
    cp far.py far.orig
    cp far.py far.fixed
    "$G" check --isolated --fix far.fixed >/dev/null 2>&1
    run check --isolated --diff far.py
    expected=$(diff -u far.orig far.fixed | tail -n +3)
    check "--diff: two hunks and no final newline, like diff -u" test "$(tail -n +3 <<<"$out")" = "$expected"
}

# ---- the write: mode, symlink, line endings, BOM ----
writes() {
    local w=$tmp/writes
    rm -rf "$w" && mkdir -p "$w/real" && cd "$w" || return
    printf 'def _f(x):\n    return x is "a"\n' >mode.py
    chmod 640 mode.py
    run check --isolated --fix mode.py
    check "--fix keeps the file mode" eval '[ "$(stat -c %a mode.py)" = 640 ] && grep -q "==" mode.py'
    check "--fix leaves no temporary file" no_temp_left .

    printf 'def _f(x):\n    return x is "a"\n' >real/target.py
    ln -s real/target.py link.py
    run check --isolated --fix link.py
    check "--fix through a symlink: link kept, target fixed" \
        eval '[ -L link.py ] && grep -q "==" real/target.py'

    printf 'def _f(x=[]):\r\n    x.append(1)\r\n    return x is "a"\r\n' >crlf.py
    run check --isolated --fix crlf.py
    check "--fix keeps CRLF line endings (also in inserted lines)" \
        eval '[ "$(grep -c $'"'"'\r$'"'"' crlf.py)" -eq 5 ] && [ "$(wc -l <crlf.py)" -eq 5 ]'
    check_py "--fix with CRLF line endings: the result parses" parses crlf.py

    printf '\xef\xbb\xbfdef _f(x):\n    return x is "a"\n' >bom.py
    run check --isolated --fix bom.py
    check "--fix keeps a UTF-8 BOM and fixes after it" \
        eval '[ "$(head -c 3 bom.py | od -An -tx1 | tr -d " ")" = efbbbf ] && grep -q "x == \"a\"" bom.py'

    printf '# -*- coding: latin-1 -*-\ns = "caf\xe9"\ndef _f(x):\n    return x is "a"\n' >latin.py
    cp latin.py latin.orig
    run check --isolated --fix latin.py
    check "--fix skips a latin-1 file with non-ASCII bytes, with a warning" \
        eval 'cmp -s latin.py latin.orig && has "coding cookie" "$err" && [ "$rc" -eq 1 ]'
}

# ---- fault injection: the original stays intact, exit 2 ----
faults() {
    local w=$tmp/faults shim=$tmp/failshim.so
    rm -rf "$w" && mkdir -p "$w" && cd "$w" || return
    local code='def _f(x):\n    return x is "a"\n'
    printf "$code" >orig.py

    cp orig.py ro.py
    if chattr +i ro.py 2>/dev/null; then
        run check --isolated --fix ro.py
        chattr -i ro.py
        check "immutable file: exit 2, message, original intact" \
            eval '[ "$rc" -eq 2 ] && has "cannot write ro.py" "$err" && cmp -s ro.py orig.py'
        mkdir -p rodir && cp orig.py rodir/f.py && chattr +i rodir
        run check --isolated --fix rodir/f.py
        chattr -i rodir
        check "immutable folder (no temp file): exit 2, message, original intact" \
            eval '[ "$rc" -eq 2 ] && has "temporary file" "$err" && cmp -s rodir/f.py orig.py && no_temp_left rodir'
    else
        echo "# chattr +i is not available here: the read-only cases use the shim only"
    fi

    if [ -n "$label" ]; then
        :   # the shim cannot be preloaded before the ASan runtime
    elif gcc -shared -fPIC -O1 -o "$shim" "$fixdir/failshim.c" -ldl 2>"$tmp/shim.err"; then
        cp orig.py create.py
        out=$(FAILSHIM=create LD_PRELOAD=$shim timeout 60 "$G" check --isolated --threads 1 --fix create.py 2>"$tmp/err")
        rc=$?
        err=$(cat "$tmp/err")
        check "temp file cannot be created (read-only folder, shim): exit 2, original intact" \
            eval '[ "$rc" -eq 2 ] && has "Permission denied" "$err" && cmp -s create.py orig.py && no_temp_left .'
        cp orig.py full.py
        out=$(FAILSHIM=write LD_PRELOAD=$shim timeout 60 "$G" check --isolated --threads 1 --fix full.py 2>"$tmp/err")
        rc=$?
        err=$(cat "$tmp/err")
        check "disk full while writing (shim): exit 2, original intact, no temp file left" \
            eval '[ "$rc" -eq 2 ] && has "No space left on device" "$err" && cmp -s full.py orig.py && no_temp_left .'
    else
        echo "not ok - fix: cannot build the failing-write shim"
        sed 's/^/# /' "$tmp/shim.err"
    fi

    cp orig.py moved.py
    out=$(GOTCHA_TEST_BEFORE_RENAME=append timeout 60 "$G" check --isolated --fix moved.py 2>"$tmp/err")
    rc=$?
    err=$(cat "$tmp/err")
    check "file changed meanwhile (appended): exit 2, the other writer's content kept" \
        eval '[ "$rc" -eq 2 ] && has "changed on disk" "$err" && grep -q "edited meanwhile" moved.py && grep -q " is " moved.py && no_temp_left .'
    cp orig.py same.py
    out=$(GOTCHA_TEST_BEFORE_RENAME=same-size timeout 60 "$G" check --isolated --fix same.py 2>"$tmp/err")
    rc=$?
    err=$(cat "$tmp/err")
    check "file changed meanwhile (same size and mtime, content hash differs): exit 2, not replaced" \
        eval '[ "$rc" -eq 2 ] && has "changed on disk" "$err" && grep -q " is " same.py && [ "$(head -c1 same.py)" = "#" ]'

    cp orig.py other.py
    cp orig.py other2.py
    printf 'def _f(x):\n    return x is "a"\n' >other.py
    chattr +i other.py 2>/dev/null && {
        run check --isolated --fix other.py other2.py
        chattr -i other.py
        check "one file failing does not stop the others" \
            eval '[ "$rc" -eq 2 ] && grep -q "==" other2.py && cmp -s other.py orig.py'
    }
}

# ---- --add-noqa ----
add_noqa() {
    local w=$tmp/noqa
    rm -rf "$w" && mkdir -p "$w" && cd "$w" || return
    cat >n.py <<'PY'
def f(x, acc=[]):
    acc.append(x)
    if x is "a":  # keep this comment
        return 1
    if x is "b":  # noqa: B006
        return 2
    if x is "c": return """text
    """
    return x is """multi
line"""
PY
    run check --isolated --add-noqa n.py
    check "--add-noqa: exit 0 and count" eval '[ "$rc" -eq 0 ] && has "Added 3 noqa directives." "$err"'
    check "--add-noqa: plain line" grep -q '^def f(x, acc=\[\]):  # noqa: GT101$' n.py
    check "--add-noqa: after an existing comment" grep -qF 'if x is "a":  # keep this comment  # noqa: GT201' n.py
    check "--add-noqa: merged into an existing noqa" grep -qF 'if x is "b":  # noqa: B006, GT201' n.py
    check "--add-noqa: lines ending inside a string are skipped with a message" \
        eval 'has "n.py:7: the line ends inside a string" "$err" && has "n.py:9: the line ends inside a string" "$err" && grep -qxF "    return x is \"\"\"multi" n.py'
    check_py "--add-noqa: the file still parses" parses n.py
    run check --isolated n.py
    check "--add-noqa: only the skipped findings remain" eval 'has "Found 2 errors." "$out" && has "n.py:7:" "$out" && has "n.py:9:" "$out"'
    printf 'def f(x):\n    return x is "a"\n' | timeout 60 "$G" check --isolated --add-noqa --stdin-filename s.py \
        >"$tmp/out" 2>"$tmp/err"
    rc=$?
    out=$(cat "$tmp/out")
    err=$(cat "$tmp/err")
    check "--add-noqa on stdin prints the code with the comment" \
        test "$out" = $'def f(x):\n    return x is "a"  # noqa: GT201'
    cp n.py n.once
    run check --isolated --add-noqa n.py
    check "--add-noqa twice: nothing more added" eval 'cmp -s n.py n.once && has "Added 0 noqa directives." "$err"'
}

# ---- GT901 unused-noqa (opt-in) ----
unused_noqa() {
    local w=$tmp/gt901
    rm -rf "$w" && mkdir -p "$w" && cd "$w" || return
    run rule GT901
    if [ "$rc" -ne 0 ]; then
        check "GT901 is registered (src/rules/registry.c lists rule_gt901)" false
        return
    fi
    cat >u.py <<'PY'
# gotcha: noqa: GT110
def f(x=None):  # noqa: GT101
    return x is "a"  # noqa: GT201, GT102


def g(y=[]):  # noqa: GT101, B006
    y.append(1)


def h(z=[]):  # noqa
    z.append(1)
PY
    run check --isolated --output-format concise u.py
    check "GT901 is off by default" eval '[ "$rc" -eq 0 ] && ! has GT901 "$out"'
    run check --isolated --extend-select GT901 --output-format concise u.py
    check "GT901 reports each unused gotcha code at its position" \
        test "$out" = $'u.py:1:17: GT901 unused `noqa` code `GT110`: no GT110 finding to suppress here\nu.py:2:25: GT901 unused `noqa` code `GT101`: no GT101 finding to suppress here\nu.py:3:37: GT901 unused `noqa` code `GT102`: no GT102 finding to suppress here\nFound 3 errors.'
    run check --isolated --select GT2,GT901 --output-format concise u.py
    check "GT901 leaves codes of rules that are not enabled alone" \
        eval '! has "GT101" "$out" && ! has "GT102" "$out" && ! has "GT110" "$out"'
    cat >w.py <<'PY'
# gotcha: noqa: GT110
def f(x=None):  # noqa: GT101
    return x is "a"  # noqa: GT201, GT102


def g(x=None):  # type: ignore  # noqa: GT103,GT101  # keep
    return x  # noqa: GT102 GT201
PY
    run check --isolated --extend-select GT901 --fix w.py
    check "GT901 fix removes unused codes, separators and empty directives" \
        test "$(cat w.py)" = $'def f(x=None):\n    return x is "a"  # noqa: GT201\n\n\ndef g(x=None):  # type: ignore  # keep\n    return x'
    check "GT901 fix: nothing remains, exit 0" eval '[ "$rc" -eq 0 ] && has "(7 fixed, 0 remaining)" "$out"'
    cp u.py v.py
    run check --isolated --extend-select GT901 --add-noqa v.py
    check "--add-noqa never adds a noqa for GT901" eval 'cmp -s u.py v.py'
}

# ---- fixes never break a supported Python (issue 13) ----
# Every pyenv CPython 3.7+ on the machine (none: an explicit skip).
old_pythons() {
    local d
    for d in "$(pyenv root 2>/dev/null)"/versions/3.*; do
        case ${d##*/} in 3.[0-6].*) continue ;; esac
        [ -x "$d/bin/python3" ] && echo "$d/bin/python3"
    done
}

# A multi-line default moved into a CRLF file: the same result, with CRLF line breaks only.
multiline_crlf() {
    local w=$tmp/crlf
    rm -rf "$w" && mkdir -p "$w" && cd "$w" || return
    sed 's/$/\r/' "$fixdir/cases/sentinel_multiline.py" >m.py
    sed 's/$/\r/' "$fixdir/expected/cases/sentinel_multiline.py" >want.py
    run check --isolated --fix --unsafe-fixes m.py
    check "multi-line defaults in a CRLF file: fixed with CRLF line breaks" same_file m.py want.py
}

# For each interpreter: a fixed case (tests/fix/expected/cases, which the cases above compare with
# gotcha's output) parses wherever its original does. One interpreter run per version, once per suite.
every_python() {
    local pythons p v bad
    pythons=$(old_pythons)
    if [ -z "$pythons" ]; then
        echo "ok - fix: # SKIP no pyenv CPython 3.7+ to parse the fixed files with"
        return
    fi
    for p in $pythons; do
        v=$("$p" -c 'import sys; print("%d.%d" % sys.version_info[:2])')
        bad=$("$p" - "$fixdir/cases" "$fixdir/expected/cases" <<'PY'
import ast, os, sys
def parses(path):
    try:
        ast.parse(open(path, "rb").read())
        return True
    except SyntaxError:
        return False
for name in sorted(os.listdir(sys.argv[2])):
    if parses(os.path.join(sys.argv[1], name)) and not parses(os.path.join(sys.argv[2], name)):
        print(name)
PY
)
        out=$bad
        check "python $v: every fixed case parses where its original does" test -z "$bad"
    done
}

# The issue's case: a project that declares requires-python >= 3.8 and no target-version. The
# unsafe fix of a public function must import on 3.8 and 3.9, where `List[str] | None` raises.
requires_python_import() {
    local w=$tmp/rp p v
    rm -rf "$w" && mkdir -p "$w" && cd "$w" || return
    printf '[project]\nname = "app"\nrequires-python = ">=3.8"\n' >pyproject.toml
    printf 'from typing import List\n\n\ndef collect(name, names: List[str] = [\n    "root",\n]):\n    names.append(name)\n    return names\n\n\nprint(collect("a"), collect("b"))\n' >app.py
    cp app.py app.orig
    run check --fix --unsafe-fixes app.py
    check "requires-python >=3.8: the fix writes Optional[List[str]]" \
        eval 'grep -q "names: Optional\[List\[str\]\] = None" app.py'
    run check --fix --unsafe-fixes --target-version py313 app.orig
    local any=0
    for p in $(old_pythons); do
        v=$("$p" -c 'import sys; print("%d.%d" % sys.version_info[:2])')
        case $v in 3.8|3.9) ;; *) continue ;; esac
        any=1
        out=$("$p" app.py 2>&1)
        check "requires-python >=3.8: the fixed module runs on $v" test "$out" = "['root', 'a'] ['root', 'b']"
        out=$("$p" app.orig 2>&1)
        check "the py313 fix of the same code fails on $v (what the inference prevents)" has "TypeError" "$out"
    done
    [ $any = 1 ] || echo "ok - fix: # SKIP no pyenv CPython 3.8 or 3.9$label"
}

suite() {
    fixtures
    cases
    programs
    output
    diffs
    writes
    faults
    add_noqa
    unused_noqa
    multiline_crlf
    requires_python_import
}

# unit tests of the fix engine (tests/unit/test_fix.c), normal and sanitizer builds
unit_both test_fix "fix: "

G=${GOTCHA:-$root/build/gotcha}
if [ ! -x "$G" ]; then
    echo "not ok - fix: no gotcha binary at $G"
    exit 0
fi
suite
every_python
if [ -n "${GOTCHA_ASAN:-}" ] && [ -x "$GOTCHA_ASAN" ]; then
    G=$GOTCHA_ASAN
    label=" (asan)"
    suite
fi
