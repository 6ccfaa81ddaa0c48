#!/usr/bin/env bash
# Unit tests of src/unicode/ (UTF-8 helpers, printability, NFKC) and of source/'s line table over
# raw text (tests/unit/test_unicode.c), normal and sanitizer builds.
set -u
. "${GOTCHA_ROOT:-$(dirname "$0")/../..}/tests/lib/unit.sh"
unit_both test_unicode
