# gotcha_guard: the runtime guard extension, built for every CPython 3.8+ on this machine (pyenv's
# versions, python3.N and python3 on PATH: tests/lib/python.sh --all) into
# build/guard/<version>/gotcha_guard/ (add that folder's parent to PYTHONPATH to use it). An
# interpreter without its C headers (Python.h; Debian: python3-dev) is skipped with a message.
.PHONY: guard guard-bench guard-cpython-tests

GUARD_PYTHONS = tests/lib/python.sh --all 3.8
GUARD_HAS_HEADERS = -c 'import os, sys, sysconfig; sys.exit(not os.path.exists(os.path.join(sysconfig.get_paths()["include"], "Python.h")))'

guard:
	@$(GUARD_PYTHONS) | { built=0; while read -r version python; do \
	  if ! "$$python" $(GUARD_HAS_HEADERS); then \
	    echo "guard: $$version ($$python) skipped: no Python.h (its -dev package is not installed)"; continue; \
	  fi; \
	  $(MAKE) --no-print-directory -f gotcha_guard/build.mk PYVERSION=$$version PYTHON=$$python CC="$(CC)" || exit 1; \
	  built=$$((built + 1)); \
	done; [ $$built -gt 0 ] || { echo "guard: no CPython 3.8+ with its headers found"; exit 1; }; }

# Overhead of the guard per CPython version: medians and ratios, one table per version.
# GUARD_BENCH_ARGS=--instructions counts instructions under callgrind instead (slow, load-proof).
# GUARD_BENCH_VERSIONS="3.8 3.11.7 3.13" measures only the versions starting with one of these.
guard-bench: guard
	@$(GUARD_PYTHONS) | while read -r version python; do \
	  [ -d build/guard/$$version ] || continue; \
	  match=0; for w in $${GUARD_BENCH_VERSIONS:-$$version}; do case "$$version." in "$$w".*) match=1;; esac; done; \
	  [ $$match = 1 ] || continue; \
	  PYTHONPATH=$(CURDIR)/build/guard/$$version "$$python" bench/guard_bench.py $(GUARD_BENCH_ARGS) || exit 1; \
	done

# Must hold: CPython's difflib/logging/json/functools/threading tests give the same results
# with the guard as without, and no report, on 3.13 and 3.11 (several minutes).
guard-cpython-tests: guard
	@bench/guard_cpython_tests.sh
