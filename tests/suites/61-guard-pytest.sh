#!/usr/bin/env bash
# gotcha_guard's pytest plugin under every CPython 3.8+ found (tests/lib/python.sh --all), with Debian's pytest
# (python3-pytest; python3-pytest-xdist for the worker check; python3-exceptiongroup and
# python3-tomli, which pytest needs before 3.11). The pure-Python packages are linked into one
# folder put on PYTHONPATH, so each interpreter imports the same pytest. Skipped, with a
# reason, when Debian's pytest is not installed.
set -u
root=${GOTCHA_ROOT:-$(cd "$(dirname "$0")/../.." && pwd)}
cd "$root" || exit 1

dist=/usr/lib/python3/dist-packages
if [ ! -d "$dist/pytest" ] || [ ! -d "$dist/_pytest" ]; then
    echo "ok - guard pytest plugin # SKIP Debian's python3-pytest is not installed"
    exit 0
fi
if ! build_log=$(make -s guard 2>&1); then
    echo "not ok - guard pytest: make guard builds the extension"
    sed 's/^/# /' <<<"$build_log" | head -20
    exit 0
fi

workdir=$(mktemp -d)
trap 'rm -rf "$workdir"' EXIT
site="$workdir/site"
mkdir -p "$site"
for package in pytest _pytest pluggy iniconfig packaging py py.py attr attrs exceptiongroup tomli \
               xdist execnet pytest-*.dist-info pytest_xdist-*.dist-info; do
    for path in "$dist"/$package; do
        [ -e "$path" ] && ln -s "$path" "$site/"
    done
done

. "$root/tests/lib/python.sh"
pythons=$(cpython_all 3.8)   # "X.Y.Z PATH" lines, oldest first
[ -n "$pythons" ] || { skip "guard pytest plugin" "$(cpython_min_missing 3.8)"; exit 0; }
while read -r version python; do
    if [ ! -d "$root/build/guard/$version" ]; then
        skip "guard $version pytest plugin" "the guard is not built for $python (no Python.h: its -dev package is not installed)"
        continue
    fi
    if [ "${version#3.}" != "$version" ] && [ "$(cut -d. -f2 <<<"$version")" -lt 11 ] \
       && { [ ! -e "$site/exceptiongroup" ] || [ ! -e "$site/tomli" ]; }; then
        echo "ok - guard $version pytest plugin # SKIP pytest needs python3-exceptiongroup and python3-tomli before 3.11"
        continue
    fi
    out=$(cd "$workdir" && PYTHONPATH="$root/build/guard/$version" "$python" \
          "$root/gotcha_guard/tests/plugin_checks.py" "$workdir/$version" "$site" 2>&1 </dev/null)
    status=$?
    printf '%s\n' "$out"
    if [ "$status" -ne 0 ]; then
        echo "not ok - guard $version pytest: checks ran to the end (exit status $status)"
    fi
done <<<"$pythons"
