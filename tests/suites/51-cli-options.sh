#!/usr/bin/env bash
# The command-line habits of ruff users (issue 13): -o/--output-file, --exclude, --extend-exclude,
# --force-exclude (stdin too), --respect-gitignore, --show-fixes, --fix-only, --no-fix, --config
# KEY=VALUE, --color (a real terminal through `script`), -v, -V, "did you mean" for options and keys,
# the preview-only warning, --statistics formats, select = ["GT"], one --show-settings list, one list
# of target versions, target-version inferred from requires-python, extend-safe/unsafe-fixes.
# Runs against the normal build and, when present, the ASan+UBSan build ($GOTCHA_ASAN).
set -u
root=${GOTCHA_ROOT:-$(cd "$(dirname "$0")/../.." && pwd)}
build=${GOTCHA_BUILD:-$root/build}
tmp=$(mktemp -d)
chmod 755 "$tmp"
trap 'rm -rf "$tmp"' EXIT

check_area="cli options"
. "$root/tests/lib/cli_run.sh"
has() { grep -qF -- "$1" <<<"$2"; }
count() { grep -cF -- "$1" <<<"$2"; }

BAD='def f(x):
    return x is "a"
'
ESC=$'\033'

fresh() {   # fresh NAME: an empty work folder, entered
    rm -rf "${tmp:?}/$1" && mkdir -p "$tmp/$1" && cd "$tmp/$1" || exit 1
}

versions_and_help() {
    fresh v
    run -V
    check "-V prints the version" eval '[ $rc -eq 0 ] && [[ "$out" =~ ^gotcha\ [0-9]+\.[0-9]+\.[0-9]+$ ]]'
    run check --version
    check "check --version too" eval '[ $rc -eq 0 ] && [[ "$out" =~ ^gotcha\ [0-9] ]]'
    run check --help
    local opt
    for opt in --output-file --exclude --extend-exclude --force-exclude --respect-gitignore --show-fixes \
               --fix-only --no-fix --color --verbose --version "--config 'KEY = VALUE'"; do
        check "--help documents $opt" has "$opt" "$out"
    done
    check "--help names one list of target versions" eval 'has "py37 to py314" "$out" && ! has "py38" "$out"'
    printf 'target-version = "py36"\n' >gotcha.toml
    printf '%s' "$BAD" >a.py
    run check a.py
    check "the config error names the same list" eval '[ $rc -eq 2 ] && has "(py37 to py314)" "$err"'
    run check --isolated --target-version py36 a.py
    check "--target-version error names the same list" eval '[ $rc -eq 2 ] && has "(py37 to py314)" "$err"'
}

did_you_mean() {
    fresh dym
    printf '%s' "$BAD" >a.py
    run check --statistcs a.py
    check "unknown option: did you mean" eval '[ $rc -eq 2 ] && has "did you mean '"'"'--statistics'"'"'?" "$err"'
    run check --output_format=json a.py
    check "unknown option with =: did you mean" has "did you mean '--output-format'?" "$err"
    run check --unsafe a.py
    check "a unique start of an option: did you mean" has "did you mean '--unsafe-fixes'?" "$err"
    run check --frobnicate a.py
    check "nothing close: no suggestion" eval '[ $rc -eq 2 ] && ! has "did you mean" "$err"'
    printf '[tool.gotcha]\nextend-selct = ["GT1"]\n' >pyproject.toml
    run check a.py
    check "unknown config key: did you mean" eval '[ $rc -eq 2 ] && has "did you mean '"'"'extend-select'"'"'?" "$err"'
}

