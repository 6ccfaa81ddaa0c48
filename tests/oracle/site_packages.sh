#!/usr/bin/env bash
# Manual oracle run over the 3.11.7 site-packages (tens of thousands of third-party files, which
# 3.13 parses too): prints the counts; every difference goes to build/oracle/site-packages-differences.txt.
# Usage: tests/oracle/site_packages.sh [GOTCHA_BINARY]   (make oracle-site-packages)
set -u
root=$(cd "$(dirname "$0")/../.." && pwd)
gotcha=${1:-${GOTCHA:-$root/build/gotcha}}
py=${PY313:-$(pyenv prefix 3.13.0)/bin/python3.13}
site=${SITE_PACKAGES:-$(pyenv prefix 3.11.7)/lib/python3.11/site-packages}
"$py" "$root/tests/oracle/oracle.py" --gotcha "$gotcha" --root "$site" \
    --name "oracle site-packages 3.11.7" --show 60 \
    --cache "$root/build/oracle-cache/site-packages-3.11.pickle" \
    --report "$root/build/oracle/site-packages-differences.txt"
