#!/usr/bin/env bash
# `make bench`: runs each benchmark section in turn. A section is bench/SECTION.sh; add new ones
# (e.g. full check throughput) to SECTIONS. `bench/run.sh parse` runs only the named sections.
set -eu
cd "$(dirname "$0")/.."
SECTIONS=(parse check project guard playground)
[ $# -gt 0 ] && SECTIONS=("$@")
for section in "${SECTIONS[@]}"; do
    bash "bench/$section.sh"
done