output_file_and_color() {
    fresh o
    printf '%s' "$BAD" >a.py
    run check --isolated --output-format concise -o report.txt a.py
    check "-o writes the report to the file" \
        eval '[ $rc -eq 1 ] && [ -z "$out" ] && grep -q "^a.py:2:12: GT201" report.txt && grep -q "^Found 1 error" report.txt'
    run check --isolated --output-format json --output-file=r.json a.py
    check "--output-file=FILE, json" eval '[ $rc -eq 1 ] && grep -q "\"code\": \"GT201\"" r.json'
    run check --isolated -o no/such/folder/r.txt a.py
    check "-o into a missing folder: exit 2" eval '[ $rc -eq 2 ] && has "no/such/folder/r.txt" "$err"'
    run check --isolated --color always --output-format concise a.py
    check "--color always: code, path and numbers coloured" \
        eval 'has "${ESC}[1ma.py${ESC}[0m" "$out" && has "${ESC}[1;31mGT201${ESC}[0m" "$out"'
    run check --isolated --color always a.py
    check "--color always: the excerpt's gutter and carets too" \
        eval 'has "${ESC}[1;34m2 |${ESC}[0m" "$out" && has "${ESC}[1;31m^^^^^^^^ GT201" "$out"'
    run check --isolated --color never a.py
    check "--color never: plain" eval '! has "$ESC" "$out"'
    run check --isolated a.py
    check "--color auto on a pipe: plain" eval '! has "$ESC" "$out"'
    FORCE_COLOR=1 run check --isolated a.py
    check "FORCE_COLOR forces colour" has "$ESC[" "$out"
    run check --isolated --color rainbow a.py
    check "--color with a bad value: exit 2" eval '[ $rc -eq 2 ] && has "auto, always or never" "$err"'
    if command -v script >/dev/null; then
        local tty
        tty=$(TERM=xterm script -qec "$G check --isolated --output-format concise a.py" /dev/null </dev/null 2>&1)
        out=$tty
        check "auto on a terminal: colour" has "${ESC}[1;31mGT201" "$tty"
        tty=$(NO_COLOR=1 TERM=xterm script -qec "$G check --isolated --output-format concise a.py" /dev/null </dev/null 2>&1)
        out=$tty
        check "auto on a terminal with NO_COLOR: plain" eval '! has "$ESC" "$tty" && has "GT201" "$tty"'
        tty=$(NO_COLOR=1 TERM=xterm script -qec "$G check --isolated --color always --output-format concise a.py" /dev/null </dev/null 2>&1)
        out=$tty
        check "--color always beats NO_COLOR" has "${ESC}[1;31mGT201" "$tty"
    else
        echo "ok - cli options: # SKIP no \`script\` for a terminal$label"
    fi
}

excludes() {
    fresh ex
    mkdir -p src/gen src/keep build
    printf '%s' "$BAD" >src/gen/g.py
    printf '%s' "$BAD" >src/keep/k.py
    printf '%s' "$BAD" >build/b.py
    printf '[tool.gotcha]\nextend-exclude = ["keep"]\n' >pyproject.toml
    run check --show-files .
    check "configured extend-exclude" eval '[ "$out" = "src/gen/g.py" ]'
    run check --show-files --extend-exclude gen .
    check "--extend-exclude adds to the configured ones" eval '[ -z "$out" ]'
    run check --show-files --exclude keep .
    check "--exclude replaces the default excludes (build/ is back)" \
        eval 'has "build/b.py" "$out" && has "src/gen/g.py" "$out" && ! has "k.py" "$out"'
    run check --show-files --exclude 'src/gen' .
    check "--exclude with a path is relative to the working folder" eval '! has "g.py" "$out" && has "build/b.py" "$out"'
    (cd src && run check --show-files --extend-exclude 'gen/*.py' . && [ "$out" = "" ])
    check "--extend-exclude from a sub-folder: its path is relative to that folder" test $? -eq 0
    run check --show-files src/keep/k.py
    check "a file named explicitly is checked" eval '[ "$out" = "src/keep/k.py" ]'
    run check --show-files --force-exclude src/keep/k.py build
    check "--force-exclude skips an excluded file and folder named explicitly" eval '[ $rc -eq 0 ] && [ -z "$out" ]'
    printf '[tool.gotcha]\nextend-exclude = ["keep"]\nforce-exclude = true\n' >pyproject.toml
    run check --show-files src/keep/k.py
    check "force-exclude = true in the config" eval '[ -z "$out" ]'
    run check --show-files --no-force-exclude src/keep/k.py
    check "--no-force-exclude wins over the config" eval '[ "$out" = "src/keep/k.py" ]'
    run_stdin "$BAD" check --stdin-filename src/keep/k.py -
    check "--force-exclude: an excluded --stdin-filename is not checked" \
        eval '[ $rc -eq 0 ] && ! has "GT201" "$out$err" && ! has "no Python files" "$err"'
    run_stdin "$BAD" check --fix --stdin-filename src/keep/k.py -
    check "--force-exclude --fix: the excluded stdin comes back unchanged" eval '[ "$out" = "${BAD%$'"'\n'"'}" ]'
    run_stdin "$BAD" check --stdin-filename src/gen/g.py -
    check "--force-exclude: a stdin file outside the excludes is checked" eval '[ $rc -eq 1 ] && has "GT201" "$out"'
}

