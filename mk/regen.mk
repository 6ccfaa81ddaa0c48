# `make regen`: rewrite every generated source file from its generator in tools/ (the output is
# committed, so a normal build needs no Python). The generators need CPython 3.13: the tables
# follow its `ast` module and its Unicode database. tests/suites/15-generated.sh checks that the
# committed files are what `make regen` writes.
#
# Each area appends its target to REGEN_TARGETS (`REGEN_TARGETS += regen-foo`) and `regen` runs
# them all; the list is read when `regen` runs, so mk files may append in any include order.
PY313         ?= $(shell tests/lib/python.sh 3.13 2>/dev/null)
# The formal name aliases of the Unicode Character Database (Debian's unicode-data package).
NAME_ALIASES  ?= /usr/share/unicode/NameAliases.txt

REGEN_TARGETS += regen-ast

.PHONY: regen regen-ast
regen:
	@test -n "$(PY313)" || { echo "regen: no CPython 3.13 found (tests/lib/python.sh 3.13); set PY313"; exit 2; }
	@$(MAKE) --no-print-directory $(sort $(REGEN_TARGETS))

# The AST node structs, field tables and child tables (src/ast/ast_nodes.h, src/ast/ast_meta.c).
regen-ast:
	$(PY313) tools/gen_ast.py src/ast
