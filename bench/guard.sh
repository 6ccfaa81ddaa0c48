#!/usr/bin/env bash
# Bench section "guard": overhead of the runtime guard (make guard-bench), per CPython version.
set -eu
cd "$(dirname "$0")/.."
echo "== guard: gotcha_guard overhead"
make -s guard-bench