gitignore() {
    fresh gi
    mkdir -p .git
    printf 'ignored/\n' >.gitignore
    mkdir -p ignored
    printf '%s' "$BAD" >ignored/i.py
    printf '%s' "$BAD" >a.py
    run check --show-files .
    check "gitignore honoured by default" eval '[ "$out" = "a.py" ]'
    run check --show-files --no-respect-gitignore .
    check "--no-respect-gitignore" has "ignored/i.py" "$out"
    printf 'respect-gitignore = false\n' >gotcha.toml
    run check --show-files .
    check "respect-gitignore = false in the config" has "ignored/i.py" "$out"
    run check --show-files --respect-gitignore .
    check "--respect-gitignore wins over the config" eval '[ "$out" = "a.py" ]'
}

config_overrides() {
    fresh cfg
    printf '%s' "$BAD" >a.py
    printf 'def g(x=[]):\n    x.append(1)\n' >b.py
    printf 'select = ["GT1"]\n' >gotcha.toml
    run check --output-format concise .
    check "config select applies" eval 'has "b.py" "$out" && ! has "GT201" "$out"'
    run check --output-format concise --config "select = ['GT2']" .
    check "--config KEY=VALUE overrides the file" eval 'has "GT201" "$out" && ! has "b.py" "$out"'
    run check --output-format concise --config "select = ['GT2']" --select GT1 .
    check "a dedicated flag wins over --config KEY=VALUE" eval 'has "b.py" "$out" && ! has "GT201" "$out"'
    printf 'select = ["GT201"]\n' >other.toml
    run check --output-format concise --config other.toml --config 'extend-select = ["GT101"]' .
    check "--config FILE plus an override" eval 'has "GT201" "$out" && has "GT101" "$out"'
    run check --config other.toml --config gotcha.toml .
    check "two --config files: exit 2" eval '[ $rc -eq 2 ] && has "two configuration files" "$err"'
    run check --config missing.toml .
    check "--config naming no file: exit 2" eval '[ $rc -eq 2 ] && has "missing.toml" "$err"'
    run check --config 'select = [' .
    check "--config with broken TOML: exit 2" eval '[ $rc -eq 2 ] && has "neither a file nor" "$err"'
    run check --config 'selct = ["GT1"]' .
    check "--config with an unknown key: did you mean" has "did you mean 'select'?" "$err"
    run check --isolated --config other.toml .
    check "--isolated with --config FILE: exit 2" eval '[ $rc -eq 2 ] && has "--isolated" "$err"'
    run check --isolated --output-format concise --config 'select = ["GT2"]' .
    check "--isolated with an override" eval '[ $rc -eq 1 ] && has "GT201" "$out" && ! has "b.py" "$out"'
    printf 'select = ["GT"]\nignore = ["GT2"]\n' >gotcha.toml
    run check --output-format concise .
    check "select = [\"GT\"]: any prefix, as on the command line" eval '[ $rc -eq 1 ] && has "b.py" "$out" && ! has "GT201" "$out"'
}

