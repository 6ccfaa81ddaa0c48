#!/usr/bin/env bash
# Manual oracle run over the 3.11.7 site-packages (tens of thousands of third-party files, which
# 3.13 parses too): prints the counts; every difference goes to build/oracle/site-packages-differences.txt.
# Usage: tests/oracle/site_packages.sh [GOTCHA_BINARY]   (make oracle-site-packages)
set -u
root=$(cd "$(dirname "$0")/../.." && pwd)
gotcha=${1:-${GOTCHA:-$root/build/gotcha}}
py=$("$root/tests/lib/python.sh" 3.13) || exit 1   # the oracle: PY313, python3.13 on PATH or pyenv
# The corpus: $SITE_PACKAGES, else the site-packages of a CPython 3.11 (pyenv's 3.11.7 here).
if [ -z "${SITE_PACKAGES:-}" ]; then
    py311=$("$root/tests/lib/python.sh" 3.11) || exit 1
    SITE_PACKAGES=$("$py311" -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')
fi
site=$SITE_PACKAGES
"$py" "$root/tests/oracle/oracle.py" --gotcha "$gotcha" --root "$site" \
    --name "oracle $site" --show 60 \
    --cache "$root/build/oracle-cache/site-packages-3.11.pickle" \
    --report "$root/build/oracle/site-packages-differences.txt"
