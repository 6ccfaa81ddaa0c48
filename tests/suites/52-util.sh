#!/usr/bin/env bash
# Unit tests of the small shared helpers (tests/unit/test_util_helpers.c: rule_util, fileio,
# xalloc), normal and sanitizer builds.
set -u
. "${GOTCHA_ROOT:-$(dirname "$0")/../..}/tests/lib/unit.sh"
unit_both test_util_helpers