preview_and_statistics() {
    fresh pv
    printf '%s' "$BAD" >a.py
    run check --isolated --select GT6 a.py
    check "--select GT6 without --preview warns" \
        eval 'has "selection '"'"'GT6'"'"' has no effect" "$err" && has "GT601" "$err" && has "--preview" "$err"'
    run check --isolated --select GT6 --preview a.py
    check "--select GT6 --preview: no warning" eval '! has "no effect" "$err"'
    run check --isolated --select GT601 a.py
    check "--select GT601 (exact code): no warning" eval '! has "no effect" "$err"'
    run check --isolated --select GT2,GT6 a.py
    check "the warning names only the preview-only selector" eval 'has "'"'"'GT6'"'"'" "$err" && ! has "'"'"'GT2'"'"'" "$err"'
    printf 'extend-select = ["GT60"]\n' >gotcha.toml
    run check a.py
    check "a preview-only selector in the config warns too" has "'GT60' has no effect" "$err"
    rm gotcha.toml
    run check --isolated --statistics --output-format json a.py
    check "--statistics json: a JSON array of counts" \
        eval '[ $rc -eq 1 ] && has "\"code\": \"GT201\"" "$out" && has "\"count\": 1" "$out" && [ "${out:0:1}" = "[" ]'
    run check --isolated --statistics --output-format sarif a.py
    check "--statistics sarif: usage error" eval '[ $rc -eq 2 ] && [ -z "$out" ] && has "--statistics" "$err"'
    run check --isolated --statistics --output-format github a.py
    check "--statistics github: usage error" eval '[ $rc -eq 2 ] && [ -z "$out" ]'
    run check --isolated --statistics --output-format concise a.py
    check "--statistics concise: the table" eval '[ $rc -eq 1 ] && [[ "$out" =~ 1\ +GT201\ +is-literal ]]'
}

show_settings() {
    fresh ss
    printf '[project]\nrequires-python = ">=3.9"\n\n[tool.gotcha]\nselect = ["GT1"]\n' >pyproject.toml
    printf '%s' "$BAD" >a.py
    run check --show-settings --extend-select GT201 --fix --exclude gen .
    local key
    for key in config-file target-version select extend-select preview fix exclude output-format enabled-rules; do
        check "--show-settings: $key once" test "$(grep -c "^$key = " <<<"$out")" -eq 1
    done
    check "--show-settings: one list of key = value lines" \
        eval '[ -z "$(grep -vE "^([a-z-]+ = |    \"GT[0-9]+\",   # |\]$)" <<<"$out")" ]'
    check "--show-settings: the command line merged in" \
        eval 'has "extend-select = [\"GT201\"]" "$out" && has "fix = true" "$out" && has "exclude = [\"gen\"]" "$out"'
    check "--show-settings: target-version and where it came from" \
        has 'target-version = "py39"   # requires-python ">=3.9" in' "$out"
}

