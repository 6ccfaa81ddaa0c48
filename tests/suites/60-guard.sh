#!/usr/bin/env bash
# gotcha_guard, the runtime guard: builds it for every CPython 3.8+ that pyenv has (make guard),
# then runs gotcha_guard/tests/guard_checks.py under each of them. One "ok"/"not ok" line per
# check, prefixed by the Python version.
set -u
root=${GOTCHA_ROOT:-$(cd "$(dirname "$0")/../.." && pwd)}
cd "$root" || exit 1

if ! build_log=$(make -s guard 2>&1); then
    echo "not ok - guard: make guard builds the extension"
    sed 's/^/# /' <<<"$build_log" | head -40
    exit 0
fi
echo "ok - guard: make guard builds the extension"

workdir=$(mktemp -d)
trap 'rm -rf "$workdir"' EXIT

versions=$(pyenv versions --bare 2>/dev/null | grep -E '^3\.([89]|1[0-9])\.[0-9]+$')
if [ -z "$versions" ]; then
    echo "not ok - guard: no CPython 3.8+ found through pyenv"
    exit 0
fi
for version in $versions; do
    python="$(pyenv prefix "$version")/bin/python3"
    module=$(ls "build/guard/$version/gotcha_guard/"_guard*.so 2>/dev/null | head -1)
    if [ -z "$module" ]; then
        echo "not ok - guard $version: extension built into build/guard/$version"
        continue
    fi
    # Run from the work folder: the repository root holds the gotcha_guard sources, which
    # would shadow the built package on sys.path.
    out=$(cd "$workdir" && PYTHONPATH="$root/build/guard/$version" "$python" \
          "$root/gotcha_guard/tests/guard_checks.py" "$workdir/$version" 2>&1)
    status=$?
    printf '%s\n' "$out"
    if [ "$status" -ne 0 ]; then
        echo "not ok - guard $version: checks ran to the end (exit status $status)"
    fi
done
