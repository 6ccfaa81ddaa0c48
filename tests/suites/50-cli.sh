#!/usr/bin/env bash
# The `gotcha` command line: exit codes, output formats, noqa, rule selection, stdin, discovery
# (.gitignore, excludes), bad input, thread-count determinism, `gotcha rule(s)`, the bundled example.
# Runs against the normal build and, when present, the ASan+UBSan build ($GOTCHA_ASAN).
set -u
root=${GOTCHA_ROOT:-$(cd "$(dirname "$0")/../.." && pwd)}
build=${GOTCHA_BUILD:-$root/build}
. "$root/tests/lib/python.sh"
# Any CPython 3.8+ runs the validators (tests/cli/*.py); its standard library is the big real tree.
py=$(cpython_path 3.13 || cpython_min 3.8)
[ -n "$py" ] && stdlib=$("$py" -c 'import sysconfig; print(sysconfig.get_paths()["stdlib"])')
tmp=$(mktemp -d)
chmod 755 "$tmp"
trap 'chmod -R u+rwx "$tmp" 2>/dev/null; rm -rf "$tmp"' EXIT

check_area=cli
. "$root/tests/lib/cli_run.sh"
# check_py NAME SCRIPT ARGS...: check NAME with "$py SCRIPT ARGS...", a skip without a CPython.
check_py() {
    local name=$1
    shift
    if [ -n "$py" ]; then check "$name" "$py" "$@"; else skip "cli: $name$label" "$(cpython_min_missing 3.8)"; fi
}
has() { grep -qF -- "$1" <<<"$2"; }
has_re() { grep -qE -- "$1" <<<"$2"; }
lines() { if [ -z "$1" ]; then echo 0; else wc -l <<<"$1" | tr -d ' '; fi; }

# An `is` with a str literal (GT201) is the finding most tests use: simple and always on.
BAD='def f(x):
    return x is "a"
'
CLEAN='def f(x):
    return x == "a"
'

basics() {
    cd "$tmp" && rm -rf w && mkdir w && cd w || return
    printf '%s' "$CLEAN" >clean.py
    printf '%s' "$BAD" >bad.py

    run version
    check "version" has_re '^gotcha [0-9]+\.[0-9]+\.[0-9]+$' "$out"
    run --help
    check "--help exits 0 and lists check" [ $rc -eq 0 -a -n "$(grep -F 'gotcha check' <<<"$out")" ]
    run check --help
    check "check --help lists the options" [ $rc -eq 0 -a -n "$(grep -F -- '--output-format' <<<"$out")" ]
    run frobnicate
    check "unknown command exits 2" [ $rc -eq 2 ]
    run check --frobnicate
    check "unknown option exits 2" [ $rc -eq 2 -a -n "$(grep -F -- '--frobnicate' <<<"$err")" ]
    run check --threads 0 clean.py
    check "--threads 0 is a usage error" [ $rc -eq 2 ]
    run check --target-version py99 clean.py
    check "bad --target-version is a usage error" [ $rc -eq 2 ]
    run check --output-format xml clean.py
    check "unknown output format exits 2" [ $rc -eq 2 ]

    run check clean.py
    check "clean file exits 0" [ $rc -eq 0 -a "$out" = "All checks passed!" ]
    run check --output-format concise bad.py
    check "finding exits 1" [ $rc -eq 1 ]
    check "concise: one line per finding + summary" has_re '^bad\.py:2:[0-9]+: GT201 .+' "$(head -1 <<<"$out")"
    check "concise: summary line" [ "$(tail -1 <<<"$out")" = "Found 1 error." -a "$(lines "$out")" -eq 2 ]
    run check --exit-zero bad.py
    check "--exit-zero exits 0 with findings" [ $rc -eq 0 -a -n "$(grep -F GT201 <<<"$out")" ]
    run check --quiet --output-format concise bad.py clean.py
    check "--quiet drops the summary" [ $rc -eq 1 -a "$(lines "$out")" -eq 1 ]
    run check
    check "no path means the current folder" [ $rc -eq 1 -a -n "$(grep -E '^bad\.py:' <<<"$out")" ]

    # full format: header, excerpt with line numbers, caret line naming the code
    run check --output-format full bad.py
    check "full: header line" has_re '^bad\.py:2:[0-9]+: GT201 ' "$out"
    check "full: excerpt line" has_re '^2 \|     return x is "a"$' "$out"
    check "full: caret line" has_re '^  \| +\^+ GT201$' "$out"
    run check bad.py
    check "full is the default format" has_re '^  \| +\^+ GT201$' "$out"

    # json
    run check --output-format json bad.py clean.py
    check_py "json: valid, ruff-shaped" "$root/tests/cli/check_json.py" 1 GT201 <"$tmp/out"
    run check --output-format json clean.py
    check "json: empty list when clean" [ $rc -eq 0 -a "$out" = "[]" ]

    # sarif
    run check --output-format sarif bad.py clean.py
    check_py "sarif: valid 2.1.0 structure" "$root/tests/cli/check_sarif.py" 1 <"$tmp/out"
    run check --output-format sarif clean.py
    check_py "sarif: valid when clean" "$root/tests/cli/check_sarif.py" 0 <"$tmp/out"

    # github
    run check --output-format github bad.py
    check "github annotation" has_re '^::error title=gotcha \(GT201\),file=bad\.py,line=2,col=[0-9]+,endLine=2,endColumn=[0-9]+::GT201 .+' "$out"

    # statistics
    printf '%s\n%s' "$BAD" 'y = 1 is 2' >bad2.py
    run check --statistics bad.py bad2.py
    check "statistics: count per code" has_re '^ +3 +GT201 +is-literal$' "$out"
    check "statistics: total" has "Found 3 errors." "$out"

    # sorting: path, then line/col
    mkdir -p sub && printf '%s' "$BAD" >sub/a.py && printf '%s' "$BAD" >a.py
    run check --output-format concise --quiet sub a.py bad.py
    check "output sorted by path" [ "$(cut -d: -f1 <<<"$out" | tr '\n' ' ')" = "a.py bad.py sub/a.py " ]
    run check --output-format concise --quiet bad.py bad.py ./bad.py
    check "a file named twice (also as ./) is checked once" [ "$(lines "$out")" -eq 1 ]
}