target_inference() {
    fresh ti
    printf 'def _f(items: list = []):\n    items.append(1)\n    return items\n' >m.py
    local spec want
    for spec in '>=3.8|py38' '>=3.8,<4|py38' '~=3.9|py39' '>3.7|py37' '==3.10.*|py310' '>=3.11|py311' \
                '>=3.6|py37' '>=3.8.dev0|py313'; do
        want=${spec#*|}
        spec=${spec%|*}
        printf '[project]\nname = "x"\nrequires-python = "%s"\n' "$spec" >pyproject.toml
        run check --show-settings .
        check "requires-python '$spec' -> $want" has "target-version = \"$want\"" "$out"
    done
    run check -v m.py
    check "-v says why the default stayed" \
        eval 'has "target-version py313: the default: requires-python \">=3.8.dev0\"" "$err" && has "not understood" "$err"'
    printf '[project]\nrequires-python = ">=3.8"\n' >pyproject.toml
    run check -v m.py
    check "-v: the settings and the target's origin" \
        eval 'has "no configuration file" "$err" && has "target-version py38: requires-python \">=3.8\"" "$err" && has "1 file to check" "$err"'
    run check --fix m.py
    check "inferred py38: the fix writes Optional[...]" \
        eval 'grep -q "items: Optional\[list\] = None" m.py && grep -q "^from typing import Optional" m.py'
    printf '[project]\nrequires-python = ">=3.8"\n\n[tool.gotcha]\ntarget-version = "py312"\n' >pyproject.toml
    run check --show-settings .
    check "target-version wins over requires-python" has 'target-version = "py312"' "$out"
    mkdir -p sub && printf 'select = ["GT1"]\n' >sub/gotcha.toml
    run check --show-settings sub
    check "a gotcha.toml below the pyproject.toml: requires-python still applies" has 'target-version = "py38"' "$out"
}

fix_modes() {
    fresh fx
    local code='def _f(x=[]):
    x.append(1)
    return x


def g(z):
    f = open("x")
    return z is "a"
'
    printf '%s' "$code" >m.py
    run check --isolated --output-format concise --fix m.py
    check "--fix: remaining findings at their new positions" has "m.py:9:9: GT301" "$out"
    check "--fix: how many were fixed" has "Found 3 errors (2 fixed, 1 remaining)." "$out"
    check "--fix without --show-fixes lists no fix" eval '! has "[fixed" "$out"'
    printf '%s' "$code" >m.py
    run check --isolated --output-format concise --fix --show-fixes m.py
    check "--show-fixes lists each fix at its old place" eval 'has "m.py:1:10: GT101 [fixed]" "$out" && has "m.py:8:12: GT201 [fixed]" "$out"'
    printf '%s' "$code" >m.py
    run check --isolated --fix-only m.py
    check "--fix-only: fixes, reports no finding, exit 0" \
        eval '[ $rc -eq 0 ] && [ "$out" = "Fixed 2 errors." ] && grep -q "z == \"a\"" m.py'
    run check --isolated --fix-only m.py
    check "--fix-only with nothing left to fix: silent" eval '[ $rc -eq 0 ] && [ -z "$out" ]'
    printf '%s' "$code" >m.py
    printf 'fix = true\n' >gotcha.toml
    run check m.py
    check "fix = true in the config fixes" eval 'grep -q "z == \"a\"" m.py'
    printf '%s' "$code" >m.py
    run check --no-fix m.py
    check "--no-fix wins over fix = true" eval '[ $rc -eq 1 ] && cmp -s m.py <(printf "%s" "$code")'
    printf 'unsafe-fixes = true\n' >gotcha.toml
    printf 'def pub(x=[]):\n    x.append(1)\n' >p.py
    run check --fix --no-unsafe-fixes p.py
    check "--no-unsafe-fixes wins over unsafe-fixes = true" eval 'grep -q "x=\[\]" p.py'
    run check --fix p.py
    check "unsafe-fixes = true applies the unsafe fix" eval 'grep -q "x=None" p.py'
}

fix_safety() {
    fresh sf
    printf 'def public(x=[]):\n    x.append(1)\n\n\ndef _g(z):\n    return z is "a"\n' >m.py
    cp m.py m.orig
    printf 'extend-safe-fixes = ["GT101"]\n' >gotcha.toml
    run check --fix m.py
    check "extend-safe-fixes: the public function's sentinel fix is applied by --fix" \
        eval '[ $rc -eq 0 ] && grep -q "x=None" m.py && has "(2 fixed, 0 remaining)" "$out"'
    cp m.orig m.py
    run check --output-format json m.py
    check "extend-safe-fixes: json says safe" eval '[ "$(grep -c "\"applicability\": \"safe\"" <<<"$out")" -eq 2 ]'
    printf 'extend-unsafe-fixes = ["GT2"]\n' >gotcha.toml
    run check --fix m.py
    check "extend-unsafe-fixes: the is-literal fix waits for --unsafe-fixes" \
        eval '[ $rc -eq 1 ] && cmp -s m.py m.orig && has "2 hidden fixes" "$out"'
    run check --fix --config 'extend-safe-fixes = ["GT"]' --config 'extend-unsafe-fixes = ["GT201"]' m.py
    check "the more specific selector wins" eval 'grep -q "x=None" m.py && grep -q "z is \"a\"" m.py'
}

suite() {
    versions_and_help
    did_you_mean
    output_file_and_color
    excludes
    gitignore
    config_overrides
    preview_and_statistics
    show_settings
    target_inference
    fix_modes
    fix_safety
}

G=${GOTCHA:-$build/gotcha}
if [ ! -x "$G" ]; then
    echo "not ok - cli options: $G not built"
    exit 0
fi
suite
if [ -x "${GOTCHA_ASAN:-}" ]; then
    G=$GOTCHA_ASAN label=" (asan)"
    suite
fi
exit 0
