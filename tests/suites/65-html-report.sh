#!/usr/bin/env bash
# `--output-format html` (src/cli/report_html.c): the C-level escaping tests (tests/unit/
# test_report_html.c, normal and sanitizer builds); the page's structure and numbers against the
# JSON output of the same run (tests/cli/check_html.py) for examples/, a hostile fixture (file names
# and code made of markup) and 10,000 findings; determinism; no absolute path, URL or time in it;
# then the page in headless Chromium (tests/browser/report.test.mjs): filters, rule texts, diffs,
# hostile names shown as text, 10,000 findings, with screenshots in $GOTCHA_BUILD/test-shots/html-report.
set -u
root=${GOTCHA_ROOT:-$(cd "$(dirname "$0")/../.." && pwd)}
build=${GOTCHA_BUILD:-$root/build}
case $build in /*) ;; *) build=$root/$build ;; esac
GOTCHA=${GOTCHA:-$build/gotcha}
case $GOTCHA in /*) ;; *) GOTCHA=$root/$GOTCHA ;; esac
. "$root/tests/lib/python.sh"
. "$root/tests/lib/unit.sh"
py=$(cpython_path 3.13 || cpython_min 3.8)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

(cd "$root" && unit_both test_report_html)

check_area=html
. "$root/tests/lib/cli_run.sh"
G=$GOTCHA
has() { grep -qF -- "$1" <<<"$2"; }
# check_py NAME SCRIPT ARGS...: a skip without a CPython.
check_py() {
    local name=$1
    shift
    if [ -n "$py" ]; then check "$name" "$py" "$@"; else skip "html: $name" "$(cpython_min_missing 3.8)"; fi
}

# ---- fixtures: examples/, hostile names and code, 10,000 findings ----
cp -r "$root/examples" "$tmp/examples"
mkdir -p "$tmp/hostile/<script>alert(1)<" "$tmp/big"
cat > "$tmp/hostile/<script>alert(1)<"/'script>.py' <<'EOF'
def handle(request, seen=[]):  # </script><script>alert(2)</script>
    seen.append("<img src=x onerror=alert(3)>")
    return seen
EOF
cat > "$tmp/hostile/\"><img src=x onerror=alert(4)>.py" <<'EOF'
def check(role):
    # &lt;b&gt; stays as typed; <!-- and ]]> too
    return role is "<b onmouseover=alert(5)>admin</b>"
EOF
printf 'def f(x):\n    return x is "line\xe2\x80\xa8separator\xe2\x80\xa9"\n' > "$tmp/hostile/u2028.py"
# a minified line: the finding is 16,000 characters in
awk 'BEGIN { printf "x = ["; for (i = 0; i < 3000; i++) printf "%d, ", i; print "0]; y = x is \"<i>a</i>\"" }' > "$tmp/hostile/long.py"
# 100 files x (50 GT101 with an unsafe fix + 50 GT201 with a safe fix) = 10,000 findings
for f in $(seq -w 1 100); do
    awk 'BEGIN { for (i = 0; i < 50; i++)
        printf "def func_%d(items=[]):\n    items.append(%d)\n    return items\n\n\ndef check_%d(role):\n    return role is \"admin%d\"\n\n\n", i, i, i, i }' \
        > "$tmp/big/mod_$f.py"
done

cd "$tmp"
# report NAME PATH [OPTION]: NAME.html, NAME.json and NAME.files (the number of files checked) of PATH
report() {
    "$G" check --no-cache ${3:-} --output-format html -o "$1.html" "$2" 2>/dev/null
    "$G" check --no-cache ${3:-} --output-format json "$2" > "$1.json" 2>/dev/null
    "$G" check ${3:-} --show-files "$2" 2>/dev/null | wc -l | tr -d ' ' > "$1.files"
}
report examples examples   # with examples/pyproject.toml
report hostile hostile --isolated
report big big --isolated

# ---- the page without a browser ----
run check --no-cache --output-format html examples
check "exit status 1 with findings, as the other formats" test "$rc" -eq 1
check "the page goes to stdout as -o writes it" cmp -s "$tmp/out" examples.html
check "one whole document" eval '[ "$(head -n 1 examples.html)" = "<!DOCTYPE html>" ] && [ "$(tail -n 1 examples.html)" = "</html>" ]'
for name in examples hostile big; do
    check_py "$name: structure and numbers agree with the JSON output" "$root/tests/cli/check_html.py" \
        "$name.html" "$name.json" "$(cat $name.files)"
done
if [ -n "$py" ]; then
    stdlib=$("$py" -c 'import sysconfig; print(sysconfig.get_paths()["stdlib"])')
    (cd "$stdlib" && timeout 300 "$G" check --isolated --no-cache --output-format html . > "$tmp/stdlib.html" 2>/dev/null
     timeout 300 "$G" check --isolated --no-cache --output-format json . > "$tmp/stdlib.json" 2>/dev/null
     "$G" check --isolated --show-files . 2>/dev/null | wc -l | tr -d ' ' > "$tmp/stdlib.files")
    check "the standard library: structure and numbers agree with the JSON output" "$py" \
        "$root/tests/cli/check_html.py" stdlib.html stdlib.json "$(cat stdlib.files)"
else
    skip "html: the standard library: structure and numbers agree with the JSON output" "$(cpython_min_missing 3.8)"
fi
check "hostile: exactly two script elements, no injected element" \
    eval '[ "$(grep -o "<script" hostile.html | wc -l)" -eq 2 ] && ! grep -q "<img\|<b on" hostile.html'
check "hostile: U+2028 and U+2029 escaped in the data" \
    eval 'grep -qF "line\\u2028separator\\u2029" hostile.html && ! grep -q $'"'"'\xe2\x80\xa8'"'"' hostile.html'
check "no absolute path in the page" eval '! grep -qF "$tmp" examples.html hostile.html big.html && ! grep -qF "$root" examples.html'
run check --no-cache --threads 1 --output-format html -o again.html examples
check "the same input gives byte-identical pages (1 thread and many)" cmp -s examples.html again.html
check "no time in the page: a later run writes the same bytes" \
    eval 'sleep 1; "$G" check --no-cache --output-format html examples 2>/dev/null | cmp -s - examples.html'
run check --isolated --statistics --output-format html examples
check "--statistics with html: usage error" eval '[ $rc -eq 2 ] && has "--statistics" "$err"'
run check --help
check "--help names html" has "github, html" "$out"
run_stdin 'x = 1
' check --isolated --output-format html -
check "a clean run: All checks passed!" eval '[ $rc -eq 0 ] && has "All checks passed!" "$out"'
check "the page's script sets no HTML from data (no innerHTML, outerHTML, insertAdjacentHTML, document.write)" \
    eval '! grep -qE "innerHTML|outerHTML|insertAdjacentHTML|document\.write" "$root/src/cli/report_html.js"'
big_bytes=$(wc -c < big.html | tr -d ' ')
check "10,000 findings: the page is under 6 MB ($big_bytes bytes)" test "$big_bytes" -lt 6000000
echo "# html: 10,000 findings make a page of $big_bytes bytes"

# ---- the page in Chromium ----
chromium=${CHROMIUM:-/usr/bin/chromium}
if ! command -v node >/dev/null 2>&1; then
    skip "html: the report in Chromium" "node is not installed"
elif [ ! -x "$chromium" ]; then
    skip "html: the report in Chromium" "no Chromium at $chromium (set CHROMIUM)"
elif [ ! -d "$root/tests/node/node_modules/playwright-core" ]; then
    skip "html: the report in Chromium" "tests/node/node_modules is missing: run (cd tests/node && npm ci)"
else
    check "the page's script parses" node --check "$root/src/cli/report_html.js"
    shots=$build/test-shots/html-report
    rm -rf "$shots"
    echo "# html: screenshots in $shots"
    GOTCHA_SHOTS_DIR=$shots REPORT_DIR=$tmp timeout 300 node "$root/tests/browser/report.test.mjs" > browser.log 2>&1
    status=$?
    sed -n 's/^ok \(.*\)/ok - html: browser: \1/p; s/^FAIL \(.*\)/not ok - html: browser: \1/p; s/^\(screenshot\|measured\) \(.*\)/# html: \1 \2/p' browser.log
    if [ "$status" -ne 0 ] && ! grep -q '^FAIL ' browser.log; then
        echo "not ok - html: browser test ran to its end (status $status)"
        tail -n 15 browser.log | sed 's/^/# /'
    fi
fi
