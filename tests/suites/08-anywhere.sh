#!/usr/bin/env bash
# The tests run on any machine: tests/lib/python.sh finds CPython 3.13 wherever it is (PY313,
# python3.13 on PATH, any pyenv 3.13.x) and lists every CPython 3.8+; then quick suites run again
# on two simulated machines, and must report no failure, only skips with their reason:
#   - "no pyenv": PATH without pyenv's folders, PYENV_ROOT an empty folder, PY313 unset (Debian's
#     python3 stays: the checks that need any CPython run with it, the 3.13 oracles are skipped);
#   - "no Python": the same, and PATH holds every command of this machine except python*/pyenv*.
# Last, no script looks for an interpreter on its own (a pyenv version or `pyenv prefix`).
set -u
root=${GOTCHA_ROOT:-$(cd "$(dirname "$0")/../.." && pwd)}
cd "$root" || exit 1
. tests/lib/python.sh
finder=$root/tests/lib/python.sh
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

check() {  # check NAME DETAIL: ok when DETAIL is empty, else not ok with DETAIL below
    if [ -z "$2" ]; then
        echo "ok - anywhere: $1"
    else
        echo "not ok - anywhere: $1"
        sed 's/^/# /' <<<"$2" | head -30
    fi
}

# PATH folders without pyenv's (shims, bin, plugins).
plain_path=$(tr ':' '\n' <<<"$PATH" | grep -v -e '\.pyenv' -e '/pyenv' | paste -sd: -)
mkdir -p "$tmp/empty" "$tmp/nopy/bin"
# A PATH with every command of this machine but the Python interpreters and pyenv.
while IFS= read -r dir; do
    for f in "$dir"/*; do
        n=${f##*/}
        case $n in python*|pyenv*|pydoc*|pip*|idle*|2to3*) continue ;; esac
        [ -x "$f" ] && [ ! -e "$tmp/nopy/bin/$n" ] && ln -s "$f" "$tmp/nopy/bin/$n"
    done
done < <(tr ':' '\n' <<<"$plain_path")

py313=$(cpython_path 3.13)
if [ -z "$py313" ]; then
    skip "anywhere: the finder's places for CPython 3.13" "$(cpython_missing 3.13)"
else
    # PY313 wins; a bad PY313 is reported, not replaced
    check "PY313 names the interpreter" "$(
        got=$(env PY313="$py313" PYENV_ROOT="$tmp/empty" PATH="$tmp/nopy/bin" "$finder" 3.13) || echo "status $?"
        [ "$got" = "$py313" ] || echo "got '$got', want '$py313'")"
    check "a PY313 that is no CPython 3.13 is not replaced, and the reason names it" "$(
        got=$(env PY313=/bin/true "$finder" 3.13 2>"$tmp/err") && echo "status 0, got '$got'"
        grep -q 'PY313=/bin/true' "$tmp/err" || echo "reason: $(cat "$tmp/err")")"
    # python3.13 on PATH, no pyenv
    mkdir -p "$tmp/onpath"
    ln -s "$py313" "$tmp/onpath/python3.13"
    check "python3.13 on PATH, no pyenv" "$(
        got=$(env -u PY313 PYENV_ROOT="$tmp/empty" PATH="$tmp/onpath:$tmp/nopy/bin" "$finder" 3.13) || echo "status $?"
        [ "$(readlink -f "$got")" = "$(readlink -f "$py313")" ] || echo "got '$got', want '$py313'")"
    # any pyenv 3.13.x, newest first by number (3.13.10 after 3.13.9); 3.7 is below --all's 3.8
    prefix=$(dirname "$(dirname "$py313")")
    mkdir -p "$tmp/pyenv/versions"
    for v in 3.13.9 3.13.10 3.7.1; do ln -s "$prefix" "$tmp/pyenv/versions/$v"; done
    check "pyenv 3.13.x other than 3.13.0, the newest" "$(
        got=$(env -u PY313 PYENV_ROOT="$tmp/pyenv" PATH="$tmp/nopy/bin" "$finder" 3.13) || echo "status $?"
        [ "$got" = "$tmp/pyenv/versions/3.13.10/bin/python3.13" ] || [ "$got" = "$py313" ] ||
            echo "got '$got'"
        [ "$(env -u PY313 PYENV_ROOT="$tmp/pyenv" bash -c ". '$finder'; cpython_pyenv_versions 3.13 | head -1")" = 3.13.10 ] ||
            echo "newest is not 3.13.10")"
    check "--all: one line per CPython version 3.8+, oldest first" "$(
        got=$(env -u PY313 PYENV_ROOT="$tmp/pyenv" PATH="$tmp/nopy/bin" "$finder" --all 3.8)
        want="$("$py313" -c 'import platform; print(platform.python_version())') "
        [ "$(awk '{ print $1 }' <<<"$got" | tr '\n' ' ')" = "$want" ] || echo "got: $got")"
fi
check "no CPython 3.13 anywhere: status 1 and where it looked" "$(
    env -u PY313 PYENV_ROOT="$tmp/empty" PATH="$tmp/nopy/bin" "$finder" 3.13 >"$tmp/out" 2>"$tmp/err" && echo "status 0"
    [ -s "$tmp/out" ] && echo "printed: $(cat "$tmp/out")"
    grep -q "no 3.13.x in $tmp/empty/versions" "$tmp/err" || echo "reason: $(cat "$tmp/err")")"

# run_quick MODE PATH MUST_SKIP SUITE...: each suite on the simulated machine: status 0, no "not ok",
# and when MUST_SKIP is 1 at least one skip line (every suite given uses some Python).
run_quick() {
    local mode=$1 path=$2 must_skip=$3 suite out status problems
    shift 3
    for suite in "$@"; do
        out=$(env -u PY313 PYENV_ROOT="$tmp/empty" PATH="$path" bash "tests/suites/$suite.sh" 2>&1 </dev/null)
        status=$?
        problems=$(grep -A3 '^not ok ' <<<"$out")
        [ "$status" -eq 0 ] || problems+=$'\n'"exit status $status"
        [ "$must_skip" -eq 0 ] || grep -qiE '^ok .*# skip ' <<<"$out" || problems+=$'\n'"no skip line: the suite did not notice the missing Python"
        check "$mode: $suite has no failure ($(grep -ciE '^ok .*# skip ' <<<"$out") skipped, $(grep -ciE '^ok ' <<<"$out") ok lines)" \
            "$(sed '/^$/d' <<<"$problems")"
    done
}
run_quick "no pyenv" "$plain_path" 0 06-names 15-generated 20-parser 40-rules 50-config 56-report
run_quick "no Python" "$tmp/nopy/bin" 1 06-names 15-generated 20-parser 31-mutants 40-rules 50-config 55-fix \
    56-report 60-guard 80-valgrind

# No script names a pyenv version or asks pyenv itself: they all go through tests/lib/python.sh.
check "every interpreter is found through tests/lib/python.sh" "$(
    grep -rnE --exclude=08-anywhere.sh 'pyenv (prefix|versions)|3\.13\.0|3\.11\.7/' tests/suites tests/run_all.sh tests/oracle/*.sh mk \
        gotcha_guard/build.mk bench/*.sh fuzz/*.sh tools/*.py Makefile 2>/dev/null)"