noqa_forms() {
    cd "$tmp" && rm -rf n && mkdir n && cd n || return
    local forms=(
        'suppressed|x = 1 is 2  # noqa'
        'suppressed|x = 1 is 2  # noqa: GT201'
        'suppressed|x = 1 is 2  # noqa:GT101,GT201'
        'suppressed|x = 1 is 2  # noqa: F632'
        'suppressed|x = 1 is 2  # pylint: disable=literal-comparison'
        'suppressed|x = 1 is 2  # pylint: disable=R0123'
        'reported|x = 1 is 2  # noqa: GT101'
        'reported|x = 1 is 2  # noqa: B006'
        'reported|x = 1 is 2  # noqa:'
        'reported|x = 1 is 2  # "noqa" in a comment only'
        'reported|x = "# noqa" is 2'
        'suppressed|# gotcha: noqa
x = 1 is 2'
        'suppressed|x = 0
# gotcha: noqa: GT201
x = 1 is 2'
        'reported|# gotcha: noqa: GT101
x = 1 is 2'
        'suppressed|x = (1 is  # noqa: GT201
     2)'
        'suppressed|# ruff: noqa
x = 1 is 2'
        'suppressed|# flake8: noqa
x = 1 is 2'
        'suppressed|# pylint: skip-file
x = 1 is 2'
        'suppressed|# ruff: noqa: F632
x = 1 is 2'
        'reported|x = 1 is 2  # ruff: noqa'
    )
    local i=0
    for form in "${forms[@]}"; do
        i=$((i + 1))
        local want=${form%%|*} code=${form#*|}
        printf '%s\n' "$code" >"f$i.py"
        run check --output-format concise --quiet "f$i.py"
        local got=reported
        [ -z "$out" ] && got=suppressed
        check "noqa form $i ($want): $(head -c 60 <<<"${code//$'\n'/ \\n }")" [ "$got" = "$want" ]
    done
    printf 'x = (\n' >syntax.py
    printf '# gotcha: noqa\nx = (\n' >syntax2.py
    run check --output-format concise --quiet syntax2.py
    check "GT001 cannot be suppressed" has_re '^syntax2\.py:[0-9]+:[0-9]+: GT001 ' "$out"

    # the unit test of every noqa form, alias and the unused count
    run_unit test_noqa
}

# A `.pyi` stub is never executed: it is parsed (GT001) and no rule runs on it.
stubs() {
    cd "$tmp" && rm -rf s && mkdir s && cd s || return
    local code='import collections
def f(x=[], y=collections.deque()) -> None: ...
class C:
    __slots__ = ("a",)
    a: int = 1
    items: list = []
def g(x): return x is "a"  # noqa: GT101
'
    printf '%s' "$code" >mod.pyi
    printf '%s' "$code" >mod.py
    run check --isolated --select ALL --output-format concise --quiet mod.pyi
    check "stub: no finding in a .pyi (--select ALL)" [ $rc -eq 0 -a -z "$out" ]
    run check --isolated --select ALL --output-format concise --quiet mod.py
    check "stub: the same code in a .py: GT103" has_re '^mod\.py:2:[0-9]+: GT103 ' "$out"
    check "stub: the same code in a .py: GT801" has_re '^mod\.py:5:[0-9]+: GT801 ' "$out"
    check "stub: the same code in a .py: GT901" has_re '^mod\.py:7:[0-9]+: GT901 ' "$out"
    run_stdin "$code" check --isolated --select ALL --output-format concise --quiet --stdin-filename x.pyi -
    check "stub: --stdin-filename x.pyi is a stub" [ $rc -eq 0 -a -z "$out" ]
    printf 'def f(x=[]:\n' >broken.pyi
    run check --isolated --output-format concise --quiet broken.pyi
    check "stub: a stub that does not parse is GT001" has_re '^broken\.pyi:1:[0-9]+: GT001 ' "$out"
}

# run_unit NAME: a unit test binary of the build under test, its lines forwarded.
run_unit() {
    local unit=$build/tests/$1
    [ -n "$label" ] && unit=${GOTCHA_ASAN_BUILD:-}/tests/$1
    if [ -x "$unit" ]; then
        "$unit" | sed "s/^\(not \)\{0,1\}ok - /&cli: $1$label: /"
        [ "${PIPESTATUS[0]}" -eq 0 ] || echo "not ok - cli: $1$label exit status"
    elif [ -z "$label" ]; then
        echo "not ok - cli: $1 not built ($unit)"
    fi
}

selection() {
    cd "$tmp" && rm -rf s && mkdir s && cd s || return
    # GT201 (is literal) and GT502 (readlines in a loop) in one file
    printf 'def f(x, fh):\n    for line in fh.readlines():\n        print(line)\n    return x is "a"\n' >two.py
    run check --output-format concise --quiet two.py
    check "default: both rules" [ "$(cut -d' ' -f2 <<<"$out" | tr '\n' ' ')" = "GT502 GT201 " ]
    run check --output-format concise --quiet --select GT201 two.py
    check "--select exact code" [ "$(cut -d' ' -f2 <<<"$out" | tr '\n' ' ')" = "GT201 " ]
    run check --output-format concise --quiet --select GT5 two.py
    check "--select prefix GT5" [ "$(cut -d' ' -f2 <<<"$out" | tr '\n' ' ')" = "GT502 " ]
    run check --output-format concise --quiet --select GT50,GT20 two.py
    check "--select comma list of prefixes" [ "$(lines "$out")" -eq 2 ]
    run check --output-format concise --quiet --ignore GT2 two.py
    check "--ignore prefix" [ "$(cut -d' ' -f2 <<<"$out" | tr '\n' ' ')" = "GT502 " ]
    run check --output-format concise --quiet --select ALL --ignore GT201 two.py
    check "--select ALL --ignore code" [ "$(cut -d' ' -f2 <<<"$out" | tr '\n' ' ')" = "GT502 " ]
    run check --output-format concise --quiet --select GT201 --ignore GT2 two.py
    check "more specific select beats ignore" [ "$(cut -d' ' -f2 <<<"$out" | tr '\n' ' ')" = "GT201 " ]
    run check --output-format concise --quiet --select GT5 --extend-select GT201 two.py
    check "--extend-select adds" [ "$(lines "$out")" -eq 2 ]
    run check --output-format concise --quiet --ignore ALL two.py
    check "--ignore ALL: clean" [ $rc -eq 0 -a -z "$out" ]
    printf 'x = (\n' >broken.py
    run check --output-format concise --quiet --ignore ALL broken.py
    check "GT001 stays on with --ignore ALL" has "GT001" "$out"
    run check --select XYZ two.py
    check "unknown selector exits 2" [ $rc -eq 2 -a -n "$(grep -F XYZ <<<"$err")" ]
    run check --show-settings two.py
    check "--show-settings lists enabled rules" [ $rc -eq 0 -a -n "$(grep -E '^    "GT201",   # is-literal$' <<<"$out")" ]
    run check --show-settings --ignore GT201 two.py
    check "--show-settings reflects --ignore" [ $rc -eq 0 -a -z "$(grep -E '^    "GT201",' <<<"$out")" ]
    run check --show-settings --select GT6 two.py
    check "preview rule: not pulled in by a prefix" [ $rc -eq 0 -a -z "$(grep -E '^    "GT601",' <<<"$out")" ]
    run check --show-settings --preview --select GT6 two.py
    check "preview rule: prefix with --preview" [ $rc -eq 0 -a -n "$(grep -E '^    "GT601",' <<<"$out")" ]
    run check --show-settings --select GT601 two.py
    check "preview rule: exact code selects it" [ $rc -eq 0 -a -n "$(grep -E '^    "GT601",' <<<"$out")" ]
    run check --show-settings --select ALL --ignore GT601 --preview two.py
    check "preview rule: --ignore wins over ALL" [ $rc -eq 0 -a -z "$(grep -E '^    "GT601",' <<<"$out")" ]
    run check --config does-not-exist.toml two.py
    check "--config with a missing file exits 2" [ $rc -eq 2 ]
}

config_interplay() {
    cd "$tmp" && rm -rf c && mkdir c && cd c || return
    printf 'def f(x, fh):\n    for line in fh.readlines():\n        print(line)\n    return x is "a"\n' >two.py
    mkdir gen && cp two.py gen/made.py && mkdir vendored && cp two.py vendored/v.py
    printf 'select = ["GT5"]\nextend-exclude = ["vendored"]\n[per-file-ignores]\n"gen/*.py" = ["GT502"]\n' >gotcha.toml
    run check --output-format concise --quiet
    check "config: select, per-file-ignores, extend-exclude" [ "$(lines "$out")" -eq 1 -a -n "$(grep -E '^two\.py:2:[0-9]+: GT502 ' <<<"$out")" ]
    run check --output-format concise --quiet --select GT201 two.py
    check "config: --select replaces the configured select" [ "$(cut -d' ' -f2 <<<"$out" | tr '\n' ' ')" = "GT201 " ]
    run check --output-format concise --quiet --isolated two.py
    check "config: --isolated ignores gotcha.toml" [ "$(lines "$out")" -eq 2 ]
    printf 'select = ["GT201"]\n' >other.toml
    run check --output-format concise --quiet --config other.toml two.py
    check "config: --config FILE" [ "$(cut -d' ' -f2 <<<"$out" | tr '\n' ' ')" = "GT201 " ]
    printf 'select = ["NOPE"]\n' >bad.toml
    run check --config bad.toml two.py
    check "config: unknown selector in the file exits 2" [ $rc -eq 2 -a -n "$(grep -F NOPE <<<"$err")" ]
    printf 'select = [\n' >broken.toml
    run check --config broken.toml two.py
    check "config: invalid TOML exits 2 with the file named" [ $rc -eq 2 -a -n "$(grep -F broken.toml <<<"$err")" ]
    run check --show-settings
    check "config: --show-settings names the file" has "gotcha.toml" "$out"
}

stdin_input() {
    cd "$tmp" || return
    run_stdin "$BAD" check --output-format concise --stdin-filename pkg/mod.py
    check "stdin with --stdin-filename" [ $rc -eq 1 -a -n "$(grep -E '^pkg/mod\.py:2:[0-9]+: GT201 ' <<<"$out")" ]
    run_stdin "$BAD" check --output-format concise -
    check "stdin as -" [ $rc -eq 1 -a -n "$(grep -E '^-:2:[0-9]+: GT201 ' <<<"$out")" ]
    run_stdin "$CLEAN" check --stdin-filename x.py -
    check "clean stdin exits 0" [ $rc -eq 0 ]
    run_stdin 'x = 1 is 2  # noqa: GT201' check --stdin-filename x.py
    check "noqa on stdin" [ $rc -eq 0 ]
}

discovery() {
    cd "$tmp" && rm -rf d && mkdir d && cd d || return
    mkdir -p .git pkg/deep node_modules/lib .venv/lib venv2 __pycache__ build_out ignored keep docs
    for f in pkg/a.py pkg/deep/b.pyi node_modules/lib/c.py .venv/lib/d.py venv2/e.py __pycache__/f.py \
             ignored/g.py keep/h.py docs/i.py docs/j.py build_out/k.py top.py; do
        printf '%s' "$BAD" >"$f"
    done
    printf 'not python' >pkg/readme.txt
    printf 'home = /usr\n' >venv2/pyvenv.cfg
    printf 'ignored/\n/top.py\ndocs/*.py\n!docs/j.py\n' >.gitignore
    printf 'b.pyi\n' >pkg/.gitignore
    run check --output-format concise --quiet
    local files
    files=$(cut -d: -f1 <<<"$out" | sort -u | tr '\n' ' ')
    check "walk: .py/.pyi, excludes, venvs, .gitignore (dir/, anchored, negation, nested)" \
        [ "$files" = "build_out/k.py docs/j.py keep/h.py pkg/a.py " ]
    run check --show-files
    check "--show-files lists the walk" [ $rc -eq 0 -a "$(tr '\n' ' ' <<<"$out")" = "build_out/k.py docs/j.py keep/h.py pkg/a.py " ]
    run check --show-files --no-respect-gitignore   # a .pyi is walked, but no rule reports in stubs
    files=$(sort -u <<<"$out" | tr '\n' ' ')
    check "--no-respect-gitignore" [ "$files" = "build_out/k.py docs/i.py docs/j.py ignored/g.py keep/h.py pkg/a.py pkg/deep/b.pyi top.py " ]
    run check --output-format concise --quiet node_modules/lib/c.py ignored/g.py
    check "files named explicitly are always checked" [ "$(lines "$out")" -eq 2 ]
    # the repository root's .gitignore applies when checking a sub-folder
    run check --output-format concise --quiet docs
    check ".gitignore of the repository root applies to a sub-folder" [ "$(cut -d: -f1 <<<"$out" | sort -u | tr '\n' ' ')" = "docs/j.py " ]
    run_unit test_gitignore
    (cd pkg && run check --output-format concise --quiet . && [ "$(cut -d: -f1 <<<"$out" | sort -u | tr '\n' ' ')" = "a.py " ])
    check "nested .gitignore from inside the folder" [ $? -eq 0 ]
}

bad_input() {
    cd "$tmp" && rm -rf b && mkdir b && cd b || return
    printf '%s' "$BAD" >good.py
    run check --output-format concise --quiet missing.py
    check "missing path exits 2 with a message" [ $rc -eq 2 -a -n "$(grep -F 'missing.py' <<<"$err")" ]
    run check --output-format concise --quiet missing.py good.py
    check "missing path: other files still reported" [ $rc -eq 2 -a -n "$(grep -F 'good.py:2:' <<<"$out")" ]

    mkdir p1 && printf '%s' "$BAD" >p1/ok.py && printf 'def f(:\n' >p1/broken.py
    run check --output-format concise --quiet p1
    check "syntax error: GT001 and the other file checked" \
        [ $rc -eq 1 -a -n "$(grep -E '^p1/broken\.py:1:[0-9]+: GT001 ' <<<"$out")" -a -n "$(grep -F 'p1/ok.py:2:' <<<"$out")" ]

    mkdir p2 && printf '%s' "$BAD" >p2/ok.py && printf 'x = "\xff\xfe"\n' >p2/latin.py
    run check --output-format concise --quiet p2
    check "non-UTF-8 file: GT001 or a clear error, others checked" \
        [ $rc -ne 0 -a -n "$(grep -F 'p2/ok.py:2:' <<<"$out")" -a -n "$(grep -F 'p2/latin.py' <<<"$out$err")" ]

    mkdir empty
    run check empty
    check "empty folder: exit 0 with a warning" [ $rc -eq 0 -a -n "$(grep -i 'no python files' <<<"$err")" ]

    mkdir x.py && printf '%s' "$BAD" >x.py/inner.py
    run check --output-format concise --quiet x.py
    check "a folder named x.py is walked" [ -n "$(grep -F 'x.py/inner.py:2:' <<<"$out")" ]

    mkdir p3 && mkfifo p3/pipe.py && printf '%s' "$BAD" >p3/ok.py
    run check --output-format concise --quiet p3
    check "FIFO in a folder: skipped with a message, no hang" \
        [ $rc -eq 1 -a -n "$(grep -F 'p3/pipe.py' <<<"$err")" -a -n "$(grep -F 'p3/ok.py' <<<"$out")" ]
    run check p3/pipe.py
    check "FIFO named explicitly: skipped, no hang" [ $rc -eq 0 -a -n "$(grep -F 'p3/pipe.py' <<<"$err")" ]
    run check /dev/null
    check "device: skipped with a message" [ $rc -eq 0 -a -n "$(grep -F '/dev/null' <<<"$err")" ]

    mkdir -p p4/a && ln -s .. p4/a/up && ln -s ../a p4/a/self && printf '%s' "$BAD" >p4/a/m.py
    run check --output-format concise --quiet p4
    check "symlink loops end, each file once" [ $rc -eq 1 -a "$(lines "$out")" -eq 1 -a -n "$(grep -i 'loop' <<<"$err")" ]

    mkdir "p5" && printf '%s' "$BAD" >"p5/with space.py" && printf '%s' "$BAD" >"p5/$(printf 'caf\xe9')_x.py"
    run check --output-format concise --quiet p5
    check "paths with spaces and non-UTF-8 bytes" [ "$(lines "$out")" -eq 2 -a -n "$(grep -F 'p5/with space.py:2:' <<<"$out")" ]
    run check --output-format json p5
    check_py "json stays valid UTF-8 with such paths" "$root/tests/cli/check_json.py" 2 <"$tmp/out"
    run check --output-format sarif p5
    check_py "sarif stays valid with such paths" "$root/tests/cli/check_sarif.py" 2 <"$tmp/out"

    mkdir p6 && printf '%s' "$BAD" >p6/ok.py && yes 'x = 1' | head -n 40000 >p6/big.py
    run check --output-format concise --quiet --max-file-size 100K p6
    check "--max-file-size skips with a message" \
        [ $rc -eq 1 -a -n "$(grep -F 'p6/big.py' <<<"$err")" -a -n "$(grep -F 'max-file-size' <<<"$err")" ]

    # permissions: root reads everything, so run as nobody when we are root
    mkdir p7 p7/locked && printf '%s' "$BAD" >p7/ok.py && printf '%s' "$BAD" >p7/secret.py && printf '%s' "$BAD" >p7/locked/z.py
    chmod 000 p7/secret.py p7/locked
    local as_other=()
    [ "$(id -u)" -eq 0 ] && as_other=(setpriv --reuid=65534 --regid=65534 --clear-groups)
    chmod -R a+rX "$tmp/b/p7/ok.py" 2>/dev/null
    timeout 60 "${as_other[@]}" "$G" check --output-format concise --quiet p7 >"$tmp/out" 2>"$tmp/err"
    rc=$? out=$(cat "$tmp/out") err=$(cat "$tmp/err")
    check "unreadable file and folder: exit 2, messages, others checked" \
        [ $rc -eq 2 -a -n "$(grep -F 'p7/secret.py' <<<"$err")" -a -n "$(grep -F 'p7/locked' <<<"$err")" -a -n "$(grep -F 'p7/ok.py:2:' <<<"$out")" ]
    chmod 755 p7/locked && chmod 644 p7/secret.py
}

determinism() {
    # whole standard library: identical output on 1 and 4 threads (normal build only: it is big)
    if [ -z "$py" ]; then
        skip "cli: stdlib: same findings, messages, json and sarif on 1 and 4 threads" "$(cpython_min_missing 3.8)"
        return
    fi
    cd "$stdlib" || return
    local a=$tmp/t1.txt b=$tmp/t4.txt
    timeout 300 "$G" check --isolated --output-format concise --threads 1 . >"$a" 2>"$tmp/e1"
    local rc1=$?
    timeout 300 "$G" check --isolated --output-format concise --threads 4 . >"$b" 2>"$tmp/e4"
    local rc4=$?
    rc=$rc1 out="$(head -5 "$a")" err="$(diff "$a" "$b" | head -20)"
    same_run() { [ "$rc1" -eq "$rc4" ] && [ "$rc1" -le 1 ] && [ -s "$a" ] && cmp -s "$a" "$b"; }
    check "stdlib: same findings on 1 and 4 threads" same_run
    check "stdlib: same messages on 1 and 4 threads" cmp -s "$tmp/e1" "$tmp/e4"
    local nfindings
    nfindings=$(grep -cE '^[^ ]+:[0-9]+:[0-9]+: GT[0-9]{3} ' "$a")
    timeout 300 "$G" check --isolated --output-format json --threads 1 json email >"$a" 2>/dev/null
    timeout 300 "$G" check --isolated --output-format json --threads 4 json email >"$b" 2>/dev/null
    check "json output identical on 1 and 4 threads" cmp -s "$a" "$b"
    # every finding of the stdlib run, in the structured formats, still parses and validates
    timeout 300 "$G" check --isolated --output-format json . >"$a" 2>/dev/null
    check_py "stdlib: json of every finding validates" "$root/tests/cli/check_json.py" "$nfindings" <"$a"
    timeout 300 "$G" check --isolated --output-format sarif . >"$a" 2>/dev/null
    check_py "stdlib: sarif of every finding validates" "$root/tests/cli/check_sarif.py" "$nfindings" <"$a"
    cd "$tmp" || return
}

rules_commands() {
    run rules
    check "rules: header and rule lines" [ $rc -eq 0 -a -n "$(grep -E '^CODE +NAME +DEFAULT +FIX +SUMMARY' <<<"$out")" \
        -a -n "$(grep -E '^GT[0-9]{3} ' <<<"$out")" ]
    # The list itself is checked against README.md and the fixtures by 44-rule-table.sh; here every
    # listed rule must have its `gotcha rule` page, by code and by name.
    local listed missing="" code name
    listed=$(awk '$1 ~ /^GT[0-9][0-9][0-9]$/ { print $1, $2 }' <<<"$out")
    while read -r code name; do
        "$G" rule "$code" 2>/dev/null | head -1 | grep -qxF "$code $name" || missing+=" $code"
        "$G" rule "$name" 2>/dev/null | head -1 | grep -qxF "$code $name" || missing+=" $name"
    done <<<"$listed"
    check "rules: every listed rule has its page (missing:$missing)" [ -z "$missing" ]
    check "rules: GT601 is preview" has_re '^GT601 +[a-z-]+ +preview ' "$out"
    run rule GT101
    check "rule GT101: name and every doc section" [ $rc -eq 0 \
        -a -n "$(grep -E '^GT101 mutated-default-argument$' <<<"$out")" \
        -a -n "$(grep -F 'What it finds' <<<"$out")" -a -n "$(grep -F 'Why it happens' <<<"$out")" \
        -a -n "$(grep -F 'Symptom in production' <<<"$out")" -a -n "$(grep -F 'How to fix it' <<<"$out")" \
        -a -n "$(grep -E '^Wrong$' <<<"$out")" -a -n "$(grep -E '^Right$' <<<"$out")" \
        -a -n "$(grep -F 'Nearest rule of other tools' <<<"$out")" ]
    check "rule GT101: peer is B006" has "B006" "$out"
    run rule mutated-default-argument
    check "rule by name" [ $rc -eq 0 -a -n "$(grep -E '^GT101 ' <<<"$out")" ]
    run rule GT999
    check "unknown rule exits 2" [ $rc -eq 2 ]
}

example_package() {
    cd "$root" || return
    run check examples/
    check "examples/: findings, exit 1" [ $rc -eq 1 -a -n "$(grep -E '^Found [0-9]+ errors\.$' <<<"$out")" ]
    run check --output-format json examples/
    check_py "examples/: every BUG marker found, correct code not flagged" "$root/tests/cli/check_examples.py" "$root/examples" <"$tmp/out"
}

suite() {
    basics
    noqa_forms
    stubs
    selection
    config_interplay
    stdin_input
    discovery
    bad_input
    rules_commands
    example_package
}

G=${GOTCHA:-$build/gotcha}
if [ ! -x "$G" ]; then
    echo "not ok - cli: $G not built"
    exit 0
fi
suite
determinism
if [ -x "${GOTCHA_ASAN:-}" ]; then
    G=$GOTCHA_ASAN label=" (asan)"
    suite
fi
exit 0
