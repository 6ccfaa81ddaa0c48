#!/usr/bin/env bash
# Unit tests of the check engine and the semantic model (tests/unit/test_engine.c), normal and
# sanitizer builds.
set -u
. "${GOTCHA_ROOT:-$(dirname "$0")/../..}/tests/lib/unit.sh"
unit_both test_engine
