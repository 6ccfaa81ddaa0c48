# gotcha_guard: the runtime guard extension, built for every CPython 3.8+ that pyenv knows,
# into build/guard/<version>/gotcha_guard/ (add that folder's parent to PYTHONPATH to use it).
.PHONY: guard guard-bench guard-cpython-tests

GUARD_PYTHONS = $(shell pyenv versions --bare 2>/dev/null | grep -E '^3\.([89]|1[0-9])\.[0-9]+$$')

guard:
	@set -e; for version in $(GUARD_PYTHONS); do \
	  $(MAKE) --no-print-directory -f gotcha_guard/build.mk PYVERSION=$$version CC="$(CC)"; \
	done

# Overhead of the guard per CPython version: medians and ratios, one table per version.
# GUARD_BENCH_ARGS=--instructions counts instructions under callgrind instead (slow, load-proof).
guard-bench: guard
	@for version in $(GUARD_PYTHONS); do \
	  PYTHONPATH=$(CURDIR)/build/guard/$$version \
	    "$$(pyenv prefix $$version)/bin/python3" bench/guard_bench.py $(GUARD_BENCH_ARGS) || exit 1; \
	done

# Must hold: CPython's difflib/logging/json/functools/threading tests give the same results
# with the guard as without, and no report, on 3.13 and 3.11 (several minutes).
guard-cpython-tests: guard
	@bench/guard_cpython_tests.sh
