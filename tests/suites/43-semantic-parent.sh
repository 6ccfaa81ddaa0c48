#!/usr/bin/env bash
# sem_parent_in against sem_parent (tests/unit/test_semantic_parent.c), normal and sanitizer builds.
set -u
. "${GOTCHA_ROOT:-$(dirname "$0")/../..}/tests/lib/unit.sh"
unit_both test_semantic_parent
